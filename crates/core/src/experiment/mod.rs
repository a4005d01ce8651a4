//! A/B tests of campaign variants (the seed's "A/B testing"): variants assigned from a contact
//! attribute or from the property of an exposure event; per variant the conversion rate of an
//! event and the mean of a continuous metric; frequentist tests (two-proportion z-test, Welch's
//! t-test, Holm's correction across variants), Bayesian Beta-Binomial posteriors (probability
//! to beat control, expected loss), an always-valid p-value for teams that look every day, the
//! sample-ratio-mismatch check, and planning (sample size, minimum detectable effect).

mod from_log;
pub(crate) mod stats;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use stats::{Moments, beta_comparison, chi_square, cohens_h, holm, msprt_p, two_proportions, welch};

pub use from_log::{ExperimentParams, MetricSpec, VariantSource, experiment};

/// One variant's totals: the input of [`analyze`] (built from a log by [`experiment`], or given
/// directly from another tool's counts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantCounts {
    /// Variant name.
    pub variant: String,
    /// Persons exposed.
    pub n: u64,
    /// Of them, persons who converted.
    pub conversions: u64,
    /// Mean of the continuous metric per exposed person, when there is one.
    #[serde(default)]
    pub metric_mean: Option<f64>,
    /// Its sample variance (n - 1 denominator).
    #[serde(default)]
    pub metric_variance: Option<f64>,
}

/// Options of the analysis.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AnalysisParams {
    /// The control variant; by default `control`, else `A` / `a`, else the first variant in
    /// name order.
    pub control: Option<String>,
    /// Significance level of tests and intervals.
    pub alpha: f64,
    /// Power used by the planning figures.
    pub power: f64,
    /// Beta prior of every conversion rate: `[alpha, beta]`.
    pub prior: [f64; 2],
    /// Expected traffic shares of the variants (in name order) for the sample-ratio check;
    /// equal by default.
    pub expected_shares: Option<Vec<f64>>,
    /// p-value under which the split is reported as a sample-ratio mismatch.
    pub srm_threshold: f64,
    /// Standard deviation of the normal mixing distribution of the always-valid p-value, in
    /// units of the difference of conversion rates.
    pub msprt_tau: f64,
}

impl Default for AnalysisParams {
    fn default() -> Self {
        AnalysisParams {
            control: None,
            alpha: 0.05,
            power: 0.8,
            prior: [1.0, 1.0],
            expected_shares: None,
            srm_threshold: 0.001,
            msprt_tau: 0.05,
        }
    }
}

impl AnalysisParams {
    fn check(&self) -> Result<()> {
        let open = |v: f64| v > 0.0 && v < 1.0;
        if !open(self.alpha) || !open(self.power) || !open(self.srm_threshold) {
            return Err(Error::invalid_parameter("alpha", "alpha, power and srm_threshold must be in (0, 1)"));
        }
        if !self.prior.iter().all(|p| *p > 0.0 && p.is_finite()) {
            return Err(Error::invalid_parameter("prior", "both Beta prior parameters must be positive"));
        }
        if !(self.msprt_tau > 0.0 && self.msprt_tau.is_finite()) {
            return Err(Error::invalid_parameter("msprt_tau", "must be positive"));
        }
        Ok(())
    }
}

/// A test of one variant's difference with control.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Test {
    /// Variant minus control.
    pub difference: f64,
    /// difference / control (undefined when the control's value is 0).
    pub relative_lift: Option<f64>,
    /// z or t statistic.
    pub statistic: Option<f64>,
    /// Welch's degrees of freedom (t-test only).
    pub df: Option<f64>,
    /// Two-sided p-value.
    pub p_value: Option<f64>,
    /// Holm-adjusted p-value across the variants compared with control.
    pub p_value_adjusted: Option<f64>,
    /// Confidence interval of the difference, lower end.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// Adjusted p-value below alpha.
    pub significant: bool,
}

/// A variant against control, on conversion and on the continuous metric.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Comparison {
    /// Two-proportion z-test of the conversion rates.
    pub conversion: Option<Test>,
    /// Posterior probability that this variant's rate beats control's (numerical integration,
    /// 10 significant digits).
    pub probability_to_beat_control: Option<f64>,
    /// Expected loss (in conversion rate) of choosing this variant: E[max(control − variant, 0)].
    pub expected_loss: Option<f64>,
    /// Expected loss of keeping control instead: E[max(variant − control, 0)].
    pub control_expected_loss: Option<f64>,
    /// Always-valid p-value (mixture SPRT): valid however often the results are looked at.
    pub always_valid_p_value: Option<f64>,
    /// Welch's t-test of the metric means.
    pub metric: Option<Test>,
}

