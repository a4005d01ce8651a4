//! The seed's insights and recommendations for an attendance forecast, measured against the
//! series' own history rather than fixed thresholds: a leading indicator is unusual when it sits
//! 25 % above or below its median over the earlier webinars at the same horizon, and the outlook
//! when the predicted attendance per registration sits 10 % away from the series' usual.

use serde::{Deserialize, Serialize};

use super::forecast::WebinarFeatures;
use crate::math::quantile;
use crate::prediction::AttendanceRecommendation;

/// Relative distance from the series' median at which a leading indicator is reported.
const INDICATOR_BAND: f64 = 0.25;
/// Relative distance of the predicted attendance rate from the usual one that is reported.
const OUTLOOK_BAND: f64 = 0.10;
/// The seed's threshold on email engagement below which content should improve.
const LOW_EMAIL_ENGAGEMENT: f64 = 0.3;

/// An insight into a forecast: a leading indicator or the outlook away from the series' usual.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ForecastInsight {
    /// `registration_trend`, `email_engagement`, `returning_audience` or `attendance_outlook`.
    pub kind: &'static str,
    /// `positive` or `negative`.
    pub impact: &'static str,
    /// This webinar's value.
    pub value: f64,
    /// The median over the earlier webinars (the series' usual).
    pub usual: f64,
    /// English message.
    pub message_en: String,
    /// Spanish message.
    pub message_es: String,
}

/// One indicator: how to read it from a webinar and how to name it.
struct Indicator {
    kind: &'static str,
    read: fn(&WebinarFeatures) -> Option<f64>,
    percent: bool,
    en: &'static str,
    es: &'static str,
}

const INDICATORS: [Indicator; 3] = [
    Indicator {
        kind: "registration_trend",
        read: |w| Some(w.registration_velocity),
        percent: false,
        en: "Registrations in the last 24 h",
        es: "Los registros de las últimas 24 h",
    },
    Indicator {
        kind: "email_engagement",
        read: |w| Some(w.email_open_rate_24h),
        percent: true,
        en: "The email open rate of the last 24 h",
        es: "La tasa de apertura de emails de las últimas 24 h",
    },
    Indicator {
        kind: "returning_audience",
        read: |w| w.returning_share,
        percent: true,
        en: "The share of registrants who attended before",
        es: "La proporción de registrados que ya asistieron antes",
    },
];

/// The median of `values`, undefined when empty.
fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    quantile(&values, 0.5)
}

fn shown(value: f64, percent: bool) -> String {
    if percent { format!("{:.1} %", value * 100.0) } else { format!("{value:.0}") }
}

/// The insight when `value` sits more than `band` (relative) away from `usual`.
fn compare(
    kind: &'static str,
    value: f64,
    usual: f64,
    band: f64,
    percent: bool,
    en: &str,
    es: &str,
) -> Option<ForecastInsight> {
    if usual <= 0.0 {
        return None;
    }
    let relative = value / usual - 1.0;
    let above = relative >= band;
    if !above && relative > -band {
        return None;
    }
    let (v, u) = (shown(value, percent), shown(usual, percent));
    let (english, spanish) = if above { ("above", "por encima de") } else { ("below", "por debajo de") };
    Some(ForecastInsight {
        kind,
        impact: if above { "positive" } else { "negative" },
        value,
        usual,
        message_en: format!("{en} ({v}): {english} the series' usual ({u})"),
        message_es: format!("{es} ({v}): {spanish} lo habitual de la serie ({u})"),
    })
}

/// What is usual in a series: each indicator's median over its webinars, and their median
/// live attendance per registration known at the cutoff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Usual {
    indicators: [Option<f64>; INDICATORS.len()],
    rate: Option<f64>,
}

impl Usual {
    /// The usual of the webinars `past` (all with an outcome).
    pub(super) fn of(past: &[&WebinarFeatures]) -> Usual {
        Usual {
            indicators: INDICATORS.map(|i| median(past.iter().filter_map(|w| (i.read)(w)).collect())),
            rate: median(past.iter().map(|w| w.live_attendees.unwrap_or(0.0) / w.scale()).collect()),
        }
    }
}

/// The seed's advice on a forecast of `target` against the series' `usual`: its insights and
/// its recommendations.
pub(super) fn advise(
    target: &WebinarFeatures,
    usual: &Usual,
    predicted: f64,
    high: Option<f64>,
) -> (Vec<ForecastInsight>, Vec<AttendanceRecommendation>) {
    let mut insights: Vec<ForecastInsight> = INDICATORS
        .iter()
        .zip(usual.indicators)
        .filter_map(|(i, median)| {
            let value = (i.read)(target)?;
            compare(i.kind, value, median?, INDICATOR_BAND, i.percent, i.en, i.es)
        })
        .collect();
    let rate = predicted / target.scale();
    let mut recommendations = Vec::new();
    if let Some(usual) = usual.rate {
        insights.extend(compare(
            "attendance_outlook",
            rate,
            usual,
            OUTLOOK_BAND,
            true,
            "The predicted attendance per registration",
            "La asistencia prevista por registro",
        ));
        let expected = usual * target.scale();
        if high.unwrap_or(predicted) < expected {
            recommendations.push(AttendanceRecommendation::marketing("high"));
        } else if rate <= usual * (1.0 - OUTLOOK_BAND) {
            recommendations.push(AttendanceRecommendation::marketing("medium"));
        }
    }
    let weak_email = insights.iter().any(|i| i.kind == "email_engagement" && i.impact == "negative");
    if weak_email || target.email_open_rate < LOW_EMAIL_ENGAGEMENT {
        recommendations.push(AttendanceRecommendation::content());
    }
    (insights, recommendations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_reports_only_outside_the_band() {
        assert!(compare("k", 1.2, 1.0, 0.25, false, "x", "y").is_none());
        let up = compare("k", 130.0, 100.0, 0.25, false, "Registrations", "Los registros").unwrap();
        assert_eq!(up.impact, "positive");
        assert_eq!(up.message_en, "Registrations (130): above the series' usual (100)");
        let down = compare("k", 0.2, 0.4, 0.25, true, "Rate", "La tasa").unwrap();
        assert_eq!(down.impact, "negative");
        assert_eq!(down.message_es, "La tasa (20.0 %): por debajo de lo habitual de la serie (40.0 %)");
        assert!(compare("k", 5.0, 0.0, 0.25, false, "x", "y").is_none());
    }
}
