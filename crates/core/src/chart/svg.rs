//! A [`Figure`] as a static SVG: what the self-contained HTML report embeds and what a notebook
//! shows where Vega-Lite is not drawn (GitHub, nbviewer, an e-mail). Axes with round ticks and
//! titled units, bars from zero on a linear scale, legends; text as `<text>` so it can be read
//! and copied.
//!
//! Drawn by hand rather than with plotters: plotters measures text through the browser's DOM on
//! `wasm32` (a panic in Node and in web workers), and its SVG depends on the machine's fonts,
//! where this SVG is the same bytes in every language.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::WIDTH;
use super::figure::{Axis, Bars, Figure, Heatmap, Lines, Plot, Swatch, Ticks, XKind};

const FONT: f64 = 11.0;
const PLOT_WIDTH: f64 = WIDTH as f64;
const LINE_HEIGHT: f64 = 160.0;
const MAX_LEFT: f64 = 170.0;
const AXIS_COLOR: &str = "#888";
const GRID_COLOR: &str = "#e5e7eb";
const TEXT_COLOR: &str = "#222";

/// Width of `text` at `size` pixels in a common sans-serif font (average glyph width).
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.56
}

/// `text` cut to about `width` pixels, with an ellipsis when cut.
fn fit(text: &str, width: f64, size: f64) -> String {
    let room = (width / (size * 0.56)).floor().max(1.0) as usize;
    if text.chars().count() <= room {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(room.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `text` in lines of about `width` pixels, broken between words.
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(line, size) + text_width(word, size) + size * 0.56 <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(fit(word, width, size)),
        }
    }
    lines
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// One SVG drawn top to bottom.
struct Canvas {
    body: String,
    left: f64,
    right: f64,
    y: f64,
}

impl Canvas {
    fn text(&mut self, x: f64, y: f64, anchor: &str, size: f64, extra: &str, text: &str) {
        let _ = write!(
            self.body,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" font-size=\"{size}\"{extra}>{}</text>",
            escape(text)
        );
    }

    fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), stroke: &str, extra: &str) {
        let _ = write!(
            self.body,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{stroke}\"{extra}/>"
        );
    }

    fn rect(&mut self, (x, y): (f64, f64), (w, h): (f64, f64), fill: &str, tip: Option<&str>) {
        let _ = write!(
            self.body,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"",
            w.max(0.0),
            h.max(0.0)
        );
        match tip {
            Some(tip) => {
                let _ = write!(self.body, "><title>{}</title></rect>", escape(tip));
            }
            None => self.body.push_str("/>"),
        }
    }

    /// A quantitative x axis under a plot of `height` from `top`: grid, ticks, title.
    fn x_axis(&mut self, axis: &Axis, ticks: &Ticks, top: f64, height: f64) {
        let bottom = top + height;
        for v in &ticks.values {
            let x = self.left + ticks.place(*v, PLOT_WIDTH);
            self.line((x, top), (x, bottom), GRID_COLOR, "");
            self.text(x, bottom + 13.0, "middle", FONT - 1.0, "", &axis.tick_text(*v, ticks));
        }
        self.line((self.left, bottom), (self.left + PLOT_WIDTH, bottom), AXIS_COLOR, "");
        self.text(self.left + PLOT_WIDTH / 2.0, bottom + 28.0, "middle", FONT, " font-weight=\"600\"", &axis.title);
        self.y = bottom + 36.0;
    }

    /// A y axis title, turned to read upwards, centred at `middle`.
    fn y_title(&mut self, middle: f64, title: &str) {
        let turn = format!(" font-weight=\"600\" transform=\"rotate(-90 12 {middle:.1})\"");
        self.text(12.0, middle, "middle", FONT, &turn, title);
    }

    /// A row of coloured swatches with names.
    fn legend(&mut self, title: Option<&str>, swatches: &[Swatch]) {
        let mut x = self.left;
        let y = self.y + 6.0;
        if let Some(title) = title {
            self.text(x, y + 9.0, "start", FONT, " font-weight=\"600\"", title);
            // Bold text runs about a tenth wider than the regular widths measure.
            x += text_width(title, FONT) * 1.1 + 10.0;
        }
        for swatch in swatches {
            let name = fit(&swatch.name, 120.0, FONT);
            let width = 14.0 + text_width(&name, FONT) + 12.0;
            if x + width > self.left + PLOT_WIDTH + self.right && x > self.left {
                x = self.left;
                self.y += 16.0;
            }
            let y = self.y + 6.0;
            self.rect((x, y), (10.0, 10.0), swatch.color, None);
            self.text(x + 14.0, y + 9.0, "start", FONT, "", &name);
            x += width;
        }
        self.y += 24.0;
    }
}

