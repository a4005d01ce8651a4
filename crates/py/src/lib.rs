//! Python bindings: conversion and error mapping over `webinar_analytics` (core).

mod campaign;
mod convert;
mod error;
mod experiment;
mod live;
mod models;
mod report;

use std::collections::BTreeMap;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use pyo3_arrow::PyTable;
use webinar_analytics::partial::{PartialResult, PartialState, merge_states};
use webinar_analytics::prelude::*;
use webinar_analytics::segmentation::{SegmentParams, segment_audience};

use crate::convert::{data_arg, load_options, records, time_arg, to_py};
use crate::error::IntoPyResult;

/// A columnar event log sorted by (person, time, kind), with its contacts.
#[pyclass(name = "EventLog", module = "webinar_analytics", frozen)]
pub(crate) struct PyEventLog {
    inner: EventLog,
}

impl PyEventLog {
    /// Wraps a core log.
    pub(crate) fn new(inner: EventLog) -> Self {
        PyEventLog { inner }
    }

    /// The core log.
    pub(crate) fn inner(&self) -> &EventLog {
        &self.inner
    }
}

/// CSV input: a path, or the file's content as bytes.
enum CsvSource {
    Path(PathBuf),
    Bytes(Vec<u8>),
}

impl<'py> FromPyObject<'_, 'py> for CsvSource {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(bytes) = obj.cast::<PyBytes>() {
            return Ok(CsvSource::Bytes(bytes.as_bytes().to_vec()));
        }
        if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
            return Ok(CsvSource::Path(obj.extract()?));
        }
        Err(error::to_py_err(&Error::InvalidParameter {
            name: "source".to_owned(),
            message: "expected a path (str or os.PathLike) or the file's bytes".to_owned(),
        }))
    }
}

/// A reader of an events file and an optional contacts file.
type FileReader = fn(&[u8], Option<&[u8]>, &LoadOptions) -> webinar_analytics::Result<EventLog>;

/// A log read by `read` from an events file and an optional contacts file (paths or bytes).
fn log_from_files(
    py: Python<'_>,
    events: CsvSource,
    contacts: Option<CsvSource>,
    columns: Option<BTreeMap<String, String>>,
    ts_unit: Option<&str>,
    read: FileReader,
) -> PyResult<PyEventLog> {
    let options = load_options(columns, ts_unit).py()?;
    let events = events.bytes().py()?;
    let contacts = contacts.map(CsvSource::bytes).transpose().py()?;
    let inner = py.detach(|| read(&events, contacts.as_deref(), &options)).py()?;
    Ok(PyEventLog { inner })
}

impl CsvSource {
    /// The file's path, to name it in errors (`None` for bytes).
    fn name(&self) -> Option<String> {
        match self {
            CsvSource::Bytes(_) => None,
            CsvSource::Path(p) => Some(p.display().to_string()),
        }
    }

    /// Runs `read` on the source's bytes; an error of a file names its path.
    fn read<T>(self, read: impl FnOnce(&[u8]) -> Result<T>) -> Result<T> {
        let name = self.name();
        let bytes = self.bytes()?;
        read(&bytes).map_err(|e| match name {
            Some(name) => e.in_file(name),
            None => e,
        })
    }

    fn bytes(self) -> Result<Vec<u8>> {
        match self {
            CsvSource::Bytes(b) => Ok(b),
            CsvSource::Path(p) => webinar_analytics::ingest::read_file(&p),
        }
    }
}

#[pymethods]
impl PyEventLog {
    /// This log and `other` as one: events side by side, the same id one person, one contact
    /// row per person (earliest registration, first non-null attribute, this log first).
    fn merge(&self, py: Python<'_>, other: &PyEventLog) -> PyResult<PyEventLog> {
        let merged = py.detach(|| webinar_analytics::identity::merge_logs(&[&self.inner, &other.inner])).py()?;
        Ok(PyEventLog { inner: merged })
    }

    /// Builds a log from Google Analytics 4 events in the BigQuery export schema (e.g.
    /// `pyarrow.parquet.read_table("ga4.parquet")`), or the export's Parquet file itself (a path
    /// or its bytes, read natively): `event_params` flattened to properties,
    /// `value` and `ga_session_id` to the value and session, `traffic_source` to properties, an
    /// `$identify` event when a pseudo id signs in. `rename` maps GA4 event names to the log's
    /// (`{"sign_up": "register"}`).
    #[staticmethod]
    #[pyo3(signature = (events, rename=None))]
    fn from_ga4(py: Python<'_>, events: &Bound<'_, PyAny>, rename: Option<BTreeMap<String, String>>) -> PyResult<Self> {
        use webinar_analytics::ingest::ga4::{Ga4Options, read_ga4_bytes, read_ga4_events};
        let options = Ga4Options { rename: rename.unwrap_or_default() };
        let inner = if events.is_instance_of::<PyString>()
            || events.is_instance_of::<PyBytes>()
            || events.hasattr("__fspath__")?
        {
            events.extract::<CsvSource>()?.read(|bytes| py.detach(|| read_ga4_bytes(bytes, &options)))
        } else {
            let (batches, _) = events.extract::<PyTable>()?.into_inner();
            py.detach(|| read_ga4_events(&batches, &options))
        };
        Ok(PyEventLog { inner: inner.py()? })
    }

    /// Builds a log from any Arrow table-like object (pyarrow Table, polars or pandas data frame:
    /// anything with `__arrow_c_stream__`), without passing rows through Python objects.
    #[staticmethod]
    #[pyo3(signature = (events, contacts=None, columns=None, ts_unit=None))]
    fn from_arrow(
        py: Python<'_>,
        events: PyTable,
        contacts: Option<PyTable>,
        columns: Option<BTreeMap<String, String>>,
        ts_unit: Option<&str>,
    ) -> PyResult<Self> {
        let options = load_options(columns, ts_unit).py()?;
        let (events, _) = events.into_inner();
        let contacts = contacts.map(|c| c.into_inner().0);
        let inner = py.detach(|| EventLog::from_arrow(&events, contacts.as_deref(), &options)).py()?;
        Ok(PyEventLog { inner })
    }

