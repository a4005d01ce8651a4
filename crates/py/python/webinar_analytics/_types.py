"""The result types of every analysis, generated from the core's result types (do not edit:
`UPDATE_GENERATED=1 cargo test --test it generated` rewrites it). A result class (`FunnelResult`)
has a typed attribute per field; its rows and nested records are plain `dict`s typed by the
`TypedDict`s here; `to_dict()` gives the JSON every language shares."""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypeAlias, TypedDict, cast

from webinar_analytics._result import Result

Order = Literal["ordered", "strict", "unordered"]
"""How the steps must follow each other."""

CountMode = Literal["persons", "attempts", "sessions"]
"""What is counted at each step."""

CalendarUnit = Literal["day", "week", "month", "quarter"]
"""Length of a calendar period."""

Unit = Literal["people", "count", "ratio", "percent", "seconds", "minutes", "currency", "score_0_100", "score_0_10", "per_minute"]
"""What a metric's number means."""

Direction = Literal["higher", "lower"]
"""Which way is better."""

Status = Literal["on_track", "at_risk", "off_track", "unknown"]
"""Status of a value against its target."""

Input = Literal["events", "spend", "email_sends", "agenda", "uptime"]
"""An input table a metric needs."""

PathUnit = Literal["person", "session"]
"""What one path is."""

StickinessUnit = Literal["week", "month"]
"""The period whose active days are counted."""

CandidateKind = Literal["event", "event_property", "contact"]
"""Which candidates are tested."""

TestKind = Literal["fisher", "chi_square"]
"""Which test gave a candidate's p-value."""

Model = Literal["first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based", "markov", "shapley"]
"""An attribution model."""

Conversions = Literal["first", "all"]
"""Which conversions are credited."""

ShapleyMethod = Literal["simplified", "coalitions"]
"""How Shapley values are computed."""

Period = Literal["day", "week"]
"""Length of a trend period."""

DashboardKind = Literal["executive", "operational"]
"""Which dashboard."""

Operator = Literal["<", "<=", ">", ">="]
"""Comparison of a metric with a threshold."""

Severity = Literal["critical", "high", "medium", "low"]
"""How urgent an alert is. Ordered from the most urgent."""

RuleState = Literal["firing", "ok", "no_data"]
"""Whether a rule holds now."""

Seasonality = Literal["weekday", "none"]
"""Which earlier periods a period is compared with."""

AdPlatform = Literal["google_ads", "meta_ads", "linkedin_ads", "linkedin_page", "facebook_page"]
"""Which ad platform wrote the export."""


class SummaryDict(TypedDict):
    """Contacts, persons, events per kind and the time span of a log."""
    contacts: int
    persons: int
    events: int
    first_ts: str | None
    last_ts: str | None
    kinds: list[KindSummary]


class KindSummary(TypedDict):
    """Counts of one event kind."""
    kind: str
    events: int
    persons: int


class FunnelResultDict(TypedDict):
    """A funnel: per-step counts and conversion, with an optional breakdown."""
    order: Order
    count: CountMode
    window_seconds: float
    counts: list[int]
    steps: list[FunnelStep]
    breakdown: FunnelBreakdown | None
    trend: NotRequired[FunnelTrend | None]
    comparison: NotRequired[FunnelComparison | None]
    warnings: NotRequired[list[ResultWarning]]


class FunnelStep(TypedDict):
    """One step of a funnel result."""
    step: int
    event: str
    label: str
    optional: bool
    count: int
    conversion_from_previous: float | None
    conversion_from_start: float | None
    conversion_from_previous_ci: list[float] | None
    conversion_from_start_ci: list[float] | None
    small_sample: bool
    dropoff: int | None
    in_progress: int
    mean_seconds_from_previous: float | None
    median_seconds_from_previous: float | None
    mean_seconds_from_start: float | None
    median_seconds_from_start: float | None
    time_to_convert: TimeToConvert | None
    dropped_ids: NotRequired[list[PersonKey]]


class TimeToConvert(TypedDict):
    """The time from step 1 to a step."""
    n: int
    percentiles: list[Percentile]
    histogram: Histogram
    survival: list[SurvivalPoint]


class Percentile(TypedDict):
    """One percentile of the times."""
    p: float
    seconds: float


class Histogram(TypedDict):
    """A histogram of times, seconds."""
    edges: list[float]
    counts: list[int]


class SurvivalPoint(TypedDict):
    """The Kaplan-Meier estimate at one time."""
    seconds: float
    not_converted: float


class FunnelBreakdown(TypedDict):
    """A funnel broken down by a property or attribute (or several)."""
    by: str | list[str]
    source: str | list[str]
    attribution: str | None
    values: list[FunnelGroup]


class FunnelGroup(TypedDict):
    """The funnel of one breakdown value."""
    value: Any
    counts: list[int]
    steps: list[FunnelStep]


class FunnelTrend(TypedDict):
    """The funnel per entry period."""
    period: CalendarUnit
    tz: str
    periods: list[TrendPeriod]


class TrendPeriod(TypedDict):
    """The funnel of the persons entering in one period."""
    period: str
    start: str
    counts: list[int]
    conversion_from_start: list[float | None]
    conversion_from_start_ci: list[list[float] | None]
    conversion_from_previous: list[float | None]
    conversion_from_previous_ci: list[list[float] | None]
    in_progress_counts: list[int]
    in_progress: bool


class FunnelComparison(TypedDict):
    """The funnel over another entry period, step by step against this one."""
    entry_from: str
    entry_to: str
    steps: list[StepComparison]


class StepComparison(TypedDict):
    """One step compared."""
    count: int
    conversion_from_start: float | None
    change: float | None
    relative_change: float | None
    p_value: float | None


class ResultWarning(TypedDict):
    """Something a result answers despite, that its reader should know: a funnel step naming an event the log does not have counts no one, and says so instead of silently answering zero. Identical in every language binding (`result["warnings"]`)."""
    code: str
    message: str
    parameter: str


class RetentionMatrixDict(TypedDict):
    """A cohort retention matrix: rows are cohorts, columns periods elapsed (or brackets)."""
    period: CalendarUnit
    tz: str
    kind: str
    as_of: str | None
    cohorts: list[str]
    periods: list[Any]
    cohort_size: list[int]
    counts: list[list[int | None]]
    rates: list[list[float | None]]
    rates_ci: list[list[list[float] | None]]
    small_sample: list[bool]
    revenue: list[list[float | None]]
    ltv: list[list[float | None]]
    breakdown: RetentionBreakdown | None
    comparison: NotRequired[RetentionComparison | None]


class RetentionBreakdown(TypedDict):
    """A retention matrix broken down by a contact attribute."""
    by: str
    values: list[RetentionGroup]


class RetentionGroup(TypedDict):
    """One breakdown value's matrix (same cohorts and periods as the total)."""
    value: Any
    cohort_size: list[int]
    counts: list[list[int | None]]
    rates: list[list[float | None]]
    rates_ci: list[list[list[float] | None]]
    small_sample: list[bool]
    revenue: list[list[float | None]]
    ltv: list[list[float | None]]


class RetentionComparison(TypedDict):
    """The pooled retention of the current cohorts against the compared cohorts'."""
    compared_from: str
    compared_to: str
    cohorts: list[str]
    compared_cohorts: list[str]
    periods: list[PeriodRetentionChange]


class PeriodRetentionChange(TypedDict):
    """One column (period elapsed, or bracket) of the comparison."""
    period: Any
    persons: int
    retained: int
    rate: float | None
    compared_persons: int
    compared_retained: int
    compared_rate: float | None
    change: float | None
    relative_change: float | None
    p_value: float | None


class ScorecardDict(TypedDict):
    """Every metric's value, target, status and progress, and the stage funnel."""
    as_of: str | None
    tolerance: float
    metrics: list[ScoredMetric]
    funnel: list[FunnelStage]
    warnings: NotRequired[list[ResultWarning]]


class ScoredMetric(TypedDict):
    """One metric of the scorecard."""
    id: str
    stage: str
    group: str
    label_en: str
    label_es: str
    unit: Unit
    direction: Direction
    value: float | None
    reason: str | None
    target: float | None
    status: Status
    progress: float | None
    ci: list[float] | None
    n: int | None
    small_sample: bool
    compared_from: NotRequired[str]
    compared_to: NotRequired[str]
    compared_value: NotRequired[float | None]
    change: NotRequired[float | None]
    relative_change: NotRequired[float | None]
    p_value: NotRequired[float | None]


