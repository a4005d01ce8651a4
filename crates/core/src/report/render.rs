//! Reports rendered to Markdown and to one self-contained HTML file: inline CSS and SVG charts,
//! no scripts, no external resources.

use std::fmt::Write as _;

use super::dashboard::{FunnelBar, Series, Widget};
use super::document::{Block, Lang, MetricRow, Report, ReportSection};
use crate::alerts::RuleStatus;
use crate::events::time::readable_time;
use crate::metrics::Unit;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A value in its unit, `—` when undefined.
pub(crate) fn format_value(value: Option<f64>, unit: Unit) -> String {
    let Some(v) = value else { return "—".to_owned() };
    match unit {
        Unit::Percent => format!("{v:.1}%"),
        Unit::Currency => thousands(v, 2),
        Unit::Count | Unit::People => thousands(v, 0),
        _ => format!("{v:.2}"),
    }
}

/// `v` with thousands separators and `decimals` decimals.
pub(crate) fn thousands(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 { "-" } else { "" };
    frac.map_or_else(|| format!("{sign}{grouped}"), |f| format!("{sign}{grouped}.{f}"))
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| format!("{:.1}%", v * 100.0))
}

fn change_text(change: Option<f64>, trend: Option<&str>) -> String {
    let arrow = match trend {
        Some("up") => "▲",
        Some("down") => "▼",
        Some(_) => "■",
        None => "",
    };
    change.map_or_else(|| arrow.to_owned(), |c| format!("{arrow} {c:+.1}%"))
}

fn title<'a>(lang: Lang, en: &'a str, es: &'a str) -> &'a str {
    lang.pick(en, es)
}

fn series_label(series: &Series, lang: Lang) -> &str {
    title(lang, &series.label_en, &series.label_es)
}

fn category(label: Option<&String>, lang: Lang) -> String {
    label.cloned().unwrap_or_else(|| title(lang, "(none)", "(sin valor)").to_owned())
}

/// Column headers in the report's language.
fn headers(lang: Lang, en: &[&str], es: &[&str]) -> Vec<String> {
    en.iter().zip(es).map(|(en, es)| title(lang, en, es).to_owned()).collect()
}

/// Rows of a Markdown table.
fn markdown_table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

/// Header and rows of a widget's table (the text form of a chart).
fn widget_table(widget: &Widget, lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let number =
        |v: &Option<f64>| v.map_or_else(|| "—".to_owned(), |v| thousands(v, if v.fract() == 0.0 { 0 } else { 2 }));
    match widget {
        Widget::MetricCard { title_en, title_es, value, unit, change_percent, trend, target, status, .. } => (
            vec![title(lang, "Metric", "Métrica").into(), title(lang, "Value", "Valor").into()],
            vec![vec![
                title(lang, title_en, title_es).to_owned(),
                format!(
                    "{} {} ({}: {}, {})",
                    format_value(*value, *unit),
                    change_text(*change_percent, *trend),
                    title(lang, "target", "objetivo"),
                    format_value(*target, *unit),
                    status.label(lang)
                ),
            ]],
        ),
        Widget::FunnelChart { stages, .. } => (
            headers(lang, &["Stage", "Value", "Step", "Overall"], &["Etapa", "Valor", "Paso", "Total"]),
            stages
                .iter()
                .map(|s: &FunnelBar| {
                    vec![
                        title(lang, &s.label_en, &s.label_es).to_owned(),
                        number(&s.value),
                        s.step_conversion_percent.map_or_else(|| "—".into(), |v| format!("{v:.1}%")),
                        s.overall_conversion_percent.map_or_else(|| "—".into(), |v| format!("{v:.2}%")),
                    ]
                })
                .collect(),
        ),
        Widget::BarChart { categories, series, .. } => {
            let mut header = vec![String::new()];
            header.extend(series.iter().map(|s| series_label(s, lang).to_owned()));
            let rows = categories
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let mut row = vec![category(c.as_ref(), lang)];
                    row.extend(series.iter().map(|s| number(s.values.get(i).unwrap_or(&None))));
                    row
                })
                .collect();
            (header, rows)
        }
        Widget::LineChart { x, series, .. } => {
            let mut header = vec![String::new()];
            header.extend(series.iter().map(|s| series_label(s, lang).to_owned()));
            let rows = x
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let mut row = vec![label.clone()];
                    row.extend(series.iter().map(|s| number(s.values.get(i).unwrap_or(&None))));
                    row
                })
                .collect();
            (header, rows)
        }
        Widget::Heatmap { rows, columns, values, .. } => {
            let mut header = vec![String::new()];
            header.extend(columns.iter().cloned());
            let body = rows
                .iter()
                .zip(values)
                .map(|(r, cells)| {
                    let mut row = vec![r.clone()];
                    row.extend(cells.iter().map(number));
                    row
                })
                .collect();
            (header, body)
        }
        Widget::PieChart { slices, .. } => (
            vec![String::new(), title(lang, "Count", "Cantidad").into(), title(lang, "Share", "Proporción").into()],
            slices
                .iter()
                .map(|s| vec![category(s.label.as_ref(), lang), thousands(s.value, 0), percent(s.share)])
                .collect(),
        ),
        Widget::RealTimeCounter { title_en, title_es, value, target, progress, .. } => (
            vec![title(lang, "Counter", "Contador").into(), title(lang, "Value", "Valor").into()],
            vec![vec![
                title(lang, title_en, title_es).to_owned(),
                format!("{} / {} ({})", number(value), number(target), percent(*progress)),
            ]],
        ),
    }
}