/// One variant's results.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct VariantResult {
    /// Variant name.
    pub variant: String,
    /// Persons exposed.
    pub n: u64,
    /// Persons who converted.
    pub conversions: u64,
    /// conversions / n.
    pub conversion_rate: Option<f64>,
    /// Wilson interval of the rate, lower end.
    pub rate_ci_low: Option<f64>,
    /// Upper end.
    pub rate_ci_high: Option<f64>,
    /// Beta posterior of the rate: `[alpha, beta]`.
    pub posterior: [f64; 2],
    /// Mean of the continuous metric.
    pub metric_mean: Option<f64>,
    /// Its sample standard deviation.
    pub metric_sd: Option<f64>,
    /// Against control (`None` for control itself).
    pub vs_control: Option<Comparison>,
}

/// The sample-ratio-mismatch check.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SampleRatio {
    /// Expected shares used.
    pub expected_shares: Vec<f64>,
    /// Observed shares.
    pub observed_shares: Vec<f64>,
    /// Pearson's chi-square statistic.
    pub chi_square: Option<f64>,
    /// Its p-value.
    pub p_value: Option<f64>,
    /// p-value under the threshold: the split is off, the results are suspect.
    pub mismatch: bool,
}

/// Planning figures for the control's rate and the current traffic.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Planning {
    /// The control's conversion rate.
    pub baseline_rate: Option<f64>,
    /// Smallest detectable rate (above the baseline) with the smallest variant's size, at the
    /// power and alpha given.
    pub detectable_rate: Option<f64>,
    /// (detectable − baseline) / baseline.
    pub detectable_relative_lift: Option<f64>,
}

/// The analysis of an A/B test. p-values, intervals and posterior figures are given to 10
/// significant digits, the same on every platform.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ExperimentResult {
    /// The control variant.
    pub control: String,
    /// Significance level.
    pub alpha: f64,
    /// Variants in name order.
    pub variants: Vec<VariantResult>,
    /// Sample-ratio check.
    pub sample_ratio: SampleRatio,
    /// Planning figures.
    pub planning: Planning,
    /// Persons exposed to more than one variant (left out), when read from a log.
    pub conflicted: u64,
    /// Warnings in plain English (sample-ratio mismatch, too few conversions).
    pub warnings: Vec<String>,
}

/// Two-sided p-value of the difference of two proportions `xa / na` and `xb / nb` (pooled
/// z-test); undefined without persons or variance.
pub(crate) fn two_proportion_p(xa: f64, na: f64, xb: f64, nb: f64) -> Option<f64> {
    two_proportions(xa, na, xb, nb, 0.05)?.p_value
}

fn wilson(x: f64, n: f64, alpha: f64) -> Option<(f64, f64)> {
    let [low, high] = crate::math::wilson(x, n, 1.0 - alpha)?;
    Some((stats::significant(low), stats::significant(high)))
}

fn test_of(d: stats::Difference, base: Option<f64>) -> Test {
    Test {
        difference: d.estimate,
        relative_lift: base.and_then(|b| crate::metrics::ratio(d.estimate, b.abs())),
        statistic: d.statistic,
        df: d.df,
        p_value: d.p_value,
        p_value_adjusted: None,
        ci_low: d.ci.map(|c| c.0),
        ci_high: d.ci.map(|c| c.1),
        significant: false,
    }
}

/// Sets the Holm-adjusted p-values and significance of the tests picked by `field`.
fn adjust(variants: &mut [VariantResult], alpha: f64, field: fn(&mut Comparison) -> Option<&mut Test>) {
    let p: Vec<Option<f64>> =
        variants.iter_mut().map(|v| v.vs_control.as_mut().and_then(field).and_then(|t| t.p_value)).collect();
    for (v, adjusted) in variants.iter_mut().zip(holm(&p)) {
        if let Some(test) = v.vs_control.as_mut().and_then(field) {
            test.p_value_adjusted = adjusted;
            test.significant = adjusted.is_some_and(|p| p < alpha);
        }
    }
}

fn posterior(v: &VariantCounts, params: &AnalysisParams) -> [f64; 2] {
    [params.prior[0] + v.conversions as f64, params.prior[1] + (v.n - v.conversions) as f64]
}

