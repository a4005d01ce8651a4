//! Flows from or to an event: the next (or previous) steps of every path, as Sankey nodes and
//! links, and the most frequent sequences.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, Warning};
use crate::events::{EventLog, NULL_CODE, Timestamp};

use super::PathUnit;

/// Default number of steps a flow follows.
pub const DEFAULT_FLOW_STEPS: usize = 5;

/// Most steps a flow follows (more are capped, with a warning).
pub const MAX_FLOW_STEPS: usize = 30;

/// Default number of events kept per step (the rest are `"other"`).
pub const DEFAULT_NODES_PER_STEP: usize = 10;

/// Most sequences in `top_paths`.
pub const TOP_PATHS: usize = 20;

/// The node standing for the events beyond `max_nodes_per_step`.
pub const OTHER: &str = "other";

/// Options of [`flows`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct FlowsParams {
    /// Follow each path from its first event of this kind (step 0) onwards.
    pub start: Option<String>,
    /// Follow each path back from its first event of this kind (step 0) to the steps before it
    /// (negative steps); with `start` too, the paths from `start` that reach `end` within `steps`.
    pub end: Option<String>,
    /// Steps followed after `start` (or before `end`), 1 to 30 (default 5).
    pub steps: usize,
    /// Events kept per step, the most frequent (default 10); the rest are `"other"`.
    pub max_nodes_per_step: usize,
    /// A path is a person's events (`person`) or a session's (`session`).
    pub by: PathUnit,
    /// Merge consecutive repeats of one event into one step.
    pub collapse_repeats: bool,
    /// Only these event kinds make up the paths (default every kind).
    pub events: Option<Vec<String>>,
    /// Ignore later events.
    pub as_of: Option<Timestamp>,
}

impl Default for FlowsParams {
    fn default() -> Self {
        FlowsParams {
            start: None,
            end: None,
            steps: DEFAULT_FLOW_STEPS,
            max_nodes_per_step: DEFAULT_NODES_PER_STEP,
            by: PathUnit::Person,
            collapse_repeats: false,
            events: None,
            as_of: None,
        }
    }
}

/// One node of a flow: an event at a step.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FlowNode {
    /// Steps from the anchor: 0 is `start` (or `end`, or each path's first event); after `start`
    /// 1, 2, ...; before `end` -1, -2, ...
    pub step: i64,
    /// Event kind, or `"other"`.
    pub event: String,
    /// Paths through it.
    pub count: u64,
    /// Paths whose followed part ends here (no next step).
    pub ends: u64,
}

/// One link of a flow: paths going from `source` at `step` to `target` at the next step.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FlowLink {
    /// The source's step.
    pub step: i64,
    /// Event at `step`.
    pub source: String,
    /// Event at the next step.
    pub target: String,
    /// Paths going this way.
    pub count: u64,
}

/// One of the most frequent sequences.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TopPath {
    /// The events of the followed part, in order.
    pub events: Vec<String>,
    /// Paths following exactly this sequence.
    pub count: u64,
    /// `count` over every path of the flow.
    pub share: Option<f64>,
}

/// Where paths go from (or come to) an event.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FlowsResult {
    /// What a path is.
    pub by: PathUnit,
    /// The start event, when given.
    pub start: Option<String>,
    /// The end event, when given.
    pub end: Option<String>,
    /// Steps followed (after capping).
    pub steps: usize,
    /// Paths in the flow (holding the anchor).
    pub paths: u64,
    /// Nodes by step, then count (descending).
    pub nodes: Vec<FlowNode>,
    /// Links by step, then count (descending).
    pub links: Vec<FlowLink>,
    /// The most frequent followed sequences (up to 20).
    pub top_paths: Vec<TopPath>,
    /// What the reader should know: a start or end the log does not have, capped steps.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// Where the paths of `log` go from `start` (or come to `end`), step by step.
