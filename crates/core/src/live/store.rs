//! The events a live scorecard has accepted, kept per person in (ts, kind name, arrival) order
//! (the order of an [`EventLog`]), so that a person's figures can be recomputed from their own
//! events when a batch touches them.

use rustc_hash::FxHashMap;

use crate::error::{Error, Result, Table};
use crate::events::{
    CodeSlice, EventLog, IdSite, KindCode, LogBuilder, NULL_CODE, PersonEvents, PersonKey, PropValue, checked_kind,
};

/// Event kinds the scorecard reads, interned first so their codes are fixed.
pub(crate) const KNOWN_KINDS: [&str; 11] = [
    "attend",
    "leave",
    "register",
    "purchase",
    "chat",
    "question",
    "poll_answer",
    "cta_click",
    "screen_share_view",
    "survey_response",
    "page_view",
];
pub(crate) const ATTEND: KindCode = 0;
pub(crate) const LEAVE: KindCode = 1;
const POLL_ANSWER: KindCode = 6;

/// Grade of a poll answer: none, wrong, right.
const UNGRADED: u8 = 0;

/// Values interned to dense codes.
#[derive(Debug, Clone, Default)]
struct Dictionary {
    codes: FxHashMap<PropValue, u32>,
    values: Vec<PropValue>,
}

impl Dictionary {
    fn intern(&mut self, value: &PropValue) -> u32 {
        if let Some(code) = self.codes.get(value) {
            return *code;
        }
        let code = self.values.len() as u32;
        self.codes.insert(value.clone(), code);
        self.values.push(value.clone());
        code
    }
}

/// One person's events as parallel columns; `session`, `poll` and `correct` stay empty until
/// one of the person's events carries that field (then they are filled for every event).
#[derive(Debug, Clone, Default)]
pub(crate) struct PersonLog {
    pub(crate) ts: Vec<i64>,
    pub(crate) kind: Vec<KindCode>,
    pub(crate) value: Vec<f64>,
    pub(crate) session: Vec<u32>,
    pub(crate) poll: Vec<u32>,
    correct: Vec<u8>,
}

impl PersonLog {
    pub(crate) fn events(&self, person: usize) -> PersonEvents<'_> {
        PersonEvents::new(person, 0, &self.ts, &self.kind, &self.value)
    }

    pub(crate) fn sessions(&self) -> Option<CodeSlice<'_>> {
        (!self.session.is_empty()).then_some(CodeSlice::U32(&self.session))
    }

    pub(crate) fn polls(&self) -> Option<CodeSlice<'_>> {
        (!self.poll.is_empty()).then_some(CodeSlice::U32(&self.poll))
    }

    pub(crate) fn correct(&self, event: usize) -> Option<bool> {
        match self.correct.get(event).copied().unwrap_or(UNGRADED) {
            UNGRADED => None,
            grade => Some(grade == 2),
        }
    }
}

/// One incoming event, already in the store's codes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Incoming {
    pub(crate) ts: i64,
    pub(crate) kind: KindCode,
    pub(crate) value: f64,
    pub(crate) session: u32,
    pub(crate) poll: u32,
    pub(crate) correct: u8,
}

/// Inserts `x` at `at` in `column`, first filling an unused column with `fill` when `x` is not
/// `fill`.
fn insert_side<T: Copy + PartialEq>(column: &mut Vec<T>, len: usize, at: usize, x: T, fill: T) {
    if column.is_empty() {
        if x == fill {
            return;
        }
        column.resize(len, fill);
    }
    column.insert(at, x);
}

/// Every accepted event, by person.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    ids: FxHashMap<PersonKey, u32>,
    pub(crate) keys: Vec<PersonKey>,
    pub(crate) persons: Vec<PersonLog>,
    kind_names: Vec<Box<str>>,
    kind_ids: FxHashMap<Box<str>, KindCode>,
    sessions: Dictionary,
    polls: Dictionary,
    /// Poll codes seen on poll answers (the polls run).
    polls_run: Vec<bool>,
    pub(crate) polls_run_count: usize,
    pub(crate) has_sessions: bool,
    pub(crate) events: u64,
    /// Event role -> the user's name for it (`register` -> `sign_up`).
    roles: std::collections::BTreeMap<String, String>,
}

impl Store {
    /// An empty store whose known kinds take the user's names of `roles`.
    pub(crate) fn new(roles: std::collections::BTreeMap<String, String>) -> Self {
        let mut store = Store {
            ids: FxHashMap::default(),
            keys: Vec::new(),
            persons: Vec::new(),
            kind_names: Vec::new(),
            kind_ids: FxHashMap::default(),
            sessions: Dictionary::default(),
            polls: Dictionary::default(),
            polls_run: Vec::new(),
            polls_run_count: 0,
            has_sessions: false,
            events: 0,
            roles,
        };
        for name in KNOWN_KINDS {
            let name = store.roles.get(name).cloned().unwrap_or_else(|| name.to_owned());
            // The first codes, far below the limit: cannot be refused.
            let _ = store.kind(&name);
        }
        store
    }

