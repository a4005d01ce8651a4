//! Ad platforms' campaign performance exports into channel spend rows: Google Ads (the
//! report editor's CSV, or its "Excel CSV" in UTF-16 with tabs), Meta Ads Manager and LinkedIn
//! Campaign Manager.
//!
//! - Google Ads: a title line and a date-range line, then `Day` (or `Date`), `Campaign`,
//!   `Currency code`, `Impr.` (or `Impressions`), `Clicks`, `Cost`; rows `Total: ...` at the
//!   end are totals and are skipped. Channel `google_ads`.
//! - Meta Ads Manager: `Day` (or `Reporting starts`), `Campaign name`, `Reach`, `Impressions`,
//!   `Link clicks` (or `Clicks (all)`), `Amount spent (USD)` (the currency in the name), and
//!   optionally `Post reactions`, `Post comments`, `Post shares`; a row without a campaign name
//!   is the totals row. Channel `facebook`.
//! - LinkedIn Campaign Manager: metadata lines, then `Start Date (in UTC)`, `Campaign Name`,
//!   `Currency`, `Total Spent`, `Impressions`, `Clicks`, and optionally `Reach`, `Reactions`,
//!   `Comments`, `Shares`. Channel `linkedin`.
//!
//! - LinkedIn page analytics (content metrics): `Date`, `Impressions (total)` (or
//!   `(organic)`), and optionally `Clicks`, `Unique impressions`, `Reactions`, `Comments`,
//!   `Reposts` (each `(total)` or `(organic)`). Channel `linkedin`, campaign `page`, cost 0.
//! - Facebook Page Insights: `Date`, `Daily Total Impressions`, and optionally `Daily Total
//!   Reach`, `Daily Total Reactions` (or `Daily New Likes`), `Daily Comments`, `Daily Shares`,
//!   `Daily Page Consumptions` (clicks); the description row under the header is skipped.
//!   Channel `facebook`, campaign `page`, cost 0.
//!
//! Text is UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or else
//! read as Latin-1; the delimiter (comma, tab or semicolon) is taken from the header row.
//! Numbers may carry thousands separators, a currency symbol or `%`; `--` and empty cells are
//! 0. Dates are `YYYY-MM-DD`, `M/D/YYYY` or `Mon D, YYYY`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::export::{decode_text, delimiter, parse_number, split};
use crate::error::{Error, Result, Table};
use crate::events::ChannelSpend;

/// Which ad platform wrote the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AdPlatform {
    /// Google Ads.
    GoogleAds,
    /// Meta (Facebook / Instagram) Ads Manager.
    MetaAds,
    /// LinkedIn Campaign Manager.
    LinkedinAds,
    /// A LinkedIn page's content analytics (organic and sponsored updates), no cost.
    LinkedinPage,
    /// A Facebook page's insights (Page Insights data export), no cost.
    FacebookPage,
}

/// Options of [`read_ad_report`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AdReportOptions {
    /// The platform; detected from the header row when absent.
    pub platform: Option<AdPlatform>,
    /// Channel name of the rows (default `google_ads`, `facebook`, `linkedin`).
    pub channel: Option<String>,
    /// Skip bad rows (each reported in `skipped`) instead of failing on the first.
    pub skip_bad_rows: bool,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SkippedRow {
    /// 1-based line in the file.
    pub line: u64,
    /// What was wrong.
    pub reason: String,
}

/// An ad report read into spend rows.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AdReport {
    /// The platform.
    pub platform: AdPlatform,
    /// Currency of `cost`, when the export says.
    pub currency: Option<String>,
    /// One row per day and campaign.
    pub rows: Vec<ChannelSpend>,
    /// The platform's unique reach over the whole report, from its account totals row (Meta Ads
    /// Manager's summary row, Google Ads' `Total: Account` with a reach column) when the export
    /// has one; undefined otherwise. Reach per day or campaign cannot be added up (a person
    /// reached twice counts twice), so this is the number to give the scorecard as
    /// `inputs.reach`.
    pub reach: Option<u64>,
    /// Totals rows skipped (always) and bad rows skipped (with `skip_bad_rows`).
    pub skipped: Vec<SkippedRow>,
}

