//! The small input tables besides events, from records or CSV: channel spend (ad platforms,
//! social analytics) and email sends (the email tool's campaign report).
//!
//! Spend columns: `date` (`YYYY-MM-DD`, or a timestamp whose UTC date is taken), `channel`,
//! and optionally `campaign`, `impressions`, `reach`, `clicks`, `cost`, `likes`, `comments`,
//! `shares`, `webinar_id` (the webinar the spend promoted, text or integer). Email-send columns: `campaign`, `sent`, and optionally `delivered`,
//! `unique_opens`, `unique_clicks`. Missing numbers are 0, numbers may carry thousands
//! separators; other columns are ignored.

use std::io::Read;

use super::{Record, RecordValue};
use crate::error::{Error, Result, Table};
use crate::events::time::format_micros;
use crate::events::{ChannelSpend, EmailSend};

fn text(table: Table, record: &Record, column: &str, row: usize, required: bool) -> Result<String> {
    match record.get(column) {
        RecordValue::Str(s) if !s.is_empty() => Ok(s.clone()),
        RecordValue::Null | RecordValue::Str(_) if required => {
            Err(Error::NullValue { table, column: column.to_owned(), row })
        }
        RecordValue::Null | RecordValue::Str(_) => Ok(String::new()),
        RecordValue::Time(t) if column == "date" => Ok(format_micros(*t).chars().take(10).collect()),
        other => Err(Error::InvalidColumnType {
            table,
            column: column.to_owned(),
            expected: "text".to_owned(),
            found: format!("{other:?} (row {row})"),
        }),
    }
}

fn number(table: Table, record: &Record, column: &str, row: usize) -> Result<f64> {
    let value = match record.get(column) {
        RecordValue::Null => 0.0,
        RecordValue::Int(v) => *v as f64,
        RecordValue::Float(v) => *v,
        RecordValue::Str(s) if s.trim().is_empty() => 0.0,
        RecordValue::Str(s) => s.trim().replace(',', "").parse::<f64>().map_err(|_| Error::InvalidNumber {
            table,
            column: column.to_owned(),
            row,
            value: s.clone(),
        })?,
        other => {
            return Err(Error::InvalidColumnType {
                table,
                column: column.to_owned(),
                expected: "a number".to_owned(),
                found: format!("{other:?} (row {row})"),
            });
        }
    };
    super::finite(value, table, column, row)
}

fn count(table: Table, record: &Record, column: &str, row: usize) -> Result<u64> {
    let value = number(table, record, column, row)?;
    if value < 0.0 || value.fract() != 0.0 {
        return Err(Error::InvalidNumber { table, column: column.to_owned(), row, value: value.to_string() });
    }
    Ok(value as u64)
}

/// Reads spend rows from records.
pub fn read_spend_records(records: &[Record]) -> Result<Vec<ChannelSpend>> {
    let t = Table::Spend;
    records
        .iter()
        .enumerate()
        .map(|(row, r)| {
            Ok(ChannelSpend {
                date: text(t, r, "date", row, true)?,
                channel: text(t, r, "channel", row, true)?,
                campaign: text(t, r, "campaign", row, false)?,
                impressions: count(t, r, "impressions", row)?,
                reach: count(t, r, "reach", row)?,
                clicks: count(t, r, "clicks", row)?,
                cost: number(t, r, "cost", row)?,
                likes: count(t, r, "likes", row)?,
                comments: count(t, r, "comments", row)?,
                shares: count(t, r, "shares", row)?,
                webinar_id: match r.get("webinar_id") {
                    RecordValue::Int(v) => v.to_string(),
                    _ => text(t, r, "webinar_id", row, false)?,
                },
            })
        })
        .collect()
}

/// Reads email campaign rows from records.
pub fn read_email_sends_records(records: &[Record]) -> Result<Vec<EmailSend>> {
    let t = Table::EmailSends;
    records
        .iter()
        .enumerate()
        .map(|(row, r)| {
            Ok(EmailSend {
                campaign: text(t, r, "campaign", row, true)?,
                sent: count(t, r, "sent", row)?,
                delivered: count(t, r, "delivered", row)?,
                unique_opens: count(t, r, "unique_opens", row)?,
                unique_clicks: count(t, r, "unique_clicks", row)?,
            })
        })
        .collect()
}

/// Reads spend rows from a CSV file with a header row.
pub fn read_spend_csv<R: Read>(input: R) -> Result<Vec<ChannelSpend>> {
    read_spend_records(&csv_records(input, Table::Spend)?)
}

/// Reads email campaign rows from a CSV file with a header row.
pub fn read_email_sends_csv<R: Read>(input: R) -> Result<Vec<EmailSend>> {
    read_email_sends_records(&csv_records(input, Table::EmailSends)?)
}

/// The rows of a CSV file as text records.
fn csv_records<R: Read>(input: R, table: Table) -> Result<Vec<Record>> {
    let mut reader = csv::Reader::from_reader(input);
    let csv_error = |e: &csv::Error| Error::CsvFormat {
        table,
        line: e.position().map_or(0, csv::Position::line),
        message: e.to_string(),
    };
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(&e))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    let mut records = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| csv_error(&e))?;
        let fields = header.iter().zip(row.iter()).map(|(h, v)| (h.clone(), RecordValue::Str(v.to_owned()))).collect();
        records.push(Record(fields));
    }
    Ok(records)
}