/// The SVG of `figure`.
pub(crate) fn svg(figure: &Figure) -> String {
    let left = figure.panels.iter().map(|p| left_gutter(&p.plot)).fold(40.0, f64::max).min(MAX_LEFT);
    let right = figure.panels.iter().map(|p| right_gutter(&p.plot)).fold(16.0, f64::max).min(140.0);
    let mut canvas = Canvas { body: String::new(), left, right, y: 0.0 };
    let width = left + PLOT_WIDTH + right;
    canvas.text(4.0, 16.0, "start", 14.0, " font-weight=\"700\"", &figure.title);
    canvas.y = 22.0;
    if let Some(subtitle) = &figure.subtitle {
        for line in wrap(subtitle, width - 8.0, FONT) {
            canvas.text(4.0, canvas.y + 14.0, "start", FONT, " fill=\"#555\"", &line);
            canvas.y += 14.0;
        }
        canvas.y += 6.0;
    }
    for panel in &figure.panels {
        canvas.y += 8.0;
        if let Some(title) = &panel.title {
            canvas.text(4.0, canvas.y + 12.0, "start", 12.0, " font-weight=\"600\"", title);
            canvas.y += 20.0;
        }
        match &panel.plot {
            Plot::Bars(bars) => draw_bars(&mut canvas, bars),
            Plot::Heatmap(heatmap) => draw_heatmap(&mut canvas, heatmap),
            Plot::Lines(lines) => draw_lines(&mut canvas, lines),
        }
    }
    let height = canvas.y + 8.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" fill=\"{TEXT_COLOR}\"><title>{}</title>",
        escape(&figure.title)
    );
    if let Some(description) = &figure.description {
        let _ = write!(out, "<desc>{}</desc>", escape(description));
    }
    out.push_str(&canvas.body);
    out.push_str("</svg>");
    out
}

/// Room for the labels left of a plot.
fn left_gutter(plot: &Plot) -> f64 {
    let widest = |labels: &mut dyn Iterator<Item = &String>| labels.map(|l| text_width(l, FONT)).fold(0.0, f64::max);
    match plot {
        Plot::Bars(bars) => widest(&mut bars.items.iter().map(|b| &b.category)) + 10.0,
        Plot::Heatmap(heatmap) => widest(&mut heatmap.rows.iter()) + 26.0,
        Plot::Lines(_) => 56.0,
    }
}

/// Room for the labels right of a plot (after the longest bar).
fn right_gutter(plot: &Plot) -> f64 {
    match plot {
        Plot::Bars(bars) => {
            bars.items.iter().filter_map(|b| b.label.as_ref()).map(|l| text_width(l, FONT - 1.0)).fold(0.0, f64::max)
                + 10.0
        }
        Plot::Heatmap(_) | Plot::Lines(_) => 16.0,
    }
}