    /// Builds a log from Parquet files (paths or bytes) of events and optionally contacts, read
    /// natively (no pyarrow needed); same columns as `from_arrow`.
    #[staticmethod]
    #[pyo3(signature = (events, contacts=None, columns=None, ts_unit=None))]
    fn from_parquet(
        py: Python<'_>,
        events: CsvSource,
        contacts: Option<CsvSource>,
        columns: Option<BTreeMap<String, String>>,
        ts_unit: Option<&str>,
    ) -> PyResult<Self> {
        log_from_files(py, events, contacts, columns, ts_unit, EventLog::from_parquet)
    }

    /// Builds a log from a list of dicts (and optionally a list of contact dicts).
    #[staticmethod]
    #[pyo3(signature = (events, contacts=None, columns=None, ts_unit=None))]
    fn from_records(
        py: Python<'_>,
        events: &Bound<'_, PyAny>,
        contacts: Option<&Bound<'_, PyAny>>,
        columns: Option<BTreeMap<String, String>>,
        ts_unit: Option<&str>,
    ) -> PyResult<Self> {
        let options = load_options(columns, ts_unit).py()?;
        let events = records(events, Table::Events)?;
        let contacts = contacts.map(|c| records(c, Table::Contacts)).transpose()?;
        let inner = py.detach(|| EventLog::from_records(&events, contacts.as_deref(), &options)).py()?;
        Ok(PyEventLog { inner })
    }

    /// Builds a log from an events CSV and an optional contacts CSV (paths or bytes).
    #[staticmethod]
    #[pyo3(signature = (events, contacts=None, columns=None, ts_unit=None))]
    fn from_csv(
        py: Python<'_>,
        events: CsvSource,
        contacts: Option<CsvSource>,
        columns: Option<BTreeMap<String, String>>,
        ts_unit: Option<&str>,
    ) -> PyResult<Self> {
        log_from_files(py, events, contacts, columns, ts_unit, EventLog::from_csv)
    }

    /// Builds a log from a Zoom webinar attendee report (path or bytes); `tz` is the IANA
    /// timezone the report's times are written in.
    #[staticmethod]
    #[pyo3(signature = (source, tz="UTC"))]
    fn from_zoom_attendee_report(py: Python<'_>, source: CsvSource, tz: &str) -> PyResult<Self> {
        let options = ZoomOptions { tz: tz.to_owned() };
        let inner = source.read(|bytes| py.detach(|| read_zoom_attendee_report(bytes, &options))).py()?;
        Ok(PyEventLog { inner })
    }

    /// Builds a log from any of Zoom's webinar reports: `kind` is `"attendees"`,
    /// `"registrations"` (contacts with their registration answers), `"polls"` (`poll_answer`
    /// events) or `"qa"` (`question` events); UTF-8, UTF-16 or Latin-1 text.
    #[staticmethod]
    #[pyo3(signature = (source, kind, tz="UTC"))]
    fn from_zoom_report(py: Python<'_>, source: CsvSource, kind: &str, tz: &str) -> PyResult<Self> {
        let options = ZoomOptions { tz: tz.to_owned() };
        let read = webinar_analytics::ingest::zoom_reports::read_zoom_report;
        let inner = source.read(|bytes| py.detach(|| read(kind, bytes, &options))).py()?;
        Ok(PyEventLog { inner })
    }

    /// Number of distinct persons (in events or contacts).
    #[getter]
    fn person_count(&self) -> usize {
        self.inner.person_count()
    }

    /// Number of events.
    #[getter]
    fn event_count(&self) -> usize {
        self.inner.event_count()
    }

    /// Number of contacts.
    #[getter]
    fn contact_count(&self) -> usize {
        self.inner.contacts().len()
    }

    /// Event kinds, sorted.
    #[getter]
    fn kinds(&self) -> Vec<String> {
        self.inner.kind_names().iter().map(ToString::to_string).collect()
    }

    /// Bytes of memory the log holds.
    #[getter]
    fn heap_bytes(&self) -> usize {
        self.inner.heap_bytes()
    }

    /// The events as a pyarrow Table in the canonical layout, sorted by (`user_id`, `ts`, `event`).
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let batch = self.inner.events_to_arrow().py()?;
        PyTable::try_new(vec![batch.clone()], batch.schema())?.into_pyarrow(py)
    }

    /// The contacts as a pyarrow Table.
    fn contacts_to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let batch = self.inner.contacts_to_arrow().py()?;
        PyTable::try_new(vec![batch.clone()], batch.schema())?.into_pyarrow(py)
    }

    fn __len__(&self) -> usize {
        self.inner.event_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "EventLog(persons={}, events={}, contacts={}, kinds={})",
            self.inner.person_count(),
            self.inner.event_count(),
            self.inner.contacts().len(),
            self.inner.kind_names().len()
        )
    }
}

/// Where a result's main table (a list of rows) is.
#[derive(Clone, Copy)]
pub(crate) enum TableAt {
    /// The result is the list of rows.
    Whole,
    /// The rows are under this key.
    Key(&'static str),
    /// A cohort matrix: one row per cohort with its size and the rate of each period.
    Matrix,
}

/// The rows of a cohort matrix: `cohort`, `cohort_size`, then the rate of each period.
fn matrix_rows(json: &serde_json::Value) -> Option<serde_json::Value> {
    let cohorts = json.get("cohorts")?.as_array()?;
    let periods = json.get("periods")?.as_array()?;
    let sizes = json.get("cohort_size")?.as_array()?;
    let rates = json.get("rates")?.as_array()?;
    let rows = cohorts
        .iter()
        .zip(sizes)
        .zip(rates)
        .map(|((cohort, size), row)| {
            let mut out = serde_json::Map::new();
            out.insert("cohort".to_owned(), cohort.clone());
            out.insert("cohort_size".to_owned(), size.clone());
            for (period, rate) in periods.iter().zip(row.as_array().into_iter().flatten()) {
                let name = period.as_str().map_or_else(|| period.to_string(), str::to_owned);
                out.insert(name, rate.clone());
            }
            serde_json::Value::Object(out)
        })
        .collect();
    Some(serde_json::Value::Array(rows))
}

/// Every analysis result: plain data (`to_dict()`) identical in every language, whose main
/// table (a list of rows) converts to polars or pandas.
#[pyclass(name = "Result", module = "webinar_analytics", frozen)]
pub(crate) struct PyResultDict {
    json: serde_json::Value,
    table: TableAt,
}

impl PyResultDict {
    pub(crate) fn with_table<T: serde::Serialize>(value: &T, table: TableAt) -> PyResult<Self> {
        serde_json::to_value(value)
            .map(|json| PyResultDict { json, table })
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }

