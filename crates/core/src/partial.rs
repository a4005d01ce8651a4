//! Versioned partial states of funnels, retention matrices, channel tables and paths, as bytes and as
//! an Arrow column, for computing them on many machines (Spark, DataFusion, several processes).
//!
//! Every one of these analyses is a fold over persons: each person's sorted events give a small
//! contribution, and contributions add up. A [`PartialState`] is that sum over a set of persons.
//! Computed on disjoint sets of persons — each person's events all in one set — partial states
//! [`merge`](PartialState::merge) (associatively, commutatively and exactly: counts are integers,
//! revenue is kept in millionths, every time to convert is kept so medians are exact) into the
//! state of the union, and [`finish`](PartialState::finish) gives the same result as the
//! in-process call on all the persons. So the engine must shuffle by person before calling this
//! library (a `GROUP BY` on a hash of the person id, or Spark's `groupBy(...).applyInArrow`),
//! then only the small states travel.
//!
//! Bytes layout (little endian): the magic `WAPS`, one byte for the kind (1 funnel, 2 retention,
//! 3 channel table, 4 paths, 5 attribution), the layout version as a `u32`, then the state as UTF-8 JSON. A library reads
//! every layout version up to its own ([`FUNNEL_PARTIAL_VERSION`], ...); fields added by a later
//! version have defaults, so older states stay readable. A state written by a newer library is
//! refused with `invalid_partial_state`.
//!
//! ```
//! use webinar_analytics::partial::PartialState;
//! use webinar_analytics::prelude::*;
//!
//! let demo = demo_campaign(&DemoParams { contacts: 300, seed: 7 })?;
//! let params = FunnelParams::new(&["page_view", "register", "attend"]);
//! let half = demo.log.person_count() / 2;
//! // Two "machines", each with half of the persons, send bytes to a third.
//! let a = PartialState::from(funnel_partial(&demo.log, &params, 0..half)?).to_bytes()?;
//! let b = PartialState::from(funnel_partial(&demo.log, &params, half..demo.log.person_count())?).to_bytes()?;
//! let mut merged = PartialState::from_bytes(&a)?;
//! merged.merge(PartialState::from_bytes(&b)?)?;
//! let PartialResult::Funnel(result) = merged.finish(None)? else { unreachable!() };
//! assert_eq!(result, funnel(&demo.log, &params)?);
//! # use webinar_analytics::partial::PartialResult;
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

use std::sync::Arc;

use arrow_array::{Array, BinaryArray, LargeBinaryArray, StringArray, StructArray, UInt32Array};
use arrow_schema::{DataType, Field, Fields};
use serde::{Deserialize, Serialize};

use crate::attribution::{ATTRIBUTION_PARTIAL_VERSION, AttributionPartial, AttributionResult};
use crate::cohort::{RETENTION_PARTIAL_VERSION, RetentionMatrix, RetentionPartial};
use crate::error::{Error, Result};
use crate::events::ChannelSpend;
use crate::funnel::{FUNNEL_PARTIAL_VERSION, FunnelPartial, FunnelResult};
use crate::metrics::{CHANNEL_PARTIAL_VERSION, ChannelPartial, ChannelPerformance};
use crate::paths::{PATHS_PARTIAL_VERSION, PathsPartial, PathsResult};

/// The first bytes of every serialized state.
pub const MAGIC: &[u8; 4] = b"WAPS";

/// Length of the header before the JSON payload.
const HEADER: usize = 9;

/// Which analysis a state belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartialKind {
    /// [`FunnelPartial`].
    Funnel,
    /// [`RetentionPartial`].
    Retention,
    /// [`ChannelPartial`].
    Channel,
    /// [`PathsPartial`].
    Paths,
    /// [`AttributionPartial`].
    Attribution,
}

impl PartialKind {
    /// The kind's name: `funnel`, `retention`, `channel`, `paths` or `attribution`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            PartialKind::Funnel => "funnel",
            PartialKind::Retention => "retention",
            PartialKind::Channel => "channel",
            PartialKind::Paths => "paths",
            PartialKind::Attribution => "attribution",
        }
    }

    fn tag(self) -> u8 {
        match self {
            PartialKind::Funnel => 1,
            PartialKind::Retention => 2,
            PartialKind::Channel => 3,
            PartialKind::Paths => 4,
            PartialKind::Attribution => 5,
        }
    }

    fn of_tag(tag: u8) -> Option<PartialKind> {
        match tag {
            1 => Some(PartialKind::Funnel),
            2 => Some(PartialKind::Retention),
            3 => Some(PartialKind::Channel),
            4 => Some(PartialKind::Paths),
            5 => Some(PartialKind::Attribution),
            _ => None,
        }
    }

    /// The newest layout version of this kind that this library writes and reads.
    #[must_use]
    pub fn current_version(self) -> u32 {
        match self {
            PartialKind::Funnel => FUNNEL_PARTIAL_VERSION,
            PartialKind::Retention => RETENTION_PARTIAL_VERSION,
            PartialKind::Channel => CHANNEL_PARTIAL_VERSION,
            PartialKind::Paths => PATHS_PARTIAL_VERSION,
            PartialKind::Attribution => ATTRIBUTION_PARTIAL_VERSION,
        }
    }
}