/// The columns of one platform: (field, accepted header names, required).
struct Layout {
    platform: AdPlatform,
    channel: &'static str,
    fields: [(&'static str, &'static [&'static str], bool); 9],
    currency: &'static [&'static str],
}

const LAYOUTS: [Layout; 5] = [
    Layout {
        platform: AdPlatform::GoogleAds,
        channel: "google_ads",
        fields: [
            ("date", &["Day", "Date"], true),
            ("campaign", &["Campaign"], true),
            ("impressions", &["Impr.", "Impressions"], true),
            ("clicks", &["Clicks"], true),
            ("cost", &["Cost"], true),
            ("reach", &["Unique users", "Reach"], false),
            ("likes", &[], false),
            ("comments", &[], false),
            ("shares", &[], false),
        ],
        currency: &["Currency code", "Currency"],
    },
    Layout {
        platform: AdPlatform::MetaAds,
        channel: "facebook",
        fields: [
            ("date", &["Day", "Reporting starts"], true),
            ("campaign", &["Campaign name"], true),
            ("impressions", &["Impressions"], true),
            ("clicks", &["Link clicks", "Clicks (all)"], true),
            ("cost", &["Amount spent"], true),
            ("reach", &["Reach"], false),
            ("likes", &["Post reactions"], false),
            ("comments", &["Post comments"], false),
            ("shares", &["Post shares"], false),
        ],
        currency: &[],
    },
    Layout {
        platform: AdPlatform::LinkedinAds,
        channel: "linkedin",
        fields: [
            ("date", &["Start Date (in UTC)", "Start Date"], true),
            ("campaign", &["Campaign Name"], true),
            ("impressions", &["Impressions"], true),
            ("clicks", &["Clicks"], true),
            ("cost", &["Total Spent", "Amount Spent"], true),
            ("reach", &["Reach"], false),
            ("likes", &["Reactions"], false),
            ("comments", &["Comments"], false),
            ("shares", &["Shares"], false),
        ],
        currency: &["Currency"],
    },
    Layout {
        platform: AdPlatform::LinkedinPage,
        channel: "linkedin",
        fields: [
            ("date", &["Date"], true),
            ("campaign", &[], false),
            ("impressions", &["Impressions (total)", "Impressions (organic)", "Impressions"], true),
            ("clicks", &["Clicks (total)", "Clicks (organic)", "Clicks"], false),
            ("cost", &[], false),
            ("reach", &["Unique impressions (organic)", "Unique impressions"], false),
            ("likes", &["Reactions (total)", "Reactions (organic)", "Reactions"], false),
            ("comments", &["Comments (total)", "Comments (organic)", "Comments"], false),
            ("shares", &["Reposts (total)", "Reposts (organic)", "Reposts", "Shares (total)", "Shares"], false),
        ],
        currency: &[],
    },
    Layout {
        platform: AdPlatform::FacebookPage,
        channel: "facebook",
        fields: [
            ("date", &["Date"], true),
            ("campaign", &[], false),
            ("impressions", &["Daily Total Impressions", "Page impressions", "Impressions"], true),
            ("clicks", &["Daily Page Consumptions", "Page clicks", "Clicks"], false),
            ("cost", &[], false),
            ("reach", &["Daily Total Reach", "Page reach", "Reach"], false),
            ("likes", &["Daily Total Reactions", "Daily New Likes", "Reactions"], false),
            ("comments", &["Daily Comments", "Comments"], false),
            ("shares", &["Daily Shares", "Shares"], false),
        ],
        currency: &[],
    },
];

impl Layout {
    /// The column that identifies the platform's table: the campaign, or for page analytics
    /// the impressions.
    fn key(&self) -> &'static [&'static str] {
        if self.fields[1].1.is_empty() { self.fields[2].1 } else { self.fields[1].1 }
    }
}

/// A header cell matches a name when equal, or (for `Amount spent`) followed by ` (CUR)`.
fn matches(cell: &str, name: &str) -> bool {
    let cell = cell.trim().trim_start_matches('\u{feff}');
    cell.eq_ignore_ascii_case(name) || (name == "Amount spent" && cell.starts_with("Amount spent ("))
}

fn position(header: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| header.iter().position(|h| matches(h, n)))
}

fn detect(header: &[String]) -> Option<&'static Layout> {
    let has = |name: &str| header.iter().any(|h| matches(h, name));
    let layout = |p: AdPlatform| LAYOUTS.iter().find(|l| l.platform == p);
    if has("Date") && (has("Impressions (total)") || has("Impressions (organic)")) {
        layout(AdPlatform::LinkedinPage)
    } else if has("Date") && (has("Daily Total Impressions") || has("Daily Total Reach")) {
        layout(AdPlatform::FacebookPage)
    } else if has("Amount spent") && has("Campaign name") {
        LAYOUTS.iter().find(|l| l.platform == AdPlatform::MetaAds)
    } else if has("Total Spent") || has("Campaign Name") && has("Start Date (in UTC)") {
        LAYOUTS.iter().find(|l| l.platform == AdPlatform::LinkedinAds)
    } else if has("Campaign") && has("Cost") {
        LAYOUTS.iter().find(|l| l.platform == AdPlatform::GoogleAds)
    } else {
        None
    }
}

