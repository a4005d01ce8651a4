//! Arithmetic every analysis shares: a ratio is undefined (`None`) when its denominator is
//! zero, never 0, NaN or infinity.

/// `numerator / denominator`, undefined when the denominator is zero (or the result not finite).
#[must_use]
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    if denominator == 0.0 {
        return None;
    }
    // `+ 0.0` turns a -0.0 into 0.0, which JS's strict equality tells apart.
    Some(numerator / denominator + 0.0).filter(|r| r.is_finite())
}

/// Default confidence level of intervals.
pub const DEFAULT_CONFIDENCE: f64 = 0.95;

/// Default number of persons under which a rate is flagged `small_sample`.
pub const DEFAULT_SMALL_SAMPLE: u64 = 30;

/// [`DEFAULT_CONFIDENCE`], for states written before intervals (a serde default).
pub(crate) fn default_confidence() -> f64 {
    DEFAULT_CONFIDENCE
}

/// [`DEFAULT_SMALL_SAMPLE`], for states written before intervals (a serde default).
pub(crate) fn default_small_sample() -> u64 {
    DEFAULT_SMALL_SAMPLE
}

/// The Wilson score interval `[low, high]` of the proportion `successes / n` at `confidence`
/// (0.95: 95 %), computed as statsmodels' `proportion_confint(method="wilson")` does; undefined
/// when `n` is zero (a rate without a denominator has no interval, never `[0, 0]`).
///
/// ```
/// let [low, high] = webinar_analytics::math::wilson(10.0, 40.0, 0.95).unwrap();
/// assert!((low - 0.141_871_186_390_963).abs() < 1e-12 && (high - 0.401_939_614_207_680).abs() < 1e-12);
/// assert_eq!(webinar_analytics::math::wilson(0.0, 0.0, 0.95), None);
/// ```
#[must_use]
pub fn wilson(successes: f64, n: f64, confidence: f64) -> Option<[f64; 2]> {
    if n <= 0.0 || !n.is_finite() || !successes.is_finite() || !(0.0..1.0).contains(&confidence) || confidence == 0.0 {
        return None;
    }
    let crit = statrs::distribution::ContinuousCDF::inverse_cdf(
        &statrs::distribution::Normal::standard(),
        1.0 - (1.0 - confidence) / 2.0,
    );
    let q = successes / n;
    let crit2 = crit * crit;
    let denominator = 1.0 + crit2 / n;
    let center = (q + crit2 / (2.0 * n)) / denominator;
    let distance = crit * (q * (1.0 - q) / n + crit2 / (4.0 * n * n)).sqrt() / denominator;
    Some([center - distance + 0.0, center + distance])
}

/// Checks a confidence level: strictly between 0 and 1.
pub(crate) fn check_confidence(confidence: f64, name: &str) -> crate::error::Result<()> {
    if confidence > 0.0 && confidence < 1.0 {
        Ok(())
    } else {
        Err(crate::error::Error::invalid_parameter(
            name,
            format!("{confidence} is not a confidence level strictly between 0 and 1"),
        ))
    }
}

/// The `q` quantile of sorted `values`, interpolated linearly (numpy's and polars' `linear`);
/// undefined for no values.
pub(crate) fn quantile(values: &[f64], q: f64) -> Option<f64> {
    let last = values.len().checked_sub(1)?;
    let at = q.clamp(0.0, 1.0) * last as f64;
    let (lo, hi) = (at.floor() as usize, at.ceil() as usize);
    Some(values[lo] + (values[hi] - values[lo]) * (at - lo as f64))
}