class FunnelStage(TypedDict):
    """One stage of the stage funnel."""
    stage: str
    metric: str
    value: float | None
    step_conversion_percent: float | None
    overall_conversion_percent: float | None


class MetricDef(TypedDict):
    """One metric of the catalog."""
    id: str
    stage: str
    group: str
    label_en: str
    label_es: str
    definition_en: str
    definition_es: str
    formula: str
    unit: Unit
    direction: Direction
    target: float | None
    inputs: list[Input]


class ChangeExplanationDict(TypedDict):
    """A change of conversion between two periods, explained by a breakdown."""
    by: str | list[str]
    before: PeriodConversion
    after: PeriodConversion
    total_change: float | None
    relative_change: float | None
    p_value: float | None
    mix_effect: float | None
    rate_effect: float | None
    segments: list[SegmentChange]


PeriodConversion = TypedDict("PeriodConversion", {"from": "str", "to": "str", "entrants": "int", "converted": "int", "conversion": "float | None", "conversion_ci": "list[float] | None"})


class SegmentChange(TypedDict):
    """One segment's part in the change."""
    value: Any
    entrants: list[int]
    share: list[float]
    conversion: list[float | None]
    mix_effect: float
    rate_effect: float


class FunnelPartialDict(TypedDict):
    """The mergeable state of a funnel over a subset of persons: merging the partials of disjoint subsets (in any order or grouping) then finishing gives exactly the funnel over their union, medians included (every time to convert is kept). Serializes to JSON for transport."""
    version: int
    head: FunnelHead
    groups: list[PartialGroup]
    trend: NotRequired[list[list[int | TrendTally]]]


class FunnelHead(TypedDict):
    """What a partial was computed for; partials merge only when their heads are equal."""
    events: list[str]
    labels: list[str]
    optional: list[bool]
    order: Order
    count: CountMode
    window_seconds: float
    breakdown: str | list[str] | None
    breakdown_source: str | list[str] | None
    attribution: str | None
    breakdown_limit: int
    hold: NotRequired[list[str]]
    dropped_ids: bool
    confidence: float
    small_sample: int
    percentiles: list[float]
    bins: Literal["auto"] | int | list[float]
    trend: NotRequired[CalendarUnit | None]
    tz: NotRequired[str | None]
    as_of: NotRequired[str | None]


class PartialGroup(TypedDict):
    """One breakdown group of a partial."""
    value: Any
    counts: list[int]
    in_progress: list[int]
    times_from_previous: list[list[int]]
    times_from_start: list[list[int]]
    dropped_ids: NotRequired[list[list[PersonKey]]]
    open_elapsed: list[list[int]]


class TrendTally(TypedDict):
    """Per-step tallies of the persons (attempts) entering in one trend period."""
    counts: list[int]
    in_progress: list[int]


class PathsResultDict(TypedDict):
    """Transitions and per-event totals over every path."""
    by: PathUnit
    paths: int
    persons: int
    events: list[PathEvent]
    transitions: list[Transition]
    warnings: NotRequired[list[ResultWarning]]


class PathEvent(TypedDict):
    """One event kind's totals over the paths."""
    event: str
    count: int
    persons: int
    starts: int
    ends: int
    outgoing: int


class Transition(TypedDict):
    """One transition: `target` came right after `source` in a path."""
    source: str
    target: str
    count: int
    persons: int
    share_of_source: float | None


class FlowsResultDict(TypedDict):
    """Where paths go from (or come to) an event."""
    by: PathUnit
    start: str | None
    end: str | None
    steps: int
    paths: int
    nodes: list[FlowNode]
    links: list[FlowLink]
    top_paths: list[TopPath]
    warnings: NotRequired[list[ResultWarning]]


class FlowNode(TypedDict):
    """One node of a flow: an event at a step."""
    step: int
    event: str
    count: int
    ends: int


class FlowLink(TypedDict):
    """One link of a flow: paths going from `source` at `step` to `target` at the next step."""
    step: int
    source: str
    target: str
    count: int


class TopPath(TypedDict):
    """One of the most frequent sequences."""
    events: list[str]
    count: int
    share: float | None


class FunnelFlowsDict(TypedDict):
    """What people did around one step of a funnel."""
    step: int
    from_step: str
    to_step: str
    dropped: FlowsResultDict
    converted: FlowsResultDict
    converted_directly: int


class PathsPartialDict(TypedDict):
    """The mergeable state of `paths` over a subset of persons: merging the partials of disjoint subsets gives exactly the result over their union (counts add; each person is in one subset, so distinct persons add too)."""
    version: int
    head: PathsHead
    paths: int
    persons: int
    events: list[list[str | EventTally]]
    transitions: list[PairTally]


class PathsHead(TypedDict):
    """What a partial was computed for; partials merge only when their heads are equal."""
    by: PathUnit
    collapse_repeats: bool
    events: list[str] | None
    as_of: str | None


class EventTally(TypedDict):
    """One event kind's tallies in a partial."""
    count: int
    persons: int
    starts: int
    ends: int


class PairTally(TypedDict):
    """One pair's tallies in a partial."""
    source: str
    target: str
    count: int
    persons: int


class LifecycleResultDict(TypedDict):
    """New, returning, resurrecting and dormant persons per period."""
    period: CalendarUnit
    tz: str
    periods: list[LifecyclePeriod]
    warnings: NotRequired[list[ResultWarning]]


class LifecyclePeriod(TypedDict):
    """One period of a lifecycle, with its counts."""
    period: str
    start: str
    active: int
    new: int
    returning: int
    resurrecting: int
    dormant: int
    retention: float | None
    in_progress: bool


class StickinessResultDict(TypedDict):
    """Active days per person, per period."""
    period: StickinessUnit
    tz: str
    periods: list[StickinessPeriod]
    warnings: NotRequired[list[ResultWarning]]


class StickinessPeriod(TypedDict):
    """One period's distribution of active days."""
    period: str
    start: str
    active: int
    persons: list[int]
    share: list[float | None]
    mean_days: float | None


class DriversResultDict(TypedDict):
    """What goes with converting."""
    conversion: str
    entry: str | None
    persons: int
    converters: int
    conversion_rate: float | None
    drivers: list[Driver]
    values_not_tested: int
    warnings: NotRequired[list[ResultWarning]]


class Driver(TypedDict):
    """One candidate and how it goes with converting."""
    kind: CandidateKind
    name: str
    value: Any
    label: str
    persons: int
    converters_with: int
    non_converters_with: int
    converters_without: int
    non_converters_without: int
    conversion_with: float | None
    conversion_without: float | None
    odds_ratio: float | None
    odds_ratio_ci: list[float] | None
    test: TestKind | None
    p_value: float | None
    p_adjusted: float | None
    significant: bool


class AttributionResultDict(TypedDict):
    """Which touchpoints earned the conversions and the revenue."""
    conversion: str
    touch: str
    lookback_seconds: float
    conversions: int
    revenue: float
    attributed_conversions: int
    attributed_revenue: float
    unattributed_conversions: int
    unattributed_revenue: float
    converting_paths: int
    non_converting_paths: int
    unparsed_urls: int
    rows: list[AttributionRow]
    markov: MarkovSummary | None
    warnings: NotRequired[list[ResultWarning]]


class AttributionRow(TypedDict):
    """The credit one model gives one touch value."""
    model: Model
    touch: str
    conversions: float
    revenue: float
    share: float | None
    revenue_share: float | None
    cost: float | None
    cpa: float | None
    roas: float | None
    roi_percent: float | None
    conversions_ci: NotRequired[list[float] | None]
    revenue_ci: NotRequired[list[float] | None]


class MarkovSummary(TypedDict):
    """What the Markov chain says."""
    order: int
    states: int
    conversion_probability: float
    removal_effects: list[RemovalEffect]


class RemovalEffect(TypedDict):
    """The removal effects of one touch value in the Markov chain."""
    touch: str
    removal_effect: float
    value_removal_effect: float


