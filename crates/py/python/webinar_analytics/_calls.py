"""Every analysis of the library, generated from the core's table of calls (do not edit:
`UPDATE_GENERATED=1 cargo test --test it generated` rewrites it). Each function passes its
arguments to the core as they are; options left at `None` take the core's default."""

import os
import warnings
from datetime import date, datetime, timedelta
from typing import Any, Literal, SupportsFloat, SupportsIndex, TypeAlias, TypeVar, cast

from webinar_analytics import _native, _types
from webinar_analytics._native import AnalyticsWarning, EventLog
from webinar_analytics._result import Result, Rows

TimeArg: TypeAlias = datetime | date | str
"""A time: a `datetime` (naive means UTC), a `date` or ISO-8601 text (pandas `Timestamp` is a `datetime`)."""
DurationArg: TypeAlias = timedelta | str
"""A duration: a `timedelta` or text with a unit (`"14d"`, `"36h"`)."""
_R = TypeVar("_R", bound=Result)
_T = TypeVar("_T")

__all__ = [
    "summary",
    "funnel",
    "retention",
    "scorecard",
    "catalog",
    "chart",
    "explain_change",
    "funnel_partial",
    "merge_funnel_partials",
    "paths",
    "flows",
    "funnel_flows",
    "paths_partial",
    "merge_paths_partials",
    "lifecycle",
    "stickiness",
    "drivers",
    "attribution",
    "attribution_partial",
    "merge_attribution_partials",
    "touchpoints",
    "retention_partial",
    "merge_retention_partials",
    "channel_performance",
    "channel_partial",
    "merge_states",
    "attendance",
    "webinars",
    "webinar_features",
    "backtest_attendance",
    "predict_attendance",
    "conversion_dataset",
    "predict_conversion",
    "lead_table",
    "demo_series",
    "demo_series_inputs",
    "trends",
    "cohort_performance",
    "segment_audience",
    "audience",
    "sample_size",
    "experiment",
    "analyze_experiment",
    "identity_report",
    "dashboard",
    "schedule_runs",
    "anomalies",
    "usual_viewers",
    "monitor",
    "alert_rules",
    "evaluate_alerts",
    "read_spend_csv",
    "read_email_sends_csv",
    "read_ad_report",
    "read_hubspot_contacts",
    "read_activecampaign_report",
    "read_activecampaign_activity",
]


def _typed(cls: type[_R], result: Any) -> _R:
    """The native result as `cls` (the bytes of a partial state are handed over as they are)."""
    return cls(result) if isinstance(result, _native.Result) else result


def _warned(result: _T) -> _T:
    """Shows the result's warnings (path, message, code) as Python warnings (`AnalyticsWarning`)."""
    for w in getattr(result, "warnings", None) or []:
        text = f"{w['parameter']}: {w['message']} ({w['code']})" if isinstance(w, dict) else str(w)
        warnings.warn(text, AnalyticsWarning, stacklevel=3)
    return result


def _file(source: Any) -> Any:
    """A file given by path (`str`, `os.PathLike`: the core reads it and names it in errors) or bytes."""
    return {"path": os.fspath(source)} if isinstance(source, (str, os.PathLike)) else source


def summary(log: EventLog, **options: Any) -> _types.Summary:
    """Contacts, persons, events per kind and the time span of a log."""
    return _warned(_typed(_types.Summary, _native.call("summary", log, {**options})))


def funnel(log: EventLog, steps: Any, window_seconds: float | SupportsFloat | None = None, window: DurationArg | None = None, order: Literal["ordered", "strict", "unordered"] = "ordered", exclusions: Any = None, breakdown: Any = None, attribution: str = "first_touch", breakdown_limit: int | SupportsIndex = 25, hold: Any = None, entry_from: TimeArg | None = None, entry_to: TimeArg | None = None, as_of: TimeArg | None = None, count: Literal["persons", "attempts", "sessions"] = "persons", dropped_ids: bool = False, confidence: float | SupportsFloat = 0.95, small_sample: int | SupportsIndex = 30, percentiles: Any = None, bins: Any = "auto", trend: Literal["day", "week", "month", "quarter"] | None = None, tz: str = "UTC", compare: Any = None, **options: Any) -> _types.FunnelResult:
    """Per-person event funnel: counts, conversion and time to convert per step."""
    return _warned(_typed(_types.FunnelResult, _native.call("funnel", log, {"steps": steps, "window_seconds": window_seconds, "window": window, "order": order, "exclusions": exclusions, "breakdown": breakdown, "attribution": attribution, "breakdown_limit": breakdown_limit, "hold": hold, "entry_from": entry_from, "entry_to": entry_to, "as_of": as_of, "count": count, "dropped_ids": dropped_ids, "confidence": confidence, "small_sample": small_sample, "percentiles": percentiles, "bins": bins, "trend": trend, "tz": tz, "compare": compare, **options})))


