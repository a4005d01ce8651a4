//! A funnel's options resolved against one log: kind codes, property codes, windows in µs.

use crate::error::{Error, Result, Table};
use crate::events::time::parse_iso8601;
use crate::events::{DictColumn, EventLog, KindCode, NULL_CODE, PropValue};

use super::spec::{Attribution, CountMode, FunnelParams, Order, PropertyFilters};

/// Marks a step that is not part of a chain.
pub(crate) const NONE: i64 = i64::MIN;

/// Property filter: the event's code in `column` must be one of `codes`.
/// An event property equality filter resolved to dictionary codes.
pub(crate) struct Filter<'a> {
    column: &'a DictColumn,
    codes: Vec<u32>,
}

/// Where a breakdown value comes from.
pub(crate) enum BreakdownSource<'a> {
    /// A contact attribute: one value per person.
    Contact(&'a DictColumn),
    /// An event property, read at the event chosen by the attribution.
    Event(&'a DictColumn, Attribution),
}

/// The resolved funnel.
pub(crate) struct Plan<'a> {
    pub n: usize,
    pub order: Order,
    pub count: CountMode,
    pub optional: Vec<bool>,
    /// Per step: its window from the step-1 event, µs.
    pub window: Vec<i64>,
    /// Largest window of any step, µs.
    pub max_window: i64,
    /// Per level L (steps 0..L done): the largest window among the steps that can come next.
    pub open_window: Vec<i64>,
    /// Per level L: the last step index that may be matched next (the first mandatory step at
    /// or after L).
    pub next_mandatory: Vec<usize>,
    /// Per step: the previous mandatory step (`usize::MAX` for step 0).
    pub prev_mandatory: Vec<usize>,
    pub entry_from: i64,
    pub entry_to: i64,
    pub as_of: Option<i64>,
    pub dropped_ids: bool,
    /// The calendar of the entry periods, when the funnel has a trend.
    pub calendar: Option<crate::calendar::Calendar>,
    /// The breakdowns (none: one group).
    pub breakdown: Vec<BreakdownSource<'a>>,
    /// Per breakdown: its number of values plus one (for "no value"); a group's code is the
    /// mixed-radix number of its values' codes.
    radix: Vec<u64>,
    /// Number of possible group codes (the product of `radix`).
    pub group_codes: u64,
    /// Columns whose value every step of an attempt shares with its first step: the held
    /// properties, then the session id when counting sessions.
    held: Vec<&'a DictColumn>,
    /// The session id column, when counting sessions.
    session: Option<&'a DictColumn>,
    /// Exclusions: (from step, to step).
    pub exclusions: Vec<(usize, usize)>,
    step_filters: Vec<Vec<Filter<'a>>>,
    excl_filters: Vec<Vec<Filter<'a>>>,
    /// CSR by kind code: `step_index[step_start[k]..step_start[k + 1]]` are the steps of kind k.
    step_start: Vec<u32>,
    step_index: Vec<u32>,
    excl_start: Vec<u32>,
    excl_index: Vec<u32>,
}

