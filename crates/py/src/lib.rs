//! Python bindings: conversion and error mapping over `webinar_analytics` (core).

mod arrow;
mod campaign;
mod convert;
mod error;
mod identity;
mod live;
mod models;
mod output;
mod report;

use std::collections::BTreeMap;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};
use webinar_analytics::contract::{self, TableAt};
use webinar_analytics::prelude::*;

use crate::convert::{Names, load_options, records};
use crate::error::IntoPyResult;
use crate::output::to_py;

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
    (events, contacts): (CsvSource, Option<CsvSource>),
    options: &LoadOptions,
    progress: Option<&Bound<'_, PyAny>>,
    read: FileReader,
) -> PyResult<PyEventLog> {
    let inner = crate::error::detach_reporting(py, progress, || {
        let events = events.bytes()?;
        let contacts = contacts.map(CsvSource::bytes).transpose()?;
        read(&events, contacts.as_deref(), options)
    })?;
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
        let merged =
            crate::error::detach(py, || webinar_analytics::identity::merge_logs(&[&self.inner, &other.inner]))?;
        Ok(PyEventLog { inner: merged })
    }

    /// This log with `new`'s events and contacts added, merged in one pass without re-sorting
    /// the history (a daily load onto an opened log); `new`'s non-null contact attributes win.
    fn append(&self, py: Python<'_>, new: &PyEventLog) -> PyResult<PyEventLog> {
        let inner = crate::error::detach(py, || self.inner.append(&new.inner))?;
        Ok(PyEventLog { inner })
    }

    /// A copy of this log whose event roles map to its own event names, kept with it:
    /// `log.with_kinds({"register": "sign_up", "purchase": "payment_done"})` makes every metric,
    /// funnel default and report count `sign_up` as registrations and `payment_done` as
    /// purchases. The loaders take the same mapping as `kinds=` without a copy.
    fn with_kinds(&self, py: Python<'_>, kinds: BTreeMap<String, String>) -> PyResult<PyEventLog> {
        Ok(PyEventLog { inner: crate::error::detach(py, || self.inner.clone().with_kinds(kinds))? })
    }

    /// The event roles mapped to this log's own event names.
    #[getter]
    fn kinds_map(&self) -> BTreeMap<String, String> {
        self.inner.kinds_map().clone()
    }

    /// Pickles as Arrow IPC bytes of its events and contacts, and its event roles.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let log = &slf.borrow().inner;
        let py = slf.py();
        let events = PyBytes::new(py, &log.events_to_ipc().py()?);
        let contacts = PyBytes::new(py, &log.contacts_to_ipc().py()?);
        let state = PyTuple::new(
            py,
            [events.into_any(), contacts.into_any(), log.kinds_map().clone().into_pyobject(py)?.into_any()],
        )?;
        Ok((slf.get_type().getattr("_restore")?, state))
    }

    /// A log from `__reduce__`'s state.
    #[staticmethod]
    fn _restore(py: Python<'_>, events: &[u8], contacts: &[u8], kinds: BTreeMap<String, String>) -> PyResult<Self> {
        let options = LoadOptions { kinds, ..LoadOptions::default() };
        Ok(PyEventLog { inner: crate::error::detach(py, || EventLog::from_ipc(events, Some(contacts), &options))? })
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
            let source = events.extract::<CsvSource>()?;
            crate::error::detach(py, || source.read(|bytes| read_ga4_bytes(bytes, &options)))?
        } else {
            let batches = crate::arrow::batches(events)?;
            crate::error::detach(py, || read_ga4_events(&batches, &options))?
        };
        Ok(PyEventLog { inner })
    }

    /// Builds a log from any Arrow C stream (pyarrow `Table` or `RecordBatchReader`, polars or pandas
    /// data frame, `DuckDB` relation, ADBC cursor's `fetch_record_batch()`: anything with
    /// `__arrow_c_stream__`), batch by batch, without passing rows through Python objects.
    #[staticmethod]
    #[pyo3(signature = (events, contacts=None, columns=None, ts_unit=None, kinds=None, progress=None))]
    fn from_arrow(
        py: Python<'_>,
        events: &Bound<'_, PyAny>,
        contacts: Option<&Bound<'_, PyAny>>,
        columns: Names,
        ts_unit: Option<&str>,
        kinds: Names,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = load_options(columns, ts_unit, kinds).py()?;
        // Contacts are read whole before the events' stream opens: one database connection
        // (DuckDB's) serves one open result at a time.
        let contacts = contacts.map(crate::arrow::batches).transpose()?;
        // The row count, for progress, where the input tells it without running a query
        // (a pyarrow table's `num_rows`, a polars frame's `height`).
        let rows = ["num_rows", "height"]
            .into_iter()
            .find_map(|name| events.getattr(name).ok().and_then(|n| n.extract::<u64>().ok()));
        let events = crate::arrow::stream(events)?;
        let contacts = contacts.map(|batches| batches.into_iter().map(Ok));
        let read = || EventLog::from_arrow_stream(events, rows, contacts, &options);
        let inner = crate::error::detach_reporting(py, progress, read)?;
        Ok(PyEventLog { inner })
    }

    /// Builds a log from Parquet files (paths or bytes) of events and optionally contacts, read
    /// natively (no pyarrow needed); same columns as `from_arrow`.
    #[staticmethod]
    #[pyo3(signature = (events, contacts=None, columns=None, ts_unit=None, kinds=None, progress=None))]
    fn from_parquet(
        py: Python<'_>,
        events: CsvSource,
        contacts: Option<CsvSource>,
        columns: Names,
        ts_unit: Option<&str>,
        kinds: Names,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = load_options(columns, ts_unit, kinds).py()?;
        log_from_files(py, (events, contacts), &options, progress, EventLog::from_parquet)
    }

    /// Builds a log from a list of dicts (and optionally a list of contact dicts).
    #[staticmethod]
    #[pyo3(signature = (events, contacts=None, columns=None, ts_unit=None, kinds=None))]
    fn from_records(
        py: Python<'_>,
        events: &Bound<'_, PyAny>,
        contacts: Option<&Bound<'_, PyAny>>,
        columns: Names,
        ts_unit: Option<&str>,
        kinds: Names,
    ) -> PyResult<Self> {
        let options = load_options(columns, ts_unit, kinds).py()?;
        let events = records(events, Table::Events)?;
        let contacts = contacts.map(|c| records(c, Table::Contacts)).transpose()?;
        let inner = crate::error::detach(py, || EventLog::from_records(&events, contacts.as_deref(), &options))?;
        Ok(PyEventLog { inner })
    }

    /// Builds a log from an events CSV and an optional contacts CSV (paths or bytes).
    #[staticmethod]
    #[pyo3(signature = (events, contacts=None, columns=None, ts_unit=None, kinds=None, progress=None))]
    fn from_csv(
        py: Python<'_>,
        events: CsvSource,
        contacts: Option<CsvSource>,
        columns: Names,
        ts_unit: Option<&str>,
        kinds: Names,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = load_options(columns, ts_unit, kinds).py()?;
        log_from_files(py, (events, contacts), &options, progress, EventLog::from_csv)
    }

    /// Builds a log from a Zoom webinar attendee report (path or bytes); `tz` is the IANA
    /// timezone the report's times are written in, `webinar_id` the webinar of its events
    /// (default: the report's Webinar ID), `replay=True` marks the joins as recording views.
    #[staticmethod]
    #[pyo3(signature = (source, tz="UTC", webinar_id=None, replay=false))]
    fn from_zoom_attendee_report(
        py: Python<'_>,
        source: CsvSource,
        tz: &str,
        webinar_id: Option<String>,
        replay: bool,
    ) -> PyResult<Self> {
        let options = ZoomOptions { tz: tz.to_owned(), webinar_id, replay };
        let inner = crate::error::detach(py, || source.read(|bytes| read_zoom_attendee_report(bytes, &options)))?;
        Ok(PyEventLog { inner })
    }

    /// Builds a log from any of Zoom's webinar reports: `kind` is `"attendees"`,
    /// `"registrations"` (contacts with their registration answers), `"polls"` (`poll_answer`
    /// events), `"qa"` (`question` events) or `"recording_views"` (on-demand viewing); UTF-8,
    /// UTF-16 or Latin-1 text. `webinar_id` and `replay` as in `from_zoom_attendee_report`.
    #[staticmethod]
    #[pyo3(signature = (source, kind, tz="UTC", webinar_id=None, replay=false))]
    fn from_zoom_report(
        py: Python<'_>,
        source: CsvSource,
        kind: &str,
        tz: &str,
        webinar_id: Option<String>,
        replay: bool,
    ) -> PyResult<Self> {
        let options = ZoomOptions { tz: tz.to_owned(), webinar_id, replay };
        let read = webinar_analytics::ingest::zoom_reports::read_zoom_report;
        let inner = crate::error::detach(py, || source.read(|bytes| read(kind, bytes, &options)))?;
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
        crate::arrow::ArrowTable::new(self.inner.events_to_arrow().py()?).into_pyarrow(py)
    }

    /// Writes the log to directory `path` (Arrow IPC files and `log.json`), which
    /// `EventLog.open` maps back in milliseconds; returns the path.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<PathBuf> {
        crate::error::detach(py, || self.inner.save(&path))?;
        Ok(path)
    }

    /// Opens a log written by `save`: its event columns are memory-mapped, not read.
    #[staticmethod]
    fn open(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let inner = crate::error::detach(py, move || EventLog::open(path))?;
        Ok(PyEventLog { inner })
    }

    /// The contacts as a pyarrow Table.
    fn contacts_to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::arrow::ArrowTable::new(self.inner.contacts_to_arrow().py()?).into_pyarrow(py)
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

