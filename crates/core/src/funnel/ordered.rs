//! Ordered and strict funnels: one pass over a person's events, tracking attempts.
//!
//! Each step-1 event opens an attempt that follows its greedy chain: at every timestamp it
//! takes, for its next step, the earliest matching event (events sharing a timestamp are taken
//! in step order, each event at most once per chain), skipping optional steps only when the
//! next mandatory step comes first. Counting persons without exclusions, two attempts at the
//! same level behave alike from then on, so only the latest-entered one is kept: at most one
//! live attempt per step, whatever the number of events.

use crate::events::EventLog;

use super::plan::{NONE, Plan};
use super::spec::{CountMode, Order};
use super::{Outcome, Sink};

#[derive(Debug, Clone, Copy)]
struct Attempt {
    /// Step-1 timestamp.
    entry: i64,
    /// Steps 0..level are done (the last one matched, optional ones maybe skipped).
    level: usize,
    /// When the current level was reached.
    reach_ts: i64,
    /// Index of this attempt's row in the times / events buffers.
    slot: usize,
    /// Its aggregate: which step-1 event opened it (counting attempts; strict mode may follow
    /// one attempt along several levels), or its session (counting sessions).
    id: usize,
    spoiled: bool,
    /// Strict mode: another event came in between; the attempt cannot advance any more.
    broken: bool,
    done: bool,
}

/// The best chain so far of the current person (counting persons) or attempt.
#[derive(Debug, Clone, Copy)]
struct Best {
    level: usize,
    reach_ts: i64,
    entry: i64,
}

/// What a person (counting persons) or an attempt (counting attempts) has reached so far.
struct Agg {
    best: Option<Best>,
    times: Vec<i64>,
    events: Vec<usize>,
    reached: Vec<bool>,
    /// Furthest level of any chain, spoiled or not.
    max_level: usize,
    /// Furthest level of an unspoiled chain still open at `as_of`.
    open_level: Option<usize>,
}

impl Agg {
    fn new(n: usize) -> Self {
        Agg {
            best: None,
            times: vec![NONE; n],
            events: vec![0; n],
            reached: vec![false; n],
            max_level: 0,
            open_level: None,
        }
    }

    fn reset(&mut self) {
        self.best = None;
        self.reached.fill(false);
        self.max_level = 0;
        self.open_level = None;
    }

    /// Adds a finished chain.
    fn add(&mut self, a: &Attempt, times: &[i64], events: &[usize], open: bool) {
        self.max_level = self.max_level.max(a.level);
        if a.spoiled {
            return;
        }
        for (r, t) in self.reached.iter_mut().zip(times) {
            *r |= *t != NONE;
        }
        if open {
            self.open_level = self.open_level.max(Some(a.level));
        }
        let better = self.best.is_none_or(|b| {
            a.level > b.level
                || (a.level == b.level && (a.reach_ts < b.reach_ts || (a.reach_ts == b.reach_ts && a.entry > b.entry)))
        });
        if better {
            self.best = Some(Best { level: a.level, reach_ts: a.reach_ts, entry: a.entry });
            self.times.copy_from_slice(times);
            self.events.copy_from_slice(events);
        }
    }

    /// Records the outcome: the best unspoiled chain, unless every chain at the furthest level
    /// was spoiled.
    fn record(&self, plan: &Plan, person: usize, sink: &mut impl Sink) {
        let Some(best) = self.best else { return };
        if best.level < self.max_level {
            return;
        }
        let o = Outcome {
            person,
            reached: &self.reached,
            times: &self.times,
            events: &self.events,
            level: best.level,
            in_progress: best.level < plan.n && self.open_level == Some(best.level),
        };
        sink.record(plan, &o);
    }
}

/// Reusable scratch of the ordered and strict engines (no allocation per event).
pub(crate) struct Ordered<'p, 'a> {
    plan: &'p Plan<'a>,
    attempts: Vec<Attempt>,
    times: Vec<i64>,
    events: Vec<usize>,
    /// (step, position in the timestamp group) of the current group's matches, sorted.
    pairs: Vec<(u32, u32)>,
    /// (exclusion, position in the timestamp group) of the current group's exclusion matches.
    hits: Vec<(u32, u32)>,
    used: Vec<u64>,
    /// Steps matched by the last `advance`, in order.
    path: Vec<usize>,
    /// One per person (counting persons), per attempt of the person (counting attempts) or per
    /// session of the person (counting sessions).
    aggs: Vec<Agg>,
    /// Aggregates in use for the current person.
    opened: usize,
    /// Counting sessions: the session code of each aggregate in use.
    sessions: Vec<u32>,
}

