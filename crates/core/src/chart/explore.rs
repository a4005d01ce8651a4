//! Figures of the exploration results: paths, lifecycle, stickiness, drivers of conversion,
//! attribution.

use serde_json::Value;

use super::figure::{
    Axis, BLUE, Bar, Bars, Cell, Figure, Format, GREEN, Heatmap, LIGHT_BLUE, Line, Lines, ORANGE, PALETTE, Plot, RED,
    Swatch, Tip, XKind,
};
use super::specs::{name_of, number};
use super::{ChartOptions, list};
use crate::error::Result;

/// Most events a transition heatmap shows (rows and columns), the most frequent ones.
const MAX_PATH_EVENTS: usize = 15;

/// Paths: a heatmap of where people go next, one row per event (where they are) and one
/// column per event (where they go), shaded by the share of the row's transitions.
pub(super) fn paths(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("What people do next", "Qué hacen a continuación");
    let events: Vec<String> =
        list(result, "events")?.iter().take(MAX_PATH_EVENTS).map(|e| name_of(e.get("event"), lang)).collect();
    let index = |name: &str| events.iter().position(|e| e == name);
    let mut cells = Vec::new();
    for t in list(result, "transitions")? {
        let (source, target) = (name_of(t.get("source"), lang), name_of(t.get("target"), lang));
        let (Some(row), Some(column), Some(share)) =
            (index(&source), index(&target), t.get("share_of_source").and_then(number))
        else {
            continue;
        };
        let count = t.get("count").and_then(number);
        let persons = t.get("persons").and_then(number);
        cells.push(Cell {
            row,
            column,
            value: share,
            tips: vec![
                Tip::text("source", lang.pick("From", "Desde"), source.clone()),
                Tip::text("target", lang.pick("To", "Hacia"), target.clone()),
                Tip::number("count", lang.pick("Transitions", "Transiciones"), count, Format::Count),
                Tip::number("persons", lang.pick("Persons", "Personas"), persons, Format::Count),
            ],
        });
    }
    if cells.is_empty() {
        return Ok(Figure::empty(title, lang.pick("No path has two events", "Ningún camino tiene dos eventos")));
    }
    let by = result.get("by").and_then(Value::as_str).unwrap_or("person");
    let subtitle = format!(
        "{} ({}); {}",
        lang.pick("Share of each event's next steps", "Parte de los pasos siguientes de cada evento"),
        if by == "session" { lang.pick("by session", "por sesión") } else { lang.pick("by person", "por persona") },
        lang.pick("the most frequent events", "los eventos más frecuentes")
    );
    let heatmap = Heatmap {
        rows: events.clone(),
        columns: events,
        cells,
        x_title: lang.pick("Next event", "Evento siguiente").to_owned(),
        y_title: lang.pick("Event", "Evento").to_owned(),
        color: Axis::new(lang.pick("Share of next steps", "Parte de los siguientes"), Format::Fraction(0))
            .domain(0.0, 1.0),
    };
    Ok(Figure::new(title).subtitle(subtitle).panel(None, Plot::Heatmap(heatmap)))
}

/// Lifecycle: per period, the persons new, returning, resurrecting and gone dormant, one line
/// each on one count axis.
pub(super) fn lifecycle(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Lifecycle", "Ciclo de vida");
    let periods = list(result, "periods")?;
    if periods.is_empty() {
        return Ok(Figure::empty(title, lang.pick("No activity in the log", "Sin actividad en el registro")));
    }
    let labels: Vec<String> = periods.iter().map(|p| name_of(p.get("period"), lang)).collect();
    let line = |key: &str, name: &str, color: &'static str| Line {
        name: name.to_owned(),
        color,
        points: periods.iter().enumerate().map(|(i, p)| (i as f64, p.get(key).and_then(number))).collect(),
        step: false,
    };
    let unit = result.get("period").and_then(Value::as_str).unwrap_or("week");
    let lines = Lines {
        x_title: format!("{} ({unit})", lang.pick("Period", "Periodo")),
        x_kind: XKind::Ordinal,
        x_labels: labels,
        y: Axis::new(lang.pick("Persons", "Personas"), Format::Count),
        series: vec![
            line("new", lang.pick("New", "Nuevos"), BLUE),
            line("returning", lang.pick("Returning", "Recurrentes"), GREEN),
            line("resurrecting", lang.pick("Resurrecting", "Reactivados"), ORANGE),
            line("dormant", lang.pick("Dormant", "Inactivos"), RED),
        ],
        bands: Vec::new(),
    };
    let in_progress = periods.last().and_then(|p| p.get("in_progress")).and_then(Value::as_bool) == Some(true);
    let mut subtitle = lang
        .pick(
            "Active persons by where they come from; dormant: active the period before, not in this one",
            "Personas activas según su origen; inactivos: activos el periodo anterior, no en este",
        )
        .to_owned();
    if in_progress {
        subtitle.push_str(lang.pick(" (the last period is still running)", " (el último periodo sigue en curso)"));
    }
    Ok(Figure::new(title).subtitle(subtitle).panel(None, Plot::Lines(lines)))
}

