//! The figure of each chart, from a result's plain data.

use chrono::NaiveDate;
use serde_json::Value;

use super::figure::{
    Axis, BLUE, Band, Bar, Bars, Cell, Figure, Format, GREEN, Heatmap, LIGHT_BLUE, Line, Lines, ORANGE, PALETTE, Plot,
    RED, Swatch, Tip, XKind,
};
use super::{ChartOptions, Lang, field, list};
use crate::error::{Error, Result};
use crate::metrics::{Status, Unit};
use crate::report::render::format_value;

pub(super) fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// A category's name: text as it is, a missing value as `(none)`.
pub(super) fn name_of(value: Option<&Value>, lang: Lang) -> String {
    match value {
        None | Some(Value::Null) => lang.pick("(none)", "(sin valor)").to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts.iter().map(|p| name_of(Some(p), lang)).collect::<Vec<_>>().join(" / "),
        Some(other) => other.to_string(),
    }
}

/// A breakdown's name, or its names joined with " × ".
fn names_of(by: Option<&Value>) -> String {
    match by {
        Some(Value::String(name)) => name.clone(),
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" × "),
        _ => String::new(),
    }
}

fn swatch(name: &str, color: &'static str) -> Swatch {
    Swatch { name: name.to_owned(), color }
}

/// One bar of one value, in the legend's first series.
pub(super) fn single(category: String, value: f64, label: Option<String>, tips: Vec<Tip>) -> Bar {
    Bar { category, group: None, segments: vec![(0, value)], interval: None, label, tips }
}

/// Bars of one series without a legend.
pub(super) fn plain_bars(bars: Vec<Bar>, axis: Axis, row: u32) -> Plot {
    Plot::Bars(Bars {
        items: bars,
        axis,
        series: vec![swatch("", BLUE)],
        legend: false,
        legend_title: None,
        rule: None,
        row,
    })
}

/// Titles of the persons / things a funnel counted.
fn counted(result: &Value, lang: Lang) -> &'static str {
    match result.get("count").and_then(Value::as_str) {
        Some("attempts") => lang.pick("Attempts", "Intentos"),
        _ => lang.pick("Persons", "Personas"),
    }
}

/// A step's label: its count and its conversion from step 1.
fn step_text(step: &Value) -> String {
    let count = step.get("count").and_then(number).unwrap_or(0.0);
    match step.get("conversion_from_start").and_then(number) {
        Some(rate) => format!("{} · {}", Format::Count.text(count), Format::Fraction(1).text(rate)),
        None => Format::Count.text(count),
    }
}

/// A step's conversions, shown when pointing at its bar.
fn step_rates(step: &Value, lang: Lang) -> Vec<Tip> {
    let rate =
        |key: &'static str, title: &str| Tip::number(key, title, step.get(key).and_then(number), Format::Fraction(1));
    vec![
        rate("conversion_from_previous", lang.pick("From previous", "Desde el anterior")),
        rate("conversion_from_start", lang.pick("From step 1", "Desde el paso 1")),
    ]
}

/// Funnel: one bar per step, proportional to its count on a linear axis from zero, labelled
/// with the count and the conversion from step 1; persons still within their window stacked
/// after it in a lighter shade. Broken down: one bar per value within each step.
pub(super) fn funnel(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Funnel", "Embudo");
    let steps = list(result, "steps")?;
    if steps.is_empty() {
        return Ok(Figure::empty(title, lang.pick("No steps", "Sin pasos")));
    }
    let persons = counted(result, lang);
    let axis = Axis::new(persons, Format::Count);
    let category = |i: usize, step: &Value| {
        let name = step.get("label").and_then(Value::as_str).unwrap_or_default();
        format!("{}. {name}", i + 1)
    };
    let description = lang.pick(
        "Bars proportional to counts on a linear axis from zero; labels: count and conversion from step 1.",
        "Barras proporcionales a los conteos en un eje lineal desde cero; etiquetas: conteo y conversión desde el paso 1.",
    );
    if let Some(breakdown) = result.get("breakdown").filter(|b| !b.is_null()) {
        let by = names_of(breakdown.get("by"));
        let groups = list(breakdown, "values")?;
        let series: Vec<Swatch> = groups
            .iter()
            .enumerate()
            .map(|(g, group)| swatch(&name_of(group.get("value"), lang), PALETTE[g % PALETTE.len()]))
            .collect();
        let mut bars = Vec::new();
        for i in 0..steps.len() {
            for (g, group) in groups.iter().enumerate() {
                let Some(step) = list(group, "steps")?.get(i) else { continue };
                bars.push(Bar {
                    category: category(i, step),
                    group: Some(series[g].name.clone()),
                    segments: vec![(g, step.get("count").and_then(number).unwrap_or(0.0))],
                    interval: None,
                    label: Some(step_text(step)),
                    tips: step_rates(step, lang),
                });
            }
        }
        let plot = Plot::Bars(Bars {
            items: bars,
            axis,
            series,
            legend: true,
            legend_title: Some(by.clone()),
            rule: None,
            row: 14,
        });
        let figure = Figure::new(title)
            .subtitle(format!("{} {by}", lang.pick("by", "por")))
            .description(description)
            .panel(None, plot);
        return Ok(with_trend(figure, result, lang));
    }
    let (reached, waiting) = (lang.pick("reached", "alcanzaron"), lang.pick("in progress", "en curso"));
    let mut any_waiting = false;
    let bars = steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let mut segments = vec![(0, step.get("count").and_then(number).unwrap_or(0.0))];
            let in_progress = step.get("in_progress").and_then(number).unwrap_or(0.0);
            if in_progress > 0.0 {
                segments.push((1, in_progress));
                any_waiting = true;
            }
            Bar {
                category: category(i, step),
                group: None,
                segments,
                interval: None,
                label: Some(step_text(step)),
                tips: step_rates(step, lang),
            }
        })
        .collect();
    let plot = Plot::Bars(Bars {
        items: bars,
        axis,
        series: vec![swatch(reached, BLUE), swatch(waiting, LIGHT_BLUE)],
        legend: any_waiting,
        legend_title: None,
        rule: None,
        row: 32,
    });
    Ok(with_trend(Figure::new(title).description(description).panel(None, plot), result, lang))
}

