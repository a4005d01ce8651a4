//! Per-person event funnels (`docs/semantics.md` §4), comparable with `PostHog` funnels.
//!
//! One pass over each person's sorted events, with scratch buffers reused across persons (no
//! allocation per event). Persons are split into chunks whose [`FunnelPartial`]s merge exactly,
//! so the same code runs on several threads here and on several machines elsewhere.
//!
//! ```
//! use webinar_analytics::prelude::*;
//!
//! let csv = "user_id,ts,event\n\
//!            1,2024-03-01T10:00:00Z,page_view\n1,2024-03-01T10:05:00Z,register\n\
//!            2,2024-03-01T11:00:00Z,page_view\n";
//! let log = EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default())?;
//! let result = funnel(&log, &FunnelParams::new(&["page_view", "register"]))?;
//! assert_eq!(result.counts, vec![2, 1]);
//! assert_eq!(result.steps[1].conversion_from_previous, Some(0.5));
//! assert_eq!(result.steps[1].median_seconds_from_previous, Some(300.0));
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

mod change;
mod compare;
mod ordered;
mod partial;
mod plain;
pub(crate) mod plan;
mod spec;
mod timing;
mod trend;
mod unordered;

pub use crate::compare::Compare;
pub use change::{ChangeExplanation, MAX_SEGMENTS, PeriodConversion, SegmentChange, explain_change};
pub use compare::{FunnelComparison, StepComparison};
pub use partial::{
    FUNNEL_PARTIAL_VERSION, FunnelBreakdown, FunnelGroup, FunnelHead, FunnelPartial, FunnelResult, FunnelStep,
    GroupState, PartialGroup, TrendTally,
};
pub use spec::{
    Attribution, CountMode, DEFAULT_BREAKDOWN_LIMIT, DEFAULT_WINDOW_SECONDS, ExclusionSpec, FunnelParams, Order,
    PropertyFilters, StepSpec, Window,
};
pub use timing::{Bins, DEFAULT_PERCENTILES, Histogram, MAX_BINS, Percentile, SurvivalPoint, TimeToConvert};
pub use trend::{FunnelTrend, MAX_TREND_PERIODS, TrendPeriod};

use std::ops::Range;

use crate::error::Result;
use crate::events::EventLog;

use partial::CodeAcc;
use plan::Plan;
use spec::Order as Mode;

/// One person's (or one attempt's) result, handed to a [`Sink`].
pub(crate) struct Outcome<'b> {
    pub person: usize,
    /// Whether each step was reached.
    pub reached: &'b [bool],
    /// Times of the chain's matched steps (`plan::NONE` when not matched), µs.
    pub times: &'b [i64],
    /// Log indices of the chain's matched events.
    pub events: &'b [usize],
    /// Steps `0..level` are done.
    pub level: usize,
    /// The window toward the next step was still open at `as_of`.
    pub in_progress: bool,
}

impl<'b> Outcome<'b> {
    /// The outcome of a person's best chain, which completed `level` steps (`times` and
    /// `events` per step) while the person reached the first `steps` steps: `reached` (one slot
    /// per step) is filled to say so. The chain is in progress when the window toward its next
    /// step was open at `as_of` (`open_level` is its level).
    pub(crate) fn of_chain(
        person: usize,
        reached: &'b mut [bool],
        steps: usize,
        chain: (&'b [i64], &'b [usize]),
        level: usize,
        open_level: Option<usize>,
    ) -> Self {
        for (step, slot) in reached.iter_mut().enumerate() {
            *slot = step < steps;
        }
        let in_progress = level < reached.len() && open_level == Some(level);
        Outcome { person, reached, times: chain.0, events: chain.1, level, in_progress }
    }
}

/// Receives outcomes.
pub(crate) trait Sink {
    fn record(&mut self, plan: &Plan, outcome: &Outcome);
}

/// Persons per chunk of work.
const CHUNK: usize = 8192;

/// Computes a funnel over every person of `log`.
///
/// # Errors
/// `invalid_parameter` for bad options (no steps, a bad window, an exclusion span out of
/// range, ...); `missing_column` when a property filter or the breakdown names a column the
/// log does not have.
pub fn funnel(log: &EventLog, params: &FunnelParams) -> Result<FunnelResult> {
    let current = params.entry_from.zip(params.entry_to).map(|(from, to)| [from, to]);
    let range = params.compare.as_ref().map(|c| c.range(current)).transpose()?;
    let mut result = funnel_partial(log, params, 0..log.person_count())?.finish();
    if let Some([from, to]) = range {
        let other = FunnelParams { entry_from: Some(from), entry_to: Some(to), compare: None, ..params.clone() };
        let other = funnel_partial(log, &other, 0..log.person_count())?.finish();
        result.comparison = Some(compare::compare(&result, &other, [from, to]));
    }
    let grouped = std::mem::take(&mut result.warnings);
    result.warnings = warnings(log, params);
    result.warnings.extend(grouped);
    Ok(result)
}

