//! Alerts, dashboards, reports and schedules: options go to the core as plain data.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use webinar_analytics::alerts::AlertEngine;
use webinar_analytics::events::Timestamp;
use webinar_analytics::report::{Report, report_from_call_json};

use crate::convert::{data_arg, time_arg};
use crate::error::IntoPyResult;
use crate::output::to_py;

/// Keyword options plus the named arguments, as one JSON object for the core.
pub(crate) fn options(
    named: &[(&str, Option<&Bound<'_, PyAny>>)],
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<serde_json::Value> {
    let mut map = match kwargs {
        Some(k) => data_arg::<serde_json::Map<String, serde_json::Value>>(k.as_any(), "options")?,
        None => serde_json::Map::new(),
    };
    for (name, value) in named {
        if let Some(v) = value.filter(|v| !v.is_none()) {
            map.insert((*name).to_owned(), data_arg(v, name)?);
        }
    }
    Ok(serde_json::Value::Object(map))
}

/// Alert rules evaluated over time: an alert fires once, reminds after the policy's cooldown,
/// escalates by severity into a notification plan (who, which channel, when) and resolves.
/// `rules`: a list of rule dicts or a built-in set's name (default `all`); `policy`:
/// `{"escalation": {"high": {"delay_seconds": 300, "channels": ["email"], "recipients": [...]}},
/// "cooldown_seconds": 14400}` (default: the seed's escalation rules).
#[pyclass(name = "AlertEngine", module = "webinar_analytics")]
pub struct PyAlertEngine {
    inner: AlertEngine,
}

#[pymethods]
impl PyAlertEngine {
    #[new]
    #[pyo3(signature = (rules=None, policy=None, watches=None))]
    fn new(
        rules: Option<&Bound<'_, PyAny>>,
        policy: Option<&Bound<'_, PyAny>>,
        watches: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = options(&[("rules", rules), ("policy", policy), ("watches", watches)], None)?;
        Ok(PyAlertEngine { inner: AlertEngine::from_call_json(&options).py()? })
    }

    /// Evaluates the rules on `log` at `at` (default: its last event): catalog metrics from its
    /// scorecard with `inputs`, watch fields (`<id>.anomaly`, `<id>.change_percent`, ...) from
    /// the watches' series; the update also lists each watch's latest period.
    #[pyo3(signature = (log, inputs=None, at=None))]
    fn evaluate_log<'py>(
        &mut self,
        py: Python<'py>,
        log: &crate::PyEventLog,
        inputs: Option<&Bound<'py, PyAny>>,
        at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = options(&[("inputs", inputs), ("at", at)], None)?;
        let update = self.inner.evaluate_log_call_json(log.inner(), &options).py()?;
        to_py(py, &update)
    }

    /// Evaluates a scorecard (result, dict, or `{metric: value}`) at time `at` (default: the
    /// scorecard's `as_of`); returns the update: rules, active alerts, events, notifications to
    /// send now, scheduled and cancelled ones.
    #[pyo3(signature = (scorecard, at=None))]
    fn evaluate<'py>(
        &mut self,
        scorecard: &Bound<'py, PyAny>,
        at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at = at.filter(|a| !a.is_none()).map(|a| time_arg(a, "at")).transpose().py()?;
        let update = self.inner.evaluate_json(&data_arg(scorecard, "scorecard")?, at.map(Timestamp)).py()?;
        to_py(scorecard.py(), &update)
    }

    /// The engine and its state as versioned JSON text (keep it between refreshes).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Loads an engine saved by `to_json` (in any language).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        Ok(PyAlertEngine { inner: AlertEngine::from_json(text).py()? })
    }

    /// The rules.
    #[getter]
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.rules())
    }
}

/// A report of the seed (`kind`: daily, weekly, monthly; `lang`: en, es), with `to_dict()`,
/// `to_markdown()`, `to_html()` (one self-contained file, inline SVG charts) and
/// `write_html(path)`.
#[pyclass(name = "Report", module = "webinar_analytics", frozen)]
pub struct PyReport {
    inner: Report,
}

#[pymethods]
impl PyReport {
    /// Plain data, identical in every language.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// Markdown text.
    fn to_markdown(&self) -> String {
        self.inner.to_markdown()
    }

    /// One self-contained HTML page.
    fn to_html(&self) -> String {
        self.inner.to_html()
    }

    /// Writes the HTML page to `path`; returns the path.
    fn write_html(&self, path: std::path::PathBuf) -> PyResult<std::path::PathBuf> {
        std::fs::write(&path, self.inner.to_html())?;
        Ok(path)
    }

    /// The report's title.
    #[getter]
    fn title(&self) -> String {
        self.inner.title.clone()
    }

    fn _repr_html_(&self) -> String {
        self.inner.to_html()
    }

    fn __repr__(&self) -> String {
        format!("Report({:?}, as_of={:?})", self.inner.title, self.inner.as_of)
    }
}

/// The seed's daily, weekly or monthly report of `log`. Options as `dashboard`, plus
/// `recipients` and `segments=4` (monthly segmentation).
#[pyfunction]
#[pyo3(signature = (log, kind="daily", lang="en", inputs=None, **options))]
pub fn report<'py>(
    py: Python<'py>,
    log: &crate::PyEventLog,
    kind: &str,
    lang: &str,
    inputs: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<PyReport> {
    let mut call = self::options(&[("inputs", inputs)], options)?;
    call["kind"] = serde_json::Value::from(kind);
    call["lang"] = serde_json::Value::from(lang);
    Ok(PyReport { inner: crate::error::detach(py, || report_from_call_json(log.inner(), call))? })
}
