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

mod explore;
mod figure;
mod monitor;
mod programs;
mod specs;
mod svg;
mod vega;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use figure::Figure;

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

/// What a chart is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ChartFormat {
    /// A Vega-Lite v5 spec (JSON), data inline: notebooks, altair, vega-embed.
    #[default]
    #[serde(rename = "vega-lite")]
    VegaLite,
    /// A static SVG image (text): reports, e-mail, anywhere without JavaScript.
    #[serde(rename = "svg")]
    Svg,
}

/// A kind of chart: which results it draws and how.
struct ChartSpec {
    /// The result type it draws (the name of the result's class in Python and TypeScript).
    result: &'static str,
    /// The calls whose result it draws.
    calls: &'static [&'static str],
    /// Whether a result without a name is one it draws (by the fields only it has).
    detect: fn(&Value) -> bool,
    /// Builds the figure.
    build: fn(&Value, &ChartOptions) -> Result<Figure>,
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
    ChartSpec {
        result: "Attendance",
        calls: &["attendance"],
        detect: |r| has(r, &["timeline", "sections", "peak_viewers"]),
        build: specs::attendance,
    },
    ChartSpec {
        result: "ExperimentResult",
        calls: &["experiment", "analyze_experiment"],
        detect: |r| has(r, &["variants", "sample_ratio", "control"]),
        build: specs::experiment,
    },
    ChartSpec {
        result: "Segmentation",
        calls: &["segment_audience"],
        detect: |r| has(r, &["segments", "features", "inertia"]),
        build: specs::segments,
    },
    ChartSpec {
        result: "ChangeExplanation",
        calls: &["explain_change"],
        detect: |r| has(r, &["total_change", "mix_effect", "segments"]),
        build: specs::change,
    },
    ChartSpec {
        result: "PathsResult",
        calls: &["paths", "merge_paths_partials"],
        detect: |r| has(r, &["transitions", "events", "paths"]),
        build: explore::paths,
    },
    ChartSpec {
        result: "LifecycleResult",
        calls: &["lifecycle"],
        detect: |r| {
            r.get("periods")
                .and_then(Value::as_array)
                .and_then(|p| p.first())
                .is_some_and(|p| has(p, &["new", "returning", "dormant"]))
        },
        build: explore::lifecycle,
    },
    ChartSpec {
        result: "StickinessResult",
        calls: &["stickiness"],
        detect: |r| {
            r.get("periods")
                .and_then(Value::as_array)
                .and_then(|p| p.first())
                .is_some_and(|p| has(p, &["persons", "share", "mean_days"]))
        },
        build: explore::stickiness,
    },
    ChartSpec {
        result: "AttributionResult",
        calls: &["attribution"],
        detect: |r| has(r, &["rows", "attributed_conversions", "unattributed_conversions"]),
        build: explore::attribution,
    },
    ChartSpec {
        result: "DriversResult",
        calls: &["drivers"],
        detect: |r| has(r, &["drivers", "converters", "values_not_tested"]),
        build: explore::drivers,
    },
    ChartSpec {
        result: "FlowsResult",
        calls: &["flows"],
        detect: |r| has(r, &["nodes", "links", "top_paths"]),
        build: explore::flows,
    },
    ChartSpec {
        result: "FunnelFlows",
        calls: &["funnel_flows"],
        detect: |r| has(r, &["dropped", "converted", "converted_directly"]),
        build: explore::funnel_flows,
    },
    ChartSpec {
        result: "WebinarTable",
        calls: &["webinars"],
        detect: |r| has(r, &["webinars", "series", "untagged_events"]),
        build: programs::webinars,
    },
    ChartSpec {
        result: "AttendanceBacktest",
        calls: &["backtest_attendance"],
        detect: |r| has(r, &["rows", "mae", "target_coverage"]),
        build: programs::backtest,
    },
    ChartSpec {
        result: "AttendanceForecast",
        calls: &["predict_attendance"],
        detect: |r| has(r, &["backtest", "drivers", "predicted"]),
        build: programs::backtest,
    },
    ChartSpec {
        result: "ConversionModel",
        calls: &["predict_conversion"],
        detect: |r| has(r, &["test", "scores", "feature_importance"]),
        build: programs::conversion,
    },
    ChartSpec {
        result: "AnomalyReport",
        calls: &["anomalies"],
        detect: |r| has(r, &["points", "anomalies", "sensitivity"]),
        build: monitor::anomalies,
    },
    ChartSpec {
        result: "TimeToConvert",
        calls: &[],
        detect: |r| has(r, &["percentiles", "histogram", "survival"]),
        build: specs::time_to_convert,
    },
    ChartSpec {
        result: "Widget",
        calls: &[],
        detect: |r| r.get("type").and_then(Value::as_str).is_some_and(|t| has(r, &["id", "title_en"]) && !t.is_empty()),
        build: specs::widget,
    },
];

/// The names `chart` takes for `of`: calls and result types.
#[must_use]
pub fn chartable() -> Vec<&'static str> {
    CHARTS.iter().flat_map(|c| c.calls.iter().copied().chain([c.result])).collect()
}

/// Whether the result of call `name` has a chart.
#[must_use]
pub fn has_chart(name: &str) -> bool {
    CHARTS.iter().any(|c| c.calls.contains(&name))
}

/// What `result` shows: the figure both drawings come from.
fn figure(of: Option<&str>, result: &Value, options: &ChartOptions) -> Result<Figure> {
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
    let mut figure = (found?.build)(result, options)?;
    if let Some(title) = &options.title {
        figure.title.clone_from(title);
    }
    Ok(figure)
}

/// The Vega-Lite v5 spec of `result`, the result of call `of` (`"funnel"`) or of result type
/// `of` (`"FunnelResult"`); `None`: told by the fields of the result. Dashboard widgets chart
/// too (`of="Widget"`).
///
/// # Errors
/// `invalid_parameter` naming `of` for a result without a chart, or `result.<field>` for a
/// result that lacks what its chart draws.
pub fn chart(of: Option<&str>, result: &Value, options: &ChartOptions) -> Result<Value> {
    Ok(vega::spec(&figure(of, result, options)?))
}

/// The same chart as [`chart`], as a static SVG image: axes with round ticks and titled units,
/// proportional marks, legends.
///
/// # Errors
/// As [`chart`].
pub fn chart_svg(of: Option<&str>, result: &Value, options: &ChartOptions) -> Result<String> {
    Ok(svg::svg(&figure(of, result, options)?))
}

/// A dashboard widget's chart as SVG (`None` for widgets without a picture: metric cards,
/// counters), for the HTML report.
pub(crate) fn widget_svg(widget: &crate::report::Widget, lang: Lang) -> Option<String> {
    let data = serde_json::to_value(widget).ok()?;
    let figure = specs::widget(&data, &ChartOptions { lang, title: None }).ok()?;
    Some(svg::svg(&figure))
}

/// Width of a chart's plot, pixels: with its axis labels it fits a 390-pixel phone screen.
pub(crate) const WIDTH: u32 = 300;

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
    use serde_json::json;

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
