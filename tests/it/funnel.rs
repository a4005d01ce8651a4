//! Funnels against a brute-force reference that enumerates every chain (ordered, strict) or
//! every window and matching (unordered) on random small logs, holding a property constant or
//! counting sessions, and partials that merge exactly.

use proptest::prelude::*;
use webinar_analytics::prelude::*;

const KINDS: [&str; 4] = ["a", "b", "c", "z"];
const MICROS: i64 = 1_000_000;

/// (user, minute, kind index, plan, session)
type Event = (i64, i64, usize, Option<u8>, Option<u8>);

#[derive(Debug, Clone)]
struct Case {
    events: Vec<Event>,
    steps: Vec<usize>,
    step_windows: Vec<Option<i64>>,
    window: i64,
    order: Order,
    as_of: Option<i64>,
    entry: Option<(i64, i64)>,
    /// Hold `plan` constant across the steps.
    hold: bool,
    /// Count sessions (ordered and strict only).
    sessions: bool,
}

/// An event of one person: (µs, kind index, plan, session).
type Point = (i64, usize, Option<u8>, Option<u8>);

impl Case {
    /// Whether event `e` may follow step-1 event `first` in one chain.
    fn compatible(&self, first: Point, e: Point) -> bool {
        (!self.hold || first.2 == e.2) && (!self.sessions || first.3 == e.3)
    }
}

fn arb_case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(
            (0i64..4, 0i64..8, 0usize..4, prop::option::of(0u8..2), prop::option::weighted(0.8, 0u8..2)),
            0..22,
        ),
        prop::collection::vec(0usize..3, 1..=3),
        prop::collection::vec(prop::option::weighted(0.25, 0i64..6), 3),
        0i64..6,
        prop_oneof![Just(Order::Ordered), Just(Order::Strict), Just(Order::Unordered)],
        prop::option::weighted(0.4, 0i64..9),
        prop::option::weighted(0.3, (0i64..8, 0i64..8)),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(events, steps, step_windows, window, order, as_of, entry, hold, sessions)| Case {
            events,
            steps,
            step_windows,
            window,
            order,
            as_of,
            entry,
            hold,
            sessions: sessions && order != Order::Unordered,
        })
}

fn log_of(case: &Case) -> EventLog {
    // A person with a never-counted event gives every log both optional columns.
    let columns = (99, 0, 3, Some(0), Some(0));
    let records: Vec<Record> = case
        .events
        .iter()
        .chain([&columns])
        .map(|(u, m, k, plan, session)| {
            let mut fields = vec![
                ("user_id".to_owned(), RecordValue::Int(*u)),
                ("ts".to_owned(), RecordValue::Int(m * 60)),
                ("event".to_owned(), RecordValue::Str(KINDS[*k].to_owned())),
            ];
            fields.extend(plan.map(|p| ("plan".to_owned(), RecordValue::Str(format!("p{p}")))));
            fields.extend(session.map(|s| ("session_id".to_owned(), RecordValue::Int(i64::from(s)))));
            Record(fields)
        })
        .collect();
    EventLog::from_records(&records, None, &LoadOptions { ts_unit: Some(TimeUnit::S), ..LoadOptions::default() })
        .unwrap()
}

fn params_of(case: &Case) -> FunnelParams {
    let steps = case
        .steps
        .iter()
        .zip(&case.step_windows)
        .map(|(k, w)| StepSpec { window: w.map(|m| Window::seconds((m * 60) as f64)), ..StepSpec::event(KINDS[*k]) })
        .collect();
    FunnelParams {
        steps,
        window_seconds: Some((case.window * 60) as f64),
        order: case.order,
        as_of: case.as_of.map(|m| Timestamp(m * 60 * MICROS)),
        entry_from: case.entry.map(|(a, b)| Timestamp(a.min(b) * 60 * MICROS)),
        entry_to: case.entry.map(|(a, b)| Timestamp(a.max(b) * 60 * MICROS)),
        hold: if case.hold { vec!["plan".to_owned()] } else { Vec::new() },
        count: if case.sessions { CountMode::Sessions } else { CountMode::Persons },
        ..FunnelParams::default()
    }
}

/// One person's level, chain times (µs, one per reached step) and in-progress flag.
type Reference = (usize, Vec<i64>, bool);

/// Windows of each step and the funnel, µs.
fn windows(case: &Case) -> Vec<i64> {
    case.step_windows.iter().take(case.steps.len()).map(|w| w.unwrap_or(case.window) * 60 * MICROS).collect()
}

fn entry_ok(case: &Case, ts: i64) -> bool {
    case.entry.is_none_or(|(a, b)| a.min(b) * 60 * MICROS <= ts && ts <= a.max(b) * 60 * MICROS)
}

