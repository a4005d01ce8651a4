//! Rule-based models: each conversion's credit shared over its own path's touches.

use super::Model;
use super::paths::Paths;

/// How the rule-based models weigh touches.
pub(crate) struct Rules<'a> {
    /// Half-life of `time_decay`, in seconds.
    pub half_life: f64,
    /// `position_based` weights: first, middle (shared), last.
    pub position: [f64; 3],
    /// Per touch code: whether it is direct (skipped by `last_non_direct` when it can be).
    pub direct: &'a [bool],
}

/// Credits of a rule-based `model`: per touch code, (conversions, revenue), every converting path
/// counted `weights[path]` times.
pub(crate) fn credit(model: Model, paths: &Paths, weights: &[f64], rules: &Rules<'_>, codes: usize) -> Vec<[f64; 2]> {
    let mut credit = vec![[0.0; 2]; codes];
    let mut shares = Vec::new();
    for (i, (&revenue, &weight)) in paths.revenue.iter().zip(weights).enumerate() {
        let Some(revenue) = revenue else { continue };
        if weight == 0.0 {
            continue;
        }
        let touches = paths.touches(i);
        shares.clear();
        shares.resize(touches.len(), 0.0);
        split(model, touches, paths.ages(i), rules, &mut shares);
        for (&code, &share) in touches.iter().zip(&shares) {
            let c = &mut credit[code as usize];
            c[0] += weight * share;
            c[1] += weight * share * revenue;
        }
    }
    credit
}

/// One conversion's shares over its touches (summing to 1).
fn split(model: Model, touches: &[u32], ages: &[f64], rules: &Rules<'_>, shares: &mut [f64]) {
    let m = touches.len();
    match model {
        Model::FirstTouch => shares[0] = 1.0,
        Model::LastTouch => shares[m - 1] = 1.0,
        Model::LastNonDirect => {
            let direct = |code: u32| rules.direct.get(code as usize).copied().unwrap_or(false);
            let at = touches.iter().rposition(|&c| !direct(c)).unwrap_or(m - 1);
            shares[at] = 1.0;
        }
        Model::Linear => shares.fill(1.0 / m as f64),
        Model::TimeDecay => {
            // Ages from the youngest touch: the common factor cancels when normalizing, and the
            // youngest weighs 1, so the total never underflows.
            let youngest = ages.iter().copied().fold(f64::INFINITY, f64::min);
            for (s, &age) in shares.iter_mut().zip(ages) {
                *s = (-(age - youngest) / rules.half_life).exp2();
            }
            let total: f64 = shares.iter().sum();
            for s in shares.iter_mut() {
                *s /= total;
            }
        }
        Model::PositionBased => {
            let [first, middle, last] = rules.position;
            match m {
                1 => shares[0] = 1.0,
                2 => {
                    let ends = first + last;
                    let (a, b) = if ends > 0.0 { (first / ends, last / ends) } else { (0.5, 0.5) };
                    shares[0] = a;
                    shares[1] = b;
                }
                _ => {
                    shares.fill(middle / (m - 2) as f64);
                    shares[0] = first;
                    shares[m - 1] = last;
                }
            }
        }
        Model::Markov | Model::Shapley => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(model: Model, touches: &[u32], ages: &[f64]) -> Vec<f64> {
        let rules = Rules { half_life: 7.0 * 86_400.0, position: [0.4, 0.2, 0.4], direct: &[true, false, false] };
        let mut out = vec![0.0; touches.len()];
        split(model, touches, ages, &rules, &mut out);
        out
    }

    #[test]
    fn shares_by_hand() {
        let t = [1, 0, 2, 0];
        let ages = [21.0 * 86_400.0, 14.0 * 86_400.0, 7.0 * 86_400.0, 0.0];
        assert_eq!(shares(Model::FirstTouch, &t, &ages), [1.0, 0.0, 0.0, 0.0]);
        assert_eq!(shares(Model::LastTouch, &t, &ages), [0.0, 0.0, 0.0, 1.0]);
        assert_eq!(shares(Model::LastNonDirect, &t, &ages), [0.0, 0.0, 1.0, 0.0]);
        assert_eq!(shares(Model::LastNonDirect, &[0, 0], &ages[..2]), [0.0, 1.0]);
        assert_eq!(shares(Model::Linear, &t, &ages), [0.25; 4]);
        // Weights 1/8, 1/4, 1/2, 1 over 15/8.
        let decay = shares(Model::TimeDecay, &t, &ages);
        for (got, want) in decay.iter().zip([1.0 / 15.0, 2.0 / 15.0, 4.0 / 15.0, 8.0 / 15.0]) {
            assert!((got - want).abs() < 1e-15);
        }
        assert_eq!(shares(Model::PositionBased, &t, &ages), [0.4, 0.1, 0.1, 0.4]);
        assert_eq!(shares(Model::PositionBased, &t[..2], &ages[..2]), [0.5, 0.5]);
        assert_eq!(shares(Model::PositionBased, &t[..1], &ages[..1]), [1.0]);
    }
}
