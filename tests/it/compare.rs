//! Comparisons of two periods: each side equals the analysis of the log cut to its period, the
//! previous period is the one of the same length just before, and bad ranges are named.

use webinar_analytics::compare::{Compare, Periods, RateChange};
use webinar_analytics::events::time::parse_iso8601;
use webinar_analytics::metrics::{ChannelParams, ScorecardParams, channel_performance, channel_performance_over};
use webinar_analytics::metrics::{Unit, scorecard, scorecard_over};
use webinar_analytics::prelude::*;

fn at(text: &str) -> Timestamp {
    Timestamp(parse_iso8601(text).unwrap())
}

fn demo() -> DemoCampaign {
    demo_campaign(&DemoParams { contacts: 3000, seed: 5 }).unwrap()
}

#[test]
fn each_side_of_a_channel_comparison_is_the_table_of_its_period() {
    let demo = demo();
    let current = [at("2024-02-26T00:00:00Z"), at("2024-03-10T23:59:59Z")];
    let periods = Periods { between: Some(current), compare: Some(Compare::PreviousPeriod) };
    let params = ChannelParams::default();
    let table = channel_performance_over(&demo.log, &params, Some(&demo.spend), &periods).unwrap();
    let now = channel_performance(&demo.log.between(current[0], current[1]), &params, None).unwrap();
    let before = [at("2024-02-12T00:00:00Z"), at("2024-02-25T23:59:59Z")];
    let then = channel_performance(&demo.log.between(before[0], before[1]), &params, None).unwrap();
    assert_eq!(table.rows.len(), now.rows.len());
    for (row, plain) in table.rows.iter().zip(&now.rows) {
        assert_eq!(row.counts, plain.counts);
        let change = row.comparison.unwrap();
        assert_eq!((change.compared_from, change.compared_to), (before[0], before[1]));
        let was = then.rows.iter().find(|r| r.channel == row.channel).map(|r| r.counts).unwrap_or_default();
        assert_eq!((change.compared_registrations, change.compared_conversions), (was.registrations, was.conversions));
        let expected =
            RateChange::new((row.counts.conversions, row.counts.registrations), (was.conversions, was.registrations));
        assert_eq!(change.conversion_rate_p_value, expected.p_value);
        assert_eq!(change.conversion_rate_change, expected.change);
    }
}

#[test]
fn each_side_of_a_scorecard_comparison_is_the_scorecard_of_its_period() {
    let demo = demo();
    let inputs = demo.scorecard_inputs();
    let params = ScorecardParams::default();
    let current = [at("2024-03-01T00:00:00Z"), at("2024-03-31T23:59:59Z")];
    let compared = [at("2024-02-01T00:00:00Z"), at("2024-02-29T23:59:59Z")];
    let periods = Periods { between: Some(current), compare: Some(Compare::Range(compared)) };
    let card = scorecard_over(&demo.log, &inputs, &params, &periods).unwrap();
    let cut = |first: &str, last: &str| ScorecardInputs {
        spend: inputs
            .spend
            .as_ref()
            .map(|rows| rows.iter().filter(|r| first <= r.date.as_str() && r.date.as_str() <= last).cloned().collect()),
        ..inputs.clone()
    };
    let now = scorecard(&demo.log.between(current[0], current[1]), &cut("2024-03-01", "2024-03-31"), &params).unwrap();
    let then =
        scorecard(&demo.log.between(compared[0], compared[1]), &cut("2024-02-01", "2024-02-29"), &params).unwrap();
    let mut tested = 0;
    for ((metric, plain), was) in card.metrics.iter().zip(&now.metrics).zip(&then.metrics) {
        assert_eq!((metric.id, metric.value, metric.n), (plain.id, plain.value, plain.n));
        let change = metric.comparison.unwrap();
        assert_eq!(change.compared_value, was.value, "{}", metric.id);
        assert_eq!(change.change, metric.value.zip(was.value).map(|(a, b)| a - b));
        if let (Some(p), Some(n0), Some(n1)) = (change.p_value, was.n, metric.n) {
            let scale = if metric.unit == Unit::Percent { 100.0 } else { 1.0 };
            let x = |m: &webinar_analytics::metrics::ScoredMetric, n: u64| {
                (m.value.unwrap() / scale * n as f64).round() as u64
            };
            assert_eq!(Some(p), RateChange::new((x(metric, n1), n1), (x(was, n0), n0)).p_value);
            tested += 1;
        } else {
            assert!(metric.n.is_none() || was.n.is_none() || metric.value.is_none() || change.p_value.is_none());
        }
    }
    assert!(tested >= 3, "{tested} proportions tested");
}

#[test]
fn bad_periods_are_named() {
    let demo = demo();
    let params = ChannelParams::default();
    let march = [at("2024-03-01T00:00:00Z"), at("2024-03-31T23:59:59Z")];
    let cases = [
        (Periods { between: None, compare: Some(Compare::PreviousPeriod) }, "compare"),
        (Periods { between: Some([march[1], march[0]]), compare: None }, "between"),
        (Periods { between: Some(march), compare: Some(Compare::Range([march[1], march[0]])) }, "compare"),
    ];
    for (periods, name) in cases {
        let err = channel_performance_over(&demo.log, &params, None, &periods).unwrap_err();
        assert_eq!((err.code(), err.details().parameter.as_deref()), ("invalid_parameter", Some(name)));
    }
}
