//! Per-step accumulators, the mergeable partial state, and the final result.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::time::MICROS_PER_SECOND;
use crate::events::{EventLog, PersonKey};
use crate::math::wilson;
use crate::metrics::ratio;

use super::plan::{BreakdownSource, NONE, Plan};
use super::spec::{Attribution, Breakdown, CountMode, FunnelParams, Order};
use super::timing::{Bins, Censoring, TimeToConvert, time_to_convert};
use super::{Outcome, Sink};

/// Version of the [`FunnelPartial`] layout.
pub const FUNNEL_PARTIAL_VERSION: u32 = 1;

/// Per-step tallies of one breakdown group.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct GroupState {
    /// Persons (or attempts) that reached each step.
    pub counts: Vec<u64>,
    /// Persons (or attempts) whose window toward each step was still open at `as_of`.
    pub in_progress: Vec<u64>,
    /// Every time to convert from the previous matched step, µs, per step.
    pub times_from_previous: Vec<Vec<i64>>,
    /// Every time to convert from step 1, µs, per step.
    pub times_from_start: Vec<Vec<i64>>,
    /// Ids of the persons who dropped at each step (when asked for).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped_ids: Vec<Vec<PersonKey>>,
    /// Per step: µs from step 1 to `as_of` of the attempts still in progress toward it (their
    /// time to convert is censored there). Empty in states written before.
    #[serde(default)]
    pub open_elapsed: Vec<Vec<i64>>,
}

impl GroupState {
    fn new(n: usize, with_ids: bool) -> Self {
        GroupState {
            counts: vec![0; n],
            in_progress: vec![0; n],
            times_from_previous: vec![Vec::new(); n],
            times_from_start: vec![Vec::new(); n],
            dropped_ids: if with_ids { vec![Vec::new(); n] } else { Vec::new() },
            open_elapsed: vec![Vec::new(); n],
        }
    }

    fn merge(&mut self, other: GroupState) {
        add(&mut self.counts, &other.counts);
        add(&mut self.in_progress, &other.in_progress);
        for (a, b) in self.times_from_previous.iter_mut().zip(other.times_from_previous) {
            append(a, b);
        }
        for (a, b) in self.times_from_start.iter_mut().zip(other.times_from_start) {
            append(a, b);
        }
        for (a, b) in self.dropped_ids.iter_mut().zip(other.dropped_ids) {
            append(a, b);
        }
        for (a, b) in self.open_elapsed.iter_mut().zip(other.open_elapsed) {
            append(a, b);
        }
    }
}

/// Per-step tallies of the persons (attempts) entering in one trend period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TrendTally {
    /// Persons (or attempts) that reached each step.
    pub counts: Vec<u64>,
    /// Persons (or attempts) whose window toward each step was still open at `as_of`.
    pub in_progress: Vec<u64>,
}

impl TrendTally {
    fn new(n: usize) -> Self {
        TrendTally { counts: vec![0; n], in_progress: vec![0; n] }
    }

    fn merge(&mut self, other: &TrendTally) {
        add(&mut self.counts, &other.counts);
        add(&mut self.in_progress, &other.in_progress);
    }
}

/// Adds `other`'s periods into `into`.
fn merge_trend(
    into: &mut std::collections::BTreeMap<i64, TrendTally>,
    other: impl IntoIterator<Item = (i64, TrendTally)>,
    n: usize,
) {
    for (period, tally) in other {
        into.entry(period).or_insert_with(|| TrendTally::new(n)).merge(&tally);
    }
}

fn add(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x = x.saturating_add(*y);
    }
}

/// Whether adding `b` to `a` element-wise overflows.
fn overflows(a: &[u64], b: &[u64]) -> bool {
    a.iter().zip(b).any(|(x, y)| x.checked_add(*y).is_none())
}

/// A group's tallies and the person indices of its dropped persons per step.
type Slot = Box<(GroupState, Vec<Vec<u32>>)>;

/// Most group codes kept in a plain vector; beyond, the groups met are kept in a map.
const DENSE_GROUPS: u64 = 1 << 16;

