//! Cohort retention matrices (`docs/semantics.md` §5): calendar cohorts of each person's anchor in a
//! timezone, activity by calendar periods elapsed, censored cells, revenue and LTV curves,
//! mergeable partial states.
//!
//! ```
//! use webinar_analytics::prelude::*;
//!
//! let events = "user_id,ts,event\n\
//!               1,2024-01-05T10:00:00Z,purchase\n1,2024-02-10T10:00:00Z,purchase\n\
//!               2,2024-01-20T10:00:00Z,purchase\n3,2024-02-02T10:00:00Z,purchase\n";
//! let log = EventLog::from_csv(events.as_bytes(), None, &LoadOptions::default())?;
//! let params = RetentionParams { anchor_event: Some("purchase".into()), ..RetentionParams::default() };
//! let m = retention(&log, &params)?;
//! assert_eq!(m.cohorts, vec!["2024-01", "2024-02"]);
//! assert_eq!(m.cohort_size, vec![2, 1]);
//! assert_eq!(m.counts[0], vec![Some(2), Some(1)]);
//! assert_eq!(m.counts[1], vec![Some(1), None]); // February's month 1 is not in the data
//! assert_eq!(m.rates[0][1], Some(0.5));
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

mod compare;
mod matrix;
mod performance;
mod spec;

pub use compare::{PeriodRetentionChange, RetentionComparison};
pub use matrix::{
    CohortState, RETENTION_PARTIAL_VERSION, RetentionBreakdown, RetentionGroup, RetentionGroupState, RetentionHead,
    RetentionMatrix, RetentionPartial,
};
pub use performance::{CohortInsight, CohortPerformance, CohortPerformanceParams, CohortSummary, cohort_performance};
pub use spec::{RetentionKind, RetentionParams};

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::calendar::{Calendar, PeriodCache};
use crate::error::{Error, Result, Table};
use crate::events::{DictColumn, EventLog, KindCode, PropValue};

/// Where each person's anchor comes from.
enum Anchor<'a> {
    /// First event of this kind (`None`: the kind does not occur).
    Event(Option<KindCode>),
    /// The contact's `registered_at`.
    Registered,
    /// The person's first event (logs without contacts).
    FirstEvent,
    /// A contact attribute holding times.
    Attribute(&'a DictColumn),
}

struct Plan<'a> {
    calendar: Calendar,
    anchor: Anchor<'a>,
    /// By kind code: whether the kind counts as activity.
    activity: Vec<bool>,
    revenue: Option<KindCode>,
    breakdown: Option<&'a DictColumn>,
    as_of: Option<i64>,
    brackets: Option<Vec<(u32, u32)>>,
}

impl<'a> Plan<'a> {
    /// Person `p`'s anchor (their events `..end` are those up to `as_of`), if they have one by
    /// `as_of`.
    fn anchor_of(&self, log: &EventLog, p: usize, end: usize) -> Option<i64> {
        let ev = log.person_events(p);
        let anchor = match self.anchor {
            Anchor::Event(kind) => kind.and_then(|k| ev.kind[..end].iter().position(|x| *x == k)).map(|i| ev.ts[i]),
            Anchor::Registered => log.contacts().registered_at(p),
            Anchor::FirstEvent => ev.ts[..end].first().copied(),
            Anchor::Attribute(column) => match column.get(p) {
                Some(PropValue::Time(t)) => Some(*t),
                _ => None,
            },
        };
        anchor.filter(|a| self.as_of.is_none_or(|t| *a <= t))
    }

