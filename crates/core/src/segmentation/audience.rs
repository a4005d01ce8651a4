//! The seed's `AdvancedSegmentation`: behavioural features per contact, standardized, seeded
//! k-means (k given, or suggested by the silhouette), segment profiles and the seed's
//! recommendation rules in English and Spanish.

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::seq::index::sample;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::engagement::{EngagementWeights, engagement};
use crate::error::{Error, Result};
use crate::events::{EventLog, KindCode, PersonKey, PropValue, Timestamp, WebinarAgenda};
use crate::metrics::ratio;
use crate::prediction::Features;

use super::{KMeans, KMeansParams, StandardScaler};

/// The behavioural features, in column order.
pub const SEGMENT_FEATURES: [&str; 5] =
    ["engagement_score", "attended_minutes", "interactions", "email_engagement", "website_visits"];

/// Contact attributes whose most common value each profile reports.
const MODE_ATTRIBUTES: [&str; 4] = ["company_size", "industry", "channel", "job_title"];

/// Options of [`segment_audience`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SegmentParams {
    /// Number of segments; 0 suggests one in 2-8 by the silhouette.
    pub n_clusters: usize,
    /// k-means restarts.
    pub n_init: usize,
    /// Seed of every random draw.
    pub seed: u64,
    /// Ignore later events.
    pub as_of: Option<Timestamp>,
    /// The webinar's agenda (for the engagement score).
    pub agenda: Option<WebinarAgenda>,
    /// Weights of the engagement score.
    pub weights: EngagementWeights,
}

impl Default for SegmentParams {
    fn default() -> Self {
        SegmentParams {
            n_clusters: 5,
            n_init: 10,
            seed: 42,
            as_of: None,
            agenda: None,
            weights: EngagementWeights::default(),
        }
    }
}

impl SegmentParams {
    /// Reads plain call options (`snake_case` or `camelCase` keys) as the bindings receive them.
    pub fn from_call_json(options: serde_json::Value) -> Result<SegmentParams> {
        crate::ingest::options_from_json(options, "options")
    }
}

/// A recommendation for a segment.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SegmentRecommendation {
    /// `high_engagement`, `high_conversion` or `enterprise`.
    pub kind: &'static str,
    /// `high` or `medium`.
    pub priority: &'static str,
    /// English action.
    pub action_en: &'static str,
    /// Spanish action.
    pub action_es: &'static str,
}

/// One segment's profile.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SegmentProfile {
    /// Segment number.
    pub segment: u32,
    /// Contacts in the segment.
    pub size: u64,
    /// Share of all contacts (0-1).
    pub share: Option<f64>,
    /// Mean of each feature (original units).
    pub means: BTreeMap<&'static str, f64>,
    /// Most common value of each contact attribute present (ties: the first in value order).
    pub modes: BTreeMap<&'static str, Option<PropValue>>,
    /// Share of the segment that purchased (0-1).
    pub conversion_rate: Option<f64>,
    /// Mean revenue per contact.
    pub revenue_mean: Option<f64>,
    /// The seed's recommendations.
    pub recommendations: Vec<SegmentRecommendation>,
}

/// A contact's segment.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SegmentAssignment {
    /// The contact's id.
    pub user_id: PersonKey,
    /// Segment number.
    pub segment: u32,
}

/// Segments of the audience.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Segmentation {
    /// Feature names, in column order.
    pub features: Vec<&'static str>,
    /// Number of segments.
    pub k: usize,
    /// Mean silhouette (on a seeded sample of at most 1000 contacts).
    pub silhouette: Option<f64>,
    /// k-means inertia on the standardized features.
    pub inertia: f64,
    /// One profile per segment.
    pub segments: Vec<SegmentProfile>,
    /// Each contact's segment, in id order.
    pub assignments: Vec<SegmentAssignment>,
}

