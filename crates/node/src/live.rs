//! The live scorecard: batches of events in, live counters and the scorecard out.

use std::sync::Arc;

use napi::Env;
use napi::bindgen_prelude::{Object, Unknown};
use napi_derive::napi;
use webinar_analytics::live::LiveScorecard;

use crate::{JsEventLog, OrThrow, plain, records};

/// A scorecard kept up to date as events arrive: each `append` costs in proportion to the
/// batch, not the log; late events (older than `now − latenessSeconds`) are reported, not
/// applied; alerts (when `alerts` is given) evaluate on every update.
#[napi(js_name = "LiveScorecard")]
pub struct JsLiveScorecard {
    inner: LiveScorecard,
}

#[napi]
impl JsLiveScorecard {
    /// Options: `{ inputs, targets, tolerance, weights, latenessSeconds (300), columns, tsUnit,
    /// alerts: { rules, policy } }`.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(ts_arg_type = "LiveScorecardOptions | null")] options: Option<Object<'_>>,
    ) -> napi::Result<Self> {
        Ok(JsLiveScorecard { inner: LiveScorecard::from_call_json(plain(env, options)?).or_throw(env)? })
    }

    /// Applies a batch of event objects (`{ user_id, ts, event, value?, session_id?, ... }`);
    /// `options.now` (a `Date` or ISO text) moves "now" on even without events.
    #[napi(ts_return_type = "LiveUpdate")]
    pub fn append<'env>(
        &mut self,
        env: &'env Env,
        #[napi(ts_arg_type = "Array<Record<string, unknown>>")] events: Unknown<'_>,
        #[napi(ts_arg_type = "{ now?: Date | string } | null")] options: Option<Object<'_>>,
    ) -> napi::Result<Unknown<'env>> {
        let events = records(*env, events, "events").or_throw(*env)?;
        let options = plain(*env, options)?;
        env.to_js_value(&self.inner.append_call_json(&events, &options).or_throw(*env)?)
    }

    /// Applies the events of a log (e.g. `EventLog.fromArrow(bytes)` of one batch).
    #[napi(ts_return_type = "LiveUpdate")]
    pub fn append_log<'env>(
        &mut self,
        env: &'env Env,
        log: &JsEventLog,
        #[napi(ts_arg_type = "{ now?: Date | string } | null")] options: Option<Object<'_>>,
    ) -> napi::Result<Unknown<'env>> {
        let options = plain(*env, options)?;
        env.to_js_value(&self.inner.append_log_call_json(&log.inner, &options).or_throw(*env)?)
    }

    /// Moves "now" on without events (people still watching accrue time).
    #[napi(ts_return_type = "LiveUpdate")]
    pub fn advance<'env>(
        &mut self,
        env: &'env Env,
        #[napi(ts_arg_type = "{ now: Date | string }")] options: Object<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let options = plain(*env, Some(options))?;
        let now = options.get("now").and_then(serde_json::Value::as_str).unwrap_or_default();
        env.to_js_value(&self.inner.advance_call_json(now).or_throw(*env)?)
    }

    /// The scorecard as of now (the same as `scorecard(log, { asOf: now })` on the accepted
    /// events).
    #[napi(ts_return_type = "ScorecardDict")]
    pub fn scorecard<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        env.to_js_value(&self.inner.scorecard())
    }

    /// The live counters: viewers now, peak, attendance drop, engagement, sections.
    #[napi(ts_return_type = "LiveStatus")]
    pub fn status<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        env.to_js_value(&self.inner.status())
    }

    /// The accepted events as an `EventLog`, for any batch analysis.
    #[napi]
    pub fn to_event_log(&self, env: Env) -> napi::Result<JsEventLog> {
        Ok(JsEventLog { inner: Arc::new(self.inner.to_event_log().or_throw(env)?) })
    }
}
