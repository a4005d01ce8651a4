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

mod conversion {
    use std::sync::OnceLock;

    use proptest::prelude::*;
    use webinar_analytics::prelude::*;
    use webinar_analytics::series::{
        ConversionModelParams, ConversionRow, SplitBy, conversion_dataset, predict_conversion,
    };

    fn demo() -> &'static DemoSeries {
        static DEMO: OnceLock<DemoSeries> = OnceLock::new();
        DEMO.get_or_init(|| demo_series(&SeriesParams { contacts: 1_500, webinars: 6, seed: 8 }).expect("series"))
    }

    fn features(log: &EventLog, params: &ConversionModelParams) -> Vec<(serde_json::Value, String, Vec<f64>)> {
        let rows: Vec<ConversionRow> = conversion_dataset(log, params).unwrap();
        rows.into_iter().map(|r| (r.user_id, r.webinar_id, r.features)).collect()
    }

    fn at(minute: i64, user: i64, event: &str, webinar: &str) -> Record {
        Record(vec![
            ("user_id".to_owned(), RecordValue::Int(user)),
            ("ts".to_owned(), RecordValue::Time(minute * 60_000_000)),
            ("event".to_owned(), RecordValue::Str(event.into())),
            ("webinar_id".to_owned(), RecordValue::Str(webinar.into())),
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// No feature of a registrant changes when events after `observe_until` are removed or
        /// added (the label may; the split is held by `as_of`).
        #[test]
        fn no_feature_sees_past_observe_until(
            cut_minutes in 0i64..100_000,
            extra in proptest::collection::vec((0i64..100_000, 1i64..1_600, 0usize..6, 0usize..6), 0..40),
        ) {
            let demo = demo();
            let end = demo.agendas["w06"].starts_at.0 + i64::from(demo.agendas["w06"].duration_minutes()) * 60_000_000;
            let as_of = Timestamp(demo.log.timestamps().iter().copied().max().unwrap());
            let params = ConversionModelParams { agendas: demo.agendas.clone(), as_of: Some(as_of), ..ConversionModelParams::default() };
            let whole = features(&demo.log, &params);
            let cut = demo.log.between(Timestamp(i64::MIN / 2), Timestamp(end + cut_minutes * 60_000_000));
            prop_assert_eq!(&features(&cut, &params), &whole);
            let kinds = ["purchase", "register", "attend", "chat", "email_open", "page_view"];
            let records: Vec<Record> = extra
                .iter()
                .map(|(m, user, k, w)| at(end / 60_000_000 + 1 + m, *user, kinds[*k], &format!("w{:02}", w + 1)))
                .collect();
            let more = demo.log.append(&EventLog::from_records(&records, None, &LoadOptions::default()).unwrap()).unwrap();
            prop_assert_eq!(&features(&more, &params), &whole);
        }
    }

    #[test]
    fn the_model_is_calibrated_on_held_out_webinars_and_scores_the_last() {
        let demo = demo_series(&SeriesParams { contacts: 8_000, webinars: 10, seed: 4 }).unwrap();
        let params = ConversionModelParams { agendas: demo.agendas.clone(), ..ConversionModelParams::default() };
        let model = predict_conversion(&demo.log, &params).unwrap();
        assert_eq!(model.webinar_id, "w10");
        assert!(model.train_webinars.last() < model.calibration_webinars.first());
        assert!(model.calibration_webinars.last() < model.test_webinars.first());
        let test = &model.test;
        assert!(test.roc_auc.unwrap() > 0.6, "{test:?}");
        assert!(test.ece.unwrap() < 0.05, "{test:?}");
        assert_eq!(test.reliability.iter().map(|b| b.rows).sum::<u64>(), test.rows);
        assert!(model.scores.windows(2).all(|w| w[0].probability >= w[1].probability));
        assert!(model.scores.iter().all(|s| s.reasons.len() == 3 && !s.next_action.is_empty()));
        // The CRM's table: one lead per scored registrant, HubSpot's header, the demo's emails.
        let leads = webinar_analytics::series::lead_table(&demo.log, &params).unwrap();
        assert_eq!(leads.rows.len(), model.scores.len());
        let header = leads.csv.lines().next().unwrap();
        assert_eq!(header, webinar_analytics::series::LEAD_COLUMNS.join(","));
        assert_eq!(leads.csv.lines().count(), leads.rows.len() + 1);
        assert!(leads.rows.iter().all(|r| r.email.as_deref().is_some_and(|e| e.ends_with("@example.com"))));
        assert!(
            leads.rows.iter().any(|r| r.lifecycle_stage == "Customer")
                || leads.rows.iter().all(|r| r.lifecycle_stage == "Lead")
        );
        // Too short a history, a webinar the log lacks, a window past the labels: typed errors.
        let short = ConversionModelParams { webinar: Some("w03".into()), ..params.clone() };
        assert_eq!(predict_conversion(&demo.log, &short).unwrap_err().details().parameter.as_deref(), Some("webinar"));
        let unknown = ConversionModelParams { webinar: Some("w77".into()), ..params.clone() };
        assert_eq!(
            predict_conversion(&demo.log, &unknown).unwrap_err().details().parameter.as_deref(),
            Some("webinar")
        );
        let late = ConversionModelParams { observe_until: Some(Timestamp(i64::MAX / 2)), ..params };
        assert_eq!(
            predict_conversion(&demo.log, &late).unwrap_err().details().parameter.as_deref(),
            Some("observe_until")
        );
    }

    #[test]
    fn a_registration_split_orders_registrants_in_time_and_needs_fewer_webinars() {
        let demo = demo_series(&SeriesParams { contacts: 6_000, webinars: 4, seed: 5 }).unwrap();
        let by_webinar = ConversionModelParams {
            agendas: demo.agendas.clone(),
            webinar: Some("w03".into()),
            ..ConversionModelParams::default()
        };
        // Two labelled webinars cannot be split three ways by webinar; their registrants can.
        assert!(predict_conversion(&demo.log, &by_webinar).is_err());
        let params = ConversionModelParams { split_by: SplitBy::Registration, ..by_webinar };
        let rows = conversion_dataset(&demo.log, &params).unwrap();
        let times = |split: &str| rows.iter().filter(|r| r.split == split).map(|r| r.registered_at).collect::<Vec<_>>();
        let (train, calibration, test) = (times("train"), times("calibration"), times("test"));
        assert!(train.iter().max() <= calibration.iter().min() && calibration.iter().max() <= test.iter().min());
        let labelled = train.len() + calibration.len() + test.len();
        assert_eq!(test.len(), (labelled as f64 * 0.25).round() as usize);
        assert!(rows.iter().filter(|r| r.split == "score").all(|r| r.webinar_id == "w03"));
        let model = predict_conversion(&demo.log, &params).unwrap();
        assert_eq!(model.test.rows as usize, test.len());
        assert!(model.test.roc_auc.is_some());
    }
}

#[test]
fn zoom_reports_keep_their_webinar() {
    use webinar_analytics::ingest::zoom_reports::read_zoom_report;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/zoom");
    let read = |file: &str| std::fs::read(root.join(file)).unwrap();
    let attendees = read_zoom_attendee_report(read("attendee_report.csv").as_slice(), &ZoomOptions::default()).unwrap();
    assert_eq!(attendees.webinar_ids(), ["81234567890"]);
    assert_eq!(attendees.untagged_webinar_events(), 0);
    let topic = attendees.property("webinar_topic").unwrap();
    assert_eq!(topic.dictionary(), [PropValue::Str("IA 10x Impact".into())]);
    let registrations =
        read_zoom_report("registrations", &read("registration_report.csv"), &ZoomOptions::default()).unwrap();
    assert_eq!(registrations.webinar_ids(), ["81234567890"]);
    let both = webinar_analytics::identity::merge_logs(&[&attendees, &registrations]).unwrap();
    let table = webinars(&both, &WebinarsParams::default(), None).unwrap();
    let row = &table.webinars[0];
    // Without an agenda the start is the report's (Mar 14, 2024 16:00:05 UTC).
    assert_eq!(row.starts_at, Some(Timestamp(1_710_432_005_000_000)));
    assert!(row.registrations >= row.attendees.min(1));
}

#[test]
fn dashboards_reports_and_live_scorecards_take_a_webinar() {
    use webinar_analytics::live::{LiveOptions, LiveScorecard};
    use webinar_analytics::report::{DashboardKind, ReportParams, ViewParams, dashboard, report};

    let demo = series(1_500, 3, 8);
    let inputs = ScorecardInputs { spend: Some(demo.spend.clone()), ..ScorecardInputs::default() };
    let id = "w02".to_owned();
    // The scoped inputs: w02's agenda and only the spend rows naming it.
    let own = inputs.for_webinar(&id, Some(&demo.agendas));
    assert_eq!(own.agenda.as_ref(), Some(&demo.agendas[&id]));
    assert!(own.spend.as_ref().unwrap().iter().all(|r| r.webinar_id == id));
    let filtered = demo.log.for_webinar(&id).unwrap();

    let view = ViewParams { webinar: Some(id.clone()), agendas: demo.agendas.clone(), ..ViewParams::default() };
    let scoped = dashboard(&demo.log, &inputs, DashboardKind::Operational, &view).unwrap();
    let plain = dashboard(&filtered, &own, DashboardKind::Operational, &ViewParams::default()).unwrap();
    assert_eq!(serde_json::to_value(&scoped).unwrap(), serde_json::to_value(&plain).unwrap());

    let params = ReportParams { view, ..ReportParams::default() };
    let scoped = report(&demo.log, &inputs, &params).unwrap();
    let plain = report(&filtered, &own, &ReportParams::default()).unwrap();
    assert_eq!(scoped.to_markdown(), plain.to_markdown());
    let bad = ViewParams { webinar: Some("w7".into()), ..ViewParams::default() };
    let err = dashboard(&demo.log, &inputs, DashboardKind::Executive, &bad).unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("webinar"));

    // A live scorecard of w02 applies its events only and counts the rest.
    let options = LiveOptions { webinar: Some(id.clone()), ..LiveOptions::default() };
    let mut live = LiveScorecard::new(own.clone(), ScorecardParams::default(), options).unwrap();
    let update = live.append_log(&demo.log, None).unwrap();
    assert_eq!(update.accepted as usize, filtered.event_count());
    assert_eq!(update.other_webinar as usize, demo.log.event_count() - filtered.event_count());
    let mut alone = LiveScorecard::new(own, ScorecardParams::default(), LiveOptions::default()).unwrap();
    alone.append_log(&filtered, None).unwrap();
    assert_eq!(live.scorecard(), alone.scorecard());
}

