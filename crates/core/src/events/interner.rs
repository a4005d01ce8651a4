//! Interning of person ids and event kinds into dense `u32` codes.

use std::fmt;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, Table};

/// A person's id as the user's data spells it: an integer or a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum PersonKey {
    /// Integer id.
    Int(i64),
    /// String id (email, distinct id, ...).
    Str(String),
}

impl fmt::Display for PersonKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PersonKey::Int(v) => write!(f, "{v}"),
            PersonKey::Str(s) => write!(f, "{s:?}"),
        }
    }
}

/// The distinct person ids of a log, sorted (integers numerically, strings bytewise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonIds {
    /// Integer ids.
    Int(Vec<i64>),
    /// String ids.
    Str(Vec<Box<str>>),
}

impl PersonIds {
    /// Number of persons.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            PersonIds::Int(v) => v.len(),
            PersonIds::Str(v) => v.len(),
        }
    }

    /// Whether there are no persons.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of person `index`.
    #[must_use]
    pub fn key(&self, index: usize) -> Option<PersonKey> {
        match self {
            PersonIds::Int(v) => v.get(index).map(|k| PersonKey::Int(*k)),
            PersonIds::Str(v) => v.get(index).map(|k| PersonKey::Str(k.to_string())),
        }
    }

    /// The index of the person with id `key`, by binary search.
    #[must_use]
    pub fn index_of(&self, key: &PersonKey) -> Option<usize> {
        match (self, key) {
            (PersonIds::Int(v), PersonKey::Int(k)) => v.binary_search(k).ok(),
            (PersonIds::Str(v), PersonKey::Str(k)) => v.binary_search_by(|p| (**p).cmp(k.as_str())).ok(),
            _ => None,
        }
    }
}

/// Integer ids to codes: a table over the dense range of ids the first column met (row numbers,
/// CRM ids: most id columns), a hash map for ids outside it.
#[derive(Debug, Default)]
pub(crate) struct IntLookup {
    /// The id of `table[0]`.
    base: i64,
    /// The code of id `base + i`, [`UNSEEN`] for an id not met.
    table: Vec<u32>,
    others: FxHashMap<i64, u32>,
}

/// A dense table's mark for an id not met.
const UNSEEN: u32 = u32::MAX;

impl IntLookup {
    /// The table's slot of `key`, when the table covers it.
    #[inline]
    fn slot(&self, key: i64) -> Option<usize> {
        usize::try_from(key.wrapping_sub(self.base)).ok().filter(|&i| key >= self.base && i < self.table.len())
    }

    fn get(&self, key: i64) -> Option<u32> {
        match self.slot(key) {
            Some(i) => Some(self.table[i]).filter(|&c| c != UNSEEN),
            None => self.others.get(&key).copied(),
        }
    }

    fn insert(&mut self, key: i64, code: u32) {
        match self.slot(key) {
            Some(i) => self.table[i] = code,
            None => {
                self.others.insert(key, code);
            }
        }
    }
}

/// Interns person ids in order of first appearance.
#[derive(Debug, Default)]
pub(crate) enum PersonInterner {
    #[default]
    Empty,
    Int(IntLookup, Vec<i64>),
    /// Ids, first-appearance list, and the code found last (rows of one person come together
    /// in most files, so most rows are answered without hashing).
    Str(FxHashMap<Box<str>, u32>, Vec<Box<str>>, u32),
}

/// Where an id came from, for error messages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IdSite<'a> {
    pub table: Table,
    pub column: &'a str,
    pub row: usize,
}

impl PersonInterner {
    fn mismatch(&self, site: IdSite<'_>, found: &str) -> Error {
        let expected = if matches!(self, PersonInterner::Int(..)) { "integer" } else { "string" };
        Error::IdTypeMismatch {
            table: site.table,
            column: site.column.to_owned(),
            row: site.row,
            expected: expected.to_owned(),
            found: found.to_owned(),
        }
    }

    fn check_capacity(len: usize) -> Result<u32> {
        u32::try_from(len).ok().filter(|c| *c < u32::MAX).ok_or(Error::CapacityExceeded {
            parameter: None,
            what: "number of persons".into(),
            limit: u64::from(u32::MAX) - 1,
        })
    }

