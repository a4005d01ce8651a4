//! Criterion benchmarks of the core: building an event log from Arrow (validation, interning
//! and the sort by person included), one sequential pass over it (summary) and funnels.
//!
//! `cargo bench -p webinar-analytics --bench event_log`

// A benchmark without its data has nothing to measure: fail loudly.
#![allow(clippy::panic)]

use std::hint::black_box;

use arrow_array::{RecordBatch, UInt32Array};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use webinar_analytics::prelude::*;

/// The demo's events in a seeded random row order, as an unsorted export would arrive.
fn shuffled_events(contacts: usize) -> Result<(RecordBatch, RecordBatch)> {
    let demo = demo_campaign(&DemoParams { contacts, seed: 1 })?;
    let events = demo.log.events_to_arrow()?;
    let mut order: Vec<u32> = (0..events.num_rows() as u32).collect();
    order.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(7));
    let indices = UInt32Array::from(order);
    let columns =
        events.columns().iter().map(|c| arrow_select::take::take(c, &indices, None)).collect::<Result<Vec<_>, _>>()?;
    Ok((RecordBatch::try_new(events.schema(), columns)?, demo.log.contacts_to_arrow()?))
}

fn event_log(c: &mut Criterion) {
    let (events, contacts) = match shuffled_events(100_000) {
        Ok(tables) => tables,
        Err(e) => panic!("demo data: {e}"),
    };
    let options = LoadOptions::default();
    let mut group = c.benchmark_group("event_log");
    group.sample_size(10);
    group.throughput(Throughput::Elements(events.num_rows() as u64));
    group.bench_function("from_arrow_shuffled_100k_contacts", |b| {
        b.iter(|| {
            EventLog::from_arrow(
                black_box(std::slice::from_ref(&events)),
                Some(std::slice::from_ref(&contacts)),
                &options,
            )
        });
    });
    let log = match EventLog::from_arrow(std::slice::from_ref(&events), Some(std::slice::from_ref(&contacts)), &options)
    {
        Ok(log) => log,
        Err(e) => panic!("load: {e}"),
    };
    group.bench_function("summary_100k_contacts", |b| b.iter(|| summary(black_box(&log))));
    let steps = ["page_view", "register", "attend", "purchase"];
    for (name, order) in [("ordered", Order::Ordered), ("strict", Order::Strict), ("unordered", Order::Unordered)] {
        let params = FunnelParams { order, window_seconds: Some(14.0 * 86_400.0), ..FunnelParams::new(&steps) };
        group.bench_function(format!("funnel_{name}_4_steps_100k_contacts"), |b| {
            b.iter(|| funnel(black_box(&log), &params));
        });
    }
    let by_channel = FunnelParams { breakdown: Some("channel".into()), ..FunnelParams::new(&steps) };
    group.bench_function("funnel_by_channel_100k_contacts", |b| b.iter(|| funnel(black_box(&log), &by_channel)));
    group.bench_function("demo_campaign_100k_contacts", |b| {
        b.iter(|| demo_campaign(black_box(&DemoParams { contacts: 100_000, seed: 1 })));
    });
    group.finish();
}

criterion_group!(benches, event_log);
criterion_main!(benches);
