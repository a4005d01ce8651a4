//! Adding new events to a log without rebuilding it: both logs are already sorted by (person,
//! ts, kind), so [`EventLog::append`] merges them in one linear pass (no sort, no re-interning
//! of the history), the way a daily load extends a saved log.

use rustc_hash::FxHashMap;

use super::contacts::ContactTable;
use super::interner::PersonIds;
use super::log::{EventLog, KindCode, kind_codes};
use super::values::{CodeSlice, DictColumn, NULL_CODE, PropValue};
use crate::error::{Error, Result, Table};

/// Where a merged person's rows come from: its index in the first log and in the second.
struct PersonUnion {
    ids: PersonIds,
    /// Merged person index of each person of the first log.
    first: Vec<u32>,
    /// Merged person index of each person of the second log.
    second: Vec<u32>,
}

/// The sorted union of two sorted id lists, with each list's positions in it.
fn union_sorted<T: Ord + Clone>(left: &[T], right: &[T]) -> (Vec<T>, Vec<u32>, Vec<u32>) {
    let mut ids = Vec::with_capacity(left.len() + right.len());
    let (mut first, mut second) = (Vec::with_capacity(left.len()), Vec::with_capacity(right.len()));
    let (mut next_left, mut next_right) = (0, 0);
    loop {
        let at = ids.len() as u32;
        let (take_left, take_right) = match (left.get(next_left), right.get(next_right)) {
            (Some(l), Some(r)) => (l <= r, r <= l),
            (Some(_), None) => (true, false),
            (None, Some(_)) => (false, true),
            (None, None) => break,
        };
        if take_left {
            ids.push(left[next_left].clone());
            first.push(at);
            next_left += 1;
        }
        if take_right {
            if !take_left {
                ids.push(right[next_right].clone());
            }
            second.push(at);
            next_right += 1;
        }
    }
    (ids, first, second)
}

fn union_persons(a: &PersonIds, b: &PersonIds) -> Result<PersonUnion> {
    let (ids, first, second) = match (a, b) {
        (PersonIds::Int(x), PersonIds::Int(y)) => {
            let (ids, first, second) = union_sorted(x, y);
            (PersonIds::Int(ids), first, second)
        }
        (PersonIds::Str(x), PersonIds::Str(y)) => {
            let (ids, first, second) = union_sorted(x, y);
            (PersonIds::Str(ids), first, second)
        }
        // A log without persons has no id type of its own.
        (_, other) if a.is_empty() => return union_persons(&empty_like(other), other),
        (other, _) if b.is_empty() => return union_persons(other, &empty_like(other)),
        (PersonIds::Int(_), PersonIds::Str(_)) | (PersonIds::Str(_), PersonIds::Int(_)) => {
            let name = |ids: &PersonIds| if matches!(ids, PersonIds::Int(_)) { "integer" } else { "string" };
            return Err(Error::IdTypeMismatch {
                table: Table::Events,
                column: "user_id".to_owned(),
                row: 0,
                expected: name(a).to_owned(),
                found: name(b).to_owned(),
            });
        }
    };
    if u32::try_from(ids.len()).is_err() {
        return Err(Error::CapacityExceeded {
            parameter: None,
            what: "number of persons".into(),
            limit: u64::from(u32::MAX) - 1,
        });
    }
    Ok(PersonUnion { ids, first, second })
}

fn empty_like(ids: &PersonIds) -> PersonIds {
    match ids {
        PersonIds::Int(_) => PersonIds::Int(Vec::new()),
        PersonIds::Str(_) => PersonIds::Str(Vec::new()),
    }
}

/// `first`'s dictionary followed by the values only `second` holds, and the code of each of
/// `second`'s values in it (codes of `first` are unchanged).
fn union_dictionary(first: &[PropValue], second: &[PropValue]) -> (Vec<PropValue>, Vec<u32>) {
    let mut dictionary = first.to_vec();
    let mut index: FxHashMap<&PropValue, u32> = first.iter().enumerate().map(|(i, v)| (v, i as u32)).collect();
    let mut remap = Vec::with_capacity(second.len());
    for value in second {
        let code = *index.entry(value).or_insert_with(|| {
            dictionary.push(value.clone());
            dictionary.len() as u32 - 1
        });
        remap.push(code);
    }
    (dictionary, remap)
}

/// One row of the merged columns: `row < split` is row `row` of the first log, else row
/// `row - split` of the second.
struct Plan {
    rows: Vec<u32>,
    split: usize,
}

impl Plan {
    /// The merged column of `first` and `second` (each read through its own map).
    fn gather<T, A, B>(&self, first: A, second: B) -> Vec<T>
    where
        A: Fn(usize) -> T,
        B: Fn(usize) -> T,
    {
        let split = self.split;
        self.rows
            .iter()
            .map(|&row| {
                let row = row as usize;
                if row < split { first(row) } else { second(row - split) }
            })
            .collect()
    }