fn metric_table(rows: &[MetricRow], lang: Lang) -> (Vec<String>, Vec<Vec<String>>) {
    let header = headers(
        lang,
        &["Metric", "Value", "Target", "Status", "Progress"],
        &["Métrica", "Valor", "Objetivo", "Estado", "Progreso"],
    );
    let body = rows
        .iter()
        .map(|r| {
            vec![
                r.label.clone(),
                format_value(r.value, r.unit),
                format_value(r.target, r.unit),
                r.status.label(lang).to_owned(),
                percent(r.progress),
            ]
        })
        .collect();
    (header, body)
}

fn alert_lines(alerts: &[RuleStatus], lang: Lang) -> Vec<String> {
    alerts
        .iter()
        .map(|a| {
            let value = a.value.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"));
            let operator = serde_json::to_value(a.rule.operator).ok().and_then(|v| v.as_str().map(str::to_owned));
            format!(
                "[{}] {} ({} = {value}, {} {})",
                a.rule.severity.name(),
                title(lang, &a.rule.message_en, &a.rule.message_es),
                a.rule.metric,
                operator.unwrap_or_default(),
                a.rule.threshold
            )
        })
        .collect()
}

/// `(header, rows)` of the table form of a block, when it has one.
fn block_table(block: &Block, lang: Lang) -> Option<(Vec<String>, Vec<Vec<String>>)> {
    match block {
        Block::Chart { widget } => Some(widget_table(widget, lang)),
        Block::Metrics { rows } => Some(metric_table(rows, lang)),
        Block::Cohorts { rows, .. } => Some((
            headers(
                lang,
                &["Cohort", "Size", "Conversion", "Revenue", "Retention (next period)"],
                &["Cohorte", "Tamaño", "Conversión", "Ingresos", "Retención (periodo siguiente)"],
            ),
            rows.iter()
                .map(|c| {
                    vec![
                        c.cohort.clone(),
                        c.size.to_string(),
                        percent(c.conversion_rate),
                        thousands(c.revenue, 2),
                        percent(c.retention_period_1),
                    ]
                })
                .collect(),
        )),
        Block::Segments { rows } => Some((
            headers(
                lang,
                &["Segment", "Size", "Share", "Conversion", "Engagement", "Actions"],
                &["Segmento", "Tamaño", "Proporción", "Conversión", "Engagement", "Acciones"],
            ),
            rows.iter()
                .map(|s| {
                    vec![
                        s.segment.to_string(),
                        s.size.to_string(),
                        percent(s.share),
                        percent(s.conversion_rate),
                        s.engagement_score.map_or_else(|| "—".into(), |v| format!("{v:.1}")),
                        s.actions.join("; "),
                    ]
                })
                .collect(),
        )),
        Block::Summary { .. } | Block::Kpis { .. } | Block::Alerts { .. } | Block::Recommendations { .. } => None,
    }
}

/// Lines of a block without a table.
fn block_lines(block: &Block, lang: Lang) -> Vec<String> {
    match block {
        Block::Summary { lines } | Block::Recommendations { items: lines } => lines.clone(),
        Block::Alerts { alerts } if alerts.is_empty() => {
            vec![title(lang, "No alert is firing.", "No hay alertas activas.").to_owned()]
        }
        Block::Alerts { alerts } => alert_lines(alerts, lang),
        Block::Cohorts { insights, .. } => insights.clone(),
        _ => Vec::new(),
    }
}