impl<'p, 'a> Ordered<'p, 'a> {
    pub(crate) fn new(plan: &'p Plan<'a>) -> Self {
        Ordered {
            plan,
            attempts: Vec::new(),
            times: Vec::new(),
            events: Vec::new(),
            pairs: Vec::new(),
            hits: Vec::new(),
            used: Vec::new(),
            path: Vec::new(),
            aggs: vec![Agg::new(plan.n)],
            opened: 0,
            sessions: Vec::new(),
        }
    }

    /// Runs the funnel over person `person` and records its outcome(s) in `sink`.
    pub(crate) fn person(&mut self, log: &EventLog, person: usize, sink: &mut impl Sink) {
        let plan = self.plan;
        let ev = log.person_events(person);
        let end = plan.as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t));
        self.attempts.clear();
        self.times.clear();
        self.events.clear();
        self.aggs[0].reset();
        self.opened = 0;
        self.sessions.clear();
        let strict = plan.order == Order::Strict;
        let early_exit =
            plan.count == CountMode::Persons && plan.exclusions.is_empty() && !plan.optional.contains(&true);
        let mut i = 0;
        while i < end {
            let ts = ev.ts[i];
            let mut j = i + 1;
            while j < end && ev.ts[j] == ts {
                j += 1;
            }
            if !strict && !ev.kind[i..j].iter().any(|&k| plan.is_relevant(k)) {
                i = j;
                continue;
            }
            self.pairs.clear();
            self.hits.clear();
            for p in i..j {
                let event = ev.start + p;
                let kind = ev.kind[p];
                for s in plan.steps_of(kind, event) {
                    self.pairs.push((s as u32, (p - i) as u32));
                }
                for x in plan.exclusions_of(kind, event) {
                    self.hits.push((x as u32, (p - i) as u32));
                }
            }
            self.pairs.sort_unstable();
            self.group(ts, ev.start + i, j - i);
            if early_exit && self.aggs[0].best.is_some_and(|b| b.level == plan.n) {
                break;
            }
            i = j;
        }
        for a in &mut self.attempts {
            a.done = true;
        }
        self.flush();
        let aggs = if plan.count == CountMode::Persons { 1 } else { self.opened };
        for agg in &self.aggs[..aggs] {
            agg.record(plan, person, sink);
        }
    }

    /// Processes the events sharing timestamp `ts` (log indices `base..base + len`).
    fn group(&mut self, ts: i64, base: usize, len: usize) {
        let plan = self.plan;
        for a in &mut self.attempts {
            if ts > a.entry.saturating_add(plan.max_window) {
                a.done = true;
            }
        }
        self.flush();
        let existing = self.attempts.len();
        for k in 0..existing {
            if self.attempts[k].broken {
                continue;
            }
            self.clear_used(len);
            let advanced = self.advance(k, ts, base);
            if plan.order == Order::Strict {
                if advanced {
                    self.branch(k, ts, false);
                } else {
                    self.attempts[k].broken = true;
                }
            }
        }
        if plan.may_enter(ts) {
            let starts = self.pairs.iter().take_while(|(s, _)| *s == 0).count();
            for q in 0..starts {
                let pos = self.pairs[q].1;
                let first = base + pos as usize;
                if !plan.may_open(first) {
                    continue;
                }
                let slot = self.new_slot();
                self.times[slot * plan.n] = ts;
                self.events[slot * plan.n] = first;
                let id = self.open_attempt(first);
                self.attempts.push(Attempt {
                    entry: ts,
                    level: 1,
                    reach_ts: ts,
                    slot,
                    id,
                    spoiled: false,
                    broken: false,
                    done: false,
                });
                self.clear_used(len);
                self.used[pos as usize / 64] |= 1 << (pos % 64);
                let k = self.attempts.len() - 1;
                if self.advance(k, ts, base) && plan.order == Order::Strict {
                    self.branch(k, ts, true);
                }
            }
        }
        for &(x, pos) in &self.hits {
            let (from, to) = plan.exclusions[x as usize];
            for a in &mut self.attempts {
                if a.spoiled
                    || a.done
                    || a.level <= from
                    || a.level > to
                    || !plan.same_session(self.events[a.slot * plan.n], base + pos as usize)
                {
                    continue;
                }
                let slot = &self.times[a.slot * plan.n..(a.slot + 1) * plan.n];
                let t_from = slot[..=from].iter().rev().copied().find(|&t| t != NONE).unwrap_or(a.entry);
                if ts > t_from && ts <= a.entry.saturating_add(plan.window[to]) {
                    a.spoiled = true;
                }
            }
        }
        let collapse = plan.count != CountMode::Attempts && plan.exclusions.is_empty();
        for a in &mut self.attempts {
            if a.level == plan.n || (a.broken && collapse) {
                a.done = true;
            }
        }
        if collapse {
            // Keep only the latest-entered attempt of each level (and held values).
            for k in 0..self.attempts.len() {
                let Attempt { level, entry, slot, .. } = self.attempts[k];
                let first = self.events[slot * plan.n];
                let beaten = self.attempts.iter().enumerate().any(|(j, b)| {
                    j != k
                        && !b.done
                        && b.level == level
                        && (b.entry > entry || (b.entry == entry && j > k))
                        && plan.holds(first, self.events[b.slot * plan.n])
                });
                if beaten {
                    self.attempts[k].done = true;
                }
            }
        }
        self.flush();
    }

    /// Advances attempt `k` as far as the current group allows; whether it moved.
    fn advance(&mut self, k: usize, ts: i64, base: usize) -> bool {
        let plan = self.plan;
        let mut advanced = false;
        self.path.clear();
        loop {
            let a = self.attempts[k];
            if a.level >= plan.n {
                return advanced;
            }
            let last = plan.next_mandatory[a.level];
            let used = &self.used;
            let first = self.events[a.slot * plan.n];
            let found = self.pairs.iter().copied().find(|&(s, pos)| {
                let s = s as usize;
                s >= a.level
                    && s <= last
                    && used[pos as usize / 64] & (1 << (pos % 64)) == 0
                    && ts <= a.entry.saturating_add(plan.window[s])
                    && (!plan.holding() || plan.holds(first, base + pos as usize))
            });
            let Some((s, pos)) = found else { return advanced };
            let s = s as usize;
            self.used[pos as usize / 64] |= 1 << (pos % 64);
            self.path.push(s);
            self.times[a.slot * plan.n + s] = ts;
            self.events[a.slot * plan.n + s] = base + pos as usize;
            let a = &mut self.attempts[k];
            a.level = s + 1;
            a.reach_ts = ts;
            advanced = true;
        }
    }

    /// Strict mode: the next step must come at the very next timestamp, so stopping at an
    /// intermediate step of the group just matched can be better than going as far as possible.
    /// Adds a copy of attempt `k` stopped at each intermediate step of its last advance.
    /// A new attempt (`opened_here`) may also stop at its first step.
    fn branch(&mut self, k: usize, ts: i64, opened_here: bool) {
        let n = self.plan.n;
        let stops = self.path.len().saturating_sub(1);
        for q in 0..stops + usize::from(opened_here) {
            let step = if opened_here { if q == 0 { 0 } else { self.path[q - 1] } } else { self.path[q] };
            let slot = self.new_slot();
            let from = self.attempts[k].slot * n;
            self.times.copy_within(from..=from + step, slot * n);
            self.events.copy_within(from..=from + step, slot * n);
            self.attempts.push(Attempt { level: step + 1, reach_ts: ts, slot, ..self.attempts[k] });
        }
    }

    /// The aggregate of an attempt opened at step-1 event `first`: a new one per attempt
    /// (counting attempts), the one of its session (counting sessions), the person's otherwise.
    fn open_attempt(&mut self, first: usize) -> usize {
        let id = match (self.plan.count, self.plan.session_of(first)) {
            (CountMode::Persons, _) => return 0,
            (CountMode::Sessions, Some(session)) => {
                if let Some(id) = self.sessions.iter().position(|&s| s == session) {
                    return id;
                }
                self.sessions.push(session);
                self.opened
            }
            _ => self.opened,
        };
        self.opened += 1;
        if self.aggs.len() <= id {
            self.aggs.push(Agg::new(self.plan.n));
        }
        self.aggs[id].reset();
        id
    }

    fn clear_used(&mut self, len: usize) {
        let words = len.div_ceil(64);
        self.used.clear();
        self.used.resize(words, 0);
    }

    fn new_slot(&mut self) -> usize {
        let n = self.plan.n;
        let slot = self.times.len() / n;
        self.times.resize(self.times.len() + n, NONE);
        self.events.resize(self.events.len() + n, 0);
        slot
    }

    /// Emits and removes the attempts marked done, keeping the others in creation order.
    fn flush(&mut self) {
        let mut k = 0;
        while k < self.attempts.len() {
            if self.attempts[k].done {
                let a = self.attempts.remove(k);
                self.emit(a);
            } else {
                k += 1;
            }
        }
    }

    fn emit(&mut self, a: Attempt) {
        let plan = self.plan;
        let n = plan.n;
        let times = &self.times[a.slot * n..(a.slot + 1) * n];
        let events = &self.events[a.slot * n..(a.slot + 1) * n];
        let open = plan.is_open(a.entry, a.level);
        let agg = if plan.count == CountMode::Persons { 0 } else { a.id };
        self.aggs[agg].add(&a, times, events, open);
    }
}
