//! One tree of a forest: features binned once, histogram splits grown depth-first on a
//! bootstrap sample, leaves holding the target's statistics.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::{Features, ForestParams};

/// Per-feature bins: `bins[c][r]` is row r's bin of feature c, split thresholds between bins.
pub(super) struct Binned {
    bins: Vec<Vec<u8>>,
    /// `thresholds[c][b]`: values of feature c at most this fall in bins `..=b`.
    thresholds: Vec<Vec<f64>>,
}

impl Binned {
    pub(super) fn new(x: &Features<'_>, max_bins: usize) -> Binned {
        let mut bins = Vec::with_capacity(x.columns);
        let mut thresholds = Vec::with_capacity(x.columns);
        let mut sorted = Vec::with_capacity(x.rows);
        for c in 0..x.columns {
            sorted.clear();
            sorted.extend((0..x.rows).map(|r| x.at(r, c)));
            sorted.sort_unstable_by(f64::total_cmp);
            sorted.dedup();
            let edges: Vec<f64> = if sorted.len() <= max_bins {
                sorted.windows(2).map(|w| w[0] + (w[1] - w[0]) / 2.0).collect()
            } else {
                let mut edges: Vec<f64> = (1..max_bins)
                    .map(|q| {
                        let i = q * sorted.len() / max_bins;
                        sorted[i - 1] + (sorted[i] - sorted[i - 1]) / 2.0
                    })
                    .collect();
                edges.dedup();
                edges
            };
            let column = (0..x.rows).map(|r| edges.partition_point(|e| *e < x.at(r, c)) as u8).collect();
            bins.push(column);
            thresholds.push(edges);
        }
        Binned { bins, thresholds }
    }
}

/// What a tree predicts at its leaves.
pub(super) trait Target: Sync {
    /// Statistics per histogram cell besides the weight (regression: sum and sum of squares;
    /// classification: one count per class).
    fn stats(&self) -> usize;
    /// Values per leaf (1 for regression, classes for classification).
    fn outputs(&self) -> usize;
    /// Adds row `r` with weight `w` to a histogram cell of `stats() + 1` slots: slot 0 the
    /// weight, then the target statistics.
    fn add(&self, cell: &mut [f64], r: usize, w: f64);
    /// Impurity times weight of a cell (lower is purer).
    fn cost(&self, cell: &[f64]) -> f64;
    /// Leaf value(s) from a cell.
    fn leaf(&self, cell: &[f64], out: &mut Vec<f64>);
}

pub(super) struct Regression<'a>(pub(super) &'a [f64]);

impl Target for Regression<'_> {
    fn stats(&self) -> usize {
        2
    }
    fn outputs(&self) -> usize {
        1
    }
    fn add(&self, cell: &mut [f64], r: usize, w: f64) {
        let y = self.0[r];
        cell[0] += w;
        cell[1] += w * y;
        cell[2] += w * y * y;
    }
    fn cost(&self, cell: &[f64]) -> f64 {
        if cell[0] <= 0.0 { 0.0 } else { cell[2] - cell[1] * cell[1] / cell[0] }
    }
    fn leaf(&self, cell: &[f64], out: &mut Vec<f64>) {
        out.push(if cell[0] > 0.0 { cell[1] / cell[0] } else { 0.0 });
    }
}

pub(super) struct Classification<'a> {
    /// Each row's class index.
    pub(super) labels: &'a [u32],
    /// Number of classes.
    pub(super) classes: usize,
}

impl Target for Classification<'_> {
    fn stats(&self) -> usize {
        self.classes
    }
    fn outputs(&self) -> usize {
        self.classes
    }
    fn add(&self, cell: &mut [f64], r: usize, w: f64) {
        cell[0] += w;
        cell[1 + self.labels[r] as usize] += w;
    }
    fn cost(&self, cell: &[f64]) -> f64 {
        // Weighted Gini impurity: n x (1 - sum p^2) = n - sum c^2 / n.
        if cell[0] <= 0.0 {
            return 0.0;
        }
        cell[0] - cell[1..].iter().map(|c| c * c).sum::<f64>() / cell[0]
    }
    fn leaf(&self, cell: &[f64], out: &mut Vec<f64>) {
        out.extend(cell[1..].iter().map(|c| if cell[0] > 0.0 { c / cell[0] } else { 0.0 }));
    }
}