    /// The first cohort's period number (the earliest anchor), if anyone is anchored.
    fn first_cohort(&self, log: &EventLog) -> Option<i64> {
        (0..log.person_count())
            .filter_map(|p| {
                let ev = log.person_events(p);
                let end = self.as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t));
                self.anchor_of(log, p, end)
            })
            .min()
            .map(|a| self.calendar.index(a))
    }

    fn new(log: &'a EventLog, params: &RetentionParams) -> Result<Plan<'a>> {
        params.check()?;
        let calendar = Calendar::new(params.period, &params.tz)?;
        let contacts = log.contacts();
        let missing = |column: &str, hint: &str| Error::MissingColumn {
            table: Table::Contacts,
            column: column.to_owned(),
            hint: hint.to_owned(),
        };
        let anchor = match (&params.anchor_event, params.anchor.as_deref()) {
            (Some(kind), _) => Anchor::Event(log.kind_code(kind)),
            (None, None) if contacts.is_empty() => Anchor::FirstEvent,
            (None, None | Some("registered_at")) => {
                if contacts.is_empty() {
                    return Err(missing(
                        "registered_at",
                        " (no contacts were loaded: give contacts, or anchor_event=)",
                    ));
                }
                Anchor::Registered
            }
            (None, Some(name)) => {
                let column = contacts.attribute(name).ok_or_else(|| missing(name, ""))?;
                if let Some(bad) = column.dictionary().iter().find(|v| !matches!(v, PropValue::Time(_))) {
                    return Err(Error::InvalidColumnType {
                        table: Table::Contacts,
                        column: name.to_owned(),
                        expected: "timestamps".to_owned(),
                        found: format!("values such as {}", serde_json::to_string(bad).unwrap_or_default()),
                    });
                }
                Anchor::Attribute(column)
            }
        };
        let kinds = log.kind_names().len();
        let activity = match &params.activity {
            None => vec![true; kinds],
            Some(names) => {
                let mut mask = vec![false; kinds];
                for code in names.iter().filter_map(|n| log.kind_code(n)) {
                    mask[code as usize] = true;
                }
                mask
            }
        };
        let breakdown = match &params.breakdown {
            None => None,
            Some(name) => Some(contacts.attribute(name).ok_or_else(|| missing(name, " (breakdown)"))?),
        };
        let brackets = match &params.kind {
            RetentionKind::Brackets(b) => Some(b.clone()),
            _ => None,
        };
        Ok(Plan {
            calendar,
            anchor,
            activity,
            revenue: log.kind_code(&params.revenue_event),
            breakdown,
            as_of: params.as_of.map(|t| t.0),
            brackets,
        })
    }
}

/// Persons per chunk of work.
const CHUNK: usize = 16_384;

/// The retention matrix of every person of `log`.
///
/// # Errors
/// `invalid_parameter` for an unknown timezone or bad options; `missing_column` when the
/// anchor or breakdown column is not in the contacts (or no contacts were loaded without
/// `anchor_event`); `invalid_column_type` when the anchor attribute does not hold times.
pub fn retention(log: &EventLog, params: &RetentionParams) -> Result<RetentionMatrix> {
    let periods = crate::compare::Periods { between: params.between, compare: params.compare.clone() };
    let other = periods.other()?;
    let mut matrix = retention_partial(log, params, 0..log.person_count())?.finish();
    if let Some(range) = other {
        let calendar = Calendar::new(params.period, &params.tz)?;
        matrix.comparison = Some(compare::compare(&matrix, calendar, params.between, range));
    }
    Ok(matrix)
}

