//! The statistics of a 2 x 2 table of persons (with / without a candidate, converted or not):
//! odds ratio with its Woolf interval, Fisher's exact test, Pearson's chi-square with Yates'
//! correction, and Benjamini-Hochberg adjusted p-values, as scipy and statsmodels compute them.

use statrs::distribution::{ChiSquared, ContinuousCDF, Discrete, Hypergeometric};

use crate::experiment::stats::{norm_quantile, significant};

/// Counts of one candidate: `[[a, b], [c, d]]` = converters and non-converters with it, then
/// converters and non-converters without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Table {
    pub a: u64,
    pub b: u64,
    pub c: u64,
    pub d: u64,
}

/// Which test gave a candidate's p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TestKind {
    /// Fisher's exact test (two-sided), when an expected count is under 5.
    Fisher,
    /// Pearson's chi-square with Yates' continuity correction otherwise.
    ChiSquare,
}

impl Table {
    fn cells(self) -> [f64; 4] {
        [self.a as f64, self.b as f64, self.c as f64, self.d as f64]
    }

    /// The cells with 0.5 added to each when one is zero (Haldane-Anscombe, as statsmodels'
    /// `Table2x2` does by default).
    fn shifted(self) -> [f64; 4] {
        let cells = self.cells();
        if cells.contains(&0.0) { cells.map(|x| x + 0.5) } else { cells }
    }

    /// The odds ratio `a d / (b c)` of the shifted cells.
    pub(crate) fn odds_ratio(self) -> Option<f64> {
        let [a, b, c, d] = self.shifted();
        let ratio = a * d / (b * c);
        ratio.is_finite().then(|| significant(ratio))
    }

    /// Woolf's interval of the odds ratio at `confidence`: `exp(ln OR ± z √(1/a + 1/b + 1/c + 1/d))`.
    pub(crate) fn odds_ratio_ci(self, confidence: f64) -> Option<[f64; 2]> {
        let [a, b, c, d] = self.shifted();
        let log = (a * d / (b * c)).ln();
        let se = (1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d).sqrt();
        let quantile = norm_quantile(0.5 + confidence / 2.0);
        let (low, high) = ((log - quantile * se).exp(), (log + quantile * se).exp());
        (low.is_finite() && high.is_finite()).then(|| [significant(low), significant(high)])
    }

    /// The expected counts under independence.
    fn expected(self) -> Option<[f64; 4]> {
        let [a, b, c, d] = self.cells();
        let total = a + b + c + d;
        let (with, without, converted, not) = (a + b, c + d, a + c, b + d);
        (total > 0.0)
            .then(|| [with * converted / total, with * not / total, without * converted / total, without * not / total])
    }

    /// The test this table gets (Fisher's when an expected count is under 5) and its two-sided
    /// p-value; none for a table with an empty row or column.
    pub(crate) fn test(self) -> Option<(TestKind, f64)> {
        let expected = self.expected()?;
        if expected.contains(&0.0) {
            return None;
        }
        if expected.iter().any(|e| *e < 5.0) {
            self.fisher().map(|p| (TestKind::Fisher, p))
        } else {
            self.chi_square().map(|p| (TestKind::ChiSquare, p))
        }
    }

    /// Two-sided Fisher exact p-value: the probability of every table with the same margins no
    /// more likely than this one (relative tolerance 1e-7, as scipy's `fisher_exact`).
    pub(crate) fn fisher(self) -> Option<f64> {
        let n = self.a + self.b + self.c + self.d;
        let (converted, with) = (self.a + self.c, self.a + self.b);
        let law = Hypergeometric::new(n, converted, with).ok()?;
        let low = (with + converted).saturating_sub(n);
        let high = with.min(converted);
        let observed = law.pmf(self.a);
        let p: f64 = (low..=high).map(|k| law.pmf(k)).filter(|&q| q <= observed * (1.0 + 1e-7)).sum();
        Some(significant(p.min(1.0)))
    }

    /// Pearson's chi-square p-value with Yates' correction, each |observed - expected| lowered
    /// by at most 0.5 (as scipy's `chi2_contingency(correction=True)`).
    pub(crate) fn chi_square(self) -> Option<f64> {
        let expected = self.expected()?;
        let statistic: f64 = (self.cells().iter().zip(expected))
            .map(|(o, e)| {
                let gap = ((o - e).abs() - 0.5).max(0.0);
                gap * gap / e
            })
            .sum();
        let law = ChiSquared::new(1.0).ok()?;
        Some(significant(1.0 - law.cdf(statistic)))
    }
}

/// Benjamini-Hochberg adjusted p-values (as statsmodels' `multipletests(method="fdr_bh")`), in
/// the input order; `None` stays `None` and does not count as a test.
pub(crate) fn benjamini_hochberg(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| p[i].is_some()).collect();
    order.sort_by(|&x, &y| p[x].unwrap_or(1.0).total_cmp(&p[y].unwrap_or(1.0)));
    let m = order.len() as f64;
    let mut out = vec![None; p.len()];
    let mut running: f64 = 1.0;
    for (rank, &i) in order.iter().enumerate().rev() {
        let adjusted = p[i].unwrap_or(1.0) * m / (rank as f64 + 1.0);
        running = running.min(adjusted).min(1.0);
        out[i] = Some(significant(running));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fisher_matches_the_tea_tasting_table() {
        // Fisher's lady tasting tea: [[3, 1], [1, 3]], two-sided p = 0.4857142857.
        let p = Table { a: 3, b: 1, c: 1, d: 3 }.fisher().unwrap_or(0.0);
        assert!((p - 0.485_714_285_7).abs() < 1e-9, "{p}");
    }

    #[test]
    fn benjamini_hochberg_steps_up() {
        let adjusted = benjamini_hochberg(&[Some(0.01), Some(0.04), None, Some(0.03)]);
        // Sorted 0.01, 0.03, 0.04 of m = 3: 0.03, 0.045, 0.04 -> running minimum from the top.
        assert_eq!(adjusted[2], None);
        assert!((adjusted[0].unwrap_or(0.0) - 0.03).abs() < 1e-12);
        assert!((adjusted[3].unwrap_or(0.0) - 0.04).abs() < 1e-12);
        assert!((adjusted[1].unwrap_or(0.0) - 0.04).abs() < 1e-12);
    }

    #[test]
    fn zero_cells_are_shifted_and_empty_margins_untested() {
        let table = Table { a: 0, b: 5, c: 10, d: 5 };
        // (0.5 x 5.5) / (5.5 x 10.5)
        assert!((table.odds_ratio().unwrap_or(0.0) - 0.5 / 10.5).abs() < 1e-9);
        assert_eq!(Table { a: 0, b: 0, c: 3, d: 4 }.test(), None);
    }
}
