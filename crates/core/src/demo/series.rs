//! The demo webinar series: monthly webinars over a year with shared contacts, where
//! registration, attendance and buying follow documented drivers, so that the predictors have
//! real signal to find.
//!
//! The drivers, per contact and webinar (every probability clamped to 0-0.95):
//! - **joining the list**: two in five contacts before the series starts, the rest uniformly over
//!   the year; a contact can register for webinars starting at least two days after joining;
//! - **registering**: 0.16 x interest x the webinar's appeal x (0.6 + 0.4 x its ad budget), where
//!   interest = 0.4 + 0.6 x lead score / 100 and referral / email contacts count 1.2x; the date
//!   of registering is skewed toward the webinar (days before = 21 x u²);
//! - **opening a reminder** (7 days, 1 day, 1 hour before): 0.2 + 0.55 x email engagement;
//! - **attending live**: (0.12 + 0.35 x lead score / 100 + 0.2 x opened the last reminder +
//!   0.15 x attended the previous webinar + 0.05 for enterprise) x the weekday's factor (Tue-Thu 1,
//!   Mon 0.85, Fri 0.7, weekend 0.55) x the hour's factor x the webinar's appeal;
//! - **watching on demand** within a week (tagged `replay`): 0.12 + 0.25 x email engagement for a
//!   registrant who missed it live, 0.05 for one who left early;
//! - **buying** within 30 days after the webinar (tagged with it): 0.004 + 0.03 x lead score / 100
//!   for a registrant who did not watch; for a viewer 0.01 + watched share x (0.06 + 0.16 x lead
//!   score / 100) + 0.03 x polls answered / 4 + 0.04 for enterprise (0.02 mid-market) + 0.02 for a
//!   referral contact, halved after a first purchase.
//!
//! Like the campaign demo it draws only integers and IEEE arithmetic: one seed gives
//! bit-identical output on every platform.

use std::collections::BTreeMap;

use chrono::{DateTime, Days};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::generator::{
    AD_CHANNELS, CHANNELS, COMPANY_SIZES, COUNTRIES, DAY, HOUR, INDUSTRIES, JOB_TITLES, MINUTE, PAGES, PRICES, Profile,
    SECOND, chance, pick, present, profile, time_within,
};
use super::{DemoSeries, SeriesParams, SeriesWebinar};
use crate::error::{Result, Table};
use crate::events::{AgendaSection, ChannelSpend, EmailSend, IdSite, LogBuilder, PropValue, Timestamp, WebinarAgenda};

/// 2024-01-01T00:00:00Z.
const SERIES_START: i64 = 1_704_067_200 * SECOND;
const TOPICS: [&str; 12] = [
    "AI for marketing teams",
    "Data-driven campaigns",
    "Automation without code",
    "Attribution that holds up",
    "Webinars that convert",
    "Customer analytics 101",
    "Forecasting demand",
    "Privacy-first tracking",
    "Email that gets opened",
    "Pricing experiments",
    "From lead to customer",
    "Planning next year",
];
/// Start hours (UTC) and their attendance factor.
const HOURS: [(i64, f64); 4] = [(10, 0.9), (14, 0.95), (16, 1.0), (18, 0.85)];
/// Attendance factor by weekday, Monday first.
const WEEKDAYS: [f64; 7] = [0.85, 1.0, 1.0, 1.0, 0.7, 0.55, 0.55];
const REMINDERS: [(&str, i64); 3] = [("reminder_7d", 7 * DAY), ("reminder_1d", DAY), ("reminder_1h", HOUR)];
const REGISTRATION_DAYS: f64 = 21.0;

/// A webinar's plan: its draws and its codes.
struct Plan {
    id: String,
    code: u32,
    start: i64,
    minutes: i64,
    appeal: f64,
    budget: f64,
    factor: f64,
}

impl Plan {
    fn end(&self) -> i64 {
        self.start + self.minutes * MINUTE
    }
}

struct Slots {
    webinar: usize,
    replay: usize,
    page: usize,
    campaign: usize,
    poll: usize,
    attributes: [usize; 7],
}

struct Kinds {
    page_view: u32,
    register: u32,
    email_open: u32,
    email_click: u32,
    attend: u32,
    leave: u32,
    chat: u32,
    question: u32,
    poll_answer: u32,
    cta_click: u32,
    survey_response: u32,
    purchase: u32,
}

