//! Classification metrics on held-out rows.

use serde::Serialize;

/// Quality of a binary classifier on a test split.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BinaryMetrics {
    /// Share of correct predictions at threshold 0.5.
    pub accuracy: Option<f64>,
    /// Area under the ROC curve (ties count half); `None` with a single class.
    pub roc_auc: Option<f64>,
    /// Mean negative log-likelihood (probabilities clipped to [1e-15, 1 - 1e-15]).
    pub log_loss: Option<f64>,
    /// Rows evaluated.
    pub rows: usize,
}

/// ROC-AUC of scores `p` against labels `y` (Mann-Whitney, average ranks for ties).
#[must_use]
pub fn roc_auc(y: &[bool], p: &[f64]) -> Option<f64> {
    let positives = y.iter().filter(|v| **v).count();
    let negatives = y.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|a, b| p[*a].total_cmp(&p[*b]));
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && p[order[j + 1]].total_cmp(&p[order[i]]).is_eq() {
            j += 1;
        }
        let average = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += order[i..=j].iter().filter(|r| y[**r]).count() as f64 * average;
        i = j + 1;
    }
    let (pos, neg) = (positives as f64, negatives as f64);
    Some((rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg))
}

/// Accuracy, ROC-AUC and log-loss of probabilities `p` for labels `y`.
#[must_use]
pub fn binary_metrics(y: &[bool], p: &[f64]) -> BinaryMetrics {
    let n = y.len();
    if n == 0 {
        return BinaryMetrics { accuracy: None, roc_auc: None, log_loss: None, rows: 0 };
    }
    let correct = y.iter().zip(p).filter(|(y, p)| **y == (**p >= 0.5)).count();
    let loss: f64 = y
        .iter()
        .zip(p)
        .map(|(y, p)| {
            let p = p.clamp(1e-15, 1.0 - 1e-15);
            -(if *y { p.ln() } else { (1.0 - p).ln() })
        })
        .sum();
    BinaryMetrics {
        accuracy: Some(correct as f64 / n as f64),
        roc_auc: roc_auc(y, p),
        log_loss: Some(loss / n as f64),
        rows: n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_with_ties_and_degenerate_labels() {
        assert_eq!(roc_auc(&[false, true], &[0.1, 0.9]), Some(1.0));
        assert_eq!(roc_auc(&[false, true, false, true], &[0.5, 0.5, 0.5, 0.5]), Some(0.5));
        assert_eq!(roc_auc(&[true, true], &[0.1, 0.9]), None);
        let m = binary_metrics(&[true, false], &[0.8, 0.4]);
        assert_eq!(m.accuracy, Some(1.0));
        assert!(m.log_loss.is_some_and(|l| (l - (-(0.8f64.ln()) - 0.6f64.ln()) / 2.0).abs() < 1e-12));
    }
}