/// A funnel with a trend gets a panel of each step's conversion from step 1 per entry period.
fn with_trend(figure: Figure, result: &Value, lang: Lang) -> Figure {
    let Some(periods) = result.get("trend").and_then(|t| t.get("periods")).and_then(Value::as_array) else {
        return figure;
    };
    let labels: Vec<String> =
        list(result, "steps").map(|s| s.iter().map(|s| name_of(s.get("label"), lang)).collect()).unwrap_or_default();
    let series = (1..labels.len())
        .map(|step| Line {
            name: format!("{}. {}", step + 1, labels[step]),
            color: PALETTE[(step - 1) % PALETTE.len()],
            points: periods
                .iter()
                .filter_map(|p| {
                    let start = time_ms(p.get("start"))?;
                    Some((start, p.get("conversion_from_start").and_then(|c| c.get(step)).and_then(number)))
                })
                .collect(),
            step: false,
        })
        .collect();
    let tz = result.get("trend").and_then(|t| t.get("tz")).and_then(Value::as_str).unwrap_or("UTC");
    let lines = Lines {
        x_title: format!("{} ({tz})", lang.pick("Entry period", "Periodo de entrada")),
        x_kind: XKind::Days,
        x_labels: Vec::new(),
        y: Axis::new(lang.pick("Conversion from step 1", "Conversión desde el paso 1"), Format::Fraction(0)),
        series,
        bands: Vec::new(),
    };
    figure.panel(Some(lang.pick("Conversion over time", "Conversión en el tiempo").to_owned()), Plot::Lines(lines))
}

/// Retention: a cohort × period heatmap of the share of each cohort active in each period;
/// censored cells (not observable yet) are blank; cohort sizes in the row labels.
pub(super) fn retention(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Retention", "Retención");
    let cohorts = list(result, "cohorts")?;
    let periods = list(result, "periods")?;
    let sizes = list(result, "cohort_size")?;
    let rates = list(result, "rates")?;
    let counts = list(result, "counts")?;
    let unit = field(result, "period")?.as_str().unwrap_or_default();
    let rows: Vec<String> = cohorts
        .iter()
        .enumerate()
        .map(|(c, cohort)| {
            let size = sizes.get(c).and_then(number).unwrap_or(0.0);
            format!("{} · {}", name_of(Some(cohort), lang), Format::Count.text(size))
        })
        .collect();
    let columns: Vec<String> = periods.iter().map(|p| name_of(Some(p), lang)).collect();
    let active = lang.pick("Active persons", "Personas activas");
    let mut cells = Vec::new();
    for (c, row) in rates.iter().enumerate().take(rows.len()) {
        for (p, rate) in row.as_array().into_iter().flatten().enumerate().take(columns.len()) {
            let Some(rate) = number(rate) else { continue };
            let count = counts.get(c).and_then(|r| r.get(p)).and_then(number);
            cells.push(Cell {
                row: c,
                column: p,
                value: rate,
                tips: vec![Tip::number("count", active, count, Format::Count)],
            });
        }
    }
    if cells.is_empty() {
        return Ok(Figure::empty(
            title,
            lang.pick("No cohort has an observable period yet", "Ninguna cohorte tiene aún un periodo observable"),
        ));
    }
    let x_title = match result.get("kind").and_then(Value::as_str) {
        Some("brackets") => {
            lang.pick("Periods since the cohort (brackets)", "Periodos desde la cohorte (tramos)").to_owned()
        }
        _ => format!("{} ({unit})", lang.pick("Periods since the cohort", "Periodos desde la cohorte")),
    };
    let subtitle = format!(
        "{} ({unit}); {}",
        lang.pick("Share of each cohort active in each period", "Parte de cada cohorte activa en cada periodo"),
        lang.pick("blank: not observable yet", "en blanco: aún no observable")
    );
    let heatmap = Heatmap {
        rows,
        columns,
        cells,
        x_title,
        y_title: lang.pick("Cohort · persons", "Cohorte · personas").to_owned(),
        color: Axis::new(lang.pick("Active", "Activos"), Format::Fraction(1)).domain(0.0, 1.0),
    };
    Ok(Figure::new(title).subtitle(subtitle).panel(None, Plot::Heatmap(heatmap)))
}