class AttributionPartialDict(TypedDict):
    """The mergeable partial state of `attribution` over a subset of persons (see the module documentation of `crate::partial` for the bytes)."""
    version: int
    params: AttributionParams
    labels: list[str]
    attributed_conversions: int
    attributed_revenue: float
    unattributed_conversions: int
    unattributed_revenue: float
    converting_paths: int
    non_converting_paths: int
    unparsed_urls: int
    has_touch: bool
    has_conversion: bool
    sums: ModelSums


class AttributionParams(TypedDict):
    """Options of `attribution`."""
    conversion: str
    touch: str
    models: list[Model]
    lookback: str
    half_life: str
    conversions: Conversions
    position_weights: list[float]
    direct: list[str]
    markov_order: int
    shapley: ShapleyMethod
    intervals: bool
    resamples: int
    confidence: float
    seed: int
    as_of: str | None


class ModelSums(TypedDict):
    """What every model needs of a set of paths, over touch codes (indices into a list of touch values); it adds over disjoint sets of persons."""
    rules: list[list[list[float]]]
    markov: MarkovSums | None
    sets: list[list[list[int] | list[float]]] | None


class MarkovSums(TypedDict):
    """What the chain of a set of paths counts: it adds over disjoint sets of persons (the partial state of the Markov model)."""
    states: list[list[int]]
    transitions: list[list[int | float]]
    ends: list[list[float]]
    last: list[list[float]]


class RetentionPartialDict(TypedDict):
    """The mergeable state of a retention matrix over a subset of persons: merging the partials of disjoint subsets, in any order, then finishing gives exactly the matrix over their union."""
    version: int
    head: RetentionHead
    end_index: int | None
    groups: list[RetentionGroupState]


class RetentionHead(TypedDict):
    """What a partial was computed for; partials merge only when their heads are equal."""
    period: CalendarUnit
    tz: str
    kind: Literal["on", "on_or_after"] | list[list[int]]
    as_of: str | None
    breakdown: str | None
    confidence: float
    small_sample: int


class RetentionGroupState(TypedDict):
    """The cohorts of one breakdown value."""
    value: Any
    cohorts: list[list[int | CohortState]]


class CohortState(TypedDict):
    """The tallies of one cohort, by period offset from the cohort's period."""
    size: int
    active: list[int]
    last: list[int]
    brackets: list[int]
    revenue: list[int]


class ChannelRow(TypedDict):
    """One row of the channel table. Rates are fractions 0-1; `None` (null) where the denominator is zero."""
    channel: str | int | float | bool | None
    contacts: int
    registrations: int
    attendees: int
    conversions: int
    purchases: int
    revenue: float
    conversion_rate: float | None
    contact_conversion_rate: float | None
    conversion_rate_ci: list[float] | None
    contact_conversion_rate_ci: list[float] | None
    small_sample: bool
    aov: float | None
    cost: NotRequired[float]
    cost_per_lead: NotRequired[float | None]
    cost_per_acquisition: NotRequired[float | None]
    roas: NotRequired[float | None]
    roi_percent: NotRequired[float | None]
    compared_from: NotRequired[str]
    compared_to: NotRequired[str]
    compared_registrations: NotRequired[int]
    compared_conversions: NotRequired[int]
    compared_revenue: NotRequired[float]
    compared_conversion_rate: NotRequired[float | None]
    conversion_rate_change: NotRequired[float | None]
    conversion_rate_relative_change: NotRequired[float | None]
    conversion_rate_p_value: NotRequired[float | None]
    revenue_change: NotRequired[float]


class ChannelPartialDict(TypedDict):
    """The mergeable partial state of `channel_performance`: counts per attribute value. Partials computed on disjoint sets of persons merge (associative, commutative, exact: revenue is kept in millionths of the currency unit) into the partial of their union; `ChannelPartial::finalize` turns one into rows."""
    version: int
    by: str
    confidence: float
    small_sample: int
    groups: list[list[GroupKey | Tally]]


class Tally(TypedDict):
    """Counts of one group with revenue in millionths."""
    contacts: int
    registrations: int
    attendees: int
    conversions: int
    purchases: int
    revenue_micros: int


class AttendanceDict(TypedDict):
    """Attendance of a webinar computed from join / leave events."""
    attendees: int
    total_minutes: float
    mean_minutes: float | None
    live: ViewingTotals
    on_demand: ViewingTotals
    both: int
    peak_viewers: int
    peak_at: str | None
    current_viewers: int | None
    attendance_drop: float | None
    open_sessions: int
    timeline: list[ViewerCount]
    sections: list[SectionPresence]
    section_retention: float | None


class ViewingTotals(TypedDict):
    """Attendees and attended minutes of one way of viewing."""
    attendees: int
    minutes: float


class ViewerCount(TypedDict):
    """Number of people watching from `ts` until the next change."""
    ts: str
    viewers: int


class SectionPresence(TypedDict):
    """Presence in one agenda section."""
    name: str
    start: str
    end: str
    present: int
    retention_percent: float | None


class WebinarTableDict(TypedDict):
    """One row per webinar, in order of start."""
    webinars: list[WebinarRow]
    series: list[SeriesSpread]
    untagged_events: int
    warnings: NotRequired[list[ResultWarning]]


class WebinarRow(TypedDict):
    """One webinar of a series."""
    webinar_id: str
    starts_at: str | None
    registrations: int
    attendees: int
    attendance_rate: float | None
    live_attendees: int
    on_demand_attendees: int
    both_attendees: int
    live_minutes: float
    on_demand_minutes: float
    engagement_score: float | None
    conversions: int
    conversion_rate: float | None
    revenue: float
    cost: float | None
    cost_per_registration: float | None
    rank: int


class SeriesSpread(TypedDict):
    """The series' spread of one column of the table."""
    metric: str
    q1: float | None
    median: float | None
    q3: float | None


class WebinarFeatures(TypedDict):
    """One webinar's features as of its cutoff, and its outcome when known."""
    webinar_id: str
    starts_at: str
    cutoff: str
    registrations: float
    registrations_48h: float
    registration_velocity: float
    email_open_rate_24h: float
    email_click_rate_24h: float
    email_open_rate: float
    ad_impressions: float
    ad_clicks: float
    ad_spend: float
    organic_page_views: float
    day_of_week: float
    local_hour: float
    month: float
    previous_attendance_rate: float | None
    series_attendance_rate: float | None
    returning_share: float | None
    mean_lead_score: float | None
    engagement_momentum: float
    marketing_pressure: float
    live_attendees: float | None


class AttendanceBacktestDict(TypedDict):
    """A rolling-origin backtest: train on the webinars before, predict the next."""
    rows: list[BacktestRow]
    mae: float | None
    mape: float | None
    coverage: float | None
    target_coverage: float
    mean_width: float | None
    intervals: int


class BacktestRow(TypedDict):
    """One webinar of the backtest: predicted by a model trained on the webinars before it."""
    webinar_id: str
    starts_at: str
    trained_on: int
    actual: float
    predicted: float
    low: float | None
    high: float | None
    covered: bool | None


class AttendanceForecastDict(TypedDict):
    """The predicted attendance of one webinar."""
    webinar_id: str
    cutoff: str
    registrations: float
    predicted: float
    low: float | None
    high: float | None
    coverage: float
    attendance_rate: float | None
    drivers: list[FeatureEffect]
    backtest: AttendanceBacktestDict
    actual: float | None
    insights: list[ForecastInsight]
    recommendations: list[AttendanceRecommendation]


class FeatureEffect(TypedDict):
    """A feature's effect on a prediction: the prediction minus the prediction with this feature at its training median."""
    feature: str
    value: float
    median: float
    effect: float


class ForecastInsight(TypedDict):
    """An insight into a forecast: a leading indicator or the outlook away from the series' usual."""
    kind: str
    impact: str
    value: float
    usual: float
    message_en: str
    message_es: str


class AttendanceRecommendation(TypedDict):
    """A recommendation of the seed's rules."""
    category: str
    priority: str
    action_en: str
    action_es: str
    details_en: list[str]
    details_es: list[str]


class ConversionDatasetDict(TypedDict):
    """The rows of `conversion_dataset` with the names of their features."""
    features: list[str]
    rows: list[ConversionRow]


class ConversionRow(TypedDict):
    """One registrant of one webinar."""
    user_id: Any
    webinar_id: str
    observed_until: str
    features: list[float]
    converted: bool | None
    split: str
    registered_at: str


