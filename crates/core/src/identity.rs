//! Identity resolution: one person per human across sources. The same human appears as an
//! anonymous web id, an email in the CRM and a Zoom registrant; this stitches their ids with a
//! deterministic rule and rebuilds the log on the resolved persons.
//!
//! The rule:
//! 1. A person's emails are its `email` contact attribute and its id when the id is an email;
//!    both normalized (trimmed, lower case; with `strip_plus`, `ana+webinar@x.com` is
//!    `ana@x.com`). Persons sharing a normalized email are one person.
//! 2. An identify event (`$identify` by default, as PostHog's) of person P with property
//!    `$anon_distinct_id` = A merges the person whose id is A into P — unless both already carry
//!    different emails: then nothing is merged and the pair is reported as a conflict.
//! 3. The merged person keeps the id of its first member (in id order) that has a contact row,
//!    else its first member. Its contact row takes the earliest registration and, attribute by
//!    attribute, the first non-null value (the kept id's first, then the others in id order).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Result, Table};
use crate::events::{EventLog, IdSite, LogBuilder, NULL_CODE, PersonKey, PropValue};

/// Options of identity resolution.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct IdentityParams {
    /// The contact attribute holding an email.
    pub email_attribute: String,
    /// Drop a `+tag` from the local part of emails.
    pub strip_plus: bool,
    /// The event that links an anonymous id to the person who sends it.
    pub identify_event: String,
    /// Its property holding the anonymous id.
    pub anon_property: String,
}

impl Default for IdentityParams {
    fn default() -> Self {
        IdentityParams {
            email_attribute: "email".to_owned(),
            strip_plus: false,
            identify_event: "$identify".to_owned(),
            anon_property: "$anon_distinct_id".to_owned(),
        }
    }
}

/// One resolved person made of several ids.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MergedPerson {
    /// The id kept.
    pub id: PersonKey,
    /// The other ids folded into it.
    pub merged: Vec<PersonKey>,
    /// Normalized emails of the group.
    pub emails: Vec<String>,
    /// Whether an email (`email`) and / or an identify event (`identify`) linked them.
    pub via: Vec<&'static str>,
}

/// An identify event that was not followed.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct IdentityConflict {
    /// The person who sent the identify event.
    pub id: PersonKey,
    /// The anonymous id it named.
    pub anonymous_id: PersonKey,
    /// Their different emails.
    pub emails: [String; 2],
}

/// What resolution merged and what it refused.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct IdentityReport {
    /// Persons before.
    pub persons_before: usize,
    /// Persons after.
    pub persons_after: usize,
    /// The groups of more than one id, in id order.
    pub merged: Vec<MergedPerson>,
    /// Identify events between persons with different emails (not merged).
    pub conflicts: Vec<IdentityConflict>,
}

fn normalize(email: &str, strip_plus: bool) -> Option<String> {
    let email = email.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    if local.is_empty() || domain.is_empty() {
        return None;
    }
    let local = if strip_plus { local.split('+').next().unwrap_or(local) } else { local };
    Some(format!("{local}@{domain}"))
}

struct Groups {
    parent: Vec<usize>,
    /// The smallest email of each root's group.
    email: Vec<Option<String>>,
    via: Vec<[bool; 2]>,
}

impl Groups {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize, how: usize) {
        let (a, b) = (self.find(a), self.find(b));
        let (root, child) = if a < b { (a, b) } else { (b, a) };
        if root != child {
            self.parent[child] = root;
            let email = match (self.email[root].take(), self.email[child].take()) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            self.email[root] = email;
            let merged = [self.via[root][0] || self.via[child][0], self.via[root][1] || self.via[child][1]];
            self.via[root] = merged;
        }
        self.via[root][how] = true;
    }
}