def retention(log: EventLog, period: Literal["day", "week", "month", "quarter"] = "month", anchor: str | None = None, anchor_event: str | None = None, activity: Any = None, kind: Any = "on", tz: str = "UTC", as_of: TimeArg | None = None, breakdown: str | None = None, revenue_event: str = "purchase", confidence: float | SupportsFloat = 0.95, small_sample: int | SupportsIndex = 30, between: Any = None, compare: Any = None, **options: Any) -> _types.RetentionMatrix:
    """Cohort retention matrix: per cohort its size and the share active in each period."""
    return _warned(_typed(_types.RetentionMatrix, _native.call("retention", log, {"period": period, "anchor": anchor, "anchor_event": anchor_event, "activity": activity, "kind": kind, "tz": tz, "as_of": as_of, "breakdown": breakdown, "revenue_event": revenue_event, "confidence": confidence, "small_sample": small_sample, "between": between, "compare": compare, **options})))


def scorecard(log: EventLog, inputs: Any = None, targets: Any = None, as_of: TimeArg | None = None, tolerance: float | SupportsFloat = 0.1, weights: Any = None, confidence: float | SupportsFloat = 0.95, small_sample: int | SupportsIndex = 30, status: Literal["point", "interval"] = "point", between: Any = None, compare: Any = None, webinar: str | None = None, agendas: Any = None, **options: Any) -> _types.Scorecard:
    """Every metric of the catalog with its target, status and progress."""
    return _warned(_typed(_types.Scorecard, _native.call("scorecard", log, {"inputs": inputs, "targets": targets, "as_of": as_of, "tolerance": tolerance, "weights": weights, "confidence": confidence, "small_sample": small_sample, "status": status, "between": between, "compare": compare, "webinar": webinar, "agendas": agendas, **options})))


def catalog(**options: Any) -> Rows[_types.MetricDef]:
    """Every metric of the catalog: id, stage, labels, definition, formula, unit, target."""
    return _warned(_typed(Rows, _native.call("catalog", None, {**options})))


def chart(result: Any, of: str | None = None, lang: Literal["en", "es"] = "en", title: str | None = None, format: Literal["vega-lite", "svg"] = "vega-lite", **options: Any) -> Any:
    """A chart of a result (funnel, retention, trends, channels, scorecard, attendance, experiment, segments, dashboard widget): a Vega-Lite v5 spec with its data inline, or a static SVG."""
    return _warned(_typed(Result, _native.call("chart", None, {"result": result, "of": of, "lang": lang, "title": title, "format": format, **options})))


def explain_change(log: EventLog, steps: Any, before: Any, after: Any, window_seconds: float | SupportsFloat | None = None, window: DurationArg | None = None, order: Literal["ordered", "strict", "unordered"] = "ordered", exclusions: Any = None, breakdown: Any = None, attribution: str = "first_touch", breakdown_limit: int | SupportsIndex = 25, hold: Any = None, entry_from: TimeArg | None = None, entry_to: TimeArg | None = None, as_of: TimeArg | None = None, count: Literal["persons", "attempts", "sessions"] = "persons", dropped_ids: bool = False, confidence: float | SupportsFloat = 0.95, small_sample: int | SupportsIndex = 30, percentiles: Any = None, bins: Any = "auto", trend: Literal["day", "week", "month", "quarter"] | None = None, tz: str = "UTC", compare: Any = None, **options: Any) -> _types.ChangeExplanation:
    """Why the funnel's conversion moved between two entry periods: the change split by a breakdown into mix and rate effects per segment."""
    return _warned(_typed(_types.ChangeExplanation, _native.call("explain_change", log, {"steps": steps, "before": before, "after": after, "window_seconds": window_seconds, "window": window, "order": order, "exclusions": exclusions, "breakdown": breakdown, "attribution": attribution, "breakdown_limit": breakdown_limit, "hold": hold, "entry_from": entry_from, "entry_to": entry_to, "as_of": as_of, "count": count, "dropped_ids": dropped_ids, "confidence": confidence, "small_sample": small_sample, "percentiles": percentiles, "bins": bins, "trend": trend, "tz": tz, "compare": compare, **options})))