    fn table_json(&self) -> Option<std::borrow::Cow<'_, serde_json::Value>> {
        match self.table {
            TableAt::Whole => Some(std::borrow::Cow::Borrowed(&self.json)),
            TableAt::Key(key) => self.json.get(key).map(std::borrow::Cow::Borrowed),
            TableAt::Matrix => matrix_rows(&self.json).map(std::borrow::Cow::Owned),
        }
    }

    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows = self
            .table_json()
            .ok_or_else(|| pyo3::exceptions::PyTypeError::new_err("this result has no table to convert"))?;
        crate::convert::json_to_py(py, &rows)
    }
}

#[pymethods]
impl PyResultDict {
    /// Plain data, identical in every language.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::json_to_py(py, &self.json)
    }

    /// The result's main table as a polars `DataFrame`.
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("polars")?.getattr("DataFrame")?.call1((self.rows(py)?,))
    }

    /// The result's main table as a pandas `DataFrame`.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("pandas")?.getattr("DataFrame")?.call1((self.rows(py)?,))
    }

    /// Number of rows of the main table.
    fn __len__(&self) -> usize {
        self.table_json().and_then(|t| t.as_array().map(Vec::len)).unwrap_or(0)
    }

    /// Top-level fields as attributes: `result.counts`, `result.steps`.
    fn __getattr__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.json.get(key) {
            Some(v) => crate::convert::json_to_py(py, v),
            None => Err(pyo3::exceptions::PyAttributeError::new_err(key.to_owned())),
        }
    }

    fn __getitem__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.json.get(key) {
            Some(v) => crate::convert::json_to_py(py, v),
            None => Err(pyo3::exceptions::PyKeyError::new_err(key.to_owned())),
        }
    }

    fn __repr__(&self) -> String {
        match self.json.as_object() {
            Some(map) => format!("Result({})", map.keys().map(String::as_str).collect::<Vec<_>>().join(", ")),
            None => format!("Result(rows={})", self.__len__()),
        }
    }
}

/// A generated demo campaign: `.log` plus spend, email sends and agenda.
#[pyclass(name = "DemoCampaign", module = "webinar_analytics", frozen)]
struct PyDemoCampaign {
    log: Py<PyEventLog>,
    inner: DemoCampaign,
}

#[pymethods]
impl PyDemoCampaign {
    /// The campaign's events and contacts.
    #[getter]
    fn log(&self, py: Python<'_>) -> Py<PyEventLog> {
        self.log.clone_ref(py)
    }

    /// Spend, email sends and agenda as plain data.
    fn inputs_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.inputs())
    }
}

/// Summarizes a log: contacts, persons, events per kind, first and last timestamp.
#[pyfunction(name = "summary")]
fn py_summary(py: Python<'_>, log: &PyEventLog) -> PyResult<PyResultDict> {
    let result = py.detach(|| webinar_analytics::summary::summary(&log.inner));
    PyResultDict::with_table(&result, TableAt::Key("kinds"))
}

/// The channel table of a log: contacts, registrations, attendees, conversions, purchases,
/// revenue and rates per value of contact attribute `by`; cost columns when `spend` (a list of
/// dicts with date, channel, cost, ...) is given.
#[pyfunction(name = "channel_performance")]
#[pyo3(signature = (log, by="channel", spend=None))]
fn py_channel_performance(
    py: Python<'_>,
    log: &PyEventLog,
    by: &str,
    spend: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyResultDict> {
    let spend = spend_arg(spend)?;
    let params = ChannelParams { by: by.to_owned() };
    let inner = py.detach(|| channel_performance(&log.inner, &params, spend.as_deref())).py()?;
    PyResultDict::with_table(&inner, TableAt::Whole)
}

/// Attendance from join / leave events: attended minutes (union of each person's intervals),
/// concurrent viewers (peak, current, drop), section retention. `agenda` is a dict like
/// `demo.inputs_dict()["agenda"]`; `as_of` a datetime or ISO-8601 string.
#[pyfunction(name = "attendance")]
#[pyo3(signature = (log, agenda=None, as_of=None))]
fn py_attendance<'py>(
    py: Python<'py>,
    log: &PyEventLog,
    agenda: Option<&Bound<'py, PyAny>>,
    as_of: Option<&Bound<'py, PyAny>>,
) -> PyResult<PyResultDict> {
    let agenda: Option<WebinarAgenda> = agenda.filter(|a| !a.is_none()).map(|a| data_arg(a, "agenda")).transpose()?;
    let as_of = as_of.filter(|a| !a.is_none()).map(|a| time_arg(a, "as_of")).transpose().py()?;
    let result = py.detach(|| attendance(&log.inner, agenda.as_ref(), as_of));
    PyResultDict::with_table(&result, TableAt::Key("timeline"))
}