/// What one contact did in one webinar.
#[derive(Default)]
struct Viewing {
    live: bool,
    share: f64,
    polls: u32,
}

struct Series<'a> {
    rng: ChaCha8Rng,
    b: &'a mut LogBuilder,
    kinds: Kinds,
    slots: Slots,
    plans: Vec<Plan>,
    /// Per webinar and reminder: sent, delivered, opens, clicks.
    emails: Vec<[[u64; 4]; 3]>,
}

impl Series<'_> {
    fn tag(&mut self, webinar: u32) {
        self.b.set_property_code(self.slots.webinar, webinar);
    }

    fn event(&mut self, person: u32, ts: i64, kind: u32, webinar: u32) {
        self.b.push_event(person, ts, kind, None);
        self.tag(webinar);
    }

    fn contact(&mut self, index: usize) -> Result<()> {
        let site = IdSite { table: Table::Contacts, column: "user_id", row: index };
        let person = self.b.person_int(index as i64 + 1, site)?;
        let rng = &mut self.rng;
        let Profile { at, lead_score } = profile(rng);
        let (channel_name, size_name) = (CHANNELS[at[0]].0, COMPANY_SIZES[at[2]].0);
        let quality = lead_score as f64 / 100.0;
        let email_engagement = rng.random::<f64>();
        // Two in five contacts are on the list when the series starts; the rest join over the year.
        let arrival_day = if chance(rng, 0.4) { rng.random_range(-60..0_i64) } else { rng.random_range(0..330_i64) };
        let channel_factor = if matches!(channel_name, "referral" | "email") { 1.2 } else { 1.0 };
        let interest = (0.4 + 0.6 * quality) * channel_factor;
        let size_bonus = match size_name {
            "enterprise" => 0.04,
            "mid_market" => 0.02,
            _ => 0.0,
        };
        let referral = if channel_name == "referral" { 0.02 } else { 0.0 };

        let mut first_registration: Option<i64> = None;
        let mut attended_previous = false;
        let mut bought = false;
        for w in 0..self.plans.len() {
            let (start, code, appeal, budget) =
                (self.plans[w].start, self.plans[w].code, self.plans[w].appeal, self.plans[w].budget);
            if SERIES_START + arrival_day * DAY > start - 2 * DAY {
                continue;
            }
            let p_register = 0.16 * interest * appeal * (0.6 + 0.4 * budget);
            if !chance(&mut self.rng, p_register.min(0.95)) {
                continue;
            }
            let u = self.rng.random::<f64>();
            let before = (REGISTRATION_DAYS * u * u * DAY as f64) as i64 + self.rng.random_range(10 * MINUTE..6 * HOUR);
            let registered = start - before;
            first_registration = Some(first_registration.map_or(registered, |f| f.min(registered)));
            self.pages(person, registered, code);
            self.event(person, registered, self.kinds.register, code);
            let opened_last = self.reminders(person, w, registered, email_engagement);
            let p_live = (0.12
                + 0.35 * quality
                + if opened_last { 0.2 } else { 0.0 }
                + if attended_previous { 0.15 } else { 0.0 }
                + if size_name == "enterprise" { 0.05 } else { 0.0 })
                * self.plans[w].factor
                * appeal;
            let mut viewing = Viewing::default();
            if chance(&mut self.rng, p_live.min(0.95)) {
                viewing = self.live(person, w, email_engagement);
            }
            let p_replay = if viewing.live { 0.05 } else { 0.12 + 0.25 * email_engagement };
            if (!viewing.live || viewing.share < 0.6) && chance(&mut self.rng, p_replay) {
                let share = self.replay(person, w);
                viewing.share = viewing.share.max(share);
            }
            attended_previous = viewing.live;
            let watched = viewing.share > 0.0;
            let p_buy = if watched {
                0.01 + viewing.share * (0.06 + 0.16 * quality)
                    + 0.03 * f64::from(viewing.polls) / 4.0
                    + size_bonus
                    + referral
            } else {
                0.004 + 0.03 * quality
            };
            let p_buy = if bought { p_buy / 2.0 } else { p_buy };
            if chance(&mut self.rng, p_buy.min(0.95)) {
                bought = true;
                let (_, price) = pick(&mut self.rng, &PRICES);
                let end = self.plans[w].end();
                let t = end + self.rng.random_range(0..30 * DAY);
                self.b.push_event(person, t, self.kinds.purchase, Some(price));
                self.tag(code);
            }
        }
        // People who never registered still browsed once.
        if first_registration.is_none() {
            let t = SERIES_START + arrival_day.max(0) * DAY + self.rng.random_range(0..DAY);
            let (_, page_name) = pick(&mut self.rng, &PAGES);
            self.b.push_event(person, t, self.kinds.page_view, None);
            self.b.set_session(PropValue::Int(1));
            self.b.set_property_str(self.slots.page, page_name);
        }
        self.b.push_contact(Table::Contacts, person, first_registration);
        let slots = self.slots.attributes;
        let names = [&CHANNELS[..], &INDUSTRIES, &COMPANY_SIZES, &JOB_TITLES, &COUNTRIES];
        for ((slot, table), at) in slots.iter().zip(names).zip(at) {
            let value = table[at].0;
            self.b.set_attribute_str(*slot, value);
        }
        self.b.set_attribute(slots[5], PropValue::Int(lead_score));
        self.b.set_attribute_str(slots[6], &format!("contact{}@example.com", index + 1));
        Ok(())
    }

    /// One visit of one to four pages ending when the person registers.
    fn pages(&mut self, person: u32, registered: i64, webinar: u32) {
        let pages = 1 + self.rng.random_range(0..4_i64);
        let mut t = registered - pages * 90 * SECOND;
        for _ in 0..pages {
            let (_, page) = pick(&mut self.rng, &PAGES);
            self.event(person, t, self.kinds.page_view, webinar);
            self.b.set_property_str(self.slots.page, page);
            t += self.rng.random_range(20..150) * SECOND;
        }
    }

    /// Reminder emails sent after registering; whether the last one sent was opened.
    fn reminders(&mut self, person: u32, w: usize, registered: i64, engagement: f64) -> bool {
        let (start, code) = (self.plans[w].start, self.plans[w].code);
        let mut opened_last = false;
        for (r, (name, before)) in REMINDERS.iter().enumerate() {
            let send_at = start - before;
            if send_at <= registered {
                continue;
            }
            self.emails[w][r][0] += 1;
            opened_last = false;
            if !chance(&mut self.rng, 0.97) {
                continue;
            }
            self.emails[w][r][1] += 1;
            if !chance(&mut self.rng, 0.2 + 0.55 * engagement) {
                continue;
            }
            self.emails[w][r][2] += 1;
            opened_last = true;
            let opened = send_at + self.rng.random_range(MINUTE..(*before / 2).max(2 * MINUTE));
            self.event(person, opened, self.kinds.email_open, code);
            let campaign = format!("{}/{name}", self.plans[w].id);
            self.b.set_property_str(self.slots.campaign, &campaign);
            if chance(&mut self.rng, 0.1 + 0.3 * engagement) {
                self.emails[w][r][3] += 1;
                let clicked = opened + self.rng.random_range(5 * SECOND..5 * MINUTE);
                self.event(person, clicked, self.kinds.email_click, code);
                self.b.set_property_str(self.slots.campaign, &campaign);
            }
        }
        opened_last
    }

    /// Live viewing with chat, questions, polls, the call to action and the survey.
    fn live(&mut self, person: u32, w: usize, engagement: f64) -> Viewing {
        let (start, end, code, minutes) =
            (self.plans[w].start, self.plans[w].end(), self.plans[w].code, self.plans[w].minutes);
        let rng = &mut self.rng;
        let join = start
            + if chance(rng, 0.7) {
                rng.random_range(-5 * MINUTE..5 * MINUTE)
            } else {
                rng.random_range(5 * MINUTE..30 * MINUTE)
            };
        let leave = if chance(rng, 0.4 - 0.25 * engagement) {
            join + ((end - join) as f64 * rng.random_range(0.2..0.9)) as i64
        } else {
            end + rng.random_range(0..3 * MINUTE)
        };
        let intervals = [(join, leave)];
        self.event(person, join, self.kinds.attend, code);
        self.b.set_session(PropValue::Int(10));
        self.event(person, leave, self.kinds.leave, code);
        self.b.set_session(PropValue::Int(10));
        let (chat, question) = (self.kinds.chat, self.kinds.question);
        for (kind, trials, p) in [(chat, 8, 0.06 + 0.35 * engagement), (question, 2, 0.03 + 0.2 * engagement)] {
            for _ in 0..trials {
                if chance(&mut self.rng, p) {
                    let t = time_within(&mut self.rng, &intervals);
                    self.event(person, t, kind, code);
                }
            }
        }
        let mut polls = 0;
        for poll in 1..=4_i64 {
            let t = start + minutes * MINUTE * poll / 5 + self.rng.random_range(0..2 * MINUTE);
            if present(&intervals, t) && chance(&mut self.rng, 0.55 + 0.4 * engagement) {
                polls += 1;
                self.event(person, t, self.kinds.poll_answer, code);
                self.b.set_property_str(self.slots.poll, &format!("p{poll}"));
            }
        }
        let cta_at = end - 6 * MINUTE + self.rng.random_range(0..4 * MINUTE);
        if present(&intervals, cta_at) && chance(&mut self.rng, 0.1 + 0.45 * engagement) {
            self.event(person, cta_at, self.kinds.cta_click, code);
        }
        if chance(&mut self.rng, 0.4) {
            let rating = (4 + self.rng.random_range(0..=3) + (engagement * 4.0) as i64).min(10);
            let t = leave + self.rng.random_range(SECOND..HOUR);
            self.b.push_event(person, t, self.kinds.survey_response, Some(rating as f64));
            self.tag(code);
        }
        let share = ((leave.min(end) - join.max(start)).max(0) as f64 / (end - start) as f64).min(1.0);
        Viewing { live: true, share, polls }
    }

    /// A recording view within a week after the webinar; the share of it watched.
    fn replay(&mut self, person: u32, w: usize) -> f64 {
        let (end, code, minutes) = (self.plans[w].end(), self.plans[w].code, self.plans[w].minutes);
        let from = end + self.rng.random_range(HOUR..7 * DAY);
        let share = self.rng.random_range(0.2..1.0);
        let to = from + (minutes as f64 * share * MINUTE as f64) as i64;
        for (t, kind) in [(from, self.kinds.attend), (to, self.kinds.leave)] {
            self.event(person, t, kind, code);
            self.b.set_property(self.slots.replay, PropValue::Bool(true));
            self.b.set_session(PropValue::Int(20));
        }
        share
    }

    /// Daily spend of each ad channel in the three weeks before each webinar.
    fn spend(&mut self, contacts: usize) -> Vec<ChannelSpend> {
        let scale = contacts as f64 / 1000.0;
        let mut rows = Vec::new();
        for w in 0..self.plans.len() {
            let (start, budget) = (self.plans[w].start, self.plans[w].budget);
            for day in (1..=21_i64).rev() {
                let date = date_of(start - day * DAY);
                for (channel, base, click_rate, cpc) in AD_CHANNELS {
                    let rng = &mut self.rng;
                    let impressions = (base * scale * budget * 0.15 * rng.random_range(0.7..1.3)).round() as u64;
                    let clicks = (impressions as f64 * click_rate * rng.random_range(0.8..1.2)).round() as u64;
                    let cost = (clicks as f64 * cpc * rng.random_range(0.9..1.1) * 100.0).round() / 100.0;
                    rows.push(ChannelSpend {
                        date: date.clone(),
                        channel: channel.to_owned(),
                        campaign: self.plans[w].id.clone(),
                        impressions,
                        reach: (impressions as f64 * rng.random_range(0.35..0.5)).round() as u64,
                        clicks,
                        cost,
                        likes: 0,
                        comments: 0,
                        shares: 0,
                        webinar_id: self.plans[w].id.clone(),
                    });
                }
            }
        }
        rows
    }
}

