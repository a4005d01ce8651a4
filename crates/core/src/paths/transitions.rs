//! Transitions between consecutive events, counted in one pass over each person's events.

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::{CodeSlice, EventLog, NULL_CODE, Timestamp};
use crate::metrics::ratio;

/// Version of the [`PathsPartial`] layout.
pub const PATHS_PARTIAL_VERSION: u32 = 1;

/// Most pairs of event kinds kept in a plain table; beyond, the pairs met are kept in a map.
const DENSE_PAIRS: usize = 1 << 16;

/// Persons per chunk of work.
const CHUNK: usize = 65_536;

/// What one path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PathUnit {
    /// All of a person's events, in time order.
    #[default]
    Person,
    /// The events of one session id of a person, in time order (events without one are left out).
    Session,
}

/// Options of [`paths`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PathsParams {
    /// A path is a person's events (`person`) or a session's (`session`).
    pub by: PathUnit,
    /// Merge consecutive repeats of one event into one step (`page_view, page_view, register`
    /// reads `page_view, register`).
    pub collapse_repeats: bool,
    /// Only these event kinds make up the paths (the others are skipped, so their neighbours
    /// become consecutive); default every kind.
    pub events: Option<Vec<String>>,
    /// Ignore later events.
    pub as_of: Option<Timestamp>,
}

impl Default for PathsParams {
    fn default() -> Self {
        PathsParams { by: PathUnit::Person, collapse_repeats: false, events: None, as_of: None }
    }
}

/// One transition: `target` came right after `source` in a path.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Transition {
    /// The earlier event.
    pub source: String,
    /// The event right after it.
    pub target: String,
    /// Times the pair occurred.
    pub count: u64,
    /// Distinct persons with the pair.
    pub persons: u64,
    /// `count` over every transition leaving `source` (0-1): where people go from there.
    pub share_of_source: Option<f64>,
}

/// One event kind's totals over the paths.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PathEvent {
    /// Event kind.
    pub event: String,
    /// Occurrences in the paths (after collapsing repeats).
    pub count: u64,
    /// Distinct persons with it.
    pub persons: u64,
    /// Paths starting with it.
    pub starts: u64,
    /// Paths ending with it.
    pub ends: u64,
    /// Transitions leaving it (`count - ends`).
    pub outgoing: u64,
}

/// Transitions and per-event totals over every path.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PathsResult {
    /// What a path is.
    pub by: PathUnit,
    /// Paths with at least one event (persons, or sessions).
    pub paths: u64,
    /// Persons with at least one event in a path.
    pub persons: u64,
    /// Per event kind, by count, descending.
    pub events: Vec<PathEvent>,
    /// Per pair of consecutive events, by count, descending (then source, target).
    pub transitions: Vec<Transition>,
    /// What the reader should know (an `events` entry the log does not have); given by
    /// [`paths`], not by merged partials.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::error::Warning>,
}

/// What a partial was computed for; partials merge only when their heads are equal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PathsHead {
    /// What a path is.
    pub by: PathUnit,
    /// Whether repeats were collapsed.
    pub collapse_repeats: bool,
    /// The event kinds kept (null: all).
    pub events: Option<Vec<String>>,
    /// Data cut-off.
    pub as_of: Option<Timestamp>,
}

/// One event kind's tallies in a partial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EventTally {
    /// Occurrences.
    pub count: u64,
    /// Distinct persons.
    pub persons: u64,
    /// Paths starting with it.
    pub starts: u64,
    /// Paths ending with it.
    pub ends: u64,
}

/// One pair's tallies in a partial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PairTally {
    /// The earlier event.
    pub source: String,
    /// The event right after it.
    pub target: String,
    /// Times the pair occurred.
    pub count: u64,
    /// Distinct persons with it.
    pub persons: u64,
}

/// The mergeable state of [`paths`] over a subset of persons: merging the partials of disjoint
/// subsets gives exactly the result over their union (counts add; each person is in one subset,
/// so distinct persons add too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PathsPartial {
    /// Layout version ([`PATHS_PARTIAL_VERSION`]).
    pub version: u32,
    /// What was computed.
    pub head: PathsHead,
    /// Paths with at least one event.
    pub paths: u64,
    /// Persons with at least one event in a path.
    pub persons: u64,
    /// Per event kind.
    pub events: Vec<(String, EventTally)>,
    /// Per pair.
    pub transitions: Vec<PairTally>,
}