#[test]
fn zoom_recording_views_are_on_demand_viewing_of_their_webinar() {
    use webinar_analytics::identity::merge_logs;
    use webinar_analytics::ingest::zoom_reports::read_zoom_report;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/zoom");
    let read = |file: &str| std::fs::read(root.join(file)).unwrap();
    let attendees = read_zoom_attendee_report(read("attendee_report.csv").as_slice(), &ZoomOptions::default()).unwrap();
    let options = ZoomOptions { webinar_id: Some("812 3456 7890".into()), ..ZoomOptions::default() };
    let views = read_zoom_report("recording_views", &read("recording_views.csv"), &options).unwrap();
    assert_eq!(views.webinar_ids(), ["81234567890"]);
    assert_eq!((views.person_count(), views.event_count()), (3, 8));
    let both = merge_logs(&[&attendees, &views]).unwrap();
    let a = attendance(&both, None, None);
    // Live: Ana and Bo. On demand: Cy (65.5 + 20 min), Ana (12 min), Dee (45.25 min, keyed by name).
    assert_eq!((a.live.attendees, a.on_demand.attendees, a.both), (2, 3, 1));
    assert!((a.on_demand.minutes - (65.5 + 20.0 + 12.0 + 45.25)).abs() < 1e-9, "{}", a.on_demand.minutes);
    let table = webinars(&both, &WebinarsParams::default(), None).unwrap();
    assert_eq!(table.webinars[0].on_demand_attendees, 3);
    // The Webinar ID option also retags a report that has its own.
    let other = ZoomOptions { webinar_id: Some("w2".into()), replay: true, ..ZoomOptions::default() };
    let replayed = read_zoom_attendee_report(read("attendee_report.csv").as_slice(), &other).unwrap();
    assert_eq!(replayed.webinar_ids(), ["w2"]);
    let r = attendance(&replayed, None, None);
    assert_eq!((r.live.attendees, r.on_demand.attendees), (0, 2));
    // A duration that is not one names its line.
    let bad = "Name,Email,Date,Duration\nAna,a@x.com,\"Mar 18, 2024 21:15:00\",soon\n";
    let err = read_zoom_report("recording_views", bad.as_bytes(), &options).unwrap_err();
    assert_eq!(err.code(), "csv_format");
    assert!(err.to_string().contains("line 2"), "{err}");
}

