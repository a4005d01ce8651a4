//! Identity resolution: the log rebuilt on resolved persons, with its report (a Python tuple).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::data_arg;
use crate::error::IntoPyResult;
use crate::output::to_py;

fn options(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<serde_json::Value> {
    kwargs.map_or(Ok(serde_json::Value::Null), |k| data_arg(k.as_any(), "options"))
}

/// One person per human: ids sharing a normalized email, and anonymous ids named by an
/// identify event (`$identify` with `$anon_distinct_id`, as PostHog's), become one person
/// (see the README's rule). Returns `(resolved_log, report)`; options `email_attribute`,
/// `strip_plus`, `identify_event`, `anon_property`.
#[pyfunction]
#[pyo3(signature = (log, **options))]
pub fn resolve_identities<'py>(
    py: Python<'py>,
    log: &crate::PyEventLog,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(crate::PyEventLog, Bound<'py, PyAny>)> {
    let params = webinar_analytics::identity::params_from_call_json(self::options(options)?).py()?;
    let (resolved, report) =
        crate::error::detach(py, || webinar_analytics::identity::resolve_identities(log.inner(), &params))?;
    Ok((crate::PyEventLog::new(resolved), to_py(py, &report)?))
}
