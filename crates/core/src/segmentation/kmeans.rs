//! Seeded k-means (greedy k-means++ initialisation, Lloyd iterations, `n_init` restarts keeping
//! the lowest inertia) and a standard scaler. Sums are taken in fixed-size chunks combined in
//! order, so the result is identical whatever the number of threads, in every language.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::prediction::Features;

/// Rows per chunk of parallel work (fixed, so that results do not depend on the threads).
const CHUNK: usize = 4096;

/// Options of [`KMeans::fit`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct KMeansParams {
    /// Number of clusters.
    pub n_clusters: usize,
    /// Restarts from different seeds; the lowest inertia wins.
    pub n_init: usize,
    /// Maximum Lloyd iterations per restart.
    pub max_iter: usize,
    /// Convergence: stop when the centers move (squared) less than `tol` x the mean variance of
    /// the features.
    pub tol: f64,
    /// Seed of every random draw.
    pub seed: u64,
}

impl Default for KMeansParams {
    fn default() -> Self {
        KMeansParams { n_clusters: 5, n_init: 10, max_iter: 300, tol: 1e-4, seed: 42 }
    }
}

/// A fitted k-means model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KMeans {
    centers: Vec<f64>,
    columns: usize,
    inertia: f64,
    iterations: usize,
    labels: Vec<u32>,
    params: KMeansParams,
}

