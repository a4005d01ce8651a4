//! Touchpoints from what the sources carry (`docs/semantics.md` §17): UTM parameters and click
//! ids of landing URLs, external referrers and email clicks, normalized into `source`, `medium`,
//! `campaign` and `channel` (GA4's default channel group) event properties.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::{DictColumn, EventLog, NULL_CODE, PropValue};

/// Options of [`touchpoints`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TouchOptions {
    /// The event property holding each page's URL (default `page_location`, GA4's name).
    pub url: String,
    /// The event property holding the referring URL (default `page_referrer`), if the log has it.
    pub referrer: String,
    /// The event property naming an email click's campaign (default `campaign`).
    pub email_campaign: String,
    /// Event properties giving a visit's source, medium and campaign when they were collected
    /// apart from the URL (registration forms, CRM exports, the Zoom registration report's
    /// source tracking, GA4's `collected_traffic_source`); read before the URL (default
    /// `utm_source`, `utm_medium`, `utm_campaign`).
    pub fields: [String; 3],
}

impl Default for TouchOptions {
    fn default() -> Self {
        TouchOptions {
            url: "page_location".to_owned(),
            referrer: "page_referrer".to_owned(),
            email_campaign: "campaign".to_owned(),
            fields: ["utm_source".to_owned(), "utm_medium".to_owned(), "utm_campaign".to_owned()],
        }
    }
}

/// Where one visit came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Touch {
    /// `google`, `linkedin`, `newsletter`, a referring host.
    pub source: String,
    /// `cpc`, `organic`, `referral`, `email`, `(not set)`.
    pub medium: String,
    /// `utm_campaign`, when given.
    pub campaign: Option<String>,
}

/// What a URL says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// A touchpoint.
    Touch(Touch),
    /// Nothing: an internal page, or a visit without parameters or an external referrer.
    Nothing,
    /// The URL does not parse.
    Unparsed,
}

const SEARCH: &[&str] = &[
    "google",
    "bing",
    "yahoo",
    "duckduckgo",
    "baidu",
    "yandex",
    "ecosia",
    "naver",
    "seznam",
    "qwant",
    "startpage",
    "ask",
    "aol",
    "brave",
];
const SOCIAL: &[&str] = &[
    "facebook",
    "instagram",
    "linkedin",
    "twitter",
    "x",
    "tiktok",
    "pinterest",
    "reddit",
    "snapchat",
    "threads",
    "quora",
    "whatsapp",
    "messenger",
    "tumblr",
    "vk",
    "weibo",
    "wechat",
    "xing",
    "discord",
    "slack",
    "telegram",
    "mastodon",
];
const VIDEO: &[&str] = &["youtube", "vimeo", "twitch", "dailymotion", "wistia"];
const SHOPPING: &[&str] = &["amazon", "ebay", "etsy", "shopify", "walmart", "aliexpress", "mercadolibre"];

/// Short host names and their site.
const ALIASES: &[(&str, &str)] =
    &[("lnkd", "linkedin"), ("t", "twitter"), ("fb", "facebook"), ("youtu", "youtube"), ("ig", "instagram")];

/// The site a source names (`www.google.com` -> `google`), when it is a known one.
fn site(source: &str) -> Option<&'static str> {
    let host = source.trim().to_ascii_lowercase();
    let mut labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    while labels.len() > 2 && matches!(labels[0], "www" | "m" | "l" | "lm" | "mobile" | "web") {
        labels.remove(0);
    }
    if labels.len() == 2 && matches!(labels[0], "www" | "m" | "l" | "lm") {
        labels.remove(0);
    }
    let name = *labels.first()?;
    let name = ALIASES.iter().find(|(alias, _)| *alias == name).map_or(name, |(_, site)| site);
    [SEARCH, SOCIAL, VIDEO, SHOPPING].iter().flat_map(|list| list.iter()).find(|s| **s == name).copied()
}

