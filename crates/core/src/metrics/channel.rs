//! Channel performance: registrations, attendance, conversions, revenue and cost per value of a
//! contact attribute (the acquisition channel by default).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::{ChannelSpend, EventLog, KindCode, NULL_CODE, PropValue};
use crate::math::wilson;
use crate::metrics::ratio;

/// Counts of one group, additive across disjoint sets of persons.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChannelCounts {
    /// Contacts in the group.
    pub contacts: u64,
    /// Distinct persons with at least one `register` event.
    pub registrations: u64,
    /// Distinct persons with at least one `attend` event.
    pub attendees: u64,
    /// Distinct persons with at least one `purchase` event.
    pub conversions: u64,
    /// Number of `purchase` events.
    pub purchases: u64,
    /// Sum of purchase values (currency).
    pub revenue: f64,
}

/// Version of the [`ChannelPartial`] layout.
pub const CHANNEL_PARTIAL_VERSION: u32 = 1;

/// Revenue is summed in millionths of the currency unit, so that merging is exact.
const MICRO: f64 = 1e6;

/// The mergeable partial state of [`channel_performance`]: counts per attribute value.
///
/// Partials computed on disjoint sets of persons merge (associative, commutative, exact:
/// revenue is kept in millionths of the currency unit) into the partial of their union;
/// [`ChannelPartial::finalize`] turns one into rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChannelPartial {
    /// Layout version ([`CHANNEL_PARTIAL_VERSION`]).
    version: u32,
    /// The grouping attribute.
    by: String,
    /// Confidence level of the rates' intervals (states written before intervals: 0.95).
    #[serde(default = "crate::math::default_confidence")]
    confidence: f64,
    /// Registrations under which a row is flagged `small_sample` (states written before: 30).
    #[serde(default = "crate::math::default_small_sample")]
    small_sample: u64,
    /// Counts by value, sorted by value.
    groups: Vec<(GroupKey, Tally)>,
}

/// Counts of one group with revenue in millionths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
struct Tally {
    contacts: u64,
    registrations: u64,
    attendees: u64,
    conversions: u64,
    purchases: u64,
    revenue_micros: i64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.contacts += other.contacts;
        self.registrations += other.registrations;
        self.attendees += other.attendees;
        self.conversions += other.conversions;
        self.purchases += other.purchases;
        self.revenue_micros += other.revenue_micros;
    }

    fn counts(&self) -> ChannelCounts {
        ChannelCounts {
            contacts: self.contacts,
            registrations: self.registrations,
            attendees: self.attendees,
            conversions: self.conversions,
            purchases: self.purchases,
            revenue: self.revenue_micros as f64 / MICRO,
        }
    }
}

/// An attribute value as an ordered key (`None` for persons without a value).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
enum GroupKey {
    Value(OrderedValue),
    Missing,
}

/// [`PropValue`] with a total order: by type, then by value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
enum OrderedValue {
    Bool(bool),
    Int(i64),
    Float(u64),
    Time(i64),
    Str(Box<str>),
}

impl OrderedValue {
    fn of(value: &PropValue) -> Self {
        match value {
            PropValue::Str(s) => OrderedValue::Str(s.clone()),
            PropValue::Int(v) => OrderedValue::Int(*v),
            // Order-preserving bits of a finite float.
            PropValue::Float(v) => {
                let bits = (v + 0.0).to_bits();
                OrderedValue::Float(if bits >> 63 == 1 { !bits } else { bits | (1 << 63) })
            }
            PropValue::Bool(v) => OrderedValue::Bool(*v),
            PropValue::Time(v) => OrderedValue::Time(*v),
        }
    }

    fn value(&self) -> PropValue {
        match self {
            OrderedValue::Str(s) => PropValue::Str(s.clone()),
            OrderedValue::Int(v) => PropValue::Int(*v),
            OrderedValue::Float(bits) => {
                let raw = if bits >> 63 == 1 { bits & !(1 << 63) } else { !bits };
                PropValue::Float(f64::from_bits(raw))
            }
            OrderedValue::Bool(v) => PropValue::Bool(*v),
            OrderedValue::Time(v) => PropValue::Time(*v),
        }
    }
}

