//! Per-cohort tallies, the mergeable partial state, and the retention matrix.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, CalendarUnit};
use crate::error::{Error, Result};
use crate::events::Timestamp;
use crate::math::wilson;
use crate::metrics::ratio;

use super::spec::RetentionKind;

/// Version of the [`RetentionPartial`] layout.
pub const RETENTION_PARTIAL_VERSION: u32 = 1;

/// Revenue is summed in millionths of the currency unit, so that merging is exact.
const MICRO: f64 = 1e6;

/// Most cells a retention matrix holds (cohorts × periods, empty and censored ones included):
/// a wider span comes from a misdated time, and would size the matrix by it.
pub const MAX_RETENTION_CELLS: u64 = 1 << 20;

/// The cells of a matrix whose cohorts run from period `first` to `last` and whose columns end at
/// period `end` (`None`: it is within [`MAX_RETENTION_CELLS`]), with its number of cohorts and columns.
pub(crate) fn oversized(first: i64, last: i64, end: i64) -> Option<(u64, u64)> {
    let cohorts = u64::try_from(i128::from(last) - i128::from(first) + 1).unwrap_or(u64::MAX);
    let columns = u64::try_from(i128::from(end.max(last)) - i128::from(first) + 1).unwrap_or(u64::MAX);
    (cohorts.saturating_mul(columns) > MAX_RETENTION_CELLS).then_some((cohorts, columns))
}

/// The tallies of one cohort, by period offset from the cohort's period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CohortState {
    /// Persons anchored in the cohort.
    pub size: u64,
    /// Persons active at each offset.
    pub active: Vec<u64>,
    /// Persons whose last activity is at each offset.
    pub last: Vec<u64>,
    /// Persons active in each bracket (bracket kinds only).
    pub brackets: Vec<u64>,
    /// Revenue at each offset, millionths of the currency unit.
    pub revenue: Vec<i64>,
}

/// A tally that saturates instead of wrapping: states read from elsewhere may hold anything.
trait Tally: Copy + Default {
    fn plus(self, other: Self) -> Self;
}

impl Tally for u64 {
    fn plus(self, other: u64) -> u64 {
        self.saturating_add(other)
    }
}

impl Tally for i64 {
    fn plus(self, other: i64) -> i64 {
        self.saturating_add(other)
    }
}

fn bump<T: Tally>(v: &mut Vec<T>, at: usize, by: T) {
    if v.len() <= at {
        v.resize(at + 1, T::default());
    }
    v[at] = v[at].plus(by);
}

fn add_all<T: Tally>(into: &mut Vec<T>, from: &[T]) {
    for (i, x) in from.iter().enumerate() {
        bump(into, i, *x);
    }
}

impl CohortState {
    /// Adds one person: their distinct active offsets (ascending) and revenue by offset.
    pub(crate) fn add_person(&mut self, offsets: &[u32], revenue: &[(u32, i64)], brackets: Option<&[(u32, u32)]>) {
        self.size = self.size.plus(1);
        for &o in offsets {
            bump(&mut self.active, o as usize, 1);
        }
        if let Some(&last) = offsets.last() {
            bump(&mut self.last, last as usize, 1);
        }
        if let Some(brackets) = brackets {
            if self.brackets.len() < brackets.len() {
                self.brackets.resize(brackets.len(), 0);
            }
            for (count, (lo, hi)) in self.brackets.iter_mut().zip(brackets) {
                if offsets.iter().any(|o| lo <= o && o <= hi) {
                    *count = count.plus(1);
                }
            }
        }
        for &(o, v) in revenue {
            bump(&mut self.revenue, o as usize, v);
        }
    }

    pub(crate) fn merge(&mut self, other: &CohortState) {
        self.size = self.size.plus(other.size);
        add_all(&mut self.active, &other.active);
        add_all(&mut self.last, &other.last);
        add_all(&mut self.brackets, &other.brackets);
        add_all(&mut self.revenue, &other.revenue);
    }
}