fn moments(v: &VariantCounts) -> Option<Moments> {
    v.metric_mean.zip(v.metric_variance).map(|(mean, variance)| Moments { n: v.n as f64, mean, variance })
}

/// One variant's figures, and its tests against `base` unless it is the control.
fn variant_result(v: &VariantCounts, base: &VariantCounts, control: &str, params: &AnalysisParams) -> VariantResult {
    let alpha = params.alpha;
    let (n, x) = (v.n as f64, v.conversions as f64);
    let (base_n, base_x) = (base.n as f64, base.conversions as f64);
    let ci = wilson(x, n, alpha);
    let vs_control = (v.variant != control).then(|| {
        let conversion = two_proportions(base_x, base_n, x, n, alpha);
        let (beat, loss) = beta_comparison(posterior(base, params).into(), posterior(v, params).into()).unzip();
        let control_loss = beta_comparison(posterior(v, params).into(), posterior(base, params).into()).map(|(_, l)| l);
        let always_valid = conversion.and_then(|d| {
            let (pa, pb) = (base_x / base_n, x / n);
            msprt_p(d.estimate, pa * (1.0 - pa) / base_n + pb * (1.0 - pb) / n, params.msprt_tau.powi(2))
        });
        Comparison {
            conversion: conversion.map(|d| test_of(d, crate::metrics::ratio(base_x, base_n))),
            probability_to_beat_control: beat,
            expected_loss: loss,
            control_expected_loss: control_loss,
            always_valid_p_value: always_valid,
            metric: moments(base)
                .zip(moments(v))
                .and_then(|(a, b)| welch(a, b, alpha))
                .map(|d| test_of(d, base.metric_mean)),
        }
    });
    VariantResult {
        variant: v.variant.clone(),
        n: v.n,
        conversions: v.conversions,
        conversion_rate: crate::metrics::ratio(x, n),
        rate_ci_low: ci.map(|c| c.0),
        rate_ci_high: ci.map(|c| c.1),
        posterior: posterior(v, params),
        metric_mean: v.metric_mean,
        metric_sd: v.metric_variance.map(f64::sqrt),
        vs_control,
    }
}

/// Planning figures: the rate detectable with the smallest variant's size.
fn planning(counts: &[VariantCounts], base: &VariantCounts, params: &AnalysisParams) -> Planning {
    let base_rate = crate::metrics::ratio(base.conversions as f64, base.n as f64);
    let smallest = counts.iter().map(|v| v.n).min().unwrap_or(0) as f64;
    let detectable_rate = base_rate.and_then(|p| {
        stats::detectable_h(smallest, params.alpha, params.power).map(|h| {
            let angle = f64::midpoint(h, 2.0 * p.sqrt().asin());
            if angle >= std::f64::consts::FRAC_PI_2 { 1.0 } else { stats::significant(angle.sin().powi(2)) }
        })
    });
    Planning {
        baseline_rate: base_rate,
        detectable_rate,
        detectable_relative_lift: detectable_rate.zip(base_rate).and_then(|(d, b)| crate::metrics::ratio(d - b, b)),
    }
}

