//! The statistics of A/B tests: two-proportion z-test, Welch's t-test, Holm's correction,
//! Beta-Binomial posteriors, sample size and minimum detectable effect, an always-valid
//! (mixture SPRT) p-value, and the sample-ratio-mismatch chi-square test.

use statrs::distribution::{Beta, ChiSquared, Continuous, ContinuousCDF, Normal, StudentsT};

fn standard_normal() -> Normal {
    Normal::standard()
}

/// Φ(x).
pub(crate) fn norm_cdf(x: f64) -> f64 {
    standard_normal().cdf(x)
}

/// Φ⁻¹(p).
pub(crate) fn norm_quantile(p: f64) -> f64 {
    standard_normal().inverse_cdf(p)
}

/// A test of a difference: estimate, two-sided p-value and confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Difference {
    pub estimate: f64,
    pub statistic: Option<f64>,
    pub p_value: Option<f64>,
    pub ci: Option<(f64, f64)>,
    pub df: Option<f64>,
}

/// Two-proportion z-test of `b - a` (pooled standard error for the statistic, as statsmodels'
/// `proportions_ztest`; unpooled for the Wald interval).
pub(crate) fn two_proportions(xa: f64, na: f64, xb: f64, nb: f64, alpha: f64) -> Option<Difference> {
    if na <= 0.0 || nb <= 0.0 {
        return None;
    }
    let (pa, pb) = (xa / na, xb / nb);
    let pooled = (xa + xb) / (na + nb);
    let se_pooled = (pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb)).sqrt();
    let statistic = (se_pooled > 0.0).then(|| (pb - pa) / se_pooled);
    let se = (pa * (1.0 - pa) / na + pb * (1.0 - pb) / nb).sqrt();
    let z = norm_quantile(1.0 - alpha / 2.0);
    Some(Difference {
        estimate: pb - pa,
        statistic,
        p_value: statistic.map(|s| significant(2.0 * norm_cdf(-s.abs()))),
        ci: Some((significant(pb - pa - z * se), significant(pb - pa + z * se))),
        df: None,
    })
}

/// Mean, sample variance and count of one group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Moments {
    pub n: f64,
    pub mean: f64,
    pub variance: f64,
}

/// Welch's t-test of `b - a` (unequal variances, Welch-Satterthwaite degrees of freedom), as
/// scipy's `ttest_ind(equal_var=False)`.
pub(crate) fn welch(a: Moments, b: Moments, alpha: f64) -> Option<Difference> {
    if a.n < 2.0 || b.n < 2.0 {
        return None;
    }
    let (va, vb) = (a.variance / a.n, b.variance / b.n);
    let se = (va + vb).sqrt();
    let estimate = b.mean - a.mean;
    if se <= 0.0 {
        return Some(Difference { estimate, statistic: None, p_value: None, ci: None, df: None });
    }
    let df = (va + vb).powi(2) / (va * va / (a.n - 1.0) + vb * vb / (b.n - 1.0));
    let t = StudentsT::new(0.0, 1.0, df).ok()?;
    let statistic = estimate / se;
    let q = t.inverse_cdf(1.0 - alpha / 2.0);
    Some(Difference {
        estimate,
        statistic: Some(statistic),
        p_value: Some(significant(2.0 * t.cdf(-statistic.abs()))),
        ci: Some((significant(estimate - q * se), significant(estimate + q * se))),
        df: Some(df),
    })
}

/// Holm's step-down adjusted p-values (as statsmodels' `multipletests(method="holm")`), in the
/// input order; `None` stays `None` and does not count as a test.
pub(crate) fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut order: Vec<usize> = (0..p.len()).filter(|i| p[*i].is_some()).collect();
    order.sort_by(|a, b| p[*a].unwrap_or(1.0).total_cmp(&p[*b].unwrap_or(1.0)));
    let m = order.len() as f64;
    let mut out = vec![None; p.len()];
    let mut running: f64 = 0.0;
    for (rank, i) in order.iter().enumerate() {
        let adjusted = ((m - rank as f64) * p[*i].unwrap_or(1.0)).min(1.0);
        running = running.max(adjusted);
        out[*i] = Some(running);
    }
    out
}