/// Cost columns of a channel row, present when spend was given.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SpendColumns {
    /// Sum of spend rows' cost for this channel (0 when it has none).
    pub cost: f64,
    /// cost / registrations.
    pub cost_per_lead: Option<f64>,
    /// cost / conversions.
    pub cost_per_acquisition: Option<f64>,
    /// revenue / cost.
    pub roas: Option<f64>,
    /// (revenue - cost) / cost x 100.
    pub roi_percent: Option<f64>,
}

/// One row of the channel table. Rates are fractions 0-1; `None` (null) where the
/// denominator is zero.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ChannelRow {
    /// The attribute value (null for persons without one).
    pub channel: Option<PropValue>,
    /// Counts of the group.
    #[serde(flatten)]
    pub counts: ChannelCounts,
    /// conversions / registrations.
    pub conversion_rate: Option<f64>,
    /// conversions / contacts.
    pub contact_conversion_rate: Option<f64>,
    /// Wilson interval `[low, high]` of `conversion_rate` at the table's `confidence`; null
    /// where the rate is undefined.
    pub conversion_rate_ci: Option<[f64; 2]>,
    /// Wilson interval of `contact_conversion_rate`; null where the rate is undefined.
    pub contact_conversion_rate_ci: Option<[f64; 2]>,
    /// Whether the row has fewer registrations than the `small_sample` option (default 30): its
    /// conversion rate is noise.
    pub small_sample: bool,
    /// revenue / purchases (average order value).
    pub aov: Option<f64>,
    /// Cost columns, when spend was given.
    #[serde(flatten)]
    pub spend: Option<SpendColumns>,
    /// The same channel in the compared period, when compared.
    #[serde(flatten)]
    pub comparison: Option<ChannelChange>,
}

/// A channel row against the same channel in another period (`compare`): flat columns, so the
/// table stays one row per channel.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ChannelChange {
    /// First time of the compared period.
    pub compared_from: crate::events::Timestamp,
    /// Last time of the compared period.
    pub compared_to: crate::events::Timestamp,
    /// Registrations in the compared period.
    pub compared_registrations: u64,
    /// Conversions in the compared period.
    pub compared_conversions: u64,
    /// Revenue in the compared period.
    pub compared_revenue: f64,
    /// Conversion rate in the compared period.
    pub compared_conversion_rate: Option<f64>,
    /// `conversion_rate` minus the compared one.
    pub conversion_rate_change: Option<f64>,
    /// `conversion_rate_change` over the compared rate.
    pub conversion_rate_relative_change: Option<f64>,
    /// Two-sided p-value of `conversion_rate_change` (two-proportion z-test, pooled).
    pub conversion_rate_p_value: Option<f64>,
    /// Revenue minus the compared revenue.
    pub revenue_change: f64,
}

/// The channel table: one row per attribute value, sorted by value, persons without a value
/// last. Serializes as the list of rows.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct ChannelPerformance {
    /// The rows.
    pub rows: Vec<ChannelRow>,
}

/// Parameters of [`channel_performance`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ChannelParams {
    /// The contact attribute to group by.
    pub by: String,
    /// Confidence level of the rates' Wilson intervals (default 0.95).
    pub confidence: f64,
    /// Registrations under which a row is flagged `small_sample` (default 30).
    pub small_sample: u64,
}

impl Default for ChannelParams {
    fn default() -> Self {
        ChannelParams {
            by: "channel".to_owned(),
            confidence: crate::math::DEFAULT_CONFIDENCE,
            small_sample: crate::math::DEFAULT_SMALL_SAMPLE,
        }
    }
}

/// Persons per unit of work of the channel tally.
const PERSON_CHUNK: usize = 65_536;

/// The tallies of persons `range` by their code in `column` (slot `groups`: no value).
fn tally_persons(
    log: &EventLog,
    column: Option<&crate::events::DictColumn>,
    groups: usize,
    range: std::ops::Range<usize>,
) -> Vec<Tally> {
    let contacts = log.contacts();
    let mut tallies = vec![Tally::default(); groups + 1];
    let code = |name: &str| log.kind_code(name).unwrap_or(KindCode::MAX);
    let (register, attend, purchase) = (code("register"), code("attend"), code("purchase"));
    for person in range.map(|p| log.person_events(p)) {
        let slot =
            column.map(|c| c.codes().at(person.person)).filter(|c| *c != NULL_CODE).map_or(groups, |c| c as usize);
        let mut own = Tally { contacts: u64::from(contacts.has_contact(person.person)), ..Default::default() };
        let (mut registered, mut attended) = (false, false);
        for (i, kind) in person.kind.iter().enumerate() {
            if *kind == register {
                registered = true;
            } else if *kind == attend {
                attended = true;
            } else if *kind == purchase {
                own.purchases += 1;
                own.revenue_micros += (person.value(i).unwrap_or(0.0) * MICRO).round() as i64;
            }
        }
        own.registrations = u64::from(registered);
        own.attendees = u64::from(attended);
        own.conversions = u64::from(own.purchases > 0);
        tallies[slot].add(&own);
    }
    tallies
}