def funnel_partial(log: EventLog, steps: Any, window_seconds: float | SupportsFloat | None = None, window: DurationArg | None = None, order: Literal["ordered", "strict", "unordered"] = "ordered", exclusions: Any = None, breakdown: Any = None, attribution: str = "first_touch", breakdown_limit: int | SupportsIndex = 25, hold: Any = None, entry_from: TimeArg | None = None, entry_to: TimeArg | None = None, as_of: TimeArg | None = None, count: Literal["persons", "attempts", "sessions"] = "persons", dropped_ids: bool = False, confidence: float | SupportsFloat = 0.95, small_sample: int | SupportsIndex = 30, percentiles: Any = None, bins: Any = "auto", trend: Literal["day", "week", "month", "quarter"] | None = None, tz: str = "UTC", compare: Any = None, as_bytes: bool = False, **options: Any) -> _types.FunnelPartial | bytes:
    """The mergeable partial state of a funnel (plain data, or versioned bytes with as_bytes)."""
    return _warned(_typed(_types.FunnelPartial, _native.call("funnel_partial", log, {"steps": steps, "window_seconds": window_seconds, "window": window, "order": order, "exclusions": exclusions, "breakdown": breakdown, "attribution": attribution, "breakdown_limit": breakdown_limit, "hold": hold, "entry_from": entry_from, "entry_to": entry_to, "as_of": as_of, "count": count, "dropped_ids": dropped_ids, "confidence": confidence, "small_sample": small_sample, "percentiles": percentiles, "bins": bins, "trend": trend, "tz": tz, "compare": compare, "as_bytes": as_bytes, **options})))


def merge_funnel_partials(partials: Any, **options: Any) -> _types.FunnelResult:
    """The funnel over all persons, from the partials of disjoint persons."""
    return _warned(_typed(_types.FunnelResult, _native.call("merge_funnel_partials", None, {"partials": partials, **options})))


def paths(log: EventLog, by: Literal["person", "session"] = "person", collapse_repeats: bool = False, events: Any = None, as_of: TimeArg | None = None, **options: Any) -> _types.PathsResult:
    """What people do next: every pair of consecutive events (by person or session) with counts, distinct persons and per-event totals."""
    return _warned(_typed(_types.PathsResult, _native.call("paths", log, {"by": by, "collapse_repeats": collapse_repeats, "events": events, "as_of": as_of, **options})))


def flows(log: EventLog, start: str | None = None, end: str | None = None, steps: int | SupportsIndex = 5, max_nodes_per_step: int | SupportsIndex = 10, by: Literal["person", "session"] = "person", collapse_repeats: bool = False, events: Any = None, as_of: TimeArg | None = None, **options: Any) -> _types.FlowsResult:
    """Where paths go from an event (or come to one), step by step: Sankey nodes and links, rare events grouped as "other", and the most frequent sequences."""
    return _warned(_typed(_types.FlowsResult, _native.call("flows", log, {"start": start, "end": end, "steps": steps, "max_nodes_per_step": max_nodes_per_step, "by": by, "collapse_repeats": collapse_repeats, "events": events, "as_of": as_of, **options})))


def funnel_flows(log: EventLog, steps: Any, step: Any, flow_steps: int = 5, max_nodes_per_step: int = 10, window_seconds: float | SupportsFloat | None = None, window: DurationArg | None = None, order: Literal["ordered", "strict", "unordered"] = "ordered", exclusions: Any = None, breakdown: Any = None, attribution: str = "first_touch", breakdown_limit: int | SupportsIndex = 25, hold: Any = None, entry_from: TimeArg | None = None, entry_to: TimeArg | None = None, as_of: TimeArg | None = None, count: Literal["persons", "attempts", "sessions"] = "persons", dropped_ids: bool = False, confidence: float | SupportsFloat = 0.95, small_sample: int | SupportsIndex = 30, percentiles: Any = None, bins: Any = "auto", trend: Literal["day", "week", "month", "quarter"] | None = None, tz: str = "UTC", compare: Any = None, **options: Any) -> _types.FunnelFlows:
    """Around one funnel step: what those who dropped there did after the step before, and what those who reached it did in between."""
    return _warned(_typed(_types.FunnelFlows, _native.call("funnel_flows", log, {"steps": steps, "step": step, "flow_steps": flow_steps, "max_nodes_per_step": max_nodes_per_step, "window_seconds": window_seconds, "window": window, "order": order, "exclusions": exclusions, "breakdown": breakdown, "attribution": attribution, "breakdown_limit": breakdown_limit, "hold": hold, "entry_from": entry_from, "entry_to": entry_to, "as_of": as_of, "count": count, "dropped_ids": dropped_ids, "confidence": confidence, "small_sample": small_sample, "percentiles": percentiles, "bins": bins, "trend": trend, "tz": tz, "compare": compare, **options})))


def paths_partial(log: EventLog, by: Literal["person", "session"] = "person", collapse_repeats: bool = False, events: Any = None, as_of: TimeArg | None = None, as_bytes: bool = False, **options: Any) -> _types.PathsPartial | bytes:
    """The mergeable partial state of paths (plain data, or versioned bytes with as_bytes)."""
    return _warned(_typed(_types.PathsPartial, _native.call("paths_partial", log, {"by": by, "collapse_repeats": collapse_repeats, "events": events, "as_of": as_of, "as_bytes": as_bytes, **options})))


