//! The conversion predictor's feature table as numpy arrays (the estimators themselves are
//! classes of the core's call contract, wrapped by `webinar_analytics.models`).

use numpy::{PyArray1, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use webinar_analytics::prediction::ConversionParams;

use crate::error::IntoPyResult;

/// `params` with the call's agenda, `as_of` and engagement weights.
fn with_options(
    mut params: ConversionParams,
    agenda: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<ConversionParams> {
    if let Some(a) = agenda.filter(|a| !a.is_none()) {
        params.agenda = Some(crate::convert::data_arg(a, "agenda")?);
    }
    if let Some(w) = weights.filter(|w| !w.is_none()) {
        params.weights = crate::convert::data_arg(w, "weights")?;
    }
    if let Some(t) = as_of.filter(|t| !t.is_none()) {
        params.as_of = Some(webinar_analytics::events::Timestamp(crate::convert::time_arg(t, "as_of").py()?));
    }
    Ok(params)
}

/// The conversion predictor's feature table of the attendees of `log`: a dict with `columns`,
/// `user_id` (one per row), `X` (a 2-D float array) and `y` (1 when the attendee converted), to
/// inspect the features or train another model on them.
#[pyfunction]
#[pyo3(signature = (log, agenda=None, as_of=None, weights=None))]
pub fn conversion_features<'py>(
    py: Python<'py>,
    log: &crate::PyEventLog,
    agenda: Option<&Bound<'py, PyAny>>,
    as_of: Option<&Bound<'py, PyAny>>,
    weights: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let params = with_options(ConversionParams::default(), agenda, as_of, weights)?;
    let table = crate::error::detach(py, || webinar_analytics::prediction::conversion_features(log.inner(), &params))?;
    let out = PyDict::new(py);
    out.set_item("columns", &table.columns)?;
    out.set_item("user_id", crate::output::to_py(py, &table.user_ids)?)?;
    let x = numpy::PyArray1::from_vec(py, table.values).reshape([table.user_ids.len(), table.columns.len()])?;
    out.set_item("X", x)?;
    let y: Vec<i64> = table.converted.iter().map(|c| i64::from(*c)).collect();
    out.set_item("y", PyArray1::from_vec(py, y))?;
    Ok(out)
}