/// The groups met so far, by group code.
enum Slots {
    Dense(Vec<Option<Slot>>),
    Sparse(rustc_hash::FxHashMap<u64, Slot>),
}

impl Slots {
    fn new(codes: u64) -> Slots {
        match usize::try_from(codes) {
            Ok(codes) if codes as u64 <= DENSE_GROUPS => Slots::Dense((0..codes).map(|_| None).collect()),
            _ => Slots::Sparse(rustc_hash::FxHashMap::default()),
        }
    }

    #[inline]
    fn get_or_insert_with(&mut self, code: u64, make: impl FnOnce() -> Slot) -> &mut Slot {
        match self {
            Slots::Dense(slots) => {
                let last = slots.len().saturating_sub(1);
                let index = usize::try_from(code).map_or(last, |c| c.min(last));
                slots[index].get_or_insert_with(make)
            }
            Slots::Sparse(map) => map.entry(code).or_insert_with(make),
        }
    }

    /// The groups with their codes, ascending.
    fn into_sorted(self) -> Vec<(u64, Slot)> {
        match self {
            Slots::Dense(slots) => {
                slots.into_iter().enumerate().filter_map(|(code, slot)| Some((code as u64, slot?))).collect()
            }
            Slots::Sparse(map) => {
                let mut groups: Vec<(u64, Slot)> = map.into_iter().collect();
                groups.sort_unstable_by_key(|(code, _)| *code);
                groups
            }
        }
    }
}

/// Adds group `theirs` into `mine`.
fn merge_slot(mine: &mut Slot, (state, ids): (GroupState, Vec<Vec<u32>>)) {
    mine.0.merge(state);
    for (a, b) in mine.1.iter_mut().zip(ids) {
        append(a, b);
    }
}

/// `b`'s items after `a`'s: taken over without a copy when `a` has none (the times of a
/// funnel without breakdown run to hundreds of megabytes at 10M persons).
fn append<T>(a: &mut Vec<T>, b: Vec<T>) {
    if a.is_empty() {
        *a = b;
    } else {
        a.extend(b);
    }
}

/// Accumulates outcomes by breakdown code while scanning one log; dropped persons are kept as
/// person indices until [`CodeAcc::into_partial`].
pub(crate) struct CodeAcc {
    n: usize,
    with_ids: bool,
    /// By group code ([`Plan::group_of`]).
    groups: Slots,
    /// By entry period, when the funnel has a trend.
    trend: std::collections::BTreeMap<i64, TrendTally>,
    /// The UTC spans `[start, end)` of the periods met so far, by start: a binary search
    /// instead of a timezone conversion per person.
    spans: Vec<(i64, i64, i64)>,
}

impl CodeAcc {
    pub(crate) fn new(plan: &Plan) -> Self {
        CodeAcc {
            n: plan.n,
            with_ids: plan.dropped_ids,
            groups: Slots::new(plan.group_codes),
            trend: std::collections::BTreeMap::new(),
            spans: Vec::new(),
        }
    }

    pub(crate) fn merge(&mut self, other: CodeAcc) {
        merge_trend(&mut self.trend, other.trend, self.n);
        match (&mut self.groups, other.groups) {
            (Slots::Dense(mine), Slots::Dense(theirs)) => {
                for (mine, theirs) in mine.iter_mut().zip(theirs) {
                    match (mine.as_mut(), theirs) {
                        (_, None) => {}
                        (None, Some(t)) => *mine = Some(t),
                        (Some(m), Some(t)) => merge_slot(m, *t),
                    }
                }
            }
            (mine, theirs) => {
                for (code, theirs) in theirs.into_sorted() {
                    let mut theirs = Some(theirs);
                    let slot = mine.get_or_insert_with(code, || theirs.take().unwrap_or_default());
                    if let Some(t) = theirs {
                        merge_slot(slot, *t);
                    }
                }
            }
        }
    }

