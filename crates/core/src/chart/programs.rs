//! Charts of webinar programs: the series table, the attendance backtest and forecast, and the
//! conversion model's calibration.

use serde_json::Value;

use super::figure::{Axis, BLUE, Bar, Bars, Figure, Format, LIGHT_BLUE, Line, Lines, ORANGE, Plot, Swatch, Tip, XKind};
use super::specs::{name_of, number, plain_bars, single};
use super::{ChartOptions, list};
use crate::error::Result;

/// The series' median of `metric` in a webinar table.
fn median(result: &Value, metric: &str) -> Option<f64> {
    result
        .get("series")?
        .as_array()?
        .iter()
        .find(|s| s.get("metric").and_then(Value::as_str) == Some(metric))?
        .get("median")
        .and_then(number)
}

/// Webinars: attendees per webinar (live, then on demand only) against the series' median, and
/// each webinar's attendance rate.
pub(super) fn webinars(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Webinars", "Webinars");
    let rows = list(result, "webinars")?;
    if rows.is_empty() {
        return Ok(Figure::empty(
            title,
            lang.pick("No event names a webinar (webinar_id)", "Ningún evento nombra un webinar (webinar_id)"),
        ));
    }
    let get = |row: &Value, key: &str| row.get(key).and_then(number);
    let (live, on_demand) = (lang.pick("Live", "En directo"), lang.pick("On demand only", "Solo en diferido"));
    let attendees: Vec<Bar> = rows
        .iter()
        .map(|row| {
            let total = get(row, "attendees").unwrap_or(0.0);
            let watched_live = get(row, "live_attendees").unwrap_or(0.0).min(total);
            let tips = vec![
                Tip::number(
                    "registrations",
                    lang.pick("Registrations", "Registros"),
                    get(row, "registrations"),
                    Format::Count,
                ),
                Tip::number("live_attendees", live, Some(watched_live), Format::Count),
                Tip::number("on_demand_only", on_demand, Some(total - watched_live), Format::Count),
                Tip::number("rank", lang.pick("Rank", "Puesto"), get(row, "rank"), Format::Count),
            ];
            Bar {
                category: name_of(row.get("webinar_id"), lang),
                group: None,
                segments: vec![(0, watched_live), (1, total - watched_live)],
                interval: None,
                label: Some(Format::Count.text(total)),
                tips,
            }
        })
        .collect();
    let swatch = |name: &str, color| Swatch { name: name.to_owned(), color };
    let bars = Bars {
        items: attendees,
        axis: Axis::new(lang.pick("Attendees (persons)", "Asistentes (personas)"), Format::Count),
        series: vec![swatch(live, BLUE), swatch(on_demand, LIGHT_BLUE)],
        legend: true,
        legend_title: None,
        rule: median(result, "attendees"),
        row: 18,
    };
    let rates: Vec<Bar> = rows
        .iter()
        .filter_map(|row| {
            let rate = get(row, "attendance_rate")?;
            Some(single(name_of(row.get("webinar_id"), lang), rate, Some(Format::Fraction(1).text(rate)), Vec::new()))
        })
        .collect();
    let mut figure = Figure::new(title)
        .subtitle(lang.pick("Rule: the series' median", "Línea: la mediana de la serie"))
        .panel(Some(lang.pick("Attendees", "Asistentes").to_owned()), Plot::Bars(bars));
    if !rates.is_empty() {
        let rate_bars = Bars {
            items: rates,
            axis: Axis::new(
                lang.pick("Attendance rate (of registrations)", "Tasa de asistencia (de los registros)"),
                Format::Fraction(0),
            ),
            series: vec![swatch("", BLUE)],
            legend: false,
            legend_title: None,
            rule: median(result, "attendance_rate"),
            row: 18,
        };
        figure =
            figure.panel(Some(lang.pick("Attendance rate", "Tasa de asistencia").to_owned()), Plot::Bars(rate_bars));
    }
    Ok(figure)
}

