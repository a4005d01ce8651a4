//! A/B tests of campaign variants (the seed's "A/B testing"): variants assigned from a contact
//! attribute or from the property of an exposure event; per variant the conversion rate of an
//! event and the mean of a continuous metric; frequentist tests (two-proportion z-test, Welch's
//! t-test, Holm's correction across variants), Bayesian Beta-Binomial posteriors (probability
//! to beat control, expected loss), an always-valid p-value for teams that look every day, the
//! sample-ratio-mismatch check, and planning (sample size, minimum detectable effect).

mod stats;

use serde::{Deserialize, Serialize};

use crate::engagement::{EngagementWeights, engagement};
use crate::error::{Error, Result};
use std::collections::BTreeMap;

use crate::events::{DictColumn, EventLog, NULL_CODE, PersonEvents, PropValue, Timestamp};
use stats::{Moments, beta_comparison, chi_square, cohens_h, holm, msprt_p, norm_quantile, two_proportions, welch};

/// One variant's totals: the input of [`analyze`] (built from a log by [`experiment`], or given
/// directly from another tool's counts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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

fn wilson(x: f64, n: f64, alpha: f64) -> Option<(f64, f64)> {
    if n <= 0.0 {
        return None;
    }
    let z = norm_quantile(1.0 - alpha / 2.0);
    let p = x / n;
    let denominator = 1.0 + z * z / n;
    let center = (p + z * z / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denominator;
    Some((stats::significant(center - half), stats::significant(center + half)))
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

/// Where a person's variant comes from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantSource {
    /// A contact attribute holding the variant (`subject_variant`).
    pub attribute: Option<String>,
    /// An exposure event (`email_open`, `page_view`) ...
    pub event: Option<String>,
    /// ... whose property holds the variant (`subject`, `landing_variant`).
    pub property: Option<String>,
}

/// The continuous metric compared across variants.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricSpec {
    /// `value_sum` (sum of the `value` of `event`, such as revenue per person), `count` (events
    /// of `event` per person) or `attended_minutes`.
    pub kind: String,
    /// The event of `value_sum` and `count`.
    pub event: Option<String>,
}

/// Options of [`experiment`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExperimentParams {
    /// Where variants come from.
    pub variant: Option<VariantSource>,
    /// The conversion event (after exposure when the variant comes from an event).
    pub conversion_event: String,
    /// The continuous metric, if any.
    pub metric: Option<MetricSpec>,
    /// Ignore later events.
    pub as_of: Option<Timestamp>,
    /// The analysis options.
    #[serde(flatten)]
    pub analysis: AnalysisParams,
}

impl Default for ExperimentParams {
    fn default() -> Self {
        ExperimentParams {
            variant: None,
            conversion_event: "purchase".to_owned(),
            metric: None,
            as_of: None,
            analysis: AnalysisParams::default(),
        }
    }
}

/// Running mean and sum of squared deviations (Welford).
#[derive(Default, Clone, Copy)]
struct Welford {
    n: f64,
    mean: f64,
    m2: f64,
}

impl Welford {
    fn push(&mut self, x: f64) {
        self.n += 1.0;
        let delta = x - self.mean;
        self.mean += delta / self.n;
        self.m2 += delta * (x - self.mean);
    }
}

fn text(value: &PropValue) -> String {
    value.as_str().map_or_else(|| serde_json::to_string(value).unwrap_or_default(), str::to_owned)
}

/// A person's exposure.
enum Exposure {
    /// Not in the experiment.
    Out,
    /// Exposed to two variants.
    Conflict,
    /// The variant, and when the person was first exposed (`i64::MIN` for an attribute).
    In(String, i64),
}

/// Reads persons' variants.
enum Assigner<'a> {
    Attribute(&'a DictColumn),
    Event { log: &'a EventLog, kind: Option<u32>, column: &'a DictColumn, as_of: i64 },
}