def merge_paths_partials(partials: Any, **options: Any) -> _types.PathsResult:
    """Paths over all persons, from the partials of disjoint persons."""
    return _warned(_typed(_types.PathsResult, _native.call("merge_paths_partials", None, {"partials": partials, **options})))


def lifecycle(log: EventLog, period: Literal["day", "week", "month", "quarter"] = "week", tz: str = "UTC", activity: Any = None, as_of: TimeArg | None = None, **options: Any) -> _types.LifecycleResult:
    """Per period, the active persons who are new, returning or resurrecting, and those gone dormant."""
    return _warned(_typed(_types.LifecycleResult, _native.call("lifecycle", log, {"period": period, "tz": tz, "activity": activity, "as_of": as_of, **options})))


def stickiness(log: EventLog, period: Literal["week", "month"] = "week", tz: str = "UTC", activity: Any = None, as_of: TimeArg | None = None, **options: Any) -> _types.StickinessResult:
    """Per week or month, how many persons were active on 1, 2, ... of its days."""
    return _warned(_typed(_types.StickinessResult, _native.call("stickiness", log, {"period": period, "tz": tz, "activity": activity, "as_of": as_of, **options})))


def drivers(log: EventLog, conversion: str = "purchase", entry: str | None = None, candidates: Any = None, max_values: int | SupportsIndex = 20, min_persons: int | SupportsIndex = 5, confidence: float | SupportsFloat = 0.95, alpha: float | SupportsFloat = 0.05, as_of: TimeArg | None = None, **options: Any) -> _types.DriversResult:
    """What goes with converting: events, event property values and contact attributes seen before conversion, with odds ratios, Fisher / chi-square tests and Benjamini-Hochberg adjusted p-values."""
    return _warned(_typed(_types.DriversResult, _native.call("drivers", log, {"conversion": conversion, "entry": entry, "candidates": candidates, "max_values": max_values, "min_persons": min_persons, "confidence": confidence, "alpha": alpha, "as_of": as_of, **options})))


def attribution(log: EventLog, conversion: str = "purchase", touch: str = "channel", models: Any = None, lookback: DurationArg = "2592000s", half_life: DurationArg = "604800s", conversions: Literal["first", "all"] = "first", position_weights: Any = None, direct: Any = None, markov_order: int | SupportsIndex = 1, shapley: Literal["simplified", "coalitions"] = "simplified", spend: Any = None, intervals: bool = False, resamples: int | SupportsIndex = 200, confidence: float | SupportsFloat = 0.95, seed: int | SupportsIndex = 0, as_of: TimeArg | None = None, **options: Any) -> _types.AttributionResult:
    """Which touchpoints earned the conversions and the revenue: first / last / last non-direct touch, linear, time decay, position based, Markov removal effects and Shapley values side by side, with spend and bootstrap intervals."""
    return _warned(_typed(_types.AttributionResult, _native.call("attribution", log, {"conversion": conversion, "touch": touch, "models": models, "lookback": lookback, "half_life": half_life, "conversions": conversions, "position_weights": position_weights, "direct": direct, "markov_order": markov_order, "shapley": shapley, "spend": spend, "intervals": intervals, "resamples": resamples, "confidence": confidence, "seed": seed, "as_of": as_of, **options})))


def attribution_partial(log: EventLog, conversion: str = "purchase", touch: str = "channel", models: Any = None, lookback: DurationArg = "2592000s", half_life: DurationArg = "604800s", conversions: Literal["first", "all"] = "first", position_weights: Any = None, direct: Any = None, markov_order: int | SupportsIndex = 1, shapley: Literal["simplified", "coalitions"] = "simplified", spend: Any = None, intervals: bool = False, resamples: int | SupportsIndex = 200, confidence: float | SupportsFloat = 0.95, seed: int | SupportsIndex = 0, as_of: TimeArg | None = None, as_bytes: bool = False, **options: Any) -> _types.AttributionPartial | bytes:
    """The mergeable partial state of an attribution (plain data, or versioned bytes with as_bytes); intervals are not available."""
    return _warned(_typed(_types.AttributionPartial, _native.call("attribution_partial", log, {"conversion": conversion, "touch": touch, "models": models, "lookback": lookback, "half_life": half_life, "conversions": conversions, "position_weights": position_weights, "direct": direct, "markov_order": markov_order, "shapley": shapley, "spend": spend, "intervals": intervals, "resamples": resamples, "confidence": confidence, "seed": seed, "as_of": as_of, "as_bytes": as_bytes, **options})))


def merge_attribution_partials(partials: Any, spend: Any = None, **options: Any) -> _types.AttributionResult:
    """The attribution over all persons, from the partials of disjoint persons (spend adds the cost columns)."""
    return _warned(_typed(_types.AttributionResult, _native.call("merge_attribution_partials", None, {"partials": partials, "spend": spend, **options})))