/// The mergeable state of one analysis over a set of persons.
#[derive(Debug, Clone, PartialEq)]
pub enum PartialState {
    /// A funnel's.
    Funnel(FunnelPartial),
    /// A retention matrix's.
    Retention(RetentionPartial),
    /// A channel table's.
    Channel(ChannelPartial),
    /// Paths'.
    Paths(PathsPartial),
    /// An attribution's.
    Attribution(Box<AttributionPartial>),
}

impl From<FunnelPartial> for PartialState {
    fn from(partial: FunnelPartial) -> Self {
        PartialState::Funnel(partial)
    }
}

impl From<RetentionPartial> for PartialState {
    fn from(partial: RetentionPartial) -> Self {
        PartialState::Retention(partial)
    }
}

impl From<ChannelPartial> for PartialState {
    fn from(partial: ChannelPartial) -> Self {
        PartialState::Channel(partial)
    }
}

impl From<AttributionPartial> for PartialState {
    fn from(partial: AttributionPartial) -> Self {
        PartialState::Attribution(Box::new(partial))
    }
}

impl From<PathsPartial> for PartialState {
    fn from(partial: PathsPartial) -> Self {
        PartialState::Paths(partial)
    }
}

/// The result a finished state gives: exactly the in-process call's.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum PartialResult {
    /// As [`crate::funnel::funnel`].
    Funnel(FunnelResult),
    /// As [`crate::cohort::retention`].
    Retention(RetentionMatrix),
    /// As [`crate::metrics::channel_performance`].
    Channel(ChannelPerformance),
    /// As [`crate::paths::paths`].
    Paths(PathsResult),
    /// As [`crate::attribution::attribution`].
    Attribution(Box<AttributionResult>),
}

fn invalid(message: impl Into<String>) -> Error {
    Error::PartialState { message: message.into() }
}

impl PartialState {
    /// Which analysis the state belongs to.
    #[must_use]
    pub fn kind(&self) -> PartialKind {
        match self {
            PartialState::Funnel(_) => PartialKind::Funnel,
            PartialState::Retention(_) => PartialKind::Retention,
            PartialState::Channel(_) => PartialKind::Channel,
            PartialState::Paths(_) => PartialKind::Paths,
            PartialState::Attribution(_) => PartialKind::Attribution,
        }
    }

    /// Adds `other`, the state of the same analysis over other persons.
    ///
    /// # Errors
    /// `invalid_parameter` when the two belong to different analyses (another kind, other
    /// steps, another period, another attribute, ...).
    pub fn merge(&mut self, other: PartialState) -> Result<()> {
        match (self, other) {
            (PartialState::Funnel(a), PartialState::Funnel(b)) => a.merge(b),
            (PartialState::Retention(a), PartialState::Retention(b)) => a.merge(b),
            (PartialState::Channel(a), PartialState::Channel(b)) => a.merge(&b),
            (PartialState::Paths(a), PartialState::Paths(b)) => a.merge(b),
            (PartialState::Attribution(a), PartialState::Attribution(b)) => a.merge(*b),
            (mine, theirs) => Err(Error::invalid_parameter(
                "partials",
                format!("cannot merge a {} state into a {} state", theirs.kind().name(), mine.kind().name()),
            )),
        }
    }

    /// The analysis result. `spend` adds the cost columns of a channel table or an attribution
    /// (other kinds ignore it).
    ///
    /// # Errors
    /// `capacity_exceeded` for an attribution's Shapley coalition formula over more than 15
    /// touch values.
    pub fn finish(self, spend: Option<&[ChannelSpend]>) -> Result<PartialResult> {
        Ok(match self {
            PartialState::Funnel(p) => PartialResult::Funnel(p.finish()),
            PartialState::Retention(p) => PartialResult::Retention(p.finish()),
            PartialState::Channel(p) => PartialResult::Channel(p.finalize(spend)),
            PartialState::Paths(p) => PartialResult::Paths(p.finish()),
            PartialState::Attribution(p) => PartialResult::Attribution(Box::new(p.finish(spend)?)),
        })
    }