/// Transitions and per-event totals over every person of `log`.
///
/// # Errors
/// `invalid_parameter` naming `by` when paths by session are asked of a log without session ids.
pub fn paths(log: &EventLog, params: &PathsParams) -> Result<PathsResult> {
    let mut result = paths_partial(log, params, 0..log.person_count())?.finish();
    let kinds = log.kind_names();
    result.warnings = (params.events.iter().flatten().enumerate())
        .filter(|(_, event)| !log.has_events_of(event))
        .map(|(i, event)| {
            crate::error::Warning::absent_event(format!("events[{i}]"), event, kinds, "the paths never hold it")
        })
        .collect();
    Ok(result)
}

/// The mergeable partial state of [`paths`] over persons `persons` (indices into `log`).
///
/// # Errors
/// As [`paths`].
pub fn paths_partial(log: &EventLog, params: &PathsParams, persons: Range<usize>) -> Result<PathsPartial> {
    let sessions = match params.by {
        PathUnit::Person => None,
        PathUnit::Session => Some(log.sessions().ok_or_else(|| {
            Error::invalid_parameter("by", "paths by session need session ids (a session_id column)")
        })?),
    };
    let kinds = log.kind_names().len();
    let mut keep = vec![params.events.is_none(); kinds];
    for code in params.events.iter().flatten().filter_map(|name| log.kind_code(name)) {
        keep[code as usize] = true;
    }
    let plan =
        Plan { keep, sessions: sessions.map(crate::events::DictColumn::codes), collapse: params.collapse_repeats };
    let end = persons.end.min(log.person_count());
    let start = persons.start.min(end);
    let chunks: Vec<Range<usize>> = crate::parallel::chunks(start..end, CHUNK);
    let accs = crate::parallel::map_columns(chunks, |range| {
        let mut acc = Acc::new(kinds);
        let mut open = Vec::new();
        for person in range {
            acc.person(log, &plan, params.as_of, person, &mut open);
        }
        acc
    });
    let mut total = Acc::new(kinds);
    for acc in accs {
        total.merge(acc);
    }
    Ok(total.into_partial(log, params))
}

/// Merges partials computed for the same paths on disjoint sets of persons and finishes the
/// result.
///
/// # Errors
/// `invalid_parameter` when there are no partials or they were computed with other options.
pub fn merge_paths_partials(partials: impl IntoIterator<Item = PathsPartial>) -> Result<PathsResult> {
    let mut partials = partials.into_iter();
    let mut total = partials.next().ok_or_else(|| Error::invalid_parameter("partials", "give at least one partial"))?;
    for partial in partials {
        total.merge(partial)?;
    }
    Ok(total.finish())
}

impl PathsPartial {
    /// Reads a list of partials from plain data (as the bindings receive it).
    pub fn list_from_json(value: serde_json::Value) -> Result<Vec<PathsPartial>> {
        crate::contract::read_at(value.into(), "partials")
    }

    /// Adds `other` (computed with the same options on other persons) into `self`.
    pub fn merge(&mut self, other: PathsPartial) -> Result<()> {
        if other.version != self.version || other.head != self.head {
            return Err(Error::invalid_parameter("partials", "partials of different paths cannot be merged"));
        }
        self.paths = self.paths.saturating_add(other.paths);
        self.persons = self.persons.saturating_add(other.persons);
        let mut events: FxHashMap<String, EventTally> = std::mem::take(&mut self.events).into_iter().collect();
        for (name, tally) in other.events {
            events.entry(name).or_default().add(&tally);
        }
        self.events = events.into_iter().collect();
        self.events.sort_by(|a, b| a.0.cmp(&b.0));
        let mut pairs: FxHashMap<(String, String), (u64, u64)> = (std::mem::take(&mut self.transitions).into_iter())
            .map(|p| ((p.source, p.target), (p.count, p.persons)))
            .collect();
        for p in other.transitions {
            let entry = pairs.entry((p.source, p.target)).or_default();
            *entry = (entry.0.saturating_add(p.count), entry.1.saturating_add(p.persons));
        }
        self.transitions = pairs
            .into_iter()
            .map(|((source, target), (count, persons))| PairTally { source, target, count, persons })
            .collect();
        self.transitions.sort_by(|a, b| (&a.source, &a.target).cmp(&(&b.source, &b.target)));
        Ok(())
    }

