//! Collects events and contacts from any source, then sorts them into an [`EventLog`] once.

use super::contacts::ContactTable;
use super::interner::{IdSite, PersonInterner, StrInterner};
use super::log::{EventLog, KindCode, kind_codes};
use super::values::{CodeWord, Codes, DictColumnBuilder, NULL_CODE, PropValue, StagedCodes, Width, reserve_expecting};
use crate::error::{Error, Result, Table};
use crate::parallel::map_columns;

/// Marks an event without a value in the `value` column; validated input never holds NaN.
pub(crate) const NO_VALUE: f64 = f64::NAN;

/// Column-oriented staging area shared by every ingest path (Arrow, CSV, records, Zoom,
/// the demo generator). Ids, kinds and property values are interned as they arrive.
#[derive(Debug, Default)]
pub(crate) struct LogBuilder {
    pub(crate) persons: PersonInterner,
    events: RawEvents,
    contacts: RawContacts,
    /// Events the input says it holds (0: unknown), so that batches fill one allocation.
    expected_events: usize,
}

/// Disjoint mutable parts of a [`LogBuilder`] (see [`LogBuilder::event_parts`]): the interners,
/// the staged columns (a batch's rows are decoded straight onto their ends) and the dictionary
/// columns.
pub(crate) struct EventParts<'a> {
    pub persons: &'a mut PersonInterner,
    pub kinds: &'a mut StrInterner,
    pub person: &'a mut Vec<u32>,
    pub ts: &'a mut Vec<i64>,
    pub kind: &'a mut Vec<u32>,
    pub value: &'a mut Vec<f64>,
    pub session: Option<&'a mut DictColumnBuilder>,
    pub properties: &'a mut [DictColumnBuilder],
}

#[derive(Debug, Default)]
struct RawEvents {
    person: Vec<u32>,
    ts: Vec<i64>,
    kind: Vec<u32>,
    kinds: StrInterner,
    value: Vec<f64>,
    session: Option<DictColumnBuilder>,
    properties: Vec<DictColumnBuilder>,
}

#[derive(Debug, Default)]
struct RawContacts {
    person: Vec<u32>,
    registered_at: Vec<Option<i64>>,
    attributes: Vec<DictColumnBuilder>,
    table: Option<Table>,
}

fn column_index(columns: &mut Vec<DictColumnBuilder>, name: &str, rows: usize) -> usize {
    if let Some(i) = columns.iter().position(|c| c.name() == name) {
        return i;
    }
    let mut column = DictColumnBuilder::new(name);
    column.pad_to(rows);
    columns.push(column);
    columns.len() - 1
}

impl LogBuilder {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Number of events staged so far.
    pub(crate) fn event_count(&self) -> usize {
        self.events.ts.len()
    }

    /// The number of events the input holds (0: unknown): the columns are reserved at that
    /// length once instead of growing batch by batch.
    pub(crate) fn expect_events(&mut self, total: usize) {
        self.expected_events = total;
    }

    /// See [`LogBuilder::expect_events`].
    pub(crate) fn expected_events(&self) -> usize {
        self.expected_events
    }

    /// Interns an integer person id.
    pub(crate) fn person_int(&mut self, key: i64, site: IdSite<'_>) -> Result<u32> {
        self.persons.int(key, site)
    }

    /// Interns a string person id.
    pub(crate) fn person_str(&mut self, key: &str, site: IdSite<'_>) -> Result<u32> {
        self.persons.str(key, site)
    }

    /// Interns an event kind name.
    pub(crate) fn kind(&mut self, name: &str) -> u32 {
        self.events.kinds.intern(name)
    }

    /// Stages one event; `value` is `None` when the event carries no value.
    pub(crate) fn push_event(&mut self, person: u32, ts: i64, kind: u32, value: Option<f64>) {
        self.events.person.push(person);
        self.events.ts.push(ts);
        self.events.kind.push(kind);
        self.events.value.push(value.unwrap_or(NO_VALUE));
    }

    /// Reserves room for `additional` events.
    pub(crate) fn reserve_events(&mut self, additional: usize) {
        let e = &mut self.events;
        e.person.reserve(additional);
        e.ts.reserve(additional);
        e.kind.reserve(additional);
        e.value.reserve(additional);
    }

    /// Sets the session id of the most recently staged event.
    pub(crate) fn set_session(&mut self, session: PropValue) {
        let rows = self.events.ts.len();
        let column = self.events.session.get_or_insert_with(|| DictColumnBuilder::new("session_id"));
        column.set_last(rows, session);
    }