/// Every chain of distinct events e0, e1, ... with non-decreasing times, each within its
/// step's window of e0 (strict: no event of the person strictly between two consecutive ones),
/// holding e0's plan and session when asked; counting sessions, e0 is in session `session`.
fn chains(case: &Case, events: &[Point], session: Option<u8>, chain: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    let w = windows(case);
    let j = chain.len();
    if j > 0 {
        out.push(chain.clone());
    }
    if j == case.steps.len() {
        return;
    }
    for (i, &e) in events.iter().enumerate() {
        let (ts, kind, _, in_session) = e;
        if kind != case.steps[j] || chain.contains(&i) {
            continue;
        }
        if j == 0 {
            if !entry_ok(case, ts) || (case.sessions && in_session != session) {
                continue;
            }
        } else {
            let t0 = events[chain[0]].0;
            let last = events[chain[j - 1]].0;
            if ts < last || ts - t0 > w[j] || !case.compatible(events[chain[0]], e) {
                continue;
            }
            if case.order == Order::Strict && events.iter().any(|&(t, ..)| last < t && t < ts) {
                continue;
            }
        }
        chain.push(i);
        chains(case, events, session, chain, out);
        chain.pop();
    }
}

fn ordered_reference(case: &Case, events: &[Point], session: Option<u8>) -> Option<Reference> {
    let mut all = Vec::new();
    chains(case, events, session, &mut Vec::new(), &mut all);
    let k = all.iter().map(Vec::len).max()?;
    let times = |c: &Vec<usize>| c.iter().map(|&i| events[i].0).collect::<Vec<i64>>();
    let best = all
        .iter()
        .filter(|c| c.len() == k)
        .map(times)
        .min_by_key(|t| (t[k - 1], -t[0], t[1..].to_vec()))
        .unwrap_or_default();
    let w = windows(case);
    let open = case.as_of.is_some_and(|a| {
        k < case.steps.len() && all.iter().filter(|c| c.len() == k).any(|c| events[c[0]].0 + w[k] > a * 60 * MICROS)
    });
    Some((k, best, open))
}

/// Largest matching of steps to distinct events usable for them.
fn matching(
    case: &Case,
    usable: &dyn Fn(usize, usize) -> bool,
    events: usize,
    step: usize,
    used: &mut Vec<bool>,
) -> usize {
    if step == case.steps.len() {
        return 0;
    }
    let mut best = matching(case, usable, events, step + 1, used);
    for e in 0..events {
        if !used[e] && usable(step, e) {
            used[e] = true;
            best = best.max(1 + matching(case, usable, events, step + 1, used));
            used[e] = false;
        }
    }
    best
}

fn unordered_reference(case: &Case, events: &[Point]) -> Option<Reference> {
    let w = windows(case);
    let max_w = *w.iter().max().unwrap_or(&0);
    let n = case.steps.len();
    // (level, times, anchor)
    let mut windows_found: Vec<(usize, Vec<i64>, i64)> = Vec::new();
    for &anchor in events {
        let (t, kind, ..) = anchor;
        if !case.steps.contains(&kind) || !entry_ok(case, t) {
            continue;
        }
        let level_at = |until: i64| {
            let usable = |s: usize, e: usize| {
                let (ts, k, ..) = events[e];
                k == case.steps[s] && ts >= t && ts <= until && ts - t <= w[s] && case.compatible(anchor, events[e])
            };
            matching(case, &usable, events.len(), 0, &mut vec![false; events.len()])
        };
        let mut cut: Vec<i64> = events.iter().map(|e| e.0).filter(|&ts| ts >= t && ts <= t + max_w).collect();
        cut.sort_unstable();
        cut.dedup();
        let level = level_at(t + max_w);
        let times: Vec<i64> =
            (1..=level).map(|i| cut.iter().copied().find(|&c| level_at(c) >= i).unwrap_or(i64::MAX)).collect();
        windows_found.push((level, times, t));
    }
    let k = windows_found.iter().map(|w| w.0).max()?;
    let best = windows_found
        .iter()
        .filter(|w| w.0 == k)
        .min_by_key(|w| (w.1[k - 1], -w.2))
        .map(|w| w.1.clone())
        .unwrap_or_default();
    let open =
        case.as_of.is_some_and(|a| k < n && windows_found.iter().any(|wf| wf.0 == k && wf.2 + max_w > a * 60 * MICROS));
    Some((k, best, open))
}

