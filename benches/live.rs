//! Live updates on a large log: the demo campaign's events split in time, all but the last
//! `STREAM` events loaded into a [`LiveScorecard`], the rest appended in time order as batches of
//! 1,000 Arrow rows (decoding, validation and the update each timed together), beside a full
//! recompute of the scorecard on the same log.
//!
//! `cargo bench -p webinar-analytics --bench live` (one thread; `LIVE_CONTACTS` sets the demo's
//! size, default 760,000 contacts ≈ 10M events).

// A benchmark without its data has nothing to measure: fail loudly.
#![allow(clippy::panic, clippy::expect_used)]

use std::time::Instant;

use arrow_array::{RecordBatch, UInt32Array};
use webinar_analytics::live::{LiveOptions, LiveScorecard};
use webinar_analytics::metrics::{ScorecardParams, scorecard};
use webinar_analytics::prelude::*;

const BATCH: usize = 1_000;
const STREAM: usize = 1_000_000;

fn rows(events: &RecordBatch, order: &[u32]) -> RecordBatch {
    let indices = UInt32Array::from(order.to_vec());
    let columns = events
        .columns()
        .iter()
        .map(|c| arrow_select::take::take(c, &indices, None))
        .collect::<Result<Vec<_>, _>>()
        .expect("take");
    RecordBatch::try_new(events.schema(), columns).expect("batch")
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let contacts = std::env::var("LIVE_CONTACTS").ok().and_then(|v| v.parse().ok()).unwrap_or(760_000);
    let demo = demo_campaign(&DemoParams { contacts, seed: 1 }).expect("demo");
    let events = demo.log.events_to_arrow().expect("arrow");
    let ts = demo.log.timestamps();
    let mut order: Vec<u32> = (0..ts.len() as u32).collect();
    order.sort_by_key(|i| ts[*i as usize]);
    let stream = STREAM.min(order.len() / 10);
    let (initial, tail) = order.split_at(order.len() - stream);
    let options = LoadOptions::default();
    let initial_log = EventLog::from_arrow(&[rows(&events, initial)], None, &options).expect("initial log");
    let batches: Vec<RecordBatch> = tail.chunks(BATCH).map(|c| rows(&events, c)).collect();
    println!(
        "demo: {contacts} contacts, {} events; initial log {} events, then {} batches of {BATCH}",
        ts.len(),
        initial_log.event_count(),
        batches.len()
    );

    let inputs = demo.scorecard_inputs();
    let live_options = LiveOptions { lateness_seconds: 86_400.0, ..LiveOptions::default() };
    let mut live = LiveScorecard::new(inputs.clone(), ScorecardParams::default(), live_options).expect("live");
    let start = Instant::now();
    live.append_log(&initial_log, None).expect("initial load");
    println!("initial load into the live scorecard: {:.2} s", start.elapsed().as_secs_f64());

    let mut latencies = Vec::with_capacity(batches.len());
    let all = Instant::now();
    for batch in &batches {
        let t = Instant::now();
        let log = EventLog::from_arrow(std::slice::from_ref(batch), None, &options).expect("batch");
        let update = live.append_log(&log, None).expect("append");
        let card = live.scorecard();
        std::hint::black_box((update, card));
        latencies.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let total = all.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let streamed: usize = batches.iter().map(RecordBatch::num_rows).sum();
    println!(
        "update (decode + append + scorecard) per {BATCH}-event batch: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or(0.0)
    );
    println!("sustained: {:.0} events/s on one thread", streamed as f64 / total);

    let full_log = EventLog::from_arrow(&[events], None, &options).expect("full log");
    let params = ScorecardParams { as_of: live.as_of(), ..ScorecardParams::default() };
    let t = Instant::now();
    let full = scorecard(&full_log, &inputs, &params).expect("scorecard");
    let recompute = t.elapsed().as_secs_f64() * 1e3;
    println!(
        "full recompute of the scorecard on the {} events: {recompute:.1} ms ({:.0}x the p50 update)",
        full_log.event_count(),
        recompute / percentile(&latencies, 0.5)
    );
    let live_card = live.scorecard();
    let differing: Vec<&str> = live_card
        .metrics
        .iter()
        .zip(&full.metrics)
        .filter(|(l, f)| match (l.value, f.value) {
            (Some(a), Some(b)) => (a - b).abs() > 1e-9 * a.abs().max(b.abs()).max(1.0),
            (a, b) => a.is_some() != b.is_some(),
        })
        .map(|(l, _)| l.id)
        .collect();
    println!("live vs full recompute: {} metrics differ {differing:?}", differing.len());
}
