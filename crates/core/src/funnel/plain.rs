//! The plain ordered funnel counting persons ([`Plan::plain_steps`]): the ordered engine's
//! outcome, computed with a few bit operations per timestamp group.
//!
//! The ordered engine ([`super::ordered`]) tracks attempts for any funnel. Without exclusions,
//! optional steps, held properties, sessions, step filters or step windows, and with one step per
//! event kind, its attempts obey a simple law: at most one lives per level (the latest entered),
//! and an older attempt stands at a higher level (every event a newer one matched, the older one
//! could match too, being within the same window). So the live attempts are a bit set of levels,
//! each with its entry and its row of matched times; a timestamp group is the bit set `P` of the
//! steps it holds, and an attempt at level `L` moves to the first level from `L` whose step is
//! not in `P`. Where two attempts land on one level the newer lives on and the older ends; ended
//! chains are compared as the ordered engine compares them (furthest level, then earliest reach,
//! then latest entry, then first ended). A unit test checks both engines give the same outcomes
//! on random logs.

use crate::events::EventLog;

use super::plan::{NONE, Plan};
use super::{Outcome, Sink};

/// An ended chain, as the comparison needs it.
#[derive(Debug, Clone, Copy)]
struct Ended {
    level: usize,
    reach_ts: i64,
    entry: i64,
}

/// Reusable scratch (no allocation per person once warm).
pub(crate) struct Plain<'p, 'a> {
    plan: &'p Plan<'a>,
    /// Per kind code: its step, `u8::MAX` for none.
    step_of: Vec<u8>,
    /// The funnel's window, µs.
    window: i64,
    /// Levels holding a live attempt (bit `L`).
    live: u64,
    /// Per level: the live attempt's entry and the time it reached the level.
    entry: Vec<i64>,
    reach: Vec<i64>,
    /// Per level, a row of `n`: the live attempt's matched times and events (row `n`: a spare
    /// for chains that complete as they enter).
    times: Vec<i64>,
    events: Vec<usize>,
    /// Per step: the first event of the current group matching it.
    first: Vec<usize>,
    /// Step-1 events of the current group.
    entries: Vec<usize>,
    best: Option<Ended>,
    best_times: Vec<i64>,
    best_events: Vec<usize>,
    reached: Vec<bool>,
    max_level: usize,
    open_level: Option<usize>,
}

impl<'p, 'a> Plain<'p, 'a> {
    /// The engine, when the plan is a plain one.
    pub(crate) fn new(plan: &'p Plan<'a>) -> Option<Self> {
        let step_of = plan.plain_steps()?;
        let n = plan.n;
        Some(Plain {
            plan,
            step_of,
            window: plan.max_window,
            live: 0,
            entry: vec![0; n],
            reach: vec![0; n],
            times: vec![NONE; (n + 1) * n],
            events: vec![0; (n + 1) * n],
            first: vec![0; n],
            entries: Vec::new(),
            best: None,
            best_times: vec![NONE; n],
            best_events: vec![0; n],
            reached: vec![false; n],
            max_level: 0,
            open_level: None,
        })
    }