/// Milliseconds since the epoch of a `YYYY-MM-DD` day (UTC midnight).
fn day_ms(text: &str) -> Option<f64> {
    let day = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis() as f64)
}

/// Trends: persons per period (registrations, attendance, conversions) in one panel, revenue in
/// its own panel: counts and money never share an axis.
pub(super) fn trends(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Trends", "Tendencias");
    let points = list(result, "series")?;
    if points.is_empty() {
        return Ok(Figure::empty(title, lang.pick("No activity in the log", "Sin actividad en el registro")));
    }
    let period = result.get("period").and_then(Value::as_str).unwrap_or("day");
    let tz = result.get("tz").and_then(Value::as_str).unwrap_or("UTC");
    let x_title =
        format!("{} ({tz})", if period == "week" { lang.pick("Week", "Semana") } else { lang.pick("Day", "Día") });
    let line = |key: &str, name: &str, color: &'static str| Line {
        name: name.to_owned(),
        color,
        points: points
            .iter()
            .filter_map(|p| Some((day_ms(p.get("start")?.as_str()?)?, p.get(key).and_then(number))))
            .collect(),
        step: false,
    };
    let lines = |series: Vec<Line>, y: Axis| {
        Plot::Lines(Lines {
            x_title: x_title.clone(),
            x_kind: XKind::Days,
            x_labels: Vec::new(),
            y,
            series,
            bands: Vec::new(),
        })
    };
    let persons = lang.pick("Persons", "Personas");
    let counts = lines(
        vec![
            line("registrations", lang.pick("Registrations", "Registros"), BLUE),
            line("attendance", lang.pick("Attendance", "Asistencia"), ORANGE),
            line("conversions", lang.pick("Conversions", "Conversiones"), RED),
        ],
        Axis::new(persons, Format::Count),
    );
    let money = lang.pick("Revenue", "Ingresos");
    let revenue = lines(
        vec![line("revenue", money, GREEN)],
        Axis::new(format!("{money} ({})", lang.pick("currency", "moneda")), Format::Number(0)),
    );
    let per = lang.pick("per period", "por periodo");
    Ok(Figure::new(title)
        .subtitle(lang.pick("Counts and money in separate panels", "Conteos y dinero en paneles separados"))
        .panel(Some(format!("{persons} {per}")), counts)
        .panel(Some(format!("{money} {per}")), revenue))
}

/// One panel of bars per metric, each with its own axis: `(key, title, unit, format)`.
type Metric<'a> = (&'a str, &'a str, &'a str, Format);

