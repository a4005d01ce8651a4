//! The main job: generate the demo campaign and print what it holds.
//!
//! `cargo run --release --example demo -- [contacts] [seed]` (defaults: 10000 contacts, seed 42).

use std::time::Instant;

use webinar_analytics::events::time::format_micros;
use webinar_analytics::prelude::*;
use webinar_analytics::report::{Block, Lang, ReportKind, ReportParams, report};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let parse = |arg: Option<String>, name: &str, default: u64| -> Result<u64> {
        arg.map_or(Ok(default), |a| {
            a.parse().map_err(|_| Error::InvalidParameter {
                name: name.to_owned(),
                message: format!("{a:?} is not a number"),
            })
        })
    };
    let contacts = parse(args.next(), "contacts", 10_000)? as usize;
    let seed = parse(args.next(), "seed", 42)?;

    let started = Instant::now();
    let demo = demo_campaign(&DemoParams { contacts, seed })?;
    let generated = started.elapsed();
    let s = summary(&demo.log);

    println!("webinar-analytics demo campaign (seed {seed})");
    println!("generated {} events for {} contacts in {:.2?}\n", s.events, s.contacts, generated);
    println!("persons   {:>10}", s.persons);
    println!("contacts  {:>10}", s.contacts);
    println!("events    {:>10}", s.events);
    let span = |t: Option<Timestamp>| t.map_or_else(|| "-".to_owned(), |t| format_micros(t.0));
    println!("first     {}", span(s.first_ts));
    println!("last      {}\n", span(s.last_ts));
    println!("{:<20} {:>10} {:>10}", "event kind", "events", "persons");
    for kind in &s.kinds {
        println!("{:<20} {:>10} {:>10}", kind.kind, kind.events, kind.persons);
    }

    println!("\n{:<14} {:>12} {:>10} {:>8} {:>12}", "ad channel", "impressions", "reach", "clicks", "cost");
    let mut channels: Vec<&str> = demo.spend.iter().map(|r| r.channel.as_str()).collect();
    channels.dedup();
    channels.sort_unstable();
    channels.dedup();
    for channel in channels {
        let rows = demo.spend.iter().filter(|r| r.channel == channel);
        let (i, r, c, cost) = rows.fold((0, 0, 0, 0.0), |(i, r, c, cost), row| {
            (i + row.impressions, r + row.reach, c + row.clicks, cost + row.cost)
        });
        println!("{channel:<14} {i:>12} {r:>10} {c:>8} {cost:>12.2}");
    }

    println!("\n{:<14} {:>8} {:>10} {:>8} {:>8}", "email", "sent", "delivered", "opens", "clicks");
    for e in &demo.email_sends {
        println!("{:<14} {:>8} {:>10} {:>8} {:>8}", e.campaign, e.sent, e.delivered, e.unique_opens, e.unique_clicks);
    }

    println!("\nagenda (starts {}, {} slides)", span(Some(demo.agenda.starts_at)), demo.agenda.slides);
    for section in &demo.agenda.sections {
        println!("  {:>3}-{:<3} min  {}", section.start_minute, section.end_minute, section.name);
    }

    let table = channel_performance(&demo.log, &ChannelParams::default(), Some(&demo.spend))?;
    println!(
        "\n{:<12} {:>8} {:>8} {:>8} {:>6} {:>10} {:>8} {:>8}",
        "channel", "contacts", "regs", "attend", "conv", "revenue", "cpl", "roi %"
    );
    let show = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"));
    for row in &table.rows {
        let name = row.channel.as_ref().and_then(PropValue::as_str).unwrap_or("(none)");
        let c = &row.counts;
        let spend = row.spend.as_ref();
        println!(
            "{name:<12} {:>8} {:>8} {:>8} {:>6} {:>10.0} {:>8} {:>8}",
            c.contacts,
            c.registrations,
            c.attendees,
            c.conversions,
            c.revenue,
            show(spend.and_then(|s| s.cost_per_lead)),
            show(spend.and_then(|s| s.roi_percent)),
        );
    }

    print_funnel(&demo.log)?;

    let inputs = ScorecardInputs {
        spend: Some(demo.spend.clone()),
        email_sends: Some(demo.email_sends.clone()),
        agenda: Some(demo.agenda.clone()),
        uptime: Some(99.95),
        reach: None,
    };
    let card = scorecard(&demo.log, &inputs, &ScorecardParams::default())?;
    println!("\n{:<26} {:>12} {:>12}  status", "metric", "value", "target");
    for m in &card.metrics {
        let value = m.value.map_or_else(|| m.reason.clone().unwrap_or_default(), |v| format!("{v:.2}"));
        let target = show(m.target);
        println!("{:<26} {:>12} {:>12}  {}", m.id, value, target, m.status.label(Lang::En));
    }
    print_live(&demo)?;
    write_report(&demo.log, &inputs)
}

fn arrow_error(e: &arrow_schema::ArrowError) -> Error {
    Error::InvalidParameter { name: "events".to_owned(), message: e.to_string() }
}