/// The GA4 default channel group of a source, medium and campaign (GA4's rules, in their order;
/// site lists abbreviated to the common sites, `docs/semantics.md` §17).
#[must_use]
pub fn channel_group(source: &str, medium: &str, campaign: &str) -> &'static str {
    let (source, medium, campaign) =
        (source.to_ascii_lowercase(), medium.to_ascii_lowercase(), campaign.to_ascii_lowercase());
    let site = site(&source);
    let is = |list: &[&str]| site.is_some_and(|s| list.contains(&s));
    let paid = medium.contains("cp") || medium == "ppc" || medium == "retargeting" || medium.starts_with("paid");
    let shop_campaign =
        campaign.contains("shopping") || campaign.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == "shop");
    let email = |s: &str| matches!(s, "email" | "e-mail" | "e_mail" | "e mail");
    if source == "(direct)" && (medium == "(none)" || medium == "(not set)") {
        "Direct"
    } else if campaign.contains("cross-network") {
        "Cross-network"
    } else if (is(SHOPPING) || shop_campaign) && paid {
        "Paid Shopping"
    } else if is(SEARCH) && paid {
        "Paid Search"
    } else if is(SOCIAL) && paid {
        "Paid Social"
    } else if is(VIDEO) && paid {
        "Paid Video"
    } else if matches!(medium.as_str(), "display" | "banner" | "expandable" | "interstitial" | "cpm") {
        "Display"
    } else if paid {
        "Paid Other"
    } else if is(SHOPPING) || shop_campaign {
        "Organic Shopping"
    } else if is(SOCIAL)
        || matches!(
            medium.as_str(),
            "social" | "social-network" | "social-media" | "sm" | "social network" | "social media"
        )
    {
        "Organic Social"
    } else if is(VIDEO) || medium.contains("video") {
        "Organic Video"
    } else if is(SEARCH) || medium == "organic" {
        "Organic Search"
    } else if matches!(medium.as_str(), "referral" | "app" | "link") {
        "Referral"
    } else if email(&source) || email(&medium) {
        "Email"
    } else if medium == "affiliate" {
        "Affiliates"
    } else if medium == "audio" {
        "Audio"
    } else if source == "sms" || medium == "sms" {
        "SMS"
    } else if medium.ends_with("push")
        || medium.contains("mobile")
        || medium.contains("notification")
        || source == "firebase"
    {
        "Mobile Push Notifications"
    } else {
        "Unassigned"
    }
}

/// Click ids and the paid source they stand for.
const CLICK_IDS: &[(&str, &str, &str)] = &[
    ("gclid", "google", "cpc"),
    ("gbraid", "google", "cpc"),
    ("wbraid", "google", "cpc"),
    ("msclkid", "bing", "cpc"),
    ("li_fat_id", "linkedin", "cpc"),
    ("ttclid", "tiktok", "cpc"),
    ("fbclid", "facebook", "social"),
];