///
/// # Errors
/// `invalid_parameter` naming `steps` (0) or `max_nodes_per_step` (0), or `by` for sessions
/// without session ids. A `start` or `end` the log does not have gives an empty flow and a
/// warning; more than 30 steps are capped with a warning.
pub fn flows(log: &EventLog, params: &FlowsParams) -> Result<FlowsResult> {
    if params.steps == 0 {
        return Err(Error::invalid_parameter("steps", "follow at least 1 step"));
    }
    if params.max_nodes_per_step == 0 {
        return Err(Error::invalid_parameter("max_nodes_per_step", "keep at least 1 event per step"));
    }
    let mut warnings = Vec::new();
    let steps = params.steps.min(MAX_FLOW_STEPS);
    if steps < params.steps {
        warnings.push(Warning::capped(
            "steps",
            format!("{} steps asked, {MAX_FLOW_STEPS} followed (the most a flow follows)", params.steps),
        ));
    }
    let sessions = match params.by {
        PathUnit::Person => None,
        PathUnit::Session => Some(log.sessions().ok_or_else(|| {
            Error::invalid_parameter("by", "flows by session need session ids (a session_id column)")
        })?),
    };
    let kinds = log.kind_names();
    let mut keep = vec![params.events.is_none(); kinds.len()];
    for code in params.events.iter().flatten().filter_map(|name| log.kind_code(name)) {
        keep[code as usize] = true;
    }
    let mut anchor_missing = false;
    for (path, name) in [("start", &params.start), ("end", &params.end)] {
        if let Some(name) = name
            && !log.has_events_of(name)
        {
            anchor_missing = true;
            warnings.push(Warning::absent_event(path.to_owned(), name, kinds, "the flow is empty"));
        }
    }
    let anchors = Anchors {
        start: params.start.as_deref().and_then(|n| log.kind_code(n)).map(u32::from),
        end: params.end.as_deref().and_then(|n| log.kind_code(n)).map(u32::from),
        backwards: params.start.is_none() && params.end.is_some(),
        steps,
    };
    let mut tally = Tally::default();
    if !anchor_missing {
        let mut sequence: Vec<u32> = Vec::new();
        let mut by_session: Vec<(u32, u32)> = Vec::new();
        for person in 0..log.person_count() {
            let ev = log.person_events(person);
            let end = params.as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t.0));
            let kept = (0..end).filter(|&p| keep.get(ev.kind[p] as usize).copied().unwrap_or(false));
            match sessions {
                None => {
                    sequence.clear();
                    sequence.extend(kept.map(|p| u32::from(ev.kind[p])));
                    tally.path(collapse(&mut sequence, params.collapse_repeats), &anchors);
                }
                Some(column) => {
                    by_session.clear();
                    by_session.extend(kept.filter_map(|p| {
                        let code = column.codes().at(ev.start + p);
                        (code != NULL_CODE).then_some((code, u32::from(ev.kind[p])))
                    }));
                    // Stable: each session's events keep their time order.
                    by_session.sort_by_key(|(session, _)| *session);
                    for run in by_session.chunk_by(|a, b| a.0 == b.0) {
                        sequence.clear();
                        sequence.extend(run.iter().map(|(_, kind)| *kind));
                        tally.path(collapse(&mut sequence, params.collapse_repeats), &anchors);
                    }
                }
            }
        }
    }
    Ok(tally.finish(log, params, steps, warnings))
}

/// The sequence with consecutive repeats merged, when asked.
fn collapse(sequence: &mut Vec<u32>, repeats: bool) -> &[u32] {
    if repeats {
        sequence.dedup();
    }
    sequence
}

/// Where each path's followed part starts and ends.
struct Anchors {
    start: Option<u32>,
    end: Option<u32>,
    backwards: bool,
    steps: usize,
}

impl Anchors {
    /// The followed part of a path, or none when the path does not hold the anchors.
    fn window<'s>(&self, sequence: &'s [u32]) -> Option<&'s [u32]> {
        let first = |kind: u32, from: usize| sequence.iter().skip(from).position(|&k| k == kind).map(|i| i + from);
        match (self.start, self.end) {
            (None, None) if !self.backwards => {
                sequence.get(..sequence.len().min(self.steps + 1)).filter(|s| !s.is_empty())
            }
            (Some(start), None) => {
                let i = first(start, 0)?;
                sequence.get(i..sequence.len().min(i + self.steps + 1))
            }
            (None, Some(end)) => {
                let j = first(end, 0)?;
                sequence.get(j.saturating_sub(self.steps)..=j)
            }
            (Some(start), Some(end)) => {
                let i = first(start, 0)?;
                let j = first(end, i + 1)?;
                (j - i <= self.steps).then(|| sequence.get(i..=j)).flatten()
            }
            (None, None) => None,
        }
    }

    /// The step number of position `i` of a window of `len` events.
    fn step(&self, i: usize, len: usize) -> i64 {
        if self.backwards { i as i64 - (len as i64 - 1) } else { i as i64 }
    }
}

