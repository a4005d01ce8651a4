//! A [`Figure`] as a Vega-Lite v5 spec with its data inline: what Jupyter, VS Code, altair and
//! `vega-embed` draw.

use serde_json::{Map, Value, json};

use super::WIDTH;
use super::figure::{Bars, Figure, Format, Heatmap, Lines, Plot, Tip, XKind, num};

const SCHEMA: &str = "https://vega.github.io/schema/vega-lite/v5.json";

/// The spec of `figure`: one panel inline, several stacked (`vconcat`) with independent scales.
pub(crate) fn spec(figure: &Figure) -> Value {
    let mut spec = Map::new();
    spec.insert("$schema".into(), json!(SCHEMA));
    let mut title = json!({"text": figure.title, "anchor": "start"});
    if let Some(subtitle) = &figure.subtitle {
        title["subtitle"] = json!(subtitle);
    }
    spec.insert("title".into(), title);
    if let Some(description) = &figure.description {
        spec.insert("description".into(), json!(description));
    }
    spec.insert("config".into(), json!({"view": {"stroke": null}, "axis": {"labelLimit": 160}}));
    match figure.panels.as_slice() {
        [] => {
            spec.insert("width".into(), json!(WIDTH));
            spec.insert("data".into(), json!({"values": []}));
            spec.insert("mark".into(), json!("point"));
        }
        [panel] => {
            // A lone panel's title reads under the figure's title.
            if let Some(title) = &panel.title {
                let subtitle = figure.subtitle.as_ref().map_or_else(|| title.clone(), |s| format!("{s} · {title}"));
                spec["title"]["subtitle"] = json!(subtitle);
            }
            spec.extend(plot(&panel.plot));
        }
        panels => {
            let members: Vec<Value> = panels
                .iter()
                .map(|p| {
                    let mut body = plot(&p.plot);
                    if let Some(title) = &p.title {
                        body.insert("title".into(), json!({"text": title, "anchor": "start", "fontSize": 12}));
                    }
                    Value::Object(body)
                })
                .collect();
            spec.insert("vconcat".into(), Value::Array(members));
            spec.insert(
                "resolve".into(),
                json!({"scale": {"x": "independent", "y": "independent", "color": "independent"}}),
            );
        }
    }
    Value::Object(spec)
}

fn plot(plot: &Plot) -> Map<String, Value> {
    match plot {
        Plot::Bars(bars) => bar_spec(bars),
        Plot::Heatmap(heatmap) => heatmap_spec(heatmap),
        Plot::Lines(lines) => line_spec(lines),
    }
}

/// Tooltip entries of `tips`, and their values into `row`.
fn tooltips(tips: &[Tip], row: &mut Map<String, Value>) -> Vec<Value> {
    tips.iter()
        .map(|tip| {
            row.insert(tip.key.into(), tip.value.clone());
            let mut entry = json!({"field": tip.key, "title": tip.title});
            if let Some(format) = tip.format {
                entry["type"] = json!("quantitative");
                entry["format"] = json!(format.d3());
            }
            entry
        })
        .collect()
}

fn axis_format(format: Format) -> Value {
    match format {
        Format::Count => json!({"format": format.d3(), "tickMinStep": 1}),
        other => json!({"format": other.d3()}),
    }
}

