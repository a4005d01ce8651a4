//! Monthly retention of the CDNOW transaction sample (23,570 customers, 1997-1998): cohort =
//! month of first purchase, activity = any purchase.
//!
//! `cargo run --release --example cdnow_retention [path/to/CDNOW_master.txt]`
//!
//! Without a path, the file is taken from the installed Python package `lifetimes`
//! (`lifetimes/datasets/CDNOW_master.txt`; `make setup-python` installs it in `.venv`).
//! Columns: customer id, date `YYYYMMDD`, number of CDs, dollar value.

use std::path::PathBuf;
use std::process::Command;

use webinar_analytics::prelude::*;

fn find_dataset() -> Option<PathBuf> {
    let script = "import importlib.util as u, os; s = u.find_spec('lifetimes'); \
                  print(os.path.join(s.submodule_search_locations[0], 'datasets', 'CDNOW_master.txt'))";
    [".venv/bin/python", "python3"].iter().find_map(|python| {
        let out = Command::new(python).args(["-c", script]).output().ok()?;
        let path = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
        path.is_file().then_some(path)
    })
}

/// One record per transaction line: `user_id`, `ts` (the day), `event` = purchase, `value`,
/// `cds`.
fn read_cdnow(text: &str) -> std::result::Result<Vec<Record>, String> {
    let mut records = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [id, date, cds, dollars] = fields.as_slice() else {
            if fields.is_empty() {
                continue;
            }
            return Err(format!("line {}: expected 4 fields, got {line:?}", n + 1));
        };
        let bad = |what: &str| format!("line {}: bad {what} in {line:?}", n + 1);
        let id: i64 = id.parse().map_err(|_| bad("customer id"))?;
        let cds: i64 = cds.parse().map_err(|_| bad("number of CDs"))?;
        let value: f64 = dollars.parse().map_err(|_| bad("dollar value"))?;
        if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("date"));
        }
        let day = format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..]);
        records.push(Record(vec![
            ("user_id".into(), RecordValue::Int(id)),
            ("ts".into(), RecordValue::Str(day)),
            ("event".into(), RecordValue::Str("purchase".into())),
            ("value".into(), RecordValue::Float(value)),
            ("cds".into(), RecordValue::Int(cds)),
        ]));
    }
    Ok(records)
}

fn main() -> std::result::Result<(), Box<dyn std::error::Error>> {
    let path =
        std::env::args().nth(1).map(PathBuf::from).or_else(find_dataset).ok_or(
            "CDNOW_master.txt not found: give its path, or install the `lifetimes` package (make setup-python)",
        )?;
    let records = read_cdnow(&std::fs::read_to_string(&path)?)?;
    let log = EventLog::from_records(&records, None, &LoadOptions::default())?;
    let params = RetentionParams { anchor_event: Some("purchase".into()), ..RetentionParams::default() };
    let m = retention(&log, &params)?;
    println!("CDNOW ({}): {} transactions, {} customers", path.display(), log.event_count(), log.person_count());
    println!("monthly retention, cohort = month of first purchase (% of the cohort buying again)\n");
    print!("{:<8} {:>6}", "cohort", "size");
    for p in &m.periods {
        print!(" {:>5}", p.to_string());
    }
    println!();
    for (row, cohort) in m.cohorts.iter().enumerate() {
        print!("{cohort:<8} {:>6}", m.cohort_size[row]);
        for rate in &m.rates[row] {
            match rate {
                Some(r) => print!(" {:>5.1}", r * 100.0),
                None => print!(" {:>5}", ""),
            }
        }
        println!();
    }
    let ltv = m.ltv[0].iter().rev().find_map(|v| *v).unwrap_or(0.0);
    println!("\nrevenue per customer of the {} cohort after {} months: ${ltv:.2}", m.cohorts[0], m.periods.len() - 1);
    Ok(())
}