    /// Runs the funnel over person `person` and records its outcome in `sink`.
    pub(crate) fn person(&mut self, log: &EventLog, person: usize, sink: &mut impl Sink) {
        let n = self.plan.n;
        let ev = log.person_events(person);
        let end = self.plan.as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t));
        let (ts_col, kinds) = (&ev.ts[..end], &ev.kind[..end]);
        self.live = 0;
        self.best = None;
        self.max_level = 0;
        self.open_level = None;
        let mut i = 0;
        while i < end {
            let ts = ts_col[i];
            let step = self.step_of.get(kinds[i] as usize).copied().unwrap_or(u8::MAX);
            // The common cases: a lone event, of no step or of one step.
            if ts_col.get(i + 1) != Some(&ts) {
                i += 1;
                if step != u8::MAX {
                    self.single(ts, usize::from(step), ev.start + i - 1);
                    if self.best.is_some_and(|b| b.level == n) {
                        break;
                    }
                }
                continue;
            }
            let mut present = 0u64;
            self.entries.clear();
            let mut j = i;
            while j < end && ts_col[j] == ts {
                let step = self.step_of.get(kinds[j] as usize).copied().unwrap_or(u8::MAX);
                if step != u8::MAX {
                    let bit = 1u64 << step;
                    if present & bit == 0 {
                        present |= bit;
                        self.first[usize::from(step)] = ev.start + j;
                    }
                    if step == 0 {
                        self.entries.push(ev.start + j);
                    }
                }
                j += 1;
            }
            i = j;
            if present != 0 {
                self.group(ts, present);
                if self.best.is_some_and(|b| b.level == n) {
                    break;
                }
            }
        }
        // The rest end, oldest (highest level) first.
        while self.live != 0 {
            let level = top(self.live);
            self.end_live(level);
        }
        self.record(person, sink);
    }

    /// Ends the attempts past their window at `ts`, oldest first (they stand highest).
    fn expire(&mut self, ts: i64) {
        while self.live != 0 {
            let level = top(self.live);
            if ts <= self.entry[level].saturating_add(self.window) {
                break;
            }
            self.end_live(level);
        }
    }

    /// A timestamp group of one event, `event`, of step `step`: [`Plain::group`] with one bit,
    /// where only the attempt standing at `step` can move (or, for step 1, a new one enter).
    fn single(&mut self, ts: i64, step: usize, event: usize) {
        let n = self.plan.n;
        if step == 0 && n == 1 {
            self.first[0] = event;
            self.entries.clear();
            self.entries.push(event);
            self.group(ts, 1);
            return;
        }
        self.expire(ts);
        if step == 0 {
            if !self.plan.may_enter(ts) {
                return;
            }
            if self.live & 0b10 != 0 {
                self.end_live(1);
            }
            self.times[n] = ts;
            self.events[n] = event;
            self.occupy(1, ts, ts);
        } else if self.live & (1 << step) != 0 {
            self.live &= !(1 << step);
            let at = step * n + step;
            self.times[at] = ts;
            self.events[at] = event;
            if step + 1 == n {
                self.end(step, n, self.entry[step], ts);
            } else {
                self.move_row(step, step + 1);
                self.occupy(step + 1, self.entry[step], ts);
            }
        }
    }

    /// Processes a timestamp group holding the steps of `present`.
    fn group(&mut self, ts: i64, present: u64) {
        let n = self.plan.n;
        self.expire(ts);
        // Each live attempt, oldest first, goes as far as the group allows.
        let mut pending = self.live;
        while pending != 0 {
            let level = top(pending);
            pending &= !(1 << level);
            let to = next_level(level, present, n);
            if to == level {
                continue;
            }
            self.live &= !(1 << level);
            self.fill(level, level, to, ts);
            if to == n {
                self.end(level, n, self.entry[level], ts);
            } else {
                self.move_row(level, to);
                self.occupy(to, self.entry[level], ts);
            }
        }
        if present & 1 != 0 && self.plan.may_enter(ts) && !self.entries.is_empty() {
            let to = next_level(1, present, n);
            if to < n && self.live & (1 << to) != 0 {
                self.end_live(to);
            }
            // Attempts entering together: the earlier ones end at once, the last lives on.
            let last = self.entries.len() - 1;
            for e in 0..self.entries.len() {
                self.entry_row(to, ts, self.entries[e]);
                if e < last || to == n {
                    self.end(to, to, ts, ts);
                } else {
                    self.occupy(to, ts, ts);
                }
            }
        }
    }

    /// Writes the row of a new attempt entered at `ts` by event `first` and standing at `level`
    /// (a free row: the level's or, at `n`, the spare one).
    fn entry_row(&mut self, level: usize, ts: i64, first: usize) {
        let row = level * self.plan.n;
        self.times[row] = ts;
        self.events[row] = first;
        self.fill_at(row, 1, level, ts);
    }

    /// Sets steps `from..to` of row `level` as matched at `ts` by the group's first events.
    fn fill(&mut self, level: usize, from: usize, to: usize, ts: i64) {
        let n = self.plan.n;
        self.fill_at(level * n, from, to, ts);
    }

    fn fill_at(&mut self, row: usize, from: usize, to: usize, ts: i64) {
        for s in from..to {
            self.times[row + s] = ts;
            self.events[row + s] = self.first[s];
        }
    }

    /// Copies row `from` (its matched prefix up to `to`) to row `to`, ending the attempt there.
    fn move_row(&mut self, from: usize, to: usize) {
        let n = self.plan.n;
        if self.live & (1 << to) != 0 {
            self.end_live(to);
        }
        self.times.copy_within(from * n..from * n + to, to * n);
        self.events.copy_within(from * n..from * n + to, to * n);
    }

    fn occupy(&mut self, level: usize, entry: i64, reach_ts: i64) {
        self.live |= 1 << level;
        self.entry[level] = entry;
        self.reach[level] = reach_ts;
    }

    /// Ends the live attempt at `level`.
    fn end_live(&mut self, level: usize) {
        self.live &= !(1 << level);
        self.end(level, level, self.entry[level], self.reach[level]);
    }

    /// Ends the chain of row `row` at `level`: compared with the best so far, as the ordered
    /// engine compares.
    #[inline]
    fn end(&mut self, row: usize, level: usize, entry: i64, reach_ts: i64) {
        let plan = self.plan;
        let n = plan.n;
        self.max_level = self.max_level.max(level);
        if plan.is_open(entry, level) {
            self.open_level = self.open_level.max(Some(level));
        }
        let better = self.best.is_none_or(|b| {
            level > b.level
                || (level == b.level && (reach_ts < b.reach_ts || (reach_ts == b.reach_ts && entry > b.entry)))
        });
        if better {
            self.best = Some(Ended { level, reach_ts, entry });
            let row = row * n;
            self.best_times[..level].copy_from_slice(&self.times[row..row + level]);
            self.best_times[level..].fill(NONE);
            self.best_events[..level].copy_from_slice(&self.events[row..row + level]);
            self.best_events[level..].fill(0);
        }
    }

    fn record(&mut self, person: usize, sink: &mut impl Sink) {
        let Some(best) = self.best else { return };
        let chain = (&self.best_times[..], &self.best_events[..]);
        let o = Outcome::of_chain(person, &mut self.reached, self.max_level, chain, best.level, self.open_level);
        sink.record(self.plan, &o);
    }
}

