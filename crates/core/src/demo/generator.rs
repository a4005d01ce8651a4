//! The demo campaign's generative model.

use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{DemoCampaign, DemoParams};
use crate::error::{Result, Table};
use crate::events::{AgendaSection, ChannelSpend, EmailSend, IdSite, LogBuilder, PropValue, Timestamp, WebinarAgenda};

pub(super) const SECOND: i64 = 1_000_000;
pub(super) const MINUTE: i64 = 60 * SECOND;
pub(super) const HOUR: i64 = 60 * MINUTE;
pub(super) const DAY: i64 = 24 * HOUR;
/// 2024-02-13T00:00:00Z, when the campaign opens.
const CAMPAIGN_START: i64 = 1_707_782_400 * SECOND;
/// 2024-03-14T16:00:00Z, when the webinar starts.
const WEBINAR_START: i64 = 1_710_432_000 * SECOND;
const WEBINAR_MINUTES: i64 = 90;
const CAMPAIGN_DAYS: i64 = 30;

pub(super) const CHANNELS: [(&str, u32); 6] =
    [("linkedin", 25), ("google_ads", 20), ("email", 20), ("facebook", 15), ("organic", 15), ("referral", 5)];
pub(super) const INDUSTRIES: [(&str, u32); 8] = [
    ("technology", 24),
    ("finance", 14),
    ("healthcare", 12),
    ("education", 10),
    ("retail", 10),
    ("manufacturing", 10),
    ("consulting", 10),
    ("marketing", 10),
];
pub(super) const COMPANY_SIZES: [(&str, u32); 4] =
    [("startup", 30), ("smb", 35), ("mid_market", 20), ("enterprise", 15)];
pub(super) const JOB_TITLES: [(&str, u32); 8] = [
    ("CEO", 8),
    ("CTO", 7),
    ("Marketing Manager", 20),
    ("Data Analyst", 15),
    ("Product Manager", 14),
    ("Sales Director", 12),
    ("Engineer", 16),
    ("Consultant", 8),
];
pub(super) const COUNTRIES: [(&str, u32); 8] = [
    ("Spain", 25),
    ("Mexico", 20),
    ("Colombia", 12),
    ("Argentina", 10),
    ("Chile", 8),
    ("United States", 10),
    ("Peru", 8),
    ("Brazil", 7),
];
pub(super) const PAGES: [(&str, u32); 6] =
    [("/", 25), ("/webinar", 35), ("/agenda", 12), ("/speakers", 10), ("/pricing", 10), ("/blog", 8)];
pub(super) const PRICES: [(f64, u32); 5] = [(199.0, 30), (249.0, 30), (299.0, 20), (499.0, 15), (999.0, 5)];
const REMINDERS: [(&str, i64); 3] = [
    ("reminder_7d", WEBINAR_START - 7 * DAY),
    ("reminder_1d", WEBINAR_START - DAY),
    ("reminder_1h", WEBINAR_START - HOUR),
];
/// Minute of the webinar at which each poll opens.
const POLL_MINUTES: [i64; 4] = [15, 35, 60, 82];
const CTA_MINUTE: i64 = 84;
/// Ad channels with daily spend: (channel, base impressions per 1000 contacts, click rate, cost per click).
pub(super) const AD_CHANNELS: [(&str, f64, f64, f64); 3] =
    [("linkedin", 1700.0, 0.022, 3.4), ("facebook", 2500.0, 0.018, 1.6), ("google_ads", 2000.0, 0.031, 2.2)];

pub(super) fn pick<T: Copy>(rng: &mut ChaCha8Rng, table: &[(T, u32)]) -> (usize, T) {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut draw = rng.random_range(0..total);
    for (i, (item, weight)) in table.iter().enumerate() {
        if draw < *weight {
            return (i, *item);
        }
        draw -= weight;
    }
    (table.len() - 1, table[table.len() - 1].0)
}

pub(super) fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

/// A contact's attributes: where they are in [`CHANNELS`], [`INDUSTRIES`], [`COMPANY_SIZES`],
/// [`JOB_TITLES`] and [`COUNTRIES`], and their lead score (0-100, peaked at 50).
pub(super) struct Profile {
    pub(super) at: [usize; 5],
    pub(super) lead_score: i64,
}