/// Mean silhouette of `labels` over a seeded sample of at most 1000 rows.
fn silhouette(x: &Features<'_>, labels: &[u32], clusters: usize, seed: u64) -> Option<f64> {
    let rows = x.rows();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let picked: Vec<usize> = if rows > 1000 { sample(&mut rng, rows, 1000).into_vec() } else { (0..rows).collect() };
    let mut total = 0.0;
    let mut counted = 0usize;
    for &i in &picked {
        let mut sums = vec![(0.0, 0usize); clusters];
        for &j in &picked {
            if i != j {
                let distance = x.row(i).iter().zip(x.row(j)).map(|(p, q)| (p - q) * (p - q)).sum::<f64>().sqrt();
                let slot = &mut sums[labels[j] as usize];
                slot.0 += distance;
                slot.1 += 1;
            }
        }
        let own = labels[i] as usize;
        if sums[own].1 == 0 {
            continue;
        }
        let within = sums[own].0 / sums[own].1 as f64;
        let nearest = sums
            .iter()
            .enumerate()
            .filter(|(c, s)| *c != own && s.1 > 0)
            .map(|(_, s)| s.0 / s.1 as f64)
            .fold(f64::INFINITY, f64::min);
        if nearest.is_finite() {
            total += (nearest - within) / within.max(nearest).max(f64::MIN_POSITIVE);
            counted += 1;
        }
    }
    ratio(total, counted as f64)
}

/// k-means with the given k, or the k in 2-8 with the best silhouette.
fn cluster(x: &Features<'_>, params: &SegmentParams, rows: usize) -> Result<(KMeans, Option<f64>)> {
    let fit = |k: usize| {
        let options =
            KMeansParams { n_clusters: k, n_init: params.n_init, seed: params.seed, ..KMeansParams::default() };
        let model = KMeans::fit(x, &options)?;
        let quality = silhouette(x, model.labels(), k, params.seed);
        Ok::<_, Error>((model, quality))
    };
    if params.n_clusters > 0 {
        return fit(params.n_clusters);
    }
    let mut best: Option<(KMeans, Option<f64>)> = None;
    for k in 2..=8.min(rows) {
        let (model, quality) = fit(k)?;
        if best.as_ref().is_none_or(|(_, q)| quality.unwrap_or(-1.0) > q.unwrap_or(-1.0)) {
            best = Some((model, quality));
        }
    }
    best.ok_or_else(|| Error::invalid_parameter("n_clusters", "need at least 2 contacts to suggest a k"))
}

/// The seed's recommendation rules for a segment.
fn recommend(
    means: &BTreeMap<&'static str, f64>,
    conversion_rate: Option<f64>,
    modes: &BTreeMap<&'static str, Option<PropValue>>,
) -> Vec<SegmentRecommendation> {
    let mut out = Vec::new();
    if means.get("engagement_score").is_some_and(|m| m / 100.0 > 0.8) {
        out.push(SegmentRecommendation {
            kind: "high_engagement",
            priority: "high",
            action_en: "Provide premium content and exclusive access",
            action_es: "Ofrecer contenido premium y acceso exclusivo",
        });
    }
    if conversion_rate.is_some_and(|r| r > 0.3) {
        out.push(SegmentRecommendation {
            kind: "high_conversion",
            priority: "high",
            action_en: "Focus on upselling and cross-selling",
            action_es: "Enfocarse en upselling y venta cruzada",
        });
    }
    if modes.get("company_size").and_then(Option::as_ref).and_then(PropValue::as_str) == Some("enterprise") {
        out.push(SegmentRecommendation {
            kind: "enterprise",
            priority: "medium",
            action_en: "Provide enterprise-level solutions and support",
            action_es: "Ofrecer soluciones y soporte de nivel empresarial",
        });
    }
    out
}