impl<'a> Assigner<'a> {
    fn new(log: &'a EventLog, source: &VariantSource, as_of: i64) -> Result<Assigner<'a>> {
        match (&source.attribute, &source.event, &source.property) {
            (Some(name), None, None) => {
                log.contacts().attribute(name).map(Assigner::Attribute).ok_or_else(|| {
                    Error::invalid_parameter("variant", format!("the contacts have no attribute {name:?}"))
                })
            }
            (None, Some(event), Some(property)) => {
                let column = log.property(property).ok_or_else(|| {
                    Error::invalid_parameter("variant", format!("the events have no property {property:?}"))
                })?;
                Ok(Assigner::Event { log, kind: log.kind_code(event), column, as_of })
            }
            _ => Err(Error::invalid_parameter("variant", "give either {attribute} or {event, property}")),
        }
    }

    fn assign(&self, person: usize) -> Exposure {
        match self {
            Assigner::Attribute(column) => column
                .codes()
                .get(person)
                .filter(|c| **c != NULL_CODE)
                .and_then(|c| column.dictionary().get(*c as usize))
                .map_or(Exposure::Out, |v| Exposure::In(text(v), i64::MIN)),
            Assigner::Event { log, kind, column, as_of } => {
                let ev = log.person_events(person);
                let mut found: Option<(u32, i64)> = None;
                for i in 0..ev.len() {
                    let code = column.codes()[ev.start + i];
                    if Some(ev.kind[i]) != *kind || ev.ts[i] > *as_of || code == NULL_CODE {
                        continue;
                    }
                    match found {
                        None => found = Some((code, ev.ts[i])),
                        Some((first, _)) if first != code => return Exposure::Conflict,
                        Some(_) => {}
                    }
                }
                found
                    .and_then(|(code, ts)| column.dictionary().get(code as usize).map(|v| (text(v), ts)))
                    .map_or(Exposure::Out, |(variant, ts)| Exposure::In(variant, ts))
            }
        }
    }
}

/// The metric's reader: kind, event code, attended minutes per person.
struct MetricReader {
    kind: String,
    event: Option<u32>,
    minutes: Vec<f64>,
}

impl MetricReader {
    fn new(log: &EventLog, spec: &MetricSpec, as_of: Option<i64>) -> Result<MetricReader> {
        let mut minutes = Vec::new();
        match (spec.kind.as_str(), &spec.event) {
            ("attended_minutes", _) => {
                minutes = vec![0.0; log.person_count()];
                for a in &engagement(log, None, as_of, &EngagementWeights::default())?.attendees {
                    minutes[a.person] = a.minutes;
                }
            }
            ("value_sum" | "count", Some(_)) => {}
            (other, _) => {
                return Err(Error::invalid_parameter(
                    "metric",
                    format!("{other:?}: use value_sum or count (with an event), or attended_minutes"),
                ));
            }
        }
        Ok(MetricReader {
            kind: spec.kind.clone(),
            event: spec.event.as_deref().and_then(|e| log.kind_code(e)),
            minutes,
        })
    }

    /// The person's value over the events `window` keeps.
    fn value(&self, ev: &PersonEvents<'_>, window: impl Fn(usize) -> bool) -> f64 {
        let mine = (0..ev.len()).filter(|i| Some(ev.kind[*i]) == self.event && window(*i));
        match self.kind.as_str() {
            "attended_minutes" => self.minutes.get(ev.person).copied().unwrap_or(0.0),
            "count" => mine.count() as f64,
            _ => mine.filter_map(|i| ev.value(i)).sum(),
        }
    }
}

/// Reads variants, conversions and the metric from `log` (one pass per person) and analyzes
/// them. A person exposed to two variants is left out and counted in `conflicted`.
///
/// # Errors
/// `invalid_parameter` for a missing or unknown variant source, an unknown metric kind, and as
/// [`analyze`].
pub fn experiment(log: &EventLog, params: &ExperimentParams) -> Result<ExperimentResult> {
    params.analysis.check()?;
    let source = params.variant.as_ref().ok_or_else(|| {
        Error::invalid_parameter("variant", "say where variants come from: {attribute} or {event, property}")
    })?;
    let as_of = params.as_of.map_or(i64::MAX, |t| t.0);
    let assigner = Assigner::new(log, source, as_of)?;
    let metric = params.metric.as_ref().map(|m| MetricReader::new(log, m, params.as_of.map(|t| t.0))).transpose()?;
    let conversion = log.kind_code(&params.conversion_event);
    let mut groups: BTreeMap<String, (u64, u64, Welford)> = BTreeMap::new();
    let mut conflicted = 0;
    for person in 0..log.person_count() {
        let (variant, exposed_at) = match assigner.assign(person) {
            Exposure::In(variant, at) => (variant, at),
            Exposure::Out => continue,
            Exposure::Conflict => {
                conflicted += 1;
                continue;
            }
        };
        let ev = log.person_events(person);
        let window = |i: usize| ev.ts[i] >= exposed_at && ev.ts[i] <= as_of;
        let converted = (0..ev.len()).any(|i| Some(ev.kind[i]) == conversion && window(i));
        let entry = groups.entry(variant).or_insert((0, 0, Welford::default()));
        entry.0 += 1;
        entry.1 += u64::from(converted);
        if let Some(reader) = &metric {
            entry.2.push(reader.value(&ev, window));
        }
    }
    let counts: Vec<VariantCounts> = groups
        .into_iter()
        .map(|(variant, (n, conversions, w))| VariantCounts {
            variant,
            n,
            conversions,
            metric_mean: metric.as_ref().map(|_| w.mean),
            metric_variance: metric.as_ref().and_then(|_| (w.n > 1.0).then(|| w.m2 / (w.n - 1.0))),
        })
        .collect();
    let mut result = analyze(&counts, &params.analysis)?;
    result.conflicted = conflicted;
    Ok(result)
}