/// Counts by step, before the rare events are grouped.
#[derive(Default)]
struct Tally {
    paths: u64,
    /// (step, kind) -> (count, ends).
    nodes: FxHashMap<(i64, u32), (u64, u64)>,
    /// (step, source, target) -> count.
    links: FxHashMap<(i64, u32, u32), u64>,
    sequences: FxHashMap<Vec<u32>, u64>,
}

impl Tally {
    fn path(&mut self, sequence: &[u32], anchors: &Anchors) {
        let Some(window) = anchors.window(sequence) else { return };
        self.paths += 1;
        let len = window.len();
        for (i, &kind) in window.iter().enumerate() {
            let step = anchors.step(i, len);
            let node = self.nodes.entry((step, kind)).or_default();
            node.0 += 1;
            if i + 1 == len {
                node.1 += 1;
            } else {
                *self.links.entry((step, kind, window[i + 1])).or_default() += 1;
            }
        }
        *self.sequences.entry(window.to_vec()).or_default() += 1;
    }

    fn finish(self, log: &EventLog, params: &FlowsParams, steps: usize, mut warnings: Vec<Warning>) -> FlowsResult {
        let names = log.kind_names();
        let name = |kind: u32| names.get(kind as usize).map_or_else(String::new, ToString::to_string);
        // Per step, the kinds kept by count (ties by name).
        let mut by_step: FxHashMap<i64, Vec<(u32, u64)>> = FxHashMap::default();
        for (&(step, kind), &(count, _)) in &self.nodes {
            by_step.entry(step).or_default().push((kind, count));
        }
        let mut kept: FxHashMap<(i64, u32), bool> = FxHashMap::default();
        for (step, mut kinds) in by_step {
            kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| name(a.0).cmp(&name(b.0))));
            for (rank, (kind, _)) in kinds.into_iter().enumerate() {
                kept.insert((step, kind), rank < params.max_nodes_per_step);
            }
        }
        let grouped = kept.values().filter(|&&keep| !keep).count();
        if grouped > 0 {
            warnings.push(Warning::grouped(
                "max_nodes_per_step",
                format!(
                    "events beyond the {} most frequent of each step are grouped as {OTHER:?} ({grouped} nodes)",
                    params.max_nodes_per_step
                ),
            ));
        }
        let label = |step: i64, kind: u32| {
            if kept.get(&(step, kind)).copied().unwrap_or(false) { name(kind) } else { OTHER.to_owned() }
        };
        let mut nodes: FxHashMap<(i64, String), (u64, u64)> = FxHashMap::default();
        for ((step, kind), (count, ends)) in self.nodes {
            let node = nodes.entry((step, label(step, kind))).or_default();
            node.0 += count;
            node.1 += ends;
        }
        let mut links: FxHashMap<(i64, String, String), u64> = FxHashMap::default();
        for ((step, source, target), count) in self.links {
            *links.entry((step, label(step, source), label(step + 1, target))).or_default() += count;
        }
        let mut nodes: Vec<FlowNode> =
            (nodes.into_iter()).map(|((step, event), (count, ends))| FlowNode { step, event, count, ends }).collect();
        nodes.sort_by(|a, b| a.step.cmp(&b.step).then(b.count.cmp(&a.count)).then_with(|| a.event.cmp(&b.event)));
        let mut links: Vec<FlowLink> = (links.into_iter())
            .map(|((step, source, target), count)| FlowLink { step, source, target, count })
            .collect();
        links.sort_by(|a, b| {
            a.step
                .cmp(&b.step)
                .then(b.count.cmp(&a.count))
                .then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target)))
        });
        let mut sequences: Vec<(Vec<String>, u64)> =
            self.sequences.into_iter().map(|(kinds, count)| (kinds.into_iter().map(name).collect(), count)).collect();
        sequences.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let paths = self.paths;
        let top_paths = (sequences.into_iter().take(TOP_PATHS))
            .map(|(events, count)| TopPath { events, count, share: crate::metrics::ratio(count as f64, paths as f64) })
            .collect();
        FlowsResult {
            by: params.by,
            start: params.start.clone(),
            end: params.end.clone(),
            steps,
            paths,
            nodes,
            links,
            top_paths,
            warnings,
        }
    }
}