/// The highest set bit of `bits` (not 0).
fn top(bits: u64) -> usize {
    63 - bits.leading_zeros() as usize
}

/// Where an attempt at `level` stops in a group holding the steps of `present`.
fn next_level(level: usize, present: u64, n: usize) -> usize {
    (level + (!(present >> level)).trailing_zeros() as usize).min(n)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::ordered::Ordered;
    use super::super::spec::FunnelParams;
    use super::*;
    use crate::ingest::{LoadOptions, Record};

    /// An outcome as plain values: person, reached, times, events, level, in progress.
    type Owned = (usize, Vec<bool>, Vec<i64>, Vec<usize>, usize, bool);

    /// Every outcome.
    #[derive(Default)]
    struct Outcomes(Vec<Owned>);

    impl Sink for Outcomes {
        fn record(&mut self, _: &Plan, o: &Outcome) {
            self.0.push((o.person, o.reached.to_vec(), o.times.to_vec(), o.events.to_vec(), o.level, o.in_progress));
        }
    }

    const KINDS: [&str; 5] = ["a", "b", "c", "d", "x"];

    fn minute(m: u8) -> String {
        format!("2024-03-01T10:{m:02}:00Z")
    }

    fn log_of(events: &[(u8, u8, u8)]) -> EventLog {
        let rows: Vec<serde_json::Value> = events
            .iter()
            .map(|&(person, m, kind)| {
                serde_json::json!({"user_id": person, "ts": minute(m), "event": KINDS[usize::from(kind) % KINDS.len()]})
            })
            .collect();
        let records: Vec<Record> = serde_json::from_value(serde_json::Value::Array(rows)).unwrap();
        EventLog::from_records(&records, None, &LoadOptions::default()).unwrap()
    }

    fn params(steps: &[&str], window_minutes: u8, as_of: Option<u8>) -> FunnelParams {
        let mut json = serde_json::json!({
            "steps": steps,
            "window_seconds": u64::from(window_minutes.max(1)) * 60,
        });
        if let Some(m) = as_of {
            json["as_of"] = serde_json::json!(minute(m));
        }
        serde_json::from_value(json).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn the_chain_engine_gives_the_ordered_engines_outcomes(
            events in prop::collection::vec((0u8..6, 0u8..40, 0u8..5), 1..120),
            steps in 2usize..5,
            window in 1u8..30,
            as_of in prop::option::of(0u8..50),
        ) {
            let log = log_of(&events);
            let steps = &KINDS[..steps];
            let params = params(steps, window, as_of);
            let Ok(plan) = Plan::new(&log, &params) else { return Ok(()) };
            let mut chains = Plain::new(&plan).expect("a plain funnel");
            let mut ordered = Ordered::new(&plan);
            let (mut fast, mut general) = (Outcomes::default(), Outcomes::default());
            for p in 0..log.person_count() {
                chains.person(&log, p, &mut fast);
                ordered.person(&log, p, &mut general);
            }
            prop_assert_eq!(fast.0, general.0);
        }
    }
}