fn draw_bars(canvas: &mut Canvas, bars: &Bars) {
    let row = f64::from(bars.row).max(10.0);
    let high = bars.items.iter().map(|b| b.total().max(b.interval.map_or(0.0, |i| i.1))).fold(0.0, f64::max);
    let low = bars.items.iter().flat_map(|b| b.segments.iter().map(|s| s.1)).fold(0.0, f64::min);
    let ticks = bars.axis.ticks(low, high);
    let top = canvas.y;
    let height = row * bars.items.len() as f64;
    let left = canvas.left;
    let x = |v: f64| left + ticks.place(v, PLOT_WIDTH);
    // Grid first, marks over it.
    canvas.x_axis(&bars.axis, &ticks, top, height);
    let mut previous: Option<&str> = None;
    let mut first_of_category = 0;
    for (i, bar) in bars.items.iter().enumerate() {
        let y = top + row * i as f64;
        if previous != Some(bar.category.as_str()) {
            first_of_category = i;
        }
        previous = Some(&bar.category);
        let last_of_category = bars.items.get(i + 1).is_none_or(|next| next.category != bar.category);
        if last_of_category {
            let middle = top + row * (first_of_category + i + 1) as f64 / 2.0;
            let label = fit(&bar.category, canvas.left - 10.0, FONT);
            canvas.text(canvas.left - 6.0, middle + 4.0, "end", FONT, "", &label);
        }
        let mut tip =
            vec![bar.group.as_ref().map_or_else(|| bar.category.clone(), |g| format!("{} · {g}", bar.category))];
        let mut start = 0.0_f64;
        let thickness = row * if bar.group.is_some() { 0.8 } else { 0.7 };
        let bar_top = y + (row - thickness) / 2.0;
        for (series, value) in &bar.segments {
            let swatch = bars.series.get(*series);
            let name = swatch.map_or("", |s| s.name.as_str());
            let line =
                format!("{}: {}", if name.is_empty() { &bars.axis.title } else { name }, bars.axis.format.text(*value));
            tip.push(line);
            let (from, to) = (x(start.min(start + value)), x(start.max(start + value)));
            let fill = swatch.map_or(super::figure::BLUE, |s| s.color);
            let text = tip.join("\n");
            canvas.rect((from, bar_top), (to - from, thickness), fill, Some(&text));
            start += value;
        }
        // Labels go after the bar's end, or after zero for a bar that ends below it.
        let mut end = x(bar.total().max(0.0));
        if let Some((low, high)) = bar.interval {
            let middle = y + row / 2.0;
            canvas.line((x(low), middle), (x(high), middle), TEXT_COLOR, " stroke-width=\"1.5\"");
            for v in [low, high] {
                canvas.line((x(v), middle - 4.0), (x(v), middle + 4.0), TEXT_COLOR, " stroke-width=\"1.5\"");
            }
            end = end.max(x(high));
        }
        if let Some(label) = &bar.label {
            let size = if bar.group.is_some() { FONT - 2.0 } else { FONT - 1.0 };
            canvas.text(end + 4.0, y + row / 2.0 + 3.5, "start", size, "", label);
        }
        // Extra tips go on a transparent cover so the whole row explains itself.
        if !bar.tips.is_empty() {
            tip.extend(bar.tips.iter().map(super::figure::Tip::line));
            let _ = write!(
                canvas.body,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{row:.1}\" fill=\"transparent\"><title>{}</title></rect>",
                canvas.left,
                PLOT_WIDTH,
                escape(&tip.join("\n"))
            );
        }
    }
    if let Some(rule) = bars.rule {
        canvas.line((x(rule), top - 2.0), (x(rule), top + height), TEXT_COLOR, " stroke-dasharray=\"3 2\"");
    }
    if bars.legend {
        canvas.legend(bars.legend_title.as_deref(), &bars.series);
    }
}

/// d3's nine-class "blues" scheme, light to dark (the Vega-Lite heatmap's scheme).
const BLUES: [(u8, u8, u8); 9] = [
    (0xf7, 0xfb, 0xff),
    (0xde, 0xeb, 0xf7),
    (0xc6, 0xdb, 0xef),
    (0x9e, 0xca, 0xe1),
    (0x6b, 0xae, 0xd6),
    (0x42, 0x92, 0xc6),
    (0x21, 0x71, 0xb5),
    (0x08, 0x51, 0x9c),
    (0x08, 0x30, 0x6b),
];

/// The colour of `t` in `[0, 1]` on the blues scheme.
fn blue(share: f64) -> String {
    let share = if share.is_finite() { share.clamp(0.0, 1.0) } else { 0.0 };
    let scaled = share * (BLUES.len() - 1) as f64;
    let lower = (scaled.floor() as usize).min(BLUES.len() - 2);
    let weight = scaled - lower as f64;
    let (from, to) = (BLUES[lower], BLUES[lower + 1]);
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * weight).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
}