    /// Sets the session id of the most recently staged event to text `session`.
    pub(crate) fn set_session_str(&mut self, session: &str) {
        let rows = self.events.ts.len();
        let column = self.events.session.get_or_insert_with(|| DictColumnBuilder::new("session_id"));
        let code = column.intern_str(session);
        column.set_last_code(rows, code);
    }

    /// Sets property `slot` of the most recently staged event to text `value`.
    pub(crate) fn set_property_str(&mut self, slot: usize, value: &str) {
        let code = self.events.properties[slot].intern_str(value);
        self.set_property_code(slot, code);
    }

    /// Sets attribute `slot` of the most recently staged contact to text `value`.
    pub(crate) fn set_attribute_str(&mut self, slot: usize, value: &str) {
        let code = self.contacts.attributes[slot].intern_str(value);
        self.set_attribute_code(slot, code);
    }

    /// Appends the events staged in `other` (a builder of the same input's later rows, without
    /// contacts) after this builder's, re-coding its persons, kinds and property values.
    pub(crate) fn append_events(&mut self, other: LogBuilder, site: IdSite<'_>) -> Result<()> {
        debug_assert!(other.contacts.person.is_empty(), "append_events takes events only");
        if self.persons.is_empty() && self.events.kinds.is_empty() && self.events.properties.is_empty() {
            *self = other; // nothing staged yet: the part as it is
            return Ok(());
        }
        let LogBuilder { persons, events, .. } = other;
        let persons = self.persons.absorb(persons, site)?;
        let kinds: Vec<u32> = events.kinds.into_names().iter().map(|name| self.events.kinds.intern(name)).collect();
        let rows = self.events.ts.len();
        self.events.person.extend(events.person.iter().map(|p| persons[*p as usize]));
        self.events.kind.extend(events.kind.iter().map(|k| kinds[*k as usize]));
        self.events.ts.extend_from_slice(&events.ts);
        self.events.value.extend_from_slice(&events.value);
        if let Some(session) = events.session {
            self.events.session.get_or_insert_with(|| DictColumnBuilder::new("session_id")).append(rows, session);
        }
        for column in events.properties {
            let slot = self.property_slot(column.name());
            self.events.properties[slot].append(rows, column);
        }
        Ok(())
    }

    /// The column slot of event property `name`, created on first use.
    pub(crate) fn property_slot(&mut self, name: &str) -> usize {
        column_index(&mut self.events.properties, name, self.events.ts.len())
    }

    /// Sets property `slot` of the most recently staged event.
    pub(crate) fn set_property(&mut self, slot: usize, value: PropValue) {
        let rows = self.events.ts.len();
        let column = &mut self.events.properties[slot];
        column.set_last(rows, value);
    }

    /// Sets property `slot` of the most recently staged event to an interned `code`.
    pub(crate) fn set_property_code(&mut self, slot: usize, code: u32) {
        let rows = self.events.ts.len();
        self.events.properties[slot].set_last_code(rows, code);
    }

    /// Sets attribute `slot` of the most recently staged contact to an interned `code`.
    pub(crate) fn set_attribute_code(&mut self, slot: usize, code: u32) {
        let rows = self.contacts.person.len();
        self.contacts.attributes[slot].set_last_code(rows, code);
    }

    /// Direct access to a property column, for columnar ingest (caller keeps rows aligned).
    pub(crate) fn property_column(&mut self, slot: usize) -> &mut DictColumnBuilder {
        &mut self.events.properties[slot]
    }

    /// Direct access to the session column, for columnar ingest.
    pub(crate) fn session_column(&mut self) -> &mut DictColumnBuilder {
        self.events.session.get_or_insert_with(|| DictColumnBuilder::new("session_id"))
    }