/// A node: a split (`feature`, `threshold`, children) or a leaf (`left == u32::MAX`, values at
/// `values[value..value + width]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
struct Node {
    feature: u32,
    threshold: f64,
    left: u32,
    right: u32,
    value: u32,
    /// Training weight that reached the node (its bootstrap count), for contributions; 0 in
    /// models saved before it was kept.
    #[serde(default)]
    cover: f64,
}

const LEAF: u32 = u32::MAX;

/// One CART tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Tree {
    nodes: Vec<Node>,
    values: Vec<f64>,
}

impl Tree {
    /// Checks a saved tree: every child after its parent (so a walk ends), every feature and
    /// leaf value in range.
    pub(super) fn check(&self, width: usize, features: usize) -> std::result::Result<(), String> {
        if self.nodes.is_empty() {
            return Err("no nodes".to_owned());
        }
        for (i, node) in self.nodes.iter().enumerate() {
            if node.left == LEAF {
                let end = (node.value as usize).checked_add(width);
                if end.is_none_or(|end| end > self.values.len()) {
                    return Err(format!("node {i}'s values lie past the tree's {} values", self.values.len()));
                }
                continue;
            }
            let child = |c: u32| (c as usize) > i && (c as usize) < self.nodes.len();
            if !child(node.left) || !child(node.right) {
                return Err(format!(
                    "node {i}'s children ({}, {}) are not later nodes of the tree",
                    node.left, node.right
                ));
            }
            if node.feature as usize >= features {
                return Err(format!("node {i} splits on feature {} of {features}", node.feature));
            }
        }
        Ok(())
    }

    /// The leaf values of row `x`.
    pub(super) fn leaf(&self, x: &[f64], width: usize) -> &[f64] {
        let mut n = 0usize;
        loop {
            let node = &self.nodes[n];
            if node.left == LEAF {
                let v = node.value as usize;
                return &self.values[v..v + width];
            }
            n = if x[node.feature as usize] <= node.threshold { node.left } else { node.right } as usize;
        }
    }
}