    /// The result: events and transitions sorted by count, descending.
    #[must_use]
    pub fn finish(self) -> PathsResult {
        let mut outgoing: FxHashMap<&str, u64> = FxHashMap::default();
        for p in &self.transitions {
            *outgoing.entry(p.source.as_str()).or_default() += p.count;
        }
        let mut transitions: Vec<Transition> = (self.transitions.iter())
            .map(|p| Transition {
                source: p.source.clone(),
                target: p.target.clone(),
                count: p.count,
                persons: p.persons,
                share_of_source: ratio(p.count as f64, outgoing.get(p.source.as_str()).copied().unwrap_or(0) as f64),
            })
            .collect();
        transitions
            .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target))));
        let mut events: Vec<PathEvent> = (self.events.iter())
            .map(|(event, t)| PathEvent {
                event: event.clone(),
                count: t.count,
                persons: t.persons,
                starts: t.starts,
                ends: t.ends,
                outgoing: outgoing.get(event.as_str()).copied().unwrap_or(0),
            })
            .collect();
        events.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.event.cmp(&b.event)));
        PathsResult {
            by: self.head.by,
            paths: self.paths,
            persons: self.persons,
            events,
            transitions,
            warnings: Vec::new(),
        }
    }
}

impl EventTally {
    fn add(&mut self, other: &EventTally) {
        self.count = self.count.saturating_add(other.count);
        self.persons = self.persons.saturating_add(other.persons);
        self.starts = self.starts.saturating_add(other.starts);
        self.ends = self.ends.saturating_add(other.ends);
    }
}

/// The options resolved against one log.
struct Plan<'a> {
    /// By kind code: whether the kind is part of the paths.
    keep: Vec<bool>,
    /// Session code of every event, when paths are sessions.
    sessions: Option<CodeSlice<'a>>,
    collapse: bool,
}

/// A pair's tallies while scanning: the last person seen with it gives distinct persons.
#[derive(Debug, Clone, Copy)]
struct Cell {
    count: u64,
    persons: u64,
    last_person: u32,
}

impl Default for Cell {
    fn default() -> Self {
        Cell { count: 0, persons: 0, last_person: u32::MAX }
    }
}

impl Cell {
    #[inline]
    fn hit(&mut self, person: u32) {
        self.count += 1;
        if self.last_person != person {
            self.last_person = person;
            self.persons += 1;
        }
    }
}

/// Pair cells by `source * kinds + target`.
enum Pairs {
    Dense(Vec<Cell>),
    Sparse(FxHashMap<u64, Cell>),
}

/// Tallies of one chunk of persons.
struct Acc {
    kinds: usize,
    /// Per kind: occurrences and distinct persons (in a cell), starts, ends.
    events: Vec<(Cell, u64, u64)>,
    pairs: Pairs,
    paths: u64,
    persons: u64,
}

impl Acc {
    fn new(kinds: usize) -> Acc {
        let pairs = match kinds.checked_mul(kinds) {
            Some(cells) if cells <= DENSE_PAIRS => Pairs::Dense(vec![Cell::default(); cells]),
            _ => Pairs::Sparse(FxHashMap::default()),
        };
        Acc { kinds, events: vec![(Cell::default(), 0, 0); kinds], pairs, paths: 0, persons: 0 }
    }

    #[inline]
    fn pair(&mut self, source: u32, target: u32, person: u32) {
        let key = u64::from(source) * self.kinds as u64 + u64::from(target);
        match &mut self.pairs {
            Pairs::Dense(cells) => {
                if let Some(cell) = usize::try_from(key).ok().and_then(|k| cells.get_mut(k)) {
                    cell.hit(person);
                }
            }
            Pairs::Sparse(cells) => cells.entry(key).or_default().hit(person),
        }
    }