fn distance2(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// The nearest center of `row` and its squared distance.
fn nearest(row: &[f64], centers: &[f64], columns: usize) -> (u32, f64) {
    let mut best = (0u32, f64::INFINITY);
    for (c, center) in centers.chunks(columns).enumerate() {
        let d = distance2(row, center);
        if d < best.1 {
            best = (c as u32, d);
        }
    }
    best
}

/// Assigns every row: labels, squared distances; the total is summed chunk by chunk in order.
fn assign(x: &Features<'_>, centers: &[f64], labels: &mut [u32], distances: &mut [f64]) -> f64 {
    let columns = x.columns();
    let chunks: Vec<(usize, &mut [u32], &mut [f64])> = labels
        .chunks_mut(CHUNK)
        .zip(distances.chunks_mut(CHUNK))
        .enumerate()
        .map(|(i, (l, d))| (i * CHUNK, l, d))
        .collect();
    let sums = crate::parallel::map_columns(chunks, |(start, labels, distances)| {
        let mut sum = 0.0;
        for (i, (l, d)) in labels.iter_mut().zip(distances.iter_mut()).enumerate() {
            let (c, dist) = nearest(x.row(start + i), centers, columns);
            *l = c;
            *d = dist;
            sum += dist;
        }
        sum
    });
    sums.iter().sum()
}

/// Greedy k-means++: each new center is the best of `2 + ln k` candidates drawn in proportion
/// to the squared distance to the nearest center so far.
fn init(x: &Features<'_>, k: usize, rng: &mut ChaCha8Rng) -> Vec<f64> {
    let (rows, columns) = (x.rows(), x.columns());
    let trials = 2 + (k as f64).ln() as usize;
    let mut centers = Vec::with_capacity(k * columns);
    centers.extend_from_slice(x.row(rng.random_range(0..rows)));
    let mut closest: Vec<f64> = (0..rows).map(|r| distance2(x.row(r), &centers[..columns])).collect();
    let mut candidate = vec![0.0; rows];
    let mut best = vec![0.0; rows];
    for _ in 1..k {
        let total: f64 = closest.iter().sum();
        let mut chosen: Option<(f64, usize)> = None;
        for _ in 0..trials {
            let pick = if total > 0.0 {
                let target = rng.random::<f64>() * total;
                let mut acc = 0.0;
                closest
                    .iter()
                    .position(|d| {
                        acc += d;
                        acc > target
                    })
                    .unwrap_or(rows - 1)
            } else {
                rng.random_range(0..rows)
            };
            let row = x.row(pick);
            let mut potential = 0.0;
            for (r, (c, d)) in candidate.iter_mut().zip(&closest).enumerate() {
                *c = d.min(distance2(x.row(r), row));
                potential += *c;
            }
            if chosen.is_none_or(|(p, _)| potential < p) {
                chosen = Some((potential, pick));
                best.copy_from_slice(&candidate);
            }
        }
        let (_, pick) = chosen.unwrap_or((0.0, 0));
        centers.extend_from_slice(x.row(pick));
        closest.copy_from_slice(&best);
    }
    centers
}

/// Most restarts (`n_init`) and iterations per restart (`max_iter`) a fit runs.
const MAX_RESTARTS: usize = 1_000;
const MAX_ITER: usize = 10_000;

/// One restart: k-means++ then Lloyd iterations. Returns (centers, labels, inertia, iterations).
fn run(
    x: &Features<'_>,
    params: &KMeansParams,
    threshold: f64,
    rng: &mut ChaCha8Rng,
) -> Result<(Vec<f64>, Vec<u32>, f64, usize)> {
    let (rows, columns, k) = (x.rows(), x.columns(), params.n_clusters);
    let mut centers = init(x, k, rng);
    let mut labels = vec![0u32; rows];
    let mut distances = vec![0.0; rows];
    let mut inertia = assign(x, &centers, &mut labels, &mut distances);
    let mut iterations = 0;
    for _ in 0..params.max_iter {
        crate::control::check()?;
        iterations += 1;
        let mut sums = vec![0.0; k * columns];
        let mut counts = vec![0usize; k];
        for (r, l) in labels.iter().enumerate() {
            let l = *l as usize;
            counts[l] += 1;
            for (s, v) in sums[l * columns..(l + 1) * columns].iter_mut().zip(x.row(r)) {
                *s += v;
            }
        }
        let mut moved = 0.0;
        let mut taken: Vec<usize> = Vec::new();
        for c in 0..k {
            let new: Vec<f64> = if counts[c] > 0 {
                sums[c * columns..(c + 1) * columns].iter().map(|s| s / counts[c] as f64).collect()
            } else {
                // An empty cluster takes the row farthest from its center.
                let far = (0..rows)
                    .filter(|r| !taken.contains(r))
                    .fold(0, |best, r| if distances[r] > distances[best] { r } else { best });
                taken.push(far);
                x.row(far).to_vec()
            };
            moved += distance2(&new, &centers[c * columns..(c + 1) * columns]);
            centers[c * columns..(c + 1) * columns].copy_from_slice(&new);
        }
        inertia = assign(x, &centers, &mut labels, &mut distances);
        if moved <= threshold {
            break;
        }
    }
    Ok((centers, labels, inertia, iterations))
}

impl KMeans {
    /// Clusters the rows of `x`.
    ///
    /// # Errors
    /// `invalid_parameter` when there are no rows, `n_clusters` is 0 or exceeds the rows, or
    /// `n_init` / `max_iter` is 0; `capacity_exceeded` past 1,000 restarts or 10,000 iterations.
    pub fn fit(x: &Features<'_>, params: &KMeansParams) -> Result<KMeans> {
        let (rows, columns) = (x.rows(), x.columns());
        if rows == 0 {
            return Err(Error::invalid_parameter("X", "no rows to cluster"));
        }
        if params.n_clusters == 0 || params.n_clusters > rows {
            return Err(Error::invalid_parameter(
                "n_clusters",
                format!("must be in 1-{rows} (the number of rows), got {}", params.n_clusters),
            ));
        }
        if params.n_init == 0 || params.max_iter == 0 {
            return Err(Error::invalid_parameter("n_init", "n_init and max_iter must be at least 1"));
        }
        for (name, value, limit) in [("n_init", params.n_init, MAX_RESTARTS), ("max_iter", params.max_iter, MAX_ITER)] {
            if value > limit {
                let what = format!("{value} {}", if name == "n_init" { "restarts" } else { "iterations" });
                return Err(Error::CapacityExceeded { parameter: Some(name.into()), what, limit: limit as u64 });
            }
        }
        if !(params.tol >= 0.0 && params.tol.is_finite()) {
            return Err(Error::invalid_parameter("tol", "must be a finite number >= 0"));
        }
        let scaler = StandardScaler::fit(x)?;
        let mean_variance = scaler.scale.iter().map(|s| s * s).sum::<f64>() / columns as f64;
        let threshold = params.tol * mean_variance;
        let mut best: Option<(Vec<f64>, Vec<u32>, f64, usize)> = None;
        for restart in 0..params.n_init {
            let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
            rng.set_stream(restart as u64);
            crate::control::checkpoint("fit", restart as u64, params.n_init as u64)?;
            let result = run(x, params, threshold, &mut rng)?;
            if best.as_ref().is_none_or(|b| result.2 < b.2) {
                best = Some(result);
            }
        }
        let (centers, labels, inertia, iterations) = best.unwrap_or_default();
        Ok(KMeans { centers, columns, inertia, iterations, labels, params: params.clone() })
    }

    /// The cluster of each row of `x`.
    ///
    /// # Errors
    /// `invalid_parameter` when `x` has another number of features than the training data.
    pub fn predict(&self, x: &Features<'_>) -> Result<Vec<u32>> {
        if x.columns() != self.columns {
            return Err(Error::invalid_parameter(
                "X",
                format!("the model was trained on {} features, got {}", self.columns, x.columns()),
            ));
        }
        let mut labels = vec![0; x.rows()];
        let mut distances = vec![0.0; x.rows()];
        assign(x, &self.centers, &mut labels, &mut distances);
        Ok(labels)
    }

    /// Centers, row by row (`n_clusters x features`).
    #[must_use]
    pub fn centers(&self) -> &[f64] {
        &self.centers
    }

    /// Sum of squared distances of the training rows to their centers.
    #[must_use]
    pub fn inertia(&self) -> f64 {
        self.inertia
    }

    /// Cluster of each training row.
    #[must_use]
    pub fn labels(&self) -> &[u32] {
        &self.labels
    }

    /// Lloyd iterations of the winning restart.
    #[must_use]
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// Number of features.
    #[must_use]
    pub fn columns(&self) -> usize {
        self.columns
    }
}

/// Standardization: `(x - mean) / scale`, with the population standard deviation as scale (1
/// for a constant feature).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StandardScaler {
    /// Mean of each feature.
    pub mean: Vec<f64>,
    /// Standard deviation of each feature (1 when constant).
    pub scale: Vec<f64>,
}