/// Stickiness: per period (rows), the share of its active persons active on 1, 2, ... days.
pub(super) fn stickiness(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Stickiness", "Recurrencia");
    let periods = list(result, "periods")?;
    let width = periods.first().and_then(|p| p.get("share")).and_then(Value::as_array).map_or(0, Vec::len);
    let mut cells = Vec::new();
    let mut rows = Vec::new();
    for (r, p) in periods.iter().enumerate() {
        let active = p.get("active").and_then(number).unwrap_or(0.0);
        rows.push(format!("{} · {}", name_of(p.get("period"), lang), Format::Count.text(active)));
        let persons = p.get("persons").and_then(Value::as_array);
        for (k, share) in p.get("share").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let Some(share) = number(share) else { continue };
            let count = persons.and_then(|n| n.get(k)).and_then(number);
            cells.push(Cell {
                row: r,
                column: k,
                value: share,
                tips: vec![Tip::number("persons", lang.pick("Persons", "Personas"), count, Format::Count)],
            });
        }
    }
    if cells.is_empty() {
        return Ok(Figure::empty(title, lang.pick("No activity in the log", "Sin actividad en el registro")));
    }
    let heatmap = Heatmap {
        rows,
        columns: (1..=width).map(|k| k.to_string()).collect(),
        cells,
        x_title: lang.pick("Active days in the period", "Días activos en el periodo").to_owned(),
        y_title: lang.pick("Period · active persons", "Periodo · personas activas").to_owned(),
        color: Axis::new(lang.pick("Share of the active", "Parte de los activos"), Format::Fraction(0))
            .domain(0.0, 1.0),
    };
    let subtitle = lang.pick(
        "How many days of each period its active persons came back",
        "Cuántos días de cada periodo volvieron sus personas activas",
    );
    Ok(Figure::new(title).subtitle(subtitle).panel(None, Plot::Heatmap(heatmap)))
}

/// Most drivers a chart shows, the strongest ones.
const MAX_DRIVERS: usize = 15;

/// Drivers of conversion: per candidate, the conversion of the persons with it beside the
/// conversion of those without, the strongest associations first; labels give the odds ratio
/// and mark the significant ones.
pub(super) fn drivers(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("What goes with converting", "Qué acompaña a la conversión");
    let drivers = list(result, "drivers")?;
    if drivers.is_empty() {
        return Ok(Figure::empty(title, lang.pick("No candidate was tested", "No se probó ningún candidato")));
    }
    let (with, without) = (lang.pick("with it", "con ello"), lang.pick("without it", "sin ello"));
    let mut items = Vec::new();
    for d in drivers.iter().take(MAX_DRIVERS) {
        let category = name_of(d.get("label"), lang);
        let ratio = d.get("odds_ratio").and_then(number);
        let mark = if d.get("significant").and_then(Value::as_bool) == Some(true) { " *" } else { "" };
        let odds = ratio.map_or_else(String::new, |r| format!("OR {}{mark}", Format::Number(2).text(r)));
        for (series, (key, group)) in
            [("conversion_with", with), ("conversion_without", without)].into_iter().enumerate()
        {
            let Some(value) = d.get(key).and_then(number) else { continue };
            items.push(Bar {
                category: category.clone(),
                group: Some(group.to_owned()),
                segments: vec![(series, value)],
                interval: None,
                label: Some(if series == 0 {
                    format!("{} · {odds}", Format::Fraction(1).text(value))
                } else {
                    Format::Fraction(1).text(value)
                }),
                tips: vec![
                    Tip::number(
                        "persons",
                        lang.pick("Persons with it", "Personas con ello"),
                        d.get("persons").and_then(number),
                        Format::Count,
                    ),
                    Tip::number(
                        "p",
                        lang.pick("Adjusted p-value", "Valor p ajustado"),
                        d.get("p_adjusted").and_then(number),
                        Format::Number(4),
                    ),
                ],
            });
        }
    }
    let conversion = result.get("conversion").and_then(Value::as_str).unwrap_or_default();
    let subtitle = format!(
        "{} {conversion}; {}",
        lang.pick("Conversion to", "Conversión a"),
        lang.pick(
            "OR: odds ratio, * significant after Benjamini-Hochberg",
            "OR: razón de odds, * significativo tras Benjamini-Hochberg"
        )
    );
    let bars = Bars {
        items,
        axis: Axis::new(lang.pick("Conversion", "Conversión"), Format::Fraction(0)),
        series: vec![
            Swatch { name: with.to_owned(), color: BLUE },
            Swatch { name: without.to_owned(), color: LIGHT_BLUE },
        ],
        legend: true,
        legend_title: None,
        rule: result.get("conversion_rate").and_then(number),
        row: 12,
    };
    Ok(Figure::new(title).subtitle(subtitle).panel(None, Plot::Bars(bars)))
}