/// A backtest (or a forecast with its backtest): actual and predicted live attendees per
/// webinar with the interval's ends; a forecast adds its webinar at the end.
pub(super) fn backtest(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let forecast = result.get("backtest").is_some();
    let backtest = result.get("backtest").unwrap_or(result);
    let rows = list(backtest, "rows")?;
    let title = if forecast {
        lang.pick("Attendance forecast", "Previsión de asistencia")
    } else {
        lang.pick("Attendance backtest", "Backtest de asistencia")
    };
    let mut labels: Vec<String> = rows.iter().map(|r| name_of(r.get("webinar_id"), lang)).collect();
    let column = |key: &str| -> Vec<(f64, Option<f64>)> {
        rows.iter().enumerate().map(|(i, r)| (i as f64, r.get(key).and_then(number))).collect()
    };
    let (mut actual, mut predicted, mut low, mut high) =
        (column("actual"), column("predicted"), column("low"), column("high"));
    if forecast {
        let at = labels.len() as f64;
        labels.push(name_of(result.get("webinar_id"), lang));
        actual.push((at, result.get("actual").and_then(number)));
        predicted.push((at, result.get("predicted").and_then(number)));
        low.push((at, result.get("low").and_then(number)));
        high.push((at, result.get("high").and_then(number)));
    }
    if labels.is_empty() {
        return Ok(Figure::empty(title, lang.pick("No webinar was predicted", "No se predijo ningún webinar")));
    }
    let coverage = backtest.get("target_coverage").and_then(number).unwrap_or(0.8);
    let interval = format!("{} {:.0}%", lang.pick("Interval", "Intervalo"), coverage * 100.0);
    let line = |name: String, color, points| Line { name, color, points, step: false };
    let lines = Lines {
        x_title: lang.pick("Webinar (in order of start)", "Webinar (por fecha de inicio)").to_owned(),
        x_kind: XKind::Ordinal,
        x_labels: labels,
        y: Axis::new(lang.pick("Live attendees (persons)", "Asistentes en directo (personas)"), Format::Count),
        series: vec![
            line(lang.pick("Actual", "Real").to_owned(), BLUE, actual),
            line(lang.pick("Predicted", "Previsto").to_owned(), ORANGE, predicted),
            line(format!("{interval} ({})", lang.pick("low", "mín.")), LIGHT_BLUE, low),
            line(format!("{interval} ({})", lang.pick("high", "máx.")), LIGHT_BLUE, high),
        ],
        bands: Vec::new(),
    };
    let metric = |key: &str| backtest.get(key).and_then(number);
    let subtitle = format!(
        "MAE {} · {} {} ({} {:.0}%)",
        metric("mae").map_or_else(|| "—".to_owned(), |v| Format::Number(1).text(v)),
        lang.pick("coverage", "cobertura"),
        metric("coverage").map_or_else(|| "—".to_owned(), |v| Format::Fraction(0).text(v)),
        lang.pick("target", "objetivo"),
        coverage * 100.0
    );
    Ok(Figure::new(title).subtitle(subtitle).panel(None, Plot::Lines(lines)))
}

/// The conversion model: its reliability on the held-out webinars (mean predicted probability
/// and observed rate per bin) and the features it uses most.
pub(super) fn conversion(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let title = lang.pick("Conversion model", "Modelo de conversión");
    let test = super::field(result, "test")?;
    let bins = list(test, "reliability")?;
    let (predicted, observed) = (lang.pick("Predicted", "Prevista"), lang.pick("Observed", "Observada"));
    let mut bars = Vec::new();
    for bin in bins {
        let (Some(p), Some(o)) = (bin.get("predicted").and_then(number), bin.get("observed").and_then(number)) else {
            continue;
        };
        let from = bin.get("from").and_then(number).unwrap_or(0.0);
        let to = bin.get("to").and_then(number).unwrap_or(1.0);
        let category = format!("{}–{}", Format::Fraction(0).text(from), Format::Fraction(0).text(to));
        let tips = vec![Tip::number(
            "rows",
            lang.pick("Persons", "Personas"),
            bin.get("rows").and_then(number),
            Format::Count,
        )];
        for (series, (group, value)) in [(predicted, p), (observed, o)].into_iter().enumerate() {
            bars.push(Bar {
                category: category.clone(),
                group: Some(group.to_owned()),
                segments: vec![(series, value)],
                interval: None,
                label: Some(Format::Fraction(1).text(value)),
                tips: tips.clone(),
            });
        }
    }
    let ece = test.get("ece").and_then(number);
    let subtitle = format!(
        "{} {} · ROC-AUC {}",
        lang.pick("Calibration error (ECE)", "Error de calibración (ECE)"),
        ece.map_or_else(|| "—".to_owned(), |v| Format::Number(3).text(v)),
        test.get("roc_auc").and_then(number).map_or_else(|| "—".to_owned(), |v| Format::Number(3).text(v)),
    );
    let mut figure = Figure::new(title).subtitle(subtitle);
    if !bars.is_empty() {
        let swatch = |name: &str, color| Swatch { name: name.to_owned(), color };
        let reliability = Bars {
            items: bars,
            axis: Axis::new(lang.pick("Probability of buying", "Probabilidad de compra"), Format::Fraction(0)),
            series: vec![swatch(predicted, ORANGE), swatch(observed, BLUE)],
            legend: true,
            legend_title: None,
            rule: None,
            row: 14,
        };
        figure = figure.panel(
            Some(lang.pick("Reliability on held-out webinars", "Fiabilidad en webinars reservados").to_owned()),
            Plot::Bars(reliability),
        );
    }
    let importance: Vec<Bar> = result
        .get("feature_importance")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .take(10)
        .filter_map(|pair| {
            let name = pair.get(0).and_then(Value::as_str)?;
            let value = pair.get(1).and_then(number)?;
            Some(single(name.to_owned(), value, Some(Format::Fraction(1).text(value)), Vec::new()))
        })
        .collect();
    if !importance.is_empty() {
        let axis = Axis::new(
            lang.pick("Importance (share of the impurity decrease)", "Importancia (parte de la reducción de impureza)"),
            Format::Fraction(0),
        );
        figure = figure.panel(
            Some(lang.pick("Features used most", "Variables más usadas").to_owned()),
            plain_bars(importance, axis, 16),
        );
    }
    Ok(figure)
}