/// Every metric of the catalog computed from the log and its input tables, with target,
/// status (`on_track` / `at_risk` / `off_track` / `unknown`) and progress. `inputs` is a dict with
/// optional `spend`, `email_sends`, `agenda` and `uptime`; `targets` overrides default targets.
#[pyfunction(name = "scorecard")]
#[pyo3(signature = (log, inputs=None, targets=None, as_of=None, tolerance=0.1, weights=None))]
fn py_scorecard<'py>(
    py: Python<'py>,
    log: &PyEventLog,
    inputs: Option<&Bound<'py, PyAny>>,
    targets: Option<BTreeMap<String, f64>>,
    as_of: Option<&Bound<'py, PyAny>>,
    tolerance: f64,
    weights: Option<&Bound<'py, PyAny>>,
) -> PyResult<PyResultDict> {
    let inputs: serde_json::Value =
        inputs.filter(|i| !i.is_none()).map(|i| data_arg(i, "inputs")).transpose()?.unwrap_or_default();
    let inputs = ScorecardInputs::from_json(inputs).py()?;
    let as_of = as_of.filter(|a| !a.is_none()).map(|a| time_arg(a, "as_of")).transpose().py()?;
    let params = ScorecardParams {
        targets: targets.unwrap_or_default(),
        tolerance,
        as_of: as_of.map(Timestamp),
        weights: weights.filter(|w| !w.is_none()).map(|w| data_arg(w, "weights")).transpose()?.unwrap_or_default(),
    };
    let card = py.detach(|| scorecard(&log.inner, &inputs, &params)).py()?;
    PyResultDict::with_table(&card, TableAt::Key("metrics"))
}

/// The funnel options of `funnel` and `funnel_partial`, as plain data for the core.
#[allow(clippy::too_many_arguments)]
fn funnel_params(
    steps: &Bound<'_, PyAny>,
    window_seconds: Option<f64>,
    window: Option<&Bound<'_, PyAny>>,
    order: &str,
    exclusions: Option<&Bound<'_, PyAny>>,
    breakdown: Option<&str>,
    attribution: &str,
    breakdown_limit: usize,
    times: [(&str, Option<&Bound<'_, PyAny>>); 3],
    count: &str,
    dropped_ids: bool,
) -> PyResult<FunnelParams> {
    let mut options = serde_json::json!({
        "window_seconds": window_seconds,
        "order": order,
        "breakdown": breakdown,
        "attribution": attribution,
        "breakdown_limit": breakdown_limit,
        "count": count,
        "dropped_ids": dropped_ids,
    });
    if let Some(w) = window.filter(|a| !a.is_none()) {
        options["window"] = data_arg(w, "window")?;
    }
    if let Some(x) = exclusions.filter(|a| !a.is_none()) {
        options["exclusions"] = data_arg(x, "exclusions")?;
    }
    for (name, value) in times {
        if let Some(t) = value.filter(|a| !a.is_none()) {
            options[name] = serde_json::to_value(Timestamp(time_arg(t, name).py()?)).unwrap_or_default();
        }
    }
    FunnelParams::from_call_json(data_arg(steps, "steps")?, options).py()
}

/// Per-person event funnel (DOMAIN §3).
///
/// `steps`: event names or dicts `{"event", "properties", "optional", "window_seconds" or
/// "window", "label"}`. `window_seconds=` or `window="14d"` (default 14 days). `order`:
/// `"ordered"`, `"strict"` or `"unordered"`. `exclusions`: `[{"event", "from_step",
/// "to_step", "properties"}]`. `breakdown`: an event property or contact attribute, with
/// `attribution` `"first_touch"`, `"last_touch"` or `"step_N"`. `entry_from` / `entry_to`
/// bound step 1; `as_of` reports open attempts as in progress. `count`: `"persons"` or
/// `"attempts"`. `dropped_ids=True` lists who dropped at each step. The result has `.counts`
/// and `.steps`; `to_polars()` / `to_pandas()` give one row per step.
#[pyfunction(name = "funnel")]
#[pyo3(signature = (log, steps, window_seconds=None, window=None, order="ordered", exclusions=None, breakdown=None,
    attribution="first_touch", breakdown_limit=25, entry_from=None, entry_to=None, as_of=None, count="persons",
    dropped_ids=false))]
#[allow(clippy::too_many_arguments)]
fn py_funnel<'py>(
    py: Python<'py>,
    log: &PyEventLog,
    steps: &Bound<'py, PyAny>,
    window_seconds: Option<f64>,
    window: Option<&Bound<'py, PyAny>>,
    order: &str,
    exclusions: Option<&Bound<'py, PyAny>>,
    breakdown: Option<&str>,
    attribution: &str,
    breakdown_limit: usize,
    entry_from: Option<&Bound<'py, PyAny>>,
    entry_to: Option<&Bound<'py, PyAny>>,
    as_of: Option<&Bound<'py, PyAny>>,
    count: &str,
    dropped_ids: bool,
) -> PyResult<PyResultDict> {
    let times = [("entry_from", entry_from), ("entry_to", entry_to), ("as_of", as_of)];
    let params = funnel_params(
        steps,
        window_seconds,
        window,
        order,
        exclusions,
        breakdown,
        attribution,
        breakdown_limit,
        times,
        count,
        dropped_ids,
    )?;
    let result = py.detach(|| funnel(&log.inner, &params)).py()?;
    PyResultDict::with_table(&result, TableAt::Key("steps"))
}

/// The mergeable partial state of `funnel` (same arguments) as a plain dict: compute one per
/// subset of persons (per process, per file), then `merge_funnel_partials` gives exactly the
/// funnel over all of them, medians included. `as_bytes=True` gives the versioned bytes of the
/// state instead (see `merge_states`).
#[pyfunction(name = "funnel_partial")]
#[pyo3(signature = (log, steps, window_seconds=None, window=None, order="ordered", exclusions=None, breakdown=None,
    attribution="first_touch", breakdown_limit=25, entry_from=None, entry_to=None, as_of=None, count="persons",
    dropped_ids=false, as_bytes=false))]