/// The mergeable partial state of a retention matrix over persons `persons`.
///
/// # Errors
/// As [`retention`].
pub fn retention_partial(log: &EventLog, params: &RetentionParams, persons: Range<usize>) -> Result<RetentionPartial> {
    let plan = Plan::new(log, params)?;
    let end = persons.end.min(log.person_count());
    let start = persons.start.min(end);
    let chunks: Vec<Range<usize>> = crate::parallel::chunks(start..end, CHUNK);
    let accs = crate::parallel::map_columns(chunks, |range| run(log, &plan, range));
    let mut total = Acc::default();
    for acc in accs {
        total.merge(acc);
    }
    let values = plan.breakdown.map_or(&[][..], DictColumn::dictionary);
    let groups = total
        .groups
        .into_iter()
        .map(|(code, cohorts)| {
            let value = values.get(code as usize).and_then(|v| serde_json::to_value(v).ok()).unwrap_or_default();
            let mut cohorts: Vec<(i64, CohortState)> = cohorts.into_iter().collect();
            cohorts.sort_by_key(|(c, _)| *c);
            RetentionGroupState { value, cohorts }
        })
        .collect();
    let partial = RetentionPartial {
        version: RETENTION_PARTIAL_VERSION,
        head: RetentionHead {
            period: params.period,
            tz: params.tz.trim().to_owned(),
            kind: params.kind.clone(),
            as_of: params.as_of,
            breakdown: params.breakdown.clone(),
            confidence: params.confidence,
            small_sample: params.small_sample,
        },
        end_index: total.end_index,
        groups,
    };
    partial.check_size()?;
    Ok(partial)
}

/// Merges partials of one retention matrix computed on disjoint persons.
///
/// # Errors
/// `invalid_parameter` when there are none or they belong to different matrices.
pub fn merge_retention_partials(partials: impl IntoIterator<Item = RetentionPartial>) -> Result<RetentionMatrix> {
    let mut partials = partials.into_iter();
    let mut total = partials.next().ok_or_else(|| Error::invalid_parameter("partials", "give at least one partial"))?;
    for partial in partials {
        total.merge(partial)?;
    }
    Ok(total.finish())
}

/// Cohort states by breakdown code and cohort period, while scanning one log.
#[derive(Default)]
struct Acc {
    groups: FxHashMap<u32, FxHashMap<i64, CohortState>>,
    end_index: Option<i64>,
}

impl Acc {
    fn merge(&mut self, other: Acc) {
        self.end_index = self.end_index.max(other.end_index);
        for (code, cohorts) in other.groups {
            let mine = self.groups.entry(code).or_default();
            for (cohort, state) in cohorts {
                mine.entry(cohort).or_default().merge(&state);
            }
        }
    }
}

fn run(log: &EventLog, plan: &Plan, persons: Range<usize>) -> Acc {
    let mut acc = Acc::default();
    let mut cache = PeriodCache::default();
    let mut offsets: Vec<u32> = Vec::new();
    let mut revenue: Vec<(u32, i64)> = Vec::new();
    for p in persons {
        let ev = log.person_events(p);
        let end = plan.as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t));
        if end > 0 {
            acc.end_index = acc.end_index.max(Some(plan.calendar.index_cached(ev.ts[end - 1], &mut cache)));
        }
        let Some(anchor) = plan.anchor_of(log, p, end) else { continue };
        let cohort = plan.calendar.index_cached(anchor, &mut cache);
        acc.end_index = acc.end_index.max(Some(cohort));
        offsets.clear();
        revenue.clear();
        for i in 0..end {
            let kind = ev.kind[i];
            let is_activity = plan.activity.get(kind as usize).copied().unwrap_or(false);
            let is_revenue = plan.revenue == Some(kind);
            if !is_activity && !is_revenue {
                continue;
            }
            // An offset past the widest matrix is refused after the scan (`check_size`), before
            // any per-cohort column is sized by it.
            let Ok(offset) = u32::try_from(plan.calendar.index_cached(ev.ts[i], &mut cache) - cohort) else {
                continue;
            };
            if u64::from(offset) >= matrix::MAX_RETENTION_CELLS {
                continue;
            }
            if is_activity && offsets.last() != Some(&offset) {
                offsets.push(offset);
            }
            if is_revenue && let Some(v) = ev.value(i) {
                revenue.push((offset, (v * 1e6).round() as i64));
            }
        }
        let code = plan.breakdown.map_or(0, |c| c.codes().at(p));
        let state = acc.groups.entry(code).or_default().entry(cohort).or_default();
        state.add_person(&offsets, &revenue, plan.brackets.as_deref());
    }
    acc
}