class ConversionModelDict(TypedDict):
    """The conversion model's report and scores."""
    webinar_id: str
    train_webinars: list[str]
    calibration_webinars: list[str]
    test_webinars: list[str]
    test: ConversionTest
    feature_importance: list[list[str | float]]
    scored_registrants: int
    scores: list[ConversionScore]


class ConversionTest(TypedDict):
    """Quality on the held-out (latest) webinars."""
    rows: int
    base_rate: float | None
    roc_auc: float | None
    brier: float | None
    ece: float | None
    ece_uncalibrated: float | None
    reliability: list[ReliabilityBin]


ReliabilityBin = TypedDict("ReliabilityBin", {"from": "float", "to": "float", "rows": "int", "predicted": "float | None", "observed": "float | None"})


class ConversionScore(TypedDict):
    """A scored registrant of the scored webinar."""
    user_id: Any
    probability: float
    segment: str
    next_action: str
    next_action_es: str
    reasons: list[Reason]
    converted: bool | None


class Reason(TypedDict):
    """A feature's contribution to a registrant's probability (`TreeSHAP` on the forest's probability, before calibration)."""
    feature: str
    value: float
    contribution: float


class LeadTableDict(TypedDict):
    """The scored webinar's leads, most likely first, and the same as CSV with HubSpot's import column names."""
    rows: list[LeadRow]
    csv: str


class LeadRow(TypedDict):
    """One lead for the CRM: contact fields, the probability, its reasons and the next action."""
    user_id: Any
    email: str | None
    first_name: str | None
    last_name: str | None
    job_title: str | None
    company: str | None
    lifecycle_stage: str
    webinar_id: str
    probability: float
    segment: str
    top_reasons: str
    next_action: str


class SeriesInputsDict(TypedDict):
    """What a demo series adds to its log: spend, email sends, agendas and the webinars."""
    spend: list[ChannelSpend]
    email_sends: list[EmailSend]
    agendas: dict[str, WebinarAgenda]
    webinars: list[SeriesWebinar]


class ChannelSpend(TypedDict):
    """One day of one channel's advertising and social activity."""
    date: str
    channel: str
    campaign: str
    impressions: int
    reach: int
    clicks: int
    cost: float
    likes: int
    comments: int
    shares: int
    webinar_id: NotRequired[str]


class EmailSend(TypedDict):
    """Delivery figures of one email campaign."""
    campaign: str
    sent: int
    delivered: int
    unique_opens: int
    unique_clicks: int


class WebinarAgenda(TypedDict):
    """The webinar's schedule: start time, sections and number of slides."""
    starts_at: str
    sections: list[AgendaSection]
    slides: int


class AgendaSection(TypedDict):
    """One section of the webinar agenda, in minutes from the start."""
    name: str
    start_minute: int
    end_minute: int


class SeriesWebinar(TypedDict):
    """One webinar of a demo series, as a Zoom export describes it."""
    webinar_id: str
    topic: str
    starts_at: str
    duration_minutes: int


class TrendsDict(TypedDict):
    """The series and the KPI cards."""
    period: Period
    tz: str
    series: list[TrendPoint]
    cards: list[KpiCard]


class TrendPoint(TypedDict):
    """One point of the series."""
    period: str
    start: str
    registrations: int
    attendance: int
    conversions: int
    revenue: float


class KpiCard(TypedDict):
    """A KPI card: the last period's value, the change over the period before, the trend."""
    metric: str
    value: float | None
    previous: float | None
    change_percent: float | None
    trend: str | None


class CohortPerformanceDict(TypedDict):
    """Per-cohort performance and insights."""
    period: CalendarUnit
    tz: str
    cohorts: list[CohortSummary]
    insights: list[CohortInsight]
    warnings: NotRequired[list[ResultWarning]]


class CohortSummary(TypedDict):
    """One cohort's performance."""
    cohort: str
    size: int
    conversions: int
    conversion_rate: float | None
    revenue: float
    lifetime_value: float | None
    retention_period_1: float | None
    attendees: int
    engagement_score: float | None
    attended_minutes: float | None
    interactions: int


class CohortInsight(TypedDict):
    """An insight on the trend from the first cohort to the last."""
    kind: str
    direction: str
    impact: str
    first_cohort: str
    last_cohort: str
    first_value: float
    last_value: float
    message_en: str
    message_es: str


class SegmentationDict(TypedDict):
    """Segments of the audience."""
    features: list[str]
    k: int
    silhouette: float | None
    inertia: float
    segments: list[SegmentProfile]
    assignments: list[SegmentAssignment]


class SegmentProfile(TypedDict):
    """One segment's profile."""
    segment: int
    size: int
    share: float | None
    means: dict[str, float]
    modes: dict[str, str | int | float | bool | None]
    conversion_rate: float | None
    revenue_mean: float | None
    recommendations: list[SegmentRecommendation]


class SegmentRecommendation(TypedDict):
    """A recommendation for a segment."""
    kind: str
    priority: str
    action_en: str
    action_es: str


class SegmentAssignment(TypedDict):
    """A contact's segment."""
    user_id: PersonKey
    segment: int


class AudienceDistribution(TypedDict):
    """The distribution of contacts over one attribute, largest group first (ties by value order of first appearance), contacts without a value last."""
    attribute: str
    values: list[AudienceShare]


class AudienceShare(TypedDict):
    """Contacts with one attribute value."""
    value: str | int | float | bool | None
    contacts: int
    share: float | None


class ExperimentResultDict(TypedDict):
    """The analysis of an A/B test. p-values, intervals and posterior figures are given to 10 significant digits, the same on every platform."""
    control: str
    alpha: float
    variants: list[VariantResult]
    sample_ratio: SampleRatio
    planning: Planning
    conflicted: int
    warnings: list[str]


class VariantResult(TypedDict):
    """One variant's results."""
    variant: str
    n: int
    conversions: int
    conversion_rate: float | None
    rate_ci_low: float | None
    rate_ci_high: float | None
    posterior: list[float]
    metric_mean: float | None
    metric_sd: float | None
    vs_control: Comparison | None


class Comparison(TypedDict):
    """A variant against control, on conversion and on the continuous metric."""
    conversion: Test | None
    probability_to_beat_control: float | None
    expected_loss: float | None
    control_expected_loss: float | None
    always_valid_p_value: float | None
    metric: Test | None


class Test(TypedDict):
    """A test of one variant's difference with control."""
    difference: float
    relative_lift: float | None
    statistic: float | None
    df: float | None
    p_value: float | None
    p_value_adjusted: float | None
    ci_low: float | None
    ci_high: float | None
    significant: bool


class SampleRatio(TypedDict):
    """The sample-ratio-mismatch check."""
    expected_shares: list[float]
    observed_shares: list[float]
    chi_square: float | None
    p_value: float | None
    mismatch: bool


class Planning(TypedDict):
    """Planning figures for the control's rate and the current traffic."""
    baseline_rate: float | None
    detectable_rate: float | None
    detectable_relative_lift: float | None


class IdentityReportDict(TypedDict):
    """What resolution merged and what it refused."""
    persons_before: int
    persons_after: int
    merged: list[MergedPerson]
    conflicts: list[IdentityConflict]


class MergedPerson(TypedDict):
    """One resolved person made of several ids."""
    id: PersonKey
    merged: list[PersonKey]
    emails: list[str]
    via: list[str]


class IdentityConflict(TypedDict):
    """An identify event that was not followed."""
    id: PersonKey
    anonymous_id: PersonKey
    emails: list[str]


class DashboardDict(TypedDict):
    """A dashboard: sections of widgets, refresh rate, alerts."""
    kind: DashboardKind
    title_en: str
    title_es: str
    as_of: str
    compared_with: str | None
    refresh_seconds: int
    sections: list[DashboardSection]
    alerts: list[RuleStatus]


class DashboardSection(TypedDict):
    """A section of a dashboard."""
    id: str
    name_en: str
    name_es: str
    position: str
    widgets: list[Widget]


class FunnelBar(TypedDict):
    """One stage of a funnel chart."""
    stage: str
    label_en: str
    label_es: str
    metric: str
    value: float | None
    step_conversion_percent: float | None
    overall_conversion_percent: float | None


class Series(TypedDict):
    """A named series of a chart."""
    id: str
    label_en: str
    label_es: str
    values: list[float | None]


