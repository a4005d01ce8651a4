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