#[allow(clippy::too_many_arguments)]
fn py_funnel_partial<'py>(
    py: Python<'py>,
    log: &PyEventLog,
    steps: &Bound<'py, PyAny>,
    window_seconds: Option<f64>,
    window: Option<&Bound<'py, PyAny>>,
    order: &str,
    exclusions: Option<&Bound<'py, PyAny>>,
    breakdown: Option<&str>,
    attribution: &str,
    breakdown_limit: usize,
    entry_from: Option<&Bound<'py, PyAny>>,
    entry_to: Option<&Bound<'py, PyAny>>,
    as_of: Option<&Bound<'py, PyAny>>,
    count: &str,
    dropped_ids: bool,
    as_bytes: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let times = [("entry_from", entry_from), ("entry_to", entry_to), ("as_of", as_of)];
    let params = funnel_params(
        steps,
        window_seconds,
        window,
        order,
        exclusions,
        breakdown,
        attribution,
        breakdown_limit,
        times,
        count,
        dropped_ids,
    )?;
    let partial = py.detach(|| funnel_partial(&log.inner, &params, 0..log.inner.person_count())).py()?;
    partial_out(py, partial, as_bytes)
}

/// Merges partials of one funnel (from `funnel_partial` on disjoint persons) into its result.
#[pyfunction(name = "merge_funnel_partials")]
fn py_merge_funnel_partials(partials: &Bound<'_, PyAny>) -> PyResult<PyResultDict> {
    let partials = FunnelPartial::list_from_json(data_arg(partials, "partials")?).py()?;
    PyResultDict::with_table(&merge_funnel_partials(partials).py()?, TableAt::Key("steps"))
}

/// Cohort retention matrix (DOMAIN §4). `period`: `"day"`, `"week"` (ISO), `"month"` or
/// `"quarter"` of local time in `tz`. Each person's cohort is the period of their anchor: the
/// contact column `anchor` (default `registered_at`; without contacts, their first event), or
/// with `anchor_event="purchase"` their first event of that kind. `activity`: event kinds that count (default any). `kind`: `"on"`,
/// `"on_or_after"` or brackets like `[0, [1, 3], "4-8"]`. Cells whose period has not fully
/// elapsed at `as_of` are `None`. `breakdown`: a contact attribute. The result has `cohorts`,
/// `periods`, `cohort_size`, `counts`, `rates`, `revenue`, `ltv`; `to_polars()` gives one row
/// per cohort with the rates by period.
#[pyfunction(name = "retention")]
#[pyo3(signature = (log, period="month", anchor=None, anchor_event=None, activity=None, kind=None,
    tz="UTC", as_of=None, breakdown=None, revenue_event="purchase"))]
#[allow(clippy::too_many_arguments)]
fn py_retention<'py>(
    py: Python<'py>,
    log: &PyEventLog,
    period: &str,
    anchor: Option<&str>,
    anchor_event: Option<&str>,
    activity: Option<&Bound<'py, PyAny>>,
    kind: Option<&Bound<'py, PyAny>>,
    tz: &str,
    as_of: Option<&Bound<'py, PyAny>>,
    breakdown: Option<&str>,
    revenue_event: &str,
) -> PyResult<PyResultDict> {
    let params = retention_params(period, anchor, anchor_event, activity, kind, tz, as_of, breakdown, revenue_event)?;
    let matrix = py.detach(|| retention(&log.inner, &params)).py()?;
    PyResultDict::with_table(&matrix, TableAt::Matrix)
}

/// The mergeable partial state of `retention` (same arguments) as a plain dict; merge the
/// partials of disjoint persons with `merge_retention_partials`. `as_bytes=True` gives the
/// versioned bytes of the state instead (see `merge_states`).
#[pyfunction(name = "retention_partial")]
#[pyo3(signature = (log, period="month", anchor=None, anchor_event=None, activity=None, kind=None,
    tz="UTC", as_of=None, breakdown=None, revenue_event="purchase", as_bytes=false))]
#[allow(clippy::too_many_arguments)]
fn py_retention_partial<'py>(
    py: Python<'py>,
    log: &PyEventLog,
    period: &str,
    anchor: Option<&str>,
    anchor_event: Option<&str>,
    activity: Option<&Bound<'py, PyAny>>,
    kind: Option<&Bound<'py, PyAny>>,
    tz: &str,
    as_of: Option<&Bound<'py, PyAny>>,
    breakdown: Option<&str>,
    revenue_event: &str,
    as_bytes: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let params = retention_params(period, anchor, anchor_event, activity, kind, tz, as_of, breakdown, revenue_event)?;
    let partial = py.detach(|| retention_partial(&log.inner, &params, 0..log.inner.person_count())).py()?;
    partial_out(py, partial, as_bytes)
}

/// A partial state as plain data, or as its versioned bytes.
fn partial_out<T>(py: Python<'_>, partial: T, as_bytes: bool) -> PyResult<Bound<'_, PyAny>>
where
    T: serde::Serialize + Into<PartialState>,
{
    if as_bytes {
        let bytes = partial.into().to_bytes().py()?;
        Ok(PyBytes::new(py, &bytes).into_any())
    } else {
        to_py(py, &partial)
    }
}

/// The mergeable state of `channel_performance` (same `by`) over this log's persons: plain
/// data, or with `as_bytes=True` its versioned bytes (see `merge_states`).
#[pyfunction(name = "channel_partial")]
#[pyo3(signature = (log, by="channel", as_bytes=false))]
fn py_channel_partial<'py>(py: Python<'py>, log: &PyEventLog, by: &str, as_bytes: bool) -> PyResult<Bound<'py, PyAny>> {
    let params = ChannelParams { by: by.to_owned() };
    let partial = py.detach(|| ChannelPartial::from_log(&log.inner, &params)).py()?;
    partial_out(py, partial, as_bytes)
}