/// The grouping: each person's representative (the id kept), the report.
fn group(log: &EventLog, params: &IdentityParams) -> (Vec<usize>, IdentityReport) {
    let n = log.person_count();
    let contacts = log.contacts();
    let emails: Vec<Option<String>> = (0..n)
        .map(|p| {
            let attribute = contacts.attribute_value(&params.email_attribute, p).and_then(PropValue::as_str);
            let key = match log.person_key(p) {
                Some(PersonKey::Str(s)) => Some(s),
                _ => None,
            };
            attribute
                .and_then(|e| normalize(e, params.strip_plus))
                .or_else(|| key.and_then(|k| normalize(&k, params.strip_plus)))
        })
        .collect();
    let mut groups = Groups { parent: (0..n).collect(), email: emails.clone(), via: vec![[false; 2]; n] };
    let mut first_with: BTreeMap<&str, usize> = BTreeMap::new();
    for (p, email) in emails.iter().enumerate() {
        if let Some(e) = email {
            match first_with.get(e.as_str()) {
                Some(q) => groups.union(*q, p, 0),
                None => {
                    first_with.insert(e, p);
                }
            }
        }
    }
    let mut conflicts = Vec::new();
    if let (Some(kind), Some(column)) = (log.kind_code(&params.identify_event), log.property(&params.anon_property)) {
        for p in 0..n {
            let ev = log.person_events(p);
            for i in (0..ev.len()).filter(|i| ev.kind[*i] == kind) {
                let code = column.codes().at(ev.start + i);
                let Some(anon) = (code != NULL_CODE).then(|| column.dictionary().get(code as usize)).flatten() else {
                    continue;
                };
                let key = match anon {
                    PropValue::Int(v) => PersonKey::Int(*v),
                    other => PersonKey::Str(
                        other.as_str().map_or_else(|| serde_json::to_string(other).unwrap_or_default(), str::to_owned),
                    ),
                };
                let Some(q) = log.persons().index_of(&key) else { continue };
                let (rp, rq) = (groups.find(p), groups.find(q));
                if rp == rq {
                    continue;
                }
                match (groups.email[rp].clone(), groups.email[rq].clone()) {
                    (Some(a), Some(b)) if a != b => conflicts.push(IdentityConflict {
                        id: log.person_key(p).unwrap_or(PersonKey::Int(0)),
                        anonymous_id: key,
                        emails: [a, b],
                    }),
                    _ => groups.union(p, q, 1),
                }
            }
        }
    }
    // Members of each root in id order; the kept id: the first with a contact row.
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for p in 0..n {
        let root = groups.find(p);
        members.entry(root).or_default().push(p);
    }
    let mut keep = vec![0; n];
    let mut merged = Vec::new();
    for (root, list) in &members {
        let kept = list.iter().copied().find(|p| contacts.has_contact(*p)).unwrap_or(list[0]);
        for p in list {
            keep[*p] = kept;
        }
        if list.len() > 1 {
            let mut group_emails: Vec<String> = list.iter().filter_map(|p| emails[*p].clone()).collect();
            group_emails.sort();
            group_emails.dedup();
            let via = groups.via[*root];
            merged.push(MergedPerson {
                id: log.person_key(kept).unwrap_or(PersonKey::Int(0)),
                merged: list.iter().filter(|p| **p != kept).filter_map(|p| log.person_key(*p)).collect(),
                emails: group_emails,
                via: [("email", via[0]), ("identify", via[1])]
                    .iter()
                    .filter(|(_, on)| *on)
                    .map(|(name, _)| *name)
                    .collect(),
            });
        }
    }
    let report = IdentityReport { persons_before: n, persons_after: members.len(), merged, conflicts };
    (keep, report)
}

/// What [`resolve_identities`] would merge, without rebuilding the log.
#[must_use]
pub fn identity_report(log: &EventLog, params: &IdentityParams) -> IdentityReport {
    group(log, params).1
}

/// The log rebuilt on resolved persons (see the module's rule), and the report.
///
/// ```
/// use webinar_analytics::identity::{IdentityParams, resolve_identities};
/// use webinar_analytics::prelude::*;
///
/// let events = "user_id,ts,event,$anon_distinct_id\n\
/// anon-7,2024-03-01T10:00:00Z,page_view,\n\
/// Ana@Example.com,2024-03-02T10:00:00Z,$identify,anon-7\n\
/// ana@example.com,2024-03-14T16:00:00Z,attend,\n";
/// let log = EventLog::from_csv(events.as_bytes(), None, &LoadOptions::default())?;
/// let (resolved, report) = resolve_identities(&log, &IdentityParams::default())?;
/// assert_eq!((report.persons_before, report.persons_after), (3, 1));
/// assert_eq!(resolved.person_count(), 1);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// As building a log (ids of two types cannot occur: the ids kept are the log's own).
pub fn resolve_identities(log: &EventLog, params: &IdentityParams) -> Result<(EventLog, IdentityReport)> {
    let (keep, report) = group(log, params);
    let keys: Vec<PersonKey> = keep.iter().map(|k| log.person_key(*k).unwrap_or(PersonKey::Int(0))).collect();
    Ok((rebuild(&[(log, keys)])?, report))
}

/// Several logs as one (the web analytics' events, the webinar platform's, the CRM's contacts):
/// events side by side, the same id one person. A person with a contact row in several logs
/// gets one row: the earliest registration and, per attribute, the first non-null value in log
/// order. Resolve identities on the result to join ids that differ.
///
/// ```
/// use webinar_analytics::identity::merge_logs;
/// use webinar_analytics::prelude::*;
///
/// let web = EventLog::from_csv("user_id,ts,event\nana,2024-03-01T10:00:00Z,page_view\n".as_bytes(), None, &LoadOptions::default())?;
/// let zoom = EventLog::from_csv("user_id,ts,event\nana,2024-03-14T16:00:00Z,attend\n".as_bytes(), None, &LoadOptions::default())?;
/// let both = merge_logs(&[&web, &zoom])?;
/// assert_eq!((both.person_count(), both.event_count()), (1, 2));
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// `id_type_mismatch` when one log has integer ids and another string ids.
pub fn merge_logs(logs: &[&EventLog]) -> Result<EventLog> {
    let sources: Vec<(&EventLog, Vec<PersonKey>)> = logs
        .iter()
        .map(|log| (*log, (0..log.person_count()).map(|p| log.person_key(p).unwrap_or(PersonKey::Int(0))).collect()))
        .collect();
    rebuild(&sources)
}