/// Segments the contacts of `log` (every person when no contacts were loaded).
///
/// # Errors
/// `invalid_parameter` for bad options or more segments than contacts.
pub fn segment_audience(log: &EventLog, params: &SegmentParams) -> Result<Segmentation> {
    let as_of = params.as_of.map(|t| t.0);
    let contacts = log.contacts();
    let persons: Vec<usize> =
        (0..log.person_count()).filter(|p| contacts.is_empty() || contacts.has_contact(*p)).collect();
    if persons.is_empty() {
        return Err(Error::invalid_parameter("log", "no contacts to segment"));
    }
    let scores = engagement(log, params.agenda.as_ref(), as_of, &params.weights)?;
    let mut attendee = vec![None; log.person_count()];
    for a in &scores.attendees {
        attendee[a.person] = Some(a);
    }
    let code = |k: &str| log.kind_code(k);
    let (open, click, view, purchase) = (code("email_open"), code("email_click"), code("page_view"), code("purchase"));
    let mut values = Vec::with_capacity(persons.len() * SEGMENT_FEATURES.len());
    let mut bought = Vec::with_capacity(persons.len());
    let mut revenue = Vec::with_capacity(persons.len());
    for &p in &persons {
        let ev = log.person_events(p);
        let end = as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t));
        let count = |k: Option<KindCode>| ev.kind[..end].iter().filter(|x| Some(**x) == k).count() as f64;
        let a = attendee[p];
        values.extend([
            a.map_or(0.0, |a| a.engagement_score),
            a.map_or(0.0, |a| a.minutes),
            a.map_or(0.0, |a| a.interactions as f64),
            count(open) + count(click),
            count(view),
        ]);
        bought.push(count(purchase) > 0.0);
        revenue.push((0..end).filter(|i| Some(ev.kind[*i]) == purchase).filter_map(|i| ev.value(i)).sum::<f64>());
    }
    let raw = Features::new(&values, SEGMENT_FEATURES.len())?;
    let scaler = StandardScaler::fit(&raw)?;
    let standardized = scaler.transform(&raw)?;
    let x = Features::new(&standardized, SEGMENT_FEATURES.len())?;
    let (model, quality) = cluster(&x, params, persons.len())?;
    let k = model.centers().len() / SEGMENT_FEATURES.len();
    let labels = model.labels();
    let total = persons.len() as f64;
    let segments = (0..k as u32)
        .map(|s| {
            let members: Vec<usize> = (0..persons.len()).filter(|i| labels[*i] == s).collect();
            let size = members.len() as f64;
            let means = SEGMENT_FEATURES
                .iter()
                .enumerate()
                .map(|(f, name)| (*name, ratio(members.iter().map(|i| raw.row(*i)[f]).sum(), size).unwrap_or(0.0)))
                .collect::<BTreeMap<_, _>>();
            let most_common = MODE_ATTRIBUTES
                .iter()
                .filter_map(|name| contacts.attribute(name).map(|column| (*name, column)))
                .map(|(name, column)| {
                    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
                    for i in &members {
                        let code = column.codes().at(persons[*i]);
                        if code != crate::events::NULL_CODE {
                            *counts.entry(code).or_default() += 1;
                        }
                    }
                    let top = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(c, _)| *c);
                    (name, top.and_then(|c| column.dictionary().get(c as usize).cloned()))
                })
                .collect::<BTreeMap<_, _>>();
            let conversion_rate = ratio(members.iter().filter(|i| bought[**i]).count() as f64, size);
            let revenue_mean = ratio(members.iter().map(|i| revenue[*i]).sum(), size);
            let recommendations = recommend(&means, conversion_rate, &most_common);
            SegmentProfile {
                segment: s,
                size: members.len() as u64,
                share: ratio(size, total),
                means,
                modes: most_common,
                conversion_rate,
                revenue_mean,
                recommendations,
            }
        })
        .collect();
    let assignments = persons
        .iter()
        .zip(labels)
        .filter_map(|(p, s)| log.person_key(*p).map(|user_id| SegmentAssignment { user_id, segment: *s }))
        .collect();
    Ok(Segmentation {
        features: SEGMENT_FEATURES.to_vec(),
        k,
        silhouette: quality,
        inertia: model.inertia(),
        segments,
        assignments,
    })
}
