//! A bounded walk over the Thrift structures of a Parquet file (its footer and every page
//! header), before the parquet crate decodes them. parquet 59 skips the elements of a list of
//! booleans without reading a byte, so a header declaring a list of 2^31 booleans costs seconds,
//! and nested ones never end. In the compact protocol every element of a list takes at least one
//! byte: a list declaring more elements than there are bytes left is damaged, and refused here.

use crate::error::{Error, Result};

/// Deepest nesting of structures and lists (as the parquet crate allows).
const MAX_DEPTH: u8 = 64;

fn damaged(what: &str) -> Error {
    Error::ArrowFormat { message: format!("damaged Parquet file: {what}") }
}

/// A signed integer from its zigzag encoding.
fn zigzag(n: u64) -> i64 {
    (n >> 1) as i64 ^ -((n & 1) as i64)
}

/// A reader over the bytes of one structure.
struct Walk<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Walk<'_> {
    fn byte(&mut self) -> Result<u8> {
        let b = *self.bytes.get(self.pos).ok_or_else(|| damaged("a Thrift structure runs past the end"))?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64> {
        let mut value = 0u64;
        for shift in (0..70).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(damaged("a varint longer than 10 bytes"))
    }

    fn skip(&mut self, n: u64) -> Result<()> {
        let end = usize::try_from(n).ok().and_then(|n| self.pos.checked_add(n)).filter(|end| *end <= self.bytes.len());
        self.pos = end.ok_or_else(|| damaged("a length runs past the end"))?;
        Ok(())
    }

    fn remaining(&self) -> u64 {
        (self.bytes.len() - self.pos) as u64
    }

    /// Skips one value of compact type `kind`; `in_list`: booleans take a byte there.
    fn value(&mut self, kind: u8, depth: u8, in_list: bool) -> Result<()> {
        if depth == 0 {
            return Err(damaged("Thrift structures nested too deep"));
        }
        match kind {
            1 | 2 if !in_list => Ok(()),
            1..=3 => self.skip(1),
            4..=6 => self.varint().map(drop),
            7 => self.skip(8),
            8 => {
                let len = self.varint()?;
                self.skip(len)
            }
            9 | 10 => {
                let head = self.byte()?;
                let size = match head >> 4 {
                    15 => self.varint()?,
                    n => u64::from(n),
                };
                if size > self.remaining() {
                    return Err(damaged("a list declares more elements than there are bytes"));
                }
                (0..size).try_for_each(|_| self.value(head & 0x0f, depth - 1, true))
            }
            11 => {
                let size = self.varint()?;
                if size == 0 {
                    return Ok(());
                }
                let types = self.byte()?;
                if size.saturating_mul(2) > self.remaining() {
                    return Err(damaged("a map declares more entries than there are bytes"));
                }
                (0..size).try_for_each(|_| {
                    self.value(types >> 4, depth - 1, true)?;
                    self.value(types & 0x0f, depth - 1, true)
                })
            }
            12 => self.structure(depth - 1, |_, _| Ok(())),
            _ => Err(damaged("an unknown Thrift type")),
        }
    }

    /// Skips one structure, calling `field(id, walk)` before each field's value is skipped
    /// (`walk` positioned at the value).
    fn structure(&mut self, depth: u8, mut field: impl FnMut(i16, &Walk<'_>) -> Result<()>) -> Result<()> {
        if depth == 0 {
            return Err(damaged("Thrift structures nested too deep"));
        }
        let mut id: i16 = 0;
        loop {
            let head = self.byte()?;
            let kind = head & 0x0f;
            if kind == 0 {
                return Ok(());
            }
            id = match head >> 4 {
                0 => i16::try_from(zigzag(self.varint()?)).map_err(|_| damaged("a field id out of range"))?,
                delta => id.saturating_add(i16::from(delta)),
            };
            field(id, self)?;
            self.value(kind, depth, false)?;
        }
    }
}

/// The Parquet footer's metadata: its structures are walked within bounds.
///
/// # Errors
/// `arrow_format` for a footer that is not a well-formed Thrift structure of its declared length.
pub(super) fn check_footer(bytes: &[u8]) -> Result<()> {
    let n = bytes.len();
    if n < 12 || !bytes.ends_with(b"PAR1") {
        return Ok(()); // the parquet reader says what is wrong
    }
    let len = u32::from_le_bytes([bytes[n - 8], bytes[n - 7], bytes[n - 6], bytes[n - 5]]) as usize;
    let Some(start) = (n - 8).checked_sub(len) else { return Ok(()) };
    let mut walk = Walk { bytes: &bytes[start..n - 8], pos: 0 };
    walk.structure(MAX_DEPTH, |_, _| Ok(()))
}

/// The page headers of one column chunk, from `start` for `length` bytes: each a well-formed
/// structure, the next one after its page's compressed bytes.
///
/// # Errors
/// `arrow_format` for a damaged header.
pub(super) fn check_pages(bytes: &[u8], start: u64, length: u64) -> Result<()> {
    let (Ok(start), Ok(length)) = (usize::try_from(start), usize::try_from(length)) else { return Ok(()) };
    let end = start.saturating_add(length).min(bytes.len());
    let mut pos = start;
    while pos < end {
        let mut walk = Walk { bytes: &bytes[..end], pos };
        let mut page_bytes = None;
        walk.structure(MAX_DEPTH, |id, at| {
            if id == 3 {
                // compressed_page_size: an i32, zigzag varint.
                let mut peek = Walk { bytes: at.bytes, pos: at.pos };
                page_bytes = Some(zigzag(peek.varint()?));
            }
            Ok(())
        })?;
        let size = page_bytes
            .and_then(|s| usize::try_from(s).ok())
            .ok_or_else(|| damaged("a page header without a valid compressed size"))?;
        pos = walk.pos.checked_add(size).ok_or_else(|| damaged("a page runs past the end"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_more_booleans_than_bytes_is_refused() {
        // Field 1, type list (9); list header: size 15 (varint follows), element type bool (1);
        // size 2^31 as a varint.
        let header = [0x19, 0xf1, 0x80, 0x80, 0x80, 0x80, 0x08, 0x00];
        let mut walk = Walk { bytes: &header, pos: 0 };
        assert_eq!(walk.structure(MAX_DEPTH, |_, _| Ok(())).unwrap_err().code(), "arrow_format");
        // Two booleans take two bytes: fine.
        let ok = [0x19, 0x21, 0x01, 0x02, 0x00];
        let mut walk = Walk { bytes: &ok, pos: 0 };
        assert!(walk.structure(MAX_DEPTH, |_, _| Ok(())).is_ok());
        assert_eq!(walk.pos, ok.len());
    }
}