/// Where the visit to `url` (from `referrer`) came from: UTM parameters first, then a click id,
/// then an external referrer. Relative URLs (`/webinar?utm_source=x`) are read as paths.
#[must_use]
pub fn parse(url: &str, referrer: Option<&str>) -> Parsed {
    let relative_base = url::Url::parse("https://relative.invalid/").ok();
    let Ok(page) = url::Url::options().base_url(relative_base.as_ref()).parse(url.trim()) else {
        return Parsed::Unparsed;
    };
    let mut utm: FxHashMap<String, String> = FxHashMap::default();
    let mut click = None;
    for (key, value) in page.query_pairs() {
        let key = key.to_ascii_lowercase();
        if key.starts_with("utm_") && !value.trim().is_empty() {
            utm.entry(key).or_insert_with(|| value.trim().to_owned());
        } else if click.is_none() {
            click = CLICK_IDS.iter().find(|(id, _, _)| *id == key);
        }
    }
    let campaign = utm.get("utm_campaign").cloned();
    if let Some(source) = utm.get("utm_source") {
        let medium = utm.get("utm_medium").map_or_else(|| "(not set)".to_owned(), |m| m.to_ascii_lowercase());
        return Parsed::Touch(Touch { source: source.to_ascii_lowercase(), medium, campaign });
    }
    if let Some((_, source, medium)) = click {
        return Parsed::Touch(Touch { source: (*source).to_owned(), medium: (*medium).to_owned(), campaign });
    }
    let Some(referrer) = referrer.map(str::trim).filter(|r| !r.is_empty()) else { return Parsed::Nothing };
    let Ok(from) = url::Url::parse(referrer) else { return Parsed::Unparsed };
    let Some(host) = from.host_str().map(str::to_ascii_lowercase) else { return Parsed::Nothing };
    let own = page.host_str().filter(|h| *h != "relative.invalid").map(str::to_ascii_lowercase);
    let bare = |h: &str| h.strip_prefix("www.").unwrap_or(h).to_owned();
    if own.as_deref().map(bare) == Some(bare(&host)) {
        return Parsed::Nothing;
    }
    let known = site(&host);
    let source = known.map_or_else(|| bare(&host), str::to_owned);
    let medium = if known.is_some_and(|s| SEARCH.contains(&s)) { "organic" } else { "referral" };
    Parsed::Touch(Touch { source, medium: medium.to_owned(), campaign })
}

/// The text of dictionary `code` of `column`.
fn text(column: Option<&DictColumn>, code: u32) -> Option<&str> {
    column.and_then(|c| c.dictionary().get(code as usize)).and_then(PropValue::as_str)
}

/// Counts of [`touchpoints`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TouchReport {
    /// Events that became touchpoints.
    pub touchpoints: u64,
    /// URLs that did not parse (their events have no touch, and `url_unparsed` true).
    pub unparsed_urls: u64,
}

/// The touch an event's own source fields or click-id properties give.
struct Fields<'a> {
    source: Option<&'a DictColumn>,
    medium: Option<&'a DictColumn>,
    campaign: Option<&'a DictColumn>,
    /// Click-id properties the log has, with their source and medium.
    clicks: Vec<(&'a DictColumn, &'static str, &'static str)>,
}