fn metric_panels(figure: Figure, rows: &[(String, &Value)], metrics: &[Metric<'_>]) -> Figure {
    metrics.iter().fold(figure, |figure, (key, label, unit, format)| {
        let bars: Vec<Bar> = rows
            .iter()
            .filter_map(|(category, row)| {
                let value = row.get(*key).and_then(number)?;
                Some(single(category.clone(), value, Some(format.text(value)), Vec::new()))
            })
            .collect();
        if bars.is_empty() {
            return figure;
        }
        figure.panel(Some((*label).to_owned()), plain_bars(bars, Axis::new(format!("{label} ({unit})"), *format), 18))
    })
}

/// Channel performance: one bar panel per metric, each with its own axis and unit (persons,
/// rates, money; cost, cost per lead, ROAS and ROI when spend was given).
pub(super) fn channels(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Channel performance", "Rendimiento por canal");
    let rows =
        result.as_array().ok_or_else(|| Error::invalid_parameter("result", "expected the list of channel rows"))?;
    if rows.is_empty() {
        return Ok(Figure::empty(title, lang.pick("No contacts", "Sin contactos")));
    }
    let (persons, currency) = (lang.pick("persons", "personas"), lang.pick("currency", "moneda"));
    let mut metrics = vec![
        ("registrations", lang.pick("Registrations", "Registros"), persons, Format::Count),
        ("conversions", lang.pick("Conversions", "Conversiones"), persons, Format::Count),
        (
            "conversion_rate",
            lang.pick("Conversion rate", "Tasa de conversión"),
            lang.pick("of registrations", "de los registros"),
            Format::Fraction(1),
        ),
        ("revenue", lang.pick("Revenue", "Ingresos"), currency, Format::Number(0)),
    ];
    if rows.iter().any(|r| r.get("cost").is_some()) {
        metrics.extend([
            ("cost", lang.pick("Cost", "Coste"), currency, Format::Number(0)),
            ("cost_per_lead", lang.pick("Cost per lead", "Coste por lead"), currency, Format::Number(2)),
            ("roas", "ROAS", lang.pick("revenue / cost", "ingresos / coste"), Format::Number(2)),
            ("roi_percent", "ROI", "%", Format::Number(0)),
        ]);
    }
    let named: Vec<(String, &Value)> = rows.iter().map(|r| (name_of(r.get("channel"), lang), r)).collect();
    let figure = Figure::new(title).subtitle(
        lang.pick("One panel per metric, each with its own axis", "Un panel por métrica, cada uno con su eje"),
    );
    Ok(metric_panels(figure, &named, &metrics))
}

const STATUS_COLORS: [(Status, &str); 3] =
    [(Status::OnTrack, GREEN), (Status::AtRisk, ORANGE), (Status::OffTrack, RED)];

/// Scorecard: a bullet per metric with a target, the value as a share of its target (1 = met)
/// coloured by status, labelled with the value in its unit.
pub(super) fn scorecard(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Scorecard", "Cuadro de mando");
    let mut bars = Vec::new();
    for metric in list(result, "metrics")? {
        let (Some(progress), Some(value)) =
            (metric.get("progress").and_then(number), metric.get("value").and_then(number))
        else {
            continue;
        };
        let status = metric.get("status").and_then(|s| serde_json::from_value::<Status>(s.clone()).ok());
        let Some(index) = status.and_then(|s| STATUS_COLORS.iter().position(|(known, _)| *known == s)) else {
            continue;
        };
        let label = metric
            .get(if lang == Lang::Es { "label_es" } else { "label_en" })
            .and_then(Value::as_str)
            .unwrap_or_default();
        let unit =
            metric.get("unit").and_then(|u| serde_json::from_value::<Unit>(u.clone()).ok()).unwrap_or(Unit::Ratio);
        let text = format!(
            "{} / {}",
            format_value(Some(value), unit),
            format_value(metric.get("target").and_then(number), unit)
        );
        let tips = vec![Tip::text("value_target", lang.pick("Value / target", "Valor / objetivo"), text.clone())];
        bars.push(Bar {
            category: label.to_owned(),
            group: None,
            segments: vec![(index, progress.clamp(0.0, 2.0))],
            interval: None,
            label: Some(text),
            tips,
        });
    }
    if bars.is_empty() {
        return Ok(Figure::empty(
            title,
            lang.pick("No metric has both a value and a target", "Ninguna métrica tiene valor y objetivo"),
        ));
    }
    let plot = Plot::Bars(Bars {
        items: bars,
        axis: Axis::new(lang.pick("Share of target", "Parte del objetivo"), Format::Fraction(0)).domain(0.0, 2.0),
        series: STATUS_COLORS.iter().map(|(s, c)| swatch(s.label(lang), c)).collect(),
        legend: true,
        legend_title: None,
        rule: Some(1.0),
        row: 24,
    });
    Ok(Figure::new(title)
        .subtitle(lang.pick(
            "Value as a share of its target (1 = target met; bars end at 2)",
            "Valor como parte de su objetivo (1 = objetivo cumplido; las barras acaban en 2)",
        ))
        .panel(None, plot))
}

/// Milliseconds since the epoch of a result's timestamp text (a chart needs no finer time).
fn time_ms(value: Option<&Value>) -> Option<f64> {
    let micros = crate::events::time::parse_iso8601(value?.as_str()?)?;
    // Whole milliseconds, as JavaScript's `Date.parse` reads the same text.
    Some(micros.div_euclid(1000) as f64)
}

/// Attendance: concurrent viewers over time as a step line with the agenda's sections shaded,
/// and the retention of each section.
pub(super) fn attendance(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Attendance", "Asistencia");
    let timeline = list(result, "timeline")?;
    let sections = list(result, "sections")?;
    if timeline.is_empty() {
        return Ok(Figure::empty(title, lang.pick("Nobody joined", "Nadie se unió")));
    }
    let viewers = lang.pick("Viewers", "Espectadores");
    let points: Vec<(f64, Option<f64>)> =
        timeline.iter().filter_map(|p| Some((time_ms(p.get("ts"))?, p.get("viewers").and_then(number)))).collect();
    let bands: Vec<Band> = sections
        .iter()
        .filter_map(|s| {
            Some(Band {
                from: time_ms(s.get("start"))?,
                to: time_ms(s.get("end"))?,
                name: name_of(s.get("name"), lang),
            })
        })
        .collect();
    let lines = Lines {
        x_title: lang.pick("Time (UTC)", "Hora (UTC)").to_owned(),
        x_kind: XKind::Times,
        x_labels: Vec::new(),
        y: Axis::new(lang.pick("Concurrent viewers", "Espectadores simultáneos"), Format::Count),
        series: vec![Line { name: viewers.to_owned(), color: BLUE, points, step: true }],
        bands,
    };
    let mut figure = Figure::new(title)
        .subtitle(format!(
            "{}: {}",
            lang.pick("Peak", "Pico"),
            Format::Count.text(result.get("peak_viewers").and_then(number).unwrap_or(0.0))
        ))
        .panel(Some(lang.pick("Concurrent viewers", "Espectadores simultáneos").to_owned()), Plot::Lines(lines));
    let retained: Vec<Bar> = sections
        .iter()
        .filter_map(|s| {
            let percent = s.get("retention_percent").and_then(number)?;
            let present = s.get("present").and_then(number);
            let tips = vec![Tip::number("present", lang.pick("Present", "Presentes"), present, Format::Count)];
            Some(single(name_of(s.get("name"), lang), percent, Some(format!("{percent:.0}%")), tips))
        })
        .collect();
    if !retained.is_empty() {
        let axis = Axis::new(lang.pick("% of live attendees", "% de los asistentes en directo"), Format::Number(0));
        figure = figure.panel(
            Some(lang.pick("Retention per section", "Retención por sección").to_owned()),
            plain_bars(retained, axis, 20),
        );
    }
    Ok(figure)
}

/// Experiment: each variant's conversion rate with its interval.
pub(super) fn experiment(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Experiment", "Experimento");
    let variants = list(result, "variants")?;
    let alpha = result.get("alpha").and_then(number).unwrap_or(0.05);
    let control = result.get("control").and_then(Value::as_str).unwrap_or_default();
    let bars: Vec<Bar> = variants
        .iter()
        .filter_map(|v| {
            let rate = v.get("conversion_rate").and_then(number)?;
            let interval = v.get("rate_ci_low").and_then(number).zip(v.get("rate_ci_high").and_then(number));
            let n = v.get("n").and_then(number).unwrap_or(0.0);
            let beat = v.get("vs_control").and_then(|c| c.get("probability_to_beat_control")).and_then(number);
            let p =
                v.get("vs_control").and_then(|c| c.get("conversion")).and_then(|t| t.get("p_value")).and_then(number);
            let tips = vec![
                Tip::number("n", "n", Some(n), Format::Count),
                Tip::number(
                    "p_value",
                    lang.pick("p-value vs control", "valor p frente al control"),
                    p,
                    Format::Number(3),
                ),
                Tip::number(
                    "probability_to_beat_control",
                    lang.pick("Chance to beat control", "Probabilidad de superar al control"),
                    beat,
                    Format::Fraction(1),
                ),
            ];
            let label = format!("{} (n={})", Format::Fraction(1).text(rate), Format::Count.text(n));
            let name = name_of(v.get("variant"), lang);
            let mut bar = single(name, rate, Some(label), tips);
            bar.interval = interval;
            Some(bar)
        })
        .collect();
    if bars.is_empty() {
        return Ok(Figure::empty(title, lang.pick("No variant has persons", "Ninguna variante tiene personas")));
    }
    let axis = Axis::new(lang.pick("Conversion rate", "Tasa de conversión"), Format::Fraction(1));
    let subtitle = format!(
        "{} {:.0}% · {}: {control}",
        lang.pick("Lines: intervals at", "Líneas: intervalos al"),
        (1.0 - alpha) * 100.0,
        lang.pick("control", "control")
    );
    Ok(Figure::new(title).subtitle(subtitle).panel(None, plain_bars(bars, axis, 28)))
}

/// Segments: a profile of each segment, one bar panel per quantity (size, conversion, revenue,
/// then each clustering feature's mean).
pub(super) fn segments(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Segments", "Segmentos");
    let segments = list(result, "segments")?;
    if segments.is_empty() {
        return Ok(Figure::empty(title, lang.pick("No contacts to segment", "Sin contactos que segmentar")));
    }
    let named: Vec<(String, &Value)> = segments
        .iter()
        .map(|s| (format!("{} {}", lang.pick("Segment", "Segmento"), name_of(s.get("segment"), lang)), s))
        .collect();
    let (persons, currency) = (lang.pick("persons", "personas"), lang.pick("currency", "moneda"));
    let metrics: Vec<Metric<'_>> = vec![
        ("size", lang.pick("Size", "Tamaño"), persons, Format::Count),
        (
            "conversion_rate",
            lang.pick("Conversion rate", "Tasa de conversión"),
            lang.pick("of the segment", "del segmento"),
            Format::Fraction(1),
        ),
        ("revenue_mean", lang.pick("Mean revenue", "Ingresos medios"), currency, Format::Number(2)),
    ];
    let figure =
        Figure::new(title).subtitle(lang.pick(
            "A profile of each segment; one panel per quantity",
            "Perfil de cada segmento; un panel por magnitud",
        ));
    let mut figure = metric_panels(figure, &named, &metrics);
    // Feature means live in a map per segment: one panel per feature.
    for feature in list(result, "features")?.iter().filter_map(Value::as_str) {
        let rows: Vec<(String, Value)> = named
            .iter()
            .map(|(name, s)| (name.clone(), serde_json::json!({"mean": s.get("means").and_then(|m| m.get(feature))})))
            .collect();
        let refs: Vec<(String, &Value)> = rows.iter().map(|(n, v)| (n.clone(), v)).collect();
        let label = format!("{} {feature}", lang.pick("Mean", "Media de"));
        let mean: [Metric<'_>; 1] = [("mean", &label, lang.pick("per contact", "por contacto"), Format::Number(2))];
        figure = metric_panels(figure, &refs, &mean);
    }
    Ok(figure)
}

/// A duration as people read it: `45 s`, `12 min`, `3.5 h`, `2.1 d`.
fn duration(seconds: f64) -> String {
    let trim = |v: f64| {
        let text = format!("{v:.1}");
        text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
    };
    match seconds.abs() {
        s if s < 60.0 => format!("{} s", trim(seconds)),
        s if s < 3600.0 => format!("{} min", trim(seconds / 60.0)),
        s if s < 86_400.0 => format!("{} h", trim(seconds / 3600.0)),
        _ => format!("{} d", trim(seconds / 86_400.0)),
    }
}

/// Time to convert: a histogram of the times (one bar per bin) and the Kaplan-Meier curve of
/// the share of entrants not yet converted, at the bins' edges.
pub(super) fn time_to_convert(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Time to convert", "Tiempo hasta convertir");
    let histogram = field(result, "histogram")?;
    let edges: Vec<f64> = list(histogram, "edges")?.iter().filter_map(number).collect();
    let counts: Vec<f64> = list(histogram, "counts")?.iter().filter_map(number).collect();
    if counts.is_empty() || edges.len() != counts.len() + 1 {
        return Ok(Figure::empty(title, lang.pick("No one converted", "Nadie convirtió")));
    }
    let persons = lang.pick("Persons", "Personas");
    let bars: Vec<Bar> = counts
        .iter()
        .enumerate()
        .map(|(i, count)| {
            let category = format!("{} – {}", duration(edges[i]), duration(edges[i + 1]));
            single(category, *count, Some(Format::Count.text(*count)), Vec::new())
        })
        .collect();
    let median = list(result, "percentiles")?
        .iter()
        .find(|p| p.get("p").and_then(number) == Some(50.0))
        .and_then(|p| p.get("seconds").and_then(number));
    let mut figure = Figure::new(title);
    if let Some(median) = median {
        figure = figure.subtitle(format!("{}: {}", lang.pick("Median", "Mediana"), duration(median)));
    }
    let survival = list(result, "survival")?;
    let labels: Vec<String> = edges.iter().map(|e| duration(*e)).collect();
    let points: Vec<(f64, Option<f64>)> =
        survival.iter().enumerate().map(|(i, p)| (i as f64, p.get("not_converted").and_then(number))).collect();
    let not_converted = lang.pick("Not converted yet", "Aún sin convertir");
    let curve = Lines {
        x_title: lang.pick("Time since step 1", "Tiempo desde el paso 1").to_owned(),
        x_kind: XKind::Ordinal,
        x_labels: labels,
        y: Axis::new(not_converted, Format::Fraction(0)).domain(0.0, 1.0),
        series: vec![Line { name: not_converted.to_owned(), color: BLUE, points, step: true }],
        bands: Vec::new(),
    };
    Ok(figure
        .panel(
            Some(lang.pick("Times to convert", "Tiempos hasta convertir").to_owned()),
            plain_bars(bars, Axis::new(persons, Format::Count), 16),
        )
        .panel(
            Some(
                lang.pick(
                    "Share of entrants not converted (Kaplan-Meier)",
                    "Parte de los que entraron sin convertir (Kaplan-Meier)",
                )
                .to_owned(),
            ),
            Plot::Lines(curve),
        ))
}

/// A change explained: per segment, its mix and rate effects side by side (percentage points of
/// conversion), largest first; the total in the subtitle.
pub(super) fn change(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Why conversion changed", "Por qué cambió la conversión");
    let Some(total) = result.get("total_change").and_then(number) else {
        return Ok(Figure::empty(title, lang.pick("A period has no entrants", "Un periodo no tiene entradas")));
    };
    let by = names_of(result.get("by"));
    let (mix, rate) = (lang.pick("mix", "mezcla"), lang.pick("rate", "tasa"));
    let mut bars = Vec::new();
    for segment in list(result, "segments")? {
        let category = name_of(segment.get("value"), lang);
        for (index, (key, group)) in [("mix_effect", mix), ("rate_effect", rate)].into_iter().enumerate() {
            let effect = segment.get(key).and_then(number).unwrap_or(0.0);
            bars.push(Bar {
                category: category.clone(),
                group: Some(group.to_owned()),
                segments: vec![(index, effect * 100.0)],
                interval: None,
                label: Some(format!("{:+.1}", effect * 100.0)),
                tips: Vec::new(),
            });
        }
    }
    let points = lang.pick("Percentage points", "Puntos porcentuales");
    let plot = Plot::Bars(Bars {
        items: bars,
        axis: Axis::new(
            format!("{points} ({})", lang.pick("effect on conversion", "efecto en la conversión")),
            Format::Number(1),
        ),
        series: vec![swatch(mix, ORANGE), swatch(rate, BLUE)],
        legend: true,
        legend_title: None,
        rule: Some(0.0),
        row: 14,
    });
    Ok(Figure::new(title)
        .subtitle(format!(
            "{} {:+.1} {} ({by}): {} {:+.1}, {} {:+.1}",
            lang.pick("Total", "Total"),
            total * 100.0,
            lang.pick("points", "puntos"),
            mix,
            result.get("mix_effect").and_then(number).unwrap_or(0.0) * 100.0,
            rate,
            result.get("rate_effect").and_then(number).unwrap_or(0.0) * 100.0,
        ))
        .panel(None, plot))
}

fn widget_title(widget: &Value, lang: Lang) -> String {
    let key = if lang == Lang::Es { "title_es" } else { "title_en" };
    widget.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn series_name(series: &Value, lang: Lang) -> String {
    let key = if lang == Lang::Es { "label_es" } else { "label_en" };
    series.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// Whether a dashboard series is money (its own panel, never on a count axis).
fn is_money(series: &Value) -> bool {
    series.get("id").and_then(Value::as_str).is_some_and(|id| id.contains("revenue") || id.contains("cost"))
}

/// The interaction columns of the engagement heatmap, as people read them.
const INTERACTION_NAMES: [(&str, &str, &str); 4] = [
    ("chat", "Chat", "Chat"),
    ("questions", "Q&A", "Preguntas"),
    ("polls", "Polls", "Encuestas"),
    ("screen_share", "Screen share", "Pantalla compartida"),
];

/// A dashboard widget: the stage funnel, bars per category, lines over time, the engagement
/// heatmap, shares of a whole.
pub(super) fn widget(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = widget_title(result, lang);
    let none = Figure::empty(&title, lang.pick("Nothing to draw", "Nada que dibujar"));
    let figure = match field(result, "type")?.as_str().unwrap_or_default() {
        "funnel_chart" => widget_funnel(result, &title, lang)?,
        "bar_chart" => widget_bars(result, &title, lang)?,
        "line_chart" => widget_lines(result, &title, lang)?,
        "heatmap" => widget_heatmap(result, &title, lang)?,
        "pie_chart" => widget_shares(result, &title, lang)?,
        other => {
            return Err(Error::invalid_parameter(
                "result.type",
                format!(
                    "{other:?} widgets have no chart; charts exist for funnel_chart, bar_chart, line_chart, heatmap, pie_chart"
                ),
            ));
        }
    };
    Ok(if figure.panels.is_empty() { none } else { figure })
}

/// The stage funnel: bars proportional to the stages' values.
fn widget_funnel(result: &Value, title: &str, lang: Lang) -> Result<Figure> {
    let bars: Vec<Bar> = list(result, "stages")?
        .iter()
        .filter_map(|s| {
            let value = s.get("value").and_then(number)?;
            let overall = s.get("overall_conversion_percent").and_then(number);
            let label = match overall {
                Some(p) => format!("{} · {p:.2}%", Format::Count.text(value)),
                None => Format::Count.text(value),
            };
            let tips = vec![Tip::number(
                "step_conversion_percent",
                lang.pick("% of the previous stage", "% de la etapa anterior"),
                s.get("step_conversion_percent").and_then(number),
                Format::Number(1),
            )];
            Some(single(series_name(s, lang), value, Some(label), tips))
        })
        .collect();
    if bars.is_empty() {
        return Ok(Figure::new(title));
    }
    Ok(Figure::new(title)
        .subtitle(lang.pick(
            "Bars proportional to values on a linear axis from zero; labels: value · % of the first stage",
            "Barras proporcionales en un eje lineal desde cero; etiquetas: valor · % de la primera etapa",
        ))
        .panel(None, plain_bars(bars, Axis::new(lang.pick("Value", "Valor"), Format::Count), 30)))
}

/// Bars per category, one panel per series (counts and money never share an axis).
fn widget_bars(result: &Value, title: &str, lang: Lang) -> Result<Figure> {
    let categories: Vec<String> = list(result, "categories")?.iter().map(|c| name_of(Some(c), lang)).collect();
    let mut figure = Figure::new(title);
    for series in list(result, "series")? {
        let name = series_name(series, lang);
        let format = if is_money(series) { Format::Number(0) } else { Format::Count };
        let bars: Vec<Bar> = categories
            .iter()
            .zip(list(series, "values")?)
            .filter_map(|(c, v)| number(v).map(|v| single(c.clone(), v, Some(format.text(v)), Vec::new())))
            .collect();
        if !bars.is_empty() {
            figure = figure.panel(Some(name.clone()), plain_bars(bars, Axis::new(name, format), 18));
        }
    }
    Ok(figure)
}

/// Lines over ordered periods: counts in one panel, money in another.
fn widget_lines(result: &Value, title: &str, lang: Lang) -> Result<Figure> {
    let x_labels: Vec<String> = list(result, "x")?.iter().map(|x| name_of(Some(x), lang)).collect();
    let all = list(result, "series")?;
    let mut figure = Figure::new(title);
    for money in [false, true] {
        let series: Vec<Line> = all
            .iter()
            .filter(|s| is_money(s) == money)
            .enumerate()
            .map(|(i, s)| Line {
                name: series_name(s, lang),
                color: if money { GREEN } else { PALETTE[i % PALETTE.len()] },
                points: s
                    .get("values")
                    .and_then(Value::as_array)
                    .map(|v| v.iter().enumerate().map(|(x, y)| (x as f64, number(y))).collect())
                    .unwrap_or_default(),
                step: false,
            })
            .collect();
        if series.is_empty() {
            continue;
        }
        let (panel, y) = if money {
            let revenue = lang.pick("Revenue", "Ingresos");
            (revenue, Axis::new(format!("{revenue} ({})", lang.pick("currency", "moneda")), Format::Number(0)))
        } else {
            let count = lang.pick("Count", "Cantidad");
            (count, Axis::new(count, Format::Count))
        };
        let lines = Lines {
            x_title: String::new(),
            x_kind: XKind::Ordinal,
            x_labels: x_labels.clone(),
            y,
            series,
            bands: Vec::new(),
        };
        figure = figure.panel(Some(panel.to_owned()), Plot::Lines(lines));
    }
    Ok(figure)
}

/// The engagement heatmap: agenda sections × interactions.
fn widget_heatmap(result: &Value, title: &str, lang: Lang) -> Result<Figure> {
    // Interactions (counts) only: the retention column is a percent and is drawn apart.
    let columns = list(result, "columns")?;
    let keep: Vec<(usize, String)> = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let id = c.as_str()?;
            let (_, en, es) = INTERACTION_NAMES.iter().find(|(known, ..)| *known == id)?;
            Some((i, lang.pick(en, es).to_owned()))
        })
        .collect();
    let rows: Vec<String> = list(result, "rows")?.iter().map(|r| name_of(Some(r), lang)).collect();
    let values = list(result, "values")?;
    let mut cells = Vec::new();
    for (r, row) in values.iter().enumerate().take(rows.len()) {
        for (c, (i, _)) in keep.iter().enumerate() {
            if let Some(v) = row.get(*i).and_then(number) {
                cells.push(Cell { row: r, column: c, value: v, tips: Vec::new() });
            }
        }
    }
    if cells.is_empty() {
        return Ok(Figure::new(title));
    }
    let heatmap = Heatmap {
        rows,
        columns: keep.into_iter().map(|(_, name)| name).collect(),
        cells,
        x_title: lang.pick("Interaction", "Interacción").to_owned(),
        y_title: lang.pick("Agenda section", "Sección de la agenda").to_owned(),
        color: Axis::new(lang.pick("Interactions", "Interacciones"), Format::Count),
    };
    Ok(Figure::new(title).panel(None, Plot::Heatmap(heatmap)))
}

/// Shares of a whole, as bars: lengths compare better than angles.
fn widget_shares(result: &Value, title: &str, lang: Lang) -> Result<Figure> {
    // Shares as bars: lengths compare better than angles.
    let bars: Vec<Bar> = list(result, "slices")?
        .iter()
        .filter_map(|s| {
            let share = s.get("share").and_then(number)?;
            let count = s.get("value").and_then(number);
            let tips = vec![Tip::number("count", lang.pick("Contacts", "Contactos"), count, Format::Count)];
            Some(single(name_of(s.get("label"), lang), share, Some(Format::Fraction(1).text(share)), tips))
        })
        .collect();
    if bars.is_empty() {
        return Ok(Figure::new(title));
    }
    let axis = Axis::new(lang.pick("Share of contacts", "Parte de los contactos"), Format::Fraction(0));
    Ok(Figure::new(title).panel(None, plain_bars(bars, axis, 18)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration(45.0), "45 s");
        assert_eq!(duration(720.0), "12 min");
        assert_eq!(duration(12_600.0), "3.5 h");
        assert_eq!(duration(172_800.0), "2 d");
    }

    #[test]
    fn days_read_as_utc_midnight() {
        assert_eq!(day_ms("1970-01-02"), Some(86_400_000.0));
        assert_eq!(day_ms("2024-W11"), None);
        assert_eq!(name_of(None, Lang::Es), "(sin valor)");
    }
}
