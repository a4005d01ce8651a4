//! Versioned partial states: computed on separate logs (one per bucket of persons, as an engine
//! that shuffles by person builds them), written to bytes or Arrow, read back, merged in any
//! order, they give exactly the in-process result.

use std::sync::Arc;

use arrow_array::{Array, BooleanArray, Int64Array, RecordBatch};
use proptest::prelude::*;
use webinar_analytics::partial::{MAGIC, PartialResult, PartialState, merge_states};
use webinar_analytics::prelude::*;

/// The demo split into `buckets` logs by a hash of the person id, each built from its own rows.
fn bucket_logs(log: &EventLog, buckets: u64, salt: u64) -> Vec<EventLog> {
    let events = log.events_to_arrow().unwrap();
    let contacts = log.contacts_to_arrow().unwrap();
    let bucket_of = |batch: &RecordBatch, b: u64| {
        let ids = batch.column_by_name("user_id").unwrap();
        let ids: Vec<u64> = match ids.as_any().downcast_ref::<Int64Array>() {
            Some(ints) => ints.values().iter().map(|v| *v as u64).collect(),
            None => arrow_cast_strings(ids.as_ref()),
        };
        let mask: BooleanArray = ids
            .iter()
            .map(|id| Some(id.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(salt) % buckets == b))
            .collect();
        arrow_select::filter::filter_record_batch(batch, &mask).unwrap()
    };
    (0..buckets)
        .map(|b| {
            let e = bucket_of(&events, b);
            let c = bucket_of(&contacts, b);
            EventLog::from_arrow(&[e], Some(&[c]), &LoadOptions::default()).unwrap()
        })
        .collect()
}

/// String ids as numbers (their bytes summed with weights): any deterministic hash does.
fn arrow_cast_strings(ids: &dyn Array) -> Vec<u64> {
    let strings = ids.as_any().downcast_ref::<arrow_array::StringArray>().expect("integer or string ids");
    strings
        .iter()
        .map(|s| s.unwrap_or_default().bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))))
        .collect()
}

fn demo() -> DemoCampaign {
    demo_campaign(&DemoParams { contacts: 1500, seed: 5 }).unwrap()
}

/// Computes one analysis's state on a log.
type Compute = Box<dyn Fn(&EventLog) -> PartialState>;

fn analyses(demo: &DemoCampaign) -> Vec<(Compute, PartialResult)> {
    let steps = FunnelParams {
        breakdown: Some("channel".into()),
        ..FunnelParams::new(&["page_view", "register", "attend", "purchase"])
    };
    let weekly: RetentionParams =
        serde_json::from_value(serde_json::json!({"period": "week", "breakdown": "industry"})).unwrap();
    let by_channel = ChannelParams::default();
    let log = &demo.log;
    let expected = [
        PartialResult::Funnel(funnel(log, &steps).unwrap()),
        PartialResult::Retention(retention(log, &weekly).unwrap()),
        PartialResult::Channel(channel_performance(log, &by_channel, Some(&demo.spend)).unwrap()),
    ];
    let compute: [Compute; 3] = [
        Box::new(move |l| funnel_partial(l, &steps, 0..l.person_count()).unwrap().into()),
        Box::new(move |l| retention_partial(l, &weekly, 0..l.person_count()).unwrap().into()),
        Box::new(move |l| ChannelPartial::from_log(l, &by_channel).unwrap().into()),
    ];
    compute.into_iter().zip(expected).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    #[test]
    fn states_of_person_buckets_merge_into_the_in_process_result(
        buckets in 1u64..6, salt in any::<u64>(), order in any::<u64>(), via_arrow in any::<bool>(),
    ) {
        let demo = demo();
        let logs = bucket_logs(&demo.log, buckets, salt);
        for (compute, expected) in analyses(&demo) {
            let mut states: Vec<PartialState> = logs.iter().map(compute).collect();
            // Rotate, to merge in another order.
            let k = (order % states.len() as u64) as usize;
            states.rotate_left(k);
            let states = if via_arrow {
                let column = PartialState::to_arrow(&states).unwrap();
                PartialState::from_arrow(&column).unwrap()
            } else {
                let bytes: Vec<Vec<u8>> = states.iter().map(|s| s.to_bytes().unwrap()).collect();
                bytes.iter().map(|b| PartialState::from_bytes(b).unwrap()).collect()
            };
            let merged = merge_states(states).unwrap();
            prop_assert_eq!(merged.finish(Some(&demo.spend)).unwrap(), expected);
        }
    }
}

#[test]
fn a_state_written_by_layout_version_1_is_still_read() {
    // Written by this library's first layout; later versions must keep reading it.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/partials/funnel_v1.waps");
    let bytes = std::fs::read(path).unwrap();
    let PartialResult::Funnel(result) = PartialState::from_bytes(&bytes).unwrap().finish(None).unwrap() else {
        panic!("a funnel state")
    };
    assert_eq!(result.counts, vec![3, 2, 1]);
    assert_eq!(result.steps[1].median_seconds_from_previous, Some(90.0));
}