    /// The partial state, with breakdown codes turned into values and persons into ids.
    pub(crate) fn into_partial(self, log: &EventLog, plan: &Plan, params: &FunnelParams) -> Result<FunnelPartial> {
        let mut groups = Vec::new();
        for (code, slot) in self.groups.into_sorted() {
            let (mut state, ids) = *slot;
            let value = plan.group_value(code)?;
            if self.with_ids {
                state.dropped_ids = ids
                    .into_iter()
                    .map(|list| list.into_iter().filter_map(|p| log.person_key(p as usize)).collect())
                    .collect();
            }
            groups.push(PartialGroup { value, state });
        }
        Ok(FunnelPartial {
            version: FUNNEL_PARTIAL_VERSION,
            head: FunnelHead::new(plan, params)?,
            groups,
            trend: self.trend.into_iter().collect(),
        })
    }
}

impl Sink for CodeAcc {
    fn record(&mut self, plan: &Plan, o: &Outcome) {
        let n = self.n;
        let code = plan.group_of(o.person, o.times, o.events, o.level);
        let with_ids = self.with_ids;
        let slot = self.groups.get_or_insert_with(code, || {
            Box::new((GroupState::new(n, false), if with_ids { vec![Vec::new(); n] } else { Vec::new() }))
        });
        let (state, ids) = &mut **slot;
        let mut previous = NONE;
        for s in 0..n {
            if o.reached[s] {
                state.counts[s] += 1;
            }
            let t = o.times[s];
            if t == NONE {
                continue;
            }
            if previous != NONE {
                state.times_from_previous[s].push(t - previous);
                state.times_from_start[s].push(t - o.times[0]);
            }
            previous = t;
        }
        if o.in_progress
            && o.level < n
            && let (Some(as_of), Some(&entry)) = (plan.as_of, o.times.first())
            && entry != NONE
        {
            state.open_elapsed[o.level].push(as_of.saturating_sub(entry));
        }
        if let (Some(calendar), Some(&entry)) = (plan.calendar, o.times.first())
            && entry != NONE
        {
            let at = self.spans.partition_point(|span| span.0 <= entry);
            let period = match at.checked_sub(1).map(|i| self.spans[i]) {
                Some((_, end, index)) if entry < end => index,
                _ => {
                    let index = calendar.index(entry);
                    self.spans.insert(at, (calendar.start(index), calendar.start(index + 1), index));
                    index
                }
            };
            let tally = self.trend.entry(period).or_insert_with(|| TrendTally::new(n));
            for (s, reached) in o.reached.iter().enumerate() {
                tally.counts[s] += u64::from(*reached);
            }
            if o.in_progress {
                for (s, &before) in plan.prev_mandatory.iter().enumerate().skip(1) {
                    if !plan.optional[s] && before < n && o.reached[before] && !o.reached[s] {
                        tally.in_progress[s] += 1;
                    }
                }
            }
        }
        for (s, (&optional, &before)) in plan.optional.iter().zip(&plan.prev_mandatory).enumerate().skip(1) {
            if optional {
                continue;
            }
            if before < n && o.reached[before] && !o.reached[s] {
                if o.in_progress {
                    state.in_progress[s] += 1;
                } else if with_ids && ids[s].last() != Some(&(o.person as u32)) {
                    ids[s].push(o.person as u32);
                }
            }
        }
    }
}

/// What a partial was computed for; partials merge only when their heads are equal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FunnelHead {
    /// Event of each step.
    pub events: Vec<String>,
    /// Label of each step.
    pub labels: Vec<String>,
    /// Whether each step is optional.
    pub optional: Vec<bool>,
    /// Order mode.
    pub order: Order,
    /// Counting mode.
    pub count: CountMode,
    /// Funnel window, seconds.
    pub window_seconds: f64,
    /// Breakdown name (or names), when broken down.
    pub breakdown: Option<Breakdown>,
    /// `"event"` or `"contact"` for each breakdown name, when broken down.
    pub breakdown_source: Option<Breakdown>,
    /// Attribution of an event-property breakdown.
    pub attribution: Option<Attribution>,
    /// Cap on breakdown values.
    pub breakdown_limit: usize,
    /// Event properties held constant across an attempt's steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hold: Vec<String>,
    /// Whether dropped ids are listed.
    pub dropped_ids: bool,
    /// Confidence level of the rates' intervals (states written before intervals: 0.95).
    #[serde(default = "crate::math::default_confidence")]
    pub confidence: f64,
    /// Persons under which a rate is flagged `small_sample` (states written before: 30).
    #[serde(default = "crate::math::default_small_sample")]
    pub small_sample: u64,
    /// Percentiles of the time to convert (states written before: the defaults).
    #[serde(default = "default_percentiles")]
    pub percentiles: Vec<f64>,
    /// Bins of the time-to-convert histograms.
    #[serde(default)]
    pub bins: Bins,
    /// The trend's period, when the funnel has a trend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<crate::calendar::CalendarUnit>,
    /// The trend's timezone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tz: Option<String>,
    /// The data cut-off of a trend (its periods still converting there are marked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<crate::events::Timestamp>,
}

