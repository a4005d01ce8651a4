//! The spec of each chart, from a result's plain data.

use serde_json::{Map, Value, json};

use super::{ChartOptions, Lang, empty, field, frame, list};
use crate::error::Result;
use crate::metrics::{Status, Unit};
use crate::report::render::format_value;

/// A count as people read it (`12,345`).
fn thousands(n: f64) -> String {
    crate::report::render::thousands(n, 0)
}

const BLUE: &str = "#4c78a8";
const LIGHT_BLUE: &str = "#b7cde3";

/// A fraction as a percent with one decimal (`45.6%`).
fn percent(f: f64) -> String {
    format!("{:.1}%", f * 100.0)
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// Titles of the persons / things a funnel counted.
fn counted(result: &Value, lang: Lang) -> &'static str {
    match result.get("count").and_then(Value::as_str) {
        Some("attempts") => lang.pick("Attempts", "Intentos"),
        _ => lang.pick("Persons", "Personas"),
    }
}

/// Funnel: one bar per step, proportional to its count on a linear axis from zero, labelled
/// with the count and the conversion from step 1; persons still within their window stacked
/// after it in a lighter shade. Broken down: one bar per value within each step.
pub(super) fn funnel(result: &Value, options: &ChartOptions) -> Result<Value> {
    let lang = options.lang;
    let title = lang.pick("Funnel", "Embudo");
    let steps = list(result, "steps")?;
    if steps.is_empty() {
        return Ok(empty(title, lang.pick("No steps", "Sin pasos")));
    }
    let persons = counted(result, lang);
    let label = |i: usize, step: &Value| {
        let name = step.get("label").and_then(Value::as_str).unwrap_or_default();
        format!("{}. {name}", i + 1)
    };
    let text = |step: &Value| {
        let count = step.get("count").and_then(number).unwrap_or(0.0);
        match step.get("conversion_from_start").and_then(number) {
            Some(rate) => format!("{} · {}", thousands(count), percent(rate)),
            None => thousands(count),
        }
    };
    let x = json!({"field": "value", "type": "quantitative", "stack": "zero", "title": persons,
                   "axis": {"format": ",d", "tickMinStep": 1}, "scale": {"type": "linear", "zero": true}});
    let breakdown = result.get("breakdown").filter(|b| !b.is_null());
    let mut values = Vec::new();
    let mut spec = if let Some(breakdown) = breakdown {
        let by = breakdown.get("by").and_then(Value::as_str).unwrap_or_default().to_owned();
        for group in list(breakdown, "values")? {
            let value = match group.get("value") {
                None | Some(Value::Null) => lang.pick("(none)", "(sin valor)").to_owned(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            };
            for (i, step) in list(group, "steps")?.iter().enumerate() {
                values.push(json!({"step": i, "label": label(i, step), "group": value,
                    "value": step.get("count"), "text": text(step)}));
            }
        }
        let mut spec = frame(title, Some(format!("{} {by}", lang.pick("by", "por"))), values);
        spec.insert("height".into(), json!({"step": 14}));
        spec.insert(
            "encoding".into(),
            json!({"y": {"field": "label", "type": "nominal", "sort": null, "title": null},
                   "yOffset": {"field": "group", "type": "nominal", "sort": null},
                   "color": {"field": "group", "type": "nominal", "sort": null, "title": by,
                             "legend": {"orient": "bottom"}}}),
        );
        let bars = json!({"mark": "bar", "encoding": {"x": x, "tooltip": [
            {"field": "label", "title": lang.pick("Step", "Paso")}, {"field": "group", "title": by},
            {"field": "text", "title": persons}]}});
        let labels = json!({"mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 9},
            "encoding": {"x": {"field": "value", "type": "quantitative"}, "text": {"field": "text"}, "color": {"value": "#333"}}});
        spec.insert("layer".into(), json!([bars, labels]));
        spec
    } else {
        let (reached, waiting) = (lang.pick("reached", "alcanzaron"), lang.pick("in progress", "en curso"));
        for (i, step) in steps.iter().enumerate() {
            let in_progress = step.get("in_progress").and_then(number).unwrap_or(0.0);
            let common = |status: &str, order: u8, value: &Value| {
                json!({"step": i, "label": label(i, step), "status": status, "order": order, "value": value,
                    "text": text(step),
                    "conversion_from_previous": step.get("conversion_from_previous"),
                    "conversion_from_start": step.get("conversion_from_start")})
            };
            values.push(common(reached, 0, step.get("count").unwrap_or(&Value::Null)));
            if in_progress > 0.0 {
                values.push(common(waiting, 1, step.get("in_progress").unwrap_or(&Value::Null)));
            }
        }
        let mut spec = frame(title, None, values);
        spec.insert("height".into(), json!({"step": 32}));
        spec.insert(
            "encoding".into(),
            json!({"y": {"field": "label", "type": "nominal", "sort": null, "title": null}}),
        );
        let bars = json!({"mark": "bar", "encoding": {"x": x,
            "color": {"field": "status", "type": "nominal", "title": null, "legend": {"orient": "bottom"},
                      "scale": {"domain": [reached, waiting], "range": [BLUE, LIGHT_BLUE]}},
            "order": {"field": "order"},
            "tooltip": [{"field": "label", "title": lang.pick("Step", "Paso")}, {"field": "status", "title": null},
                        {"field": "value", "title": persons, "format": ",d"},
                        {"field": "conversion_from_previous", "title": lang.pick("From previous", "Desde el anterior"), "format": ".1%"},
                        {"field": "conversion_from_start", "title": lang.pick("From step 1", "Desde el paso 1"), "format": ".1%"}]}});
        let labels = json!({"transform": [{"filter": "datum.order == 0"}],
            "mark": {"type": "text", "align": "left", "dx": 4},
            "encoding": {"x": {"field": "value", "type": "quantitative"}, "text": {"field": "text"}}});
        spec.insert("layer".into(), json!([bars, labels]));
        spec
    };
    spec.insert("description".into(), json!(lang.pick(
        "Bars proportional to counts on a linear axis from zero; labels: count and conversion from step 1.",
        "Barras proporcionales a los conteos en un eje lineal desde cero; etiquetas: conteo y conversión desde el paso 1.",
    )));
    Ok(Value::Object(spec))
}

/// Retention: a cohort × period heatmap of the share of each cohort active in each period;
/// censored cells (not observable yet) are blank; cohort sizes in the row labels.
pub(super) fn retention(result: &Value, options: &ChartOptions) -> Result<Value> {
    let lang = options.lang;
    let title = lang.pick("Retention", "Retención");
    let cohorts = list(result, "cohorts")?;
    let periods = list(result, "periods")?;
    let sizes = list(result, "cohort_size")?;
    let rates = list(result, "rates")?;
    let counts = list(result, "counts")?;
    let unit = field(result, "period")?.as_str().unwrap_or_default();
    let mut values = Vec::new();
    for (c, cohort) in cohorts.iter().enumerate() {
        let size = sizes.get(c).and_then(number).unwrap_or(0.0);
        let name = format!("{} · {}", cohort.as_str().unwrap_or_default(), thousands(size));
        let row_rates = rates.get(c).and_then(Value::as_array);
        for (p, period) in periods.iter().enumerate() {
            let rate = row_rates.and_then(|r| r.get(p)).filter(|v| !v.is_null());
            if let Some(rate) = rate {
                let count = counts.get(c).and_then(|r| r.get(p)).cloned().unwrap_or(Value::Null);
                let period = period.as_str().map_or_else(|| period.to_string(), str::to_owned);
                values.push(json!({"cohort": name, "cohort_order": c, "period": period, "period_order": p,
                    "rate": rate, "count": count, "size": size}));
            }
        }
    }
    if values.is_empty() {
        return Ok(empty(
            title,
            lang.pick("No cohort has an observable period yet", "Ninguna cohorte tiene aún un periodo observable"),
        ));
    }
    let kind = result.get("kind").and_then(Value::as_str).unwrap_or("on");
    let subtitle = format!(
        "{} ({unit}); {}",
        lang.pick("Share of each cohort active in each period", "Parte de cada cohorte activa en cada periodo"),
        lang.pick("blank: not observable yet", "en blanco: aún no observable")
    );
    let mut spec = frame(title, Some(subtitle), values);
    spec.insert("height".into(), json!({"step": 22}));
    let x_title = match kind {
        "brackets" => lang.pick("Periods since the cohort (brackets)", "Periodos desde la cohorte (tramos)").to_owned(),
        _ => format!("{} ({unit})", lang.pick("Periods since the cohort", "Periodos desde la cohorte")),
    };
    spec.insert(
        "encoding".into(),
        json!({"x": {"field": "period", "type": "ordinal", "sort": {"field": "period_order"}, "title": x_title,
                     "axis": {"labelAngle": 0}},
               "y": {"field": "cohort", "type": "ordinal", "sort": {"field": "cohort_order"},
                     "title": lang.pick("Cohort · persons", "Cohorte · personas")}}),
    );
    let cells = json!({"mark": "rect", "encoding": {
        "color": {"field": "rate", "type": "quantitative", "title": lang.pick("Active", "Activos"),
                  "scale": {"domain": [0, 1], "scheme": "blues"}, "legend": {"format": ".0%"}},
        "tooltip": [{"field": "cohort", "title": lang.pick("Cohort · persons", "Cohorte · personas")},
                    {"field": "period", "title": lang.pick("Period", "Periodo")},
                    {"field": "count", "title": lang.pick("Active persons", "Personas activas"), "format": ",d"},
                    {"field": "rate", "title": lang.pick("Active", "Activos"), "format": ".1%"}]}});
    let labels = json!({"mark": {"type": "text", "fontSize": 9}, "encoding": {
        "text": {"field": "rate", "type": "quantitative", "format": ".0%"},
        "color": {"condition": {"test": "datum.rate > 0.5", "value": "white"}, "value": "#222"}}});
    spec.insert("layer".into(), json!([cells, labels]));
    Ok(Value::Object(spec))
}

/// Trends: persons per period (registrations, attendance, conversions) in one panel, revenue in
/// its own panel: counts and money never share an axis.
pub(super) fn trends(result: &Value, options: &ChartOptions) -> Result<Value> {
    let lang = options.lang;
    let title = lang.pick("Trends", "Tendencias");
    let series = list(result, "series")?;
    if series.is_empty() {
        return Ok(empty(title, lang.pick("No activity in the log", "Sin actividad en el registro")));
    }
    let period = result.get("period").and_then(Value::as_str).unwrap_or("day");
    let names = [
        ("registrations", lang.pick("Registrations", "Registros")),
        ("attendance", lang.pick("Attendance", "Asistencia")),
        ("conversions", lang.pick("Conversions", "Conversiones")),
    ];
    let mut values = Vec::new();
    for point in series {
        let mut row = Map::new();
        row.insert("start".into(), point.get("start").cloned().unwrap_or(Value::Null));
        row.insert("period".into(), point.get("period").cloned().unwrap_or(Value::Null));
        for (key, label) in names {
            row.insert(label.into(), point.get(key).cloned().unwrap_or(Value::Null));
        }
        row.insert("revenue".into(), point.get("revenue").cloned().unwrap_or(Value::Null));
        values.push(Value::Object(row));
    }
    let tz = result.get("tz").and_then(Value::as_str).unwrap_or("UTC");
    let x_title =
        format!("{} ({tz})", if period == "week" { lang.pick("Week", "Semana") } else { lang.pick("Day", "Día") });
    let x = json!({"field": "start", "type": "temporal", "timeUnit": "utcyearmonthdate", "title": x_title});
    let labels: Vec<&str> = names.iter().map(|(_, l)| *l).collect();
    let persons = lang.pick("Persons", "Personas");
    let counts = json!({
        "title": format!("{persons} {}", lang.pick("per period", "por periodo")),
        "width": super::WIDTH,
        "transform": [{"fold": labels, "as": ["metric", "persons"]}],
        "mark": {"type": "line", "point": true},
        "encoding": {"x": x, "y": {"field": "persons", "type": "quantitative", "title": persons, "axis": {"format": ",d", "tickMinStep": 1}},
                     "color": {"field": "metric", "type": "nominal", "title": null, "sort": labels, "legend": {"orient": "bottom"}},
                     "tooltip": [{"field": "period", "title": lang.pick("Period", "Periodo")}, {"field": "metric", "title": null},
                                 {"field": "persons", "title": persons, "format": ",d"}]}});
    let money = lang.pick("Revenue", "Ingresos");
    let revenue = json!({
        "title": format!("{money} {}", lang.pick("per period", "por periodo")),
        "width": super::WIDTH,
        "mark": {"type": "line", "point": true, "color": "#54a24b"},
        "encoding": {"x": x, "y": {"field": "revenue", "type": "quantitative", "title": format!("{money} ({})", lang.pick("currency", "moneda")),
                     "axis": {"format": ",.0f"}},
                     "tooltip": [{"field": "period", "title": lang.pick("Period", "Periodo")},
                                 {"field": "revenue", "title": money, "format": ",.2f"}]}});
    let mut spec = frame(
        title,
        Some(lang.pick("Counts and money in separate panels", "Conteos y dinero en paneles separados").to_owned()),
        values,
    );
    spec.remove("width"); // each panel has its own
    spec.insert("vconcat".into(), json!([counts, revenue]));
    spec.insert("resolve".into(), json!({"scale": {"y": "independent"}}));
    Ok(Value::Object(spec))
}

/// Channel performance: one bar panel per metric, each with its own axis and unit (persons,
/// rates, money; cost, cost per lead, ROAS and ROI when spend was given).
pub(super) fn channels(result: &Value, options: &ChartOptions) -> Result<Value> {
    let lang = options.lang;
    let title = lang.pick("Channel performance", "Rendimiento por canal");
    let rows = result
        .as_array()
        .ok_or_else(|| crate::error::Error::invalid_parameter("result", "expected the list of channel rows"))?;
    if rows.is_empty() {
        return Ok(empty(title, lang.pick("No contacts", "Sin contactos")));
    }
    let with_spend = rows.iter().any(|r| r.get("cost").is_some());
    let mut metrics = vec![
        ("registrations", lang.pick("Registrations", "Registros"), lang.pick("persons", "personas"), ",d"),
        ("conversions", lang.pick("Conversions", "Conversiones"), lang.pick("persons", "personas"), ",d"),
        (
            "conversion_rate",
            lang.pick("Conversion rate", "Tasa de conversión"),
            lang.pick("of registrations", "de los registros"),
            ".0%",
        ),
        ("revenue", lang.pick("Revenue", "Ingresos"), lang.pick("currency", "moneda"), ",.0f"),
    ];
    if with_spend {
        metrics.extend([
            ("cost", lang.pick("Cost", "Coste"), lang.pick("currency", "moneda"), ",.0f"),
            ("cost_per_lead", lang.pick("Cost per lead", "Coste por lead"), lang.pick("currency", "moneda"), ",.2f"),
            ("roas", "ROAS", lang.pick("revenue / cost", "ingresos / coste"), ",.2f"),
            ("roi_percent", "ROI", "%", ",.0f"),
        ]);
    }
    let none = lang.pick("(none)", "(sin valor)");
    let values: Vec<Value> = rows
        .iter()
        .map(|row| {
            let mut out = Map::new();
            let channel = match row.get("channel") {
                None | Some(Value::Null) => none.to_owned(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            };
            out.insert("channel".into(), json!(channel));
            for (key, ..) in &metrics {
                out.insert((*key).into(), row.get(*key).cloned().unwrap_or(Value::Null));
            }
            Value::Object(out)
        })
        .collect();
    let panels: Vec<Value> = metrics
        .iter()
        .map(|(key, label, unit, format)| {
            json!({"title": label, "width": super::WIDTH, "height": {"step": 18},
                "transform": [{"filter": format!("isValid(datum.{key})")}],
                "mark": "bar",
                "encoding": {"y": {"field": "channel", "type": "nominal", "sort": null, "title": null},
                             "x": {"field": key, "type": "quantitative", "title": format!("{label} ({unit})"),
                                   "axis": {"format": format}, "scale": {"zero": true}},
                             "color": {"value": BLUE},
                             "tooltip": [{"field": "channel", "title": lang.pick("Channel", "Canal")},
                                         {"field": key, "title": label, "format": format}]}})
        })
        .collect();
    let mut spec = frame(
        title,
        Some(
            lang.pick("One panel per metric, each with its own axis", "Un panel por métrica, cada uno con su eje")
                .to_owned(),
        ),
        values,
    );
    spec.remove("width"); // each panel has its own
    spec.insert("vconcat".into(), json!(panels));
    spec.insert("resolve".into(), json!({"scale": {"x": "independent"}}));
    Ok(Value::Object(spec))
}

/// Scorecard: a bullet per metric with a target, the value as a share of its target (1 = met)
/// coloured by status, labelled with the value in its unit.
pub(super) fn scorecard(result: &Value, options: &ChartOptions) -> Result<Value> {
    let lang = options.lang;
    let title = lang.pick("Scorecard", "Cuadro de mando");
    let metrics = list(result, "metrics")?;
    let statuses = [(Status::OnTrack, "#54a24b"), (Status::AtRisk, "#f58518"), (Status::OffTrack, "#e45756")];
    let mut values = Vec::new();
    for metric in metrics {
        let (Some(progress), Some(value)) =
            (metric.get("progress").and_then(number), metric.get("value").and_then(number))
        else {
            continue;
        };
        let status = metric.get("status").and_then(|s| serde_json::from_value::<Status>(s.clone()).ok());
        let Some(status) = status.filter(|s| *s != Status::Unknown) else { continue };
        let status_label = status.label(lang);
        let label = metric
            .get(if lang == Lang::Es { "label_es" } else { "label_en" })
            .and_then(Value::as_str)
            .unwrap_or_default();
        let unit =
            metric.get("unit").and_then(|u| serde_json::from_value::<Unit>(u.clone()).ok()).unwrap_or(Unit::Ratio);
        let shown = format_value(Some(value), unit);
        let target = format_value(metric.get("target").and_then(number), unit);
        values.push(json!({"metric": label, "progress": progress.min(2.0), "status": status_label,
            "text": format!("{shown} / {target}")}));
    }
    if values.is_empty() {
        return Ok(empty(
            title,
            lang.pick("No metric has both a value and a target", "Ninguna métrica tiene valor y objetivo"),
        ));
    }
    let mut spec = frame(
        title,
        Some(
            lang.pick(
                "Value as a share of its target (1 = target met; bars end at 2)",
                "Valor como parte de su objetivo (1 = objetivo cumplido; las barras acaban en 2)",
            )
            .to_owned(),
        ),
        values,
    );
    spec.insert("height".into(), json!({"step": 24}));
    spec.insert("encoding".into(), json!({"y": {"field": "metric", "type": "nominal", "sort": null, "title": null}}));
    let domain: Vec<&str> = statuses.iter().map(|(s, _)| s.label(lang)).collect();
    let range: Vec<&str> = statuses.iter().map(|(_, c)| *c).collect();
    let bars = json!({"mark": "bar", "encoding": {
        "x": {"field": "progress", "type": "quantitative", "title": lang.pick("Share of target", "Parte del objetivo"),
              "axis": {"format": ".0%"}, "scale": {"domain": [0, 2], "zero": true}},
        "color": {"field": "status", "type": "nominal", "title": null, "scale": {"domain": domain, "range": range},
                  "legend": {"orient": "bottom"}},
        "tooltip": [{"field": "metric", "title": null}, {"field": "text", "title": lang.pick("Value / target", "Valor / objetivo")},
                    {"field": "status", "title": null}]}});
    let target =
        json!({"mark": {"type": "rule", "color": "#222", "strokeDash": [3, 2]}, "encoding": {"x": {"datum": 1}}});
    let labels = json!({"mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 10},
        "encoding": {"x": {"field": "progress", "type": "quantitative"}, "text": {"field": "text"}}});
    spec.insert("layer".into(), json!([bars, target, labels]));
    Ok(Value::Object(spec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(thousands(780_698.0), "780,698");
        assert_eq!(thousands(967.0), "967");
        assert_eq!(thousands(-1234.0), "-1,234");
        assert_eq!(percent(0.4567), "45.7%");
    }
}