impl<'a> Plan<'a> {
    pub(crate) fn new(log: &'a EventLog, params: &FunnelParams) -> Result<Plan<'a>> {
        params.check()?;
        let n = params.steps.len();
        let funnel_window = params.window_micros()?;
        let window: Vec<i64> = params
            .steps
            .iter()
            .map(|s| s.window.map_or(Ok(funnel_window), |w| w.micros("steps")))
            .collect::<Result<_>>()?;
        let optional: Vec<bool> = params.steps.iter().map(|s| s.optional).collect();
        let next_mandatory: Vec<usize> =
            (0..=n).map(|l| (l..n).find(|&s| !optional[s]).unwrap_or(n - 1).max(l)).collect();
        let open_window = (0..=n)
            .map(|l| if l >= n { 0 } else { window[l..=next_mandatory[l]].iter().copied().max().unwrap_or(0) })
            .collect();
        let prev_mandatory = (0..n).map(|s| (0..s).rev().find(|&p| !optional[p]).unwrap_or(usize::MAX)).collect();
        let kinds = log.kind_names().len();
        let step_filters = params.steps.iter().map(|s| filters(log, &s.properties)).collect::<Result<Vec<_>>>()?;
        let excl_filters = params.exclusions.iter().map(|x| filters(log, &x.properties)).collect::<Result<Vec<_>>>()?;
        let (step_start, step_index) = csr(kinds, params.steps.iter().map(|s| log.kind_code(&s.event)));
        let (excl_start, excl_index) = csr(kinds, params.exclusions.iter().map(|x| log.kind_code(&x.event)));
        let names = params.breakdown.as_ref().map_or(&[][..], |b| b.0.as_slice());
        let breakdown = names
            .iter()
            .map(|name| match (log.property(name), log.contacts().attribute(name)) {
                (Some(column), _) => Ok(BreakdownSource::Event(column, params.attribution)),
                (None, Some(column)) => Ok(BreakdownSource::Contact(column)),
                (None, None) => Err(Error::MissingColumn {
                    table: Table::Events,
                    column: name.clone(),
                    hint: " (breakdown names an event property or a contact attribute)".to_owned(),
                }),
            })
            .collect::<Result<Vec<_>>>()?;
        let radix: Vec<u64> = breakdown.iter().map(|b| b.column().dictionary().len() as u64 + 1).collect();
        let group_codes = radix.iter().try_fold(1u64, |all, r| all.checked_mul(*r)).ok_or_else(|| {
            Error::invalid_parameter("breakdown", "these breakdowns have more value combinations than can be counted")
        })?;
        let mut held = params
            .hold
            .iter()
            .map(|name| {
                log.property(name).ok_or_else(|| {
                    let hint = if log.contacts().attribute(name).is_some() {
                        "is a contact attribute, the same at every step already"
                    } else {
                        "is not an event property of this log"
                    };
                    Error::invalid_parameter("hold", format!("{name:?} {hint}"))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let session = if params.count == CountMode::Sessions {
            let column = log.sessions().ok_or_else(|| {
                Error::invalid_parameter("count", "counting sessions needs session ids (a session_id column)")
            })?;
            held.push(column);
            Some(column)
        } else {
            None
        };
        Ok(Plan {
            n,
            order: params.order,
            count: params.count,
            max_window: window.iter().copied().max().unwrap_or(0),
            window,
            open_window,
            next_mandatory,
            prev_mandatory,
            optional,
            entry_from: params.entry_from.map_or(i64::MIN, |t| t.0),
            entry_to: params.entry_to.map_or(i64::MAX, |t| t.0),
            as_of: params.as_of.map(|t| t.0),
            dropped_ids: params.dropped_ids,
            calendar: params.trend.map(|unit| crate::calendar::Calendar::new(unit, &params.tz)).transpose()?,
            breakdown,
            radix,
            group_codes,
            held,
            session,
            exclusions: params.exclusions.iter().map(|x| (x.from_step, x.to_step.unwrap_or(n - 1))).collect(),
            step_filters,
            excl_filters,
            step_start,
            step_index,
            excl_start,
            excl_index,
        })
    }

    /// The steps event `event` (log index) of kind `kind` matches, ascending.
    #[inline]
    pub(crate) fn steps_of(&self, kind: KindCode, event: usize) -> impl Iterator<Item = usize> + '_ {
        let k = kind as usize;
        let range =
            self.step_start.get(k).zip(self.step_start.get(k + 1)).map_or(0..0, |(a, b)| *a as usize..*b as usize);
        self.step_index[range]
            .iter()
            .map(|&s| s as usize)
            .filter(move |&s| self.step_filters[s].iter().all(|f| f.matches(event)))
    }

    /// The exclusions event `event` of kind `kind` matches.
    #[inline]
    pub(crate) fn exclusions_of(&self, kind: KindCode, event: usize) -> impl Iterator<Item = usize> + '_ {
        let k = kind as usize;
        let range =
            self.excl_start.get(k).zip(self.excl_start.get(k + 1)).map_or(0..0, |(a, b)| *a as usize..*b as usize);
        self.excl_index[range]
            .iter()
            .map(|&x| x as usize)
            .filter(move |&x| self.excl_filters[x].iter().all(|f| f.matches(event)))
    }

    /// Whether any event of kind `kind` can match a step or an exclusion.
    #[inline]
    pub(crate) fn is_relevant(&self, kind: KindCode) -> bool {
        let k = kind as usize;
        let steps = self.step_start.get(k + 1).zip(self.step_start.get(k)).is_some_and(|(b, a)| b > a);
        steps || self.excl_start.get(k + 1).zip(self.excl_start.get(k)).is_some_and(|(b, a)| b > a)
    }

    /// Whether a step-1 event at `ts` may open an attempt.
    #[inline]
    pub(crate) fn may_enter(&self, ts: i64) -> bool {
        self.entry_from <= ts && ts <= self.entry_to
    }

    /// Whether an attempt entered at `entry` and stopped at `level` is still open at `as_of`.
    #[inline]
    pub(crate) fn is_open(&self, entry: i64, level: usize) -> bool {
        level < self.n && self.as_of.is_some_and(|t| entry.saturating_add(self.open_window[level]) > t)
    }

    /// The group code of an outcome: its breakdown values' codes as one mixed-radix number (0
    /// without breakdown).
    pub(crate) fn group_of(&self, person: usize, times: &[i64], events: &[usize], level: usize) -> u64 {
        let mut code = 0;
        let mut scale = 1;
        for (source, &radix) in self.breakdown.iter().zip(&self.radix) {
            let value = source.code(person, times, events, level);
            let digit = if value == NULL_CODE { radix - 1 } else { u64::from(value).min(radix - 1) };
            code += digit * scale;
            scale *= radix;
        }
        code
    }

    /// The breakdown value of group `code`: one value, a list of values with several
    /// breakdowns, `null` for no value and without breakdown.
    pub(crate) fn group_value(&self, mut code: u64) -> Result<serde_json::Value> {
        let mut values = Vec::with_capacity(self.breakdown.len());
        for (source, &radix) in self.breakdown.iter().zip(&self.radix) {
            let digit = code % radix;
            code /= radix;
            let value = usize::try_from(digit).ok().and_then(|d| source.column().dictionary().get(d));
            values.push(serde_json::to_value(value).map_err(|e| Error::invalid_parameter("breakdown", e.to_string()))?);
        }
        Ok(if values.len() == 1 {
            values.swap_remove(0)
        } else if values.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::Value::Array(values)
        })
    }

    /// For the plain ordered funnel counting persons (no exclusions, optional steps, held
    /// properties, sessions, step filters or step windows; at most one step per event kind;
    /// under 64 steps):
    /// the step of each kind code (`u8::MAX`: none), which the chain engine runs on.
    pub(crate) fn plain_steps(&self) -> Option<Vec<u8>> {
        let plain = self.order == Order::Ordered
            && self.count == CountMode::Persons
            && self.n < 64
            && self.exclusions.is_empty()
            && self.held.is_empty()
            && self.session.is_none()
            && !self.optional.contains(&true)
            && self.window.iter().all(|&w| w == self.max_window)
            && self.step_filters.iter().all(Vec::is_empty);
        if !plain {
            return None;
        }
        let kinds = self.step_start.len().saturating_sub(1);
        let mut step_of = vec![u8::MAX; kinds];
        for (kind, slot) in step_of.iter_mut().enumerate() {
            match &self.step_index[self.step_start[kind] as usize..self.step_start[kind + 1] as usize] {
                [] => {}
                [step] => *slot = u8::try_from(*step).ok()?,
                _ => return None,
            }
        }
        Some(step_of)
    }

    /// Whether `event` shares the held values (and session) of `first`, an attempt's step-1 event.
    #[inline]
    pub(crate) fn holds(&self, first: usize, event: usize) -> bool {
        self.held.iter().all(|c| c.codes().at(first) == c.codes().at(event))
    }

    /// Whether attempts must keep held values or sessions.
    #[inline]
    pub(crate) fn holding(&self) -> bool {
        !self.held.is_empty()
    }

    /// The session code of `event`, when counting sessions (`None` outside a session).
    #[inline]
    pub(crate) fn session_of(&self, event: usize) -> Option<u32> {
        self.session.map(|c| c.codes().at(event)).filter(|&c| c != NULL_CODE)
    }

    /// Whether an attempt may start at step-1 event `event`: with sessions, only in one.
    #[inline]
    pub(crate) fn may_open(&self, event: usize) -> bool {
        self.session.is_none() || self.session_of(event).is_some()
    }

    /// Exclusions spoil only the attempts of their own session.
    #[inline]
    pub(crate) fn same_session(&self, first: usize, event: usize) -> bool {
        self.session.is_none_or(|c| c.codes().at(first) == c.codes().at(event))
    }
}

impl BreakdownSource<'_> {
    fn column(&self) -> &DictColumn {
        match self {
            BreakdownSource::Contact(column) | BreakdownSource::Event(column, _) => column,
        }
    }

    /// This breakdown's value code for an outcome (`NULL_CODE` for no value).
    fn code(&self, person: usize, times: &[i64], events: &[usize], level: usize) -> u32 {
        match self {
            BreakdownSource::Contact(column) => column.codes().at(person),
            BreakdownSource::Event(column, attribution) => {
                let step = match attribution {
                    Attribution::FirstTouch => Some(0),
                    Attribution::LastTouch => level.checked_sub(1),
                    Attribution::Step(s) => Some(*s).filter(|&s| times.get(s).is_some_and(|&t| t != NONE)),
                };
                step.and_then(|s| events.get(s)).map_or(NULL_CODE, |&e| column.codes().at(e))
            }
        }
    }
}

impl Filter<'_> {
    /// Whether event row `event` has one of the wanted values.
    #[inline]
    pub(crate) fn matches(&self, event: usize) -> bool {
        self.codes.contains(&self.column.codes().at(event))
    }
}