    pub(crate) fn int(&mut self, key: i64, site: IdSite<'_>) -> Result<u32> {
        if matches!(self, PersonInterner::Empty) {
            *self = PersonInterner::Int(IntLookup::default(), Vec::new());
        }
        let PersonInterner::Int(lookup, keys) = self else {
            return Err(self.mismatch(site, "integer"));
        };
        if let Some(code) = lookup.get(key) {
            return Ok(code);
        }
        let code = Self::check_capacity(keys.len())?;
        lookup.insert(key, code);
        keys.push(key);
        Ok(code)
    }

    /// Interns a column of integer ids. A dense id range uses a lookup table: the first such
    /// column's range becomes the interner's own table (no hashing at all for ids within it,
    /// which is most of them: at 10M persons a hash map of the ids costs a cache miss per new
    /// id); a later column outside it is looked up in a table of its own, so the hash map is
    /// consulted once per distinct id instead of once per row.
    pub(crate) fn int_column(&mut self, values: &[i64], site: IdSite<'_>, out: &mut Vec<u32>) -> Result<()> {
        let (Some(min), Some(max)) = (values.iter().min().copied(), values.iter().max().copied()) else {
            return Ok(());
        };
        let span = (i128::from(max) - i128::from(min)) as u128;
        let at = |row| IdSite { row, ..site };
        if span >= (values.len() as u128) * 4 + 1024 || span >= 1 << 28 {
            for (row, v) in values.iter().enumerate() {
                out.push(self.int(*v, at(row))?);
            }
            return Ok(());
        }
        if matches!(self, PersonInterner::Empty) {
            // Within the bounds checked above: at most 2^28 slots, a few per row.
            let table = crate::memory::filled(span as usize + 1, UNSEEN);
            *self = PersonInterner::Int(IntLookup { base: min, table, others: FxHashMap::default() }, Vec::new());
        }
        if let PersonInterner::Int(lookup, keys) = self
            && lookup.slot(min).is_some()
            && lookup.slot(max).is_some()
        {
            for &v in values {
                let slot = &mut lookup.table[v.wrapping_sub(lookup.base) as u64 as usize];
                if *slot == UNSEEN {
                    *slot = Self::check_capacity(keys.len())?;
                    keys.push(v);
                }
                out.push(*slot);
            }
            return Ok(());
        }
        let mut cache = vec![u32::MAX; span as usize + 1];
        for (row, v) in values.iter().enumerate() {
            let slot = &mut cache[v.wrapping_sub(min) as u64 as usize];
            if *slot == u32::MAX {
                *slot = self.int(*v, at(row))?;
            }
            out.push(*slot);
        }
        Ok(())
    }

    pub(crate) fn str(&mut self, key: &str, site: IdSite<'_>) -> Result<u32> {
        if matches!(self, PersonInterner::Empty) {
            *self = PersonInterner::Str(FxHashMap::default(), Vec::new(), 0);
        }
        let PersonInterner::Str(lookup, keys, last) = self else {
            return Err(self.mismatch(site, "string"));
        };
        if keys.get(*last as usize).is_some_and(|k| **k == *key) {
            return Ok(*last);
        }
        if let Some(code) = lookup.get(key) {
            *last = *code;
            return Ok(*code);
        }
        let code = Self::check_capacity(keys.len())?;
        let boxed: Box<str> = key.into();
        lookup.insert(boxed.clone(), code);
        keys.push(boxed);
        *last = code;
        Ok(code)
    }

    /// Whether no id is interned.
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            PersonInterner::Empty => true,
            PersonInterner::Int(_, keys) => keys.is_empty(),
            PersonInterner::Str(_, keys, _) => keys.is_empty(),
        }
    }

    /// Interns every id of `other` (in its first-appearance order) and returns, for each of
    /// `other`'s codes, the code here.
    pub(crate) fn absorb(&mut self, other: PersonInterner, site: IdSite<'_>) -> Result<Vec<u32>> {
        match other {
            PersonInterner::Empty => Ok(Vec::new()),
            PersonInterner::Int(_, keys) => keys.into_iter().map(|k| self.int(k, site)).collect(),
            PersonInterner::Str(_, keys, _) => keys.iter().map(|k| self.str(k, site)).collect(),
        }
    }

    /// Sorted ids and, for each first-appearance code, its position in the sorted order.
    pub(crate) fn into_sorted(self) -> (PersonIds, Vec<u32>) {
        match self {
            PersonInterner::Empty => (PersonIds::Int(Vec::new()), Vec::new()),
            PersonInterner::Int(_, keys) => {
                let rank = sorted_rank(&keys);
                let mut sorted = keys;
                sorted.sort_unstable();
                (PersonIds::Int(sorted), rank)
            }
            PersonInterner::Str(_, keys, _) => {
                let rank = sorted_rank(&keys);
                let mut sorted = keys;
                sorted.sort_unstable();
                (PersonIds::Str(sorted), rank)
            }
        }
    }
}