fn default_percentiles() -> Vec<f64> {
    super::timing::DEFAULT_PERCENTILES.to_vec()
}

impl FunnelHead {
    fn new(plan: &Plan, params: &FunnelParams) -> Result<Self> {
        let source = (!plan.breakdown.is_empty()).then(|| {
            Breakdown(
                (plan.breakdown.iter())
                    .map(|b| if matches!(b, BreakdownSource::Contact(_)) { "contact" } else { "event" }.to_owned())
                    .collect(),
            )
        });
        let attribution = plan.breakdown.iter().find_map(|b| match b {
            BreakdownSource::Event(_, a) => Some(*a),
            BreakdownSource::Contact(_) => None,
        });
        Ok(FunnelHead {
            events: params.steps.iter().map(|s| s.event.clone()).collect(),
            labels: params.steps.iter().map(|s| s.label.clone().unwrap_or_else(|| s.event.clone())).collect(),
            optional: plan.optional.clone(),
            order: plan.order,
            count: plan.count,
            window_seconds: params.window_micros()? as f64 / MICROS_PER_SECOND as f64,
            breakdown: params.breakdown.clone(),
            breakdown_source: source,
            attribution,
            breakdown_limit: params.breakdown_limit,
            hold: params.hold.clone(),
            dropped_ids: plan.dropped_ids,
            confidence: params.confidence,
            small_sample: params.small_sample,
            percentiles: params.percentiles.clone(),
            bins: params.bins.clone(),
            trend: params.trend,
            tz: params.trend.map(|_| params.tz.trim().to_owned()),
            as_of: params.trend.and(params.as_of),
        })
    }
}

/// One breakdown group of a partial.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PartialGroup {
    /// Breakdown value (`null` when the person or event has none, or without breakdown).
    pub value: serde_json::Value,
    /// Its tallies.
    #[serde(flatten)]
    pub state: GroupState,
}

/// The mergeable state of a funnel over a subset of persons: merging the partials of disjoint
/// subsets (in any order or grouping) then finishing gives exactly the funnel over their union,
/// medians included (every time to convert is kept). Serializes to JSON for transport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "SavedFunnelPartial")]
#[schemars(rename = "FunnelPartial")]
pub struct FunnelPartial {
    /// Layout version ([`FUNNEL_PARTIAL_VERSION`]).
    pub version: u32,
    /// What was computed.
    pub head: FunnelHead,
    /// Tallies per breakdown value.
    pub groups: Vec<PartialGroup>,
    /// Tallies per entry period (its index in the trend's calendar), when the funnel has a trend.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trend: Vec<(i64, TrendTally)>,
}

/// A funnel partial as read from elsewhere, checked before use.
#[derive(Deserialize, schemars::JsonSchema)]
#[schemars(rename = "FunnelPartial")]
struct SavedFunnelPartial {
    version: u32,
    head: FunnelHead,
    groups: Vec<PartialGroup>,
    #[serde(default)]
    trend: Vec<(i64, TrendTally)>,
}

impl TryFrom<SavedFunnelPartial> for FunnelPartial {
    type Error = String;