/// Reads, merges and finishes versioned states (bytes from `funnel_partial(...,
/// as_bytes=True)`, `retention_partial`, `channel_partial`, written by this or another process,
/// in any language) computed on disjoint persons: the same result as the in-process call on
/// all of them. `spend` adds the cost columns of a channel table.
#[pyfunction(name = "merge_states")]
#[pyo3(signature = (states, spend=None))]
fn py_merge_states(
    py: Python<'_>,
    states: &Bound<'_, PyAny>,
    spend: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyResultDict> {
    let spend = spend_arg(spend)?;
    let states = states
        .try_iter()?
        .map(|s| s?.extract::<pyo3::pybacked::PyBackedBytes>().map_err(PyErr::from))
        .collect::<PyResult<Vec<_>>>()?;
    let result = py
        .detach(|| {
            let states = states
                .iter()
                .map(|b| PartialState::from_bytes(b.as_ref()))
                .collect::<webinar_analytics::Result<Vec<_>>>()?;
            Ok::<_, webinar_analytics::Error>(merge_states(states)?.finish(spend.as_deref()))
        })
        .py()?;
    match &result {
        PartialResult::Funnel(r) => PyResultDict::with_table(r, TableAt::Key("steps")),
        PartialResult::Retention(r) => PyResultDict::with_table(r, TableAt::Matrix),
        PartialResult::Channel(r) => PyResultDict::with_table(r, TableAt::Whole),
    }
}

/// Spend rows from a list of dicts or an Arrow table (`None` when not given).
fn spend_arg(spend: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<ChannelSpend>>> {
    let spend = spend.filter(|s| !s.is_none()).map(crate::convert::arrow_tables_to_rows).transpose()?;
    let spend = spend.map(|rows| records(&rows, Table::Spend)).transpose()?;
    spend.as_deref().map(read_spend_records).transpose().py()
}

/// Merges partials of one retention matrix (from `retention_partial` on disjoint persons).
#[pyfunction(name = "merge_retention_partials")]
fn py_merge_retention_partials(partials: &Bound<'_, PyAny>) -> PyResult<PyResultDict> {
    let partials = RetentionPartial::list_from_json(data_arg(partials, "partials")?).py()?;
    PyResultDict::with_table(&merge_retention_partials(partials).py()?, TableAt::Matrix)
}

#[allow(clippy::too_many_arguments)]
fn retention_params(
    period: &str,
    anchor: Option<&str>,
    anchor_event: Option<&str>,
    activity: Option<&Bound<'_, PyAny>>,
    kind: Option<&Bound<'_, PyAny>>,
    tz: &str,
    as_of: Option<&Bound<'_, PyAny>>,
    breakdown: Option<&str>,
    revenue_event: &str,
) -> PyResult<RetentionParams> {
    let mut options = serde_json::json!({
        "period": period,
        "anchor": anchor,
        "anchor_event": anchor_event,
        "tz": tz,
        "breakdown": breakdown,
        "revenue_event": revenue_event,
    });
    if let Some(k) = kind.filter(|k| !k.is_none()) {
        options["kind"] = data_arg(k, "kind")?;
    }
    if let Some(a) = activity.filter(|a| !a.is_none()) {
        options["activity"] = data_arg(a, "activity")?;
    }
    if let Some(t) = as_of.filter(|t| !t.is_none()) {
        options["as_of"] = serde_json::to_value(Timestamp(time_arg(t, "as_of").py()?)).unwrap_or_default();
    }
    RetentionParams::from_call_json(options).py()
}

/// The seed's cohort analysis: per cohort (as in `retention`) its size, conversions and
/// conversion rate, revenue, mean lifetime value, period-1 retention, attendees, mean
/// engagement score, mean attended minutes and interactions; and `insights` on whether
/// retention and conversion improve from the first cohort to the last (English and Spanish).
/// `agenda` and `weights` are those of `scorecard`. `to_polars()` gives one row per cohort.
#[pyfunction(name = "cohort_performance")]
#[pyo3(signature = (log, period="month", anchor=None, anchor_event=None, tz="UTC", as_of=None,
    agenda=None, weights=None, conversion_event="purchase", revenue_event="purchase"))]
#[allow(clippy::too_many_arguments)]
fn py_cohort_performance<'py>(
    py: Python<'py>,
    log: &PyEventLog,
    period: &str,
    anchor: Option<&str>,
    anchor_event: Option<&str>,
    tz: &str,
    as_of: Option<&Bound<'py, PyAny>>,
    agenda: Option<&Bound<'py, PyAny>>,
    weights: Option<&Bound<'py, PyAny>>,
    conversion_event: &str,
    revenue_event: &str,
) -> PyResult<PyResultDict> {
    let mut options = serde_json::json!({
        "period": period,
        "anchor": anchor,
        "anchor_event": anchor_event,
        "tz": tz,
        "conversion_event": conversion_event,
        "revenue_event": revenue_event,
    });
    if let Some(a) = agenda.filter(|a| !a.is_none()) {
        options["agenda"] = data_arg(a, "agenda")?;
    }
    if let Some(w) = weights.filter(|w| !w.is_none()) {
        options["weights"] = data_arg(w, "weights")?;
    }
    if let Some(t) = as_of.filter(|t| !t.is_none()) {
        options["as_of"] = serde_json::to_value(Timestamp(time_arg(t, "as_of").py()?)).unwrap_or_default();
    }
    let params = CohortPerformanceParams::from_call_json(options).py()?;
    let result = py.detach(|| cohort_performance(&log.inner, &params)).py()?;
    PyResultDict::with_table(&result, TableAt::Key("cohorts"))
}