impl ChannelPartial {
    /// Counts every person of `log` by the value of contact attribute `by`.
    pub fn from_log(log: &EventLog, params: &ChannelParams) -> Result<ChannelPartial> {
        crate::math::check_confidence(params.confidence, "confidence")?;
        let contacts = log.contacts();
        let column = contacts.attribute(&params.by);
        if column.is_none() && !contacts.is_empty() {
            let known: Vec<&str> = contacts.attributes().iter().map(crate::events::DictColumn::name).collect();
            return Err(Error::invalid_parameter(
                "by",
                format!("contacts have no attribute {:?}; they have {}", params.by, known.join(", ")),
            ));
        }
        let groups = column.map_or(0, |c| c.dictionary().len());
        // Persons in chunks over the threads, each chunk with a tally per group (integer sums:
        // the same totals in any order). Many groups (an id-like attribute) stay in one chunk,
        // so that the tallies do not multiply.
        let persons = 0..log.person_count();
        let chunks = if groups <= 4096 { crate::parallel::chunks(persons, PERSON_CHUNK) } else { vec![persons] };
        let parts = crate::parallel::map_columns(chunks, |range| tally_persons(log, column, groups, range));
        let mut tallies = vec![Tally::default(); groups + 1];
        for part in parts {
            for (total, t) in tallies.iter_mut().zip(&part) {
                total.add(t);
            }
        }
        let mut by_key: BTreeMap<GroupKey, Tally> = BTreeMap::new();
        for (slot, t) in tallies.iter().enumerate().filter(|(_, t)| **t != Tally::default()) {
            let key = match column.and_then(|col| col.dictionary().get(slot)) {
                Some(value) => GroupKey::Value(OrderedValue::of(value)),
                None => GroupKey::Missing,
            };
            by_key.entry(key).or_default().add(t);
        }
        Ok(ChannelPartial {
            version: CHANNEL_PARTIAL_VERSION,
            by: params.by.clone(),
            confidence: params.confidence,
            small_sample: params.small_sample,
            groups: by_key.into_iter().collect(),
        })
    }

    /// The same state in layout `version` (read from an earlier layout).
    pub(crate) fn upgraded(mut self, version: u32) -> ChannelPartial {
        self.version = version;
        self
    }

    /// The grouping attribute.
    #[must_use]
    pub fn by(&self) -> &str {
        &self.by
    }

    /// Adds the counts of `other` (a partial over a disjoint set of persons).
    ///
    /// # Errors
    /// `invalid_parameter` when `other` groups by another attribute or has another layout.
    pub fn merge(&mut self, other: &ChannelPartial) -> Result<()> {
        if other.version != self.version
            || other.by != self.by
            || other.confidence.to_bits() != self.confidence.to_bits()
            || other.small_sample != self.small_sample
        {
            return Err(Error::invalid_parameter("partials", "partials of different channel tables cannot be merged"));
        }
        let mut by_key: BTreeMap<GroupKey, Tally> = std::mem::take(&mut self.groups).into_iter().collect();
        for (key, tally) in &other.groups {
            by_key.entry(key.clone()).or_default().add(tally);
        }
        self.groups = by_key.into_iter().collect();
        Ok(())
    }