    /// Counts one person's paths; `open` is scratch: (session code, last kind) of each path.
    fn person(
        &mut self,
        log: &EventLog,
        plan: &Plan,
        as_of: Option<Timestamp>,
        person: usize,
        open: &mut Vec<(u32, u32)>,
    ) {
        let ev = log.person_events(person);
        let end = as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t.0));
        let who = person as u32;
        open.clear();
        for (p, kind) in ev.kind[..end].iter().map(|&k| u32::from(k)).enumerate() {
            if !plan.keep.get(kind as usize).copied().unwrap_or(false) {
                continue;
            }
            let session = match plan.sessions {
                None => 0,
                Some(codes) => match codes.at(ev.start + p) {
                    NULL_CODE => continue,
                    code => code,
                },
            };
            let path = open.iter().position(|(s, _)| *s == session);
            let previous = path.map(|i| open[i].1);
            if plan.collapse && previous == Some(kind) {
                continue;
            }
            let (cell, starts, _) = &mut self.events[kind as usize];
            cell.hit(who);
            if let (Some(i), Some(before)) = (path, previous) {
                open[i].1 = kind;
                self.pair(before, kind, who);
            } else {
                *starts += 1;
                open.push((session, kind));
            }
        }
        for &(_, last) in open.iter() {
            self.events[last as usize].2 += 1;
        }
        self.paths += open.len() as u64;
        self.persons += u64::from(!open.is_empty());
    }

    fn merge(&mut self, other: Acc) {
        self.paths += other.paths;
        self.persons += other.persons;
        for (mine, theirs) in self.events.iter_mut().zip(other.events) {
            mine.0.count += theirs.0.count;
            mine.0.persons += theirs.0.persons;
            mine.1 += theirs.1;
            mine.2 += theirs.2;
        }
        let add = |mine: &mut Cell, theirs: Cell| {
            mine.count += theirs.count;
            mine.persons += theirs.persons;
        };
        match (&mut self.pairs, other.pairs) {
            (Pairs::Dense(mine), Pairs::Dense(theirs)) => {
                for (m, t) in mine.iter_mut().zip(theirs) {
                    add(m, t);
                }
            }
            (Pairs::Sparse(mine), Pairs::Sparse(theirs)) => {
                for (key, t) in theirs {
                    add(mine.entry(key).or_default(), t);
                }
            }
            // Every chunk of one call has the same kinds, hence the same layout.
            _ => {}
        }
    }

    fn into_partial(self, log: &EventLog, params: &PathsParams) -> PathsPartial {
        let names = log.kind_names();
        let name = |code: u64| usize::try_from(code).ok().and_then(|c| names.get(c)).map(ToString::to_string);
        let kinds = self.kinds as u64;
        let cells: Vec<(u64, Cell)> = match self.pairs {
            Pairs::Dense(cells) => cells.into_iter().enumerate().map(|(k, c)| (k as u64, c)).collect(),
            Pairs::Sparse(cells) => cells.into_iter().collect(),
        };
        let mut transitions: Vec<PairTally> = (cells.into_iter())
            .filter(|(_, c)| c.count > 0)
            .filter_map(|(key, c)| {
                Some(PairTally {
                    source: name(key / kinds)?,
                    target: name(key % kinds)?,
                    count: c.count,
                    persons: c.persons,
                })
            })
            .collect();
        transitions.sort_by(|a, b| (&a.source, &a.target).cmp(&(&b.source, &b.target)));
        let events = (self.events.into_iter().enumerate())
            .filter(|(_, (cell, _, _))| cell.count > 0)
            .filter_map(|(code, (cell, starts, ends))| {
                Some((name(code as u64)?, EventTally { count: cell.count, persons: cell.persons, starts, ends }))
            })
            .collect();
        PathsPartial {
            version: PATHS_PARTIAL_VERSION,
            head: PathsHead {
                by: params.by,
                collapse_repeats: params.collapse_repeats,
                events: params.events.clone(),
                as_of: params.as_of,
            },
            paths: self.paths,
            persons: self.persons,
            events,
            transitions,
        }
    }
}