/// What a partial was computed for; partials merge only when their heads are equal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RetentionHead {
    /// Cohort and period length.
    pub period: CalendarUnit,
    /// Timezone of the calendar.
    pub tz: String,
    /// What a cell counts.
    pub kind: RetentionKind,
    /// Data cut-off.
    pub as_of: Option<Timestamp>,
    /// Breakdown attribute.
    pub breakdown: Option<String>,
    /// Confidence level of the rates' intervals (states written before intervals: 0.95).
    #[serde(default = "crate::math::default_confidence")]
    pub confidence: f64,
    /// Persons under which a cohort is flagged `small_sample` (states written before: 30).
    #[serde(default = "crate::math::default_small_sample")]
    pub small_sample: u64,
}

/// The cohorts of one breakdown value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RetentionGroupState {
    /// Breakdown value (`null` without breakdown or for persons without a value).
    pub value: serde_json::Value,
    /// (cohort period number, tallies), by cohort.
    pub cohorts: Vec<(i64, CohortState)>,
}

/// The mergeable state of a retention matrix over a subset of persons: merging the partials of
/// disjoint subsets, in any order, then finishing gives exactly the matrix over their union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "SavedRetentionPartial")]
#[schemars(rename = "RetentionPartial")]
pub struct RetentionPartial {
    /// Layout version ([`RETENTION_PARTIAL_VERSION`]).
    pub version: u32,
    /// What was computed.
    pub head: RetentionHead,
    /// The last period with data (events up to `as_of`, anchors).
    pub end_index: Option<i64>,
    /// Tallies per breakdown value.
    pub groups: Vec<RetentionGroupState>,
}

/// A retention partial as read from elsewhere, checked before use.
#[derive(Deserialize, schemars::JsonSchema)]
#[schemars(rename = "RetentionPartial")]
struct SavedRetentionPartial {
    version: u32,
    head: RetentionHead,
    end_index: Option<i64>,
    groups: Vec<RetentionGroupState>,
}

impl TryFrom<SavedRetentionPartial> for RetentionPartial {
    type Error = String;

    /// A matrix no wider than [`MAX_RETENTION_CELLS`].
    fn try_from(saved: SavedRetentionPartial) -> std::result::Result<RetentionPartial, String> {
        let SavedRetentionPartial { version, head, end_index, groups } = saved;
        let partial = RetentionPartial { version, head, end_index, groups };
        partial.check_size().map_err(|e| e.to_string())?;
        Ok(partial)
    }
}

/// One breakdown value's matrix (same cohorts and periods as the total).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RetentionGroup {
    /// The value (`null` when missing).
    pub value: serde_json::Value,
    /// Persons per cohort.
    pub cohort_size: Vec<u64>,
    /// Persons per cell (`null`: not observable yet).
    pub counts: Vec<Vec<Option<u64>>>,
    /// `counts / cohort_size`, 0-1.
    pub rates: Vec<Vec<Option<f64>>>,
    /// Wilson interval `[low, high]` of each rate; null where the rate is.
    pub rates_ci: Vec<Vec<Option<[f64; 2]>>>,
    /// Per cohort, whether it has fewer persons than `small_sample`.
    pub small_sample: Vec<bool>,
    /// Revenue in each cell's periods.
    pub revenue: Vec<Vec<Option<f64>>>,
    /// Cumulative revenue per cohort member through each cell (the LTV curve).
    pub ltv: Vec<Vec<Option<f64>>>,
}

/// A retention matrix broken down by a contact attribute.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RetentionBreakdown {
    /// Attribute name.
    pub by: String,
    /// One matrix per value, largest first.
    pub values: Vec<RetentionGroup>,
}