def touchpoints(log: EventLog, url: str = "page_location", referrer: str = "page_referrer", email_campaign: str = "campaign", fields: Any = None, **options: Any) -> EventLog:
    """The log with touch properties (source, medium, campaign, channel: GA4's default channel group) from landing URLs' UTM parameters and click ids, external referrers and email clicks."""
    return cast(EventLog, _native.call("touchpoints", log, {"url": url, "referrer": referrer, "email_campaign": email_campaign, "fields": fields, **options}))


def retention_partial(log: EventLog, period: Literal["day", "week", "month", "quarter"] = "month", anchor: str | None = None, anchor_event: str | None = None, activity: Any = None, kind: Any = "on", tz: str = "UTC", as_of: TimeArg | None = None, breakdown: str | None = None, revenue_event: str = "purchase", confidence: float | SupportsFloat = 0.95, small_sample: int | SupportsIndex = 30, between: Any = None, compare: Any = None, as_bytes: bool = False, **options: Any) -> _types.RetentionPartial | bytes:
    """The mergeable partial state of a retention matrix (plain data, or bytes with as_bytes)."""
    return _warned(_typed(_types.RetentionPartial, _native.call("retention_partial", log, {"period": period, "anchor": anchor, "anchor_event": anchor_event, "activity": activity, "kind": kind, "tz": tz, "as_of": as_of, "breakdown": breakdown, "revenue_event": revenue_event, "confidence": confidence, "small_sample": small_sample, "between": between, "compare": compare, "as_bytes": as_bytes, **options})))


def merge_retention_partials(partials: Any, **options: Any) -> _types.RetentionMatrix:
    """The retention matrix over all persons, from the partials of disjoint persons."""
    return _warned(_typed(_types.RetentionMatrix, _native.call("merge_retention_partials", None, {"partials": partials, **options})))


def channel_performance(log: EventLog, by: str = "channel", confidence: float | SupportsFloat = 0.95, small_sample: int | SupportsIndex = 30, spend: Any = None, between: Any = None, compare: Any = None, **options: Any) -> Rows[_types.ChannelRow]:
    """The channel table: registrations, attendees, conversions, revenue and rates per channel."""
    return _warned(_typed(Rows, _native.call("channel_performance", log, {"by": by, "confidence": confidence, "small_sample": small_sample, "spend": spend, "between": between, "compare": compare, **options})))


def channel_partial(log: EventLog, by: str = "channel", confidence: float | SupportsFloat = 0.95, small_sample: int | SupportsIndex = 30, as_bytes: bool = False, **options: Any) -> _types.ChannelPartial | bytes:
    """The mergeable state of a channel table (plain data, or bytes with as_bytes)."""
    return _warned(_typed(_types.ChannelPartial, _native.call("channel_partial", log, {"by": by, "confidence": confidence, "small_sample": small_sample, "as_bytes": as_bytes, **options})))


def merge_states(states: Any, spend: Any = None, **options: Any) -> Result:
    """Reads, merges and finishes versioned states of disjoint persons into the analysis' result."""
    return _warned(_typed(Result, _native.call("merge_states", None, {"states": states, "spend": spend, **options})))


def attendance(log: EventLog, agenda: Any = None, as_of: TimeArg | None = None, webinar: str | None = None, agendas: Any = None, **options: Any) -> _types.Attendance:
    """Attended minutes, concurrent viewers and section retention from join / leave events."""
    return _warned(_typed(_types.Attendance, _native.call("attendance", log, {"agenda": agenda, "as_of": as_of, "webinar": webinar, "agendas": agendas, **options})))


def webinars(log: EventLog, agendas: Any = None, weights: Any = None, spend: Any = None, **options: Any) -> _types.WebinarTable:
    """One row per webinar of a series: registrations, live and on-demand viewing, engagement, conversions, revenue, cost, rank and the series' quartiles."""
    return _warned(_typed(_types.WebinarTable, _native.call("webinars", log, {"agendas": agendas, "weights": weights, "spend": spend, **options})))


def webinar_features(log: EventLog, agendas: Any = None, horizon: DurationArg = "86400s", tz: str = "UTC", min_train: int | SupportsIndex = 8, coverage: float | SupportsFloat = 0.8, forest: Any = None, as_of: TimeArg | None = None, webinar: str | None = None, spend: Any = None, **options: Any) -> Rows[_types.WebinarFeatures]:
    """Each webinar's features as they were `horizon` (24 h) before its start, and its live attendance: what the attendance forecast learns from."""
    return _warned(_typed(Rows, _native.call("webinar_features", log, {"agendas": agendas, "horizon": horizon, "tz": tz, "min_train": min_train, "coverage": coverage, "forest": forest, "as_of": as_of, "webinar": webinar, "spend": spend, **options})))


