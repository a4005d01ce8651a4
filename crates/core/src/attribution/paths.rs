//! The touchpoint paths of a log: one per conversion (its touchpoints within the lookback), and
//! one per person with touchpoints who never converted.

use crate::events::{CodeSlice, EventLog, KindCode, NULL_CODE, Timestamp};

/// Persons per chunk of work.
const CHUNK: usize = 65_536;

/// Which conversions are credited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Conversions {
    /// Each person's first conversion.
    #[default]
    First,
    /// Every conversion.
    All,
}

/// Every path of a log, flat: path `i` holds touches `bounds[i]..bounds[i + 1]`.
#[derive(Debug, Default)]
pub(crate) struct Paths {
    /// Touch value codes (the touch column's dictionary codes), in time order.
    pub codes: Vec<u32>,
    /// Seconds from each touch to its path's conversion (0 for non-converting paths).
    pub ages: Vec<f64>,
    /// Where each path's touches start; one more entry than paths.
    pub bounds: Vec<usize>,
    /// Per path: the conversion's revenue, or `None` for a non-converting path.
    pub revenue: Vec<Option<f64>>,
    /// Per path: the person (index in the log).
    pub person: Vec<u32>,
    /// Conversions with no touchpoint in their window, and their revenue.
    pub unattributed: (u64, f64),
    /// Conversions credited (with at least one touchpoint) and their revenue.
    pub attributed: (u64, f64),
}

impl Paths {
    /// Number of paths.
    pub fn len(&self) -> usize {
        self.revenue.len()
    }

    /// The touches of path `i`.
    pub fn touches(&self, i: usize) -> &[u32] {
        &self.codes[self.bounds[i]..self.bounds[i + 1]]
    }

    /// The ages of path `i`'s touches.
    pub fn ages(&self, i: usize) -> &[f64] {
        &self.ages[self.bounds[i]..self.bounds[i + 1]]
    }

    fn push(&mut self, person: usize, touches: impl Iterator<Item = (u32, f64)>, revenue: Option<f64>) {
        for (code, age) in touches {
            self.codes.push(code);
            self.ages.push(age);
        }
        self.bounds.push(self.codes.len());
        self.revenue.push(revenue);
        self.person.push(person as u32);
    }

    fn append(&mut self, other: Paths) {
        let base = self.codes.len();
        self.codes.extend(other.codes);
        self.ages.extend(other.ages);
        self.bounds.extend(other.bounds.into_iter().skip(1).map(|b| b + base));
        self.revenue.extend(other.revenue);
        self.person.extend(other.person);
        self.unattributed.0 += other.unattributed.0;
        self.unattributed.1 += other.unattributed.1;
        self.attributed.0 += other.attributed.0;
        self.attributed.1 += other.attributed.1;
    }
}

/// What collecting the paths needs.
pub(crate) struct Collect<'a> {
    /// Per event of the log: its touch code (empty: no event has one).
    pub touch: CodeSlice<'a>,
    /// The conversion's kind code (`KindCode::MAX`: the log has none).
    pub conversion: KindCode,
    pub lookback: i64,
    pub conversions: Conversions,
    pub as_of: Option<Timestamp>,
}

/// Every path of persons `persons` of `log`, in person order.
pub(crate) fn collect(log: &EventLog, how: &Collect<'_>, persons: std::ops::Range<usize>) -> Paths {
    let chunks: Vec<std::ops::Range<usize>> = crate::parallel::chunks(persons, CHUNK);
    let parts = crate::parallel::map_columns(chunks, |range| {
        let mut paths = Paths { bounds: vec![0], ..Paths::default() };
        for person in range {
            person_paths(log, how, person, &mut paths);
        }
        paths
    });
    let mut all = Paths { bounds: vec![0], ..Paths::default() };
    for part in parts {
        all.append(part);
    }
    all
}

/// The paths of one person.
fn person_paths(log: &EventLog, how: &Collect<'_>, person: usize, paths: &mut Paths) {
    let ev = log.person_events(person);
    let end = how.as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t.0));
    let codes = how.touch;
    let code = |i: usize| codes.at(ev.start + i);
    // Touches of events lo..=hi in time order, with their age at `at`.
    let window = |at: i64| {
        let lo = ev.ts[..end].partition_point(|&t| t < at.saturating_sub(how.lookback));
        let hi = ev.ts[..end].partition_point(|&t| t <= at);
        (lo..hi).filter(move |&i| code(i) != NULL_CODE).map(move |i| (code(i), (at - ev.ts[i]) as f64 / 1e6))
    };
    let mut converted = false;
    for c in (0..end).filter(|&i| ev.kind[i] == how.conversion) {
        converted = true;
        let revenue = ev.value(c).unwrap_or(0.0);
        let mut touches = window(ev.ts[c]).peekable();
        if touches.peek().is_none() {
            paths.unattributed.0 += 1;
            paths.unattributed.1 += revenue;
        } else {
            paths.attributed.0 += 1;
            paths.attributed.1 += revenue;
            paths.push(person, touches, Some(revenue));
        }
        if how.conversions == Conversions::First {
            break;
        }
    }
    if !converted && let Some(last) = (0..end).rev().find(|&i| code(i) != NULL_CODE) {
        paths.push(person, window(ev.ts[last]).map(|(code, _)| (code, 0.0)), None);
    }
}