/// Grows one tree on the rows with positive `weights`.
pub(super) fn grow(
    x: &Binned,
    target: &dyn Target,
    weights: &[f64],
    params: &ForestParams,
    features: usize,
    rng: &mut ChaCha8Rng,
    importances: &mut [f64],
) -> crate::error::Result<Tree> {
    let slots = target.stats() + 1;
    let columns = x.bins.len();
    let mut rows: Vec<u32> = (0..weights.len() as u32).filter(|r| weights[*r as usize] > 0.0).collect();
    let mut tree = Tree { nodes: Vec::new(), values: Vec::new() };
    let mut order: Vec<usize> = (0..columns).collect();
    let mut hist = vec![0.0; 256 * slots];
    let mut total = vec![0.0; slots];
    let mut left = vec![0.0; slots];
    // (node index, rows range, depth)
    let mut stack = vec![(0usize, 0usize, rows.len(), 0usize)];
    tree.nodes.push(Node { feature: 0, threshold: 0.0, left: LEAF, right: LEAF, value: 0, cover: 0.0 });
    while let Some((node, start, end, depth)) = stack.pop() {
        if node % 1024 == 0 {
            crate::control::check()?;
        }
        total.fill(0.0);
        for r in &rows[start..end] {
            target.add(&mut total, *r as usize, weights[*r as usize]);
        }
        let parent_cost = target.cost(&total);
        let splittable = params.max_depth.is_none_or(|d| depth < d)
            && total[0] >= params.min_samples_split as f64
            && parent_cost > 1e-12 * total[0].max(1.0);
        let mut best: Option<(f64, usize, usize)> = None;
        if splittable {
            // A random subset of `features` features, in a random order.
            for i in 0..features.min(columns) {
                let j = rng.random_range(i..columns);
                order.swap(i, j);
            }
            for &c in &order[..features.min(columns)] {
                let bins = &x.bins[c];
                let edges = x.thresholds[c].len();
                if edges == 0 {
                    continue;
                }
                let cells = &mut hist[..(edges + 1) * slots];
                cells.fill(0.0);
                for r in &rows[start..end] {
                    let b = bins[*r as usize] as usize;
                    target.add(&mut cells[b * slots..(b + 1) * slots], *r as usize, weights[*r as usize]);
                }
                left.fill(0.0);
                for b in 0..edges {
                    for (l, h) in left.iter_mut().zip(&cells[b * slots..(b + 1) * slots]) {
                        *l += h;
                    }
                    let right: Vec<f64> = total.iter().zip(&left).map(|(t, l)| t - l).collect();
                    if left[0] < params.min_samples_leaf as f64 || right[0] < params.min_samples_leaf as f64 {
                        continue;
                    }
                    let gain = parent_cost - target.cost(&left) - target.cost(&right);
                    if gain > 1e-12 * total[0].max(1.0) && best.is_none_or(|(g, _, _)| gain > g) {
                        best = Some((gain, c, b));
                    }
                }
            }
        }
        let Some((gain, feature, bin)) = best else {
            let value = tree.values.len() as u32;
            target.leaf(&total, &mut tree.values);
            tree.nodes[node] = Node { feature: 0, threshold: 0.0, left: LEAF, right: LEAF, value, cover: total[0] };
            continue;
        };
        importances[feature] += gain;
        // Partition rows: bin <= split bin to the left.
        let bins = &x.bins[feature];
        let mut mid = start;
        for i in start..end {
            if (bins[rows[i] as usize] as usize) <= bin {
                rows.swap(i, mid);
                mid += 1;
            }
        }
        let (l, r) = (tree.nodes.len(), tree.nodes.len() + 1);
        tree.nodes.push(Node { feature: 0, threshold: 0.0, left: LEAF, right: LEAF, value: 0, cover: 0.0 });
        tree.nodes.push(Node { feature: 0, threshold: 0.0, left: LEAF, right: LEAF, value: 0, cover: 0.0 });
        tree.nodes[node] = Node {
            feature: feature as u32,
            threshold: x.thresholds[feature][bin],
            left: l as u32,
            right: r as u32,
            value: 0,
            cover: total[0],
        };
        stack.push((r, mid, end, depth + 1));
        stack.push((l, start, mid, depth + 1));
    }
    Ok(tree)
}

/// One element of a `TreeSHAP` path: a feature, the shares of cover (zero) and of the row (one)
/// that follow it, and the path's permutation weight.
#[derive(Clone, Copy)]
struct PathElement {
    feature: i64,
    zero: f64,
    one: f64,
    weight: f64,
}

fn extend(path: &mut Vec<PathElement>, zero: f64, one: f64, feature: i64) {
    let depth = path.len();
    path.push(PathElement { feature, zero, one, weight: if depth == 0 { 1.0 } else { 0.0 } });
    let d = depth as f64;
    for i in (0..depth).rev() {
        path[i + 1].weight += one * path[i].weight * (i + 1) as f64 / (d + 1.0);
        path[i].weight = zero * path[i].weight * (d - i as f64) / (d + 1.0);
    }
}

fn unwind(path: &mut Vec<PathElement>, at: usize) {
    let depth = path.len() - 1;
    let d = depth as f64;
    let (one, zero) = (path[at].one, path[at].zero);
    let mut next = path[depth].weight;
    for i in (0..depth).rev() {
        if one == 0.0 {
            path[i].weight = path[i].weight * (d + 1.0) / (zero * (d - i as f64));
        } else {
            let kept = path[i].weight;
            path[i].weight = next * (d + 1.0) / ((i + 1) as f64 * one);
            next = kept - path[i].weight * zero * (d - i as f64) / (d + 1.0);
        }
    }
    for i in at..depth {
        path[i].feature = path[i + 1].feature;
        path[i].zero = path[i + 1].zero;
        path[i].one = path[i + 1].one;
    }
    path.pop();
}