/// Every analysis result: plain data (`to_dict()`) identical in every language, whose main
/// table (a list of rows) converts to polars or pandas.
#[pyclass(name = "Result", module = "webinar_analytics._native", frozen)]
pub(crate) struct PyResultDict {
    json: serde_json::Value,
    /// Where the main table is: `whole`, `matrix`, `none`, or the key of its rows.
    table: String,
}

impl PyResultDict {
    pub(crate) fn with_table<T: serde::Serialize>(value: &T, table: TableAt) -> PyResult<Self> {
        serde_json::to_value(value)
            .map(|json| PyResultDict::new(json, table))
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }

    fn new(json: serde_json::Value, table: TableAt) -> Self {
        let table = match table {
            TableAt::Whole => "whole",
            TableAt::Matrix => "matrix",
            TableAt::None => "none",
            TableAt::Key(key) => key,
        };
        PyResultDict { json, table: table.to_owned() }
    }

    /// The rows of the main table, or of the list under `key`.
    fn rows(&self, key: Option<&str>) -> PyResult<std::borrow::Cow<'_, [serde_json::Value]>> {
        let rows = match (key, self.table.as_str()) {
            (None, "whole") => contract::table_rows(&self.json, TableAt::Whole),
            (None, "matrix") => contract::table_rows(&self.json, TableAt::Matrix),
            (None, "none") => None,
            (Some(key), _) | (None, key) => contract::rows_under(&self.json, key),
        };
        rows.ok_or_else(|| match key {
            Some(key) => pyo3::exceptions::PyKeyError::new_err(format!("{key:?} is not a list of rows of this result")),
            None => pyo3::exceptions::PyTypeError::new_err("this result has no table to convert"),
        })
    }
}