/// Simpson's rule of `f` over `[lo, hi]` with `n` (even) intervals.
fn simpson(f: impl Fn(f64) -> f64, lo: f64, hi: f64, n: usize) -> f64 {
    let h = (hi - lo) / n as f64;
    let mut sum = f(lo) + f(hi);
    for i in 1..n {
        sum += f(lo + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
    }
    sum * h / 3.0
}

/// The range where a Beta(a, b) density has essentially all its mass.
fn support(a: f64, b: f64) -> (f64, f64) {
    let mean = a / (a + b);
    let sd = (a * b / ((a + b).powi(2) * (a + b + 1.0))).sqrt();
    ((mean - 12.0 * sd).max(0.0), (mean + 12.0 * sd).min(1.0))
}

/// `P(θ_B > θ_A)` and the expected loss of choosing B, `E[max(θ_A − θ_B, 0)]`, for independent
/// Beta posteriors (numerical integration over B's support, 4,000 Simpson intervals).
pub(crate) fn beta_comparison(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let pa = Beta::new(a.0, a.1).ok()?;
    let pa_shifted = Beta::new(a.0 + 1.0, a.1).ok()?;
    let pb = Beta::new(b.0, b.1).ok()?;
    let mean_a = a.0 / (a.0 + a.1);
    let (lo, hi) = support(b.0, b.1);
    if hi <= lo {
        return None;
    }
    let density = |x: f64| if x <= 0.0 || x >= 1.0 { 0.0 } else { pb.pdf(x) };
    let beat = simpson(|x| density(x) * pa.cdf(x), lo, hi, 4000);
    // E[max(A - x, 0)] = E[A; A > x] - x P(A > x), with E[A; A > x] = mean_A (1 - F_{a+1,b}(x)).
    let loss = simpson(|x| density(x) * (mean_a * (1.0 - pa_shifted.cdf(x)) - x * (1.0 - pa.cdf(x))), lo, hi, 4000);
    Some((significant(beat.clamp(0.0, 1.0)), significant(loss.max(0.0))))
}

/// `x` to 10 significant digits. Results that go through transcendental functions (p-values,
/// intervals, posteriors) are rounded so that every platform gives the same digits: WASM's and
/// the native C library's `exp` / `ln` differ in the last bits. Rust's float formatting is
/// exact and platform-independent.
pub(crate) fn significant(x: f64) -> f64 {
    format!("{x:.9e}").parse().unwrap_or(x)
}

/// Power of a two-sided z-test with standardized effect `h` and `n` per group.
fn power(h: f64, n: f64, alpha: f64) -> f64 {
    let z = norm_quantile(1.0 - alpha / 2.0);
    let shift = h.abs() * (n / 2.0).sqrt();
    norm_cdf(shift - z) + norm_cdf(-shift - z)
}

/// Cohen's h between two proportions.
pub(crate) fn cohens_h(p1: f64, p2: f64) -> f64 {
    2.0 * p2.sqrt().asin() - 2.0 * p1.sqrt().asin()
}

/// Persons per variant to detect `h` with `power` at `alpha` (two-sided, both tails counted,
/// as statsmodels' `NormalIndPower().solve_power`), not rounded.
pub(crate) fn sample_size(h: f64, alpha: f64, target: f64) -> Option<f64> {
    if h == 0.0 || !h.is_finite() {
        return None;
    }
    let z = norm_quantile(1.0 - alpha / 2.0) + norm_quantile(target);
    let mut hi = (2.0 * (z / h).powi(2)).max(2.0) * 2.0;
    let mut lo = 0.0;
    for _ in 0..200 {
        let mid = f64::midpoint(lo, hi);
        if power(h, mid, alpha) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(hi)
}

/// The smallest Cohen's h detectable with `n` per variant.
pub(crate) fn detectable_h(n: f64, alpha: f64, target: f64) -> Option<f64> {
    if n <= 0.0 {
        return None;
    }
    let (mut lo, mut hi) = (0.0, 2.0 * std::f64::consts::PI);
    for _ in 0..200 {
        let mid = f64::midpoint(lo, hi);
        if power(mid, n, alpha) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(hi)
}

/// The always-valid p-value of a normal mixture SPRT (Johari, Pekelis and Walsh) for an
/// estimate `theta` with variance `v`, mixing variance `tau2`: 1 / Λ, at most 1.
pub(crate) fn msprt_p(theta: f64, v: f64, tau2: f64) -> Option<f64> {
    if v <= 0.0 || tau2 <= 0.0 {
        return None;
    }
    let log_lambda = 0.5 * (v / (v + tau2)).ln() + tau2 * theta * theta / (2.0 * v * (v + tau2));
    Some(significant((-log_lambda).exp().min(1.0)))
}

/// Pearson's chi-square goodness of fit of `observed` to `expected` shares: statistic and
/// p-value.
pub(crate) fn chi_square(observed: &[f64], shares: &[f64]) -> Option<(f64, f64)> {
    let total: f64 = observed.iter().sum();
    let share_total: f64 = shares.iter().sum();
    if observed.len() < 2 || total <= 0.0 || share_total <= 0.0 {
        return None;
    }
    let statistic: f64 = observed
        .iter()
        .zip(shares)
        .map(|(o, s)| {
            let e = total * s / share_total;
            if e > 0.0 { (o - e).powi(2) / e } else { 0.0 }
        })
        .sum();
    let dist = ChiSquared::new((observed.len() - 1) as f64).ok()?;
    Some((statistic, significant(1.0 - dist.cdf(statistic))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holm_matches_the_step_down_rule() {
        let adjusted = holm(&[Some(0.01), Some(0.04), None, Some(0.03)]);
        assert_eq!(adjusted[0], Some(0.03));
        assert_eq!(adjusted[2], None);
        // 0.03 x 2 = 0.06; 0.04 x 1 = 0.04, raised to the running maximum 0.06.
        assert!((adjusted[3].unwrap_or(0.0) - 0.06).abs() < 1e-12);
        assert!((adjusted[1].unwrap_or(0.0) - 0.06).abs() < 1e-12);
    }

    #[test]
    fn beta_comparison_is_symmetric_at_equal_posteriors() {
        let (beat, loss) = beta_comparison((51.0, 951.0), (51.0, 951.0)).unwrap_or((0.0, 0.0));
        assert!((beat - 0.5).abs() < 1e-6, "{beat}");
        assert!(loss > 0.0);
        let (clear, small) = beta_comparison((11.0, 991.0), (101.0, 901.0)).unwrap_or((0.0, 1.0));
        assert!(clear > 0.999_999 && small < 1e-9);
    }
}
