//! Charts drawn from demo results: every chart kind gives a Vega-Lite spec and a well-formed
//! SVG whose marks are proportional to the result's numbers. The drawings are written to
//! `target/charts/` (`index.html` shows them all) for the JS tests and for people to look at.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::{Value, json};
use webinar_analytics::contract::{Output, call};
use webinar_analytics::prelude::*;

fn data(name: &str, log: Option<&EventLog>, request: Value) -> Value {
    match call(name, log, request.into()).unwrap() {
        Output::Data { value, .. } => value,
        _ => panic!("{name}: not data"),
    }
}

fn chart(result: &Value, format: &str, lang: &str) -> Value {
    data("chart", None, json!({"result": result, "format": format, "lang": lang}))
}

/// The demo's results with a chart, by name.
fn results() -> Vec<(&'static str, Value)> {
    let demo = demo_campaign(&DemoParams { contacts: 1500, seed: 3 }).unwrap();
    let log = Some(&demo.log);
    let steps = json!(["page_view", "register", "attend", "purchase"]);
    let spend = serde_json::to_value(&demo.spend).unwrap();
    let inputs = json!({"spend": spend, "email_sends": demo.email_sends, "agenda": demo.agenda});
    let board = data("dashboard", log, json!({"kind": "operational", "inputs": inputs}));
    let executive = data("dashboard", log, json!({"kind": "executive", "inputs": inputs}));
    let mut out = vec![
        ("funnel", data("funnel", log, json!({"steps": steps, "window": "14d"}))),
        ("funnel_breakdown", data("funnel", log, json!({"steps": steps, "window": "14d", "breakdown": "channel"}))),
        ("funnel_trend", data("funnel", log, json!({"steps": steps, "window": "14d", "trend": "week"}))),
        (
            "funnel_in_progress",
            data("funnel", log, json!({"steps": steps, "window": "30d", "as_of": "2024-03-20T00:00:00Z"})),
        ),
        ("retention", data("retention", log, json!({"period": "week"}))),
        ("trends", data("trends", log, json!({"period": "week"}))),
        ("channels", data("channel_performance", log, json!({"spend": spend}))),
        ("scorecard", data("scorecard", log, json!({"inputs": inputs}))),
        ("attendance", data("attendance", log, json!({"agenda": demo.agenda}))),
        (
            "experiment",
            data(
                "analyze_experiment",
                None,
                json!({"counts": [
            {"variant": "A", "n": 400, "conversions": 48}, {"variant": "B", "n": 410, "conversions": 66}]}),
            ),
        ),
        ("segments", data("segment_audience", log, json!({"n_clusters": 3, "seed": 1}))),
        ("paths", data("paths", log, json!({"collapse_repeats": true}))),
        ("lifecycle", data("lifecycle", log, json!({"period": "week"}))),
        ("stickiness", data("stickiness", log, json!({"period": "week"}))),
        ("drivers", data("drivers", log, json!({"entry": "register"}))),
        ("flows", data("flows", log, json!({"start": "register", "steps": 4, "collapse_repeats": true}))),
        ("funnel_flows", data("funnel_flows", log, json!({"steps": steps, "step": 2, "flow_steps": 3}))),
    ];
    let series = demo_series(&SeriesParams { contacts: 1_500, webinars: 14, seed: 4 }).unwrap();
    let inputs = data("demo_series_inputs", None, json!({"contacts": 1_500, "webinars": 14, "seed": 4}));
    let program = json!({"agendas": inputs["agendas"], "spend": inputs["spend"], "min_train": 5});
    let log = Some(&series.log);
    out.push(("webinars", data("webinars", log, json!({"agendas": inputs["agendas"], "spend": inputs["spend"]}))));
    out.push(("backtest_attendance", data("backtest_attendance", log, program.clone())));
    out.push(("predict_attendance", data("predict_attendance", log, program)));
    out.push(("predict_conversion", data("predict_conversion", log, json!({"agendas": inputs["agendas"]}))));
    let anomalies = json!({"event": "page_view", "seasonality": "none", "sensitivity": 2, "breakdown": "channel"});
    out.push(("anomalies", data("anomalies", Some(&demo.log), anomalies)));
    let touches = touch_log();
    let attribution = json!({"lookback": "30d", "intervals": true, "resamples": 50, "seed": 1});
    out.push(("attribution", data("attribution", Some(&touches), attribution)));
    let why = json!({"steps": ["register", "purchase"], "breakdown": "channel",
        "before": ["2024-02-12T00:00:00Z", "2024-02-25T23:59:59Z"], "after": ["2024-02-26T00:00:00Z", "2024-03-10T23:59:59Z"]});
    out.push(("explain_change", data("explain_change", log, why)));
    let funnel = out[0].1.clone();
    out.push(("time_to_convert", funnel["steps"][3]["time_to_convert"].clone()));
    for (board, prefix) in [(&board, "operational"), (&executive, "executive")] {
        for section in board["sections"].as_array().unwrap() {
            for widget in section["widgets"].as_array().unwrap() {
                let kind = widget["type"].as_str().unwrap();
                if !["metric_card", "real_time_counter"].contains(&kind) {
                    let id = widget["id"].as_str().unwrap();
                    out.push((Box::leak(format!("{prefix}_{id}").into_boxed_str()), widget.clone()));
                }
            }
        }
    }
    out
}