/// Draws a contact's attributes.
pub(super) fn profile(rng: &mut ChaCha8Rng) -> Profile {
    let at = [
        pick(rng, &CHANNELS).0,
        pick(rng, &INDUSTRIES).0,
        pick(rng, &COMPANY_SIZES).0,
        pick(rng, &JOB_TITLES).0,
        pick(rng, &COUNTRIES).0,
    ];
    Profile { at, lead_score: i64::midpoint(rng.random_range(0..=100_i64), rng.random_range(0..=100_i64)) }
}

/// A uniform time inside attended intervals (non-empty, each `start <= end`).
pub(super) fn time_within(rng: &mut ChaCha8Rng, intervals: &[(i64, i64)]) -> i64 {
    let total: i64 = intervals.iter().map(|(s, e)| e - s).sum();
    let mut offset = rng.random_range(0..total.max(1));
    for (start, end) in intervals {
        if offset < end - start {
            return start + offset;
        }
        offset -= end - start;
    }
    intervals.last().map_or(WEBINAR_START, |(_, e)| *e)
}

pub(super) fn present(intervals: &[(i64, i64)], t: i64) -> bool {
    intervals.iter().any(|(s, e)| *s <= t && t < *e)
}

/// Interned codes of the demo's categorical values.
struct Codes {
    kinds: Kinds,
    page_slot: usize,
    pages: Vec<u32>,
    campaign_slot: usize,
    campaigns: Vec<u32>,
    poll_slot: usize,
    polls: Vec<u32>,
    correct_slot: usize,
    correct: [u32; 2],
    attribute_slots: [usize; 6],
    channels: Vec<u32>,
    industries: Vec<u32>,
    sizes: Vec<u32>,
    titles: Vec<u32>,
    countries: Vec<u32>,
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
    screen_share_view: u32,
    cta_click: u32,
    survey_response: u32,
    purchase: u32,
}

impl Codes {
    fn new(b: &mut LogBuilder) -> Codes {
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
            screen_share_view: b.kind("screen_share_view"),
            cta_click: b.kind("cta_click"),
            survey_response: b.kind("survey_response"),
            purchase: b.kind("purchase"),
        };
        let intern_all = |b: &mut LogBuilder, slot: usize, names: &mut dyn Iterator<Item = PropValue>, event: bool| {
            let column = if event { b.property_column(slot) } else { b.attribute_column(slot) };
            names.map(|v| column.intern(v)).collect::<Vec<u32>>()
        };
        let text = |s: &str| PropValue::Str(s.into());
        let page_slot = b.property_slot("page");
        let pages = intern_all(b, page_slot, &mut PAGES.iter().map(|(p, _)| text(p)), true);
        let campaign_slot = b.property_slot("campaign");
        let campaigns = intern_all(b, campaign_slot, &mut REMINDERS.iter().map(|(c, _)| text(c)), true);
        let poll_slot = b.property_slot("poll");
        let polls = intern_all(b, poll_slot, &mut (1..=POLL_MINUTES.len()).map(|k| text(&format!("p{k}"))), true);
        let correct_slot = b.property_slot("correct");
        let correct = intern_all(b, correct_slot, &mut [false, true].into_iter().map(PropValue::Bool), true);
        let names = ["channel", "industry", "company_size", "job_title", "country", "lead_score"];
        let attribute_slots = names.map(|n| b.attribute_slot(n));
        let mut names_of =
            |slot: usize, table: &[(&str, u32)]| intern_all(b, slot, &mut table.iter().map(|(n, _)| text(n)), false);
        Codes {
            kinds,
            page_slot,
            pages,
            campaign_slot,
            campaigns,
            poll_slot,
            polls,
            correct_slot,
            correct: [correct[0], correct[1]],
            channels: names_of(attribute_slots[0], &CHANNELS),
            industries: names_of(attribute_slots[1], &INDUSTRIES),
            sizes: names_of(attribute_slots[2], &COMPANY_SIZES),
            titles: names_of(attribute_slots[3], &JOB_TITLES),
            countries: names_of(attribute_slots[4], &COUNTRIES),
            attribute_slots,
        }
    }
}