/// A cohort retention matrix: rows are cohorts, columns periods elapsed (or brackets).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RetentionMatrix {
    /// Cohort and period length.
    pub period: CalendarUnit,
    /// Timezone of the calendar.
    pub tz: String,
    /// `on`, `on_or_after` or `brackets`.
    pub kind: &'static str,
    /// Data cut-off, when given.
    pub as_of: Option<Timestamp>,
    /// Cohort labels (`2024-01`, `2024-W05`, `2024-Q1`, `2024-01-15`), every period from the
    /// first cohort to the last, empty ones included.
    pub cohorts: Vec<String>,
    /// Column labels: periods elapsed (0, 1, ...) or brackets (`"0"`, `"1-3"`).
    pub periods: Vec<serde_json::Value>,
    /// Persons per cohort (with or without activity).
    pub cohort_size: Vec<u64>,
    /// Persons per cell; `null` where the period has not fully elapsed at `as_of` (or lies
    /// beyond the data without `as_of`).
    pub counts: Vec<Vec<Option<u64>>>,
    /// `counts / cohort_size`, 0-1.
    pub rates: Vec<Vec<Option<f64>>>,
    /// Wilson interval `[low, high]` of each rate at the matrix's `confidence`; null where the
    /// rate is (censored cells, empty cohorts).
    pub rates_ci: Vec<Vec<Option<[f64; 2]>>>,
    /// Per cohort, whether it has fewer persons than the `small_sample` option (default 30):
    /// its rates are noise.
    pub small_sample: Vec<bool>,
    /// Revenue in each cell's periods.
    pub revenue: Vec<Vec<Option<f64>>>,
    /// Cumulative revenue per cohort member through each cell (the LTV curve).
    pub ltv: Vec<Vec<Option<f64>>>,
    /// Per breakdown value, when broken down.
    pub breakdown: Option<RetentionBreakdown>,
    /// The current cohorts' pooled retention against the compared cohorts', when compared
    /// (given by [`retention`](super::retention), not by merged partials).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<super::compare::RetentionComparison>,
    /// Calendar index of each cohort.
    #[serde(skip)]
    pub(crate) cohort_index: Vec<i64>,
}

impl RetentionPartial {
    /// Reads a list of partials from plain data (as the bindings receive it).
    pub fn list_from_json(value: serde_json::Value) -> Result<Vec<RetentionPartial>> {
        crate::contract::read_at(value.into(), "partials")
    }

    /// Adds `other` (the same matrix on other persons) into `self`.
    pub fn merge(&mut self, other: RetentionPartial) -> Result<()> {
        if other.version != self.version || other.head != self.head {
            return Err(Error::invalid_parameter("partials", "partials of different matrices cannot be merged"));
        }
        self.end_index = self.end_index.max(other.end_index);
        // Groups found by value through an index: merging is linear in the number of groups.
        let mut index: rustc_hash::FxHashMap<String, usize> =
            self.groups.iter().enumerate().map(|(i, g)| (g.value.to_string(), i)).collect();
        for group in other.groups {
            if let Some(&i) = index.get(&group.value.to_string()) {
                let mine = &mut self.groups[i];
                mine.cohorts = merge_cohorts(std::mem::take(&mut mine.cohorts), group.cohorts);
            } else {
                index.insert(group.value.to_string(), self.groups.len());
                self.groups.push(group);
            }
        }
        self.check_size()
    }

    /// `capacity_exceeded` when the finished matrix would hold more than [`MAX_RETENTION_CELLS`].
    pub(crate) fn check_size(&self) -> Result<()> {
        let cohorts = self.groups.iter().flat_map(|g| g.cohorts.iter().map(|(c, _)| *c));
        let (Some(first), Some(last)) = (cohorts.clone().min(), cohorts.max()) else { return Ok(()) };
        let calendar =
            Calendar::new(self.head.period, &self.head.tz).unwrap_or_else(|_| Calendar::utc(self.head.period));
        let end = match self.head.as_of {
            Some(t) => calendar.index(t.0) - 1,
            None => self.end_index.unwrap_or(last),
        };
        match oversized(first, last, end) {
            None => Ok(()),
            Some((rows, columns)) => Err(Error::CapacityExceeded {
                parameter: None,
                what: format!(
                    "cells of the retention matrix: {rows} cohorts from {} to {} × {columns} periods to {} \
                     (a misdated time among the anchors or events? a longer period gives fewer cells)",
                    calendar.label(first),
                    calendar.label(last),
                    calendar.label(end.max(last))
                ),
                limit: MAX_RETENTION_CELLS,
            }),
        }
    }