#[test]
fn a_fitted_forecaster_predicts_as_predict_attendance_and_survives_saving() {
    use webinar_analytics::series::{AttendanceForecaster, ForecastParams, ForecastUpdate, predict_attendance};
    let demo = series(2_000, 12, 6);
    let params = ForecastParams {
        agendas: demo.agendas.clone(),
        spend: demo.spend.clone(),
        min_train: 5,
        webinar: Some("w12".into()),
        ..ForecastParams::default()
    };
    // Fit on the webinars before w12, then predict w12: the same as predict_attendance.
    let fitted = AttendanceForecaster::fit(&demo.log, &params).unwrap();
    assert_eq!(fitted.trained_on().len(), 11);
    let update = ForecastUpdate { webinar: Some("w12".into()), ..ForecastUpdate::default() };
    let direct = predict_attendance(&demo.log, &params).unwrap();
    assert_eq!(fitted.predict(&demo.log, &update).unwrap(), direct);
    let loaded = AttendanceForecaster::from_json(&fitted.to_json()).unwrap();
    assert_eq!(loaded, fitted);
    assert_eq!(loaded.predict(&demo.log, &update).unwrap(), direct);
    assert_eq!(loaded.backtest(), &direct.backtest);
    let unknown = ForecastUpdate { webinar: Some("w99".into()), ..ForecastUpdate::default() };
    assert_eq!(loaded.predict(&demo.log, &unknown).unwrap_err().details().parameter.as_deref(), Some("webinar"));
    assert!(AttendanceForecaster::from_json("{}").is_err());
}