#[test]
fn bad_bytes_and_mismatched_states_are_typed_errors() {
    let demo = demo();
    let funnel_state: PartialState =
        funnel_partial(&demo.log, &FunnelParams::new(&["page_view", "register"]), 0..10).unwrap().into();
    let bytes = funnel_state.to_bytes().unwrap();
    assert_eq!(&bytes[..4], MAGIC);
    let code = |b: &[u8]| PartialState::from_bytes(b).unwrap_err().code();
    assert_eq!(code(b"not a state"), "invalid_partial_state");
    assert_eq!(code(&bytes[..6]), "invalid_partial_state");
    let mut newer = bytes.clone();
    newer[5] = 99; // layout version 99
    let error = PartialState::from_bytes(&newer).unwrap_err();
    assert_eq!(error.code(), "invalid_partial_state");
    assert!(error.to_string().contains("version 99"), "{error}");
    let mut unknown_kind = bytes.clone();
    unknown_kind[4] = 42;
    assert_eq!(code(&unknown_kind), "invalid_partial_state");
    let mut truncated = bytes.clone();
    truncated.truncate(bytes.len() - 3);
    assert_eq!(code(&truncated), "invalid_partial_state");

    let other_funnel: PartialState =
        funnel_partial(&demo.log, &FunnelParams::new(&["page_view", "attend"]), 0..10).unwrap().into();
    let channel: PartialState = ChannelPartial::from_log(&demo.log, &ChannelParams::default()).unwrap().into();
    let mut state = funnel_state.clone();
    assert_eq!(state.merge(other_funnel).unwrap_err().code(), "invalid_parameter");
    assert_eq!(state.merge(channel).unwrap_err().code(), "invalid_parameter");
    assert_eq!(merge_states(Vec::new()).unwrap_err().code(), "invalid_parameter");
    let not_binary: Arc<dyn Array> = Arc::new(Int64Array::from(vec![1]));
    assert_eq!(PartialState::from_arrow(&not_binary).unwrap_err().code(), "invalid_partial_state");
}

#[test]
fn channel_revenue_merges_exactly() {
    // Float sums depend on their order; the state keeps millionths, so any split agrees.
    let csv = "user_id,ts,event,value\n1,2024-01-01T00:00:00Z,purchase,0.1\n2,2024-01-01T00:00:00Z,purchase,0.2\n\
               3,2024-01-01T00:00:00Z,purchase,0.3\n";
    let contacts = "user_id,registered_at,channel\n1,2024-01-01,ads\n2,2024-01-01,ads\n3,2024-01-01,ads\n";
    let log = EventLog::from_csv(csv.as_bytes(), Some(contacts.as_bytes()), &LoadOptions::default()).unwrap();
    let table = channel_performance(&log, &ChannelParams::default(), None).unwrap();
    assert_eq!(table.rows[0].counts.revenue.to_bits(), 0.6f64.to_bits());
    let logs = bucket_logs(&log, 3, 1);
    let states =
        logs.iter().map(|l| PartialState::from(ChannelPartial::from_log(l, &ChannelParams::default()).unwrap()));
    let PartialResult::Channel(merged) = merge_states(states).unwrap().finish(None).unwrap() else {
        panic!("a channel table")
    };
    assert_eq!(merged, table);
}

/// A state's versioned bytes with its JSON payload edited.
fn edited(state: &PartialState, edit: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let bytes = state.to_bytes().unwrap();
    let mut payload: serde_json::Value = serde_json::from_slice(&bytes[9..]).unwrap();
    edit(&mut payload);
    let mut out = bytes[..9].to_vec();
    out.extend(serde_json::to_vec(&payload).unwrap());
    out
}

#[test]
fn damaged_states_are_refused_on_read_and_merges_do_not_overflow() {
    let demo = demo();
    let params = FunnelParams { breakdown: Some("channel".into()), ..FunnelParams::new(&["page_view", "register"]) };
    let funnel: PartialState = funnel_partial(&demo.log, &params, 0..50).unwrap().into();
    let refused = |bytes: Vec<u8>| {
        let outcome = std::panic::catch_unwind(|| PartialState::from_bytes(&bytes).and_then(|s| s.finish(None)));
        outcome.expect("no panic").map(|_| ()).unwrap_err().code()
    };
    assert_eq!(refused(edited(&funnel, |p| p["groups"][0]["counts"] = serde_json::json!([]))), "invalid_partial_state");
    assert_eq!(refused(edited(&funnel, |p| p["head"]["labels"] = serde_json::json!([]))), "invalid_partial_state");
    assert_eq!(refused(edited(&funnel, |p| p["head"]["events"] = serde_json::json!([]))), "invalid_partial_state");
    // Counts that would overflow when merged are refused, not wrapped.
    let huge = PartialState::from_bytes(&edited(&funnel, |p| p["groups"][0]["counts"][0] = u64::MAX.into())).unwrap();
    let mut twice = huge.clone();
    assert_eq!(twice.merge(huge).unwrap_err().code(), "invalid_parameter");

    let retention: PartialState = retention_partial(&demo.log, &RetentionParams::default(), 0..50).unwrap().into();
    let far = edited(&retention, |p| p["groups"][0]["cohorts"][0][0] = (-1_000_000_000i64).into());
    assert_eq!(refused(far), "invalid_partial_state");
    let wide = edited(&retention, |p| p["head"]["kind"] = serde_json::json!([[0, u32::MAX]]));
    let started = std::time::Instant::now();
    let _ =
        std::panic::catch_unwind(|| PartialState::from_bytes(&wide).and_then(|s| s.finish(None))).expect("no panic");
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "a wide bracket took {:?}", started.elapsed());
}
