//! What a chart shows, independent of how it is drawn: panels of bars, heatmaps or lines with
//! their axes, units and labels. Each chart kind builds a [`Figure`] from a result once; the
//! Vega-Lite spec ([`super::vega`]) and the static SVG ([`super::svg`]) are both drawn from it,
//! so a notebook, a browser and a report show the same numbers on the same scales.

use serde_json::Value;

use crate::report::render::thousands;

/// A chart: a title and one or more panels stacked vertically (values of different units never
/// share a panel). No panel: an empty chart whose subtitle says why.
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    pub title: String,
    pub subtitle: Option<String>,
    /// How to read the chart (Vega-Lite `description`, SVG `<desc>`).
    pub description: Option<String>,
    pub panels: Vec<Panel>,
}

impl Figure {
    pub(crate) fn new(title: &str) -> Self {
        Figure { title: title.to_owned(), subtitle: None, description: None, panels: Vec::new() }
    }

    /// An empty chart with a note saying why.
    pub(crate) fn empty(title: &str, note: &str) -> Self {
        Figure { subtitle: Some(note.to_owned()), ..Figure::new(title) }
    }

    /// The same figure under another title.
    pub(crate) fn retitle(mut self, title: &str) -> Self {
        title.clone_into(&mut self.title);
        self
    }

    pub(crate) fn subtitle(mut self, subtitle: impl Into<String>) -> Self {
        self.subtitle = Some(subtitle.into());
        self
    }

    pub(crate) fn description(mut self, description: &str) -> Self {
        self.description = Some(description.to_owned());
        self
    }

    pub(crate) fn panel(mut self, title: Option<String>, plot: Plot) -> Self {
        self.panels.push(Panel { title, plot });
        self
    }
}

/// One panel: a plot with its own axes.
#[derive(Debug, Clone)]
pub(crate) struct Panel {
    pub title: Option<String>,
    pub plot: Plot,
}

#[derive(Debug, Clone)]
pub(crate) enum Plot {
    Bars(Bars),
    Heatmap(Heatmap),
    Lines(Lines),
}

/// A number as JSON: whole numbers as integers (`149`, not `149.0`), as the results write them.
pub(crate) fn num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9e15 { Value::from(v as i64) } else { Value::from(v) }
}

/// How numbers read on an axis, a label or a tooltip.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Format {
    /// Whole counts with thousands separators (`12,345`).
    Count,
    /// A fraction shown as a percent with `n` decimals (`0.456` -> `45.6%`).
    Fraction(u8),
    /// A plain number with thousands separators and `n` decimals (money, ratios, percent 0-100).
    Number(u8),
}

impl Format {
    /// The d3-format string Vega-Lite uses for the same text.
    pub(crate) fn d3(self) -> String {
        match self {
            Format::Count => ",d".to_owned(),
            Format::Fraction(n) => format!(".{n}%"),
            Format::Number(n) => format!(",.{n}f"),
        }
    }

    /// `v` as the d3 format writes it.
    pub(crate) fn text(self, v: f64) -> String {
        match self {
            Format::Count => thousands(v.round(), 0),
            Format::Fraction(n) => format!("{:.*}%", usize::from(n), v * 100.0),
            Format::Number(n) => thousands(v, usize::from(n)),
        }
    }

    /// An axis tick's text: fewer decimals where the ticks are round.
    fn tick(self, v: f64, step: f64) -> String {
        match self {
            Format::Fraction(_) => {
                let decimals = u8::from((step * 100.0).fract().abs() >= 1e-9);
                Format::Fraction(decimals).text(v)
            }
            Format::Number(_) if step.fract().abs() < 1e-9 => Format::Number(0).text(v),
            other => other.text(v),
        }
    }
}

/// A quantitative axis: its title (with the unit) and how its numbers read.
#[derive(Debug, Clone)]
pub(crate) struct Axis {
    pub title: String,
    pub format: Format,
    /// A fixed domain; `None`: from zero (or the least value, if negative) to the greatest,
    /// rounded out to nice ticks.
    pub domain: Option<[f64; 2]>,
}