    /// Every list as long as the funnel has steps, so that merging and finishing index safely.
    fn try_from(saved: SavedFunnelPartial) -> std::result::Result<FunnelPartial, String> {
        let SavedFunnelPartial { version, head, groups, trend } = saved;
        let n = head.events.len();
        if n == 0 || head.labels.len() != n || head.optional.len() != n {
            return Err(format!(
                "{n} steps with {} labels and {} optional flags (one each, at least one step)",
                head.labels.len(),
                head.optional.len()
            ));
        }
        let mut groups = groups;
        for g in &mut groups {
            if g.state.open_elapsed.is_empty() {
                g.state.open_elapsed = vec![Vec::new(); n];
            }
        }
        for (i, g) in groups.iter().enumerate() {
            let s = &g.state;
            let lengths = [s.counts.len(), s.in_progress.len(), s.times_from_previous.len(), s.times_from_start.len()];
            if lengths.iter().any(|l| *l != n)
                || s.open_elapsed.len() != n
                || !(s.dropped_ids.is_empty() || s.dropped_ids.len() == n)
            {
                return Err(format!("group {i} does not hold one tally per step of the funnel's {n}"));
            }
        }
        if trend.iter().any(|(_, t)| t.counts.len() != n || t.in_progress.len() != n) {
            return Err(format!("a trend period does not hold one tally per step of the funnel's {n}"));
        }
        Ok(FunnelPartial { version, head, groups, trend })
    }
}

impl FunnelPartial {
    /// Reads a list of partials from plain data (as the bindings receive it).
    pub fn list_from_json(value: serde_json::Value) -> Result<Vec<FunnelPartial>> {
        crate::contract::read_at(value.into(), "partials")
    }

    /// Adds `other` (computed for the same funnel on other persons) into `self`.
    pub fn merge(&mut self, other: FunnelPartial) -> Result<()> {
        if other.version != self.version || other.head != self.head {
            return Err(Error::invalid_parameter("partials", "partials of different funnels cannot be merged"));
        }
        if other.trend.iter().any(|(_, t)| self.trend.iter().any(|(_, m)| overflows(&m.counts, &t.counts))) {
            return Err(Error::invalid_parameter("partials", "merged counts overflow (damaged partials?)"));
        }
        let mut periods: std::collections::BTreeMap<i64, TrendTally> =
            std::mem::take(&mut self.trend).into_iter().collect();
        merge_trend(&mut periods, other.trend, self.head.events.len());
        self.trend = periods.into_iter().collect();
        // Groups found by value through an index: merging is linear in the number of groups.
        let mut index: rustc_hash::FxHashMap<String, usize> =
            self.groups.iter().enumerate().map(|(i, g)| (g.value.to_string(), i)).collect();
        for group in other.groups {
            if let Some(&i) = index.get(&group.value.to_string()) {
                let mine = &mut self.groups[i].state;
                if overflows(&mine.counts, &group.state.counts)
                    || overflows(&mine.in_progress, &group.state.in_progress)
                {
                    return Err(Error::invalid_parameter("partials", "merged counts overflow (damaged partials?)"));
                }
                mine.merge(group.state);
            } else {
                index.insert(group.value.to_string(), self.groups.len());
                self.groups.push(group);
            }
        }
        Ok(())
    }

