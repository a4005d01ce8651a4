//! The chart of a monitored series: its value per period, the baseline's expectation and band,
//! anomalous periods shaded.

use serde_json::Value;

use super::figure::{Axis, BLUE, Band, Figure, Format, LIGHT_BLUE, Line, Lines, ORANGE, Plot, XKind};
use super::specs::number;
use super::{ChartOptions, list};
use crate::error::Result;

/// Milliseconds of a period's start (whole, as JavaScript reads the same text).
fn start_ms(point: &Value) -> Option<f64> {
    let micros = crate::events::time::parse_iso8601(point.get("start")?.as_str()?)?;
    Some(micros.div_euclid(1000) as f64)
}

/// Anomalies: the value, the expected median and the band's ends over time; anomalies shaded.
pub(super) fn anomalies(result: &Value, options: &ChartOptions) -> Result<Figure> {
    let lang = options.lang;
    let series = result.get("series").and_then(Value::as_str).unwrap_or_default();
    let title = format!("{} · {series}", lang.pick("Anomalies", "Anomalías"));
    let points = list(result, "points")?;
    if points.is_empty() {
        return Ok(Figure::empty(&title, lang.pick("No period to judge", "Ningún periodo que evaluar")));
    }
    let column = |key: &str| -> Vec<(f64, Option<f64>)> {
        points.iter().filter_map(|p| Some((start_ms(p)?, p.get(key).and_then(number)))).collect()
    };
    let (format, y_title) = match result.get("measure").and_then(Value::as_str) {
        Some("conversion") => {
            (Format::Fraction(1), lang.pick("Conversion from the step before", "Conversión desde el paso anterior"))
        }
        Some("value") => (Format::Number(0), lang.pick("Value (sum)", "Valor (suma)")),
        Some("persons") => (Format::Count, lang.pick("Persons", "Personas")),
        _ => (Format::Count, lang.pick("Events", "Eventos")),
    };
    let width = points.windows(2).find_map(|w| Some(start_ms(&w[1])? - start_ms(&w[0])?)).unwrap_or(86_400_000.0);
    let bands: Vec<Band> = points
        .iter()
        .filter(|p| matches!(p.get("status").and_then(Value::as_str), Some("low" | "high")))
        .filter_map(|p| {
            let from = start_ms(p)?;
            let low = p.get("status").and_then(Value::as_str) == Some("low");
            Some(Band {
                from,
                to: from + width,
                name: lang.pick(if low { "low" } else { "high" }, if low { "baja" } else { "alta" }).to_owned(),
            })
        })
        .collect();
    let line = |name: &str, color, points| Line { name: name.to_owned(), color, points, step: false };
    let lines = Lines {
        x_title: lang.pick("Period (UTC)", "Periodo (UTC)").to_owned(),
        x_kind: XKind::Days,
        x_labels: Vec::new(),
        y: Axis::new(y_title, format),
        series: vec![
            line(lang.pick("Value", "Valor"), BLUE, column("value")),
            line(lang.pick("Expected", "Esperado"), ORANGE, column("expected")),
            line(lang.pick("Band (low)", "Banda (mín.)"), LIGHT_BLUE, column("low")),
            line(lang.pick("Band (high)", "Banda (máx.)"), LIGHT_BLUE, column("high")),
        ],
        bands,
    };
    let count = result.get("anomalies").and_then(Value::as_array).map_or(0, Vec::len);
    let sensitivity = result.get("sensitivity").and_then(number).unwrap_or(3.0);
    let subtitle = format!(
        "{count} {} · {} ±{sensitivity}σ",
        lang.pick("anomalous periods (shaded)", "periodos anómalos (sombreados)"),
        lang.pick("band", "banda"),
    );
    Ok(Figure::new(&title).subtitle(subtitle).panel(None, Plot::Lines(lines)))
}