/// Analyzes variant totals: tests against control, posteriors, sample ratio, planning.
///
/// ```
/// use webinar_analytics::experiment::{AnalysisParams, VariantCounts, analyze};
///
/// let counts = |variant: &str, n, conversions| VariantCounts {
///     variant: variant.into(), n, conversions, metric_mean: None, metric_variance: None,
/// };
/// let result = analyze(&[counts("A", 5000, 250), counts("B", 5000, 320)], &AnalysisParams::default())?;
/// let b = result.variants[1].vs_control.as_ref().unwrap();
/// assert!(b.conversion.as_ref().unwrap().significant);
/// assert!(b.probability_to_beat_control.unwrap() > 0.99);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// `invalid_parameter` for fewer than two variants, duplicated names, conversions above `n`,
/// an unknown control, bad expected shares or bad options.
pub fn analyze(counts: &[VariantCounts], params: &AnalysisParams) -> Result<ExperimentResult> {
    params.check()?;
    let mut counts = counts.to_vec();
    counts.sort_by(|a, b| a.variant.cmp(&b.variant));
    if counts.len() < 2 {
        return Err(Error::invalid_parameter("variants", "an experiment needs at least two variants"));
    }
    if let Some(w) = counts.windows(2).find(|w| w[0].variant == w[1].variant) {
        return Err(Error::invalid_parameter("variants", format!("variant {:?} appears twice", w[0].variant)));
    }
    if let Some(v) = counts.iter().find(|v| v.conversions > v.n) {
        return Err(Error::invalid_parameter(
            "variants",
            format!("variant {:?} has more conversions than persons", v.variant),
        ));
    }
    let control = match &params.control {
        Some(c) => c.clone(),
        None => ["control", "A", "a"]
            .iter()
            .find(|c| counts.iter().any(|v| v.variant == **c))
            .map_or_else(|| counts[0].variant.clone(), |c| (*c).to_owned()),
    };
    let base = counts
        .iter()
        .find(|v| v.variant == control)
        .cloned()
        .ok_or_else(|| Error::invalid_parameter("control", format!("{control:?} is not a variant")))?;
    let alpha = params.alpha;
    let mut variants: Vec<VariantResult> = counts.iter().map(|v| variant_result(v, &base, &control, params)).collect();
    adjust(&mut variants, alpha, |c| c.conversion.as_mut());
    adjust(&mut variants, alpha, |c| c.metric.as_mut());
    let sample_ratio = sample_ratio(&counts, params)?;
    let mut warnings = Vec::new();
    if sample_ratio.mismatch {
        warnings.push(format!(
            "sample ratio mismatch: the split {:?} is unlikely under the expected {:?} (p = {:.2e}); check the assignment before trusting the results",
            sample_ratio.observed_shares,
            sample_ratio.expected_shares,
            sample_ratio.p_value.unwrap_or(0.0)
        ));
    }
    if counts.iter().any(|v| v.conversions < 10 || v.n - v.conversions < 10) {
        warnings.push(
            "fewer than 10 conversions (or non-conversions) in a variant: normal approximations are rough".to_owned(),
        );
    }
    Ok(ExperimentResult {
        control,
        alpha,
        planning: planning(&counts, &base, params),
        variants,
        sample_ratio,
        conflicted: 0,
        warnings,
    })
}

fn sample_ratio(counts: &[VariantCounts], params: &AnalysisParams) -> Result<SampleRatio> {
    let shares = params.expected_shares.clone().unwrap_or_else(|| vec![1.0; counts.len()]);
    if shares.len() != counts.len() || shares.iter().any(|s| !(s.is_finite() && *s > 0.0)) {
        return Err(Error::invalid_parameter(
            "expected_shares",
            format!("needs one positive share per variant ({}), in variant name order", counts.len()),
        ));
    }
    let share_total: f64 = shares.iter().sum();
    let observed: Vec<f64> = counts.iter().map(|v| v.n as f64).collect();
    let total: f64 = observed.iter().sum();
    let test = chi_square(&observed, &shares);
    Ok(SampleRatio {
        expected_shares: shares.iter().map(|s| s / share_total).collect(),
        observed_shares: observed.iter().map(|o| if total > 0.0 { o / total } else { 0.0 }).collect(),
        chi_square: test.map(|t| t.0),
        p_value: test.map(|t| t.1),
        mismatch: test.is_some_and(|t| t.1 < params.srm_threshold),
    })
}

/// Sample size per variant to detect a change of a conversion rate from `baseline` to
/// `target` with `power` at `alpha` (two-sided, Cohen's h, as statsmodels'
/// `NormalIndPower().solve_power(proportion_effectsize(target, baseline), ...)`), rounded up.
///
/// ```
/// use webinar_analytics::experiment::sample_size;
///
/// assert_eq!(sample_size(0.10, 0.12, 0.05, 0.8)?, 3835);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// `invalid_parameter` for rates outside (0, 1), equal rates, or alpha / power outside (0, 1).
pub fn sample_size(baseline: f64, target: f64, alpha: f64, power: f64) -> Result<u64> {
    let open = |v: f64| v > 0.0 && v < 1.0;
    if !(open(baseline) && open(target) && open(alpha) && open(power)) || (baseline - target).abs() < f64::EPSILON {
        return Err(Error::invalid_parameter(
            "rates",
            "baseline and target must differ and lie in (0, 1); alpha and power in (0, 1)",
        ));
    }
    stats::sample_size(cohens_h(baseline, target), alpha, power)
        .map(|n| n.ceil() as u64)
        .ok_or_else(|| Error::invalid_parameter("rates", "no sample size reaches that power"))
}