fn bar_spec(bars: &Bars) -> Map<String, Value> {
    let grouped = bars.items.iter().any(|b| b.group.is_some());
    let mut values = Vec::new();
    let mut tooltip = Vec::new();
    for bar in &bars.items {
        let total = bar.total();
        for (order, (series, value)) in bar.segments.iter().enumerate() {
            let mut row = Map::new();
            row.insert("category".into(), json!(bar.category));
            if let Some(group) = &bar.group {
                row.insert("group".into(), json!(group));
            }
            let name = bars.series.get(*series).map_or("", |s| s.name.as_str());
            row.insert("series".into(), json!(name));
            row.insert("order".into(), json!(order));
            row.insert("value".into(), num(*value));
            row.insert("total".into(), num(total));
            // Where the label goes: after the bar, or after zero for a bar below it.
            row.insert("label_at".into(), num(bar.interval.map_or(total, |(_, high)| high).max(0.0)));
            if let Some(label) = &bar.label {
                row.insert("label".into(), json!(label));
            }
            if let Some((low, high)) = bar.interval {
                row.insert("low".into(), num(low));
                row.insert("high".into(), num(high));
            }
            let tips = tooltips(&bar.tips, &mut row);
            if tooltip.is_empty() {
                tooltip = tips;
            }
            values.push(Value::Object(row));
        }
    }
    let mut spec = Map::new();
    spec.insert("width".into(), json!(WIDTH));
    spec.insert("height".into(), json!({"step": bars.row}));
    spec.insert("data".into(), json!({"values": values}));
    let mut encoding = json!({"y": {"field": "category", "type": "nominal", "sort": null, "title": null}});
    if grouped {
        encoding["yOffset"] = json!({"field": "group", "type": "nominal", "sort": null});
    }
    spec.insert("encoding".into(), encoding);
    let mut scale = json!({"type": "linear", "zero": true});
    if let Some(domain) = bars.axis.domain {
        scale["domain"] = json!(domain);
    }
    let legend = if bars.legend { json!({"orient": "bottom", "title": bars.legend_title}) } else { Value::Null };
    let names: Vec<&str> = bars.series.iter().map(|s| s.name.as_str()).collect();
    let colors: Vec<&str> = bars.series.iter().map(|s| s.color).collect();
    let mut tip_head = vec![json!({"field": "category", "title": null})];
    if grouped {
        tip_head.push(json!({"field": "group", "title": bars.legend_title}));
    } else if bars.legend {
        tip_head.push(json!({"field": "series", "title": null}));
    }
    tip_head.push(
        json!({"field": "value", "type": "quantitative", "title": bars.axis.title, "format": bars.axis.format.d3()}),
    );
    tip_head.extend(tooltip);
    let mut layers = vec![json!({"mark": "bar", "encoding": {
        "x": {"field": "value", "type": "quantitative", "stack": "zero", "title": bars.axis.title,
              "axis": axis_format(bars.axis.format), "scale": scale},
        "color": {"field": "series", "type": "nominal", "sort": names, "legend": legend,
                  "scale": {"domain": names, "range": colors}},
        "order": {"field": "order"},
        "tooltip": tip_head}})];
    if let Some(rule) = bars.rule {
        layers.push(json!({"mark": {"type": "rule", "color": "#222", "strokeDash": [3, 2]}, "encoding": {"x": {"datum": rule}}}));
    }
    if bars.items.iter().any(|b| b.interval.is_some()) {
        layers.push(json!({"transform": [{"filter": "datum.order == 0 && isValid(datum.low)"}],
            "mark": {"type": "rule", "color": "#222", "strokeWidth": 1.5},
            "encoding": {"x": {"field": "low", "type": "quantitative"}, "x2": {"field": "high"}}}));
    }
    if bars.items.iter().any(|b| b.label.is_some()) {
        layers.push(json!({"transform": [{"filter": "datum.order == 0 && isValid(datum.label)"}],
            "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": if grouped { 9 } else { 10 }},
            "encoding": {"x": {"field": "label_at", "type": "quantitative"},
                         "text": {"field": "label"}, "color": {"value": "#333"}}}));
    }
    spec.insert("layer".into(), Value::Array(layers));
    spec
}

fn heatmap_spec(heatmap: &Heatmap) -> Map<String, Value> {
    let mut values = Vec::new();
    let mut tooltip = vec![
        json!({"field": "row", "title": heatmap.y_title}),
        json!({"field": "column", "title": heatmap.x_title}),
        json!({"field": "value", "type": "quantitative", "title": heatmap.color.title, "format": heatmap.color.format.d3()}),
    ];
    for (i, cell) in heatmap.cells.iter().enumerate() {
        let mut row = Map::new();
        row.insert("row".into(), json!(heatmap.rows.get(cell.row)));
        row.insert("row_order".into(), json!(cell.row));
        row.insert("column".into(), json!(heatmap.columns.get(cell.column)));
        row.insert("column_order".into(), json!(cell.column));
        row.insert("value".into(), num(cell.value));
        let tips = tooltips(&cell.tips, &mut row);
        if i == 0 {
            tooltip.extend(tips);
        }
        values.push(Value::Object(row));
    }
    let [low, high] = heatmap.color.domain.unwrap_or_else(|| {
        let high = heatmap.cells.iter().map(|c| c.value).fold(0.0, f64::max);
        [0.0, if high > 0.0 { high } else { 1.0 }]
    });
    let middle = f64::midpoint(low, high);
    let mut spec = Map::new();
    spec.insert("width".into(), json!(WIDTH));
    spec.insert("height".into(), json!({"step": 22}));
    spec.insert("data".into(), json!({"values": values}));
    spec.insert(
        "encoding".into(),
        json!({"x": {"field": "column", "type": "ordinal", "sort": {"field": "column_order"}, "title": heatmap.x_title,
                     "axis": {"labelAngle": 0}},
               "y": {"field": "row", "type": "ordinal", "sort": {"field": "row_order"}, "title": heatmap.y_title}}),
    );
    let format = heatmap.color.format.d3();
    let cells = json!({"mark": "rect", "encoding": {
        "color": {"field": "value", "type": "quantitative", "title": heatmap.color.title,
                  "scale": {"domain": [low, high], "scheme": "blues"}, "legend": {"format": format}},
        "tooltip": tooltip}});
    let short = match heatmap.color.format {
        Format::Fraction(_) => Format::Fraction(0).d3(),
        other => other.d3(),
    };
    let labels = json!({"mark": {"type": "text", "fontSize": 9}, "encoding": {
        "text": {"field": "value", "type": "quantitative", "format": short},
        "color": {"condition": {"test": format!("datum.value > {middle}"), "value": "white"}, "value": "#222"}}});
    spec.insert("layer".into(), json!([cells, labels]));
    spec
}

