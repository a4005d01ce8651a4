//! The live scorecard: batches of events in, live counters and the scorecard out.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use webinar_analytics::error::Table;
use webinar_analytics::events::Timestamp;
use webinar_analytics::live::LiveScorecard;

use crate::convert::{records, time_arg};
use crate::error::IntoPyResult;
use crate::output::to_py;
use crate::report::options;
use webinar_analytics::contract::TableAt;

use crate::{PyEventLog, PyResultDict};

fn now_arg(now: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Timestamp>> {
    now.filter(|n| !n.is_none()).map(|n| time_arg(n, "now")).transpose().py().map(|t| t.map(Timestamp))
}

/// A scorecard kept up to date as events arrive: each `append` costs in proportion to the
/// batch, not the log; events older than `now - lateness_seconds` are reported as late, not
/// applied; `alerts` (`{"rules": ..., "policy": ...}`, as `AlertEngine`) evaluate on every
/// update. Keyword options: `inputs`, `targets`, `tolerance`, `weights` (as `scorecard`),
/// `lateness_seconds` (300), `columns`, `ts_unit`, `kinds` (event roles, as in loading),
/// `webinar` (only its events apply) with `agendas`, `alerts`.
#[pyclass(name = "LiveScorecard", module = "webinar_analytics")]
pub struct PyLiveScorecard {
    inner: LiveScorecard,
}

#[pymethods]
impl PyLiveScorecard {
    #[new]
    #[pyo3(signature = (**kwargs))]
    fn new(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Ok(PyLiveScorecard { inner: LiveScorecard::from_call_json(options(&[], kwargs)?).py()? })
    }

    /// Applies a batch of event dicts or an Arrow table (`user_id`, `ts`, `event`, `value`, `session_id`, ...);
    /// `now` (a datetime or ISO text) moves "now" on even without events. Returns the update:
    /// accepted, late events, the live status and the alert update.
    #[pyo3(signature = (events, now=None))]
    fn append<'py>(
        &mut self,
        py: Python<'py>,
        events: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let events = records(events, Table::Events)?;
        let now = now_arg(now)?;
        let update = crate::error::detach(py, || self.inner.append(&events, now))?;
        to_py(py, &update)
    }

    /// Applies the events of a log (e.g. `EventLog.from_arrow(batch)`).
    #[pyo3(signature = (log, now=None))]
    fn append_log<'py>(
        &mut self,
        py: Python<'py>,
        log: &PyEventLog,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let now = now_arg(now)?;
        let update = crate::error::detach(py, || self.inner.append_log(&log.inner, now))?;
        to_py(py, &update)
    }

    /// Moves "now" on without events (people still watching accrue time).
    fn advance<'py>(&mut self, py: Python<'py>, now: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let now = Timestamp(time_arg(now, "now").py()?);
        to_py(py, &self.inner.advance(now).py()?)
    }

    /// The scorecard as of now (equal to `scorecard(log, as_of=now)` on the accepted events).
    fn scorecard(&self) -> PyResult<PyResultDict> {
        PyResultDict::with_table(&self.inner.scorecard(), TableAt::Key("metrics"))
    }

    /// The live counters: viewers now, peak, attendance drop, engagement, sections.
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.status())
    }

    /// The accepted events as an `EventLog`, for any batch analysis.
    fn to_event_log(&self) -> PyResult<PyEventLog> {
        Ok(PyEventLog { inner: self.inner.to_event_log().py()? })
    }
}
