//! The `DataFusion` aggregates `funnel` and `retention` (feature `datafusion`) against the
//! in-process calls: on a demo campaign split over several partitions, `GROUP BY` a contact
//! attribute, the SQL result must equal the in-process result on each group's persons exactly.

// Test helpers fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use datafusion::arrow::array::{Array, AsArray, Int64Array, RecordBatch, StringArray, TimestampMicrosecondArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit as ArrowUnit};
use datafusion::datasource::MemTable;
use datafusion::prelude::SessionContext;
use serde_json::Value;
use webinar_analytics::prelude::*;

/// The demo's events with the contact's channel, as `partitions` record batches.
fn events_table(log: &EventLog, partitions: usize) -> (Arc<Schema>, Vec<Vec<RecordBatch>>) {
    let channel = log.contacts().attribute("channel").expect("the demo has channels");
    let (mut ids, mut ts, mut events, mut channels) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for person in log.iter_persons() {
        let id = match log.person_key(person.person) {
            Some(PersonKey::Int(v)) => v,
            other => panic!("demo ids are integers, got {other:?}"),
        };
        let code = channel.codes().at(person.person);
        let value = channel.dictionary().get(code as usize).and_then(PropValue::as_str).map(str::to_owned);
        for (i, kind) in person.kind.iter().enumerate() {
            ids.push(id);
            ts.push(person.ts[i]);
            events.push(log.kind_names()[*kind as usize].to_string());
            channels.push(value.clone());
        }
    }
    let schema = Arc::new(Schema::new(vec![
        Field::new("user_id", DataType::Int64, false),
        Field::new("ts", DataType::Timestamp(ArrowUnit::Microsecond, Some("UTC".into())), false),
        Field::new("event", DataType::Utf8, false),
        Field::new("channel", DataType::Utf8, true),
    ]));
    // Rows in a scrambled order, split into partitions: a person's events land in several.
    let n = ids.len();
    let order: Vec<usize> = (0..n).map(|i| (i * 7919) % n).collect();
    let chunk = n.div_ceil(partitions);
    let batches = order
        .chunks(chunk)
        .map(|rows| {
            let batch = RecordBatch::try_new(
                schema.clone(),
                vec![
                    Arc::new(Int64Array::from_iter_values(rows.iter().map(|&r| ids[r]))),
                    Arc::new(
                        TimestampMicrosecondArray::from_iter_values(rows.iter().map(|&r| ts[r])).with_timezone("UTC"),
                    ),
                    Arc::new(StringArray::from_iter_values(rows.iter().map(|&r| events[r].as_str()))),
                    Arc::new(rows.iter().map(|&r| channels[r].as_deref()).collect::<StringArray>()),
                ],
            )
            .expect("columns match the schema");
            vec![batch]
        })
        .collect();
    (schema, batches)
}