    /// The funnel result.
    #[must_use]
    pub fn finish(self) -> FunnelResult {
        let head = self.head;
        let n = head.events.len();
        let mut total = GroupState::new(n, head.dropped_ids);
        let mut groups = self.groups;
        if head.breakdown.is_some() {
            for g in &groups {
                total.merge(g.state.clone());
            }
        } else {
            // The groups are read no more: their states move into the total.
            for g in groups.drain(..) {
                total.merge(g.state);
            }
        }
        let mut warnings = Vec::new();
        let breakdown = head.breakdown.clone().map(|by| {
            groups.sort_by(|a, b| {
                b.state.counts[0].cmp(&a.state.counts[0]).then_with(|| a.value.to_string().cmp(&b.value.to_string()))
            });
            if groups.len() > head.breakdown_limit {
                warnings.push(crate::error::Warning::grouped(
                    "breakdown_limit",
                    format!(
                        "{} breakdown values beyond the {} with the most entrants are grouped as \"other\"",
                        groups.len() - head.breakdown_limit,
                        head.breakdown_limit
                    ),
                ));
                let mut other = GroupState::new(n, head.dropped_ids);
                for g in groups.drain(head.breakdown_limit..) {
                    other.merge(g.state);
                }
                groups.push(PartialGroup { value: serde_json::Value::String("other".to_owned()), state: other });
            }
            FunnelBreakdown {
                by,
                source: head.breakdown_source.clone().unwrap_or(Breakdown(Vec::new())),
                attribution: head.attribution,
                values: groups
                    .into_iter()
                    .map(|g| FunnelGroup {
                        value: g.value,
                        counts: g.state.counts.clone(),
                        steps: steps(&head, g.state),
                    })
                    .collect(),
            }
        });
        let trend = super::trend::finish(&head, self.trend);
        FunnelResult {
            order: head.order,
            count: head.count,
            window_seconds: head.window_seconds,
            counts: total.counts.clone(),
            steps: steps(&head, total),
            breakdown,
            trend,
            comparison: None,
            warnings,
        }
    }
}

/// One step of a funnel result.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FunnelStep {
    /// Step index, 0-based.
    pub step: usize,
    /// Event kind.
    pub event: String,
    /// Label.
    pub label: String,
    /// Whether the step may be skipped.
    pub optional: bool,
    /// Persons (or attempts) that reached the step.
    pub count: u64,
    /// `count` over the previous mandatory step's count.
    pub conversion_from_previous: Option<f64>,
    /// `count` over step 1's count.
    pub conversion_from_start: Option<f64>,
    /// Wilson interval `[low, high]` of `conversion_from_previous` at the funnel's `confidence`;
    /// null where the rate is undefined.
    pub conversion_from_previous_ci: Option<[f64; 2]>,
    /// Wilson interval of `conversion_from_start`; null where the rate is undefined.
    pub conversion_from_start_ci: Option<[f64; 2]>,
    /// Whether `conversion_from_previous` rests on fewer persons (or attempts) than the
    /// funnel's `small_sample` option (default 30): read it as noise.
    pub small_sample: bool,
    /// Reached the previous mandatory step, not this one, and no longer in progress (`None` for
    /// optional steps).
    pub dropoff: Option<u64>,
    /// Reached the previous mandatory step, not this one, window still open at `as_of`.
    pub in_progress: u64,
    /// Mean seconds from the previous matched step.
    pub mean_seconds_from_previous: Option<f64>,
    /// Median seconds from the previous matched step.
    pub median_seconds_from_previous: Option<f64>,
    /// Mean seconds from step 1.
    pub mean_seconds_from_start: Option<f64>,
    /// Median seconds from step 1.
    pub median_seconds_from_start: Option<f64>,
    /// The time from step 1 to this step as a distribution: percentiles, histogram and
    /// Kaplan-Meier curve (null for step 1 and for a step nobody reached).
    pub time_to_convert: Option<TimeToConvert>,
    /// Ids of the persons who dropped here (when asked for), sorted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<PersonKey>")]
    pub dropped_ids: Option<Vec<PersonKey>>,
}

/// A funnel: per-step counts and conversion, with an optional breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FunnelResult {
    /// Order mode.
    pub order: Order,
    /// What was counted.
    pub count: CountMode,
    /// Funnel window, seconds.
    pub window_seconds: f64,
    /// Per-step counts (the `count` of each step).
    pub counts: Vec<u64>,
    /// Per-step details.
    pub steps: Vec<FunnelStep>,
    /// Per breakdown value, when broken down.
    pub breakdown: Option<FunnelBreakdown>,
    /// Conversion over time: the funnel per entry period, when asked for (`trend`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<super::trend::FunnelTrend>,
    /// The same funnel over another entry period, when asked for (`compare`; given by
    /// [`funnel`](super::funnel), not by merged partials).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<super::compare::FunnelComparison>,
    /// What the reader should know (a step naming an event the log does not have); given by
    /// [`funnel`](super::funnel), not by merged partials.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::error::Warning>,
}

