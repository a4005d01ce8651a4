//! Attribution on random logs: every model shares out exactly the attributed conversions and
//! revenue, Shapley's two methods agree, and the partial states of parts of the persons merge
//! into the in-process result.

use proptest::prelude::*;
use serde_json::json;
use webinar_analytics::attribution::{
    AttributionParams, AttributionResult, Conversions, Model, ShapleyMethod, attribution, attribution_partial,
};
use webinar_analytics::partial::{PartialResult, PartialState, merge_states};
use webinar_analytics::prelude::*;

const CHANNELS: [&str; 4] = ["linkedin", "email", "direct", "ads"];

/// (person, day, channel or purchase value)
type Event = (u8, u8, Result<usize, u16>);

fn arb_events() -> impl Strategy<Value = Vec<Event>> {
    let event = (0u8..12, 0u8..60, prop_oneof![3 => (0usize..4).prop_map(Ok), 1 => (0u16..500).prop_map(Err)]);
    prop::collection::vec(event, 1..60)
}

fn log_of(events: &[Event]) -> EventLog {
    let records: Vec<serde_json::Value> = events
        .iter()
        .map(|&(person, day, what)| {
            let ts = format!("2024-{:02}-{:02}T00:00:00Z", 1 + day / 28, 1 + day % 28);
            match what {
                Ok(c) => json!({"user_id": person, "ts": ts, "event": "page_view", "channel": CHANNELS[c]}),
                Err(value) => json!({"user_id": person, "ts": ts, "event": "purchase", "value": f64::from(value)}),
            }
        })
        .collect();
    let records: Vec<Record> = serde_json::from_value(serde_json::Value::Array(records)).unwrap();
    EventLog::from_records(&records, None, &LoadOptions::default()).unwrap()
}

fn run(log: &EventLog, params: &AttributionParams) -> Option<AttributionResult> {
    match attribution(log, params) {
        Ok(result) => Some(result),
        // A log without purchases or touches has nothing to attribute.
        Err(e) => {
            assert_eq!(e.code(), "invalid_parameter", "{e}");
            None
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn every_model_shares_out_the_attributed_totals(events in arb_events(), all in any::<bool>(), order in 1usize..=3) {
        let log = log_of(&events);
        let conversions = if all { Conversions::All } else { Conversions::First };
        let params = AttributionParams { conversions, markov_order: order, lookback: "20d".parse().unwrap(), ..AttributionParams::default() };
        let Some(result) = run(&log, &params) else { return Ok(()) };
        prop_assert_eq!(result.conversions, result.attributed_conversions + result.unattributed_conversions);
        for model in Model::ALL {
            let rows = result.rows.iter().filter(|r| r.model == model);
            let (c, r) = rows.fold((0.0, 0.0), |(c, r), row| (c + row.conversions, r + row.revenue));
            prop_assert!((c - result.attributed_conversions as f64).abs() < 1e-9, "{:?} {} {}", model, c, result.attributed_conversions);
            let want = result.attributed_revenue;
            prop_assert!((r - want).abs() < 1e-9 * want.max(1.0), "{:?} {} {}", model, r, want);
        }
        let coalitions = AttributionParams { models: vec![Model::Shapley], shapley: ShapleyMethod::Coalitions, ..params.clone() };
        let simplified = AttributionParams { models: vec![Model::Shapley], ..params.clone() };
        let (a, b) = (run(&log, &coalitions).unwrap(), run(&log, &simplified).unwrap());
        // Rows of equal credit may come in either order: matched by touch value.
        prop_assert_eq!(a.rows.len(), b.rows.len());
        for x in &a.rows {
            let y = b.rows.iter().find(|y| y.touch == x.touch).unwrap();
            prop_assert!((x.conversions - y.conversions).abs() < 1e-9 && (x.revenue - y.revenue).abs() < 1e-6);
        }
    }
}

/// Whether two numbers agree to a relative 1e-9.
fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn partial_states_of_parts_merge_into_the_in_process_result(
        events in arb_events(), parts in 1u8..5, all in any::<bool>(), order in 1usize..=3, coalitions in any::<bool>(),
    ) {
        let log = log_of(&events);
        let params = AttributionParams {
            conversions: if all { Conversions::All } else { Conversions::First },
            markov_order: order,
            shapley: if coalitions { ShapleyMethod::Coalitions } else { ShapleyMethod::Simplified },
            lookback: "20d".parse().unwrap(),
            ..AttributionParams::default()
        };
        let Some(expected) = run(&log, &params) else { return Ok(()) };
        // Each part holds some persons' events; a part may lack purchases or touches.
        let states: Vec<PartialState> = (0..parts)
            .filter_map(|k| {
                let mine: Vec<Event> = events.iter().copied().filter(|e| e.0 % parts == k).collect();
                let part = log_of(&mine);
                let state = attribution_partial(&part, &params, 0..part.person_count()).unwrap();
                (!mine.is_empty()).then(|| PartialState::from_bytes(&PartialState::from(state).to_bytes().unwrap()).unwrap())
            })
            .collect();
        let PartialResult::Attribution(got) = merge_states(states).unwrap().finish(None).unwrap() else { panic!("an attribution") };
        prop_assert_eq!(
            (got.conversions, got.attributed_conversions, got.converting_paths, got.non_converting_paths),
            (expected.conversions, expected.attributed_conversions, expected.converting_paths, expected.non_converting_paths)
        );
        prop_assert!(near(got.revenue, expected.revenue) && near(got.attributed_revenue, expected.attributed_revenue));
        prop_assert_eq!(got.rows.len(), expected.rows.len());
        for want in &expected.rows {
            let row = got.rows.iter().find(|r| r.model == want.model && r.touch == want.touch).unwrap();
            prop_assert!(near(row.conversions, want.conversions) && near(row.revenue, want.revenue), "{:?} {:?}", row, want);
        }
        let (a, b) = (got.markov.unwrap(), expected.markov.unwrap());
        prop_assert_eq!(a.states, b.states);
        prop_assert!(near(a.conversion_probability, b.conversion_probability));
        for want in &b.removal_effects {
            let effect = a.removal_effects.iter().find(|e| e.touch == want.touch).unwrap();
            prop_assert!(near(effect.removal_effect, want.removal_effect) && near(effect.value_removal_effect, want.value_removal_effect));
        }
    }
}

#[test]
fn partial_states_refuse_intervals_and_other_options() {
    let log = log_of(&[(1, 0, Ok(0)), (1, 2, Err(100)), (2, 1, Ok(1))]);
    let params = AttributionParams { intervals: true, ..AttributionParams::default() };
    let err = attribution_partial(&log, &params, 0..2).unwrap_err();
    assert_eq!((err.code(), err.details().parameter.as_deref()), ("invalid_parameter", Some("intervals")));
    let a = attribution_partial(&log, &AttributionParams::default(), 0..1).unwrap();
    let b = attribution_partial(&log, &AttributionParams { markov_order: 2, ..AttributionParams::default() }, 1..2)
        .unwrap();
    let err = merge_states([a.into(), b.into()]).unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("partials"));
}