class Slice(TypedDict):
    """One slice of a pie chart."""
    label: str | None
    value: float
    share: float | None


class RuleStatus(TypedDict):
    """A rule evaluated against metric values."""
    id: str
    metric: str
    operator: Operator
    threshold: float
    severity: Severity
    message_en: str
    message_es: str
    value: float | None
    state: RuleState


class AnomalyReportDict(TypedDict):
    """A watched series and its anomalies."""
    measure: str
    series: str
    period: CalendarUnit
    seasonality: Seasonality
    sensitivity: float
    points: list[AnomalyPoint]
    anomalies: list[str]


class AnomalyPoint(TypedDict):
    """One period of the series, judged against its baseline."""
    period: str
    start: str
    value: float | None
    numerator: float
    denominator: float | None
    expected: float | None
    low: float | None
    high: float | None
    score: float | None
    status: str
    change_percent: float | None
    week_over_week_percent: float | None
    contributors: list[Contributor]


class Contributor(TypedDict):
    """A segment's part in an anomaly."""
    value: Any
    current: float | None
    usual: float | None
    entrants: float | None
    effect: float
    share: float | None


class UsualViewersDict(TypedDict):
    """A series' usual viewer curve."""
    webinars: list[str]
    minutes: list[UsualMinute]


class UsualMinute(TypedDict):
    """The usual audience at one minute since the start."""
    minute: int
    expected: float
    spread: float
    webinars: int


class MonitorDict(TypedDict):
    """Every watch's latest period and the metric values rules read."""
    watches: list[WatchState]
    values: dict[str, float | None]


class WatchState(TypedDict):
    """A watch's latest judged period."""
    id: str
    series: str
    latest: AnomalyPoint | None


class AlertRule(TypedDict):
    """One alert rule: fires while `metric operator threshold` holds."""
    id: str
    metric: str
    operator: Operator
    threshold: float
    severity: Severity
    message_en: str
    message_es: str


class AdReportDict(TypedDict):
    """An ad report read into spend rows."""
    platform: AdPlatform
    currency: str | None
    rows: list[ChannelSpend]
    reach: int | None
    skipped: list[SkippedRow]


class SkippedRow(TypedDict):
    """A row left out, and why."""
    line: int
    reason: str


class CrmContactsDict(TypedDict):
    """Contacts read from a CRM export."""
    contacts: list[CrmContact]
    skipped: list[SkippedRow]


class CrmContact(TypedDict):
    """One contact of a CRM export, ready for `EventLog::from_records(events, contacts)`."""
    user_id: str
    crm_id: str
    email: str | None
    registered_at: str | None
    lifecycle_stage: str | None
    channel: str | None
    industry: str | None
    company_size: str | None
    job_title: str | None
    country: str | None


class EmailReportDict(TypedDict):
    """Email sends read from the email tool's campaign report."""
    sends: list[EmailSend]
    skipped: list[SkippedRow]

PersonKey: TypeAlias = 'int | str'
"""A person's id as the user's data spells it: an integer or a string."""

ChannelPerformance: TypeAlias = 'list[ChannelRow]'
"""The channel table: one row per attribute value, sorted by value, persons without a value last. Serializes as the list of rows."""

GroupKey: TypeAlias = 'Literal["Missing"] | dict[str, Any]'
"""An attribute value as an ordered key (`None` for persons without a value)."""

OrderedValue: TypeAlias = 'dict[str, Any]'
"""`PropValue` with a total order: by type, then by value."""

PartialResult: TypeAlias = 'FunnelResultDict | RetentionMatrixDict | ChannelPerformance | PathsResultDict | AttributionResultDict'
"""The result a finished state gives: exactly the in-process call's."""

Widget: TypeAlias = 'dict[str, Any]'
"""A widget of the seed's dashboards."""


class AdReport(Result):
    """An ad report read into spend rows."""

    __slots__ = ()
    platform: AdPlatform
    """The platform."""
    currency: str | None
    """Currency of `cost`, when the export says."""
    rows: list[ChannelSpend]
    """One row per day and campaign."""
    reach: int | None
    """The platform's unique reach over the whole report, from its account totals row (Meta Ads Manager's summary row, Google Ads' `Total: Account` with a reach column) when the export has one; undefined otherwise. Reach per day or campaign cannot be added up (a person reached twice counts twice), so this is the number to give the scorecard as `inputs.reach`."""
    skipped: list[SkippedRow]
    """Totals rows skipped (always) and bad rows skipped (with `skip_bad_rows`)."""

    def to_dict(self) -> AdReportDict:
        """Plain data, identical in every language."""
        return cast(AdReportDict, self._native.to_dict())


class AnomalyReport(Result):
    """A watched series and its anomalies."""

    __slots__ = ()
    measure: str
    """`conversion`, `count`, `persons` or `value`."""
    series: str
    """What is watched: the event kind, or `step <k>: <from> -> <to>`."""
    period: CalendarUnit
    """Length of the periods."""
    seasonality: Seasonality
    """The baseline's periods."""
    sensitivity: float
    """The band's width in standard deviations."""
    points: list[AnomalyPoint]
    """Every period from the first to the last, oldest first."""
    anomalies: list[str]
    """The periods judged anomalous (`low` or `high`)."""

    def to_dict(self) -> AnomalyReportDict:
        """Plain data, identical in every language."""
        return cast(AnomalyReportDict, self._native.to_dict())


class Attendance(Result):
    """Attendance of a webinar computed from join / leave events."""

    __slots__ = ()
    attendees: int
    """Distinct persons with attended time, live or on demand."""
    total_minutes: float
    """Sum over attendees of the union of their intervals, in minutes."""
    mean_minutes: float | None
    """`total_minutes` / attendees (minutes)."""
    live: ViewingTotals
    """Live viewing: join / leave events not marked `replay`."""
    on_demand: ViewingTotals
    """On-demand (recording) viewing: join / leave events marked `replay`."""
    both: int
    """Persons who watched both live and on demand."""
    peak_viewers: int
    """Most concurrent live viewers."""
    peak_at: str | None
    """When the peak was first reached."""
    current_viewers: int | None
    """Viewers just before `as_of` (or one minute before the agenda's end); undefined without either."""
    attendance_drop: float | None
    """(peak - viewers) / peak x 100, percent, with the viewers just before `as_of`, or one minute before the agenda's end once it has passed (ending on schedule is no drop)."""
    open_sessions: int
    """Joins without a leave that could not be closed (no `as_of`, no agenda)."""
    timeline: list[ViewerCount]
    """Change points of the concurrent live viewers' count."""
    sections: list[SectionPresence]
    """Live presence per agenda section (empty without an agenda)."""
    section_retention: float | None
    """Mean of the sections' retention (percent); undefined without an agenda."""

    def to_dict(self) -> AttendanceDict:
        """Plain data, identical in every language."""
        return cast(AttendanceDict, self._native.to_dict())


class AttendanceBacktest(Result):
    """A rolling-origin backtest: train on the webinars before, predict the next."""

    __slots__ = ()
    rows: list[BacktestRow]
    """One row per predicted webinar."""
    mae: float | None
    """Mean absolute error, attendees."""
    mape: float | None
    """Mean absolute percentage error over webinars with attendees (percent)."""
    coverage: float | None
    """Share of the intervals that hold the actual attendance (0-1)."""
    target_coverage: float
    """The coverage asked for."""
    mean_width: float | None
    """Mean width of the intervals, attendees."""
    intervals: int
    """Rows with an interval."""

    def to_dict(self) -> AttendanceBacktestDict:
        """Plain data, identical in every language."""
        return cast(AttendanceBacktestDict, self._native.to_dict())


class AttendanceForecast(Result):
    """The predicted attendance of one webinar."""

    __slots__ = ()
    webinar_id: str
    """The webinar."""
    cutoff: str
    """When the features were taken."""
    registrations: float
    """Registrants at the cutoff."""
    predicted: float
    """Predicted live attendees."""
    low: float | None
    """Lower end of the prediction interval (`coverage`)."""
    high: float | None
    """Upper end."""
    coverage: float
    """The interval's coverage."""
    attendance_rate: float | None
    """predicted / registrations at the cutoff."""
    drivers: list[FeatureEffect]
    """The features that moved the prediction most, largest effect first."""
    backtest: AttendanceBacktestDict
    """The backtest over the webinars before it, whose residuals set the interval."""
    actual: float | None
    """Live attendees, when the webinar has ended by `as_of`."""
    insights: list[ForecastInsight]
    """Leading indicators and the outlook away from the series' usual (the seed's insights)."""
    recommendations: list[AttendanceRecommendation]
    """The seed's recommendations: more marketing when the forecast falls short of the series' usual attendance per registration (high priority when even the interval's upper end does), better content when email engagement is low."""

    def to_dict(self) -> AttendanceForecastDict:
        """Plain data, identical in every language."""
        return cast(AttendanceForecastDict, self._native.to_dict())