/// What people did around one step of a funnel.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FunnelFlows {
    /// The funnel step (0-based) looked at.
    pub step: usize,
    /// Label of the step before it (the last one reached by those who dropped).
    pub from_step: String,
    /// Label of the step.
    pub to_step: String,
    /// Persons (attempts) who dropped at the step, no longer in progress: their events from
    /// their previous step's event (step 0) onwards.
    pub dropped: FlowsResult,
    /// Persons (attempts) who reached the step: their events strictly between the two steps'
    /// events (step 0 is the first event in between).
    pub converted: FlowsResult,
    /// Of those who reached the step, those with no event in between.
    pub converted_directly: u64,
}

/// What the persons who dropped at funnel step `step` did instead (their next events after the
/// step before), and what those who reached it did between the two steps.
///
/// # Errors
/// As [`crate::funnel::funnel`] for the funnel's options; `invalid_parameter` naming `step` when
/// it is not a step after the first, `flow_steps` or `max_nodes_per_step` when 0.
pub fn funnel_flows(
    log: &EventLog,
    funnel: &crate::funnel::FunnelParams,
    step: usize,
    flow_steps: usize,
    max_nodes_per_step: usize,
) -> Result<FunnelFlows> {
    let n = funnel.steps.len();
    if step == 0 || step >= n {
        return Err(Error::invalid_parameter(
            "step",
            format!(
                "{step} is not a step after the first of a {n}-step funnel (0-based: 1 to {})",
                n.saturating_sub(1)
            ),
        ));
    }
    let params = FlowsParams { steps: flow_steps, max_nodes_per_step, as_of: funnel.as_of, ..FlowsParams::default() };
    if flow_steps == 0 {
        return Err(Error::invalid_parameter("flow_steps", "follow at least 1 step"));
    }
    if max_nodes_per_step == 0 {
        return Err(Error::invalid_parameter("max_nodes_per_step", "keep at least 1 event per step"));
    }
    let steps = flow_steps.min(MAX_FLOW_STEPS);
    let mut warnings = Vec::new();
    if steps < flow_steps {
        warnings.push(Warning::capped(
            "flow_steps",
            format!("{flow_steps} steps asked, {MAX_FLOW_STEPS} followed (the most a flow follows)"),
        ));
    }
    let anchors = Anchors { start: None, end: None, backwards: false, steps };
    let (mut dropped, mut converted, mut directly) = (Tally::default(), Tally::default(), 0);
    let mut sequence = Vec::new();
    for chain in crate::funnel::chains(log, funnel)? {
        let ev = log.person_events(chain.person);
        let end = funnel.as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t.0));
        let Some(before) = chain.events[..step].iter().rev().flatten().next().map(|&e| e - ev.start) else {
            continue;
        };
        if chain.level == step && !chain.in_progress {
            sequence.clear();
            sequence.extend(ev.kind[before.min(end)..end].iter().map(|&k| u32::from(k)));
            dropped.path(&sequence, &anchors);
        } else if chain.level > step
            && let Some(at) = chain.events[step].map(|e| e - ev.start)
        {
            sequence.clear();
            sequence.extend(ev.kind[(before + 1).min(at)..at].iter().map(|&k| u32::from(k)));
            if sequence.is_empty() {
                directly += 1;
            } else {
                converted.path(&sequence, &anchors);
            }
        }
    }
    let label = |s: usize| funnel.steps[s].label.clone().unwrap_or_else(|| funnel.steps[s].event.clone());
    let previous = (0..step).rev().find(|&s| !funnel.steps[s].optional).unwrap_or(0);
    let dropped_params = FlowsParams { start: Some(label(previous)), ..params.clone() };
    Ok(FunnelFlows {
        step,
        from_step: label(previous),
        to_step: label(step),
        dropped: dropped.finish(log, &dropped_params, steps, warnings.clone()),
        converted: converted.finish(log, &params, steps, warnings),
        converted_directly: directly,
    })
}