/// Characters of a path shown beside its bar.
const MAX_PATH_LABEL: usize = 21;

/// The end of `text`, at most `max` characters, with an ellipsis in front when cut.
fn tail(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    std::iter::once('…').chain(text.chars().skip(count + 1 - max)).collect()
}

/// Flows: the most frequent sequences followed from the start (or to the end), one bar each.
pub(super) fn flows(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Most frequent paths", "Caminos más frecuentes");
    let top = list(result, "top_paths")?;
    if top.is_empty() {
        return Ok(Figure::empty(title, lang.pick("No path holds the anchor", "Ningún camino contiene el ancla")));
    }
    let anchored = result.get("start").is_some_and(|s| !s.is_null());
    let items: Vec<Bar> = top
        .iter()
        .enumerate()
        .map(|(rank, p)| {
            let events: Vec<String> = p
                .get("events")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|e| name_of(Some(e), lang))
                .collect();
            let path = events.join(" → ");
            // Every path from `start` begins with it: the category shows what follows, its end
            // kept when long (where people end up matters most); the tip has the whole path.
            let shown = match events.len() {
                1 if anchored => lang.pick("(nothing after)", "(nada después)").to_owned(),
                _ if anchored => events[1..].join(" → "),
                _ => path.clone(),
            };
            let count = p.get("count").and_then(number).unwrap_or(0.0);
            let share = p.get("share").and_then(number);
            let label = match share {
                Some(s) => format!("{} · {}", Format::Count.text(count), Format::Fraction(1).text(s)),
                None => Format::Count.text(count),
            };
            Bar {
                category: format!("{}. {}", rank + 1, tail(&shown, MAX_PATH_LABEL)),
                group: None,
                segments: vec![(0, count)],
                interval: None,
                label: Some(label),
                tips: vec![Tip::text("path", lang.pick("Path", "Camino"), path)],
            }
        })
        .collect();
    let anchor = match (result.get("start").and_then(Value::as_str), result.get("end").and_then(Value::as_str)) {
        (Some(start), Some(end)) => format!("{start} → … → {end}"),
        (Some(start), None) => format!("{} {start}", lang.pick("from", "desde")),
        (None, Some(end)) => format!("{} {end}", lang.pick("to", "hasta")),
        (None, None) => lang.pick("from the first event", "desde el primer evento").to_owned(),
    };
    let steps = result.get("steps").and_then(number).unwrap_or(0.0);
    let subtitle = format!("{anchor}; {} {}", lang.pick("up to steps:", "hasta pasos:"), Format::Count.text(steps));
    let bars = Bars {
        items,
        axis: Axis::new(lang.pick("Paths", "Caminos"), Format::Count),
        series: vec![Swatch { name: String::new(), color: BLUE }],
        legend: false,
        legend_title: None,
        rule: None,
        row: 16,
    };
    Ok(Figure::new(title).subtitle(subtitle).panel(None, Plot::Bars(bars)))
}