fn unwound_sum(path: &[PathElement], at: usize) -> f64 {
    let depth = path.len() - 1;
    let d = depth as f64;
    let (one, zero) = (path[at].one, path[at].zero);
    let mut next = path[depth].weight;
    let mut total = 0.0;
    for i in (0..depth).rev() {
        if one != 0.0 {
            let part = next * (d + 1.0) / ((i + 1) as f64 * one);
            total += part;
            next = path[i].weight - part * zero * (d - i as f64) / (d + 1.0);
        } else if zero != 0.0 {
            total += path[i].weight / zero / ((d - i as f64) / (d + 1.0));
        }
    }
    total
}

impl Tree {
    /// The cover-weighted mean of output `output` over the leaves: the tree's expected value.
    /// `None` for a tree saved without covers.
    pub(super) fn expected(&self, output: usize) -> Option<f64> {
        let root = self.nodes.first()?.cover;
        if root <= 0.0 {
            return None;
        }
        let sum: f64 = self
            .nodes
            .iter()
            .filter(|n| n.left == LEAF)
            .map(|n| n.cover * self.values[n.value as usize + output])
            .sum();
        Some(sum / root)
    }

    /// The number of splits on the longest path from the root to a leaf.
    pub(super) fn depth(&self) -> usize {
        let mut depth = vec![0usize; self.nodes.len()];
        for (i, node) in self.nodes.iter().enumerate() {
            // Children come after their parent (checked on load, true when grown).
            if node.left != LEAF {
                let below = depth[i] + 1;
                for child in [node.left as usize, node.right as usize] {
                    if let Some(d) = depth.get_mut(child) {
                        *d = below;
                    }
                }
            }
        }
        depth.into_iter().max().unwrap_or(0)
    }

    /// Adds row `x`'s SHAP values of output `output` to `phi` (path-dependent `TreeSHAP`,
    /// Lundberg et al. 2018, Algorithm 2).
    pub(super) fn shap(&self, x: &[f64], output: usize, phi: &mut [f64]) {
        self.shap_node(0, x, output, phi, Vec::with_capacity(16), 1.0, 1.0, -1);
    }

    #[allow(clippy::too_many_arguments)]
    fn shap_node(
        &self,
        node: usize,
        x: &[f64],
        output: usize,
        phi: &mut [f64],
        mut path: Vec<PathElement>,
        zero: f64,
        one: f64,
        feature: i64,
    ) {
        extend(&mut path, zero, one, feature);
        let n = &self.nodes[node];
        if n.left == LEAF {
            let value = self.values[n.value as usize + output];
            for i in 1..path.len() {
                let w = unwound_sum(&path, i);
                phi[path[i].feature as usize] += w * (path[i].one - path[i].zero) * value;
            }
            return;
        }
        let (hot, cold) = if x[n.feature as usize] <= n.threshold { (n.left, n.right) } else { (n.right, n.left) };
        let (hot, cold) = (hot as usize, cold as usize);
        let (mut incoming_zero, mut incoming_one) = (1.0, 1.0);
        if let Some(at) = path.iter().position(|p| p.feature == i64::from(n.feature)) {
            incoming_zero = path[at].zero;
            incoming_one = path[at].one;
            unwind(&mut path, at);
        }
        let cover = n.cover.max(f64::MIN_POSITIVE);
        let split = i64::from(n.feature);
        let hot_zero = self.nodes[hot].cover / cover * incoming_zero;
        let cold_zero = self.nodes[cold].cover / cover * incoming_zero;
        self.shap_node(hot, x, output, phi, path.clone(), hot_zero, incoming_one, split);
        self.shap_node(cold, x, output, phi, path, cold_zero, 0.0, split);
    }
}