/// Warnings of a funnel on `log`: steps and exclusions naming event kinds the log does not have.
fn warnings(log: &EventLog, params: &FunnelParams) -> Vec<crate::error::Warning> {
    let kinds = log.kind_names();
    let steps =
        params.steps.iter().enumerate().map(|(i, s)| (format!("steps[{i}]"), &s.event, "the step counts no one"));
    let exclusions = (params.exclusions.iter().enumerate())
        .map(|(i, e)| (format!("exclusions[{i}].event"), &e.event, "the exclusion excludes no one"));
    steps
        .chain(exclusions)
        .filter(|(_, event, _)| !log.has_events_of(event))
        .map(|(path, event, effect)| crate::error::Warning::absent_event(path, event, kinds, effect))
        .collect()
}

/// The mergeable partial state of a funnel over persons `persons` (indices into `log`).
///
/// # Errors
/// As [`funnel`].
pub fn funnel_partial(log: &EventLog, params: &FunnelParams, persons: Range<usize>) -> Result<FunnelPartial> {
    let plan = Plan::new(log, params)?;
    let end = persons.end.min(log.person_count());
    let start = persons.start.min(end);
    let chunks: Vec<Range<usize>> = crate::parallel::chunks(start..end, CHUNK);
    let accs = crate::parallel::map_columns(chunks, |range| run(log, &plan, range));
    let mut total = CodeAcc::new(&plan);
    for acc in accs {
        total.merge(acc);
    }
    total.into_partial(log, &plan, params)
}

/// Merges partials computed for the same funnel on disjoint sets of persons and finishes the
/// result.
///
/// # Errors
/// `invalid_parameter` when there are no partials or they belong to different funnels.
pub fn merge_funnel_partials(partials: impl IntoIterator<Item = FunnelPartial>) -> Result<FunnelResult> {
    let mut partials = partials.into_iter();
    let mut total = partials
        .next()
        .ok_or_else(|| crate::error::Error::invalid_parameter("partials", "give at least one partial"))?;
    for partial in partials {
        total.merge(partial)?;
    }
    Ok(total.finish())
}

/// One person's (attempt's, session's) chain through a funnel, for analyses built on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chain {
    pub person: usize,
    /// Steps `0..level` are done.
    pub level: usize,
    /// The window toward the next step was still open at `as_of`.
    pub in_progress: bool,
    /// Per step, the log index of its matched event (`None` when not matched).
    pub events: Vec<Option<usize>>,
}

/// Collects every outcome as a [`Chain`].
struct Chains(Vec<Chain>);

impl Sink for Chains {
    fn record(&mut self, _plan: &Plan, o: &Outcome) {
        let events = o.times.iter().zip(o.events).map(|(&t, &e)| (t != plan::NONE).then_some(e)).collect();
        self.0.push(Chain { person: o.person, level: o.level, in_progress: o.in_progress, events });
    }
}

/// Every person's chain through the funnel of `params`, in person order.
///
/// # Errors
/// As [`funnel`].
pub(crate) fn chains(log: &EventLog, params: &FunnelParams) -> Result<Vec<Chain>> {
    let plan = Plan::new(log, params)?;
    let end = log.person_count();
    let parts: Vec<Range<usize>> = crate::parallel::chunks(0..end, CHUNK);
    let found = crate::parallel::map_columns(parts, |range| {
        let mut sink = Chains(Vec::new());
        run_into(log, &plan, range, &mut sink);
        sink.0
    });
    Ok(found.into_iter().flatten().collect())
}

fn run(log: &EventLog, plan: &Plan, persons: Range<usize>) -> CodeAcc {
    let mut acc = CodeAcc::new(plan);
    run_into(log, plan, persons, &mut acc);
    acc
}

/// Runs the funnel's engine over `persons`, each outcome into `sink`.
fn run_into(log: &EventLog, plan: &Plan, persons: Range<usize>, sink: &mut impl Sink) {
    if plan.order == Mode::Unordered {
        let mut engine = unordered::Unordered::new(plan);
        for p in persons {
            engine.person(log, p, sink);
        }
    } else if let Some(mut engine) = plain::Plain::new(plan) {
        for p in persons {
            engine.person(log, p, sink);
        }
    } else {
        let mut engine = ordered::Ordered::new(plan);
        for p in persons {
            engine.person(log, p, sink);
        }
    }
}
