//! A campaign gathered from its sources' exports, with one scorecard over all of them.

use std::sync::Arc;

use napi::Env;
use napi::bindgen_prelude::{Object, Uint8Array, Unknown};
use napi_derive::napi;
use webinar_analytics::campaign::{Campaign, CampaignFile, campaign_from_call_json};
use webinar_analytics::metrics::ScorecardParams;

use crate::{JsEventLog, OrThrow, plain};

/// One export file of a campaign.
#[napi(object, js_name = "CampaignFile")]
pub struct JsCampaignFile {
    /// `zoom_attendees`, `zoom_registrations`, `zoom_polls`, `zoom_qa`, `hubspot_contacts`,
    /// `activecampaign_report`, `activecampaign_activity` or `ad_report`.
    pub kind: String,
    /// The file's bytes.
    pub bytes: Uint8Array,
    /// Its name (e.g. the path), given in the error of a bad file.
    pub name: Option<String>,
}

/// A campaign from its exports and logs: one log on resolved persons, spend, email sends and
/// agenda beside it; `scorecard()` runs over every source.
#[napi(js_name = "Campaign")]
pub struct JsCampaign {
    inner: Campaign,
}

#[napi]
impl JsCampaign {
    /// `files`: export files by kind; options: `{ events, contacts (records of one more log),
    /// spend, email_sends, agenda, uptime, tz, skipBadRows, identity }` (`identity: false`
    /// keeps ids); `logs`: event logs already loaded.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        files: Vec<JsCampaignFile>,
        #[napi(ts_arg_type = "CampaignOptions | null")] options: Option<Object<'_>>,
        logs: Option<Vec<&JsEventLog>>,
    ) -> napi::Result<Self> {
        let files =
            files.into_iter().map(|f| CampaignFile { kind: f.kind, name: f.name, bytes: f.bytes.to_vec() }).collect();
        let logs = logs.unwrap_or_default().into_iter().map(|l| (*l.inner).clone()).collect();
        let inner = campaign_from_call_json(files, logs, plain(env, options)?).or_throw(env)?;
        Ok(JsCampaign { inner })
    }

    /// The merged log on resolved persons.
    #[napi(getter)]
    pub fn log(&self) -> JsEventLog {
        JsEventLog { inner: Arc::new(self.inner.log().clone()) }
    }

    /// What each source contributed.
    #[napi(ts_return_type = "CampaignSource[]")]
    pub fn sources<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        env.to_js_value(&self.inner.sources())
    }

    /// What identity resolution merged and refused (`null` when turned off).
    #[napi(ts_return_type = "Record<string, unknown> | null")]
    pub fn identity_report<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        env.to_js_value(&self.inner.identity_report())
    }

    /// The scorecard over every source; options as `scorecard` (`targets`, `asOf`, `tolerance`,
    /// `weights`).
    #[napi(ts_return_type = "ScorecardDict")]
    pub fn scorecard<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "Omit<ScorecardOptions, 'inputs'> | null")] options: Option<Object<'_>>,
    ) -> napi::Result<Unknown<'env>> {
        let params: ScorecardParams =
            webinar_analytics::ingest::options_from_json(plain(*env, options)?, "options").or_throw(*env)?;
        env.to_js_value(&self.inner.scorecard(&params).or_throw(*env)?)
    }
}