#[pymethods]
impl PyResultDict {
    /// Plain data, identical in every language.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::output::json_to_py(py, &self.json)
    }

    /// Pickles as its JSON text and where its table is.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        let this = slf.get();
        Ok((slf.get_type().getattr("_restore")?, (this.json.to_string(), this.table.clone())))
    }

    /// A result from `__reduce__`'s state.
    #[staticmethod]
    fn _restore(json: &str, table: String) -> PyResult<Self> {
        let json = serde_json::from_str(json).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        Ok(PyResultDict { json, table })
    }

    /// The result's main table (or the list of rows under `key`, e.g. `"assignments"`) as an
    /// Arrow table (`__arrow_c_stream__`): typed columns, times as UTC timestamps, days as
    /// dates; no Python object per row.
    #[pyo3(signature = (key=None))]
    fn to_arrow<'py>(&self, py: Python<'py>, key: Option<&str>) -> PyResult<Bound<'py, crate::arrow::ArrowTable>> {
        let rows = self.rows(key)?;
        let batch = crate::error::detach(py, || contract::rows_to_arrow(&rows))?;
        Bound::new(py, crate::arrow::ArrowTable::new(batch))
    }

    /// The result's main table (or the rows under `key`) as a polars `DataFrame`, through Arrow.
    #[pyo3(signature = (key=None))]
    fn to_polars<'py>(&self, py: Python<'py>, key: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        py.import("polars")?.getattr("DataFrame")?.call1((self.to_arrow(py, key)?,))
    }

    /// The result's main table (or the rows under `key`) as a pandas `DataFrame`, through Arrow.
    #[pyo3(signature = (key=None))]
    fn to_pandas<'py>(&self, py: Python<'py>, key: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let table = py.import("pyarrow")?.getattr("table")?.call1((self.to_arrow(py, key)?,))?;
        table.call_method0("to_pandas")
    }

    /// The rows of the main table (or of the list under `key`) as plain data; `None` for a
    /// result without a table.
    #[pyo3(signature = (key=None))]
    fn table<'py>(&self, py: Python<'py>, key: Option<&str>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self.rows(key) {
            Ok(rows) => crate::output::json_to_py(py, &serde_json::Value::Array(rows.into_owned())).map(Some),
            Err(_) if key.is_none() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Number of rows of the main table.
    fn __len__(&self) -> usize {
        self.rows(None).map_or(0, |rows| rows.len())
    }

    /// Top-level fields as attributes: `result.counts`, `result.steps`.
    fn __getattr__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.json.get(key) {
            Some(v) => crate::output::json_to_py(py, v),
            None => Err(pyo3::exceptions::PyAttributeError::new_err(key.to_owned())),
        }
    }

    fn __getitem__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.json.get(key) {
            Some(v) => crate::output::json_to_py(py, v),
            None => Err(pyo3::exceptions::PyKeyError::new_err(key.to_owned())),
        }
    }

    /// The result's fields beside its methods, for attribute completion.
    fn __dir__(&self) -> Vec<String> {
        let methods = ["to_dict", "to_arrow", "to_polars", "to_pandas", "table"].map(str::to_owned);
        let fields = self.json.as_object().into_iter().flat_map(|m| m.keys().cloned());
        methods.into_iter().chain(fields).collect()
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

/// Runs call `name` of the core's table on `log` with `request` (a dict of the call's
/// options); the generated functions of `webinar_analytics` are written over this one.
#[pyfunction]
#[pyo3(signature = (name, log, request, progress=None))]
fn call<'py>(
    py: Python<'py>,
    name: &str,
    log: Option<&PyEventLog>,
    request: &Bound<'py, PyAny>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let request = crate::convert::to_value(request, "options")?;
    let run = || contract::call(name, log.map(|l| &l.inner), request);
    let output = crate::error::detach_reporting(py, progress, run)?;
    to_python(py, output)
}

