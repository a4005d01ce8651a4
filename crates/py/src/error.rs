//! The one mapping from core errors to Python exceptions.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyUserWarning};
use pyo3::prelude::*;
use webinar_analytics::Error;

create_exception!(
    webinar_analytics,
    AnalyticsError,
    PyException,
    "Base class of every error of the library; `.code` is a stable machine code, `.details` a dict with table, column, row."
);
create_exception!(
    webinar_analytics,
    SchemaError,
    AnalyticsError,
    "The table's shape is wrong: a missing column, a column of the wrong type, mixed id types."
);
create_exception!(
    webinar_analytics,
    DataError,
    AnalyticsError,
    "A value in the table is invalid: a null id, an unparseable timestamp, a NaN, a duplicate contact."
);
create_exception!(
    webinar_analytics,
    FormatError,
    AnalyticsError,
    "A file or byte buffer is malformed (CSV, Arrow IPC) or unreadable."
);
create_exception!(webinar_analytics, ParameterError, AnalyticsError, "An argument of the call is invalid.");
create_exception!(
    webinar_analytics,
    AnalyticsWarning,
    PyUserWarning,
    "A result answered despite something its reader should know (e.g. a funnel step naming an absent event); the result's `warnings` list them with code and path."
);

/// Converts a core error into the exception of its category, carrying `.code` and `.details`.
pub fn to_py_err(err: &Error) -> PyErr {
    let message = err.to_string();
    let py_err = match err.category() {
        "schema" => SchemaError::new_err(message),
        "data" => DataError::new_err(message),
        "format" => FormatError::new_err(message),
        "parameter" => ParameterError::new_err(message),
        // Raised only where no signal did: work stopped from elsewhere.
        "interrupted" => pyo3::exceptions::PyKeyboardInterrupt::new_err(message),
        _ => AnalyticsError::new_err(message),
    };
    Python::attach(|py| {
        let value = py_err.value(py);
        // Attaching attributes to a fresh exception instance cannot fail in practice; if it
        // does, the exception still carries its class and message.
        let _ = value.setattr("code", err.code());
        if let Ok(details) = crate::output::json_to_py(py, &serde_json::to_value(err.details()).unwrap_or_default()) {
            let _ = value.setattr("details", details);
        }
    });
    py_err
}

/// How often a call running without the GIL looks for Ctrl-C.
const POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// Runs `work` without the GIL (other Python threads keep running) on a worker thread, while
/// this thread looks for signals every 50 ms: Ctrl-C stops the work at its next checkpoint and
/// raises `KeyboardInterrupt` (see `webinar_analytics::control`).
pub fn detach<R: Send>(py: Python<'_>, work: impl FnOnce() -> Result<R, Error> + Send) -> PyResult<R> {
    detach_reporting(py, None, work)
}

/// [`detach`] that also tells `progress` how far the work got: `progress(stage, done, total)`
/// on this thread at each poll where it moved (an exception of `progress` stops the work and is
/// raised). `True` draws a bar (`webinar_analytics._progress.Bar`: tqdm when installed).
pub fn detach_reporting<R: Send>(
    py: Python<'_>,
    progress: Option<&Bound<'_, PyAny>>,
    work: impl FnOnce() -> Result<R, Error> + Send,
) -> PyResult<R> {
    let report: Option<Py<PyAny>> = match progress {
        None => None,
        Some(p) if p.is_instance_of::<pyo3::types::PyBool>() => {
            let bar = || py.import("webinar_analytics._progress")?.getattr("Bar")?.call0();
            if p.is_truthy()? { Some(bar()?.unbind()) } else { None }
        }
        Some(p) if p.is_callable() => Some(p.clone().unbind()),
        Some(_) => {
            return Err(to_py_err(&Error::InvalidParameter {
                name: "progress".into(),
                message: "expected True, False, None or a callable(stage, done, total)".into(),
            }));
        }
    };
    let mut raised = None;
    let mut last = None;
    let out = py.detach(|| {
        let poll = |control: &webinar_analytics::control::Control| {
            Python::attach(|py| {
                py.check_signals()?;
                let now = control.progress();
                match (&report, now) {
                    (Some(report), Some(p)) if last != now => {
                        last = now;
                        report.bind(py).call1((p.stage, p.done, p.total)).map(drop)
                    }
                    _ => Ok(()),
                }
            })
            .map_err(|e| raised = Some(e))
            .is_ok()
        };
        webinar_analytics::control::supervise(work, poll, POLL)
    });
    if let Some(report) = report.as_ref().map(|r| r.bind(py)).filter(|r| r.hasattr("close").unwrap_or(false)) {
        report.call_method0("close")?;
    }
    match raised {
        Some(err) => Err(err),
        None => out.py(),
    }
}

/// `Result` of the core mapped to a `PyResult`.
pub trait IntoPyResult<T> {
    /// Maps the error with [`to_py_err`].
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(|e| to_py_err(&e))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("AnalyticsError", py.get_type::<AnalyticsError>())?;
    m.add("SchemaError", py.get_type::<SchemaError>())?;
    m.add("DataError", py.get_type::<DataError>())?;
    m.add("FormatError", py.get_type::<FormatError>())?;
    m.add("ParameterError", py.get_type::<ParameterError>())?;
    m.add("AnalyticsWarning", py.get_type::<AnalyticsWarning>())?;
    Ok(())
}