/// A log of 400 persons touched by four channels, a third of them buying (deterministic).
fn touch_log() -> EventLog {
    let channels = ["linkedin", "email", "google_ads", "direct"];
    let mut state = 7u64;
    let mut next = move |n: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    let mut records = Vec::new();
    for person in 0..400u64 {
        let touches = 1 + next(4);
        let mut day = 1;
        for _ in 0..touches {
            day += 1 + next(5);
            let channel = channels[next(4) as usize];
            records.push(json!({"user_id": person, "ts": format!("2024-03-{day:02}T10:00:00Z"), "event": "page_view", "channel": channel}));
        }
        if next(3) == 0 || (touches > 2 && next(2) == 0) {
            records.push(json!({"user_id": person, "ts": format!("2024-03-{:02}T12:00:00Z", day), "event": "purchase", "value": 100 + 50 * next(4)}));
        }
    }
    let records: Vec<Record> = serde_json::from_value(Value::Array(records)).unwrap();
    EventLog::from_records(&records, None, &LoadOptions::default()).unwrap()
}

fn target() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/charts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `(x, width)` of the bars (`<rect>` with a `<title>`) of an SVG, in order.
fn bars(svg: &str) -> Vec<(f64, f64, String)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") != Some("transparent"))
        .filter_map(|n| {
            let title = n.children().find(|c| c.has_tag_name("title"))?.text()?.to_owned();
            Some((n.attribute("x")?.parse().ok()?, n.attribute("width")?.parse().ok()?, title))
        })
        .collect()
}

#[test]
fn every_chart_draws_as_vega_lite_and_svg() {
    let dir = target();
    let mut gallery = String::from(
        "<!DOCTYPE html><meta charset=utf-8><title>Charts</title><body style=\"font-family:sans-serif;display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start\">",
    );
    let mut specs = serde_json::Map::new();
    for (name, result) in results() {
        for lang in ["en", "es"] {
            let spec = chart(&result, "vega-lite", lang);
            assert_eq!(spec["$schema"], "https://vega.github.io/schema/vega-lite/v5.json", "{name}");
            let svg = chart(&result, "svg", lang);
            let svg = svg.as_str().unwrap();
            roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{name}: not well-formed SVG: {e}"));
            assert!(svg.contains("<text"), "{name}: an SVG without text");
            if lang == "en" {
                std::fs::write(dir.join(format!("{name}.svg")), svg).unwrap();
                let _ = write!(gallery, "<div><h3>{name}</h3>{svg}</div>");
            }
            specs.insert(format!("{name}.{lang}"), spec);
        }
    }
    gallery.push_str("</body>");
    std::fs::write(dir.join("index.html"), gallery).unwrap();
    std::fs::write(dir.join("specs.json"), serde_json::to_string(&specs).unwrap()).unwrap();
}

#[test]
fn svg_bars_are_proportional_to_counts() {
    let all = results();
    let (_, funnel) = all.iter().find(|(n, _)| *n == "funnel").unwrap();
    let svg = chart(funnel, "svg", "en");
    let drawn = bars(svg.as_str().unwrap());
    let counts: Vec<f64> = funnel["counts"].as_array().unwrap().iter().map(|c| c.as_f64().unwrap()).collect();
    assert_eq!(drawn.len(), counts.len());
    let x0 = drawn[0].0;
    for ((x, width, _), count) in drawn.iter().zip(&counts) {
        assert!((x - x0).abs() < 1e-9, "every bar starts at zero");
        // One pixel per `scale` persons, rounded to a tenth of a pixel.
        let scale = drawn[0].1 / counts[0];
        assert!((width - count * scale).abs() <= 0.1, "{width} for {count}");
    }
}

#[test]
fn the_report_draws_the_stage_funnel_in_proportion() {
    let demo = demo_campaign(&DemoParams::default()).unwrap();
    let inputs = demo.scorecard_inputs();
    let report =
        webinar_analytics::report::report(&demo.log, &inputs, &webinar_analytics::report::ReportParams::default())
            .unwrap();
    let html = report.to_html();
    let start = html.find("<section id=\"funnel\"").expect("a funnel section");
    let end = start + html[start..].find("</section>").unwrap();
    let svg_start = start + html[start..end].find("<svg").unwrap();
    let svg_end = svg_start + html[svg_start..end].find("</svg>").unwrap() + 6;
    let drawn = bars(&html[svg_start..svg_end]);
    let value = |title: &str| -> f64 {
        let line = title.lines().nth(1).unwrap();
        line.rsplit(": ").next().unwrap().replace(',', "").parse().unwrap()
    };
    let (first, last) = (&drawn[0], drawn.last().unwrap());
    let (v_first, v_last) = (value(&first.2), value(&last.2));
    assert!(v_first > 100.0 * v_last, "the demo's awareness is over 100 times its conversions");
    assert!(last.1 <= first.1 / 100.0 + 0.1, "{} drawn {} wide, {} drawn {}", v_last, last.1, v_first, first.1);
    assert!((last.1 / first.1 - v_last / v_first).abs() < 0.001);
}