/// A call's output as Python: plain data, a result, bytes, an event log or an object's handle.
fn to_python(py: Python<'_>, output: contract::Output) -> PyResult<Bound<'_, PyAny>> {
    match output {
        contract::Output::Data { value, table: TableAt::None } => crate::output::json_to_py(py, &value),
        contract::Output::Data { value, table } => Ok(Bound::new(py, PyResultDict::new(value, table))?.into_any()),
        contract::Output::Bytes(bytes) => Ok(PyBytes::new(py, &bytes).into_any()),
        contract::Output::Log(log) => Ok(Bound::new(py, PyEventLog { inner: *log })?.into_any()),
        contract::Output::Object { class, object } => {
            Ok(Bound::new(py, PyHandle { class, inner: std::sync::Mutex::new(object) })?.into_any())
        }
    }
}

/// An object of the library that keeps state (a fitted model), for the generated classes.
#[pyclass(name = "Handle", module = "webinar_analytics", frozen)]
struct PyHandle {
    class: &'static str,
    inner: std::sync::Mutex<Box<dyn contract::Object>>,
}

#[pymethods]
impl PyHandle {
    /// The object's class.
    #[getter]
    fn class_name(&self) -> &'static str {
        self.class
    }

    /// Runs method `name` of the object with `request` (named arguments), on `log` if given.
    #[pyo3(signature = (name, request, log=None))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        request: &Bound<'py, PyAny>,
        log: Option<&PyEventLog>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = crate::convert::to_value(request, "options")?;
        let output = crate::error::detach(py, || {
            let mut object = self.inner.lock().map_err(|_| Error::InvalidParameter {
                name: "object".into(),
                message: "is unusable after a panic".into(),
            })?;
            object.call(name, log.map(|l| &l.inner), request)
        })?;
        to_python(py, output)
    }
}

/// Generates the seeded demo campaign (about 13 events per contact).
#[pyfunction(name = "demo_campaign")]
#[pyo3(signature = (contacts=1000, seed=42))]
fn py_demo_campaign(py: Python<'_>, contacts: usize, seed: u64) -> PyResult<PyDemoCampaign> {
    let mut demo = crate::error::detach(py, || webinar_analytics::demo::demo_campaign(&DemoParams { contacts, seed }))?;
    let log = std::mem::replace(&mut demo.log, EventLog::from_records(&[], None, &LoadOptions::default()).py()?);
    Ok(PyDemoCampaign { log: Py::new(py, PyEventLog { inner: log })?, inner: demo })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    error::register(m)?;
    m.add_class::<PyEventLog>()?;
    m.add_class::<PyDemoCampaign>()?;
    m.add_function(wrap_pyfunction!(models::conversion_features, m)?)?;
    m.add_class::<report::PyAlertEngine>()?;
    m.add_class::<live::PyLiveScorecard>()?;
    m.add_class::<campaign::PyCampaign>()?;
    m.add_function(wrap_pyfunction!(identity::resolve_identities, m)?)?;
    m.add_class::<report::PyReport>()?;
    m.add_function(wrap_pyfunction!(report::report, m)?)?;
    m.add_class::<PyResultDict>()?;
    m.add_class::<arrow::ArrowTable>()?;
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_class::<PyHandle>()?;
    m.add_function(wrap_pyfunction!(py_demo_campaign, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ERROR_CODES", webinar_analytics::Error::CODES.to_vec())?;
    Ok(())
}