    /// The interners, staged columns and property columns of staged events, borrowed apart so
    /// that columns can be decoded in parallel; the staged columns have room for `rows` more
    /// events (and for every expected event: see [`LogBuilder::expect_events`]).
    pub(crate) fn event_parts(&mut self, rows: usize) -> EventParts<'_> {
        let expected = self.expected_events;
        let events = &mut self.events;
        reserve_expecting(&mut events.person, rows, expected);
        reserve_expecting(&mut events.ts, rows, expected);
        reserve_expecting(&mut events.kind, rows, expected);
        reserve_expecting(&mut events.value, rows, expected);
        EventParts {
            persons: &mut self.persons,
            kinds: &mut events.kinds,
            person: &mut events.person,
            ts: &mut events.ts,
            kind: &mut events.kind,
            value: &mut events.value,
            session: events.session.as_mut(),
            properties: &mut events.properties,
        }
    }

    /// Stages one contact.
    pub(crate) fn push_contact(&mut self, table: Table, person: u32, registered_at: Option<i64>) {
        self.contacts.table.get_or_insert(table);
        self.contacts.person.push(person);
        self.contacts.registered_at.push(registered_at);
    }

    /// Number of contacts staged so far.
    pub(crate) fn contact_count(&self) -> usize {
        self.contacts.person.len()
    }

    /// The column slot of contact attribute `name`, created on first use.
    pub(crate) fn attribute_slot(&mut self, name: &str) -> usize {
        column_index(&mut self.contacts.attributes, name, self.contacts.person.len())
    }

    /// Sets attribute `slot` of the most recently staged contact.
    pub(crate) fn set_attribute(&mut self, slot: usize, value: PropValue) {
        let rows = self.contacts.person.len();
        let column = &mut self.contacts.attributes[slot];
        column.set_last(rows, value);
    }

    /// Direct access to an attribute column, for columnar ingest.
    pub(crate) fn attribute_column(&mut self, slot: usize) -> &mut DictColumnBuilder {
        &mut self.contacts.attributes[slot]
    }

    /// Sorts by (person, ts, kind, arrival) with a counting sort on persons and small per-person
    /// sorts, and lays out the final columns.
    pub(crate) fn finish(self) -> Result<EventLog> {
        let LogBuilder { persons, events, contacts, .. } = self;
        let event_count = events.ts.len();
        if u32::try_from(event_count).is_err() {
            return Err(Error::CapacityExceeded {
                parameter: None,
                what: "number of events".into(),
                limit: u64::from(u32::MAX),
            });
        }
        let (ids, person_rank) = persons.into_sorted();
        let (kind_names, kind_rank) = events.kinds.into_sorted();
        let kind_rank = kind_codes(kind_rank)?;
        crate::control::checkpoint("sort", 1, 4)?;
        let person_count = ids.len();

        let offsets = person_offsets(&events.person, &person_rank, person_count);
        let shift = bucket_shift(person_count);
        let mut columns = events.properties;
        let has_session = events.session.is_some();
        columns.extend(events.session);
        for column in &mut columns {
            column.pad_to(event_count);
        }
        // Columns of one-byte codes (most properties) ride through the sort in the rows' spare
        // bytes: read in order here rather than gathered at random afterwards (the gather was a
        // quarter of a load of shuffled rows).
        let riding: Vec<usize> = (0..columns.len()).filter(|&c| one_byte(&columns[c]).is_some()).take(RIDING).collect();
        let riding_codes: Vec<&[u8]> = riding.iter().filter_map(|&c| one_byte(&columns[c])).collect();
        let staged = Staged {
            person: &events.person,
            person_rank: &person_rank,
            ts: &events.ts,
            kind: &events.kind,
            kind_rank: &kind_rank,
            value: &events.value,
            riding: &riding_codes,
        };
        let parts = crate::parallel::parts();
        let chunks: Vec<std::ops::Range<usize>> =
            (0..parts).map(|i| event_count * i / parts..event_count * (i + 1) / parts).collect();
        let bucketed = map_columns(chunks, |rows| Bucketed::new(&staged, rows, shift, person_count));
        crate::control::checkpoint("sort", 2, 4)?;
        // The staged columns are read; their (already touched) memory takes the sorted rows.
        drop(events.kind);
        let mut kind: Vec<KindCode> = vec![0; event_count];
        crate::memory::prefer_huge_pages(&kind);
        let (mut ts, mut value, mut order) = (events.ts, events.value, events.person);
        ts.shrink_to_fit();
        value.shrink_to_fit();
        order.shrink_to_fit();
        let mut rode: Vec<Vec<u8>> = riding.iter().map(|_| crate::memory::filled(event_count, u8::NULL)).collect();
        let sorted = Sorted {
            ts: &mut ts,
            kind: &mut kind,
            value: &mut value,
            order: &mut order,
            riding: rode.iter_mut().map(Vec::as_mut_slice).collect(),
        };
        let outputs = split_by_buckets(&offsets, shift, parts, sorted);
        map_columns(outputs, |part| part.fill(&bucketed, &offsets, shift));
        drop(bucketed);
        crate::control::checkpoint("sort", 3, 4)?;
        let mut rode = rode.into_iter();
        let columns = (columns.into_iter().enumerate())
            .map(|(c, column)| (column, riding.contains(&c).then(|| rode.next()).flatten()))
            .collect();
        let mut columns = reorder_columns(columns, &order, event_count);
        let session = if has_session { columns.pop() } else { None };
        let properties = columns;

        let contacts = build_contacts(contacts, &ids, &person_rank)?;
        let log = EventLog::from_parts(ids, offsets, ts, kind, kind_names, value, session, properties, contacts);
        if event_count >= TRIM_AFTER_EVENTS {
            crate::memory::release_free_memory();
        }
        Ok(log)
    }
}