impl Axis {
    pub(crate) fn new(title: impl Into<String>, format: Format) -> Self {
        Axis { title: title.into(), format, domain: None }
    }

    pub(crate) fn domain(mut self, low: f64, high: f64) -> Self {
        self.domain = Some([low, high]);
        self
    }

    /// The ticks over values in `[low, high]`: round steps (1, 2, 5 x 10^k), about five.
    pub(crate) fn ticks(&self, low: f64, high: f64) -> Ticks {
        let [low, high] = self.domain.unwrap_or([low.min(0.0), high.max(0.0)]);
        let span = if high > low { high - low } else { 1.0 };
        let raw = span / 5.0;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(magnitude * 10.0);
        let step = if self.format == Format::Count { step.max(1.0) } else { step };
        let (start, end) = if self.domain.is_some() {
            (low, if high > low { high } else { low + 1.0 })
        } else {
            ((low / step).floor() * step, ((high / step).ceil() * step).max((low / step).floor() * step + step))
        };
        let count = ((end - start) / step).round() as usize;
        let values = (0..=count.min(20)).map(|i| start + i as f64 * step).collect();
        Ticks { start, end, step, values }
    }

    pub(crate) fn tick_text(&self, v: f64, ticks: &Ticks) -> String {
        self.format.tick(v, ticks.step)
    }
}

/// An axis's extent and tick marks.
#[derive(Debug, Clone)]
pub(crate) struct Ticks {
    pub start: f64,
    pub end: f64,
    pub step: f64,
    pub values: Vec<f64>,
}

impl Ticks {
    /// Where `v` falls on an axis `length` long, 0 at `start`.
    pub(crate) fn place(&self, v: f64, length: f64) -> f64 {
        ((v - self.start) / (self.end - self.start) * length).clamp(0.0, length)
    }
}

/// A named value shown when pointing at a mark (a Vega-Lite tooltip, an SVG `<title>`); its
/// key names the field of the spec's data.
#[derive(Debug, Clone)]
pub(crate) struct Tip {
    pub key: &'static str,
    pub title: String,
    pub value: Value,
    /// `None`: shown as it is (text).
    pub format: Option<Format>,
}

impl Tip {
    pub(crate) fn number(key: &'static str, title: &str, value: Option<f64>, format: Format) -> Self {
        Tip { key, title: title.to_owned(), value: value.map_or(Value::Null, num), format: Some(format) }
    }

    pub(crate) fn text(key: &'static str, title: &str, value: impl Into<String>) -> Self {
        Tip { key, title: title.to_owned(), value: Value::String(value.into()), format: None }
    }

    /// The tip as text (`Title: value`).
    pub(crate) fn line(&self) -> String {
        let value = match (&self.value, self.format) {
            (Value::Null, _) => "—".to_owned(),
            (Value::String(s), _) => s.clone(),
            (v, Some(format)) => v.as_f64().map_or_else(|| v.to_string(), |v| format.text(v)),
            (v, None) => v.to_string(),
        };
        if self.title.is_empty() { value } else { format!("{}: {value}", self.title) }
    }
}

/// A coloured series of a legend.
#[derive(Debug, Clone)]
pub(crate) struct Swatch {
    pub name: String,
    pub color: &'static str,
}

/// Horizontal bars from zero: one row per category (per category and group when grouped), each
/// bar stacked from segments of the legend's series.
#[derive(Debug, Clone)]
pub(crate) struct Bars {
    pub items: Vec<Bar>,
    pub axis: Axis,
    pub series: Vec<Swatch>,
    /// Whether the legend is drawn (more than one series, or series that need naming).
    pub legend: bool,
    /// Legend title when the series are the groups of a breakdown.
    pub legend_title: Option<String>,
    /// A reference line across the bars (a target), in axis units.
    pub rule: Option<f64>,
    /// Height of one bar's row, pixels.
    pub row: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub category: String,
    /// The group within a category (breakdown value): bars of one category sit together.
    pub group: Option<String>,
    /// `(series index, value)` stacked from zero, in order.
    pub segments: Vec<(usize, f64)>,
    /// An interval drawn across the bar (low, high), in axis units.
    pub interval: Option<(f64, f64)>,
    /// Text after the bar.
    pub label: Option<String>,
    pub tips: Vec<Tip>,
}