fn line_spec(lines: &Lines) -> Map<String, Value> {
    let mut values = Vec::new();
    for line in &lines.series {
        for (x, y) in &line.points {
            let mut row = json!({"x": x, "series": line.name, "y": y.map(num)});
            if lines.x_kind == XKind::Ordinal {
                row["label"] = json!(lines.x_labels.get(*x as usize));
            }
            values.push(row);
        }
    }
    let names: Vec<&str> = lines.series.iter().map(|l| l.name.as_str()).collect();
    let colors: Vec<&str> = lines.series.iter().map(|l| l.color).collect();
    let ordinal_tip = json!({"field": "label", "title": lines.x_title});
    // Times read in UTC, as the SVG and the axis title say.
    let (x, time_unit) = match lines.x_kind {
        XKind::Ordinal => (
            json!({"field": "label", "type": "ordinal", "sort": lines.x_labels, "title": lines.x_title,
                   "axis": {"labelAngle": 0, "labelOverlap": true}}),
            "",
        ),
        XKind::Days => (
            json!({"field": "x", "type": "temporal", "timeUnit": "utcyearmonthdate", "title": lines.x_title}),
            "utcyearmonthdate",
        ),
        XKind::Times => (
            json!({"field": "x", "type": "temporal", "title": lines.x_title, "scale": {"type": "utc"},
                   "axis": {"labelExpr": "utcFormat(datum.value, '%H:%M')"}}),
            "utchoursminutesseconds",
        ),
    };
    let step = lines.series.iter().any(|l| l.step);
    let mut mark = json!({"type": "line", "point": !step});
    if step {
        mark["interpolate"] = json!("step-after");
    }
    let legend = if lines.series.len() > 1 { json!({"orient": "bottom", "title": null}) } else { Value::Null };
    let series_line = json!({"mark": mark, "encoding": {
        "x": x,
        "y": {"field": "y", "type": "quantitative", "title": lines.y.title, "axis": axis_format(lines.y.format),
              "scale": {"zero": true}},
        "color": {"field": "series", "type": "nominal", "sort": names, "legend": legend,
                  "scale": {"domain": names, "range": colors}},
        "tooltip": [if lines.x_kind == XKind::Ordinal { ordinal_tip } else {
                        json!({"field": "x", "type": "temporal", "title": lines.x_title, "timeUnit": time_unit}) },
                    {"field": "series", "title": null},
                    {"field": "y", "type": "quantitative", "title": lines.y.title, "format": lines.y.format.d3()}]}});
    let mut layers = Vec::new();
    if !lines.bands.is_empty() {
        let bands: Vec<Value> = lines
            .bands
            .iter()
            .enumerate()
            .map(|(i, b)| json!({"from": b.from, "to": b.to, "name": b.name, "shade": i % 2}))
            .collect();
        let temporal = json!({"field": "from", "type": "temporal", "scale": {"type": "utc"}});
        layers.push(json!({"data": {"values": bands}, "mark": {"type": "rect", "opacity": 0.35},
            "encoding": {"x": temporal, "x2": {"field": "to"},
                         "color": {"field": "shade", "type": "nominal", "legend": null,
                                   "scale": {"domain": [0, 1], "range": ["#e5e7eb", "#f3f4f6"]}},
                         "tooltip": [{"field": "name", "title": null}]}}));
        layers.push(json!({"data": {"values": lines.bands.iter().map(|b| json!({"from": b.from, "name": b.name})).collect::<Vec<_>>()},
            "mark": {"type": "text", "align": "left", "baseline": "top", "dx": 2, "dy": 2, "fontSize": 9, "color": "#555", "limit": 80},
            "encoding": {"x": {"field": "from", "type": "temporal", "scale": {"type": "utc"}}, "y": {"value": 0},
                         "text": {"field": "name"}}}));
    }
    layers.push(series_line);
    let mut spec = Map::new();
    spec.insert("width".into(), json!(WIDTH));
    spec.insert("height".into(), json!(160));
    spec.insert("data".into(), json!({"values": values}));
    spec.insert("layer".into(), Value::Array(layers));
    if !lines.bands.is_empty() {
        spec.insert("resolve".into(), json!({"scale": {"color": "independent"}}));
    }
    spec
}