/// The staged codes of `column` when they ride through the sort: one byte a row (and a
/// dictionary that fits one byte).
fn one_byte(column: &DictColumnBuilder) -> Option<&[u8]> {
    match column.staged_codes() {
        StagedCodes::U8(codes) if column.width() == Width::U8 => Some(codes),
        _ => None,
    }
}

/// Loads of at least this many events hand their freed working memory back to the system.
const TRIM_AFTER_EVENTS: usize = 1 << 20;

/// Property columns in the sorted order: the codes that rode through the sort as they are,
/// the others gathered (`order[i]`: the staged row of sorted row `i`) one column at a time, its
/// rows cut into one range per thread, written straight in the width the column's dictionary
/// allows.
fn reorder_columns(
    columns: Vec<(DictColumnBuilder, Option<Vec<u8>>)>,
    order: &[u32],
    event_count: usize,
) -> Vec<super::DictColumn> {
    let ranges = row_ranges(event_count);
    columns
        .into_iter()
        .map(|(mut column, rode)| {
            if let Some(sorted) = rode {
                return column.finish_with(Codes::U8(sorted.into()));
            }
            let staged = column.take_codes();
            let codes = match column.width() {
                Width::U8 => Codes::U8(gather_staged(&staged, order, &ranges).into()),
                Width::U16 => Codes::U16(gather_staged(&staged, order, &ranges).into()),
                Width::U32 => Codes::U32(gather_staged(&staged, order, &ranges).into()),
            };
            column.finish_with(codes)
        })
        .collect()
}

/// [`gather_codes`] from staged codes of any width.
fn gather_staged<T: CodeWord>(staged: &StagedCodes, order: &[u32], ranges: &[std::ops::Range<usize>]) -> Vec<T> {
    match staged {
        StagedCodes::U8(codes) => gather_codes(codes, order, ranges),
        StagedCodes::U16(codes) => gather_codes(codes, order, ranges),
        StagedCodes::U32(codes) => gather_codes(codes, order, ranges),
    }
}

/// `staged[order[i]]` for every `i`, in width `T`, each of `ranges` on its own thread.
fn gather_codes<T: CodeWord, S: CodeWord>(staged: &[S], order: &[u32], ranges: &[std::ops::Range<usize>]) -> Vec<T> {
    let mut out = crate::memory::filled(order.len(), T::NULL);
    let mut pieces = Vec::with_capacity(ranges.len());
    let mut rest: &mut [T] = &mut out;
    for range in ranges {
        let (piece, tail) = std::mem::take(&mut rest).split_at_mut(range.len());
        pieces.push((range.clone(), piece));
        rest = tail;
    }
    crate::parallel::map_columns(pieces, |(rows, piece)| {
        for (slot, &row) in piece.iter_mut().zip(&order[rows]) {
            *slot = T::narrow(staged.get(row as usize).map_or(NULL_CODE, |c| c.widen()));
        }
    });
    out
}

/// `0..rows` cut into one range per thread.
fn row_ranges(rows: usize) -> Vec<std::ops::Range<usize>> {
    let parts = crate::parallel::parts();
    (0..parts).map(|i| rows * i / parts..rows * (i + 1) / parts).collect()
}

/// Per-person offsets into the sorted events (length `person_count + 1`).
fn person_offsets(person: &[u32], person_rank: &[u32], person_count: usize) -> Vec<usize> {
    let mut offsets = vec![0usize; person_count + 1];
    crate::memory::prefer_huge_pages(&offsets);
    for p in person {
        offsets[person_rank[*p as usize] as usize + 1] += 1;
    }
    for i in 0..person_count {
        offsets[i + 1] += offsets[i];
    }
    offsets
}

