//! The Markov model (Anderl et al. 2016), solved exactly: absorption probabilities of the chain
//! by Gauss-Seidel sweeps to machine precision, not by simulating walks.
//!
//! States: start, one per sequence of the last `order` touches (the first touches of a path have
//! shorter sequences), conversion and null. Every path adds start → its first state, each
//! consecutive pair, and its last state → conversion (converting paths) or null. Removing a
//! touch value sends every transition into a state holding it to null.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::paths::Paths;

/// Sweeps stop when no value moves by more than this (relative to the largest).
const TOLERANCE: f64 = 1e-15;

/// Most sweeps of one solution.
const MAX_SWEEPS: usize = 1_000_000;

/// What the chain of a set of paths counts: it adds over disjoint sets of persons (the partial
/// state of the Markov model).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MarkovSums {
    /// Per transient state (0 is start, with no touches): its touch codes, oldest first.
    pub states: Vec<Vec<u32>>,
    /// `(from state, to state, paths)`, sorted by state pair.
    pub transitions: Vec<(u32, u32, f64)>,
    /// Per state: the paths ending there that convert, and that do not.
    pub ends: Vec<[f64; 2]>,
    /// Per touch code: the converting paths whose last touch it is, and their revenue.
    pub last: Vec<[f64; 2]>,
}

impl MarkovSums {
    /// The sums of `paths`, each counted `weights[path]` times, for a chain of `order`.
    pub(crate) fn of(paths: &Paths, weights: &[f64], order: usize, codes: usize) -> MarkovSums {
        let mut sums = MarkovSums {
            states: vec![Vec::new()],
            ends: vec![[0.0; 2]],
            last: vec![[0.0; 2]; codes],
            ..MarkovSums::default()
        };
        let mut index: FxHashMap<Vec<u32>, u32> = FxHashMap::default();
        index.insert(Vec::new(), 0);
        let mut counts: FxHashMap<(u32, u32), f64> = FxHashMap::default();
        for (i, (&revenue, &weight)) in paths.revenue.iter().zip(weights).enumerate() {
            if weight == 0.0 {
                continue;
            }
            let touches = paths.touches(i);
            let mut from = 0u32;
            for t in 1..=touches.len() {
                let to = sums.state(&mut index, &touches[t.saturating_sub(order)..t]);
                *counts.entry((from, to)).or_default() += weight;
                from = to;
            }
            sums.ends[from as usize][usize::from(revenue.is_none())] += weight;
            if let (Some(revenue), Some(&last)) = (revenue, touches.last()) {
                sums.last[last as usize][0] += weight;
                sums.last[last as usize][1] += weight * revenue;
            }
        }
        sums.transitions = counts.into_iter().map(|((from, to), w)| (from, to, w)).collect();
        sums.transitions.sort_unstable_by_key(|&(from, to, _)| (from, to));
        sums
    }

    /// The number of `key`'s state, added when new.
    fn state(&mut self, index: &mut FxHashMap<Vec<u32>, u32>, key: &[u32]) -> u32 {
        if let Some(&s) = index.get(key) {
            return s;
        }
        let s = self.states.len() as u32;
        index.insert(key.to_vec(), s);
        self.states.push(key.to_vec());
        self.ends.push([0.0; 2]);
        s
    }

    /// Whether the sums index only touch codes below `codes` and their own states (a state
    /// read from elsewhere may not).
    pub(crate) fn consistent(&self, codes: usize) -> bool {
        let states = self.states.len();
        self.states.iter().flatten().all(|&c| (c as usize) < codes)
            && self.ends.len() == states
            && self.last.len() <= codes
            && self.transitions.iter().all(|&(from, to, _)| (from as usize) < states && (to as usize) < states)
    }

    /// Renumbers touch codes: code `c` becomes `map[c]`, of `codes` in all.
    pub(crate) fn renumber(&mut self, map: &[u32], codes: usize) {
        for key in &mut self.states {
            for c in key.iter_mut() {
                *c = map[*c as usize];
            }
        }
        let mut last = vec![[0.0; 2]; codes];
        for (c, sums) in self.last.iter().enumerate() {
            last[map[c] as usize] = *sums;
        }
        self.last = last;
    }

    /// Adds `other`, over the same touch codes.
    pub(crate) fn add(&mut self, other: MarkovSums) {
        let mut index: FxHashMap<Vec<u32>, u32> =
            self.states.iter().enumerate().map(|(s, key)| (key.clone(), s as u32)).collect();
        let theirs: Vec<u32> = other.states.iter().map(|key| self.state(&mut index, key)).collect();
        for (s, ends) in other.ends.iter().enumerate() {
            let mine = &mut self.ends[theirs[s] as usize];
            mine[0] += ends[0];
            mine[1] += ends[1];
        }
        if self.last.len() < other.last.len() {
            self.last.resize(other.last.len(), [0.0; 2]);
        }
        for (mine, theirs) in self.last.iter_mut().zip(&other.last) {
            mine[0] += theirs[0];
            mine[1] += theirs[1];
        }
        let mut counts: FxHashMap<(u32, u32), f64> =
            self.transitions.iter().map(|&(from, to, w)| ((from, to), w)).collect();
        for (from, to, w) in other.transitions {
            *counts.entry((theirs[from as usize], theirs[to as usize])).or_default() += w;
        }
        self.transitions = counts.into_iter().map(|((from, to), w)| (from, to, w)).collect();
        self.transitions.sort_unstable_by_key(|&(from, to, _)| (from, to));
    }

    /// Converting paths and their revenue.
    pub(crate) fn converted(&self) -> [f64; 2] {
        self.last.iter().fold([0.0; 2], |acc, l| [acc[0] + l[0], acc[1] + l[1]])
    }
}

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
    /// The chain of the counted paths.
    pub fn new(sums: &MarkovSums) -> Chain {
        let n = sums.states.len();
        let mut totals: Vec<f64> = sums.ends.iter().map(|[c, u]| c + u).collect();
        // Transitions are sorted, so that sums run in one order on every platform.
        for &(from, _, w) in &sums.transitions {
            totals[from as usize] += w;
        }
        let mut out = vec![Vec::new(); n];
        let mut stay = vec![0.0; n];
        for &(from, to, w) in &sums.transitions {
            let p = w / totals[from as usize];
            if from == to {
                stay[from as usize] = p;
            } else {
                out[from as usize].push((to, p));
            }
        }
        let convert = sums.ends.iter().zip(&totals).map(|([c, _], &t)| if t > 0.0 { c / t } else { 0.0 }).collect();
        let value = (sums.states.iter())
            .map(|key| {
                let [w, r] = key.last().and_then(|&c| sums.last.get(c as usize)).copied().unwrap_or([0.0; 2]);
                if w > 0.0 { r / w } else { 0.0 }
            })
            .collect();
        Chain { keys: sums.states.clone(), out, stay, convert, value }
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
        let chain = Chain::new(&MarkovSums::of(&p, &[1.0; 3], 1, 2));
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
        let a = Chain::new(&MarkovSums::of(&once, &[1.0; 3], 1, 2)).solve(2);
        let b = Chain::new(&MarkovSums::of(&twice, &[1.0; 3], 1, 2)).solve(2);
        assert!((a.conversion_probability - b.conversion_probability).abs() < 1e-15);
        for (x, y) in a.removal.iter().zip(&b.removal) {
            let (x, y) = (x.unwrap(), y.unwrap());
            assert!((x[0] - y[0]).abs() < 1e-15);
        }
    }
}
