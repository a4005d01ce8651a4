//! Daily and weekly series of registrations, attendance, conversions and revenue in a
//! timezone, and the KPI cards of the seed's dashboards (value, change over the previous
//! period, trend).
//!
//! A person counts once per series, in the period of their first `register`, first `attend`
//! and first `purchase`; revenue is the sum of purchase values by the purchase's period.
//! Periods are calendar days, or ISO weeks starting on Monday, of the local time in `tz`.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::{EventLog, KindCode, Timestamp};
use crate::metrics::ratio;

/// Length of a trend period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar days.
    #[default]
    Day,
    /// ISO weeks (Monday to Sunday).
    Week,
}

/// Options of [`trends`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TrendParams {
    /// Day or week.
    pub period: Period,
    /// IANA timezone of the calendar.
    pub tz: String,
    /// Ignore events after this time.
    pub as_of: Option<Timestamp>,
}

impl Default for TrendParams {
    fn default() -> Self {
        TrendParams { period: Period::Day, tz: "UTC".to_owned(), as_of: None }
    }
}

/// One period of the series.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, schemars::JsonSchema)]
pub struct TrendCounts {
    /// Persons whose first registration falls in the period.
    pub registrations: u64,
    /// Persons whose first join falls in the period.
    pub attendance: u64,
    /// Persons whose first purchase falls in the period.
    pub conversions: u64,
    /// Sum of purchase values in the period.
    pub revenue: f64,
}

/// One point of the series.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TrendPoint {
    /// `2024-03-14` for days, `2024-W11` for ISO weeks.
    pub period: String,
    /// First local day of the period.
    pub start: String,
    /// The counts.
    #[serde(flatten)]
    pub counts: TrendCounts,
}

/// A KPI card: the last period's value, the change over the period before, the trend.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct KpiCard {
    /// registrations, attendance, conversions or revenue.
    pub metric: &'static str,
    /// Value in the last period.
    pub value: Option<f64>,
    /// Value in the period before.
    pub previous: Option<f64>,
    /// (value - previous) / previous x 100 (percent).
    pub change_percent: Option<f64>,
    /// `up`, `down` or `flat`; undefined with fewer than two periods.
    pub trend: Option<&'static str>,
}

/// The series and the KPI cards.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Trends {
    /// Day or week.
    pub period: Period,
    /// Timezone of the calendar.
    pub tz: String,
    /// Every period from the first to the last with activity (empty periods included).
    pub series: Vec<TrendPoint>,
    /// One card per series.
    pub cards: Vec<KpiCard>,
}

fn period_start(ts: i64, zone: Tz, period: Period) -> NaiveDate {
    let local = crate::calendar::local_date(ts, zone);
    match period {
        Period::Day => local,
        Period::Week => {
            local.checked_sub_days(Days::new(u64::from(local.weekday().num_days_from_monday()))).unwrap_or(local)
        }
    }
}

/// Most periods a trend series spans (about 270 years of days): a longer span comes from a
/// misdated event, and would size the series by it.
pub const MAX_TREND_PERIODS: u64 = 100_000;

/// The daily or weekly series of `log` and its KPI cards.
///
/// ```
/// use webinar_analytics::metrics::{trends, Period, TrendParams};
/// use webinar_analytics::prelude::*;
///
/// let demo = demo_campaign(&DemoParams { contacts: 300, seed: 2 })?;
/// let weekly = trends(&demo.log, &TrendParams { period: Period::Week, ..TrendParams::default() })?;
/// let registered: u64 = weekly.series.iter().map(|p| p.counts.registrations).sum();
/// assert_eq!(registered as usize, summary(&demo.log).kinds.iter().find(|k| k.kind == "register").unwrap().persons);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
pub fn trends(log: &EventLog, params: &TrendParams) -> Result<Trends> {
    let zone = Tz::from_str(params.tz.trim())
        .map_err(|_| Error::invalid_parameter("tz", format!("{:?} is not an IANA timezone name", params.tz)))?;
    let as_of = params.as_of.map(|t| t.0);
    let code = |name: &str| log.kind_code(name).unwrap_or(KindCode::MAX);
    let (register, attend, purchase) = (code("register"), code("attend"), code("purchase"));
    let mut buckets: BTreeMap<NaiveDate, TrendCounts> = BTreeMap::new();
    for person in log.iter_persons() {
        let (mut registered, mut attended, mut bought) = (false, false, false);
        for (i, (ts, kind)) in person.ts.iter().zip(person.kind).enumerate() {
            if as_of.is_some_and(|t| *ts > t) {
                break;
            }
            let first = if *kind == register {
                !std::mem::replace(&mut registered, true)
            } else if *kind == attend {
                !std::mem::replace(&mut attended, true)
            } else if *kind == purchase {
                true
            } else {
                continue;
            };
            let counts = buckets.entry(period_start(*ts, zone, params.period)).or_default();
            if *kind == purchase {
                counts.revenue += person.value(i).unwrap_or(0.0);
                counts.conversions += u64::from(!std::mem::replace(&mut bought, true));
            } else if first {
                if *kind == register {
                    counts.registrations += 1;
                } else {
                    counts.attendance += 1;
                }
            }
        }
    }
    let step = match params.period {
        Period::Day => 1,
        Period::Week => 7,
    };
    let mut series = Vec::new();
    if let (Some((first, _)), Some((last, _))) = (buckets.first_key_value(), buckets.last_key_value()) {
        let periods = u64::try_from((*last - *first).num_days()).unwrap_or(u64::MAX) / step + 1;
        if periods > MAX_TREND_PERIODS {
            return Err(Error::CapacityExceeded {
                parameter: None,
                what: format!(
                    "periods of the trend series, from {first} to {last} (column `ts` of the events: a misdated event?)"
                ),
                limit: MAX_TREND_PERIODS,
            });
        }
        let mut day = *first;
        while day <= *last {
            let label = match params.period {
                Period::Day => day.format("%Y-%m-%d").to_string(),
                Period::Week => format!("{}-W{:02}", day.iso_week().year(), day.iso_week().week()),
            };
            let counts = buckets.get(&day).copied().unwrap_or_default();
            series.push(TrendPoint { period: label, start: day.format("%Y-%m-%d").to_string(), counts });
            let Some(next) = day.checked_add_days(Days::new(step)) else { break };
            day = next;
        }
    }
    let card = |metric: &'static str, get: fn(&TrendCounts) -> f64| {
        let value = series.last().map(|p| get(&p.counts));
        let previous = series.len().checked_sub(2).map(|i| get(&series[i].counts));
        let (change_percent, trend) = match (value, previous) {
            (Some(v), Some(p)) => (
                ratio((v - p) * 100.0, p),
                Some(if v > p {
                    "up"
                } else if v < p {
                    "down"
                } else {
                    "flat"
                }),
            ),
            _ => (None, None),
        };
        KpiCard { metric, value, previous, change_percent, trend }
    };
    let cards = vec![
        card("registrations", |c| c.registrations as f64),
        card("attendance", |c| c.attendance as f64),
        card("conversions", |c| c.conversions as f64),
        card("revenue", |c| c.revenue),
    ];
    Ok(Trends { period: params.period, tz: zone.name().to_owned(), series, cards })
}