/// Kind-code → item lists in compressed form.
fn csr(kinds: usize, items: impl Iterator<Item = Option<KindCode>>) -> (Vec<u32>, Vec<u32>) {
    let mut by_kind: Vec<Vec<u32>> = vec![Vec::new(); kinds];
    for (i, kind) in items.enumerate() {
        if let Some(k) = kind {
            by_kind[k as usize].push(i as u32);
        }
    }
    let mut start = Vec::with_capacity(kinds + 1);
    let mut index = Vec::new();
    start.push(0);
    for list in by_kind {
        index.extend(list);
        start.push(index.len() as u32);
    }
    (start, index)
}

/// Resolves property filters to dictionary codes; a value absent from the data matches nothing.
pub(crate) fn filters<'a>(log: &'a EventLog, properties: &PropertyFilters) -> Result<Vec<Filter<'a>>> {
    properties
        .iter()
        .map(|(name, wanted)| {
            let column = log.property(name).ok_or_else(|| Error::MissingColumn {
                table: Table::Events,
                column: name.clone(),
                hint: " (a step or exclusion filters on this event property)".to_owned(),
            })?;
            let wanted: Vec<&serde_json::Value> = match wanted {
                serde_json::Value::Array(items) => items.iter().collect(),
                one => vec![one],
            };
            let codes = column
                .dictionary()
                .iter()
                .enumerate()
                .filter(|(_, v)| wanted.iter().any(|w| equals(v, w)))
                .map(|(code, _)| code as u32)
                .collect();
            Ok(Filter { column, codes })
        })
        .collect()
}

/// Whether a stored value equals a filter value given as JSON.
fn equals(value: &PropValue, wanted: &serde_json::Value) -> bool {
    match (value, wanted) {
        (PropValue::Str(s), serde_json::Value::String(w)) => **s == **w,
        (PropValue::Time(t), serde_json::Value::String(w)) => parse_iso8601(w) == Some(*t),
        (PropValue::Bool(b), serde_json::Value::Bool(w)) => b == w,
        (PropValue::Int(i), serde_json::Value::Number(w)) => {
            w.as_i64() == Some(*i) || (w.as_i64().is_none() && w.as_f64() == Some(*i as f64))
        }
        (PropValue::Float(f), serde_json::Value::Number(w)) => w.as_f64() == Some(*f),
        _ => false,
    }
}
