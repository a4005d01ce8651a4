//! What the vendors' exports share: text in several encodings, a delimiter to guess, metadata
//! lines before the header row, numbers written for people.

/// Decodes a file's bytes: UTF-8 (a BOM dropped), UTF-16 with a BOM, else Latin-1.
#[must_use]
pub fn decode_text(bytes: &[u8]) -> String {
    let utf16 = |little: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|p| if little { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => bytes.iter().map(|b| char::from(*b)).collect(),
        },
    }
}

/// A number as exports write it: thousands separators, a currency symbol or `%` dropped;
/// empty, `-` and `--` are 0.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String =
        text.trim().chars().filter(|c| !matches!(c, ',' | '$' | '€' | '£' | '%' | ' ' | '\u{a0}')).collect();
    if cleaned.is_empty() || cleaned == "--" || cleaned == "-" {
        return Some(0.0);
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The delimiter of a header line: the most frequent of tab, semicolon and comma.
pub(crate) fn delimiter(line: &str) -> u8 {
    [b'\t', b';', b','].into_iter().max_by_key(|d| line.bytes().filter(|b| b == d).count()).unwrap_or(b',')
}

/// One line's cells.
pub(crate) fn split(line: &str, delimiter: u8) -> Vec<String> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).delimiter(delimiter).flexible(true).from_reader(line.as_bytes());
    reader
        .records()
        .next()
        .and_then(std::result::Result::ok)
        .map(|r| r.iter().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The table of an export: the header row (the first line `is_header` accepts, after any
/// metadata lines) and the rows under it, parsed as CSV (quoted cells may span lines).
pub(crate) struct ExportTable {
    /// Header cells, trimmed.
    pub header: Vec<String>,
    /// Each row with its 1-based line in the file.
    pub rows: Vec<(u64, Vec<String>)>,
}

impl ExportTable {
    /// Finds the header row and reads the rows; `None` when no line is a header.
    pub(crate) fn read(
        text: &str,
        is_header: impl Fn(&[String]) -> bool,
    ) -> Option<Result<ExportTable, (u64, String)>> {
        let mut offset = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let delim = delimiter(line);
            let header: Vec<String> = split(line.trim_end(), delim).iter().map(|h| h.trim().to_owned()).collect();
            if is_header(&header) {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(true)
                    .delimiter(delim)
                    .flexible(true)
                    .from_reader(&text.as_bytes()[offset..]);
                let mut rows = Vec::new();
                for record in reader.records() {
                    match record {
                        Ok(r) => {
                            let line_number = i as u64 + r.position().map_or(0, csv::Position::line);
                            rows.push((line_number, r.iter().map(str::to_owned).collect()));
                        }
                        Err(e) => {
                            return Some(Err((i as u64 + e.position().map_or(0, csv::Position::line), e.to_string())));
                        }
                    }
                }
                return Some(Ok(ExportTable { header, rows }));
            }
            offset += line.len();
        }
        None
    }

    /// Index of the first header matching one of `names` (see [`position`]).
    pub(crate) fn column(&self, names: &[&str]) -> Option<usize> {
        position(&self.header, names)
    }
}

/// Index in `header` of the first of `names` it has (case-insensitive, a byte-order mark
/// ignored): the names are tried in order, so the first spelling listed wins.
pub(crate) fn position(header: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| header.iter().position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(n)))
}