impl<'a> Fields<'a> {
    fn of(log: &'a EventLog, options: &TouchOptions) -> Fields<'a> {
        let [source, medium, campaign] = &options.fields;
        Fields {
            source: log.property(source),
            medium: log.property(medium),
            campaign: log.property(campaign),
            clicks: (CLICK_IDS.iter())
                .filter_map(|&(id, source, medium)| log.property(id).map(|c| (c, source, medium)))
                .collect(),
        }
    }

    fn any(&self) -> bool {
        self.source.is_some() || !self.clicks.is_empty()
    }

    /// The text of `column` at `event`.
    fn at(column: Option<&'a DictColumn>, event: usize) -> Option<&'a str> {
        let code = column?.codes().at(event);
        if code == NULL_CODE { None } else { text(column, code).map(str::trim).filter(|t| !t.is_empty()) }
    }

    fn touch(&self, event: usize) -> Option<Touch> {
        let campaign = Self::at(self.campaign, event).map(str::to_owned);
        if let Some(source) = Self::at(self.source, event) {
            let medium = Self::at(self.medium, event).map_or_else(|| "(not set)".to_owned(), str::to_ascii_lowercase);
            return Some(Touch { source: source.to_ascii_lowercase(), medium, campaign });
        }
        let &(_, source, medium) = self.clicks.iter().find(|(c, _, _)| Self::at(Some(c), event).is_some())?;
        Some(Touch { source: source.to_owned(), medium: medium.to_owned(), campaign })
    }
}

/// The log with touch properties: `source`, `medium`, `campaign` and `channel` (GA4's default
/// channel group) from each event's source fields (`utm_source`, ...) or click-id properties
/// (`gclid`, ...), else its URL and referrer, and from email clicks (medium `email`, the click's
/// campaign); where an event gives none, a value the log already had is kept. An event whose URL
/// does not parse gets `url_unparsed` = true and no touch.
///
/// # Errors
/// `invalid_parameter` naming `url` when the log has no such property, no source fields, no
/// click ids and no email clicks.
pub fn touchpoints(log: &EventLog, options: &TouchOptions) -> Result<(EventLog, TouchReport)> {
    let url = log.property(&options.url);
    let email = log.kind_code("email_click");
    let fields = Fields::of(log, options);
    if url.is_none() && email.is_none() && !fields.any() {
        let names: Vec<&str> = log.properties().iter().map(DictColumn::name).collect();
        return Err(Error::invalid_parameter(
            "url",
            format!(
                "the log has no event property {:?}, no {:?} or click ids and no email clicks (its properties: {})",
                options.url,
                options.fields[0],
                names.join(", ")
            ),
        ));
    }
    let referrer = log.property(&options.referrer);
    let campaign_of_email = log.property(&options.email_campaign);
    // Each distinct (url, referrer) pair parsed once.
    let mut parsed: FxHashMap<(u32, u32), Option<Parsed>> = FxHashMap::default();
    let mut touches: Vec<Touch> = Vec::new();
    let mut touch_index: FxHashMap<Touch, u32> = FxHashMap::default();
    let events = log.event_count();
    let mut touch_of = vec![NULL_CODE; events];
    let mut unparsed = vec![NULL_CODE; events];
    let mut report = TouchReport { touchpoints: 0, unparsed_urls: 0 };
    let kinds = log.kinds();
    for event in 0..events {
        let u = url.map_or(NULL_CODE, |c| c.codes().at(event));
        let r = referrer.map_or(NULL_CODE, |c| c.codes().at(event));
        let result = if let Some(touch) = fields.touch(event) {
            Some(Parsed::Touch(touch))
        } else if u != NULL_CODE {
            parsed.entry((u, r)).or_insert_with(|| text(url, u).map(|page| parse(page, text(referrer, r)))).clone()
        } else if Some(kinds[event]) == email {
            let c = campaign_of_email.map_or(NULL_CODE, |c| c.codes().at(event));
            let campaign = text(campaign_of_email, c).map(str::to_owned);
            Some(Parsed::Touch(Touch { source: "email".to_owned(), medium: "email".to_owned(), campaign }))
        } else {
            None
        };
        match result {
            Some(Parsed::Touch(t)) => {
                let next = touches.len() as u32;
                let code = *touch_index.entry(t.clone()).or_insert(next);
                if code == next {
                    touches.push(t);
                }
                touch_of[event] = code;
                report.touchpoints += 1;
            }
            Some(Parsed::Unparsed) => {
                unparsed[event] = 0;
                report.unparsed_urls += 1;
            }
            Some(Parsed::Nothing) | None => {}
        }
    }
    let field = |name: &str, value: &dyn Fn(&Touch) -> Option<String>| {
        let mut dictionary: Vec<PropValue> = Vec::new();
        let mut index: FxHashMap<String, u32> = FxHashMap::default();
        let mut code_of_touch = Vec::with_capacity(touches.len());
        for t in &touches {
            code_of_touch.push(value(t).map_or(NULL_CODE, |v| {
                *index.entry(v.clone()).or_insert_with(|| {
                    dictionary.push(PropValue::Str(v.into()));
                    dictionary.len() as u32 - 1
                })
            }));
        }
        let codes: Vec<u32> =
            touch_of.iter().map(|&t| if t == NULL_CODE { NULL_CODE } else { code_of_touch[t as usize] }).collect();
        DictColumn::from_parts(name, dictionary, codes)
    };
    let columns = vec![
        field("source", &|t| Some(t.source.clone())),
        field("medium", &|t| Some(t.medium.clone())),
        field("campaign", &|t| t.campaign.clone()),
        field("channel", &|t| {
            Some(channel_group(&t.source, &t.medium, t.campaign.as_deref().unwrap_or("")).to_owned())
        }),
        DictColumn::from_parts("url_unparsed", vec![PropValue::Bool(true)], unparsed),
    ];
    Ok((log.with_properties(columns), report))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(url: &str, referrer: Option<&str>) -> Option<(String, String, Option<String>, &'static str)> {
        match parse(url, referrer) {
            Parsed::Touch(t) => {
                let group = channel_group(&t.source, &t.medium, t.campaign.as_deref().unwrap_or(""));
                Some((t.source, t.medium, t.campaign, group))
            }
            _ => None,
        }
    }

    #[test]
    fn utm_click_ids_and_referrers() {
        let t = touch("https://ex.com/webinar?utm_source=LinkedIn&utm_medium=paid_social&utm_campaign=Spring", None);
        assert_eq!(t, Some(("linkedin".into(), "paid_social".into(), Some("Spring".into()), "Paid Social")));
        assert_eq!(touch("/w?utm_source=newsletter&utm_medium=email", None).unwrap().3, "Email");
        assert_eq!(touch("/w?gclid=abc", None).unwrap().3, "Paid Search");
        assert_eq!(touch("/w?fbclid=abc", None).unwrap().3, "Organic Social");
        assert_eq!(touch("/w?li_fat_id=1", None).unwrap().3, "Paid Social");
        assert_eq!(touch("https://ex.com/w", Some("https://www.google.com/")).unwrap().3, "Organic Search");
        assert_eq!(touch("https://ex.com/w", Some("https://lnkd.in/abc")).unwrap().3, "Organic Social");
        assert_eq!(touch("https://ex.com/w", Some("https://blog.partner.org/post")).unwrap().3, "Referral");
        assert_eq!(touch("https://ex.com/w?utm_source=x&utm_medium=display", None).unwrap().3, "Display");
        assert_eq!(touch("https://ex.com/w?utm_source=(direct)&utm_medium=(none)", None).unwrap().3, "Direct");
        assert_eq!(touch("https://ex.com/w?utm_source=partner", None).unwrap().3, "Unassigned");
        assert_eq!(parse("https://ex.com/w", Some("https://www.ex.com/a")), Parsed::Nothing);
        assert_eq!(parse("https://ex.com/w", None), Parsed::Nothing);
        assert_eq!(parse("http://[::1", None), Parsed::Unparsed);
        assert_eq!(parse("https://ex.com/w", Some("not a url")), Parsed::Unparsed);
    }

    #[test]
    fn source_fields_and_click_id_properties_come_before_the_url() {
        let records: Vec<crate::ingest::Record> = serde_json::from_value(serde_json::json!([
            {"user_id": 1, "ts": "2024-03-01T10:00:00Z", "event": "register", "utm_source": "Facebook", "utm_medium": "paid_social"},
            {"user_id": 2, "ts": "2024-03-01T10:00:00Z", "event": "page_view", "gclid": "abc", "page_location": "https://ex.com/?utm_source=x"},
            {"user_id": 3, "ts": "2024-03-01T10:00:00Z", "event": "page_view", "page_location": "https://ex.com/?utm_source=bing&utm_medium=cpc"},
            {"user_id": 4, "ts": "2024-03-01T10:00:00Z", "event": "page_view", "utm_source": " ", "page_location": "https://ex.com/"}
        ]))
        .unwrap();
        let log = EventLog::from_records(&records, None, &crate::ingest::LoadOptions::default()).unwrap();
        let (touched, report) = touchpoints(&log, &TouchOptions::default()).unwrap();
        assert_eq!(report.touchpoints, 3);
        let channel = touched.property("channel").unwrap();
        let by_person: Vec<Option<&str>> = (0..4)
            .map(|p| {
                let event = touched.person_events(p).start;
                text(Some(channel), channel.codes().at(event))
            })
            .collect();
        assert_eq!(by_person, [Some("Paid Social"), Some("Paid Search"), Some("Paid Search"), None]);
    }
}
