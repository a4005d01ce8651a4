//! The main job: generate the demo campaign and print what it holds.
//!
//! `cargo run --release --example demo -- [contacts] [seed]` (defaults: 10000 contacts, seed 42).

use std::time::Instant;

use webinar_analytics::events::time::format_micros;
use webinar_analytics::prelude::*;

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
    Ok(())
}