    /// The versioned bytes of the state (see the module documentation for the layout).
    ///
    /// # Errors
    /// `invalid_partial_state` if the state cannot be encoded (it always can when it was
    /// computed by this library).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let kind = self.kind();
        let mut bytes = Vec::with_capacity(256);
        bytes.extend_from_slice(MAGIC);
        bytes.push(kind.tag());
        bytes.extend_from_slice(&kind.current_version().to_le_bytes());
        let written = match self {
            PartialState::Funnel(p) => serde_json::to_writer(&mut bytes, p),
            PartialState::Retention(p) => serde_json::to_writer(&mut bytes, p),
            PartialState::Channel(p) => serde_json::to_writer(&mut bytes, p),
            PartialState::Paths(p) => serde_json::to_writer(&mut bytes, p),
            PartialState::Attribution(p) => serde_json::to_writer(&mut bytes, p),
        };
        written.map_err(|e| invalid(e.to_string()))?;
        Ok(bytes)
    }

    /// Reads bytes written by [`PartialState::to_bytes`] of this or an earlier library version.
    ///
    /// # Errors
    /// `invalid_partial_state` when the bytes are not a state, or were written by a newer
    /// layout version than this library reads.
    pub fn from_bytes(bytes: &[u8]) -> Result<PartialState> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err(invalid("the bytes do not start with the magic `WAPS` of a webinar-analytics state"));
        }
        let kind = PartialKind::of_tag(bytes[4]).ok_or_else(|| invalid(format!("unknown kind tag {}", bytes[4])))?;
        let mut version = [0u8; 4];
        version.copy_from_slice(&bytes[5..HEADER]);
        let version = u32::from_le_bytes(version);
        let current = kind.current_version();
        if version == 0 || version > current {
            return Err(invalid(format!(
                "{} state of layout version {version}; this library reads versions 1 to {current} (upgrade it)",
                kind.name()
            )));
        }
        let payload = &bytes[HEADER..];
        let parsed = match kind {
            PartialKind::Funnel => serde_json::from_slice(payload).map(|mut p: FunnelPartial| {
                p.version = current;
                PartialState::Funnel(p)
            }),
            PartialKind::Retention => serde_json::from_slice(payload).map(|mut p: RetentionPartial| {
                p.version = current;
                PartialState::Retention(p)
            }),
            PartialKind::Channel => {
                serde_json::from_slice(payload).map(|p: ChannelPartial| PartialState::Channel(p.upgraded(current)))
            }
            PartialKind::Paths => serde_json::from_slice(payload).map(|mut p: PathsPartial| {
                p.version = current;
                PartialState::Paths(p)
            }),
            PartialKind::Attribution => serde_json::from_slice(payload).map(|mut p: AttributionPartial| {
                p.version = current;
                PartialState::Attribution(Box::new(p))
            }),
        };
        parsed.map_err(|e| invalid(format!("{} state: {e}", kind.name())))
    }

    /// States as one Arrow struct column `{kind: utf8, version: uint32, state: binary}` (the
    /// bytes of [`PartialState::to_bytes`]), one row per state: what an engine stores or ships.
    ///
    /// # Errors
    /// As [`PartialState::to_bytes`].
    pub fn to_arrow(states: &[PartialState]) -> Result<StructArray> {
        let bytes = states.iter().map(PartialState::to_bytes).collect::<Result<Vec<_>>>()?;
        let kinds = StringArray::from_iter_values(states.iter().map(|s| s.kind().name()));
        let versions = UInt32Array::from_iter_values(states.iter().map(|s| s.kind().current_version()));
        let blobs = BinaryArray::from_iter_values(bytes.iter());
        Ok(StructArray::new(arrow_fields(), vec![Arc::new(kinds), Arc::new(versions), Arc::new(blobs)], None))
    }

    /// Reads the states of an Arrow column: the struct column of [`PartialState::to_arrow`], or
    /// a plain binary (or large binary) column of [`PartialState::to_bytes`]. Null rows are
    /// skipped.
    ///
    /// # Errors
    /// `invalid_partial_state` for another column type or bytes that are not a state.
    pub fn from_arrow(column: &dyn Array) -> Result<Vec<PartialState>> {
        let column = match column.as_any().downcast_ref::<StructArray>() {
            Some(s) => {
                s.column_by_name("state").ok_or_else(|| invalid("the struct column has no field `state`"))?.as_ref()
            }
            None => column,
        };
        if let Some(binary) = column.as_any().downcast_ref::<BinaryArray>() {
            binary.iter().flatten().map(PartialState::from_bytes).collect()
        } else if let Some(binary) = column.as_any().downcast_ref::<LargeBinaryArray>() {
            binary.iter().flatten().map(PartialState::from_bytes).collect()
        } else {
            Err(invalid(format!("expected a binary column of states, found {}", column.data_type())))
        }
    }
}

/// The fields of the struct column of [`PartialState::to_arrow`].
#[must_use]
pub fn arrow_fields() -> Fields {
    Fields::from(vec![
        Field::new("kind", DataType::Utf8, false),
        Field::new("version", DataType::UInt32, false),
        Field::new("state", DataType::Binary, false),
    ])
}

/// Merges states of one analysis (over disjoint persons) into one.
///
/// # Errors
/// `invalid_parameter` when there are none or they belong to different analyses.
pub fn merge_states(states: impl IntoIterator<Item = PartialState>) -> Result<PartialState> {
    let mut states = states.into_iter();
    let mut total = states.next().ok_or_else(|| Error::invalid_parameter("partials", "give at least one state"))?;
    for state in states {
        total.merge(state)?;
    }
    Ok(total)
}