class AttributionPartial(Result):
    """The mergeable partial state of `attribution` over a subset of persons (see the module documentation of `crate::partial` for the bytes)."""

    __slots__ = ()
    version: int
    """Layout version (`ATTRIBUTION_PARTIAL_VERSION`)."""
    params: AttributionParams
    """The options (spend is given when finishing; intervals are not available)."""
    labels: list[str]
    """The touch values these persons' events carry; the touch codes of `sums` index it."""
    attributed_conversions: int
    """Conversions with a touchpoint in their window."""
    attributed_revenue: float
    """Their revenue."""
    unattributed_conversions: int
    """Conversions with no touchpoint in their window."""
    unattributed_revenue: float
    """Their revenue."""
    converting_paths: int
    """Paths ending in a conversion."""
    non_converting_paths: int
    """Paths of persons with touchpoints who never converted."""
    unparsed_urls: int
    """Events whose URL did not parse into touch properties."""
    has_touch: bool
    """Whether this part of the log has the touch property."""
    has_conversion: bool
    """Whether this part of the log has conversion events."""
    sums: ModelSums
    """What the models need."""

    def to_dict(self) -> AttributionPartialDict:
        """Plain data, identical in every language."""
        return cast(AttributionPartialDict, self._native.to_dict())


class AttributionResult(Result):
    """Which touchpoints earned the conversions and the revenue."""

    __slots__ = ()
    _optional = frozenset({"warnings"})
    conversion: str
    """The conversion event."""
    touch: str
    """The touch property."""
    lookback_seconds: float
    """The lookback, in seconds."""
    conversions: int
    """Conversions counted (`first` or `all`)."""
    revenue: float
    """Their revenue."""
    attributed_conversions: int
    """Conversions with a touchpoint in their window (what every model shares out)."""
    attributed_revenue: float
    """Their revenue."""
    unattributed_conversions: int
    """Conversions with no touchpoint in their window: credited to no model."""
    unattributed_revenue: float
    """Their revenue."""
    converting_paths: int
    """Paths ending in a conversion."""
    non_converting_paths: int
    """Paths of persons with touchpoints who never converted."""
    unparsed_urls: int
    """Events whose URL did not parse into touch properties (`touchpoints`, the GA4 reader): they have no touch, and are not dropped silently."""
    rows: list[AttributionRow]
    """One row per model and touch value, models in the asked order, most conversions first."""
    markov: MarkovSummary | None
    """The Markov chain's removal effects (when `markov` is among the models)."""
    warnings: list[ResultWarning] | None
    """What the reader should know."""

    def to_dict(self) -> AttributionResultDict:
        """Plain data, identical in every language."""
        return cast(AttributionResultDict, self._native.to_dict())


class ChangeExplanation(Result):
    """A change of conversion between two periods, explained by a breakdown."""

    __slots__ = ()
    by: str | list[str]
    """The breakdown (a list with several)."""
    before: PeriodConversion
    """The earlier period."""
    after: PeriodConversion
    """The later period."""
    total_change: float | None
    """`after.conversion - before.conversion`; undefined when a period has no entrants."""
    relative_change: float | None
    """`total_change / before.conversion`."""
    p_value: float | None
    """Two-sided p-value of the difference (two-proportion z-test, pooled)."""
    mix_effect: float | None
    """Sum of the segments' mix effects."""
    rate_effect: float | None
    """Sum of the segments' rate effects; `mix_effect + rate_effect = total_change`."""
    segments: list[SegmentChange]
    """Every segment, largest effect (mix + rate, in absolute value) first."""

    def to_dict(self) -> ChangeExplanationDict:
        """Plain data, identical in every language."""
        return cast(ChangeExplanationDict, self._native.to_dict())


class ChannelPartial(Result):
    """The mergeable partial state of `channel_performance`: counts per attribute value. Partials computed on disjoint sets of persons merge (associative, commutative, exact: revenue is kept in millionths of the currency unit) into the partial of their union; `ChannelPartial::finalize` turns one into rows."""

    __slots__ = ()
    version: int
    """Layout version (`CHANNEL_PARTIAL_VERSION`)."""
    by: str
    """The grouping attribute."""
    confidence: float
    """Confidence level of the rates' intervals (states written before intervals: 0.95)."""
    small_sample: int
    """Registrations under which a row is flagged `small_sample` (states written before: 30)."""
    groups: list[list[GroupKey | Tally]]
    """Counts by value, sorted by value."""

    def to_dict(self) -> ChannelPartialDict:
        """Plain data, identical in every language."""
        return cast(ChannelPartialDict, self._native.to_dict())


class CohortPerformance(Result):
    """Per-cohort performance and insights."""

    __slots__ = ()
    _optional = frozenset({"warnings"})
    period: CalendarUnit
    """Cohort length."""
    tz: str
    """Timezone of the calendar."""
    cohorts: list[CohortSummary]
    """One row per cohort, empty ones included."""
    insights: list[CohortInsight]
    """Retention and conversion trends (when at least two cohorts can be compared)."""
    warnings: list[ResultWarning] | None
    """What the reader should know: a trend resting on a cohort of fewer than 30 persons (`small_cohort`)."""

    def to_dict(self) -> CohortPerformanceDict:
        """Plain data, identical in every language."""
        return cast(CohortPerformanceDict, self._native.to_dict())


class ConversionDataset(Result):
    """The rows of `conversion_dataset` with the names of their features."""

    __slots__ = ()
    features: list[str]
    """The features' names, in the order of each row's `features`."""
    rows: list[ConversionRow]
    """One row per registrant of each webinar."""

    def to_dict(self) -> ConversionDatasetDict:
        """Plain data, identical in every language."""
        return cast(ConversionDatasetDict, self._native.to_dict())


class ConversionModel(Result):
    """The conversion model's report and scores."""

    __slots__ = ()
    webinar_id: str
    """The scored webinar."""
    train_webinars: list[str]
    """Webinars (and rows) the forest was trained on, calibrated on and tested on."""
    calibration_webinars: list[str]
    """Webinars of the calibration."""
    test_webinars: list[str]
    """Webinars of the test."""
    test: ConversionTest
    """The test's quality."""
    feature_importance: list[list[str | float]]
    """Importance of each feature (mean impurity decrease), largest first."""
    scored_registrants: int
    """Registrants of the scored webinar."""
    scores: list[ConversionScore]
    """Their scores, most likely first."""

    def to_dict(self) -> ConversionModelDict:
        """Plain data, identical in every language."""
        return cast(ConversionModelDict, self._native.to_dict())


class CrmContacts(Result):
    """Contacts read from a CRM export."""

    __slots__ = ()
    contacts: list[CrmContact]
    """The contacts, in file order."""
    skipped: list[SkippedRow]
    """Rows left out, and why (a duplicated email keeps the first row)."""

    def to_dict(self) -> CrmContactsDict:
        """Plain data, identical in every language."""
        return cast(CrmContactsDict, self._native.to_dict())


class Dashboard(Result):
    """A dashboard: sections of widgets, refresh rate, alerts."""

    __slots__ = ()
    kind: DashboardKind
    """Executive or operational."""
    title_en: str
    """English title."""
    title_es: str
    """Spanish title."""
    as_of: str
    """The time it describes."""
    compared_with: str | None
    """The comparison time of the metric cards."""
    refresh_seconds: int
    """Seconds between refreshes (executive 300, operational 60)."""
    sections: list[DashboardSection]
    """The sections, top to bottom."""
    alerts: list[RuleStatus]
    """The rules that fire now, most severe first."""

    def to_dict(self) -> DashboardDict:
        """Plain data, identical in every language."""
        return cast(DashboardDict, self._native.to_dict())