async fn query(ctx: &SessionContext, sql: &str) -> Vec<(Option<String>, Value)> {
    let batches = ctx.sql(sql).await.expect("plans").collect().await.expect("runs");
    let mut rows = Vec::new();
    for batch in batches {
        let keys = batch.column(0).as_string::<i32>();
        let results = batch.column(1).as_string::<i32>();
        for row in 0..batch.num_rows() {
            let key = (!keys.is_null(row)).then(|| keys.value(row).to_owned());
            rows.push((key, serde_json::from_str(results.value(row)).expect("a JSON result")));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

/// The persons of one channel (or of none), as their own log.
fn channel_log(demo: &DemoCampaign, channel: Option<&str>) -> EventLog {
    let column = demo.log.contacts().attribute("channel").expect("the demo has channels");
    let mut events = Vec::new();
    for person in demo.log.iter_persons() {
        let code = column.codes().at(person.person);
        let value = column.dictionary().get(code as usize).and_then(PropValue::as_str);
        if value != channel {
            continue;
        }
        let Some(PersonKey::Int(id)) = demo.log.person_key(person.person) else { continue };
        for (i, kind) in person.kind.iter().enumerate() {
            events.push(Record(vec![
                ("user_id".into(), RecordValue::Int(id)),
                ("ts".into(), RecordValue::Int(person.ts[i])),
                ("event".into(), RecordValue::Str(demo.log.kind_names()[*kind as usize].to_string())),
            ]));
        }
    }
    let options = LoadOptions { ts_unit: Some(TimeUnit::Us), ..LoadOptions::default() };
    EventLog::from_records(&events, None, &options).expect("a valid log")
}

#[tokio::test(flavor = "current_thread")]
async fn funnel_and_retention_by_channel_equal_the_in_process_calls() {
    let demo = demo_campaign(&DemoParams { contacts: 3000, seed: 11 }).expect("demo");
    let (schema, partitions) = events_table(&demo.log, 4);
    let ctx = SessionContext::new();
    webinar_analytics::udaf::register(&ctx);
    ctx.register_table("events", Arc::new(MemTable::try_new(schema, partitions).expect("table"))).expect("registers");

    let funnels = query(
        &ctx,
        "SELECT channel, funnel(user_id, ts, event, ['page_view', 'register', 'attend', 'purchase'], 1209600) \
         FROM events GROUP BY channel",
    )
    .await;
    let retention_rows = query(
        &ctx,
        "SELECT channel, retention(user_id, ts, event, 'week', '{\"kind\": \"on\"}') FROM events GROUP BY channel",
    )
    .await;
    assert!(funnels.len() >= 3, "several channels");
    let steps = FunnelParams::new(&["page_view", "register", "attend", "purchase"]);
    let weekly: RetentionParams =
        serde_json::from_value(serde_json::json!({"period": "week", "kind": "on"})).expect("options");
    for ((channel, sql_funnel), (_, sql_retention)) in funnels.iter().zip(&retention_rows) {
        let log = channel_log(&demo, channel.as_deref());
        let expected = serde_json::to_value(funnel(&log, &steps).expect("funnel")).expect("json");
        assert_eq!(sql_funnel, &expected, "funnel of channel {channel:?}");
        let expected = serde_json::to_value(retention(&log, &weekly).expect("retention")).expect("json");
        assert_eq!(sql_retention, &expected, "retention of channel {channel:?}");
    }

    // Over all persons, with options, and string person ids.
    let total = query(
        &ctx,
        "SELECT 'all', funnel(CAST(user_id AS VARCHAR), ts, event, 'page_view,register,attend', 86400, \
         '{\"order\": \"strict\"}') FROM events",
    )
    .await;
    let strict: FunnelParams = FunnelParams::from_call_json(
        serde_json::json!(["page_view", "register", "attend"]),
        serde_json::json!({"window_seconds": 86400, "order": "strict"}),
    )
    .expect("params");
    let expected = serde_json::to_value(funnel(&demo.log, &strict).expect("funnel")).expect("json");
    assert_eq!(total[0].1, expected);
}

#[tokio::test(flavor = "current_thread")]
async fn bad_arguments_are_plan_errors() {
    let ctx = SessionContext::new();
    webinar_analytics::udaf::register(&ctx);
    ctx.sql("CREATE TABLE e (user_id BIGINT, ts BIGINT, event VARCHAR) AS VALUES (1, 0, 'a')").await.expect("creates");
    for sql in [
        "SELECT funnel(user_id, ts, event) FROM e",
        "SELECT funnel(user_id, ts, event, ['a'], 'soon') FROM e",
        "SELECT retention(user_id, ts, event, 'fortnight') FROM e",
        "SELECT funnel(user_id, ts, event, ['a', 'b'], 60, '{\"order\": \"sideways\"}') FROM e",
    ] {
        let outcome = match ctx.sql(sql).await {
            Ok(frame) => frame.collect().await.map(|_| ()),
            Err(e) => Err(e),
        };
        assert!(outcome.is_err(), "{sql} should fail");
    }
}