fn draw_heatmap(canvas: &mut Canvas, heatmap: &Heatmap) {
    let row = 22.0;
    let columns = heatmap.columns.len().max(1) as f64;
    let cell = PLOT_WIDTH / columns;
    let top = canvas.y;
    let height = row * heatmap.rows.len() as f64;
    let [low, high] = heatmap.color.domain.unwrap_or_else(|| {
        let high = heatmap.cells.iter().map(|c| c.value).fold(0.0, f64::max);
        [0.0, if high > 0.0 { high } else { 1.0 }]
    });
    let short = match heatmap.color.format {
        super::figure::Format::Fraction(_) => super::figure::Format::Fraction(0),
        other => other,
    };
    for (r, name) in heatmap.rows.iter().enumerate() {
        let label = fit(name, canvas.left - 26.0, FONT);
        canvas.text(canvas.left - 6.0, top + row * r as f64 + row / 2.0 + 4.0, "end", FONT, "", &label);
    }
    for cell_value in &heatmap.cells {
        let t = (cell_value.value - low) / (high - low);
        let (x, y) = (canvas.left + cell * cell_value.column as f64, top + row * cell_value.row as f64);
        let mut tip = vec![
            format!("{}: {}", heatmap.y_title, heatmap.rows.get(cell_value.row).map_or("", String::as_str)),
            format!("{}: {}", heatmap.x_title, heatmap.columns.get(cell_value.column).map_or("", String::as_str)),
            format!("{}: {}", heatmap.color.title, heatmap.color.format.text(cell_value.value)),
        ];
        tip.extend(cell_value.tips.iter().map(super::figure::Tip::line));
        canvas.rect((x, y), (cell, row), &blue(t), Some(&tip.join("\n")));
        if cell >= 22.0 {
            let color = if t > 0.5 { " fill=\"white\"" } else { "" };
            canvas.text(
                x + cell / 2.0,
                y + row / 2.0 + 3.5,
                "middle",
                FONT - 2.0,
                color,
                &short.text(cell_value.value),
            );
        }
    }
    let bottom = top + height;
    let every = (30.0 / cell).ceil().max(1.0) as usize;
    for (c, name) in heatmap.columns.iter().enumerate() {
        if c % every == 0 {
            let label = fit(name, cell * every as f64, FONT - 1.0);
            canvas.text(canvas.left + cell * (c as f64 + 0.5), bottom + 13.0, "middle", FONT - 1.0, "", &label);
        }
    }
    canvas.text(
        canvas.left + PLOT_WIDTH / 2.0,
        bottom + 28.0,
        "middle",
        FONT,
        " font-weight=\"600\"",
        &heatmap.x_title,
    );
    canvas.y_title(top + height / 2.0, &heatmap.y_title);
    // The colour scale: a gradient from the domain's low to its high.
    let y = bottom + 40.0;
    canvas.text(canvas.left, y + 9.0, "start", FONT, " font-weight=\"600\"", &heatmap.color.title);
    let x = canvas.left + text_width(&heatmap.color.title, FONT) + 8.0;
    let stops = (0..=4).fold(String::new(), |mut out, i| {
        let _ = write!(out, "<stop offset=\"{}%\" stop-color=\"{}\"/>", i * 25, blue(f64::from(i) / 4.0));
        out
    });
    let _ = write!(
        canvas.body,
        "<defs><linearGradient id=\"wa-blues\">{stops}</linearGradient></defs><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"120\" height=\"10\" fill=\"url(#wa-blues)\"/>"
    );
    canvas.text(x, y + 22.0, "start", FONT - 1.0, "", &heatmap.color.format.text(low));
    canvas.text(x + 120.0, y + 22.0, "end", FONT - 1.0, "", &heatmap.color.format.text(high));
    canvas.y = y + 30.0;
}

/// Round steps of a time axis, milliseconds.
const DAY_STEPS: [f64; 9] = [1.0, 2.0, 7.0, 14.0, 28.0, 61.0, 91.0, 182.0, 365.0];
const MINUTE_STEPS: [f64; 10] = [1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 240.0, 720.0];

fn time_ticks(kind: XKind, from: f64, to: f64) -> (Vec<f64>, &'static str) {
    let (unit, steps, most, format) = match kind {
        XKind::Days => (86_400_000.0, &DAY_STEPS[..], 4.0, "%Y-%m-%d"),
        XKind::Times | XKind::Ordinal => (60_000.0, &MINUTE_STEPS[..], 6.0, "%H:%M"),
    };
    let span = (to - from).max(unit);
    let step = steps.iter().map(|s| s * unit).find(|s| span / s <= most).unwrap_or(span);
    let mut ticks = Vec::new();
    let mut t = (from / step).ceil() * step;
    while t <= to && ticks.len() < 12 {
        ticks.push(t);
        t += step;
    }
    if ticks.is_empty() {
        ticks.push(from);
    }
    (ticks, format)
}

fn time_text(ms: f64, format: &str) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms as i64).map_or_else(String::new, |t| t.format(format).to_string())
}

/// The tick positions and texts of a line chart's x axis.
fn x_marks(lines: &Lines, from: f64, to: f64) -> Vec<(f64, String)> {
    match lines.x_kind {
        XKind::Ordinal => {
            // As many labels as fit side by side without touching.
            let widest = lines.x_labels.iter().map(|l| text_width(l, FONT - 1.0)).fold(0.0, f64::max).min(70.0) + 10.0;
            let room = (PLOT_WIDTH / widest).floor().max(1.0);
            let every = (lines.x_labels.len() as f64 / room).ceil().max(1.0) as usize;
            lines
                .x_labels
                .iter()
                .enumerate()
                .step_by(every)
                .map(|(i, l)| (i as f64, fit(l, 70.0, FONT - 1.0)))
                .collect()
        }
        kind => {
            let (ticks, format) = time_ticks(kind, from, to);
            ticks.into_iter().map(|t| (t, time_text(t, format))).collect()
        }
    }
}