/// Running totals of the reminder emails.
#[derive(Default, Clone, Copy)]
struct EmailTotals {
    sent: u64,
    delivered: u64,
    opens: u64,
    clicks: u64,
}

struct Generator<'a> {
    rng: ChaCha8Rng,
    builder: &'a mut LogBuilder,
    codes: Codes,
    emails: [EmailTotals; REMINDERS.len()],
}

impl Generator<'_> {
    fn event(&mut self, person: u32, ts: i64, kind: u32, value: Option<f64>) {
        self.builder.push_event(person, ts, kind, value);
    }

    fn contact(&mut self, index: usize) -> Result<()> {
        let site = IdSite { table: Table::Contacts, column: "user_id", row: index };
        let person = self.builder.person_int(index as i64 + 1, site)?;
        let rng = &mut self.rng;
        let Profile { at: [channel_at, industry_at, size_at, title_at, country_at], lead_score } = profile(rng);
        let quality = lead_score as f64 / 100.0;
        let engagement = rng.random::<f64>() * 0.6 + quality * 0.4;
        let registers = chance(rng, 0.78);

        // Web visits: one or two sessions of page views, skewed toward the webinar date.
        let first_touch =
            CAMPAIGN_START + (rng.random::<f64>().sqrt() * (CAMPAIGN_DAYS - 1) as f64 * DAY as f64) as i64;
        let visits = 1 + usize::from(chance(rng, 0.45)) + usize::from(chance(rng, 0.25));
        let mut t = first_touch;
        let mut visit_plan = Vec::with_capacity(visits);
        for visit in 0..visits {
            let pages = 1 + rng.random_range(0..5) + usize::from(registers && visit + 1 == visits);
            visit_plan.push(pages);
        }
        let mut registered_at = None;
        for (visit, pages) in visit_plan.into_iter().enumerate() {
            for _ in 0..pages {
                let (page, _) = pick(&mut self.rng, &PAGES);
                self.event(person, t, self.codes.kinds.page_view, None);
                self.builder.set_session(PropValue::Int(visit as i64 + 1));
                self.builder.set_property_code(self.codes.page_slot, self.codes.pages[page]);
                t += self.rng.random_range(20..240) * SECOND;
            }
            if visit + 1 < visits {
                t += self.rng.random_range(HOUR..3 * DAY);
            }
        }
        if registers {
            let at = (t + self.rng.random_range(30..900) * SECOND).min(WEBINAR_START - 10 * MINUTE);
            registered_at = Some(at);
            self.event(person, at, self.codes.kinds.register, None);
        }
        self.builder.push_contact(Table::Contacts, person, registered_at);
        let slots = self.codes.attribute_slots;
        let attributes = [
            self.codes.channels[channel_at],
            self.codes.industries[industry_at],
            self.codes.sizes[size_at],
            self.codes.titles[title_at],
            self.codes.countries[country_at],
        ];
        for (slot, code) in slots.iter().zip(attributes) {
            self.builder.set_attribute_code(*slot, code);
        }
        self.builder.set_attribute(slots[5], PropValue::Int(lead_score));

        let mut attended = false;
        if let Some(registered) = registered_at {
            self.emails(person, registered, engagement);
            attended = chance(&mut self.rng, (0.30 + 0.45 * quality + 0.15 * engagement).min(0.95));
            if attended {
                self.webinar(person, quality, engagement);
            }
        }
        self.purchases(person, registers, attended, quality, engagement);
        Ok(())
    }

    fn emails(&mut self, person: u32, registered: i64, engagement: f64) {
        for (c, (_, send_at)) in REMINDERS.iter().enumerate() {
            if *send_at <= registered {
                continue;
            }
            self.emails[c].sent += 1;
            if !chance(&mut self.rng, 0.97) {
                continue;
            }
            self.emails[c].delivered += 1;
            if !chance(&mut self.rng, 0.30 + 0.35 * engagement) {
                continue;
            }
            self.emails[c].opens += 1;
            let opened = send_at + self.rng.random_range(MINUTE..6 * HOUR);
            // Some people open the same email again later.
            let reopens = usize::from(chance(&mut self.rng, 0.3)) + usize::from(chance(&mut self.rng, 0.15));
            for open in 0..=reopens {
                let t = opened + open as i64 * self.rng.random_range(10 * MINUTE..DAY);
                self.event(person, t, self.codes.kinds.email_open, None);
                self.builder.set_property_code(self.codes.campaign_slot, self.codes.campaigns[c]);
            }
            if chance(&mut self.rng, 0.12 + 0.3 * engagement) {
                self.emails[c].clicks += 1;
                let clicked = opened + self.rng.random_range(5 * SECOND..10 * MINUTE);
                self.event(person, clicked, self.codes.kinds.email_click, None);
                self.builder.set_property_code(self.codes.campaign_slot, self.codes.campaigns[c]);
            }
        }
    }

    fn webinar(&mut self, person: u32, quality: f64, engagement: f64) {
        let rng = &mut self.rng;
        let join = WEBINAR_START
            + if chance(rng, 0.7) {
                rng.random_range(-5 * MINUTE..5 * MINUTE)
            } else {
                rng.random_range(5 * MINUTE..35 * MINUTE)
            };
        let end = WEBINAR_START + WEBINAR_MINUTES * MINUTE + rng.random_range(0..5 * MINUTE);
        let leave = if chance(rng, 0.35 - 0.2 * engagement) {
            join + ((end - join) as f64 * rng.random_range(0.2..0.9)) as i64
        } else {
            end
        };
        let mut intervals = vec![(join, leave)];
        if chance(rng, 0.15) {
            let split = join + ((leave - join) as f64 * rng.random_range(0.3..0.7)) as i64;
            let back = split + rng.random_range(MINUTE..10 * MINUTE);
            intervals = vec![(join, split), (back.min(end), (leave + (back - split)).min(end).max(back.min(end)))];
        }
        for (session, (start, stop)) in intervals.iter().enumerate() {
            let id = PropValue::Int(10 + session as i64);
            self.event(person, *start, self.codes.kinds.attend, None);
            self.builder.set_session(id.clone());
            self.event(person, *stop, self.codes.kinds.leave, None);
            self.builder.set_session(id);
        }
        let k = &self.codes.kinds;
        let (chat, question, poll_answer, share, cta, survey) =
            (k.chat, k.question, k.poll_answer, k.screen_share_view, k.cta_click, k.survey_response);
        for (kind, trials, p) in [(chat, 12, 0.08 + 0.4 * engagement), (question, 3, 0.03 + 0.2 * engagement)] {
            for _ in 0..trials {
                if chance(&mut self.rng, p) {
                    let t = time_within(&mut self.rng, &intervals);
                    self.event(person, t, kind, None);
                }
            }
        }
        for (poll, minute) in POLL_MINUTES.iter().enumerate() {
            let t = WEBINAR_START + minute * MINUTE + self.rng.random_range(0..2 * MINUTE);
            if present(&intervals, t) && chance(&mut self.rng, 0.6 + 0.35 * engagement) {
                let correct = chance(&mut self.rng, 0.45 + 0.4 * quality);
                self.event(person, t, poll_answer, None);
                self.builder.set_property_code(self.codes.poll_slot, self.codes.polls[poll]);
                self.builder.set_property_code(self.codes.correct_slot, self.codes.correct[usize::from(correct)]);
            }
        }
        let attended_minutes = intervals.iter().map(|(s, e)| e - s).sum::<i64>() as f64 / MINUTE as f64;
        if chance(&mut self.rng, 0.9) {
            let watched = (attended_minutes * self.rng.random_range(0.7..1.0) * 10.0).round() / 10.0;
            self.event(person, intervals[0].0, share, Some(watched));
        }
        let t = WEBINAR_START + CTA_MINUTE * MINUTE + self.rng.random_range(0..5 * MINUTE);
        if present(&intervals, t) && chance(&mut self.rng, 0.1 + 0.5 * engagement) {
            self.event(person, t, cta, None);
        }
        if chance(&mut self.rng, 0.5) {
            let last_leave = intervals.last().map_or(end, |(_, e)| *e);
            let rating = (4 + self.rng.random_range(0..=3) + (engagement * 4.0) as i64).min(10);
            let t = last_leave + self.rng.random_range(SECOND..HOUR);
            self.event(person, t, survey, Some(rating as f64));
        }
    }

    fn purchases(&mut self, person: u32, registered: bool, attended: bool, quality: f64, engagement: f64) {
        let p = match (registered, attended) {
            (_, true) => 0.04 + 0.35 * engagement * quality + 0.1 * engagement,
            (true, false) => 0.02,
            (false, false) => 0.005,
        };
        if !chance(&mut self.rng, p) {
            return;
        }
        let (_, price) = pick(&mut self.rng, &PRICES);
        let t = WEBINAR_START + WEBINAR_MINUTES * MINUTE + self.rng.random_range(0..14 * DAY);
        self.event(person, t, self.codes.kinds.purchase, Some(price));
        if chance(&mut self.rng, 0.1) {
            let later = t + self.rng.random_range(HOUR..7 * DAY);
            self.event(person, later, self.codes.kinds.purchase, Some(99.0));
        }
    }

    fn spend(&mut self, contacts: usize) -> Vec<ChannelSpend> {
        let scale = contacts as f64 / 1000.0;
        let start = NaiveDate::from_ymd_opt(2024, 2, 13).unwrap_or_default();
        let mut rows = Vec::with_capacity(CAMPAIGN_DAYS as usize * AD_CHANNELS.len());
        for day in 0..CAMPAIGN_DAYS {
            let date = start.checked_add_days(Days::new(day as u64)).unwrap_or(start).format("%Y-%m-%d").to_string();
            let ramp = 0.6 + 0.8 * day as f64 / (CAMPAIGN_DAYS - 1) as f64;
            for (channel, base, click_rate, cpc) in AD_CHANNELS {
                let rng = &mut self.rng;
                let impressions = (base * scale * ramp * rng.random_range(0.7..1.3)).round() as u64;
                let reach = (impressions as f64 * rng.random_range(0.35..0.5)).round() as u64;
                let clicks = (impressions as f64 * click_rate * rng.random_range(0.8..1.2)).round() as u64;
                let cost = (clicks as f64 * cpc * rng.random_range(0.9..1.1) * 100.0).round() / 100.0;
                let social = channel != "google_ads";
                let interactions = |rate: f64, rng: &mut ChaCha8Rng| {
                    if social { (impressions as f64 * rate * rng.random_range(0.7..1.3)).round() as u64 } else { 0 }
                };
                let likes = interactions(0.045, rng);
                let comments = interactions(0.008, rng);
                let shares = interactions(0.006, rng);
                rows.push(ChannelSpend {
                    date: date.clone(),
                    channel: channel.to_owned(),
                    campaign: "ia-10x-impact".to_owned(),
                    impressions,
                    reach,
                    clicks,
                    cost,
                    likes,
                    comments,
                    shares,
                    webinar_id: String::new(),
                });
            }
        }
        rows
    }
}