    /// The merged dictionary column named `name` (rows of a log without it are null).
    fn codes(&self, name: &str, first: Option<&DictColumn>, second: Option<&DictColumn>) -> DictColumn {
        let empty: &[PropValue] = &[];
        let (dictionary, remap) =
            union_dictionary(first.map_or(empty, DictColumn::dictionary), second.map_or(empty, DictColumn::dictionary));
        let (a, b) = (
            first.map_or(CodeSlice::default(), DictColumn::codes),
            second.map_or(CodeSlice::default(), DictColumn::codes),
        );
        let codes = self.gather(|row| a.at(row), |row| remap.get(b.at(row) as usize).copied().unwrap_or(NULL_CODE));
        DictColumn::from_parts(name, dictionary, codes)
    }
}

impl EventLog {
    /// This log with `new`'s events and contacts added: the result a load of both logs' inputs
    /// together gives, computed by merging the two sorted logs in one pass (no re-sort of the
    /// history), so a daily load extends a log opened from disk (`EventLog::open(dir)`, append,
    /// `save` to a new directory). This log is unchanged.
    ///
    /// Events of both logs are kept (an event loaded twice counts twice); at an equal timestamp
    /// and kind this log's events come first. A person's contact row takes `new`'s non-null
    /// attribute values (a CRM update), this log's where `new` has none, and the earlier
    /// registration time. Properties and event roles of both logs are kept (this log's mapping
    /// of a role wins).
    ///
    /// ```
    /// use webinar_analytics::prelude::*;
    ///
    /// let load = |csv: &str| EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default());
    /// let history = load("user_id,ts,event\n1,2024-03-01T10:00:00Z,register\n2,2024-03-02T10:00:00Z,register\n")?;
    /// let today = load("user_id,ts,event\n1,2024-03-03T10:00:00Z,attend\n3,2024-03-03T11:00:00Z,register\n")?;
    /// let log = history.append(&today)?;
    /// assert_eq!((log.person_count(), log.event_count()), (3, 4));
    /// assert_eq!(log.person_events(0).len(), 2);
    /// # Ok::<(), webinar_analytics::Error>(())
    /// ```
    ///
    /// # Errors
    /// `id_type_mismatch` when one log's ids are integers and the other's strings;
    /// `capacity_exceeded` past 4,294,967,295 events or 65,535 distinct event kinds.
    pub fn append(&self, new: &EventLog) -> Result<EventLog> {
        let total = self.event_count() + new.event_count();
        if u32::try_from(total).is_err() {
            return Err(Error::CapacityExceeded {
                parameter: None,
                what: "number of events".into(),
                limit: u64::from(u32::MAX),
            });
        }
        let persons = union_persons(self.persons(), new.persons())?;
        let (kind_names, first_kinds, second_kinds) = union_sorted(self.kind_names(), new.kind_names());
        let (first_kinds, second_kinds) = (kind_codes(first_kinds)?, kind_codes(second_kinds)?);
        let offsets = merged_offsets(self.offsets(), new.offsets(), &persons);
        let plan = self.merge_plan(new, &persons, &offsets, (&first_kinds, &second_kinds));
        let ((ts, kind, value), (session, properties)) = crate::parallel::join(
            || {
                let ts = plan.gather(|r| self.timestamps()[r], |r| new.timestamps()[r]);
                let kind =
                    plan.gather(|r| first_kinds[self.kinds()[r] as usize], |r| second_kinds[new.kinds()[r] as usize]);
                let value: Vec<f64> = if self.has_values() || new.has_values() {
                    plan.gather(|r| self.raw_value(r), |r| new.raw_value(r))
                } else {
                    Vec::new()
                };
                (ts, kind, value)
            },
            || {
                let session = (self.sessions().is_some() || new.sessions().is_some())
                    .then(|| plan.codes("session_id", self.sessions(), new.sessions()));
                let mut names: Vec<&str> = self.properties().iter().map(DictColumn::name).collect();
                names.extend(new.properties().iter().map(DictColumn::name).filter(|n| self.property(n).is_none()));
                let properties = crate::parallel::map_columns(names, |name| {
                    plan.codes(name, self.property(name), new.property(name))
                });
                (session, properties)
            },
        );
        let contacts = merged_contacts(self.contacts(), new.contacts(), &persons);
        let mut roles = new.kinds_map().clone();
        roles.extend(self.kinds_map().clone());
        EventLog::from_parts(persons.ids, offsets, ts, kind, kind_names, value, session, properties, contacts)
            .with_kinds(roles)
    }

