//! Charts of results: a Vega-Lite v5 spec with the data inline, the same JSON in every
//! language, built from a result's plain data (so a merged or a round-tripped result charts the
//! same). Marks are proportional to what they show: bars start at zero on a linear axis, every
//! axis is titled with its unit, and values of different units never share a scale (they go to
//! separate panels). A chart of an empty result is an empty chart with a note.
//!
//! ```
//! use webinar_analytics::chart::{ChartOptions, chart};
//! use webinar_analytics::prelude::*;
//!
//! let demo = demo_campaign(&DemoParams { contacts: 200, seed: 1 })?;
//! let result = funnel(&demo.log, &FunnelParams::new(&["register", "attend", "purchase"]))?;
//! let data = serde_json::to_value(&result).expect("a result is plain data");
//! let spec = chart(None, &data, &ChartOptions::default())?; // a funnel, by its fields
//! assert_eq!(spec["$schema"], "https://vega.github.io/schema/vega-lite/v5.json");
//! // The first bar is step 1's count.
//! assert_eq!(spec["data"]["values"][0]["value"], result.counts[0]);
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

mod specs;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::error::{Error, Result};

pub use crate::report::Lang;

/// Options of a chart.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ChartOptions {
    /// Language of titles, axes and labels.
    pub lang: Lang,
    /// A title instead of the chart's own.
    pub title: Option<String>,
}

/// A kind of chart: which results it draws and how.
struct ChartSpec {
    /// The result type it draws (the name of the result's class in Python and TypeScript).
    result: &'static str,
    /// The calls whose result it draws.
    calls: &'static [&'static str],
    /// Whether a result without a name is one it draws (by the fields only it has).
    detect: fn(&Value) -> bool,
    /// Builds the spec.
    build: fn(&Value, &ChartOptions) -> Result<Value>,
}

fn has(result: &Value, keys: &[&str]) -> bool {
    keys.iter().all(|k| result.get(k).is_some())
}

/// Every chart: one row per result type with a natural picture.
const CHARTS: &[ChartSpec] = &[
    ChartSpec {
        result: "FunnelResult",
        calls: &["funnel", "merge_funnel_partials"],
        detect: |r| has(r, &["steps", "counts", "window_seconds"]),
        build: specs::funnel,
    },
    ChartSpec {
        result: "RetentionMatrix",
        calls: &["retention", "merge_retention_partials"],
        detect: |r| has(r, &["cohorts", "periods", "rates"]),
        build: specs::retention,
    },
    ChartSpec { result: "Trends", calls: &["trends"], detect: |r| has(r, &["series", "cards"]), build: specs::trends },
    ChartSpec {
        result: "ChannelPerformance",
        calls: &["channel_performance"],
        detect: |r| {
            r.as_array().and_then(|rows| rows.first()).is_some_and(|row| has(row, &["channel", "registrations"]))
        },
        build: specs::channels,
    },
    ChartSpec {
        result: "Scorecard",
        calls: &["scorecard"],
        detect: |r| has(r, &["metrics", "funnel", "tolerance"]),
        build: specs::scorecard,
    },
];

/// The names `chart` takes for `of`: calls and result types.
#[must_use]
pub fn chartable() -> Vec<&'static str> {
    CHARTS.iter().flat_map(|c| c.calls.iter().copied().chain([c.result])).collect()
}

/// The Vega-Lite v5 spec of `result`, the result of call `of` (`"funnel"`) or of result type
/// `of` (`"FunnelResult"`); `None`: told by the fields of the result.
///
/// # Errors
/// `invalid_parameter` naming `of` for a result without a chart, or `result.<field>` for a
/// result that lacks what its chart draws.
pub fn chart(of: Option<&str>, result: &Value, options: &ChartOptions) -> Result<Value> {
    let found = match of {
        Some(of) => CHARTS.iter().find(|c| c.result == of || c.calls.contains(&of)).ok_or_else(|| {
            Error::invalid_parameter("of", format!("{of:?} has no chart; charts exist for {}", chartable().join(", ")))
        }),
        None => CHARTS.iter().find(|c| (c.detect)(result)).ok_or_else(|| {
            Error::invalid_parameter(
                "result",
                format!("not a result with a chart; charts exist for {}", chartable().join(", ")),
            )
        }),
    };
    let spec = found?;
    let mut out = (spec.build)(result, options)?;
    if let (Some(title), Some(map)) = (&options.title, out.as_object_mut()) {
        map.insert("title".to_owned(), json!({"text": title}));
    }
    Ok(out)
}

/// Width of a chart's plot, pixels: with its axis labels it fits a 390-pixel phone screen.
pub(crate) const WIDTH: u32 = 300;

/// The frame every spec shares: schema, title, width, data.
pub(crate) fn frame(title: &str, subtitle: Option<String>, values: Vec<Value>) -> serde_json::Map<String, Value> {
    let mut spec = serde_json::Map::new();
    spec.insert("$schema".into(), json!("https://vega.github.io/schema/vega-lite/v5.json"));
    let mut title = json!({"text": title, "anchor": "start"});
    if let Some(subtitle) = subtitle {
        title["subtitle"] = json!(subtitle);
    }
    spec.insert("title".into(), title);
    spec.insert("width".into(), json!(WIDTH));
    spec.insert("config".into(), json!({"view": {"stroke": null}, "axis": {"labelLimit": 160}}));
    let mut data = serde_json::Map::new();
    data.insert("values".into(), Value::Array(values));
    spec.insert("data".into(), Value::Object(data));
    spec
}

/// An empty chart that says why it is empty.
pub(crate) fn empty(title: &str, note: &str) -> Value {
    let mut spec = frame(title, Some(note.to_owned()), Vec::new());
    spec.insert("mark".into(), json!("point"));
    Value::Object(spec)
}

/// Field `key` of a result's JSON, or an error naming `result.<key>`.
pub(crate) fn field<'a>(result: &'a Value, key: &str) -> Result<&'a Value> {
    result
        .get(key)
        .ok_or_else(|| Error::invalid_parameter(&format!("result.{key}"), "missing: not the result this chart draws"))
}

/// Field `key` as a list.
pub(crate) fn list<'a>(result: &'a Value, key: &str) -> Result<&'a Vec<Value>> {
    field(result, key)?.as_array().ok_or_else(|| Error::invalid_parameter(&format!("result.{key}"), "expected a list"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_results_and_fields_are_named() {
        let err = chart(Some("summary"), &json!({}), &ChartOptions::default()).unwrap_err();
        assert_eq!(err.details().parameter.as_deref(), Some("of"));
        let err = chart(None, &json!({"persons": 3}), &ChartOptions::default()).unwrap_err();
        assert_eq!(err.details().parameter.as_deref(), Some("result"));
        let err = chart(Some("funnel"), &json!({"counts": []}), &ChartOptions::default()).unwrap_err();
        assert_eq!(err.details().parameter.as_deref(), Some("result.steps"));
    }
}
