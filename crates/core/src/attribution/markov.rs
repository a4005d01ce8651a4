//! The Markov model (Anderl et al. 2016), solved exactly: absorption probabilities of the chain
//! by Gauss-Seidel sweeps to machine precision, not by simulating walks.
//!
//! States: start, one per sequence of the last `order` touches (the first touches of a path have
//! shorter sequences), conversion and null. Every path adds start → its first state, each
//! consecutive pair, and its last state → conversion (converting paths) or null. Removing a
//! touch value sends every transition into a state holding it to null.

use rustc_hash::FxHashMap;

use super::paths::Paths;

/// Sweeps stop when no value moves by more than this (relative to the largest).
const TOLERANCE: f64 = 1e-15;

/// Most sweeps of one solution.
const MAX_SWEEPS: usize = 1_000_000;

/// The chain of a set of paths.
pub(crate) struct Chain {
    /// Per state (0 is start): its touch codes, oldest first.
    keys: Vec<Vec<u32>>,
    /// Per state: (target state, probability) to other transient states.
    out: Vec<Vec<(u32, f64)>>,
    /// Per state: probability of staying.
    stay: Vec<f64>,
    /// Per state: probability of converting next.
    convert: Vec<f64>,
    /// Per state: the value a conversion from it is worth (the mean revenue of converting paths
    /// whose last touch is the state's last touch).
    value: Vec<f64>,
}

/// What the chain says.
pub(crate) struct Solution {
    /// Per touch code: (conversion removal effect, value removal effect); `None` for codes on
    /// no path.
    pub removal: Vec<Option<[f64; 2]>>,
    /// Probability that a path converts.
    pub conversion_probability: f64,
    /// Transient states (start included).
    pub states: usize,
}

impl Chain {
    /// The chain of `paths`, each counted `weights[path]` times, of order `order`.
    pub fn new(paths: &Paths, weights: &[f64], order: usize, codes: usize) -> Chain {
        let mut index: FxHashMap<Vec<u32>, u32> = FxHashMap::default();
        let mut keys: Vec<Vec<u32>> = vec![Vec::new()];
        index.insert(Vec::new(), 0);
        let mut counts: FxHashMap<(u32, u32), f64> = FxHashMap::default();
        let mut ends: Vec<[f64; 2]> = vec![[0.0; 2]];
        // Per last touch code: converting paths' weight and revenue.
        let mut last_value = vec![[0.0; 2]; codes];
        for (i, (&revenue, &weight)) in paths.revenue.iter().zip(weights).enumerate() {
            if weight == 0.0 {
                continue;
            }
            let touches = paths.touches(i);
            let mut from = 0u32;
            for t in 1..=touches.len() {
                let key = &touches[t.saturating_sub(order)..t];
                let to = if let Some(&s) = index.get(key) {
                    s
                } else {
                    let s = keys.len() as u32;
                    index.insert(key.to_vec(), s);
                    keys.push(key.to_vec());
                    ends.push([0.0; 2]);
                    s
                };
                *counts.entry((from, to)).or_default() += weight;
                from = to;
            }
            let converted = usize::from(revenue.is_some());
            ends[from as usize][1 - converted] += weight;
            if let (Some(revenue), Some(&last)) = (revenue, touches.last()) {
                last_value[last as usize][0] += weight;
                last_value[last as usize][1] += weight * revenue;
            }
        }
        let n = keys.len();
        // Sorted, so that sums run in one order on every platform (hash orders differ).
        let mut pairs: Vec<((u32, u32), f64)> = counts.into_iter().collect();
        pairs.sort_unstable_by_key(|&(pair, _)| pair);
        let mut totals: Vec<f64> = ends.iter().map(|[c, u]| c + u).collect();
        for &((from, _), w) in &pairs {
            totals[from as usize] += w;
        }
        let mut out = vec![Vec::new(); n];
        let mut stay = vec![0.0; n];
        for ((from, to), w) in pairs {
            let p = w / totals[from as usize];
            if from == to {
                stay[from as usize] = p;
            } else {
                out[from as usize].push((to, p));
            }
        }
        let convert = ends.iter().zip(&totals).map(|([c, _], &t)| if t > 0.0 { c / t } else { 0.0 }).collect();
        let value = keys
            .iter()
            .map(|key| {
                let [w, r] = key.last().map_or([0.0; 2], |&c| last_value[c as usize]);
                if w > 0.0 { r / w } else { 0.0 }
            })
            .collect();
        Chain { keys, out, stay, convert, value }
    }