impl StandardScaler {
    /// Learns the means and scales of `x`.
    ///
    /// # Errors
    /// `invalid_parameter` when there are no rows.
    pub fn fit(x: &Features<'_>) -> Result<StandardScaler> {
        let (rows, columns) = (x.rows(), x.columns());
        if rows == 0 {
            return Err(Error::invalid_parameter("X", "no rows"));
        }
        let n = rows as f64;
        let mut mean = vec![0.0; columns];
        for r in 0..rows {
            for (m, v) in mean.iter_mut().zip(x.row(r)) {
                *m += v;
            }
        }
        for m in &mut mean {
            *m /= n;
        }
        let mut var = vec![0.0; columns];
        for r in 0..rows {
            for ((s, v), m) in var.iter_mut().zip(x.row(r)).zip(&mean) {
                *s += (v - m) * (v - m);
            }
        }
        let scale = var.iter().map(|v| (v / n).sqrt()).map(|s| if s > 0.0 { s } else { 1.0 }).collect();
        Ok(StandardScaler { mean, scale })
    }

    /// `x` standardized, row by row.
    ///
    /// # Errors
    /// `invalid_parameter` when `x` has another number of features.
    pub fn transform(&self, x: &Features<'_>) -> Result<Vec<f64>> {
        if x.columns() != self.mean.len() {
            return Err(Error::invalid_parameter(
                "X",
                format!("the scaler was fitted on {} features, got {}", self.mean.len(), x.columns()),
            ));
        }
        let mut out = Vec::with_capacity(x.rows() * x.columns());
        for r in 0..x.rows() {
            out.extend(x.row(r).iter().zip(&self.mean).zip(&self.scale).map(|((v, m), s)| (v - m) / s));
        }
        Ok(out)
    }
}

crate::prediction::persistence!(KMeans, "kmeans");
crate::prediction::persistence!(StandardScaler, "standard_scaler");

#[cfg(test)]
mod tests {
    use super::*;

    fn blobs() -> Vec<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let mut x = Vec::new();
        for (cx, cy) in [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)] {
            for _ in 0..200 {
                x.push(cx + rng.random::<f64>());
                x.push(cy + rng.random::<f64>());
            }
        }
        x
    }

    #[test]
    fn finds_separated_blobs_deterministically() {
        let x = blobs();
        let features = Features::new(&x, 2).unwrap();
        let params = KMeansParams { n_clusters: 3, ..KMeansParams::default() };
        let model = KMeans::fit(&features, &params).unwrap();
        let labels = model.labels();
        for blob in labels.chunks(200) {
            assert!(blob.iter().all(|l| *l == blob[0]));
        }
        assert!(model.inertia() < 600.0 * 0.2);
        assert_eq!(model, KMeans::fit(&features, &params).unwrap());
        assert_eq!(model.predict(&features).unwrap(), labels);
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        let x = blobs();
        let features = Features::new(&x, 2).unwrap();
        let too_many = KMeansParams { n_clusters: 601, ..KMeansParams::default() };
        assert_eq!(KMeans::fit(&features, &too_many).unwrap_err().code(), "invalid_parameter");
        let none = Features::new(&[], 2).unwrap();
        assert!(KMeans::fit(&none, &KMeansParams::default()).is_err());
        let scaler = StandardScaler::fit(&features).unwrap();
        let standardized = scaler.transform(&features).unwrap();
        let mean: f64 = standardized.iter().step_by(2).sum::<f64>() / 600.0;
        assert!(mean.abs() < 1e-9);
    }
}
