//! Channel spend tables (ad platforms, social analytics) from records or CSV.
//!
//! Columns: `date` (`YYYY-MM-DD`, or a timestamp whose UTC date is taken), `channel`, and
//! optionally `campaign`, `impressions`, `reach`, `clicks`, `cost`, `likes`, `comments`,
//! `shares` (missing numbers are 0). Other columns are ignored.

use std::io::Read;

use super::{Record, RecordValue};
use crate::error::{Error, Result, Table};
use crate::events::ChannelSpend;
use crate::events::time::format_micros;

const TABLE: Table = Table::Spend;

fn text(record: &Record, column: &str, row: usize, required: bool) -> Result<String> {
    match record.get(column) {
        RecordValue::Str(s) if !s.is_empty() => Ok(s.clone()),
        RecordValue::Null | RecordValue::Str(_) if required => {
            Err(Error::NullValue { table: TABLE, column: column.to_owned(), row })
        }
        RecordValue::Null | RecordValue::Str(_) => Ok(String::new()),
        RecordValue::Time(t) if column == "date" => Ok(format_micros(*t).chars().take(10).collect()),
        other => Err(Error::InvalidColumnType {
            table: TABLE,
            column: column.to_owned(),
            expected: "text".to_owned(),
            found: format!("{other:?} (row {row})"),
        }),
    }
}

fn number(record: &Record, column: &str, row: usize) -> Result<f64> {
    let value = match record.get(column) {
        RecordValue::Null => 0.0,
        RecordValue::Int(v) => *v as f64,
        RecordValue::Float(v) => *v,
        RecordValue::Str(s) if s.trim().is_empty() => 0.0,
        RecordValue::Str(s) => s.trim().replace(',', "").parse::<f64>().map_err(|_| Error::InvalidNumber {
            table: TABLE,
            column: column.to_owned(),
            row,
            value: s.clone(),
        })?,
        other => {
            return Err(Error::InvalidColumnType {
                table: TABLE,
                column: column.to_owned(),
                expected: "a number".to_owned(),
                found: format!("{other:?} (row {row})"),
            });
        }
    };
    super::finite(value, TABLE, column, row)
}

fn count(record: &Record, column: &str, row: usize) -> Result<u64> {
    let value = number(record, column, row)?;
    if value < 0.0 || value.fract() != 0.0 {
        return Err(Error::InvalidNumber { table: TABLE, column: column.to_owned(), row, value: value.to_string() });
    }
    Ok(value as u64)
}

/// Reads spend rows from records.
pub fn read_spend_records(records: &[Record]) -> Result<Vec<ChannelSpend>> {
    records
        .iter()
        .enumerate()
        .map(|(row, r)| {
            Ok(ChannelSpend {
                date: text(r, "date", row, true)?,
                channel: text(r, "channel", row, true)?,
                campaign: text(r, "campaign", row, false)?,
                impressions: count(r, "impressions", row)?,
                reach: count(r, "reach", row)?,
                clicks: count(r, "clicks", row)?,
                cost: number(r, "cost", row)?,
                likes: count(r, "likes", row)?,
                comments: count(r, "comments", row)?,
                shares: count(r, "shares", row)?,
            })
        })
        .collect()
}

/// Reads spend rows from a CSV file with a header row.
pub fn read_spend_csv<R: Read>(input: R) -> Result<Vec<ChannelSpend>> {
    let mut reader = csv::Reader::from_reader(input);
    let csv_error = |e: &csv::Error| Error::CsvFormat {
        table: TABLE,
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
    read_spend_records(&records)
}
