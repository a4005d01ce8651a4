//! A/B tests: options go to the core as plain data.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use webinar_analytics::experiment::{analyze_from_call_json, experiment_from_call_json};

use crate::convert::{data_arg, to_py};
use crate::error::IntoPyResult;

fn options(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<serde_json::Value> {
    kwargs.map_or(Ok(serde_json::Value::Null), |k| data_arg(k.as_any(), "options"))
}

/// An A/B test read from the log: `variant={"attribute": "subject_variant"}` or
/// `{"event": "email_open", "property": "subject"}` (first exposure; conversions count after
/// it), `conversion_event="purchase"`, `metric={"kind": "value_sum", "event": "purchase"}` (or
/// `count`, or `attended_minutes`), `as_of`, and the analysis options of `analyze_experiment`.
#[pyfunction]
#[pyo3(signature = (log, **options))]
pub fn experiment<'py>(
    py: Python<'py>,
    log: &crate::PyEventLog,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<crate::PyResultDict> {
    let call = self::options(options)?;
    let result = py.detach(|| experiment_from_call_json(log.inner(), call)).py()?;
    crate::PyResultDict::with_table(&result, webinar_analytics::contract::TableAt::Key("variants"))
}

/// An A/B test from totals: `counts` is a list of `{"variant", "n", "conversions",
/// "metric_mean", "metric_variance"}` (or a data frame). Options: `control`, `alpha=0.05`,
/// `power=0.8`, `prior=[1, 1]`, `expected_shares`, `srm_threshold=0.001`, `msprt_tau=0.05`.
#[pyfunction]
#[pyo3(signature = (counts, **options))]
pub fn analyze_experiment(
    counts: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<crate::PyResultDict> {
    let result = analyze_from_call_json(data_arg(counts, "counts")?, self::options(options)?).py()?;
    crate::PyResultDict::with_table(&result, webinar_analytics::contract::TableAt::Key("variants"))
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
        py.detach(|| webinar_analytics::identity::resolve_identities(log.inner(), &params)).py()?;
    Ok((crate::PyEventLog::new(resolved), to_py(py, &report)?))
}

/// What `resolve_identities` would merge and refuse, without rebuilding the log.
#[pyfunction]
#[pyo3(signature = (log, **options))]
pub fn identity_report<'py>(
    py: Python<'py>,
    log: &crate::PyEventLog,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let params = webinar_analytics::identity::params_from_call_json(self::options(options)?).py()?;
    to_py(py, &webinar_analytics::identity::identity_report(log.inner(), &params))
}