    /// The merged rows, person by person: each person's rows of both logs merged by (ts, kind),
    /// this log's first on ties.
    fn merge_plan(
        &self,
        new: &EventLog,
        persons: &PersonUnion,
        offsets: &[usize],
        kinds: (&[KindCode], &[KindCode]),
    ) -> Plan {
        let split = self.event_count();
        let mut rows = vec![0u32; offsets[offsets.len() - 1]];
        let fill = |rows: &mut [u32], at: usize, range: std::ops::Range<usize>, base: usize| {
            for (slot, row) in rows[at..at + range.len()].iter_mut().zip(range) {
                *slot = (base + row) as u32;
            }
        };
        // Persons of this log first (their rows keep their order), then each of `new`'s persons
        // merged into its slot.
        let mut own = vec![0usize; offsets.len() - 1];
        for (p, &m) in persons.first.iter().enumerate() {
            let m = m as usize;
            own[m] = self.offsets()[p + 1] - self.offsets()[p];
            fill(&mut rows, offsets[m], self.offsets()[p]..self.offsets()[p + 1], 0);
        }
        let (first_kinds, second_kinds) = kinds;
        for (p, &m) in persons.second.iter().enumerate() {
            let m = m as usize;
            let theirs = new.offsets()[p]..new.offsets()[p + 1];
            let start = offsets[m];
            if own[m] == 0 {
                fill(&mut rows, start, theirs, split);
                continue;
            }
            // Both logs have rows of this person: merge the two sorted runs.
            let mine: Vec<u32> = rows[start..start + own[m]].to_vec();
            let key_mine = |r: u32| (self.timestamps()[r as usize], first_kinds[self.kinds()[r as usize] as usize]);
            let key_theirs = |r: usize| (new.timestamps()[r], second_kinds[new.kinds()[r] as usize]);
            let (mut i, mut j, mut at) = (0, theirs.start, start);
            while i < mine.len() || j < theirs.end {
                let take_mine = j == theirs.end || (i < mine.len() && key_mine(mine[i]) <= key_theirs(j));
                if take_mine {
                    rows[at] = mine[i];
                    i += 1;
                } else {
                    rows[at] = (split + j) as u32;
                    j += 1;
                }
                at += 1;
            }
        }
        Plan { rows, split }
    }

    /// Whether the log holds a value slot per event (logs without any value hold none).
    fn has_values(&self) -> bool {
        self.value_column().len() == self.event_count() && self.event_count() > 0
    }

    /// Event `row`'s value, NaN for none.
    fn raw_value(&self, row: usize) -> f64 {
        self.value_column().get(row).copied().unwrap_or(f64::NAN)
    }
}

/// Offsets of the merged persons: each holds its rows of both logs.
fn merged_offsets(first: &[usize], second: &[usize], persons: &PersonUnion) -> Vec<usize> {
    let mut counts = vec![0usize; persons.ids.len() + 1];
    for (p, &m) in persons.first.iter().enumerate() {
        counts[m as usize + 1] += first[p + 1] - first[p];
    }
    for (p, &m) in persons.second.iter().enumerate() {
        counts[m as usize + 1] += second[p + 1] - second[p];
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    counts
}

/// Contact rows of the merged persons: `second`'s non-null attributes over `first`'s, the
/// earlier registration.
fn merged_contacts(first: &ContactTable, second: &ContactTable, persons: &PersonUnion) -> ContactTable {
    let count = persons.ids.len();
    let (mut has, mut registered) = (vec![false; count], vec![None; count]);
    for (table, map) in [(first, &persons.first), (second, &persons.second)] {
        for (p, &m) in map.iter().enumerate().filter(|(p, _)| table.has_contact(*p)) {
            let m = m as usize;
            has[m] = true;
            registered[m] = match (registered[m], table.registered_at(p)) {
                (Some(a), Some(b)) => Some(std::cmp::min(a, b)),
                (a, b) => a.or(b),
            };
        }
    }
    let mut names: Vec<&str> = first.attributes().iter().map(DictColumn::name).collect();
    names.extend(second.attributes().iter().map(DictColumn::name).filter(|n| first.attribute(n).is_none()));
    let attributes = names
        .into_iter()
        .map(|name| {
            let (a, b) = (first.attribute(name), second.attribute(name));
            let empty: &[PropValue] = &[];
            let (dictionary, remap) =
                union_dictionary(a.map_or(empty, DictColumn::dictionary), b.map_or(empty, DictColumn::dictionary));
            let mut codes = vec![NULL_CODE; count];
            if let Some(a) = a {
                for (p, &m) in persons.first.iter().enumerate() {
                    codes[m as usize] = a.codes().at(p);
                }
            }
            if let Some(b) = b {
                for (p, &m) in persons.second.iter().enumerate() {
                    if let Some(&code) = remap.get(b.codes().at(p) as usize) {
                        codes[m as usize] = code;
                    }
                }
            }
            DictColumn::from_parts(name, dictionary, codes)
        })
        .collect();
    let contacts = has.iter().filter(|h| **h).count();
    ContactTable::from_parts(has, contacts, registered, attributes)
}
