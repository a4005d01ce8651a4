//! Unordered funnels: every event matching a step anchors a window; its level is the size of
//! a maximum matching between steps and the window's events (one event fills one step).

use crate::events::EventLog;

use super::plan::{NONE, Plan};
use super::{Outcome, Sink};

const FREE: u32 = u32::MAX;

/// The best window of a person so far.
struct Found {
    /// (level, completion time, anchor).
    best: Option<(usize, i64, i64)>,
    /// Furthest level of a window still open at `as_of`.
    open_level: Option<usize>,
}

/// An event of the person that matches a step or an exclusion.
#[derive(Debug, Clone, Copy)]
struct Rel {
    /// Position among the person's events.
    pos: u32,
    ts: i64,
    /// `steps[first..first + count]` are the steps it matches.
    first: u32,
    count: u32,
    excluded: bool,
}

/// Reusable scratch of the unordered engine.
pub(crate) struct Unordered<'p, 'a> {
    plan: &'p Plan<'a>,
    /// Relevant events of the person.
    rel: Vec<Rel>,
    /// Steps matched by each relevant event (ranges of `rel`).
    steps: Vec<u32>,
    mate_step: Vec<u32>,
    visited: Vec<u32>,
    stamp: u32,
    times: Vec<i64>,
    events: Vec<usize>,
    best_times: Vec<i64>,
    best_events: Vec<usize>,
    reached: Vec<bool>,
}

impl<'p, 'a> Unordered<'p, 'a> {
    pub(crate) fn new(plan: &'p Plan<'a>) -> Self {
        let n = plan.n;
        Unordered {
            plan,
            rel: Vec::new(),
            steps: Vec::new(),
            mate_step: vec![FREE; n],
            visited: vec![0; n],
            stamp: 0,
            times: vec![NONE; n],
            events: vec![0; n],
            best_times: vec![NONE; n],
            best_events: vec![0; n],
            reached: vec![false; n],
        }
    }

    /// Runs the funnel over person `person` and records its outcome in `sink`.
    pub(crate) fn person(&mut self, log: &EventLog, person: usize, sink: &mut impl Sink) {
        let plan = self.plan;
        let n = plan.n;
        let ev = log.person_events(person);
        let end = plan.as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t));
        self.rel.clear();
        self.steps.clear();
        for p in 0..end {
            let kind = ev.kind[p];
            if !plan.is_relevant(kind) {
                continue;
            }
            let event = ev.start + p;
            let first = self.steps.len();
            self.steps.extend(plan.steps_of(kind, event).map(|s| s as u32));
            let count = self.steps.len() - first;
            let excluded = plan.exclusions_of(kind, event).next().is_some();
            if count > 0 || excluded {
                self.rel.push(Rel { pos: p as u32, ts: ev.ts[p], first: first as u32, count: count as u32, excluded });
            }
        }
        let mut found = Found { best: None, open_level: None };
        let mut r0 = 0;
        while r0 < self.rel.len() {
            let anchor = self.rel[r0].ts;
            let next = r0 + self.rel[r0..].iter().take_while(|r| r.ts == anchor).count();
            let anchors_here = self.rel[r0..next].iter().any(|r| r.count > 0);
            if !anchors_here || !plan.may_enter(anchor) {
                r0 = next;
                continue;
            }
            if let Some((level, done_at, _)) = found.best
                && level == n
                && anchor > done_at
            {
                break;
            }
            if plan.holding() {
                // One window per held value among the events anchoring here.
                for r in r0..next {
                    let first = ev.start + self.rel[r].pos as usize;
                    let seen = (r0..r)
                        .any(|q| self.rel[q].count > 0 && plan.holds(ev.start + self.rel[q].pos as usize, first));
                    if self.rel[r].count > 0 && !seen {
                        self.consider(ev.start, r0, anchor, Some(first), &mut found);
                    }
                }
            } else {
                self.consider(ev.start, r0, anchor, None, &mut found);
            }
            r0 = next;
        }
        let Found { best: Some((level, _, _)), open_level } = found else { return };
        let chain = (&self.best_times[..], &self.best_events[..]);
        let o = Outcome::of_chain(person, &mut self.reached, level, chain, level, open_level);
        sink.record(plan, &o);
    }

    /// Keeps the window anchored at `anchor` when it beats the best so far.
    fn consider(&mut self, start: usize, r0: usize, anchor: i64, held: Option<usize>, found: &mut Found) {
        let plan = self.plan;
        let n = plan.n;
        let Some((level, done_at)) = self.window(start, r0, anchor, held) else { return };
        if plan.as_of.is_some_and(|t| level < n && anchor.saturating_add(plan.max_window) > t) {
            found.open_level = found.open_level.max(Some(level));
        }
        let better = found.best.is_none_or(|(bl, bd, _)| level > bl || (level == bl && done_at <= bd));
        if level > 0 && better {
            found.best = Some((level, done_at, anchor));
            self.best_times.copy_from_slice(&self.times);
            self.best_events.copy_from_slice(&self.events);
        }
    }

    /// The window anchored at `anchor` (relevant events from `r0`; with `held`, only the step
    /// events sharing that event's held values): its level and the time it was reached, with
    /// `times[i]` / `events[i]` the time and event of the (i+1)-th step filled; `None` when an
    /// exclusion discards it.
    fn window(&mut self, start: usize, r0: usize, anchor: i64, held: Option<usize>) -> Option<(usize, i64)> {
        let plan = self.plan;
        let n = plan.n;
        let close = anchor.saturating_add(plan.max_window);
        self.mate_step.fill(FREE);
        self.times.fill(NONE);
        let mut level = 0;
        let mut r = r0;
        while r < self.rel.len() {
            let x = self.rel[r].ts;
            if x > close {
                break;
            }
            let mut excluded = false;
            while r < self.rel.len() && self.rel[r].ts == x {
                excluded |= self.rel[r].excluded;
                let event = start + self.rel[r].pos as usize;
                let kept = held.is_none_or(|first| plan.holds(first, event));
                if level < n && self.rel[r].count > 0 && kept && self.augment(r, anchor) {
                    self.times[level] = x;
                    self.events[level] = start + self.rel[r].pos as usize;
                    level += 1;
                }
                r += 1;
            }
            if excluded && x > anchor && level < n {
                return None;
            }
            if level == n {
                break;
            }
        }
        Some((level, if level > 0 { self.times[level - 1] } else { anchor }))
    }

    /// Tries to fill one more step with relevant event `r` (augmenting path).
    fn augment(&mut self, r: usize, anchor: i64) -> bool {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.visited.fill(0);
            self.stamp = 1;
        }
        self.try_fill(r, anchor)
    }

    fn try_fill(&mut self, r: usize, anchor: i64) -> bool {
        let Rel { ts: x, first, count, .. } = self.rel[r];
        for i in first..first + count {
            let s = self.steps[i as usize] as usize;
            if self.visited[s] == self.stamp || x > anchor.saturating_add(self.plan.window[s]) {
                continue;
            }
            self.visited[s] = self.stamp;
            let mate = self.mate_step[s];
            if mate == FREE || self.try_fill(mate as usize, anchor) {
                self.mate_step[s] = r as u32;
                return true;
            }
        }
        false
    }
}