fn mean(v: &[i64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let sum: i128 = v.iter().map(|&x| i128::from(x)).sum();
    Some(sum as f64 / v.len() as f64 / MICROS as f64 + 0.0)
}

fn median(v: &mut [i64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let len = v.len();
    let m = if len % 2 == 1 { v[len / 2] as f64 } else { f64::midpoint(v[len / 2 - 1] as f64, v[len / 2] as f64) };
    Some(m / MICROS as f64 + 0.0)
}

/// Per step: (count, in progress, mean / median from previous, mean / median from start).
type StepRow = (u64, u64, Option<f64>, Option<f64>, Option<f64>, Option<f64>);

fn reference(case: &Case) -> Vec<StepRow> {
    let n = case.steps.len();
    let mut counts = vec![0u64; n];
    let mut in_progress = vec![0u64; n];
    let mut prev: Vec<Vec<i64>> = vec![Vec::new(); n];
    let mut start: Vec<Vec<i64>> = vec![Vec::new(); n];
    let mut users: Vec<i64> = case.events.iter().map(|e| e.0).collect();
    users.sort_unstable();
    users.dedup();
    for u in users {
        let mut events: Vec<Point> = case
            .events
            .iter()
            .filter(|e| e.0 == u && case.as_of.is_none_or(|a| e.1 <= a))
            .map(|e| (e.1 * 60 * MICROS, e.2, e.3, e.4))
            .collect();
        events.sort_unstable_by_key(|e| (e.0, e.1));
        let found: Vec<Option<Reference>> = if case.order == Order::Unordered {
            vec![unordered_reference(case, &events)]
        } else if case.sessions {
            (0..2).map(|s| ordered_reference(case, &events, Some(s))).collect()
        } else {
            vec![ordered_reference(case, &events, None)]
        };
        for (k, times, open) in found.into_iter().flatten() {
            for c in counts.iter_mut().take(k) {
                *c += 1;
            }
            if open {
                in_progress[k] += 1;
            }
            for s in 1..k {
                prev[s].push(times[s] - times[s - 1]);
                start[s].push(times[s] - times[0]);
            }
        }
    }
    (0..n)
        .map(|s| {
            (counts[s], in_progress[s], mean(&prev[s]), median(&mut prev[s]), mean(&start[s]), median(&mut start[s]))
        })
        .collect()
}

fn rows(result: &FunnelResult) -> Vec<StepRow> {
    result
        .steps
        .iter()
        .map(|s| {
            (
                s.count,
                s.in_progress,
                s.mean_seconds_from_previous,
                s.median_seconds_from_previous,
                s.mean_seconds_from_start,
                s.median_seconds_from_start,
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Counts, in-progress counts and times to convert equal the brute-force reference.
    #[test]
    fn funnel_equals_brute_force(case in arb_case()) {
        let log = log_of(&case);
        let result = funnel(&log, &params_of(&case)).unwrap();
        prop_assert_eq!(rows(&result), reference(&case));
    }

    /// Partials of any split of the persons, merged in any order, give exactly the full result,
    /// also after a JSON round trip.
    #[test]
    fn partials_merge_exactly(case in arb_case(), cut in 0usize..5, reverse in any::<bool>()) {
        let log = log_of(&case);
        let mut params = params_of(&case);
        params.dropped_ids = true;
        let persons = log.person_count();
        let cut = cut.min(persons);
        let a = funnel_partial(&log, &params, 0..cut).unwrap();
        let b = funnel_partial(&log, &params, cut..persons).unwrap();
        let b: FunnelPartial = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
        let parts = if reverse { vec![b, a] } else { vec![a, b] };
        // Merged partials carry no warnings (which events a log lacks is the in-process view).
        let mut expected = funnel(&log, &params).unwrap();
        expected.warnings.clear();
        prop_assert_eq!(merge_funnel_partials(parts).unwrap(), expected);
    }
}

#[test]
fn counting_attempts_counts_every_step_one() {
    let case = Case {
        events: vec![(1, 0, 0, None, None), (1, 1, 1, None, None), (1, 2, 0, None, None), (2, 0, 0, None, None)],
        steps: vec![0, 1],
        step_windows: vec![None, None],
        window: 5,
        order: Order::Ordered,
        as_of: None,
        entry: None,
        hold: false,
        sessions: false,
    };
    let params = FunnelParams { count: CountMode::Attempts, ..params_of(&case) };
    let result = funnel(&log_of(&case), &params).unwrap();
    assert_eq!(result.counts, vec![3, 1]);
}

#[test]
fn bad_options_are_typed_errors() {
    let case = Case {
        events: vec![(1, 0, 0, None, None)],
        steps: vec![0],
        step_windows: vec![None],
        window: 1,
        order: Order::Ordered,
        as_of: None,
        entry: None,
        hold: false,
        sessions: false,
    };
    let log = log_of(&case);
    let bad = [
        FunnelParams { steps: vec![], ..FunnelParams::default() },
        FunnelParams { window_seconds: Some(-1.0), ..FunnelParams::new(&["a"]) },
        FunnelParams { window_seconds: Some(f64::NAN), ..FunnelParams::new(&["a"]) },
        FunnelParams { attribution: Attribution::Step(3), ..FunnelParams::new(&["a", "b"]) },
        FunnelParams { count: CountMode::Attempts, order: Order::Unordered, ..FunnelParams::new(&["a"]) },
        FunnelParams { breakdown_limit: 0, ..FunnelParams::new(&["a"]) },
    ];
    for params in bad {
        assert_eq!(funnel(&log, &params).unwrap_err().code(), "invalid_parameter", "{params:?}");
    }
    let missing = FunnelParams { breakdown: Some("nope".into()), ..FunnelParams::new(&["a"]) };
    assert_eq!(funnel(&log, &missing).unwrap_err().code(), "missing_column");
    assert_eq!("14d".parse::<Window>().unwrap(), Window::seconds(1_209_600.0));
    assert_eq!("90m".parse::<Window>().unwrap(), Window::seconds(5_400.0));
    assert!("14 fortnights".parse::<Window>().is_err());
}
