//! Shapley values of the touch values (Zhao, Mahboobi and Bagheri 2018): the value of a set of
//! touch values is the conversions (revenue) of the converting paths whose distinct touch values
//! all lie in it.
//!
//! That game is a sum of unanimity games, one per path, so each conversion is shared evenly over
//! its path's distinct touch values (`simplified`); `coalitions` evaluates the Shapley formula
//! over every coalition instead (up to [`MAX_COALITION_TOUCHES`] values) and equals it.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::paths::Paths;
use crate::error::{Error, Result};

/// Most touch values the coalition formula takes (2^15 coalitions).
pub const MAX_COALITION_TOUCHES: usize = 15;

/// How Shapley values are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShapleyMethod {
    /// Each conversion shared evenly over its path's distinct touch values.
    #[default]
    Simplified,
    /// The Shapley formula over every coalition (at most 15 touch values).
    Coalitions,
}

/// The converting paths' distinct touch sets: each set (codes ascending) with its conversions and
/// revenue, sets ascending. They add over disjoint sets of persons (the partial state of the
/// Shapley model).
pub(crate) fn sets(paths: &Paths, weights: &[f64]) -> Vec<(Vec<u32>, [f64; 2])> {
    let mut by_set: FxHashMap<Vec<u32>, [f64; 2]> = FxHashMap::default();
    let mut distinct: Vec<u32> = Vec::new();
    for (i, (&revenue, &weight)) in paths.revenue.iter().zip(weights).enumerate() {
        let Some(revenue) = revenue else { continue };
        if weight == 0.0 {
            continue;
        }
        distinct.clear();
        distinct.extend_from_slice(paths.touches(i));
        distinct.sort_unstable();
        distinct.dedup();
        let value = by_set.entry(distinct.clone()).or_default();
        value[0] += weight;
        value[1] += weight * revenue;
    }
    sorted(by_set)
}

/// Adds the sets of `other` into `mine`.
pub(crate) fn add(mine: &mut Vec<(Vec<u32>, [f64; 2])>, other: Vec<(Vec<u32>, [f64; 2])>) {
    let mut by_set: FxHashMap<Vec<u32>, [f64; 2]> = std::mem::take(mine).into_iter().collect();
    for (set, value) in other {
        let v = by_set.entry(set).or_default();
        v[0] += value[0];
        v[1] += value[1];
    }
    *mine = sorted(by_set);
}

/// Renumbers touch codes: code `c` becomes `map[c]`.
pub(crate) fn renumber(sets: &mut [(Vec<u32>, [f64; 2])], map: &[u32]) {
    for (set, _) in sets.iter_mut() {
        for c in set.iter_mut() {
            *c = map[*c as usize];
        }
        set.sort_unstable();
    }
    sets.sort_by(|a, b| a.0.cmp(&b.0));
}

fn sorted(by_set: FxHashMap<Vec<u32>, [f64; 2]>) -> Vec<(Vec<u32>, [f64; 2])> {
    let mut sets: Vec<(Vec<u32>, [f64; 2])> = by_set.into_iter().collect();
    sets.sort_by(|a, b| a.0.cmp(&b.0));
    sets
}

/// Shapley credits per touch code: (conversions, revenue).
pub(crate) fn credit(sets: &[(Vec<u32>, [f64; 2])], codes: usize, method: ShapleyMethod) -> Result<Vec<[f64; 2]>> {
    match method {
        ShapleyMethod::Simplified => Ok(simplified(sets, codes)),
        ShapleyMethod::Coalitions => coalitions(sets, codes),
    }
}

fn simplified(sets: &[(Vec<u32>, [f64; 2])], codes: usize) -> Vec<[f64; 2]> {
    let mut credit = vec![[0.0; 2]; codes];
    for (set, [conversions, revenue]) in sets {
        let n = set.len() as f64;
        for &c in set {
            credit[c as usize][0] += conversions / n;
            credit[c as usize][1] += revenue / n;
        }
    }
    credit
}

fn coalitions(sets: &[(Vec<u32>, [f64; 2])], codes: usize) -> Result<Vec<[f64; 2]>> {
    // The touch values on converting paths, numbered 0..n.
    let mut player = vec![usize::MAX; codes];
    let mut players: Vec<u32> = Vec::new();
    for &c in sets.iter().flat_map(|(set, _)| set) {
        if player[c as usize] == usize::MAX {
            player[c as usize] = players.len();
            players.push(c);
        }
    }
    let n = players.len();
    if n > MAX_COALITION_TOUCHES {
        return Err(Error::CapacityExceeded {
            parameter: Some("shapley".to_owned()),
            what: format!("the coalition formula over {n} touch values"),
            limit: MAX_COALITION_TOUCHES as u64,
        });
    }
    // Value of each exact set, then of each coalition (sum over its subsets).
    let mut value = vec![[0.0f64; 2]; 1 << n];
    for (set, [conversions, revenue]) in sets {
        let bits = set.iter().fold(0usize, |bits, &c| bits | 1 << player[c as usize]);
        value[bits][0] += conversions;
        value[bits][1] += revenue;
    }
    for bit in 0..n {
        for set in 0..value.len() {
            if set & (1 << bit) != 0 {
                let without = value[set ^ (1 << bit)];
                value[set][0] += without[0];
                value[set][1] += without[1];
            }
        }
    }
    // |S|! (n - |S| - 1)! / n! for each size of S.
    let factorial = |k: usize| (1..=k).map(|x| x as f64).product::<f64>();
    let weight_of: Vec<f64> = (0..n).map(|s| factorial(s) * factorial(n - s - 1) / factorial(n)).collect();
    let mut credit = vec![[0.0; 2]; codes];
    for (p, &code) in players.iter().enumerate() {
        let mut phi = [0.0; 2];
        for set in (0..value.len()).filter(|s| s & (1 << p) == 0) {
            let w = weight_of[set.count_ones() as usize];
            let with = value[set | 1 << p];
            phi[0] += w * (with[0] - value[set][0]);
            phi[1] += w * (with[1] - value[set][1]);
        }
        credit[code as usize] = phi;
    }
    Ok(credit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coalitions_equal_the_simplified_shares() {
        let mut p = Paths { bounds: vec![0], ..Paths::default() };
        let list: [(&[u32], Option<f64>); 5] = [
            (&[0, 1], Some(10.0)),
            (&[1, 2, 1], Some(30.0)),
            (&[2], Some(5.0)),
            (&[0, 1, 2, 3], Some(8.0)),
            (&[3], None),
        ];
        for (touches, revenue) in list {
            p.codes.extend_from_slice(touches);
            p.ages.extend(touches.iter().map(|_| 0.0));
            p.bounds.push(p.codes.len());
            p.revenue.push(revenue);
            p.person.push(0);
        }
        let w = [1.0, 2.0, 1.0, 1.0, 1.0];
        let sets = sets(&p, &w);
        let a = credit(&sets, 4, ShapleyMethod::Simplified).unwrap();
        let b = credit(&sets, 4, ShapleyMethod::Coalitions).unwrap();
        for (x, y) in a.iter().zip(&b) {
            assert!((x[0] - y[0]).abs() < 1e-12 && (x[1] - y[1]).abs() < 1e-12, "{x:?} {y:?}");
        }
        // Channel 0: 1/2 of path 1, 1/4 of path 4.
        assert!((a[0][0] - 0.75).abs() < 1e-15 && (a[0][1] - 7.0).abs() < 1e-12);
    }
}