/// For distinct `keys`, the position each would take in sorted order.
fn sorted_rank<T: Ord>(keys: &[T]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    order.sort_unstable_by(|a, b| keys[*a as usize].cmp(&keys[*b as usize]));
    let mut rank = vec![0; keys.len()];
    for (position, code) in order.into_iter().enumerate() {
        rank[code as usize] = position as u32;
    }
    rank
}

/// Interns short strings (event kinds) in order of first appearance.
#[derive(Debug, Default, Clone)]
pub(crate) struct StrInterner {
    lookup: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    /// The code found last.
    last: u32,
}

impl StrInterner {
    pub(crate) fn intern(&mut self, name: &str) -> u32 {
        if self.names.get(self.last as usize).is_some_and(|n| **n == *name) {
            return self.last;
        }
        if let Some(code) = self.lookup.get(name) {
            self.last = *code;
            return *code;
        }
        let code = self.names.len() as u32;
        self.lookup.insert(name.into(), code);
        self.names.push(name.into());
        self.last = code;
        code
    }

    /// Whether no name is interned.
    pub(crate) fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Names in first-appearance order (indexed by code).
    pub(crate) fn into_names(self) -> Vec<Box<str>> {
        self.names
    }

    /// Names sorted bytewise and each first-appearance code's sorted position.
    pub(crate) fn into_sorted(self) -> (Vec<Box<str>>, Vec<u32>) {
        let rank = sorted_rank(&self.names);
        let mut names = self.names;
        names.sort_unstable();
        (names, rank)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: IdSite<'static> = IdSite { table: Table::Events, column: "user_id", row: 0 };

    #[test]
    fn ranks_follow_sorted_keys() {
        let mut interner = PersonInterner::default();
        for key in [30, 10, 20, 10] {
            interner.int(key, SITE).unwrap();
        }
        let (ids, rank) = interner.into_sorted();
        assert_eq!(ids, PersonIds::Int(vec![10, 20, 30]));
        assert_eq!(rank, vec![2, 0, 1]);
        assert_eq!(ids.index_of(&PersonKey::Int(20)), Some(1));
    }

    #[test]
    fn id_columns_in_and_out_of_the_first_dense_range_intern_alike() {
        // The first column's dense range becomes the table; later columns inside it, partly
        // outside it, sparse, and single ids all agree with interning one id at a time.
        let columns: [&[i64]; 4] = [&[105, 101, 105, 103, 100], &[103, 99, 110, 101], &[-7, 1 << 40, 105], &[108, 100]];
        let mut by_column = PersonInterner::default();
        let mut one_by_one = PersonInterner::default();
        for column in columns {
            // Appended after what is there, as batch after batch.
            let mut codes = vec![7];
            by_column.int_column(column, SITE, &mut codes).unwrap();
            let codes = &codes[1..];
            let singles: Vec<u32> = column.iter().map(|&k| one_by_one.int(k, SITE).unwrap()).collect();
            assert_eq!(codes, singles, "{column:?}");
        }
        assert_eq!(by_column.int(1 << 40, SITE).unwrap(), one_by_one.int(1 << 40, SITE).unwrap());
        assert_eq!(by_column.into_sorted(), one_by_one.into_sorted());
        let mut strings = PersonInterner::default();
        strings.str("a", SITE).unwrap();
        assert_eq!(strings.int_column(&[1, 2], SITE, &mut Vec::new()).unwrap_err().code(), "id_type_mismatch");
    }

    #[test]
    fn mixing_id_types_is_an_error() {
        let mut interner = PersonInterner::default();
        interner.int(1, SITE).unwrap();
        let err = interner.str("a", SITE).unwrap_err();
        assert_eq!(err.code(), "id_type_mismatch");
    }
}