/// Staged rows, as they arrived.
struct Staged<'a> {
    person: &'a [u32],
    person_rank: &'a [u32],
    ts: &'a [i64],
    kind: &'a [u32],
    kind_rank: &'a [KindCode],
    value: &'a [f64],
    /// The staged codes of the columns that ride in [`BucketRow::riding`].
    riding: &'a [&'a [u8]],
}

/// How many one-byte code columns ride through the sort in a row's spare bytes.
const RIDING: usize = 6;

/// At most this many buckets of persons (`person rank >> shift`), so that a bucket's rows fit
/// in cache for the second pass of the sort.
const BUCKET_BITS: u32 = 10;

fn bucket_shift(person_count: usize) -> u32 {
    (usize::BITS - person_count.leading_zeros()).saturating_sub(BUCKET_BITS)
}

/// First pass of the sort: a range of staged rows grouped by person bucket (stable), persons
/// and kinds ranked. Writes go to one of at most 1024 streams (one row of every column
/// together, so one stream per bucket rather than one per bucket and column), not to random
/// places of the whole output.
struct Bucketed {
    /// Start of each bucket (length buckets + 1).
    starts: Vec<usize>,
    rows: Vec<BucketRow>,
}

/// One staged row in its bucket (32 bytes).
#[derive(Clone, Copy, Default)]
struct BucketRow {
    ts: i64,
    value: f64,
    rank: u32,
    row: u32,
    kind: KindCode,
    /// Codes of the riding columns ([`Staged::riding`]).
    riding: [u8; RIDING],
}

impl Bucketed {
    fn new(staged: &Staged<'_>, rows: std::ops::Range<usize>, shift: u32, person_count: usize) -> Self {
        let buckets = (person_count >> shift) + 1;
        let mut starts = vec![0usize; buckets + 1];
        for p in &staged.person[rows.clone()] {
            starts[(staged.person_rank[*p as usize] >> shift) as usize + 1] += 1;
        }
        for i in 0..buckets {
            starts[i + 1] += starts[i];
        }
        let mut out =
            Bucketed { rows: crate::memory::filled(rows.len(), BucketRow::default()), starts: starts.clone() };
        let mut cursor = starts;
        for row in rows {
            let rank = staged.person_rank[staged.person[row] as usize];
            let slot = &mut cursor[(rank >> shift) as usize];
            let mut riding = [u8::NULL; RIDING];
            for (code, column) in riding.iter_mut().zip(staged.riding) {
                *code = column.get(row).copied().unwrap_or(u8::NULL);
            }
            out.rows[*slot] = BucketRow {
                ts: staged.ts[row],
                value: staged.value[row],
                rank,
                kind: staged.kind_rank[staged.kind[row] as usize],
                row: row as u32,
                riding,
            };
            *slot += 1;
        }
        out
    }
}

/// The sorted columns being written: the core columns, the staged row of each sorted row, and
/// the riding columns' codes.
struct Sorted<'a> {
    ts: &'a mut [i64],
    kind: &'a mut [KindCode],
    value: &'a mut [f64],
    order: &'a mut [u32],
    riding: Vec<&'a mut [u8]>,
}

impl<'a> Sorted<'a> {
    /// The first `rows` rows of every column, and the rest.
    fn split_at(self, rows: usize) -> (Sorted<'a>, Sorted<'a>) {
        let (ts, ts_rest) = self.ts.split_at_mut(rows);
        let (kind, kind_rest) = self.kind.split_at_mut(rows);
        let (value, value_rest) = self.value.split_at_mut(rows);
        let (order, order_rest) = self.order.split_at_mut(rows);
        let (riding, riding_rest) = self.riding.into_iter().map(|c| c.split_at_mut(rows)).unzip();
        (
            Sorted { ts, kind, value, order, riding },
            Sorted { ts: ts_rest, kind: kind_rest, value: value_rest, order: order_rest, riding: riding_rest },
        )
    }

    /// Writes `r` at row `slot`.
    #[inline]
    fn put(&mut self, slot: usize, r: &BucketRow) {
        self.ts[slot] = r.ts;
        self.kind[slot] = r.kind;
        self.value[slot] = r.value;
        self.order[slot] = r.row;
        for (column, code) in self.riding.iter_mut().zip(r.riding) {
            column[slot] = code;
        }
    }
}

/// The output rows of a contiguous range of buckets.
struct Part<'a> {
    buckets: std::ops::Range<usize>,
    /// Log index of the part's first row.
    base: usize,
    out: Sorted<'a>,
}