/// Builds one log from `sources`, each person's events and contact under the key given for it.
fn rebuild(sources: &[(&EventLog, Vec<PersonKey>)]) -> Result<EventLog> {
    let mut builder = LogBuilder::new();
    let person_of = |builder: &mut LogBuilder, key: &PersonKey, row: usize| -> Result<u32> {
        let site = IdSite { table: Table::Events, column: "user_id", row };
        match key {
            PersonKey::Int(v) => builder.person_int(*v, site),
            PersonKey::Str(s) => builder.person_str(s, site),
        }
    };
    // Contacts: one row per key, from every (source, person) that has one; the key's own rows
    // first, then the others, in source and person order.
    let mut contributors: BTreeMap<&PersonKey, Vec<(bool, usize, usize)>> = BTreeMap::new();
    for (s, (log, keys)) in sources.iter().enumerate() {
        for (p, key) in keys.iter().enumerate().filter(|(p, _)| log.contacts().has_contact(*p)) {
            // `false` (the key's own row) sorts first.
            let foreign = log.person_key(p).as_ref() != Some(key);
            contributors.entry(key).or_default().push((foreign, s, p));
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for (log, _) in sources {
        for column in log.contacts().attributes() {
            if !names.contains(&column.name()) {
                names.push(column.name());
            }
        }
    }
    let slots: Vec<usize> = names.iter().map(|n| builder.attribute_slot(n)).collect();
    for (row, (key, mut list)) in contributors.into_iter().enumerate() {
        list.sort_unstable();
        let registered = list.iter().filter_map(|(_, s, p)| sources[*s].0.contacts().registered_at(*p)).min();
        let person = person_of(&mut builder, key, row)?;
        builder.push_contact(Table::Contacts, person, registered);
        for (name, slot) in names.iter().zip(&slots) {
            let value = list.iter().find_map(|(_, s, p)| sources[*s].0.contacts().attribute_value(name, *p));
            if let Some(value) = value {
                builder.set_attribute(*slot, value.clone());
            }
        }
    }
    // Events, each under its person's key.
    for (log, keys) in sources {
        let kinds = log.kind_names();
        let properties: Vec<(usize, &crate::events::DictColumn)> =
            log.properties().iter().map(|c| (builder.property_slot(c.name()), c)).collect();
        for (p, key) in keys.iter().enumerate() {
            let person = person_of(&mut builder, key, p)?;
            let ev = log.person_events(p);
            for i in 0..ev.len() {
                let kind = builder.kind(&kinds[ev.kind[i] as usize]);
                builder.push_event(person, ev.ts[i], kind, ev.value(i));
                let row = ev.start + i;
                if let Some(session) = log.sessions().and_then(|s| s.get(row)) {
                    builder.set_session(session.clone());
                }
                for (slot, column) in &properties {
                    if let Some(value) = column.get(row) {
                        builder.set_property(*slot, value.clone());
                    }
                }
            }
        }
    }
    // The sources' event roles, kept (an earlier source's mapping of a role wins).
    let mut roles = std::collections::BTreeMap::new();
    for (log, _) in sources.iter().rev() {
        roles.extend(log.kinds_map().clone());
    }
    builder.finish()?.with_kinds(roles)
}

/// [`IdentityParams`] from plain call options (`{"email_attribute": "email", "strip_plus":
/// true, "identify_event": "$identify", "anon_property": "$anon_distinct_id"}`).
///
/// # Errors
/// `invalid_parameter` for unknown options.
pub fn params_from_call_json(options: serde_json::Value) -> Result<IdentityParams> {
    crate::ingest::options_from_json(options, "options")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::LoadOptions;

    #[test]
    fn merged_contact_keeps_the_earliest_registration_and_events_move() {
        let contacts = "user_id,registered_at,email,industry\n\
            b-id,2024-03-05T00:00:00Z,Ann@X.io,\n\
            a-id,2024-03-09T00:00:00Z,ann@x.io,tech\n";
        let events = "user_id,ts,event\na-id,2024-03-10T00:00:00Z,attend\nb-id,2024-03-11T00:00:00Z,purchase\n";
        let log = EventLog::from_csv(events.as_bytes(), Some(contacts.as_bytes()), &LoadOptions::default()).unwrap();
        let (resolved, report) = resolve_identities(&log, &IdentityParams::default()).unwrap();
        assert_eq!(report.merged[0].id, PersonKey::Str("a-id".into()));
        assert_eq!(resolved.person_count(), 1);
        assert_eq!(resolved.event_count(), 2);
        let c = resolved.contacts();
        assert_eq!(c.registered_at(0), "2024-03-05T00:00:00Z".parse::<crate::events::Timestamp>().ok().map(|t| t.0));
        assert_eq!(c.attribute_value("industry", 0).and_then(PropValue::as_str), Some("tech"));
        assert_eq!(normalize(" A+b@X.io ", true).as_deref(), Some("a@x.io"));
        assert_eq!(normalize("no-at-sign", true), None);
    }
}