def backtest_attendance(log: EventLog, agendas: Any = None, horizon: DurationArg = "86400s", tz: str = "UTC", min_train: int | SupportsIndex = 8, coverage: float | SupportsFloat = 0.8, forest: Any = None, as_of: TimeArg | None = None, webinar: str | None = None, spend: Any = None, **options: Any) -> _types.AttendanceBacktest:
    """Rolling-origin backtest of the attendance forecast: trained on the webinars before, each webinar predicted, with MAE, MAPE and interval coverage."""
    return _warned(_typed(_types.AttendanceBacktest, _native.call("backtest_attendance", log, {"agendas": agendas, "horizon": horizon, "tz": tz, "min_train": min_train, "coverage": coverage, "forest": forest, "as_of": as_of, "webinar": webinar, "spend": spend, **options})))


def predict_attendance(log: EventLog, agendas: Any = None, horizon: DurationArg = "86400s", tz: str = "UTC", min_train: int | SupportsIndex = 8, coverage: float | SupportsFloat = 0.8, forest: Any = None, as_of: TimeArg | None = None, webinar: str | None = None, spend: Any = None, **options: Any) -> _types.AttendanceForecast:
    """A webinar's predicted live attendance from the series before it, with a calibrated prediction interval and the features that moved it."""
    return _warned(_typed(_types.AttendanceForecast, _native.call("predict_attendance", log, {"agendas": agendas, "horizon": horizon, "tz": tz, "min_train": min_train, "coverage": coverage, "forest": forest, "as_of": as_of, "webinar": webinar, "spend": spend, **options})))


def conversion_dataset(log: EventLog, agendas: Any = None, horizon: DurationArg = "2592000s", observe_until: TimeArg | None = None, test_fraction: float | SupportsFloat = 0.25, split_by: Literal["webinar", "registration"] = "webinar", calibration: Literal["isotonic", "platt", "none"] = "isotonic", forest: Any = None, webinar: str | None = None, as_of: TimeArg | None = None, **options: Any) -> _types.ConversionDataset:
    """One row per registrant of each webinar: features observed until the webinar's end, a purchase within the horizon after it as the label, and the time-ordered split."""
    return _warned(_typed(_types.ConversionDataset, _native.call("conversion_dataset", log, {"agendas": agendas, "horizon": horizon, "observe_until": observe_until, "test_fraction": test_fraction, "split_by": split_by, "calibration": calibration, "forest": forest, "webinar": webinar, "as_of": as_of, **options})))


def predict_conversion(log: EventLog, agendas: Any = None, horizon: DurationArg = "2592000s", observe_until: TimeArg | None = None, test_fraction: float | SupportsFloat = 0.25, split_by: Literal["webinar", "registration"] = "webinar", calibration: Literal["isotonic", "platt", "none"] = "isotonic", forest: Any = None, webinar: str | None = None, as_of: TimeArg | None = None, **options: Any) -> _types.ConversionModel:
    """Who will buy after a webinar: a forest trained on earlier webinars' registrants, calibrated, tested on the latest (ROC-AUC, Brier, ECE, reliability) and scoring the webinar's registrants."""
    return _warned(_typed(_types.ConversionModel, _native.call("predict_conversion", log, {"agendas": agendas, "horizon": horizon, "observe_until": observe_until, "test_fraction": test_fraction, "split_by": split_by, "calibration": calibration, "forest": forest, "webinar": webinar, "as_of": as_of, **options})))


def lead_table(log: EventLog, agendas: Any = None, horizon: DurationArg = "2592000s", observe_until: TimeArg | None = None, test_fraction: float | SupportsFloat = 0.25, split_by: Literal["webinar", "registration"] = "webinar", calibration: Literal["isotonic", "platt", "none"] = "isotonic", forest: Any = None, webinar: str | None = None, as_of: TimeArg | None = None, **options: Any) -> _types.LeadTable:
    """The scored webinar's leads for the CRM: contact fields, probability, segment, top reasons (TreeSHAP) and next action, with a CSV of HubSpot's import column names."""
    return _warned(_typed(_types.LeadTable, _native.call("lead_table", log, {"agendas": agendas, "horizon": horizon, "observe_until": observe_until, "test_fraction": test_fraction, "split_by": split_by, "calibration": calibration, "forest": forest, "webinar": webinar, "as_of": as_of, **options})))


def demo_series(contacts: int | SupportsIndex = 2000, webinars: int | SupportsIndex = 12, seed: int | SupportsIndex = 42, **options: Any) -> EventLog:
    """A seeded demo webinar series: monthly webinars with shared contacts, events tagged with webinar_id (recording views with replay)."""
    return cast(EventLog, _native.call("demo_series", None, {"contacts": contacts, "webinars": webinars, "seed": seed, **options}))


def demo_series_inputs(contacts: int | SupportsIndex = 2000, webinars: int | SupportsIndex = 12, seed: int | SupportsIndex = 42, **options: Any) -> _types.SeriesInputs:
    """The spend, email sends, agendas and webinars of the demo series of the same options (the generator runs again)."""
    return _warned(_typed(_types.SeriesInputs, _native.call("demo_series_inputs", None, {"contacts": contacts, "webinars": webinars, "seed": seed, **options})))


