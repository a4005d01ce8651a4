//! Webinar series: the demo series, the per-webinar table and webinar-scoped analyses.

use std::collections::BTreeMap;

use proptest::prelude::*;
use webinar_analytics::prelude::*;
use webinar_analytics::series::{WebinarScope, WebinarsParams, webinars};

fn series(contacts: usize, webinars: usize, seed: u64) -> DemoSeries {
    demo_series(&SeriesParams { contacts, webinars, seed }).expect("demo series")
}

#[test]
fn the_demo_series_is_reproducible_and_tags_every_webinar_event() {
    let a = series(1_500, 8, 3);
    let b = series(1_500, 8, 3);
    assert_eq!(summary(&a.log), summary(&b.log));
    assert_eq!(a.spend, b.spend);
    assert_eq!(a.log.webinar_ids(), (1..=8).map(|w| format!("w{w:02}")).collect::<Vec<_>>());
    assert_eq!(a.log.untagged_webinar_events(), 0);
    assert_ne!(summary(&a.log), summary(&series(1_500, 8, 4).log));
    let bad = demo_series(&SeriesParams { contacts: 10, webinars: 0, seed: 1 }).unwrap_err();
    assert_eq!(bad.details().parameter.as_deref(), Some("webinars"));
}

#[test]
fn a_webinar_row_is_the_attendance_of_the_log_filtered_to_it() {
    let demo = series(3_000, 6, 11);
    let params = WebinarsParams { agendas: demo.agendas.clone(), ..WebinarsParams::default() };
    let table = webinars(&demo.log, &params, Some(&demo.spend)).unwrap();
    assert_eq!(table.webinars.len(), 6);
    assert!(table.warnings.is_empty());
    for row in &table.webinars {
        let scoped = demo.log.for_webinar(&row.webinar_id).unwrap();
        let agenda = &demo.agendas[&row.webinar_id];
        let a = attendance(&scoped, Some(agenda), None);
        assert_eq!(
            (row.attendees, row.live_attendees, row.on_demand_attendees),
            (a.attendees, a.live.attendees, a.on_demand.attendees)
        );
        assert!(row.live_attendees + row.on_demand_attendees - row.both_attendees == row.attendees);
        assert_eq!(row.starts_at, Some(agenda.starts_at));
        let cost: f64 = demo.spend.iter().filter(|s| s.webinar_id == row.webinar_id).map(|s| s.cost).sum();
        assert!((row.cost.unwrap() - cost).abs() < 1e-6);
        assert!(a.sections.iter().all(|s| s.retention_percent.is_none_or(|p| (0.0..=100.0).contains(&p))));
    }
    let best = table.webinars.iter().max_by_key(|r| r.attendees).unwrap();
    assert_eq!(best.rank, 1);
    let median = table.series.iter().find(|s| s.metric == "attendees").unwrap().median.unwrap();
    let mut attendees: Vec<u64> = table.webinars.iter().map(|r| r.attendees).collect();
    attendees.sort_unstable();
    assert!((median - (attendees[2] + attendees[3]) as f64 / 2.0).abs() < 1e-9);
}

#[test]
fn a_webinar_scorecard_equals_the_scorecard_of_the_log_filtered_to_it() {
    let demo = series(2_000, 4, 5);
    let inputs = ScorecardInputs { spend: Some(demo.spend.clone()), ..ScorecardInputs::default() };
    for id in demo.log.webinar_ids() {
        let scope = WebinarScope { webinar: Some(&id), agendas: Some(&demo.agendas) };
        let (scoped, agenda) = scope.apply(&demo.log, None).unwrap();
        let inputs = ScorecardInputs { agenda: agenda.cloned(), ..inputs.clone() };
        let filtered = demo.log.for_webinar(&id).unwrap();
        let whole = ScorecardInputs { agenda: Some(demo.agendas[&id].clone()), ..inputs.clone() };
        assert_eq!(
            scorecard(&scoped, &inputs, &ScorecardParams::default()).unwrap(),
            scorecard(&filtered, &whole, &ScorecardParams::default()).unwrap()
        );
    }
}