/// The seed's audience segmentation: per contact engagement score, attended minutes,
/// interactions, email engagement and website visits, standardized; seeded k-means
/// (`n_clusters=None` or 0 suggests k in 2-8 by the silhouette); per segment size, share, feature means,
/// most common company size / industry / channel / job title, conversion rate, mean revenue and
/// the seed's recommendations (English and Spanish); each contact's segment in `assignments`.
#[pyfunction(name = "segment_audience")]
#[pyo3(signature = (log, n_clusters=5, n_init=10, seed=42, as_of=None, agenda=None, weights=None))]
#[allow(clippy::too_many_arguments)]
fn py_segment_audience<'py>(
    py: Python<'py>,
    log: &PyEventLog,
    n_clusters: Option<usize>,
    n_init: usize,
    seed: u64,
    as_of: Option<&Bound<'py, PyAny>>,
    agenda: Option<&Bound<'py, PyAny>>,
    weights: Option<&Bound<'py, PyAny>>,
) -> PyResult<PyResultDict> {
    let mut options = serde_json::json!({ "n_clusters": n_clusters.unwrap_or(0), "n_init": n_init, "seed": seed });
    if let Some(a) = agenda.filter(|a| !a.is_none()) {
        options["agenda"] = data_arg(a, "agenda")?;
    }
    if let Some(w) = weights.filter(|w| !w.is_none()) {
        options["weights"] = data_arg(w, "weights")?;
    }
    if let Some(t) = as_of.filter(|t| !t.is_none()) {
        options["as_of"] = serde_json::to_value(Timestamp(time_arg(t, "as_of").py()?)).unwrap_or_default();
    }
    let params = SegmentParams::from_call_json(options).py()?;
    let result = py.detach(|| segment_audience(&log.inner, &params)).py()?;
    PyResultDict::with_table(&result, TableAt::Key("segments"))
}

/// Daily or weekly series of registrations, attendance, conversions and revenue in timezone
/// `tz`, with the KPI cards (value, change over the previous period, trend).
#[pyfunction(name = "trends")]
#[pyo3(signature = (log, period="day", tz="UTC", as_of=None))]
fn py_trends<'py>(
    py: Python<'py>,
    log: &PyEventLog,
    period: &str,
    tz: &str,
    as_of: Option<&Bound<'py, PyAny>>,
) -> PyResult<PyResultDict> {
    let period: Period = serde_json::from_value(serde_json::Value::String(period.to_owned())).map_err(|_| {
        error::to_py_err(&Error::InvalidParameter {
            name: "period".to_owned(),
            message: "expected \"day\" or \"week\"".to_owned(),
        })
    })?;
    let as_of = as_of.filter(|a| !a.is_none()).map(|a| time_arg(a, "as_of")).transpose().py()?;
    let params = TrendParams { period, tz: tz.to_owned(), as_of: as_of.map(Timestamp) };
    let result = py.detach(|| trends(&log.inner, &params)).py()?;
    PyResultDict::with_table(&result, TableAt::Key("series"))
}

/// Contacts per value of each attribute in `by` (industry and company size by default).
#[pyfunction(name = "audience")]
#[pyo3(signature = (log, by=None))]
fn py_audience<'py>(py: Python<'py>, log: &PyEventLog, by: Option<Vec<String>>) -> PyResult<Bound<'py, PyAny>> {
    let by = by.unwrap_or_else(|| vec!["industry".to_owned(), "company_size".to_owned()]);
    to_py(py, &audience(&log.inner, &by).py()?)
}

/// Reads channel spend rows from a CSV file (path or bytes) with columns date, channel,
/// campaign, impressions, reach, clicks, cost, likes, comments, shares; returns a list of dicts
/// ready for `channel_performance(spend=...)` or `scorecard(inputs={"spend": ...})`.
#[pyfunction(name = "read_spend_csv")]
fn py_read_spend_csv(py: Python<'_>, source: CsvSource) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &source.read(|bytes| read_spend_csv(bytes)).py()?)
}

/// Reads email campaign rows from a CSV file (path or bytes) with columns campaign, sent,
/// delivered, `unique_opens`, `unique_clicks`; returns a list of dicts for `scorecard` inputs.
#[pyfunction(name = "read_email_sends_csv")]
fn py_read_email_sends_csv(py: Python<'_>, source: CsvSource) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &source.read(|bytes| read_email_sends_csv(bytes)).py()?)
}

/// Reads an ad platform's campaign performance export (Google Ads, Meta Ads Manager, LinkedIn
/// Campaign Manager; path or bytes; UTF-8, UTF-16 or Latin-1; the platform detected from the
/// header unless given) into `{"platform", "currency", "rows", "skipped"}`; `rows` are spend
/// rows ready for `scorecard(inputs={"spend": ...})`. `skip_bad_rows=True` reports bad rows in
/// `skipped` instead of failing.
#[pyfunction(name = "read_ad_report")]
#[pyo3(signature = (source, platform=None, channel=None, skip_bad_rows=false))]
fn py_read_ad_report<'py>(
    py: Python<'py>,
    source: CsvSource,
    platform: Option<&str>,
    channel: Option<&str>,
    skip_bad_rows: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let options = serde_json::json!({ "platform": platform, "channel": channel, "skip_bad_rows": skip_bad_rows });
    let read = webinar_analytics::ingest::ads::read_ad_report_from_call_json;
    to_py(py, &source.read(|bytes| read(bytes, options)).py()?)
}

/// Reads a HubSpot contacts export (path or bytes) into `{"contacts", "skipped"}`: contacts keyed
/// by normalized email, with channel, lifecycle stage, industry, company size, job title and
/// country, ready for `EventLog.from_records(events, contacts)`. `tz`: the export's timezone.
#[pyfunction(name = "read_hubspot_contacts")]
#[pyo3(signature = (source, tz="UTC", skip_bad_rows=false))]
fn py_read_hubspot_contacts<'py>(
    py: Python<'py>,
    source: CsvSource,
    tz: &str,
    skip_bad_rows: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let options = serde_json::json!({ "tz": tz, "skip_bad_rows": skip_bad_rows });
    let read = webinar_analytics::ingest::crm::read_hubspot_contacts_from_call_json;
    to_py(py, &source.read(|bytes| read(bytes, options)).py()?)
}