/// Splits the output columns into `parts` ranges of whole buckets with about as many events.
fn split_by_buckets<'a>(offsets: &[usize], shift: u32, parts: usize, sorted: Sorted<'a>) -> Vec<Part<'a>> {
    let person_count = offsets.len() - 1;
    let buckets = (person_count >> shift) + 1;
    let bucket_start = |b: usize| offsets[(b << shift).min(person_count)];
    let total = offsets[person_count];
    let mut rest = sorted;
    let mut out = Vec::with_capacity(parts);
    let mut first = 0;
    for i in 1..=parts {
        let last = if i == parts {
            buckets
        } else {
            (first..buckets).find(|&b| bucket_start(b) >= total * i / parts).unwrap_or(buckets)
        };
        let (part, tail) = rest.split_at(bucket_start(last) - bucket_start(first));
        rest = tail;
        out.push(Part { buckets: first..last, base: bucket_start(first), out: part });
        first = last;
    }
    out
}

impl Part<'_> {
    /// Second pass: for each bucket of the part, a stable counting sort of its rows by person
    /// (sources in row order, so ties keep arrival order), then each person's segment sorted by
    /// (ts, kind).
    fn fill(self, sources: &[Bucketed], offsets: &[usize], shift: u32) {
        let Part { buckets, base, mut out } = self;
        let person_count = offsets.len() - 1;
        let mut cursor = Vec::new();
        let mut scratch = Vec::new();
        for b in buckets {
            let persons = (b << shift).min(person_count)..((b + 1) << shift).min(person_count);
            cursor.clear();
            cursor.extend(offsets[persons.clone()].iter().map(|o| o - base));
            for source in sources {
                for r in &source.rows[source.starts[b]..source.starts[b + 1]] {
                    let slot = &mut cursor[r.rank as usize - persons.start];
                    out.put(*slot, r);
                    *slot += 1;
                }
            }
            let segments = offsets[persons.start..=persons.end].windows(2).map(|w| (w[0] - base, w[1] - base));
            sort_segments(segments, &mut out, &mut scratch);
        }
    }
}

/// Sorts each segment by (ts, kind), ties in arrival order. Works on contiguous copies of the
/// rows, so a shuffled input costs no random access here.
fn sort_segments(segments: impl Iterator<Item = (usize, usize)>, out: &mut Sorted<'_>, scratch: &mut Vec<BucketRow>) {
    for (start, end) in segments {
        let sorted = (start + 1..end).all(|i| (out.ts[i - 1], out.kind[i - 1]) <= (out.ts[i], out.kind[i]));
        if sorted {
            continue;
        }
        scratch.clear();
        // Rows within a segment are in arrival order (the counting sort is stable), so sorting
        // by (ts, kind, row) keeps ties in arrival order.
        scratch.extend((start..end).map(|i| {
            let mut riding = [u8::NULL; RIDING];
            for (code, column) in riding.iter_mut().zip(&out.riding) {
                *code = column[i];
            }
            BucketRow { ts: out.ts[i], value: out.value[i], rank: 0, row: out.order[i], kind: out.kind[i], riding }
        }));
        scratch.sort_unstable_by_key(|r| (r.ts, r.kind, r.row));
        for (i, r) in scratch.iter().enumerate() {
            out.put(start + i, r);
        }
    }
}

fn build_contacts(raw: RawContacts, ids: &super::interner::PersonIds, person_rank: &[u32]) -> Result<ContactTable> {
    const NONE: u32 = u32::MAX;
    let person_count = ids.len();
    let mut contact_row = vec![NONE; person_count];
    let mut registered_at = vec![None; person_count];
    for (row, p) in raw.person.iter().enumerate() {
        let p = person_rank[*p as usize] as usize;
        if contact_row[p] != NONE {
            return Err(Error::DuplicateContact {
                table: raw.table.unwrap_or(Table::Contacts),
                id: ids.key(p).map(|k| k.to_string()).unwrap_or_default(),
                row,
            });
        }
        contact_row[p] = row as u32;
        registered_at[p] = raw.registered_at[row];
    }
    let rows = raw.person.len();
    let attributes = raw
        .attributes
        .into_iter()
        .map(|mut column| {
            column.pad_to(rows);
            column.finish().gather(contact_row.iter().map(|r| (*r != NONE).then_some(*r as usize)))
        })
        .collect();
    let has_contact = contact_row.iter().map(|r| *r != NONE).collect();
    Ok(ContactTable::from_parts(has_contact, rows, registered_at, attributes))
}