def trends(log: EventLog, period: Literal["day", "week"] = "day", tz: str = "UTC", as_of: TimeArg | None = None, **options: Any) -> _types.Trends:
    """Daily or weekly registrations, attendance, conversions and revenue, with KPI cards."""
    return _warned(_typed(_types.Trends, _native.call("trends", log, {"period": period, "tz": tz, "as_of": as_of, **options})))


def cohort_performance(log: EventLog, period: Literal["day", "week", "month", "quarter"] = "month", anchor: str | None = None, anchor_event: str | None = None, tz: str = "UTC", as_of: TimeArg | None = None, conversion_event: str = "purchase", revenue_event: str = "purchase", agenda: Any = None, weights: Any = None, **options: Any) -> _types.CohortPerformance:
    """Per cohort its size, conversion rate, revenue, lifetime value, retention and engagement."""
    return _warned(_typed(_types.CohortPerformance, _native.call("cohort_performance", log, {"period": period, "anchor": anchor, "anchor_event": anchor_event, "tz": tz, "as_of": as_of, "conversion_event": conversion_event, "revenue_event": revenue_event, "agenda": agenda, "weights": weights, **options})))


def segment_audience(log: EventLog, n_clusters: int | SupportsIndex = 5, n_init: int | SupportsIndex = 10, seed: int | SupportsIndex = 42, as_of: TimeArg | None = None, agenda: Any = None, weights: Any = None, **options: Any) -> _types.Segmentation:
    """Seeded k-means segments of contacts by engagement, with profiles and recommendations."""
    return _warned(_typed(_types.Segmentation, _native.call("segment_audience", log, {"n_clusters": n_clusters, "n_init": n_init, "seed": seed, "as_of": as_of, "agenda": agenda, "weights": weights, **options})))


def audience(log: EventLog, by: Any = None, **options: Any) -> Rows[_types.AudienceDistribution]:
    """Contacts per value of each contact attribute in `by`."""
    return _warned(_typed(Rows, _native.call("audience", log, {"by": by, **options})))


def sample_size(baseline: float | SupportsFloat, target: float | SupportsFloat, alpha: float | SupportsFloat = 0.05, power: float | SupportsFloat = 0.8, **options: Any) -> int:
    """Persons needed per variant to detect a change from `baseline` to `target` (two-sided z-test)."""
    return _warned(_typed(Result, _native.call("sample_size", None, {"baseline": baseline, "target": target, "alpha": alpha, "power": power, **options})))


def experiment(log: EventLog, **options: Any) -> _types.ExperimentResult:
    """An A/B test read from the log: per variant its rate with an interval, the test against the control, the chance to beat it, sample-ratio and peeking checks."""
    return _warned(_typed(_types.ExperimentResult, _native.call("experiment", log, {**options})))


def analyze_experiment(counts: Any, **options: Any) -> _types.ExperimentResult:
    """An A/B test from per-variant totals (`variant`, `n`, `conversions`, `metric_mean`, `metric_variance`)."""
    return _warned(_typed(_types.ExperimentResult, _native.call("analyze_experiment", None, {"counts": counts, **options})))


def identity_report(log: EventLog, **options: Any) -> _types.IdentityReport:
    """What identity resolution would merge (shared emails, identify events) and refuse, without rebuilding the log."""
    return _warned(_typed(_types.IdentityReport, _native.call("identity_report", log, {**options})))


def dashboard(log: EventLog, kind: str = "executive", inputs: Any = None, **options: Any) -> _types.Dashboard:
    """The executive or operational dashboard as data: widgets over the scorecard, channels and trends."""
    return _warned(_typed(_types.Dashboard, _native.call("dashboard", log, {"kind": kind, "inputs": inputs, **options})))


def schedule_runs(kind: Any, after: Any, count: int = 5, tz: str = "UTC", time: Any = None, weekday: Any = None, day: Any = None, **options: Any) -> Result:
    """The next run times (UTC) of a report schedule after `after`: the seed's for `kind` (daily, weekly, monthly) in `tz`, `time`, `weekday` and `day` overriding it."""
    return _warned(_typed(Result, _native.call("schedule_runs", None, {"kind": kind, "after": after, "count": count, "tz": tz, "time": time, "weekday": weekday, "day": day, **options})))