/// A funnel broken down by a property or attribute (or several).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FunnelBreakdown {
    /// Property or attribute name (a list with several breakdowns).
    pub by: Breakdown,
    /// `"event"` (event property) or `"contact"` (contact attribute), per name.
    pub source: Breakdown,
    /// Attribution of an event property.
    pub attribution: Option<Attribution>,
    /// Groups by step-1 count, descending; beyond the limit grouped as `"other"`.
    pub values: Vec<FunnelGroup>,
}

/// The funnel of one breakdown value.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FunnelGroup {
    /// The value (`null` when missing; a list of values with several breakdowns).
    pub value: serde_json::Value,
    /// Per-step counts.
    pub counts: Vec<u64>,
    /// Per-step details.
    pub steps: Vec<FunnelStep>,
}

fn steps(head: &FunnelHead, state: GroupState) -> Vec<FunnelStep> {
    let n = head.events.len();
    let GroupState { counts, in_progress, times_from_previous, times_from_start, dropped_ids, open_elapsed } = state;
    let mut open_so_far: Vec<i64> = Vec::new();
    let mut dropped = dropped_ids.into_iter().map(|mut ids| {
        ids.sort();
        ids.dedup();
        ids
    });
    let mut prev_times = times_from_previous.into_iter();
    let mut start_times = times_from_start.into_iter();
    (0..n)
        .map(|s| {
            let before = (0..s).rev().find(|&p| !head.optional[p]).unwrap_or(0);
            let count = counts[s];
            let dropoff = if s == 0 {
                Some(0)
            } else if head.optional[s] {
                None
            } else {
                Some(counts[before].saturating_sub(count).saturating_sub(in_progress[s]))
            };
            let mut prev = prev_times.next().unwrap_or_default();
            let mut start = start_times.next().unwrap_or_default();
            let ids = dropped.next();
            // Entrants in progress short of step `s` are censored at their elapsed time.
            open_so_far.extend(open_elapsed.get(s).into_iter().flatten());
            let censoring = Censoring { entered: counts[0], open: &open_so_far };
            let timing =
                if s == 0 { None } else { time_to_convert(&mut start, &head.percentiles, &head.bins, &censoring) };
            FunnelStep {
                step: s,
                event: head.events[s].clone(),
                label: head.labels[s].clone(),
                optional: head.optional[s],
                count,
                conversion_from_previous: ratio(count as f64, counts[before] as f64),
                conversion_from_start: ratio(count as f64, counts[0] as f64),
                conversion_from_previous_ci: wilson(count as f64, counts[before] as f64, head.confidence),
                conversion_from_start_ci: wilson(count as f64, counts[0] as f64, head.confidence),
                small_sample: counts[before] < head.small_sample,
                dropoff,
                in_progress: in_progress[s],
                mean_seconds_from_previous: mean_seconds(&prev),
                median_seconds_from_previous: median_seconds(&mut prev),
                mean_seconds_from_start: mean_seconds(&start),
                median_seconds_from_start: median_seconds(&mut start),
                time_to_convert: timing,
                dropped_ids: if head.dropped_ids { Some(ids.unwrap_or_default()) } else { None },
            }
        })
        .collect()
}

fn mean_seconds(values: &[i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let sum: i128 = values.iter().map(|&v| i128::from(v)).sum();
    Some(sum as f64 / values.len() as f64 / MICROS_PER_SECOND as f64 + 0.0)
}

/// Exact median (the mean of the two middle values for an even count), in seconds.
fn median_seconds(values: &mut [i64]) -> Option<f64> {
    let len = values.len();
    if len == 0 {
        return None;
    }
    let (left, mid, _) = values.select_nth_unstable(len / 2);
    let upper = *mid;
    let micros = if len % 2 == 1 {
        upper as f64
    } else {
        let lower = left.iter().copied().max().unwrap_or(upper);
        f64::midpoint(lower as f64, upper as f64)
    };
    Some(micros / MICROS_PER_SECOND as f64 + 0.0)
}