/// Reads an ActiveCampaign campaign report (path or bytes) into `{"sends", "skipped"}`; `sends`
/// are email-send rows for `scorecard(inputs={"email_sends": ...})`.
#[pyfunction(name = "read_activecampaign_report")]
#[pyo3(signature = (source, skip_bad_rows=false))]
fn py_read_activecampaign_report(py: Python<'_>, source: CsvSource, skip_bad_rows: bool) -> PyResult<Bound<'_, PyAny>> {
    let options = serde_json::json!({ "skip_bad_rows": skip_bad_rows });
    let read = webinar_analytics::ingest::crm::read_activecampaign_report_from_call_json;
    to_py(py, &source.read(|bytes| read(bytes, options)).py()?)
}

/// Reads an ActiveCampaign per-contact activity export (path or bytes: who opened, clicked,
/// unsubscribed, bounced) into an `EventLog` of `email_open`, `email_click`, ... events keyed by
/// the lower-cased email; `tz` is the account's timezone.
#[pyfunction(name = "read_activecampaign_activity")]
#[pyo3(signature = (source, tz="UTC"))]
fn py_read_activecampaign_activity(py: Python<'_>, source: CsvSource, tz: &str) -> PyResult<PyEventLog> {
    let options = serde_json::json!({ "tz": tz });
    let read = webinar_analytics::ingest::activecampaign::read_activecampaign_activity_from_call_json;
    let inner = source.read(|bytes| py.detach(|| read(bytes, options))).py()?;
    Ok(PyEventLog { inner })
}

/// Every metric of the catalog (id, stage, labels in English and Spanish, definition, formula,
/// unit, direction, default target, inputs), for a dashboard to render.
#[pyfunction(name = "catalog")]
fn py_catalog(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &catalog())
}

/// Generates the seeded demo campaign (about 13 events per contact).
#[pyfunction(name = "demo_campaign")]
#[pyo3(signature = (contacts=1000, seed=42))]
fn py_demo_campaign(py: Python<'_>, contacts: usize, seed: u64) -> PyResult<PyDemoCampaign> {
    let mut demo = py.detach(|| webinar_analytics::demo::demo_campaign(&DemoParams { contacts, seed })).py()?;
    let log = std::mem::replace(&mut demo.log, EventLog::from_records(&[], None, &LoadOptions::default()).py()?);
    Ok(PyDemoCampaign { log: Py::new(py, PyEventLog { inner: log })?, inner: demo })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    error::register(m)?;
    m.add_class::<PyEventLog>()?;
    m.add_class::<PyDemoCampaign>()?;
    m.add_class::<models::PyForestClassifier>()?;
    m.add_class::<models::PyForestRegressor>()?;
    m.add_class::<models::PyKMeans>()?;
    m.add_class::<models::PyStandardScaler>()?;
    m.add_class::<models::PyConversionPredictor>()?;
    m.add_class::<models::PyAttendancePredictor>()?;
    m.add_function(wrap_pyfunction!(py_channel_performance, m)?)?;
    m.add_function(wrap_pyfunction!(py_catalog, m)?)?;
    m.add_function(wrap_pyfunction!(py_funnel, m)?)?;
    m.add_function(wrap_pyfunction!(py_retention, m)?)?;
    m.add_function(wrap_pyfunction!(py_segment_audience, m)?)?;
    m.add_function(wrap_pyfunction!(models::conversion_features, m)?)?;
    m.add_class::<report::PyAlertEngine>()?;
    m.add_class::<live::PyLiveScorecard>()?;
    m.add_class::<campaign::PyCampaign>()?;
    m.add_function(wrap_pyfunction!(experiment::experiment, m)?)?;
    m.add_function(wrap_pyfunction!(experiment::analyze_experiment, m)?)?;
    m.add_function(wrap_pyfunction!(experiment::sample_size, m)?)?;
    m.add_function(wrap_pyfunction!(experiment::resolve_identities, m)?)?;
    m.add_function(wrap_pyfunction!(experiment::identity_report, m)?)?;
    m.add_class::<report::PyReport>()?;
    m.add_function(wrap_pyfunction!(report::alert_rules, m)?)?;
    m.add_function(wrap_pyfunction!(report::evaluate_alerts, m)?)?;
    m.add_function(wrap_pyfunction!(report::dashboard, m)?)?;
    m.add_function(wrap_pyfunction!(report::report, m)?)?;
    m.add_function(wrap_pyfunction!(report::schedule_runs, m)?)?;
    m.add_function(wrap_pyfunction!(py_cohort_performance, m)?)?;
    m.add_function(wrap_pyfunction!(py_retention_partial, m)?)?;
    m.add_function(wrap_pyfunction!(py_merge_retention_partials, m)?)?;
    m.add_function(wrap_pyfunction!(py_channel_partial, m)?)?;
    m.add_function(wrap_pyfunction!(py_merge_states, m)?)?;
    m.add_function(wrap_pyfunction!(py_funnel_partial, m)?)?;
    m.add_function(wrap_pyfunction!(py_merge_funnel_partials, m)?)?;
    m.add_function(wrap_pyfunction!(py_attendance, m)?)?;
    m.add_function(wrap_pyfunction!(py_scorecard, m)?)?;
    m.add_function(wrap_pyfunction!(py_trends, m)?)?;
    m.add_function(wrap_pyfunction!(py_read_spend_csv, m)?)?;
    m.add_function(wrap_pyfunction!(py_read_ad_report, m)?)?;
    m.add_function(wrap_pyfunction!(py_read_hubspot_contacts, m)?)?;
    m.add_function(wrap_pyfunction!(py_read_activecampaign_report, m)?)?;
    m.add_function(wrap_pyfunction!(py_read_activecampaign_activity, m)?)?;
    m.add_function(wrap_pyfunction!(py_read_email_sends_csv, m)?)?;
    m.add_function(wrap_pyfunction!(py_audience, m)?)?;
    m.add_class::<PyResultDict>()?;
    m.add_function(wrap_pyfunction!(py_summary, m)?)?;
    m.add_function(wrap_pyfunction!(py_demo_campaign, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ERROR_CODES", webinar_analytics::Error::CODES.to_vec())?;
    Ok(())
}