fn parse_date(text: &str) -> Option<String> {
    let text = text.trim();
    ["%Y-%m-%d", "%m/%d/%Y", "%b %d, %Y", "%B %d, %Y", "%Y/%m/%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
        .map(|d| d.to_string())
}

/// Reads one export of an ad platform into spend rows.
///
/// ```
/// use webinar_analytics::ingest::ads::{AdPlatform, AdReportOptions, read_ad_report};
///
/// let export = "Campaign report\nMarch 1, 2024 - March 2, 2024\n\
/// Day,Campaign,Currency code,Impr.,Clicks,Cost\n\
/// 2024-03-01,Webinar launch,USD,\"12,400\",310,\"1,024.50\"\n\
/// Total: Account,--,USD,\"12,400\",310,\"1,024.50\"\n";
/// let report = read_ad_report(export.as_bytes(), &AdReportOptions::default())?;
/// assert_eq!(report.platform, AdPlatform::GoogleAds);
/// assert_eq!((report.rows[0].impressions, report.rows[0].cost), (12_400, 1024.5));
/// assert_eq!(report.skipped.len(), 1); // the totals row
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// `missing_column` (naming the columns expected and found) when no header row of a known
/// platform is found; `csv_format` with the line and column of a bad date or number (unless
/// `skip_bad_rows`).
pub fn read_ad_report(bytes: &[u8], options: &AdReportOptions) -> Result<AdReport> {
    let table = Table::AdReport;
    let text = decode_text(bytes);
    let lines: Vec<&str> = text.lines().collect();
    // The header row: the first line naming a known platform's columns.
    let (header_line, layout, header) = lines
        .iter()
        .enumerate()
        .find_map(|(i, line)| {
            let header = split(line, delimiter(line));
            let layout = match options.platform {
                Some(p) => LAYOUTS.iter().find(|l| l.platform == p).filter(|l| position(&header, l.key()).is_some()),
                None => detect(&header),
            }?;
            Some((i, layout, header))
        })
        .ok_or_else(|| {
            let first = lines.first().copied().unwrap_or("");
            match options.platform.and_then(|p| LAYOUTS.iter().find(|l| l.platform == p)) {
                Some(layout) => Error::MissingColumn {
                    table,
                    column: layout.key().first().copied().unwrap_or("Date").to_owned(),
                    hint: format!(
                        " (no header row with the {:?} columns {:?}; first line: {first:?})",
                        layout.platform,
                        layout.fields.iter().filter(|f| f.2).filter_map(|f| f.1.first()).collect::<Vec<_>>()
                    ),
                },
                None => Error::MissingColumn {
                    table,
                    column: "Campaign".to_owned(),
                    hint: format!(
                        " (no header row of a Google Ads, Meta Ads, LinkedIn Campaign Manager, LinkedIn page or \
                         Facebook page export; first line: {first:?})"
                    ),
                },
            }
        })?;
    let mut columns = [None; 9];
    for (slot, (field, names, required)) in columns.iter_mut().zip(layout.fields) {
        *slot = position(&header, names);
        if slot.is_none() && required {
            return Err(Error::MissingColumn {
                table,
                column: names.first().copied().unwrap_or(field).to_owned(),
                hint: format!(" (expected one of {names:?}; found {header:?})"),
            });
        }
    }
    let currency_column = position(&header, layout.currency);
    let mut currency = header
        .iter()
        .find(|h| h.starts_with("Amount spent ("))
        .and_then(|h| h.trim_end_matches(')').rsplit('(').next().map(str::to_owned));
    let channel = options.channel.clone().unwrap_or_else(|| layout.channel.to_owned());
    let delim = delimiter(lines[header_line]);
    let mut report =
        AdReport { platform: layout.platform, currency: None, rows: Vec::new(), skipped: Vec::new(), reach: None };
    for (i, line) in lines.iter().enumerate().skip(header_line + 1) {
        let line_number = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cells = split(line, delim);
        let cell = |c: Option<usize>| c.and_then(|c| cells.get(c)).map_or("", |s| s.trim());
        let first = cells.first().map_or("", |s| s.trim());
        let page = layout.fields[1].1.is_empty();
        if page && cell(columns[0]).is_empty() {
            // Page Insights exports describe each column in a row under the header.
            report.skipped.push(SkippedRow { line: line_number, reason: "description row".to_owned() });
            continue;
        }
        let campaign = if page { "page" } else { cell(columns[1]) };
        if first.starts_with("Total") || campaign.is_empty() || campaign == "--" {
            let account = campaign.is_empty() || first == "Total" || first.starts_with("Total: Account");
            if account && report.reach.is_none() {
                report.reach = whole_reach(cell(columns[5]));
            }
            report.skipped.push(SkippedRow { line: line_number, reason: "totals row".to_owned() });
            continue;
        }
        match spend_row(&cells, &columns, &header, &channel, campaign) {
            Ok(row) => {
                if currency.is_none() && !cell(currency_column).is_empty() {
                    currency = Some(cell(currency_column).to_owned());
                }
                report.rows.push(row);
            }
            Err(reason) if options.skip_bad_rows => report.skipped.push(SkippedRow { line: line_number, reason }),
            Err(message) => return Err(Error::CsvFormat { table, line: line_number, message }),
        }
    }
    report.currency = currency;
    Ok(report)
}

/// The reach of a totals row: a positive whole count, else undefined (`--`, empty, or not a
/// number: a totals row never fails the read).
fn whole_reach(cell: &str) -> Option<u64> {
    parse_number(cell).filter(|v| *v >= 1.0 && v.fract() == 0.0 && *v < 9.0e15).map(|v| v as u64)
}

/// One spend row, or what is wrong with it (naming the column).
fn spend_row(
    cells: &[String],
    columns: &[Option<usize>; 9],
    header: &[String],
    channel: &str,
    campaign: &str,
) -> std::result::Result<ChannelSpend, String> {
    let raw = |k: usize| columns[k].and_then(|c| cells.get(c)).map_or("", |s| s.trim());
    let name = |k: usize| columns[k].and_then(|c| header.get(c)).map_or("", String::as_str);
    let date = parse_date(raw(0)).ok_or_else(|| format!("column `{}`: cannot read {:?} as a date", name(0), raw(0)))?;
    let number = |k: usize| {
        parse_number(raw(k)).ok_or_else(|| format!("column `{}`: cannot read {:?} as a number", name(k), raw(k)))
    };
    let count = |k: usize| -> std::result::Result<u64, String> {
        let v = number(k)?;
        if v < 0.0 || v.fract() != 0.0 {
            return Err(format!("column `{}`: {:?} is not a count", name(k), raw(k)));
        }
        Ok(v as u64)
    };
    let cost = number(4)?;
    if cost < 0.0 {
        return Err(format!("column `{}`: negative cost {:?}", name(4), raw(4)));
    }
    Ok(ChannelSpend {
        date,
        channel: channel.to_owned(),
        campaign: campaign.to_owned(),
        impressions: count(2)?,
        clicks: count(3)?,
        cost,
        reach: count(5)?,
        likes: count(6)?,
        comments: count(7)?,
        shares: count(8)?,
        webinar_id: String::new(),
    })
}

/// [`read_ad_report`] with plain call options (`{"platform": "google_ads", "channel": ...,
/// "skip_bad_rows": true}`), as the bindings take them.
///
/// # Errors
/// As [`read_ad_report`], and `invalid_parameter` for unknown options.
pub fn read_ad_report_from_call_json(bytes: &[u8], options: serde_json::Value) -> Result<AdReport> {
    read_ad_report(bytes, &super::options_from_json(options, "options")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_reach_comes_from_the_account_totals_row_only() -> Result<()> {
        let google = "Day,Campaign,Currency code,Impr.,Clicks,Cost,Unique users\n\
                      2024-03-01,A,USD,100,5,10.00,80\n\
                      2024-03-02,A,USD,100,5,10.00,70\n\
                      Total: Search,--,USD,200,10,20.00,120\n\
                      Total: Account,--,USD,200,10,20.00,110\n";
        let report = read_ad_report(google.as_bytes(), &AdReportOptions::default())?;
        assert_eq!((report.rows.len(), report.reach), (2, Some(110)));
        let meta = "Day,Campaign name,Reach,Impressions,Link clicks,Amount spent (USD)\n\
                    ,,--,200,10,20\n\
                    2024-03-01,A,80,100,5,10\n";
        assert_eq!(read_ad_report(meta.as_bytes(), &AdReportOptions::default())?.reach, None);
        Ok(())
    }
}