    /// The matrix.
    #[must_use]
    pub fn finish(self) -> RetentionMatrix {
        let head = self.head;
        let calendar = Calendar::new(head.period, &head.tz).unwrap_or_else(|_| Calendar::utc(head.period));
        let mut groups = self.groups;
        groups.sort_by(|a, b| size(b).cmp(&size(a)).then_with(|| a.value.to_string().cmp(&b.value.to_string())));
        let total = groups.iter().fold(Vec::new(), |acc, g| merge_cohorts(acc, g.cohorts.clone()));
        let first = total.first().map(|(c, _)| *c);
        let last = total.last().map(|(c, _)| *c);
        let axes = Axes::new(calendar, &head, first, last, self.end_index);
        let matrix = axes.group(&total, serde_json::Value::Null);
        let breakdown = head.breakdown.clone().map(|by| RetentionBreakdown {
            by,
            values: groups.iter().map(|g| axes.group(&g.cohorts, g.value.clone())).collect(),
        });
        RetentionMatrix {
            period: head.period,
            tz: head.tz.clone(),
            kind: head.kind.name(),
            as_of: head.as_of,
            cohorts: axes.cohorts.iter().map(|c| calendar.label(*c)).collect(),
            periods: axes.labels(),
            cohort_size: matrix.cohort_size,
            counts: matrix.counts,
            rates: matrix.rates,
            rates_ci: matrix.rates_ci,
            small_sample: matrix.small_sample,
            revenue: matrix.revenue,
            ltv: matrix.ltv,
            breakdown,
            comparison: None,
            cohort_index: axes.cohorts.clone(),
        }
    }
}

fn size(group: &RetentionGroupState) -> u64 {
    group.cohorts.iter().map(|(_, s)| s.size).sum()
}

fn merge_cohorts(a: Vec<(i64, CohortState)>, b: Vec<(i64, CohortState)>) -> Vec<(i64, CohortState)> {
    let mut map: BTreeMap<i64, CohortState> = a.into_iter().collect();
    for (c, state) in b {
        map.entry(c).or_default().merge(&state);
    }
    map.into_iter().collect()
}

/// Rows, columns and which cells are observable.
struct Axes {
    calendar: Calendar,
    kind: RetentionKind,
    as_of: Option<i64>,
    /// Last observable period.
    end: i64,
    cohorts: Vec<i64>,
    /// Offsets of the columns (`on`, `on_or_after`).
    columns: usize,
    confidence: f64,
    small_sample: u64,
}

impl Axes {
    fn new(calendar: Calendar, head: &RetentionHead, first: Option<i64>, last: Option<i64>, end: Option<i64>) -> Axes {
        let as_of = head.as_of.map(|t| t.0);
        let cohorts: Vec<i64> = match (first, last) {
            (Some(f), Some(l)) => (f..=l).collect(),
            _ => Vec::new(),
        };
        // With `as_of`, the last column is the last period fully elapsed at `as_of`.
        let end = match as_of {
            Some(t) => calendar.index(t) - 1,
            None => end.unwrap_or(i64::MIN).max(last.unwrap_or(i64::MIN)),
        };
        let columns = first.map_or(0, |f| usize::try_from(end - f).map_or(1, |span| span + 1));
        Axes {
            calendar,
            kind: head.kind.clone(),
            as_of,
            end,
            cohorts,
            columns,
            confidence: head.confidence,
            small_sample: head.small_sample,
        }
    }