/// Around a funnel step: the most frequent paths of those who dropped there, from the step before.
pub(super) fn funnel_flows(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let dropped = result.get("dropped").cloned().unwrap_or_default();
    let from = result.get("from_step").and_then(Value::as_str).unwrap_or_default();
    let to = result.get("to_step").and_then(Value::as_str).unwrap_or_default();
    let figure = flows(&dropped, options)?;
    let title = format!("{} {from} {} {to}", lang.pick("After", "Tras"), lang.pick("without", "sin"));
    Ok(figure.retitle(&title))
}

/// Most touch values an attribution chart shows (those with the most credit).
const MAX_TOUCHES: usize = 12;

/// Attribution: per touch value, its share of the conversions under each model, side by side
/// (with the bootstrap interval when computed).
pub(super) fn attribution(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title =
        lang.pick("Which touchpoints earned the conversions", "Qué puntos de contacto ganaron las conversiones");
    let rows = list(result, "rows")?;
    if rows.is_empty() {
        return Ok(Figure::empty(
            title,
            lang.pick("No conversion had a touchpoint", "Ninguna conversión tuvo un punto de contacto"),
        ));
    }
    let text = |row: &Value, key: &str| row.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut models: Vec<String> = Vec::new();
    let mut totals: Vec<(String, f64)> = Vec::new();
    for row in rows {
        let (model, touch) = (text(row, "model"), text(row, "touch"));
        if !models.contains(&model) {
            models.push(model);
        }
        let share = row.get("share").and_then(number).unwrap_or(0.0);
        match totals.iter_mut().find(|(t, _)| *t == touch) {
            Some(total) => total.1 += share,
            None => totals.push((touch, share)),
        }
    }
    totals.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let shown: Vec<String> = totals.into_iter().take(MAX_TOUCHES).map(|(t, _)| t).collect();
    let attributed = result.get("attributed_conversions").and_then(number);
    let label = |model: &str| model.replace('_', " ");
    let mut items = Vec::new();
    for touch in &shown {
        for (series, model) in models.iter().enumerate() {
            let Some(row) = rows.iter().find(|r| text(r, "model") == *model && text(r, "touch") == *touch) else {
                continue;
            };
            let Some(share) = row.get("share").and_then(number) else { continue };
            let interval = row.get("conversions_ci").and_then(Value::as_array).and_then(|ci| {
                let (low, high) = (ci.first().and_then(number)?, ci.get(1).and_then(number)?);
                let total = attributed.filter(|t| *t > 0.0)?;
                Some((low / total, high / total))
            });
            let mut tips = vec![
                Tip::number(
                    "conversions",
                    lang.pick("Conversions credited", "Conversiones atribuidas"),
                    row.get("conversions").and_then(number),
                    Format::Number(1),
                ),
                Tip::number(
                    "revenue",
                    lang.pick("Revenue credited", "Ingresos atribuidos"),
                    row.get("revenue").and_then(number),
                    Format::Number(0),
                ),
            ];
            if let Some(roas) = row.get("roas").and_then(number) {
                tips.push(Tip::number("roas", "ROAS", Some(roas), Format::Number(2)));
            }
            items.push(Bar {
                category: touch.clone(),
                group: Some(label(model)),
                segments: vec![(series, share)],
                interval,
                label: Some(Format::Fraction(1).text(share)),
                tips,
            });
        }
    }
    let conversion = result.get("conversion").and_then(Value::as_str).unwrap_or_default();
    let subtitle = format!(
        "{} {conversion} {}",
        lang.pick("Share of the", "Parte de las conversiones a"),
        lang.pick("conversions each model credits", "que atribuye cada modelo")
    );
    let bars = Bars {
        items,
        axis: Axis::new(lang.pick("Share of conversions", "Parte de las conversiones"), Format::Fraction(0)),
        series: (models.iter().enumerate())
            .map(|(i, m)| Swatch { name: label(m), color: PALETTE[i % PALETTE.len()] })
            .collect(),
        legend: true,
        legend_title: Some(lang.pick("Model", "Modelo").to_owned()),
        rule: None,
        row: 12,
    };
    Ok(Figure::new(title).subtitle(subtitle).panel(None, Plot::Bars(bars)))
}