    /// The code of kind `name`, added if new.
    ///
    /// # Errors
    /// `capacity_exceeded` past [`crate::events::MAX_KINDS`] distinct kinds.
    pub(crate) fn kind(&mut self, name: &str) -> Result<KindCode> {
        if let Some(code) = self.kind_ids.get(name) {
            return Ok(*code);
        }
        let code = checked_kind(self.kind_names.len())?;
        self.kind_names.push(name.into());
        self.kind_ids.insert(name.into(), code);
        Ok(code)
    }

    /// The code of a kind the store knows (a role: of the user's name for it).
    pub(crate) fn kind_code(&self, name: &str) -> Option<KindCode> {
        let name = self.roles.get(name).map_or(name, String::as_str);
        self.kind_ids.get(name).copied()
    }

    /// Checks that `key` is of the same type (integer or string) as the ids already held.
    pub(crate) fn check_key(&self, key: &PersonKey, row: usize) -> Result<()> {
        match (self.keys.first(), key) {
            (Some(PersonKey::Int(_)), PersonKey::Str(_)) | (Some(PersonKey::Str(_)), PersonKey::Int(_)) => {
                Err(Error::IdTypeMismatch {
                    table: Table::Events,
                    column: "user_id".to_owned(),
                    row,
                    expected: if matches!(self.keys[0], PersonKey::Int(_)) { "integer" } else { "string" }.to_owned(),
                    found: if matches!(key, PersonKey::Int(_)) { "integer" } else { "string" }.to_owned(),
                })
            }
            _ => Ok(()),
        }
    }

    /// The index of person `key`, added when new.
    pub(crate) fn person(&mut self, key: &PersonKey) -> u32 {
        if let Some(p) = self.ids.get(key) {
            return *p;
        }
        let p = self.keys.len() as u32;
        self.ids.insert(key.clone(), p);
        self.keys.push(key.clone());
        self.persons.push(PersonLog::default());
        p
    }

    /// Codes for the session, poll and grade of an incoming event.
    pub(crate) fn side_codes(
        &mut self,
        kind: KindCode,
        session: Option<&PropValue>,
        poll: Option<&PropValue>,
        correct: Option<&PropValue>,
    ) -> (u32, u32, u8) {
        let session = session.map_or(NULL_CODE, |v| {
            self.has_sessions = true;
            self.sessions.intern(v)
        });
        let poll = poll.map_or(NULL_CODE, |v| self.polls.intern(v));
        if kind == POLL_ANSWER && poll != NULL_CODE {
            let at = poll as usize;
            if self.polls_run.len() <= at {
                self.polls_run.resize(at + 1, false);
            }
            if !self.polls_run[at] {
                self.polls_run[at] = true;
                self.polls_run_count += 1;
            }
        }
        let correct = match correct {
            Some(PropValue::Bool(b)) => 1 + u8::from(*b),
            _ => UNGRADED,
        };
        (session, poll, correct)
    }

    /// Places `e` among person `p`'s events: after every event with an earlier time, or the same
    /// time and a kind name not after its own.
    pub(crate) fn insert(&mut self, p: u32, e: Incoming) {
        let names = &self.kind_names;
        let log = &mut self.persons[p as usize];
        let name = &names[e.kind as usize];
        let at = log.ts.partition_point(|ts| *ts <= e.ts);
        let at = (0..at)
            .rev()
            .take_while(|i| log.ts[*i] == e.ts && names[log.kind[*i] as usize] > *name)
            .last()
            .unwrap_or(at);
        let len = log.ts.len();
        insert_side(&mut log.session, len, at, e.session, NULL_CODE);
        insert_side(&mut log.poll, len, at, e.poll, NULL_CODE);
        insert_side(&mut log.correct, len, at, e.correct, UNGRADED);
        log.ts.insert(at, e.ts);
        log.kind.insert(at, e.kind);
        log.value.insert(at, e.value);
        self.events += 1;
    }

    /// The accepted events as an [`EventLog`] (columns `user_id`, `ts`, `event`, `value`,
    /// `session_id`, and the `poll` and `correct` properties).
    pub(crate) fn to_event_log(&self) -> Result<EventLog> {
        let mut builder = LogBuilder::new();
        let kinds: Vec<u32> = self.kind_names.iter().map(|n| builder.kind(n)).collect();
        let (poll_slot, correct_slot) = (builder.property_slot("poll"), builder.property_slot("correct"));
        for (row, (key, log)) in self.keys.iter().zip(&self.persons).enumerate() {
            let site = IdSite { table: Table::Events, column: "user_id", row };
            let person = match key {
                PersonKey::Int(v) => builder.person_int(*v, site)?,
                PersonKey::Str(s) => builder.person_str(s, site)?,
            };
            for i in 0..log.ts.len() {
                let value = Some(log.value[i]).filter(|v| !v.is_nan());
                builder.push_event(person, log.ts[i], kinds[log.kind[i] as usize], value);
                if let Some(code) = log.session.get(i).filter(|c| **c != NULL_CODE) {
                    builder.set_session(self.sessions.values[*code as usize].clone());
                }
                if let Some(code) = log.poll.get(i).filter(|c| **c != NULL_CODE) {
                    builder.set_property(poll_slot, self.polls.values[*code as usize].clone());
                }
                if let Some(grade) = log.correct(i) {
                    builder.set_property(correct_slot, PropValue::Bool(grade));
                }
            }
        }
        builder.finish()?.with_kinds(self.roles.clone())
    }
}