#[test]
fn scope_errors_name_the_option() {
    let demo = series(300, 3, 1);
    let err = demo.log.for_webinar("w9").unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("webinar"));
    let err = demo.log.for_webinar("w001").unwrap_err();
    assert!(err.to_string().contains("did you mean \"w01\""), "{err}");
    let mut agendas = demo.agendas.clone();
    agendas.insert("w42".to_owned(), demo.agendas["w01"].clone());
    let err = WebinarScope { webinar: Some("w01"), agendas: Some(&agendas) }.apply(&demo.log, None).unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("agendas.w42"));
    let err = WebinarScope { webinar: None, agendas: Some(&demo.agendas) }.apply(&demo.log, None).unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("agendas"));
    let params = WebinarsParams { agendas, ..WebinarsParams::default() };
    assert_eq!(webinars(&demo.log, &params, None).unwrap_err().details().parameter.as_deref(), Some("agendas.w42"));
    // A log without webinars has an empty table, and says so when asked for one.
    let plain = demo_campaign(&DemoParams { contacts: 50, seed: 1 }).unwrap().log;
    assert!(webinars(&plain, &WebinarsParams::default(), None).unwrap().webinars.is_empty());
    assert!(plain.for_webinar("w01").unwrap_err().to_string().contains("no webinars"));
}

fn event(user: i64, minute: i64, event: &str, webinar: Option<&str>, replay: bool) -> Record {
    let mut r = vec![
        ("user_id".to_owned(), RecordValue::Int(user)),
        ("ts".to_owned(), RecordValue::Time(1_710_432_000_000_000 + minute * 60_000_000)),
        ("event".to_owned(), RecordValue::Str(event.into())),
    ];
    if let Some(w) = webinar {
        r.push(("webinar_id".to_owned(), RecordValue::Str(w.into())));
    }
    if replay {
        r.push(("replay".to_owned(), RecordValue::Bool(true)));
    }
    Record(r)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Live plus on-demand attendees minus both is every attendee, and untagged webinar-role
    /// events are counted, whatever the mix.
    #[test]
    fn viewing_splits_add_up(sessions in proptest::collection::vec((1i64..8, 0i64..200, 1i64..90, 0usize..3, any::<bool>()), 1..40)) {
        let ids = ["w1", "w2", ""];
        let mut records = Vec::new();
        let mut untagged = 0;
        for (user, start, length, w, replay) in &sessions {
            let webinar = Some(ids[*w]).filter(|w| !w.is_empty());
            untagged += 2 * u64::from(webinar.is_none());
            records.push(event(*user, *start, "attend", webinar, *replay));
            records.push(event(*user, start + length, "leave", webinar, *replay));
        }
        let log = EventLog::from_records(&records, None, &LoadOptions::default()).unwrap();
        let table = webinars(&log, &WebinarsParams::default(), None).unwrap();
        for row in &table.webinars {
            prop_assert_eq!(row.live_attendees + row.on_demand_attendees - row.both_attendees, row.attendees);
        }
        if log.webinar_ids().len() > 1 {
            prop_assert_eq!(table.untagged_events, untagged);
        }
        let whole = attendance(&log, None, None);
        prop_assert_eq!(whole.live.attendees + whole.on_demand.attendees - whole.both, whole.attendees);
    }
}

#[test]
fn agendas_by_webinar_are_checked_against_the_log() {
    let demo = series(200, 2, 9);
    let agendas: BTreeMap<String, WebinarAgenda> = demo.agendas.clone();
    let scope = WebinarScope { webinar: Some("w02"), agendas: Some(&agendas) };
    let (log, agenda) = scope.apply(&demo.log, None).unwrap();
    assert_eq!(agenda, Some(&demo.agendas["w02"]));
    assert_eq!(log.webinar_ids(), ["w02"]);
}