def anomalies(log: EventLog, event: str | None = None, measure: Literal["count", "persons", "value"] = "count", where: Any = None, funnel: Any = None, step: int | SupportsIndex | None = None, retention: Any = None, cell: int | SupportsIndex | None = None, section: str | None = None, agendas: Any = None, period: Literal["day", "week", "month", "quarter"] = "day", tz: str = "UTC", seasonality: Literal["weekday", "none"] = "weekday", history: int | SupportsIndex = 8, min_history: int | SupportsIndex = 4, sensitivity: float | SupportsFloat = 3.0, min_sample: int | SupportsIndex = 30, breakdown: str | None = None, contributors: int | SupportsIndex = 5, as_of: TimeArg | None = None, **options: Any) -> _types.AnomalyReport:
    """A metric over time against the band expected from its own history (median and MAD of the same weekday), with changes, a minimum-sample guard and the segments behind each anomaly."""
    return _warned(_typed(_types.AnomalyReport, _native.call("anomalies", log, {"event": event, "measure": measure, "where": where, "funnel": funnel, "step": step, "retention": retention, "cell": cell, "section": section, "agendas": agendas, "period": period, "tz": tz, "seasonality": seasonality, "history": history, "min_history": min_history, "sensitivity": sensitivity, "min_sample": min_sample, "breakdown": breakdown, "contributors": contributors, "as_of": as_of, **options})))


def usual_viewers(log: EventLog, agendas: Any = None, before: str | None = None, min_webinars: int | SupportsIndex | None = None, **options: Any) -> _types.UsualViewers:
    """The series' usual viewer curve: at each minute since the start, the median and spread over past webinars of the viewers as a percent of the peak so far (give it to a LiveScorecard as `usual_viewers`)."""
    return _warned(_typed(_types.UsualViewers, _native.call("usual_viewers", log, {"agendas": agendas, "before": before, "min_webinars": min_webinars, **options})))


def monitor(log: EventLog, watches: Any, as_of: TimeArg | None = None, **options: Any) -> _types.Monitor:
    """Each watch's latest final period against its band, and the values alert rules read as `<watch id>.<field>` (value, expected, score, anomaly, change_percent, week_over_week_percent)."""
    return _warned(_typed(_types.Monitor, _native.call("monitor", log, {"watches": watches, "as_of": as_of, **options})))


def alert_rules(name: str = "all", **options: Any) -> Rows[_types.AlertRule]:
    """A built-in alert rule set: executive, operational, performance, technical, engagement or all."""
    return _warned(_typed(Rows, _native.call("alert_rules", None, {"name": name, **options})))


def evaluate_alerts(scorecard: Any, rules: Any = None, **options: Any) -> Rows[_types.RuleStatus]:
    """Every rule against a scorecard (or `{metric: value}`): firing, ok or no data."""
    return _warned(_typed(Rows, _native.call("evaluate_alerts", None, {"scorecard": scorecard, "rules": rules, **options})))


def read_spend_csv(source: Any, **options: Any) -> Rows[_types.ChannelSpend]:
    """Channel spend rows from a CSV file (date, channel, campaign, impressions, reach, clicks, cost, likes, comments, shares)."""
    return _warned(_typed(Rows, _native.call("read_spend_csv", None, {"source": _file(source), **options})))


def read_email_sends_csv(source: Any, **options: Any) -> Rows[_types.EmailSend]:
    """Email campaign rows from a CSV file (campaign, sent, delivered, unique_opens, unique_clicks)."""
    return _warned(_typed(Rows, _native.call("read_email_sends_csv", None, {"source": _file(source), **options})))


def read_ad_report(source: Any, platform: Any = None, channel: Any = None, skip_bad_rows: bool = False, **options: Any) -> _types.AdReport:
    """An ad platform's campaign export (Google Ads, Meta, LinkedIn; UTF-8, UTF-16 or Latin-1) as spend rows."""
    return _warned(_typed(_types.AdReport, _native.call("read_ad_report", None, {"source": _file(source), "platform": platform, "channel": channel, "skip_bad_rows": skip_bad_rows, **options})))


def read_hubspot_contacts(source: Any, tz: str = "UTC", skip_bad_rows: bool = False, **options: Any) -> _types.CrmContacts:
    """A HubSpot contacts export as contacts keyed by normalized email, ready for an event log."""
    return _warned(_typed(_types.CrmContacts, _native.call("read_hubspot_contacts", None, {"source": _file(source), "tz": tz, "skip_bad_rows": skip_bad_rows, **options})))


def read_activecampaign_report(source: Any, skip_bad_rows: bool = False, **options: Any) -> _types.EmailReport:
    """An ActiveCampaign campaign report as email send rows."""
    return _warned(_typed(_types.EmailReport, _native.call("read_activecampaign_report", None, {"source": _file(source), "skip_bad_rows": skip_bad_rows, **options})))


def read_activecampaign_activity(source: Any, tz: str = "UTC", **options: Any) -> EventLog:
    """An ActiveCampaign per-contact activity export as a log of email_open, email_click, unsubscribe and bounce events."""
    return cast(EventLog, _native.call("read_activecampaign_activity", None, {"source": _file(source), "tz": tz, **options}))
