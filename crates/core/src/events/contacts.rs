//! The contact table: one row per person of the log, aligned with person indices.

use super::values::{DictColumn, PropValue};

/// Contacts (CRM records, registrants) aligned with the persons of an [`super::EventLog`]:
/// row `p` describes person `p`. Persons seen only in events have no contact row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContactTable {
    has_contact: Vec<bool>,
    count: usize,
    registered_at: Vec<Option<i64>>,
    attributes: Vec<DictColumn>,
}

impl ContactTable {
    pub(crate) fn from_parts(
        has_contact: Vec<bool>,
        count: usize,
        registered_at: Vec<Option<i64>>,
        attributes: Vec<DictColumn>,
    ) -> Self {
        ContactTable { has_contact, count, registered_at, attributes }
    }

    /// Number of contacts loaded.
    #[must_use]
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether no contacts were loaded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Whether person `person` has a contact row.
    #[must_use]
    pub fn has_contact(&self, person: usize) -> bool {
        self.has_contact.get(person).copied().unwrap_or(false)
    }

    /// Registration time of `person` in microseconds since the epoch, if known.
    #[must_use]
    pub fn registered_at(&self, person: usize) -> Option<i64> {
        self.registered_at.get(person).copied().flatten()
    }

    /// Attribute columns (channel, industry, company size, ...), one row per person.
    #[must_use]
    pub fn attributes(&self) -> &[DictColumn] {
        &self.attributes
    }

    /// The attribute column called `name`.
    #[must_use]
    pub fn attribute(&self, name: &str) -> Option<&DictColumn> {
        self.attributes.iter().find(|c| c.name() == name)
    }

    /// The value of attribute `name` for `person`.
    #[must_use]
    pub fn attribute_value(&self, name: &str, person: usize) -> Option<&PropValue> {
        self.attribute(name)?.get(person)
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.has_contact.capacity()
            + self.registered_at.capacity() * std::mem::size_of::<Option<i64>>()
            + self.attributes.iter().map(DictColumn::heap_bytes).sum::<usize>()
    }
}