/// The webinar replayed live: the demo's events in time order, 5 minutes at a time, through a
/// `LiveScorecard` with the seed's operational alerts.
fn print_live(demo: &DemoCampaign) -> Result<()> {
    use webinar_analytics::alerts::AlertEngine;
    use webinar_analytics::live::{LiveOptions, LiveScorecard};

    const FIVE_MINUTES: i64 = 300_000_000;
    let events = demo.log.events_to_arrow()?;
    let ts = demo.log.timestamps();
    let mut order: Vec<u32> = (0..ts.len() as u32).collect();
    order.sort_by_key(|i| ts[*i as usize]);
    let start = demo.agenda.starts_at.0;
    let end = start + i64::from(demo.agenda.duration_minutes()) * 60_000_000;
    let engine = AlertEngine::from_call_json(&serde_json::json!({ "rules": "operational" }))?;
    let mut live = LiveScorecard::new(demo.scorecard_inputs(), ScorecardParams::default(), LiveOptions::default())?
        .with_alerts(engine);
    println!(
        "
the webinar, live (5-minute batches; operational alerts)"
    );
    println!("{:<7} {:>8} {:>8} {:>6} {:>7} {:>11}  alerts", "time", "events", "viewers", "peak", "drop", "engagement");
    let (mut cursor, mut t, mut slowest) = (0, start - FIVE_MINUTES, 0.0f64);
    while t <= end + FIVE_MINUTES {
        let until = cursor + order[cursor..].partition_point(|i| ts[*i as usize] <= t);
        let indices = arrow_array::UInt32Array::from(order[cursor..until].to_vec());
        let columns = events
            .columns()
            .iter()
            .map(|c| arrow_select::take::take(c, &indices, None))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| arrow_error(&e))?;
        let batch = arrow_array::RecordBatch::try_new(events.schema(), columns).map_err(|e| arrow_error(&e))?;
        let timer = Instant::now();
        let log = EventLog::from_arrow(&[batch], None, &LoadOptions::default())?;
        let update = live.append_log(&log, Some(Timestamp(t)))?;
        if t >= start {
            slowest = slowest.max(timer.elapsed().as_secs_f64());
        }
        cursor = until;
        if t >= start {
            let s = &update.status;
            let alerts: Vec<String> = update
                .alerts
                .iter()
                .flat_map(|a| &a.events)
                .map(|e| format!("{:?} {}", e.kind, e.metric).to_lowercase())
                .collect();
            println!(
                "{:<7} {:>8} {:>8} {:>6} {:>6.1}% {:>11.1}  {}",
                format_micros(t).get(11..16).unwrap_or(""),
                update.accepted,
                s.current_viewers.unwrap_or(0),
                s.peak_viewers,
                s.attendance_drop.unwrap_or(0.0),
                s.engagement_score.unwrap_or(0.0),
                alerts.join(", ")
            );
        }
        t += FIVE_MINUTES;
    }
    println!("slowest update during the webinar: {:.2} ms", slowest * 1e3);
    Ok(())
}

/// The alerts that fire on the demo, then its monthly report as one HTML file (path printed).
fn write_report(log: &EventLog, inputs: &ScorecardInputs) -> Result<()> {
    let report = report(log, inputs, &ReportParams { kind: ReportKind::Monthly, ..ReportParams::default() })?;
    println!("\nalerts firing");
    for section in &report.sections {
        if let Block::Alerts { alerts } = &section.block {
            for a in alerts {
                println!(
                    "  [{}] {} ({} = {})",
                    a.rule.severity.name(),
                    a.rule.message_en,
                    a.rule.metric,
                    a.value.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}"))
                );
            }
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/demo");
    let path = dir.join("report.html");
    let io = |e: std::io::Error| Error::Io { path: path.display().to_string(), message: e.to_string() };
    std::fs::create_dir_all(&dir).map_err(io)?;
    std::fs::write(&path, report.to_html()).map_err(io)?;
    std::fs::write(dir.join("report.md"), report.to_markdown()).map_err(io)?;
    let shown = path.canonicalize().unwrap_or(path.clone());
    println!("\nmonthly report (HTML, self-contained): {}", shown.display());
    Ok(())
}

/// The demo's 4-step funnel within 14 days.
fn print_funnel(log: &EventLog) -> Result<()> {
    let steps = ["page_view", "register", "attend", "purchase"];
    let started = std::time::Instant::now();
    let funnel =
        funnel(log, &FunnelParams { window: Some(Window::seconds(14.0 * 86_400.0)), ..FunnelParams::new(&steps) })?;
    println!("\nfunnel within 14 days ({:.2?})", started.elapsed());
    println!(
        "{:<12} {:>8} {:>10} {:>10} {:>8} {:>14}",
        "step", "persons", "from prev", "from 1st", "dropped", "median time"
    );
    let percent = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{:.1}%", v * 100.0));
    for step in &funnel.steps {
        let median =
            step.median_seconds_from_previous.map_or_else(|| "-".to_owned(), |s| format!("{:.1} h", s / 3600.0));
        println!(
            "{:<12} {:>8} {:>10} {:>10} {:>8} {:>14}",
            step.event,
            step.count,
            percent(step.conversion_from_previous),
            percent(step.conversion_from_start),
            step.dropoff.unwrap_or(0),
            median
        );
    }
    Ok(())
}