fn draw_lines(canvas: &mut Canvas, lines: &Lines) {
    let xs = lines
        .series
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.0))
        .chain(lines.bands.iter().flat_map(|b| [b.from, b.to]));
    let (from, to) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    let (from, to) = if from.is_finite() { (from, if to > from { to } else { from + 1.0 }) } else { (0.0, 1.0) };
    let high = lines.series.iter().flat_map(|l| l.points.iter().filter_map(|p| p.1)).fold(0.0, f64::max);
    let low = lines.series.iter().flat_map(|l| l.points.iter().filter_map(|p| p.1)).fold(0.0, f64::min);
    let ticks = lines.y.ticks(low, high);
    let top = canvas.y;
    let (left, height) = (canvas.left, LINE_HEIGHT);
    let x = |t: f64| left + (t - from) / (to - from) * PLOT_WIDTH;
    let y = |v: f64| top + height - ticks.place(v, height);
    for (i, band) in lines.bands.iter().enumerate() {
        let fill = if i % 2 == 0 { "#e5e7eb" } else { "#f3f4f6" };
        canvas.rect((x(band.from), top), (x(band.to) - x(band.from), height), fill, Some(&band.name));
        let name = fit(&band.name, x(band.to) - x(band.from) - 4.0, FONT - 2.0);
        canvas.text(x(band.from) + 2.0, top + 10.0, "start", FONT - 2.0, " fill=\"#555\"", &name);
    }
    for v in &ticks.values {
        canvas.line((left, y(*v)), (left + PLOT_WIDTH, y(*v)), GRID_COLOR, "");
        canvas.text(left - 4.0, y(*v) + 3.5, "end", FONT - 1.0, "", &lines.y.tick_text(*v, &ticks));
    }
    canvas.y_title(top + height / 2.0, &lines.y.title);
    for line in &lines.series {
        let mut path = String::new();
        let mut pen_up = true;
        let mut last_y = 0.0;
        for (t, v) in &line.points {
            let Some(v) = v else {
                pen_up = true;
                continue;
            };
            let (px, py) = (x(*t), y(*v));
            if pen_up {
                let _ = write!(path, "M{px:.1} {py:.1}");
            } else if line.step {
                let _ = write!(path, "H{px:.1}V{py:.1}");
            } else {
                let _ = write!(path, "L{px:.1} {py:.1}");
            }
            pen_up = false;
            last_y = py;
        }
        if line.step && !pen_up {
            let _ = write!(path, "H{:.1}V{last_y:.1}", x(to));
        }
        let _ = write!(
            canvas.body,
            "<path d=\"{path}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>{}</title></path>",
            line.color,
            escape(&line.name)
        );
        if !line.step && line.points.len() <= 60 {
            for (t, v) in &line.points {
                if let Some(v) = v {
                    let _ = write!(
                        canvas.body,
                        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{}\"><title>{}: {}</title></circle>",
                        x(*t),
                        y(*v),
                        line.color,
                        escape(&line.name),
                        escape(&lines.y.format.text(*v))
                    );
                }
            }
        }
    }
    let bottom = top + height;
    canvas.line((left, bottom), (left + PLOT_WIDTH, bottom), AXIS_COLOR, "");
    for (t, text) in x_marks(lines, from, to) {
        canvas.line((x(t), bottom), (x(t), bottom + 4.0), AXIS_COLOR, "");
        canvas.text(x(t), bottom + 15.0, "middle", FONT - 1.0, "", &text);
    }
    canvas.text(left + PLOT_WIDTH / 2.0, bottom + 30.0, "middle", FONT, " font-weight=\"600\"", &lines.x_title);
    canvas.y = bottom + 38.0;
    if lines.series.len() > 1 {
        let swatches: Vec<Swatch> =
            lines.series.iter().map(|l| Swatch { name: l.name.clone(), color: l.color }).collect();
        canvas.legend(None, &swatches);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_and_text_fit() {
        assert_eq!(blue(0.0), "#f7fbff");
        assert_eq!(blue(1.0), "#08306b");
        assert_eq!(blue(f64::NAN), "#f7fbff");
        assert_eq!(fit("a long channel name", 40.0, 11.0), "a lon…");
        assert_eq!(wrap("one two three", 50.0, 11.0), vec!["one two", "three"]);
        assert_eq!(escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
        let (ticks, _) = time_ticks(XKind::Times, 0.0, 3_600_000.0);
        assert_eq!(ticks.len(), 7); // every 10 minutes
        assert_eq!(time_text(0.0, "%H:%M"), "00:00");
    }
}
