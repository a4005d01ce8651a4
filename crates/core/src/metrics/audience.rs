//! Audience distributions: contacts per value of a contact attribute (industry, company size).

use serde::Serialize;

use crate::error::{Error, Result};
use crate::events::{EventLog, NULL_CODE, PropValue};
use crate::metrics::ratio;

/// Contacts with one attribute value.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AudienceShare {
    /// The value (null for contacts without one).
    pub value: Option<PropValue>,
    /// Contacts with this value.
    pub contacts: u64,
    /// contacts / all contacts, a fraction 0-1.
    pub share: Option<f64>,
}

/// The distribution of contacts over one attribute, largest group first (ties by value order
/// of first appearance), contacts without a value last.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AudienceDistribution {
    /// The attribute.
    pub attribute: String,
    /// One entry per value.
    pub values: Vec<AudienceShare>,
}

/// Distributions of the contacts over each attribute in `by` (for the seed's industry and
/// company-size charts).
///
/// ```
/// use webinar_analytics::metrics::audience;
/// use webinar_analytics::prelude::*;
///
/// let demo = demo_campaign(&DemoParams { contacts: 100, seed: 1 })?;
/// let sizes = &audience(&demo.log, &["company_size"])?[0];
/// assert_eq!(sizes.values.iter().map(|v| v.contacts).sum::<u64>(), 100);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
pub fn audience<S: AsRef<str>>(log: &EventLog, by: &[S]) -> Result<Vec<AudienceDistribution>> {
    let contacts = log.contacts();
    by.iter()
        .map(|name| {
            let name = name.as_ref();
            let column = contacts
                .attribute(name)
                .ok_or_else(|| Error::invalid_parameter("by", format!("contacts have no attribute {name:?}")))?;
            let missing = column.dictionary().len();
            let mut counts = vec![0u64; missing + 1];
            for (person, code) in column.codes().iter().enumerate() {
                if contacts.has_contact(person) {
                    counts[if code == NULL_CODE { missing } else { code as usize }] += 1;
                }
            }
            let total = contacts.len() as f64;
            let mut values: Vec<AudienceShare> = column
                .dictionary()
                .iter()
                .zip(&counts)
                .filter(|(_, n)| **n > 0)
                .map(|(v, n)| AudienceShare { value: Some(v.clone()), contacts: *n, share: ratio(*n as f64, total) })
                .collect();
            values.sort_by_key(|v| std::cmp::Reverse(v.contacts));
            if let Some(missing) = counts.last().filter(|n| **n > 0) {
                values.push(AudienceShare { value: None, contacts: *missing, share: ratio(*missing as f64, total) });
            }
            Ok(AudienceDistribution { attribute: name.to_owned(), values })
        })
        .collect()
}