fn date_of(micros: i64) -> String {
    DateTime::from_timestamp_micros(micros).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

fn agenda(start: i64, minutes: i64) -> WebinarAgenda {
    let names = ["Intro", "Fundamentals", "Applications", "Q&A"];
    let bounds = [0, minutes / 6, minutes / 2, minutes * 5 / 6, minutes];
    WebinarAgenda {
        starts_at: Timestamp(start),
        sections: names
            .iter()
            .enumerate()
            .map(|(i, name)| AgendaSection {
                name: (*name).to_owned(),
                start_minute: bounds[i] as u32,
                end_minute: bounds[i + 1] as u32,
            })
            .collect(),
        slides: (minutes / 2) as u32,
    }
}

/// Generates a demo webinar series; same parameters, same output, on every platform.
///
/// ```
/// use webinar_analytics::prelude::*;
///
/// let series = demo_series(&SeriesParams { contacts: 300, webinars: 6, seed: 1 })?;
/// assert_eq!(series.log.webinar_ids().len(), 6);
/// assert_eq!(series.agendas.len(), 6);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// `invalid_parameter` for a size or number of webinars out of range.
pub fn demo_series(params: &SeriesParams) -> Result<DemoSeries> {
    params.check()?;
    let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
    let mut b = LogBuilder::new();
    b.reserve_events(params.contacts.saturating_mul(20));
    let kinds = Kinds {
        page_view: b.kind("page_view"),
        register: b.kind("register"),
        email_open: b.kind("email_open"),
        email_click: b.kind("email_click"),
        attend: b.kind("attend"),
        leave: b.kind("leave"),
        chat: b.kind("chat"),
        question: b.kind("question"),
        poll_answer: b.kind("poll_answer"),
        cta_click: b.kind("cta_click"),
        survey_response: b.kind("survey_response"),
        purchase: b.kind("purchase"),
    };
    let slots = Slots {
        webinar: b.property_slot("webinar_id"),
        replay: b.property_slot("replay"),
        page: b.property_slot("page"),
        campaign: b.property_slot("campaign"),
        poll: b.property_slot("poll"),
        attributes: ["channel", "industry", "company_size", "job_title", "country", "lead_score", "email"]
            .map(|n| b.attribute_slot(n)),
    };
    let mut plans = Vec::with_capacity(params.webinars);
    let first_day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    for w in 0..params.webinars {
        let id = format!("w{:02}", w + 1);
        let code = b.property_column(slots.webinar).intern(PropValue::Str(id.as_str().into()));
        // Every 30 days, on a day 8-22 of the period; weekday and hour vary.
        let day = 30 * w as i64 + rng.random_range(8..22_i64);
        let (hour, hour_factor) = HOURS[rng.random_range(0..HOURS.len())];
        let start = SERIES_START + day * DAY + hour * HOUR;
        let date = first_day.checked_add_days(Days::new(day as u64)).unwrap_or(first_day);
        let weekday = chrono::Datelike::weekday(&date).num_days_from_monday() as usize;
        plans.push(Plan {
            id,
            code,
            start,
            minutes: if chance(&mut rng, 0.5) { 60 } else { 90 },
            appeal: rng.random_range(0.7..1.3),
            budget: rng.random_range(0.5..1.5),
            factor: WEEKDAYS[weekday] * hour_factor,
        });
    }
    let mut series = Series { rng, b: &mut b, kinds, slots, emails: vec![[[0; 4]; 3]; plans.len()], plans };
    for index in 0..params.contacts {
        series.contact(index)?;
        if index % 65_536 == 0 {
            crate::control::checkpoint("contacts", index as u64, params.contacts as u64)?;
        }
    }
    let spend = series.spend(params.contacts);
    let mut email_sends = Vec::new();
    for (plan, totals) in series.plans.iter().zip(&series.emails) {
        for ((name, _), t) in REMINDERS.iter().zip(totals) {
            email_sends.push(EmailSend {
                campaign: format!("{}/{name}", plan.id),
                sent: t[0],
                delivered: t[1],
                unique_opens: t[2],
                unique_clicks: t[3],
            });
        }
    }
    let agendas: BTreeMap<String, WebinarAgenda> =
        series.plans.iter().map(|p| (p.id.clone(), agenda(p.start, p.minutes))).collect();
    let webinars = series
        .plans
        .iter()
        .zip(TOPICS.iter().cycle())
        .map(|(p, topic)| SeriesWebinar {
            webinar_id: p.id.clone(),
            topic: (*topic).to_owned(),
            starts_at: Timestamp(p.start),
            duration_minutes: p.minutes as u32,
        })
        .collect();
    Ok(DemoSeries { log: b.finish()?, spend, email_sends, agendas, webinars })
}