    /// Rows with rates, and cost columns when `spend` is given. A channel with spend and no
    /// persons gets a row too, so that no cost goes unreported.
    #[must_use]
    pub fn finalize(&self, spend: Option<&[ChannelSpend]>) -> ChannelPerformance {
        let mut groups: BTreeMap<GroupKey, ChannelCounts> =
            self.groups.iter().map(|(key, tally)| (key.clone(), tally.counts())).collect();
        for row in spend.unwrap_or_default() {
            groups.entry(GroupKey::Value(OrderedValue::Str(row.channel.as_str().into()))).or_default();
        }
        let rows = groups
            .iter()
            .map(|(key, c)| {
                let channel = match key {
                    GroupKey::Value(v) => Some(v.value()),
                    GroupKey::Missing => None,
                };
                let spend = spend.map(|rows| {
                    let name = channel.as_ref().and_then(PropValue::as_str);
                    // Folded from +0.0: `Sum` of no floats is -0.0, which JS tells apart from 0.
                    let cost =
                        rows.iter().filter(|r| Some(r.channel.as_str()) == name).fold(0.0, |sum, r| sum + r.cost);
                    SpendColumns {
                        cost,
                        cost_per_lead: ratio(cost, c.registrations as f64),
                        cost_per_acquisition: ratio(cost, c.conversions as f64),
                        roas: ratio(c.revenue, cost),
                        roi_percent: ratio(c.revenue - cost, cost).map(|r| r * 100.0),
                    }
                });
                ChannelRow {
                    channel,
                    counts: *c,
                    conversion_rate: ratio(c.conversions as f64, c.registrations as f64),
                    contact_conversion_rate: ratio(c.conversions as f64, c.contacts as f64),
                    conversion_rate_ci: wilson(c.conversions as f64, c.registrations as f64, self.confidence),
                    contact_conversion_rate_ci: wilson(c.conversions as f64, c.contacts as f64, self.confidence),
                    small_sample: c.registrations < self.small_sample,
                    aov: ratio(c.revenue, c.purchases as f64),
                    spend,
                    comparison: None,
                }
            })
            .collect();
        ChannelPerformance { rows }
    }
}

/// The channel table over the events within `periods.between` (every event without), with the
/// spend rows dated within it; with `periods.compare`, every row gains the same channel's
/// figures over the other period and the change of its conversion rate (a channel absent
/// there is compared with zero persons).
///
/// # Errors
/// As [`channel_performance`]; `invalid_parameter` naming `between` or `compare` for an empty
/// range, or `"previous_period"` without `between`.
pub fn channel_performance_over(
    log: &EventLog,
    params: &ChannelParams,
    spend: Option<&[ChannelSpend]>,
    periods: &crate::compare::Periods,
) -> Result<ChannelPerformance> {
    let other = periods.other()?;
    let over = |range| {
        let spend = spend.map(|rows| crate::compare::spend_within(rows, range));
        channel_performance(&crate::compare::scoped(log, range), params, spend.as_deref())
    };
    let mut table = over(periods.between)?;
    if let Some(range) = other {
        let compared = over(Some(range))?;
        for row in &mut table.rows {
            let was = compared.rows.iter().find(|r| r.channel == row.channel).map(|r| r.counts).unwrap_or_default();
            let now = row.counts;
            let change = crate::compare::RateChange::new(
                (now.conversions, now.registrations),
                (was.conversions, was.registrations),
            );
            row.comparison = Some(ChannelChange {
                compared_from: range[0],
                compared_to: range[1],
                compared_registrations: was.registrations,
                compared_conversions: was.conversions,
                compared_revenue: was.revenue,
                compared_conversion_rate: change.other,
                conversion_rate_change: change.change,
                conversion_rate_relative_change: change.relative_change,
                conversion_rate_p_value: change.p_value,
                revenue_change: now.revenue - was.revenue,
            });
        }
    }
    Ok(table)
}

/// The channel table of `log` grouped by contact attribute `params.by`, with cost columns when
/// `spend` is given.
///
/// ```
/// use webinar_analytics::prelude::*;
///
/// let demo = demo_campaign(&DemoParams { contacts: 500, seed: 1 })?;
/// let table = channel_performance(&demo.log, &ChannelParams::default(), Some(&demo.spend))?;
/// let linkedin = table.rows.iter().find(|r| r.channel == Some(PropValue::Str("linkedin".into()))).unwrap();
/// assert!(linkedin.counts.registrations <= linkedin.counts.contacts);
/// assert!(linkedin.spend.unwrap().cost > 0.0);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
pub fn channel_performance(
    log: &EventLog,
    params: &ChannelParams,
    spend: Option<&[ChannelSpend]>,
) -> Result<ChannelPerformance> {
    Ok(ChannelPartial::from_log(log, params)?.finalize(spend))
}