class DriversResult(Result):
    """What goes with converting."""

    __slots__ = ()
    _optional = frozenset({"warnings"})
    conversion: str
    """The conversion event."""
    entry: str | None
    """The entry event (null: every person)."""
    persons: int
    """Persons who entered."""
    converters: int
    """Of them, converted."""
    conversion_rate: float | None
    """`converters / persons`."""
    drivers: list[Driver]
    """Tested candidates, strongest association first (largest |ln odds ratio|)."""
    values_not_tested: int
    """Property or attribute values left untested beyond `max_values`."""
    warnings: list[ResultWarning] | None
    """What the reader should know (an event the log does not have)."""

    def to_dict(self) -> DriversResultDict:
        """Plain data, identical in every language."""
        return cast(DriversResultDict, self._native.to_dict())


class EmailReport(Result):
    """Email sends read from the email tool's campaign report."""

    __slots__ = ()
    sends: list[EmailSend]
    """One row per campaign."""
    skipped: list[SkippedRow]
    """Rows left out, and why."""

    def to_dict(self) -> EmailReportDict:
        """Plain data, identical in every language."""
        return cast(EmailReportDict, self._native.to_dict())


class ExperimentResult(Result):
    """The analysis of an A/B test. p-values, intervals and posterior figures are given to 10 significant digits, the same on every platform."""

    __slots__ = ()
    control: str
    """The control variant."""
    alpha: float
    """Significance level."""
    variants: list[VariantResult]
    """Variants in name order."""
    sample_ratio: SampleRatio
    """Sample-ratio check."""
    planning: Planning
    """Planning figures."""
    conflicted: int
    """Persons exposed to more than one variant (left out), when read from a log."""
    warnings: list[str]
    """Warnings in plain English (sample-ratio mismatch, too few conversions)."""

    def to_dict(self) -> ExperimentResultDict:
        """Plain data, identical in every language."""
        return cast(ExperimentResultDict, self._native.to_dict())


class FlowsResult(Result):
    """Where paths go from (or come to) an event."""

    __slots__ = ()
    _optional = frozenset({"warnings"})
    by: PathUnit
    """What a path is."""
    start: str | None
    """The start event, when given."""
    end: str | None
    """The end event, when given."""
    steps: int
    """Steps followed (after capping)."""
    paths: int
    """Paths in the flow (holding the anchor)."""
    nodes: list[FlowNode]
    """Nodes by step, then count (descending)."""
    links: list[FlowLink]
    """Links by step, then count (descending)."""
    top_paths: list[TopPath]
    """The most frequent followed sequences (up to 20)."""
    warnings: list[ResultWarning] | None
    """What the reader should know: a start or end the log does not have, capped steps."""

    def to_dict(self) -> FlowsResultDict:
        """Plain data, identical in every language."""
        return cast(FlowsResultDict, self._native.to_dict())


class FunnelFlows(Result):
    """What people did around one step of a funnel."""

    __slots__ = ()
    step: int
    """The funnel step (0-based) looked at."""
    from_step: str
    """Label of the step before it (the last one reached by those who dropped)."""
    to_step: str
    """Label of the step."""
    dropped: FlowsResultDict
    """Persons (attempts) who dropped at the step, no longer in progress: their events from their previous step's event (step 0) onwards."""
    converted: FlowsResultDict
    """Persons (attempts) who reached the step: their events strictly between the two steps' events (step 0 is the first event in between)."""
    converted_directly: int
    """Of those who reached the step, those with no event in between."""

    def to_dict(self) -> FunnelFlowsDict:
        """Plain data, identical in every language."""
        return cast(FunnelFlowsDict, self._native.to_dict())


class FunnelPartial(Result):
    """The mergeable state of a funnel over a subset of persons: merging the partials of disjoint subsets (in any order or grouping) then finishing gives exactly the funnel over their union, medians included (every time to convert is kept). Serializes to JSON for transport."""

    __slots__ = ()
    _optional = frozenset({"trend"})
    version: int
    """Layout version (`FUNNEL_PARTIAL_VERSION`)."""
    head: FunnelHead
    """What was computed."""
    groups: list[PartialGroup]
    """Tallies per breakdown value."""
    trend: list[list[int | TrendTally]] | None
    """Tallies per entry period (its index in the trend's calendar), when the funnel has a trend."""

    def to_dict(self) -> FunnelPartialDict:
        """Plain data, identical in every language."""
        return cast(FunnelPartialDict, self._native.to_dict())


class FunnelResult(Result):
    """A funnel: per-step counts and conversion, with an optional breakdown."""

    __slots__ = ()
    _optional = frozenset({"trend", "comparison", "warnings"})
    order: Order
    """Order mode."""
    count: CountMode
    """What was counted."""
    window_seconds: float
    """Funnel window, seconds."""
    counts: list[int]
    """Per-step counts (the `count` of each step)."""
    steps: list[FunnelStep]
    """Per-step details."""
    breakdown: FunnelBreakdown | None
    """Per breakdown value, when broken down."""
    trend: FunnelTrend | None
    """Conversion over time: the funnel per entry period, when asked for (`trend`)."""
    comparison: FunnelComparison | None
    """The same funnel over another entry period, when asked for (`compare`; given by `funnel`, not by merged partials)."""
    warnings: list[ResultWarning] | None
    """What the reader should know (a step naming an event the log does not have); given by `funnel`, not by merged partials."""

    def to_dict(self) -> FunnelResultDict:
        """Plain data, identical in every language."""
        return cast(FunnelResultDict, self._native.to_dict())


class IdentityReport(Result):
    """What resolution merged and what it refused."""

    __slots__ = ()
    persons_before: int
    """Persons before."""
    persons_after: int
    """Persons after."""
    merged: list[MergedPerson]
    """The groups of more than one id, in id order."""
    conflicts: list[IdentityConflict]
    """Identify events between persons with different emails (not merged)."""

    def to_dict(self) -> IdentityReportDict:
        """Plain data, identical in every language."""
        return cast(IdentityReportDict, self._native.to_dict())


class LeadTable(Result):
    """The scored webinar's leads, most likely first, and the same as CSV with HubSpot's import column names."""

    __slots__ = ()
    rows: list[LeadRow]
    """One row per registrant."""
    csv: str
    """CSV with a header row of HubSpot's names: `Email`, `First Name`, `Last Name`, `Job Title`, `Company Name`, `Lifecycle Stage`, then custom properties `User ID`, `Webinar ID`, `Conversion Probability`, `Conversion Segment`, `Top Reasons`, `Next Action`."""

    def to_dict(self) -> LeadTableDict:
        """Plain data, identical in every language."""
        return cast(LeadTableDict, self._native.to_dict())


class LifecycleResult(Result):
    """New, returning, resurrecting and dormant persons per period."""

    __slots__ = ()
    _optional = frozenset({"warnings"})
    period: CalendarUnit
    """Period length."""
    tz: str
    """Timezone of the periods."""
    periods: list[LifecyclePeriod]
    """Every period from the first activity's to `as_of`'s (or the last activity's)."""
    warnings: list[ResultWarning] | None
    """What the reader should know (an activity kind the log does not have)."""

    def to_dict(self) -> LifecycleResultDict:
        """Plain data, identical in every language."""
        return cast(LifecycleResultDict, self._native.to_dict())


class Monitor(Result):
    """Every watch's latest period and the metric values rules read."""

    __slots__ = ()
    watches: list[WatchState]
    """One state per watch, in order."""
    values: dict[str, float | None]
    """`<watch id>.<field>` -> value (null when undefined: no rule fires on it)."""

    def to_dict(self) -> MonitorDict:
        """Plain data, identical in every language."""
        return cast(MonitorDict, self._native.to_dict())


class PathsPartial(Result):
    """The mergeable state of `paths` over a subset of persons: merging the partials of disjoint subsets gives exactly the result over their union (counts add; each person is in one subset, so distinct persons add too)."""

    __slots__ = ()
    version: int
    """Layout version (`PATHS_PARTIAL_VERSION`)."""
    head: PathsHead
    """What was computed."""
    paths: int
    """Paths with at least one event."""
    persons: int
    """Persons with at least one event in a path."""
    events: list[list[str | EventTally]]
    """Per event kind."""
    transitions: list[PairTally]
    """Per pair."""

    def to_dict(self) -> PathsPartialDict:
        """Plain data, identical in every language."""
        return cast(PathsPartialDict, self._native.to_dict())