impl Report {
    /// The report as Markdown: headings, bullet lists and tables.
    #[must_use]
    pub fn to_markdown(&self) -> String {
        let lang = self.lang;
        let mut out = format!("# {}\n\n", self.title);
        let _ = writeln!(
            out,
            "_{}: {} · {}: {}_\n",
            title(lang, "As of", "Fecha"),
            readable_time(self.as_of.0),
            title(lang, "To", "Para"),
            self.recipients.join(", ")
        );
        for section in &self.sections {
            let _ = writeln!(out, "## {}\n", section.title);
            if let Block::Kpis { cards } = &section.block {
                let rows: Vec<Vec<String>> = cards.iter().flat_map(|c| widget_table(c, lang).1).collect();
                markdown_table(
                    &mut out,
                    &[title(lang, "Metric", "Métrica").into(), title(lang, "Value", "Valor").into()],
                    &rows,
                );
            }
            if let Some((header, rows)) = block_table(&section.block, lang) {
                markdown_table(&mut out, &header, &rows);
            }
            let lines = block_lines(&section.block, lang);
            for line in &lines {
                let _ = writeln!(out, "- {line}");
            }
            if !lines.is_empty() {
                out.push('\n');
            }
        }
        out
    }

    /// The report as one self-contained HTML page: inline CSS, SVG charts with their numbers as
    /// tables underneath, readable without JavaScript and offline.
    #[must_use]
    pub fn to_html(&self) -> String {
        let lang = self.lang;
        let mut out = String::with_capacity(64 * 1024);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body>\n",
            lang.pick("en", "es"),
            escape(&self.title)
        );
        let _ = writeln!(
            out,
            "<header><h1>{}</h1><p class=\"meta\">{}: {} · {}: {}</p></header>",
            escape(&self.title),
            title(lang, "As of", "Fecha"),
            readable_time(self.as_of.0),
            title(lang, "To", "Para"),
            escape(&self.recipients.join(", "))
        );
        for section in &self.sections {
            html_section(&mut out, section, lang);
        }
        out.push_str("</body></html>\n");
        out
    }
}

const CSS: &str = "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#111827;padding:0 1rem}h1{margin-bottom:.2rem}.meta{color:#6b7280;margin-top:0}section{margin:2rem 0}h2{border-bottom:2px solid #e5e7eb;padding-bottom:.3rem}.cards{display:flex;flex-wrap:wrap;gap:1rem}.card{border:1px solid #e5e7eb;border-radius:8px;padding:.8rem 1rem;min-width:180px;flex:1}.card .label{color:#6b7280;font-size:.85rem}.card .value{font-size:1.6rem;font-weight:600}.up{color:#16a34a}.down{color:#dc2626}.status{font-size:.8rem;color:#6b7280}table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}td,th{border:1px solid #e5e7eb;padding:.3rem .6rem;text-align:right}td:first-child,th:first-child{text-align:left}.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}li.critical,li.high{color:#b91c1c}svg{max-width:100%;height:auto}figure.chart{margin:1rem 0}.scroll{overflow-x:auto;max-width:100%}@media (max-width:600px){body{margin:1rem auto}.card{flex-basis:100%;min-width:0}}";

fn html_table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    // A wide table scrolls inside its own box: the page keeps the screen's width on a phone.
    out.push_str("<div class=\"scroll\"><table><thead><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", escape(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>\n");
}

fn html_section(out: &mut String, section: &ReportSection, lang: Lang) {
    let _ = writeln!(out, "<section id=\"{}\"><h2>{}</h2>", escape(&section.id), escape(&section.title));
    match &section.block {
        Block::Kpis { cards } => html_cards(out, cards, lang),
        Block::Chart { widget } => {
            // The same figure a notebook draws from `chart(widget)`, as a static SVG.
            if let Some(svg) = crate::chart::widget_svg(widget, lang) {
                let _ = write!(out, "<figure class=\"chart\">{svg}</figure>");
            }
        }
        _ => {}
    }
    if let Some((header, rows)) = block_table(&section.block, lang) {
        html_table(out, &header, &rows);
    }
    let lines = block_lines(&section.block, lang);
    if !lines.is_empty() {
        out.push_str("<ul>");
        let severities: Vec<&str> = match &section.block {
            Block::Alerts { alerts } => alerts.iter().map(|a| a.rule.severity.name()).collect(),
            _ => Vec::new(),
        };
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(out, "<li class=\"{}\">{}</li>", severities.get(i).copied().unwrap_or(""), escape(line));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn html_cards(out: &mut String, cards: &[Widget], lang: Lang) {
    out.push_str("<div class=\"cards\">");
    for card in cards {
        if let Widget::MetricCard {
            id, title_en, title_es, unit, value, change_percent, trend, target, status, ..
        } = card
        {
            let class = match *trend {
                Some("up") => "up",
                Some("down") => "down",
                _ => "",
            };
            let _ = write!(
                out,
                "<div class=\"card\" data-metric=\"{}\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"{class}\">{}</div><div class=\"status\">{}: {} · {}</div></div>",
                escape(id),
                escape(title(lang, title_en, title_es)),
                escape(&format_value(*value, *unit)),
                escape(&change_text(*change_percent, *trend)),
                title(lang, "target", "objetivo"),
                escape(&format_value(*target, *unit)),
                status.label(lang)
            );
        }
    }
    out.push_str("</div>\n");
}