    /// Removal effects of every touch code.
    pub fn solve(&self, codes: usize) -> Solution {
        let none = vec![false; self.keys.len()];
        let base = self.absorb(&none);
        let mut removal = vec![None; codes];
        let mut present = vec![false; codes];
        for key in &self.keys {
            for &c in key {
                present[c as usize] = true;
            }
        }
        for (code, slot) in removal.iter_mut().enumerate() {
            if !present[code] {
                continue;
            }
            let removed: Vec<bool> = self.keys.iter().map(|k| k.contains(&(code as u32))).collect();
            let [p, v] = self.absorb(&removed);
            let effect = |with: f64, without: f64| if with > 0.0 { 1.0 - without / with } else { 0.0 };
            *slot = Some([effect(base[0], p), effect(base[1], v)]);
        }
        Solution { removal, conversion_probability: base[0], states: self.keys.len() }
    }

    /// From start: the probability of converting and the expected value, with the `removed`
    /// states leading to null.
    fn absorb(&self, removed: &[bool]) -> [f64; 2] {
        let n = self.keys.len();
        let mut x = vec![[0.0f64; 2]; n];
        for _ in 0..MAX_SWEEPS {
            let mut moved = 0.0f64;
            let mut largest = 0.0f64;
            // Backwards: states are numbered in the order paths reach them.
            for s in (0..n).rev() {
                if removed[s] {
                    continue;
                }
                let leave = 1.0 - self.stay[s];
                if leave <= 0.0 {
                    continue;
                }
                let mut next = [self.convert[s], self.convert[s] * self.value[s]];
                for &(t, p) in &self.out[s] {
                    if !removed[t as usize] {
                        next[0] += p * x[t as usize][0];
                        next[1] += p * x[t as usize][1];
                    }
                }
                for k in 0..2 {
                    let v = next[k] / leave;
                    moved = moved.max((v - x[s][k]).abs());
                    largest = largest.max(v.abs());
                    x[s][k] = v;
                }
            }
            if moved <= TOLERANCE * largest.max(f64::MIN_POSITIVE) {
                break;
            }
        }
        x[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[(&[u32], Option<f64>)]) -> Paths {
        let mut p = Paths { bounds: vec![0], ..Paths::default() };
        for (touches, revenue) in list {
            p.codes.extend_from_slice(touches);
            p.ages.extend(touches.iter().map(|_| 0.0));
            p.bounds.push(p.codes.len());
            p.revenue.push(*revenue);
            p.person.push(0);
        }
        p
    }

    #[test]
    fn removal_effects_by_hand() {
        // a > b converts, a does not, b converts. Start: a 2/3, b 1/3. From a: b 1/2, null 1/2.
        // From b: conversion 1. P = 2/3 * 1/2 + 1/3 = 2/3. Without a: 1/3; without b: 0.
        let p = paths(&[(&[0, 1], Some(10.0)), (&[0], None), (&[1], Some(20.0))]);
        let chain = Chain::new(&p, &[1.0; 3], 1, 2);
        let s = chain.solve(2);
        assert!((s.conversion_probability - 2.0 / 3.0).abs() < 1e-15);
        let [ra, va] = s.removal[0].unwrap();
        let [rb, vb] = s.removal[1].unwrap();
        assert!((ra - 0.5).abs() < 1e-15 && (rb - 1.0).abs() < 1e-15);
        // Every conversion's last touch is b: removing a halves the value as it halves P.
        assert!((va - 0.5).abs() < 1e-15 && (vb - 1.0).abs() < 1e-15);
    }

    #[test]
    fn self_loops_change_nothing_at_order_one() {
        let once = paths(&[(&[0, 1], Some(1.0)), (&[1], None), (&[0], None)]);
        let twice = paths(&[(&[0, 0, 1, 1], Some(1.0)), (&[1, 1, 1], None), (&[0], None)]);
        let a = Chain::new(&once, &[1.0; 3], 1, 2).solve(2);
        let b = Chain::new(&twice, &[1.0; 3], 1, 2).solve(2);
        assert!((a.conversion_probability - b.conversion_probability).abs() < 1e-15);
        for (x, y) in a.removal.iter().zip(&b.removal) {
            let (x, y) = (x.unwrap(), y.unwrap());
            assert!((x[0] - y[0]).abs() < 1e-15);
        }
    }
}