class PathsResult(Result):
    """Transitions and per-event totals over every path."""

    __slots__ = ()
    _optional = frozenset({"warnings"})
    by: PathUnit
    """What a path is."""
    paths: int
    """Paths with at least one event (persons, or sessions)."""
    persons: int
    """Persons with at least one event in a path."""
    events: list[PathEvent]
    """Per event kind, by count, descending."""
    transitions: list[Transition]
    """Per pair of consecutive events, by count, descending (then source, target)."""
    warnings: list[ResultWarning] | None
    """What the reader should know (an `events` entry the log does not have); given by `paths`, not by merged partials."""

    def to_dict(self) -> PathsResultDict:
        """Plain data, identical in every language."""
        return cast(PathsResultDict, self._native.to_dict())


class RetentionMatrix(Result):
    """A cohort retention matrix: rows are cohorts, columns periods elapsed (or brackets)."""

    __slots__ = ()
    _optional = frozenset({"comparison"})
    period: CalendarUnit
    """Cohort and period length."""
    tz: str
    """Timezone of the calendar."""
    kind: str
    """`on`, `on_or_after` or `brackets`."""
    as_of: str | None
    """Data cut-off, when given."""
    cohorts: list[str]
    """Cohort labels (`2024-01`, `2024-W05`, `2024-Q1`, `2024-01-15`), every period from the first cohort to the last, empty ones included."""
    periods: list[Any]
    """Column labels: periods elapsed (0, 1, ...) or brackets (`"0"`, `"1-3"`)."""
    cohort_size: list[int]
    """Persons per cohort (with or without activity)."""
    counts: list[list[int | None]]
    """Persons per cell; `null` where the period has not fully elapsed at `as_of` (or lies beyond the data without `as_of`)."""
    rates: list[list[float | None]]
    """`counts / cohort_size`, 0-1."""
    rates_ci: list[list[list[float] | None]]
    """Wilson interval `[low, high]` of each rate at the matrix's `confidence`; null where the rate is (censored cells, empty cohorts)."""
    small_sample: list[bool]
    """Per cohort, whether it has fewer persons than the `small_sample` option (default 30): its rates are noise."""
    revenue: list[list[float | None]]
    """Revenue in each cell's periods."""
    ltv: list[list[float | None]]
    """Cumulative revenue per cohort member through each cell (the LTV curve)."""
    breakdown: RetentionBreakdown | None
    """Per breakdown value, when broken down."""
    comparison: RetentionComparison | None
    """The current cohorts' pooled retention against the compared cohorts', when compared (given by `retention`, not by merged partials)."""

    def to_dict(self) -> RetentionMatrixDict:
        """Plain data, identical in every language."""
        return cast(RetentionMatrixDict, self._native.to_dict())


class RetentionPartial(Result):
    """The mergeable state of a retention matrix over a subset of persons: merging the partials of disjoint subsets, in any order, then finishing gives exactly the matrix over their union."""

    __slots__ = ()
    version: int
    """Layout version (`RETENTION_PARTIAL_VERSION`)."""
    head: RetentionHead
    """What was computed."""
    end_index: int | None
    """The last period with data (events up to `as_of`, anchors)."""
    groups: list[RetentionGroupState]
    """Tallies per breakdown value."""

    def to_dict(self) -> RetentionPartialDict:
        """Plain data, identical in every language."""
        return cast(RetentionPartialDict, self._native.to_dict())


class Scorecard(Result):
    """Every metric's value, target, status and progress, and the stage funnel."""

    __slots__ = ()
    _optional = frozenset({"warnings"})
    as_of: str | None
    """The `as_of` time used, if any."""
    tolerance: float
    """The tolerance used."""
    metrics: list[ScoredMetric]
    """One entry per catalog metric, in catalog order."""
    funnel: list[FunnelStage]
    """Awareness (reach) -> interest (website visits) -> consideration (registrations) -> action (attendance) -> conversion (conversions)."""
    warnings: list[ResultWarning] | None
    """Event roles the metrics count that the log has no event of (code `absent_event`, path `kinds.<role>`): those metrics score nothing the log tracks; map the log's own event names with `kinds=`."""

    def to_dict(self) -> ScorecardDict:
        """Plain data, identical in every language."""
        return cast(ScorecardDict, self._native.to_dict())


class Segmentation(Result):
    """Segments of the audience."""

    __slots__ = ()
    features: list[str]
    """Feature names, in column order."""
    k: int
    """Number of segments."""
    silhouette: float | None
    """Mean silhouette (on a seeded sample of at most 1000 contacts)."""
    inertia: float
    """k-means inertia on the standardized features."""
    segments: list[SegmentProfile]
    """One profile per segment."""
    assignments: list[SegmentAssignment]
    """Each contact's segment, in id order."""

    def to_dict(self) -> SegmentationDict:
        """Plain data, identical in every language."""
        return cast(SegmentationDict, self._native.to_dict())


class SeriesInputs(Result):
    """What a demo series adds to its log: spend, email sends, agendas and the webinars."""

    __slots__ = ()
    spend: list[ChannelSpend]
    """Daily ad spend before each webinar, with its `webinar_id`."""
    email_sends: list[EmailSend]
    """Reminder email figures, campaign `<webinar>/<reminder>`."""
    agendas: dict[str, WebinarAgenda]
    """Each webinar's agenda by id."""
    webinars: list[SeriesWebinar]
    """The webinars in order: id, topic, start, length."""

    def to_dict(self) -> SeriesInputsDict:
        """Plain data, identical in every language."""
        return cast(SeriesInputsDict, self._native.to_dict())


class StickinessResult(Result):
    """Active days per person, per period."""

    __slots__ = ()
    _optional = frozenset({"warnings"})
    period: StickinessUnit
    """`week` or `month`."""
    tz: str
    """Timezone of the days."""
    periods: list[StickinessPeriod]
    """Every period from the first activity's to the last's."""
    warnings: list[ResultWarning] | None
    """What the reader should know (an activity kind the log does not have)."""

    def to_dict(self) -> StickinessResultDict:
        """Plain data, identical in every language."""
        return cast(StickinessResultDict, self._native.to_dict())


class Summary(Result):
    """Contacts, persons, events per kind and the time span of a log."""

    __slots__ = ()
    contacts: int
    """Number of contacts loaded."""
    persons: int
    """Number of distinct persons (in events or contacts)."""
    events: int
    """Number of events."""
    first_ts: str | None
    """Earliest event time, `None` for a log without events."""
    last_ts: str | None
    """Latest event time, `None` for a log without events."""
    kinds: list[KindSummary]
    """One entry per event kind, sorted by kind name."""

    def to_dict(self) -> SummaryDict:
        """Plain data, identical in every language."""
        return cast(SummaryDict, self._native.to_dict())


class Trends(Result):
    """The series and the KPI cards."""

    __slots__ = ()
    period: Period
    """Day or week."""
    tz: str
    """Timezone of the calendar."""
    series: list[TrendPoint]
    """Every period from the first to the last with activity (empty periods included)."""
    cards: list[KpiCard]
    """One card per series."""

    def to_dict(self) -> TrendsDict:
        """Plain data, identical in every language."""
        return cast(TrendsDict, self._native.to_dict())


class UsualViewers(Result):
    """A series' usual viewer curve."""

    __slots__ = ()
    webinars: list[str]
    """The webinars it was learnt from, in order of start."""
    minutes: list[UsualMinute]
    """Per minute since the start, while at least `min_webinars` webinars had viewers."""

    def to_dict(self) -> UsualViewersDict:
        """Plain data, identical in every language."""
        return cast(UsualViewersDict, self._native.to_dict())


class WebinarTable(Result):
    """One row per webinar, in order of start."""

    __slots__ = ()
    _optional = frozenset({"warnings"})
    webinars: list[WebinarRow]
    """The webinars."""
    series: list[SeriesSpread]
    """Quartiles of each numeric column over the series."""
    untagged_events: int
    """Events of a webinar role (`register`, `attend`, `chat`, ...) without a `webinar_id`."""
    warnings: list[ResultWarning] | None
    """What a reader should know (`untagged_events`)."""

    def to_dict(self) -> WebinarTableDict:
        """Plain data, identical in every language."""
        return cast(WebinarTableDict, self._native.to_dict())
