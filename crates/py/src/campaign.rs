//! A campaign gathered from its sources' exports, with one scorecard over all of them.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use webinar_analytics::campaign::{Campaign, CampaignFile, campaign_from_call_json};
use webinar_analytics::metrics::ScorecardParams;

use crate::error::IntoPyResult;
use crate::output::to_py;
use crate::report::options;
use webinar_analytics::contract::TableAt;

use crate::{CsvSource, PyEventLog, PyResultDict};

/// One path / bytes, or a list of them, as campaign files (a path names its file in errors).
fn files(kind: &str, arg: Option<&Bound<'_, PyAny>>, out: &mut Vec<CampaignFile>) -> PyResult<()> {
    let Some(arg) = arg.filter(|a| !a.is_none()) else { return Ok(()) };
    let items: Vec<Bound<'_, PyAny>> = if arg.is_instance_of::<PyList>() || arg.is_instance_of::<PyTuple>() {
        arg.try_iter()?.collect::<PyResult<_>>()?
    } else {
        vec![arg.clone()]
    };
    for item in items {
        let source: CsvSource = item.extract()?;
        let name = source.name();
        out.push(CampaignFile { kind: kind.to_owned(), name, bytes: source.bytes().py()? });
    }
    Ok(())
}

/// A campaign from its exports: `zoom_attendees`, `zoom_registrations`, `zoom_polls`, `zoom_qa`,
/// `hubspot_contacts`, `activecampaign_report`, `activecampaign_activity`, `ad_report` (each a
/// path, bytes, or a list of
/// them), `events` (an `EventLog` or a list),
/// and keyword options `spend`, `email_sends` (rows), `agenda`, `uptime`, `tz` (the exports'
/// timezone), `skip_bad_rows`, `identity` (identity-resolution options, or `False`). The logs
/// merge into one on resolved persons; `scorecard()` runs over every source.
#[pyclass(name = "Campaign", module = "webinar_analytics")]
pub struct PyCampaign {
    inner: Campaign,
}

#[pymethods]
impl PyCampaign {
    #[new]
    #[pyo3(signature = (*, zoom_attendees=None, zoom_registrations=None, zoom_polls=None, zoom_qa=None,
        hubspot_contacts=None, activecampaign_report=None, activecampaign_activity=None, ad_report=None, events=None,
        **kwargs))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        zoom_attendees: Option<&Bound<'_, PyAny>>,
        zoom_registrations: Option<&Bound<'_, PyAny>>,
        zoom_polls: Option<&Bound<'_, PyAny>>,
        zoom_qa: Option<&Bound<'_, PyAny>>,
        hubspot_contacts: Option<&Bound<'_, PyAny>>,
        activecampaign_report: Option<&Bound<'_, PyAny>>,
        activecampaign_activity: Option<&Bound<'_, PyAny>>,
        ad_report: Option<&Bound<'_, PyAny>>,
        events: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let mut sources = Vec::new();
        files("zoom_attendees", zoom_attendees, &mut sources)?;
        files("zoom_registrations", zoom_registrations, &mut sources)?;
        files("zoom_polls", zoom_polls, &mut sources)?;
        files("zoom_qa", zoom_qa, &mut sources)?;
        files("hubspot_contacts", hubspot_contacts, &mut sources)?;
        files("activecampaign_report", activecampaign_report, &mut sources)?;
        files("activecampaign_activity", activecampaign_activity, &mut sources)?;
        files("ad_report", ad_report, &mut sources)?;
        let logs: Vec<webinar_analytics::events::EventLog> = match events.filter(|e| !e.is_none()) {
            None => Vec::new(),
            Some(one) if one.is_instance_of::<PyEventLog>() => {
                vec![one.extract::<PyRef<'_, PyEventLog>>()?.inner.clone()]
            }
            Some(many) => many
                .try_iter()?
                .map(|item| Ok(item?.extract::<PyRef<'_, PyEventLog>>()?.inner.clone()))
                .collect::<PyResult<_>>()?,
        };
        let options = options(&[], kwargs)?;
        let inner = crate::error::detach(py, || campaign_from_call_json(sources, logs, options))?;
        Ok(PyCampaign { inner })
    }

    /// The merged log on resolved persons.
    #[getter]
    fn log(&self) -> PyEventLog {
        PyEventLog { inner: self.inner.log().clone() }
    }

    /// What each source contributed: kind, events, contacts, rows, currency, skipped rows.
    #[getter]
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.sources())
    }

    /// What identity resolution merged and refused (None when it was turned off).
    #[getter]
    fn identity_report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.identity_report())
    }

    /// The scorecard over every source; options as `scorecard` (`targets`, `as_of`,
    /// `tolerance`, `weights`).
    #[pyo3(signature = (**kwargs))]
    fn scorecard(&self, py: Python<'_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<PyResultDict> {
        let params: ScorecardParams =
            webinar_analytics::ingest::options_from_json(options(&[], kwargs)?, "options").py()?;
        let card = crate::error::detach(py, || self.inner.scorecard(&params))?;
        PyResultDict::with_table(&card, TableAt::Key("metrics"))
    }
}