    /// Whether every period of `cohort + lo ..= cohort + hi` is observable.
    fn observable(&self, cohort: i64, hi: u32) -> bool {
        let period = cohort + i64::from(hi);
        match self.as_of {
            Some(t) => self.calendar.start(period + 1) <= t,
            None => period <= self.end,
        }
    }

    fn labels(&self) -> Vec<serde_json::Value> {
        match &self.kind {
            RetentionKind::Brackets(b) => b
                .iter()
                .map(|(lo, hi)| serde_json::Value::String(if lo == hi { lo.to_string() } else { format!("{lo}-{hi}") }))
                .collect(),
            _ => (0..self.columns).map(|p| serde_json::Value::from(p as u64)).collect(),
        }
    }

    /// The spans (lo, hi) of the columns.
    fn spans(&self) -> Vec<(u32, u32)> {
        match &self.kind {
            RetentionKind::Brackets(b) => b.clone(),
            _ => (0..self.columns as u32).map(|p| (p, p)).collect(),
        }
    }

    fn group(&self, cohorts: &[(i64, CohortState)], value: serde_json::Value) -> RetentionGroup {
        let by_cohort: BTreeMap<i64, &CohortState> = cohorts.iter().map(|(c, s)| (*c, s)).collect();
        let empty = CohortState::default();
        let spans = self.spans();
        let mut out = RetentionGroup {
            value,
            cohort_size: Vec::new(),
            counts: Vec::new(),
            rates: Vec::new(),
            rates_ci: Vec::new(),
            small_sample: Vec::new(),
            revenue: Vec::new(),
            ltv: Vec::new(),
        };
        for c in &self.cohorts {
            let state = by_cohort.get(c).copied().unwrap_or(&empty);
            let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
            // Prefix sums: any cell's revenue and the persons last active at or after an offset in
            // constant time, however wide a bracket or long the row.
            let prefix: Vec<i64> = std::iter::once(0)
                .chain(state.revenue.iter().scan(0i64, |sum, v| {
                    *sum = sum.saturating_add(*v);
                    Some(*sum)
                }))
                .collect();
            let mut last_from: Vec<u64> = state
                .last
                .iter()
                .rev()
                .scan(0u64, |sum, v| {
                    *sum = sum.saturating_add(*v);
                    Some(*sum)
                })
                .collect();
            last_from.reverse();
            let upto = |o: u64| prefix[usize::try_from(o).map_or(prefix.len() - 1, |o| o.min(prefix.len() - 1))];
            let revenue_in = |lo: u32, hi: u32| -> i64 { upto(u64::from(hi) + 1).saturating_sub(upto(u64::from(lo))) };
            let mut counts = Vec::with_capacity(spans.len());
            let mut revenue = Vec::with_capacity(spans.len());
            let mut ltv = Vec::with_capacity(spans.len());
            for (b, &(lo, hi)) in spans.iter().enumerate() {
                if !self.observable(*c, hi) {
                    counts.push(None);
                    revenue.push(None);
                    ltv.push(None);
                    continue;
                }
                let count = match self.kind {
                    RetentionKind::On => at(&state.active, lo as usize),
                    RetentionKind::OnOrAfter => at(&last_from, lo as usize),
                    RetentionKind::Brackets(_) => at(&state.brackets, b),
                };
                counts.push(Some(count));
                revenue.push(Some(revenue_in(lo, hi) as f64 / MICRO + 0.0));
                ltv.push(ratio(revenue_in(0, hi) as f64 / MICRO, state.size as f64));
            }
            out.rates.push(counts.iter().map(|n| n.and_then(|n| ratio(n as f64, state.size as f64))).collect());
            out.rates_ci.push(
                counts.iter().map(|n| n.and_then(|n| wilson(n as f64, state.size as f64, self.confidence))).collect(),
            );
            out.small_sample.push(state.size < self.small_sample);
            out.cohort_size.push(state.size);
            out.counts.push(counts);
            out.revenue.push(revenue);
            out.ltv.push(ltv);
        }
        out
    }
}
