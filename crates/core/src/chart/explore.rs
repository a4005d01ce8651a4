//! Figures of the exploration results: paths.

use serde_json::Value;

use super::figure::{Axis, Cell, Figure, Format, Heatmap, Plot, Tip};
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
        color: Axis::new(lang.pick("Share of next steps", "Parte de los siguientes"), Format::Fraction(0)).domain(0.0, 1.0),
    };
    Ok(Figure::new(title).subtitle(subtitle).panel(None, Plot::Heatmap(heatmap)))
}
