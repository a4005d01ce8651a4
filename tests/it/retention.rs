//! Retention matrices against a brute-force reference (calendar arithmetic with chrono on each
//! event), and partials that merge exactly.

use chrono::{DateTime, Datelike, NaiveDate};
use chrono_tz::Tz;
use proptest::prelude::*;
use webinar_analytics::prelude::*;

const ZONES: [&str; 3] = ["UTC", "America/New_York", "Australia/Sydney"];
const UNITS: [CalendarUnit; 4] = [CalendarUnit::Day, CalendarUnit::Week, CalendarUnit::Month, CalendarUnit::Quarter];

#[derive(Debug, Clone)]
struct Case {
    /// (user, hour since 2024-01-01, is purchase)
    events: Vec<(i64, i64, bool)>,
    unit: usize,
    zone: usize,
    on_or_after: bool,
}

fn arb_case() -> impl Strategy<Value = Case> {
    (prop::collection::vec((0i64..6, 0i64..24 * 200, any::<bool>()), 0..30), 0usize..4, 0usize..3, any::<bool>())
        .prop_map(|(events, unit, zone, on_or_after)| Case { events, unit, zone, on_or_after })
}

fn log_of(case: &Case) -> EventLog {
    let start = 1_704_067_200; // 2024-01-01T00:00:00Z
    let records: Vec<Record> = case
        .events
        .iter()
        .map(|(u, h, purchase)| {
            Record(vec![
                ("user_id".to_owned(), RecordValue::Int(*u)),
                ("ts".to_owned(), RecordValue::Int(start + h * 3600)),
                ("event".to_owned(), RecordValue::Str(if *purchase { "purchase" } else { "view" }.to_owned())),
                ("value".to_owned(), if *purchase { RecordValue::Float(1.5) } else { RecordValue::Null }),
            ])
        })
        .collect();
    EventLog::from_records(&records, None, &LoadOptions { ts_unit: Some(TimeUnit::S), ..LoadOptions::default() })
        .unwrap()
}

/// The period number of a local date, computed independently of the library.
fn period(unit: CalendarUnit, d: NaiveDate) -> i64 {
    match unit {
        CalendarUnit::Day => (d - NaiveDate::from_ymd_opt(2000, 1, 3).unwrap()).num_days(),
        CalendarUnit::Week => (d - NaiveDate::from_ymd_opt(2000, 1, 3).unwrap()).num_days().div_euclid(7),
        CalendarUnit::Month => i64::from(d.year()) * 12 + i64::from(d.month()) - 1,
        CalendarUnit::Quarter => i64::from(d.year()) * 4 + (i64::from(d.month()) - 1) / 3,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Cohort sizes and counts equal a per-person brute force; cells beyond the data are null.
    #[test]
    fn retention_equals_brute_force(case in arb_case()) {
        let log = log_of(&case);
        let unit = UNITS[case.unit];
        let zone: Tz = ZONES[case.zone].parse().unwrap();
        let kind = if case.on_or_after { RetentionKind::OnOrAfter } else { RetentionKind::On };
        let params = RetentionParams {
            period: unit,
            tz: ZONES[case.zone].to_owned(),
            anchor_event: Some("purchase".into()),
            kind,
            ..RetentionParams::default()
        };
        let m = retention(&log, &params).unwrap();
        let local = |ts: i64| period(unit, DateTime::from_timestamp_micros(ts).unwrap().with_timezone(&zone).date_naive());
        // Per person: cohort and the periods with activity.
        let mut persons: Vec<(i64, Vec<i64>)> = Vec::new();
        let mut end = i64::MIN;
        for p in log.iter_persons() {
            end = end.max(p.ts.iter().map(|t| local(*t)).max().unwrap_or(i64::MIN));
            let code = log.kind_code("purchase");
            let Some(first) = p.kind.iter().position(|k| Some(*k) == code) else { continue };
            let cohort = local(p.ts[first]);
            persons.push((cohort, p.ts.iter().map(|t| local(*t) - cohort).filter(|o| *o >= 0).collect()));
        }
        let Some(first) = persons.iter().map(|p| p.0).min() else {
            prop_assert!(m.cohorts.is_empty());
            return Ok(());
        };
        let last = persons.iter().map(|p| p.0).max().unwrap();
        prop_assert_eq!(m.cohorts.len() as i64, last - first + 1);
        prop_assert_eq!(m.periods.len() as i64, end - first + 1);
        for (row, c) in (first..=last).enumerate() {
            let members: Vec<&Vec<i64>> = persons.iter().filter(|p| p.0 == c).map(|p| &p.1).collect();
            prop_assert_eq!(m.cohort_size[row], members.len() as u64);
            for (col, count) in m.counts[row].iter().enumerate() {
                let o = col as i64;
                if c + o > end {
                    prop_assert_eq!(*count, None);
                    continue;
                }
                let want = members
                    .iter()
                    .filter(|offsets| if case.on_or_after { offsets.iter().any(|x| *x >= o) } else { offsets.contains(&o) })
                    .count() as u64;
                prop_assert_eq!(*count, Some(want), "cohort {} period {}", c, o);
            }
        }
    }

    /// Partials of any split of the persons, merged in any order, give exactly the full matrix.
    #[test]
    fn retention_partials_merge_exactly(case in arb_case(), cut in 0usize..7) {
        let log = log_of(&case);
        let params = RetentionParams {
            period: UNITS[case.unit],
            anchor_event: Some("view".into()),
            breakdown: None,
            ..RetentionParams::default()
        };
        let n = log.person_count();
        let cut = cut.min(n);
        let a = retention_partial(&log, &params, 0..cut).unwrap();
        let b = retention_partial(&log, &params, cut..n).unwrap();
        let b: RetentionPartial = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
        prop_assert_eq!(merge_retention_partials([b, a]).unwrap(), retention(&log, &params).unwrap());
    }
}