impl Bar {
    pub(crate) fn total(&self) -> f64 {
        self.segments.iter().map(|(_, v)| v).sum()
    }
}

/// A grid of coloured cells (rows x columns); a missing cell is blank.
#[derive(Debug, Clone)]
pub(crate) struct Heatmap {
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub cells: Vec<Cell>,
    pub x_title: String,
    pub y_title: String,
    /// The colour scale: its title, format and domain (light to dark).
    pub color: Axis,
}

#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub row: usize,
    pub column: usize,
    pub value: f64,
    pub tips: Vec<Tip>,
}

/// What an x axis of lines measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum XKind {
    /// UTC days (milliseconds since the epoch); ticks are dates.
    Days,
    /// UTC times (milliseconds since the epoch); ticks are hours and minutes.
    Times,
    /// Named positions in order (x is the index into `Lines::x_labels`).
    Ordinal,
}

/// Lines over time, one per series, sharing one y axis (same unit).
#[derive(Debug, Clone)]
pub(crate) struct Lines {
    pub x_title: String,
    pub x_kind: XKind,
    /// Names of the positions of an ordinal x.
    pub x_labels: Vec<String>,
    pub y: Axis,
    pub series: Vec<Line>,
    /// Shaded spans of x (agenda sections), with their names.
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub name: String,
    pub color: &'static str,
    /// `(x in ms, y)`; a missing y breaks the line.
    pub points: Vec<(f64, Option<f64>)>,
    /// A step line: the value holds until the next point (counts that change at events).
    pub step: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Band {
    pub from: f64,
    pub to: f64,
    pub name: String,
}

/// Colours: the Tableau 10 palette Vega-Lite uses by default, so the SVG and the notebook agree.
pub(crate) const PALETTE: [&str; 10] =
    ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];
pub(crate) const BLUE: &str = PALETTE[0];
pub(crate) const LIGHT_BLUE: &str = "#b7cde3";
pub(crate) const GREEN: &str = PALETTE[4];
pub(crate) const ORANGE: &str = PALETTE[1];
pub(crate) const RED: &str = PALETTE[2];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_values() {
        let axis = Axis::new("Persons", Format::Count);
        let t = axis.ticks(0.0, 780_698.0);
        assert_eq!((t.start, t.end, t.step), (0.0, 800_000.0, 200_000.0));
        assert_eq!(axis.tick_text(400_000.0, &t), "400,000");
        let t = axis.ticks(0.0, 3.0);
        assert_eq!(t.values, vec![0.0, 1.0, 2.0, 3.0]);
        let rates = Axis::new("Rate", Format::Fraction(1)).domain(0.0, 1.0);
        let t = rates.ticks(0.0, 0.3);
        assert_eq!((t.start, t.end), (0.0, 1.0));
        assert_eq!(rates.tick_text(0.2, &t), "20%");
        let t = Axis::new("x", Format::Number(2)).ticks(-3.0, 7.0);
        assert!(t.start <= -3.0 && t.end >= 7.0);
        assert!((t.place(967.0, 300.0) - 300.0).abs() < 1e-9);
    }

    #[test]
    fn formats_read_as_d3_writes_them() {
        assert_eq!(Format::Count.text(780_698.0), "780,698");
        assert_eq!(Format::Fraction(1).text(0.4567), "45.7%");
        assert_eq!(Format::Number(2).text(1234.5), "1,234.50");
        assert_eq!(Format::Fraction(1).d3(), ".1%");
        assert_eq!(Tip::number("rate", "Rate", None, Format::Count).line(), "Rate: —");
    }
}