fn agenda() -> WebinarAgenda {
    let section =
        |name: &str, start_minute, end_minute| AgendaSection { name: name.to_owned(), start_minute, end_minute };
    WebinarAgenda {
        starts_at: Timestamp(WEBINAR_START),
        sections: vec![
            section("Intro", 0, 10),
            section("Fundamentals", 10, 30),
            section("Applications", 30, 55),
            section("Implementation", 55, 80),
            section("Future", 80, 90),
        ],
        slides: 48,
    }
}

/// Generates a demo campaign; same parameters, same output, on every platform.
pub fn demo_campaign(params: &DemoParams) -> Result<DemoCampaign> {
    params.check()?;
    let mut builder = LogBuilder::new();
    builder.reserve_events(params.contacts.saturating_mul(16));
    let codes = Codes::new(&mut builder);
    let mut generator = Generator {
        rng: ChaCha8Rng::seed_from_u64(params.seed),
        builder: &mut builder,
        codes,
        emails: [EmailTotals::default(); REMINDERS.len()],
    };
    for index in 0..params.contacts {
        generator.contact(index)?;
    }
    let spend = generator.spend(params.contacts);
    let email_sends = REMINDERS
        .iter()
        .zip(generator.emails)
        .map(|((campaign, _), t)| EmailSend {
            campaign: (*campaign).to_owned(),
            sent: t.sent,
            delivered: t.delivered,
            unique_opens: t.opens,
            unique_clicks: t.clicks,
        })
        .collect();
    Ok(DemoCampaign { log: builder.finish()?, spend, email_sends, agenda: agenda() })
}
