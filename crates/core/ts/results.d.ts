// The result types of every analysis, generated from the core's result types (do not edit:
// `UPDATE_GENERATED=1 cargo test --test it generated` rewrites it; the options and classes
// below come from `crates/core/ts/options.d.ts`). Results are the JSON every language shares.

/** Contacts, persons, events per kind and the time span of a log. */
export interface Summary {
  /** Number of contacts loaded. */
  contacts: number
  /** Number of distinct persons (in events or contacts). */
  persons: number
  /** Number of events. */
  events: number
  /** Earliest event time, `None` for a log without events. */
  first_ts: string | null
  /** Latest event time, `None` for a log without events. */
  last_ts: string | null
  /** One entry per event kind, sorted by kind name. */
  kinds: KindSummary[]
}

/** Counts of one event kind. */
export interface KindSummary {
  /** Event kind. */
  kind: string
  /** Number of events of this kind. */
  events: number
  /** Number of distinct persons with at least one event of this kind. */
  persons: number
}

/** A funnel: per-step counts and conversion, with an optional breakdown. */
export interface FunnelResult {
  /** Order mode. */
  order: Order
  /** What was counted. */
  count: CountMode
  /** Funnel window, seconds. */
  window_seconds: number
  /** Per-step counts (the `count` of each step). */
  counts: number[]
  /** Per-step details. */
  steps: FunnelStep[]
  /** Per breakdown value, when broken down. */
  breakdown: FunnelBreakdown | null
  /** Conversion over time: the funnel per entry period, when asked for (`trend`). */
  trend?: FunnelTrend | null
  /** The same funnel over another entry period, when asked for (`compare`; given by `funnel`, not by merged partials). */
  comparison?: FunnelComparison | null
  /** What the reader should know (a step naming an event the log does not have); given by `funnel`, not by merged partials. */
  warnings?: ResultWarning[]
}

/** How the steps must follow each other. */
export type Order = 'ordered' | 'strict' | 'unordered'

/** What is counted at each step. */
export type CountMode = 'persons' | 'attempts' | 'sessions'

/** One step of a funnel result. */
export interface FunnelStep {
  /** Step index, 0-based. */
  step: number
  /** Event kind. */
  event: string
  /** Label. */
  label: string
  /** Whether the step may be skipped. */
  optional: boolean
  /** Persons (or attempts) that reached the step. */
  count: number
  /** `count` over the previous mandatory step's count. */
  conversion_from_previous: number | null
  /** `count` over step 1's count. */
  conversion_from_start: number | null
  /** Wilson interval `[low, high]` of `conversion_from_previous` at the funnel's `confidence`; null where the rate is undefined. */
  conversion_from_previous_ci: number[] | null
  /** Wilson interval of `conversion_from_start`; null where the rate is undefined. */
  conversion_from_start_ci: number[] | null
  /** Whether `conversion_from_previous` rests on fewer persons (or attempts) than the funnel's `small_sample` option (default 30): read it as noise. */
  small_sample: boolean
  /** Reached the previous mandatory step, not this one, and no longer in progress (`None` for optional steps). */
  dropoff: number | null
  /** Reached the previous mandatory step, not this one, window still open at `as_of`. */
  in_progress: number
  /** Mean seconds from the previous matched step. */
  mean_seconds_from_previous: number | null
  /** Median seconds from the previous matched step. */
  median_seconds_from_previous: number | null
  /** Mean seconds from step 1. */
  mean_seconds_from_start: number | null
  /** Median seconds from step 1. */
  median_seconds_from_start: number | null
  /** The time from step 1 to this step as a distribution: percentiles, histogram and Kaplan-Meier curve (null for step 1 and for a step nobody reached). */
  time_to_convert: TimeToConvert | null
  /** Ids of the persons who dropped here (when asked for), sorted. */
  dropped_ids?: PersonKey[]
}

/** The time from step 1 to a step. */
export interface TimeToConvert {
  /** Times observed (persons or attempts that reached the step). */
  n: number
  /** The requested percentiles. */
  percentiles: Percentile[]
  /** The histogram of the times. */
  histogram: Histogram
  /** The Kaplan-Meier curve of time to convert at the histogram's edges: entrants who did not reach the step count as censored at its window (their window closed) or at the time they had had at `as_of` (still in progress). */
  survival: SurvivalPoint[]
}

/** One percentile of the times. */
export interface Percentile {
  /** The percentile, 0-100. */
  p: number
  /** The time at it, seconds: the observed time at rank ⌊p/100 · (n - 1)⌋ of the sorted times (numpy's `percentile(..., method="lower")`). */
  seconds: number
}

/** A histogram of times, seconds. */
export interface Histogram {
  /** Bin edges, seconds (one more than the bins). */
  edges: number[]
  /** Persons per bin: `[edges[i], edges[i + 1])`, the last bin closed. */
  counts: number[]
}

/** The Kaplan-Meier estimate at one time. */
export interface SurvivalPoint {
  /** Seconds since step 1. */
  seconds: number
  /** Estimated share of entrants not converted by then (the survival function). */
  not_converted: number
}

/** A person's id as the user's data spells it: an integer or a string. */
export type PersonKey = number | string

/** A funnel broken down by a property or attribute (or several). */
export interface FunnelBreakdown {
  /** Property or attribute name (a list with several breakdowns). */
  by: string | string[]
  /** `"event"` (event property) or `"contact"` (contact attribute), per name. */
  source: string | string[]
  /** Attribution of an event property. */
  attribution: string | null
  /** Groups by step-1 count, descending; beyond the limit grouped as `"other"`. */
  values: FunnelGroup[]
}

/** The funnel of one breakdown value. */
export interface FunnelGroup {
  /** The value (`null` when missing; a list of values with several breakdowns). */
  value: unknown
  /** Per-step counts. */
  counts: number[]
  /** Per-step details. */
  steps: FunnelStep[]
}

/** The funnel per entry period. */
export interface FunnelTrend {
  /** Length of the periods. */
  period: CalendarUnit
  /** Timezone of the periods. */
  tz: string
  /** Every period from the first entry to the last (periods without entrants included, with zero counts), oldest first. */
  periods: TrendPeriod[]
}

/** Length of a calendar period. */
export type CalendarUnit = 'day' | 'week' | 'month' | 'quarter'

/** The funnel of the persons entering in one period. */
export interface TrendPeriod {
  /** The period: `2024-03-14`, `2024-W11` (ISO week), `2024-03`, `2024-Q1`. */
  period: string
  /** Its first moment (UTC). */
  start: string
  /** Per step: persons (or attempts) entering in the period that reached it. */
  counts: number[]
  /** Per step: count over step 1's count. */
  conversion_from_start: Array<number | null>
  /** Per step: Wilson interval of `conversion_from_start` at the funnel's `confidence`. */
  conversion_from_start_ci: Array<number[] | null>
  /** Per step: count over the previous mandatory step's count. */
  conversion_from_previous: Array<number | null>
  /** Per step: Wilson interval of `conversion_from_previous`. */
  conversion_from_previous_ci: Array<number[] | null>
  /** Per step: entrants still within their window toward it at `as_of`. */
  in_progress_counts: number[]
  /** Whether the period's entrants may still convert at `as_of` (the window of its last possible entrant has not closed): its rates will still rise. */
  in_progress: boolean
}

/** The funnel over another entry period, step by step against this one. */
export interface FunnelComparison {
  /** First step-1 time of the other period (inclusive). */
  entry_from: string
  /** Last step-1 time of the other period (inclusive). */
  entry_to: string
  /** Per step, the other period and the change. */
  steps: StepComparison[]
}

/** One step compared. */
export interface StepComparison {
  /** The step's count in the other period. */
  count: number
  /** Its conversion from step 1 in the other period. */
  conversion_from_start: number | null
  /** This funnel's conversion from step 1 minus the other period's. */
  change: number | null
  /** `change` over the other period's conversion. */
  relative_change: number | null
  /** Two-sided p-value of the change (two-proportion z-test, pooled). */
  p_value: number | null
}

/** Something a result answers despite, that its reader should know: a funnel step naming an event the log does not have counts no one, and says so instead of silently answering zero. Identical in every language binding (`result["warnings"]`). */
export interface ResultWarning {
  /** Stable code: `absent_event` (an option names an event kind the log does not have), `small_cohort` (a comparison rests on a cohort of fewer than 30 persons), `capped` (an option asked for more than the library computes, and was lowered), `grouped` (values beyond a cap were grouped as `"other"`), `untagged_events` (events of a webinar role without a `webinar_id` in a log of several webinars), `upper_bound` (a value that can only be bounded from the input, such as reach summed over spend rows). */
  code: string
  /** What is wrong, in English. */
  message: string
  /** The option's path, e.g. `steps[2].event`. */
  parameter: string
}

/** A cohort retention matrix: rows are cohorts, columns periods elapsed (or brackets). */
export interface RetentionMatrix {
  /** Cohort and period length. */
  period: CalendarUnit
  /** Timezone of the calendar. */
  tz: string
  /** `on`, `on_or_after` or `brackets`. */
  kind: string
  /** Data cut-off, when given. */
  as_of: string | null
  /** Cohort labels (`2024-01`, `2024-W05`, `2024-Q1`, `2024-01-15`), every period from the first cohort to the last, empty ones included. */
  cohorts: string[]
  /** Column labels: periods elapsed (0, 1, ...) or brackets (`"0"`, `"1-3"`). */
  periods: unknown[]
  /** Persons per cohort (with or without activity). */
  cohort_size: number[]
  /** Persons per cell; `null` where the period has not fully elapsed at `as_of` (or lies beyond the data without `as_of`). */
  counts: Array<Array<number | null>>
  /** `counts / cohort_size`, 0-1. */
  rates: Array<Array<number | null>>
  /** Wilson interval `[low, high]` of each rate at the matrix's `confidence`; null where the rate is (censored cells, empty cohorts). */
  rates_ci: Array<Array<number[] | null>>
  /** Per cohort, whether it has fewer persons than the `small_sample` option (default 30): its rates are noise. */
  small_sample: boolean[]
  /** Revenue in each cell's periods. */
  revenue: Array<Array<number | null>>
  /** Cumulative revenue per cohort member through each cell (the LTV curve). */
  ltv: Array<Array<number | null>>
  /** Per breakdown value, when broken down. */
  breakdown: RetentionBreakdown | null
  /** The current cohorts' pooled retention against the compared cohorts', when compared (given by `retention`, not by merged partials). */
  comparison?: RetentionComparison | null
}

/** A retention matrix broken down by a contact attribute. */
export interface RetentionBreakdown {
  /** Attribute name. */
  by: string
  /** One matrix per value, largest first. */
  values: RetentionGroup[]
}

/** One breakdown value's matrix (same cohorts and periods as the total). */
export interface RetentionGroup {
  /** The value (`null` when missing). */
  value: unknown
  /** Persons per cohort. */
  cohort_size: number[]
  /** Persons per cell (`null`: not observable yet). */
  counts: Array<Array<number | null>>
  /** `counts / cohort_size`, 0-1. */
  rates: Array<Array<number | null>>
  /** Wilson interval `[low, high]` of each rate; null where the rate is. */
  rates_ci: Array<Array<number[] | null>>
  /** Per cohort, whether it has fewer persons than `small_sample`. */
  small_sample: boolean[]
  /** Revenue in each cell's periods. */
  revenue: Array<Array<number | null>>
  /** Cumulative revenue per cohort member through each cell (the LTV curve). */
  ltv: Array<Array<number | null>>
}

/** The pooled retention of the current cohorts against the compared cohorts'. */
export interface RetentionComparison {
  /** First time of the compared range (cohorts starting from here). */
  compared_from: string
  /** Last time of the compared range (cohorts starting until here). */
  compared_to: string
  /** Labels of the current cohorts (those starting within `between`, or every cohort). */
  cohorts: string[]
  /** Labels of the compared cohorts. */
  compared_cohorts: string[]
  /** One entry per column of the matrix. */
  periods: PeriodRetentionChange[]
}

/** One column (period elapsed, or bracket) of the comparison. */
export interface PeriodRetentionChange {
  /** The column's label. */
  period: unknown
  /** Persons of the current cohorts observed this long. */
  persons: number
  /** Of them, retained. */
  retained: number
  /** `retained / persons`; null when no current cohort is observed this long. */
  rate: number | null
  /** Persons of the compared cohorts observed this long. */
  compared_persons: number
  /** Of them, retained. */
  compared_retained: number
  /** `compared_retained / compared_persons`. */
  compared_rate: number | null
  /** `rate - compared_rate`. */
  change: number | null
  /** `change / compared_rate`. */
  relative_change: number | null
  /** Two-sided p-value of `change` (two-proportion z-test, pooled). */
  p_value: number | null
}

/** Every metric's value, target, status and progress, and the stage funnel. */
export interface Scorecard {
  /** The `as_of` time used, if any. */
  as_of: string | null
  /** The tolerance used. */
  tolerance: number
  /** One entry per catalog metric, in catalog order. */
  metrics: ScoredMetric[]
  /** Awareness (reach) -> interest (website visits) -> consideration (registrations) -> action (attendance) -> conversion (conversions). */
  funnel: FunnelStage[]
  /** Event roles the metrics count that the log has no event of (code `absent_event`, path `kinds.<role>`): those metrics score nothing the log tracks; map the log's own event names with `kinds=`. */
  warnings?: ResultWarning[]
}

/** One metric of the scorecard. */
export interface ScoredMetric {
  /** Metric id (see the catalog). */
  id: string
  /** Funnel stage or group. */
  stage: string
  /** Family: funnel, engagement, campaign, operations. */
  group: string
  /** English label. */
  label_en: string
  /** Spanish label. */
  label_es: string
  /** Unit of the value. */
  unit: Unit
  /** Which way is better. */
  direction: Direction
  /** The value; `None` when undefined. */
  value: number | null
  /** Why the value is undefined. */
  reason: string | null
  /** The target used. */
  target: number | null
  /** Status against the target. */
  status: Status
  /** Progress toward the target: value / target when higher is better, target / value when lower is better (1 = met). */
  progress: number | null
  /** For a proportion (successes out of `n`, such as attendees out of registrations), its Wilson interval `[low, high]` in the value's unit at the scorecard's `confidence`; null for other metrics, an undefined value, or more successes than trials. */
  ci: number[] | null
  /** The proportion's denominator (`n`); null for other metrics. */
  n: number | null
  /** Whether the proportion rests on fewer than the `small_sample` option (default 30). */
  small_sample: boolean
  /** First time of the compared period. */
  compared_from?: string
  /** Last time of the compared period. */
  compared_to?: string
  /** The value over the compared period. */
  compared_value?: number | null
  /** `value` minus the compared value, in the metric's unit. */
  change?: number | null
  /** `change` over the absolute compared value. */
  relative_change?: number | null
  /** For a proportion: two-sided p-value of the change (two-proportion z-test, pooled); null for other metrics. */
  p_value?: number | null
}

/** What a metric's number means. */
export type Unit = 'people' | 'count' | 'ratio' | 'percent' | 'seconds' | 'minutes' | 'currency' | 'score_0_100' | 'score_0_10' | 'per_minute'

/** Which way is better. */
export type Direction = 'higher' | 'lower'

/** Status of a value against its target. */
export type Status = 'on_track' | 'at_risk' | 'off_track' | 'unknown'

/** One stage of the stage funnel. */
export interface FunnelStage {
  /** Stage: awareness, interest, consideration, action, conversion. */
  stage: string
  /** The metric that measures it (reach, website visits, registrations, attendance, conversions). */
  metric: string
  /** Its value; `None` when undefined. */
  value: number | null
  /** value / previous stage's value x 100 (percent). */
  step_conversion_percent: number | null
  /** value / first stage's value x 100 (percent). */
  overall_conversion_percent: number | null
}

/** One metric of the catalog. */
export interface MetricDef {
  /** Stable identifier. */
  id: string
  /** Funnel stage (awareness ... conversion) or engagement / campaign / operations group. */
  stage: string
  /** Family: `funnel`, `engagement`, `campaign` or `operations`. */
  group: string
  /** English label. */
  label_en: string
  /** Spanish label. */
  label_es: string
  /** English definition. */
  definition_en: string
  /** Spanish definition (the seed's). */
  definition_es: string
  /** How it is computed. */
  formula: string
  /** Unit of the value. */
  unit: Unit
  /** Which way is better. */
  direction: Direction
  /** Default target (the seed's value), if the seed sets one. */
  target: number | null
  /** Input tables it needs. */
  inputs: Input[]
}

/** An input table a metric needs. */
export type Input = 'events' | 'spend' | 'email_sends' | 'agenda' | 'uptime'

/** A change of conversion between two periods, explained by a breakdown. */
export interface ChangeExplanation {
  /** The breakdown (a list with several). */
  by: string | string[]
  /** The earlier period. */
  before: PeriodConversion
  /** The later period. */
  after: PeriodConversion
  /** `after.conversion - before.conversion`; undefined when a period has no entrants. */
  total_change: number | null
  /** `total_change / before.conversion`. */
  relative_change: number | null
  /** Two-sided p-value of the difference (two-proportion z-test, pooled). */
  p_value: number | null
  /** Sum of the segments' mix effects. */
  mix_effect: number | null
  /** Sum of the segments' rate effects; `mix_effect + rate_effect = total_change`. */
  rate_effect: number | null
  /** Every segment, largest effect (mix + rate, in absolute value) first. */
  segments: SegmentChange[]
}

/** The funnel's overall conversion among the persons entering in one period. */
export interface PeriodConversion {
  /** First step-1 time of the period (inclusive). */
  from: string
  /** Last step-1 time of the period (inclusive). */
  to: string
  /** Persons (or attempts) entering step 1 in the period. */
  entrants: number
  /** Of them, those who reached the last step. */
  converted: number
  /** `converted / entrants`; undefined without entrants. */
  conversion: number | null
  /** Wilson interval of `conversion` at the funnel's `confidence`. */
  conversion_ci: number[] | null
}

/** One segment's part in the change. */
export interface SegmentChange {
  /** The breakdown value (`null` for persons without one). */
  value: unknown
  /** Entrants of the segment before and after. */
  entrants: number[]
  /** The segment's share of all entrants before and after (0-1). */
  share: number[]
  /** The segment's conversion before and after; undefined in a period it had no entrants. */
  conversion: Array<number | null>
  /** (share after - share before) x the mean of its two conversions (a conversion missing in one period is taken from the other): the change owed to the segment's weight. */
  mix_effect: number
  /** (conversion after - conversion before) x the mean of its two shares: the change owed to the segment's own conversion. */
  rate_effect: number
}

/** The mergeable state of a funnel over a subset of persons: merging the partials of disjoint subsets (in any order or grouping) then finishing gives exactly the funnel over their union, medians included (every time to convert is kept). Serializes to JSON for transport. */
export interface FunnelPartial {
  /** Layout version (`FUNNEL_PARTIAL_VERSION`). */
  version: number
  /** What was computed. */
  head: FunnelHead
  /** Tallies per breakdown value. */
  groups: PartialGroup[]
  /** Tallies per entry period (its index in the trend's calendar), when the funnel has a trend. */
  trend?: Array<Array<number | TrendTally>>
}

/** What a partial was computed for; partials merge only when their heads are equal. */
export interface FunnelHead {
  /** Event of each step. */
  events: string[]
  /** Label of each step. */
  labels: string[]
  /** Whether each step is optional. */
  optional: boolean[]
  /** Order mode. */
  order: Order
  /** Counting mode. */
  count: CountMode
  /** Funnel window, seconds. */
  window_seconds: number
  /** Breakdown name (or names), when broken down. */
  breakdown: string | string[] | null
  /** `"event"` or `"contact"` for each breakdown name, when broken down. */
  breakdown_source: string | string[] | null
  /** Attribution of an event-property breakdown. */
  attribution: string | null
  /** Cap on breakdown values. */
  breakdown_limit: number
  /** Event properties held constant across an attempt's steps. */
  hold?: string[]
  /** Whether dropped ids are listed. */
  dropped_ids: boolean
  /** Confidence level of the rates' intervals (states written before intervals: 0.95). */
  confidence: number
  /** Persons under which a rate is flagged `small_sample` (states written before: 30). */
  small_sample: number
  /** Percentiles of the time to convert (states written before: the defaults). */
  percentiles: number[]
  /** Bins of the time-to-convert histograms. */
  bins: 'auto' | number | number[]
  /** The trend's period, when the funnel has a trend. */
  trend?: CalendarUnit | null
  /** The trend's timezone. */
  tz?: string | null
  /** The data cut-off of a trend (its periods still converting there are marked). */
  as_of?: string | null
}

/** One breakdown group of a partial. */
export interface PartialGroup {
  /** Breakdown value (`null` when the person or event has none, or without breakdown). */
  value: unknown
  /** Persons (or attempts) that reached each step. */
  counts: number[]
  /** Persons (or attempts) whose window toward each step was still open at `as_of`. */
  in_progress: number[]
  /** Every time to convert from the previous matched step, µs, per step. */
  times_from_previous: number[][]
  /** Every time to convert from step 1, µs, per step. */
  times_from_start: number[][]
  /** Ids of the persons who dropped at each step (when asked for). */
  dropped_ids?: PersonKey[][]
  /** Per step: µs from step 1 to `as_of` of the attempts still in progress toward it (their time to convert is censored there). Empty in states written before. */
  open_elapsed: number[][]
}

/** Per-step tallies of the persons (attempts) entering in one trend period. */
export interface TrendTally {
  /** Persons (or attempts) that reached each step. */
  counts: number[]
  /** Persons (or attempts) whose window toward each step was still open at `as_of`. */
  in_progress: number[]
}

/** Transitions and per-event totals over every path. */
export interface PathsResult {
  /** What a path is. */
  by: PathUnit
  /** Paths with at least one event (persons, or sessions). */
  paths: number
  /** Persons with at least one event in a path. */
  persons: number
  /** Per event kind, by count, descending. */
  events: PathEvent[]
  /** Per pair of consecutive events, by count, descending (then source, target). */
  transitions: Transition[]
  /** What the reader should know (an `events` entry the log does not have); given by `paths`, not by merged partials. */
  warnings?: ResultWarning[]
}

/** What one path is. */
export type PathUnit = 'person' | 'session'

/** One event kind's totals over the paths. */
export interface PathEvent {
  /** Event kind. */
  event: string
  /** Occurrences in the paths (after collapsing repeats). */
  count: number
  /** Distinct persons with it. */
  persons: number
  /** Paths starting with it. */
  starts: number
  /** Paths ending with it. */
  ends: number
  /** Transitions leaving it (`count - ends`). */
  outgoing: number
}

/** One transition: `target` came right after `source` in a path. */
export interface Transition {
  /** The earlier event. */
  source: string
  /** The event right after it. */
  target: string
  /** Times the pair occurred. */
  count: number
  /** Distinct persons with the pair. */
  persons: number
  /** `count` over every transition leaving `source` (0-1): where people go from there. */
  share_of_source: number | null
}

/** Where paths go from (or come to) an event. */
export interface FlowsResult {
  /** What a path is. */
  by: PathUnit
  /** The start event, when given. */
  start: string | null
  /** The end event, when given. */
  end: string | null
  /** Steps followed (after capping). */
  steps: number
  /** Paths in the flow (holding the anchor). */
  paths: number
  /** Nodes by step, then count (descending). */
  nodes: FlowNode[]
  /** Links by step, then count (descending). */
  links: FlowLink[]
  /** The most frequent followed sequences (up to 20). */
  top_paths: TopPath[]
  /** What the reader should know: a start or end the log does not have, capped steps. */
  warnings?: ResultWarning[]
}

/** One node of a flow: an event at a step. */
export interface FlowNode {
  /** Steps from the anchor: 0 is `start` (or `end`, or each path's first event); after `start` 1, 2, ...; before `end` -1, -2, ... */
  step: number
  /** Event kind, or `"other"`. */
  event: string
  /** Paths through it. */
  count: number
  /** Paths whose followed part ends here (no next step). */
  ends: number
}

/** One link of a flow: paths going from `source` at `step` to `target` at the next step. */
export interface FlowLink {
  /** The source's step. */
  step: number
  /** Event at `step`. */
  source: string
  /** Event at the next step. */
  target: string
  /** Paths going this way. */
  count: number
}

/** One of the most frequent sequences. */
export interface TopPath {
  /** The events of the followed part, in order. */
  events: string[]
  /** Paths following exactly this sequence. */
  count: number
  /** `count` over every path of the flow. */
  share: number | null
}

/** What people did around one step of a funnel. */
export interface FunnelFlows {
  /** The funnel step (0-based) looked at. */
  step: number
  /** Label of the step before it (the last one reached by those who dropped). */
  from_step: string
  /** Label of the step. */
  to_step: string
  /** Persons (attempts) who dropped at the step, no longer in progress: their events from their previous step's event (step 0) onwards. */
  dropped: FlowsResult
  /** Persons (attempts) who reached the step: their events strictly between the two steps' events (step 0 is the first event in between). */
  converted: FlowsResult
  /** Of those who reached the step, those with no event in between. */
  converted_directly: number
}

/** The mergeable state of `paths` over a subset of persons: merging the partials of disjoint subsets gives exactly the result over their union (counts add; each person is in one subset, so distinct persons add too). */
export interface PathsPartial {
  /** Layout version (`PATHS_PARTIAL_VERSION`). */
  version: number
  /** What was computed. */
  head: PathsHead
  /** Paths with at least one event. */
  paths: number
  /** Persons with at least one event in a path. */
  persons: number
  /** Per event kind. */
  events: Array<Array<string | EventTally>>
  /** Per pair. */
  transitions: PairTally[]
}

/** What a partial was computed for; partials merge only when their heads are equal. */
export interface PathsHead {
  /** What a path is. */
  by: PathUnit
  /** Whether repeats were collapsed. */
  collapse_repeats: boolean
  /** The event kinds kept (null: all). */
  events: string[] | null
  /** Data cut-off. */
  as_of: string | null
}

/** One event kind's tallies in a partial. */
export interface EventTally {
  /** Occurrences. */
  count: number
  /** Distinct persons. */
  persons: number
  /** Paths starting with it. */
  starts: number
  /** Paths ending with it. */
  ends: number
}

/** One pair's tallies in a partial. */
export interface PairTally {
  /** The earlier event. */
  source: string
  /** The event right after it. */
  target: string
  /** Times the pair occurred. */
  count: number
  /** Distinct persons with it. */
  persons: number
}

/** New, returning, resurrecting and dormant persons per period. */
export interface LifecycleResult {
  /** Period length. */
  period: CalendarUnit
  /** Timezone of the periods. */
  tz: string
  /** Every period from the first activity's to `as_of`'s (or the last activity's). */
  periods: LifecyclePeriod[]
  /** What the reader should know (an activity kind the log does not have). */
  warnings?: ResultWarning[]
}

/** One period of a lifecycle, with its counts. */
export interface LifecyclePeriod {
  /** Label (`2024-W11`, `2024-03`, `2024-03-14`). */
  period: string
  /** UTC instant the period starts. */
  start: string
  /** Persons active in it: `new + returning + resurrecting`. */
  active: number
  /** Persons active for the first time ever. */
  new: number
  /** Persons active in it and in the previous period. */
  returning: number
  /** Persons active in it, not in the previous period, but in an earlier one. */
  resurrecting: number
  /** Persons active in the previous period and not in this one (PostHog shows them below zero). */
  dormant: number
  /** `returning / active of the previous period`: the period-over-period retention. */
  retention: number | null
  /** The period holds `as_of` (or the last event) and has not ended: its counts will grow. */
  in_progress: boolean
}

/** Active days per person, per period. */
export interface StickinessResult {
  /** `week` or `month`. */
  period: StickinessUnit
  /** Timezone of the days. */
  tz: string
  /** Every period from the first activity's to the last's. */
  periods: StickinessPeriod[]
  /** What the reader should know (an activity kind the log does not have). */
  warnings?: ResultWarning[]
}

/** The period whose active days are counted. */
export type StickinessUnit = 'week' | 'month'

/** One period's distribution of active days. */
export interface StickinessPeriod {
  /** Label (`2024-W11`, `2024-03`). */
  period: string
  /** UTC instant the period starts. */
  start: string
  /** Persons active on at least one day of it. */
  active: number
  /** `persons[k - 1]`: persons active on exactly k days of it (7 entries for weeks, 31 for months). */
  persons: number[]
  /** `share[k - 1] = persons[k - 1] / active`. */
  share: Array<number | null>
  /** Mean active days of the active persons. */
  mean_days: number | null
}

/** What goes with converting. */
export interface DriversResult {
  /** The conversion event. */
  conversion: string
  /** The entry event (null: every person). */
  entry: string | null
  /** Persons who entered. */
  persons: number
  /** Of them, converted. */
  converters: number
  /** `converters / persons`. */
  conversion_rate: number | null
  /** Tested candidates, strongest association first (largest |ln odds ratio|). */
  drivers: Driver[]
  /** Property or attribute values left untested beyond `max_values`. */
  values_not_tested: number
  /** What the reader should know (an event the log does not have). */
  warnings?: ResultWarning[]
}

/** One candidate and how it goes with converting. */
export interface Driver {
  /** `event`, `event_property` or `contact`. */
  kind: CandidateKind
  /** The event kind, property or attribute. */
  name: string
  /** The property or attribute value (null for an event). */
  value: unknown
  /** `attend`, `poll = q2`, `channel = email`. */
  label: string
  /** Persons with it. */
  persons: number
  /** Converters with it. */
  converters_with: number
  /** Non-converters with it. */
  non_converters_with: number
  /** Converters without it. */
  converters_without: number
  /** Non-converters without it. */
  non_converters_without: number
  /** Conversion of the persons with it (0-1). */
  conversion_with: number | null
  /** Conversion of the persons without it (0-1). */
  conversion_without: number | null
  /** Odds of converting with it over odds without (0.5 added to every cell when one is zero). */
  odds_ratio: number | null
  /** Woolf interval `[low, high]` of the odds ratio at the `confidence` option. */
  odds_ratio_ci: number[] | null
  /** `fisher` (an expected count under 5) or `chi_square` (with Yates' correction). */
  test: TestKind | null
  /** Two-sided p-value of the association. */
  p_value: number | null
  /** Benjamini-Hochberg adjusted p-value across every tested candidate. */
  p_adjusted: number | null
  /** `p_adjusted` under the `alpha` option. */
  significant: boolean
}

/** Which candidates are tested. */
export type CandidateKind = 'event' | 'event_property' | 'contact'

/** Which test gave a candidate's p-value. */
export type TestKind = 'fisher' | 'chi_square'

/** Which touchpoints earned the conversions and the revenue. */
export interface AttributionResult {
  /** The conversion event. */
  conversion: string
  /** The touch property. */
  touch: string
  /** The lookback, in seconds. */
  lookback_seconds: number
  /** Conversions counted (`first` or `all`). */
  conversions: number
  /** Their revenue. */
  revenue: number
  /** Conversions with a touchpoint in their window (what every model shares out). */
  attributed_conversions: number
  /** Their revenue. */
  attributed_revenue: number
  /** Conversions with no touchpoint in their window: credited to no model. */
  unattributed_conversions: number
  /** Their revenue. */
  unattributed_revenue: number
  /** Paths ending in a conversion. */
  converting_paths: number
  /** Paths of persons with touchpoints who never converted. */
  non_converting_paths: number
  /** Events whose URL did not parse into touch properties (`touchpoints`, the GA4 reader): they have no touch, and are not dropped silently. */
  unparsed_urls: number
  /** One row per model and touch value, models in the asked order, most conversions first. */
  rows: AttributionRow[]
  /** The Markov chain's removal effects (when `markov` is among the models). */
  markov: MarkovSummary | null
  /** What the reader should know. */
  warnings?: ResultWarning[]
}

/** The credit one model gives one touch value. */
export interface AttributionRow {
  /** The model. */
  model: Model
  /** The touch value (`linkedin`, `email`). */
  touch: string
  /** Conversions credited. */
  conversions: number
  /** Revenue credited. */
  revenue: number
  /** `conversions` over the attributed conversions. */
  share: number | null
  /** `revenue` over the attributed revenue. */
  revenue_share: number | null
  /** Cost of the spend rows of this touch value (null without spend, or without rows for it). */
  cost: number | null
  /** `cost / conversions`. */
  cpa: number | null
  /** `revenue / cost`. */
  roas: number | null
  /** `(revenue - cost) / cost × 100`. */
  roi_percent: number | null
  /** Bootstrap interval of `conversions` (with `intervals`). */
  conversions_ci?: number[] | null
  /** Bootstrap interval of `revenue` (with `intervals`). */
  revenue_ci?: number[] | null
}

/** An attribution model. */
export type Model = 'first_touch' | 'last_touch' | 'last_non_direct' | 'linear' | 'time_decay' | 'position_based' | 'markov' | 'shapley'

/** What the Markov chain says. */
export interface MarkovSummary {
  /** Order of the chain. */
  order: number
  /** Transient states (start included). */
  states: number
  /** Probability that a path from start converts. */
  conversion_probability: number
  /** Per touch value, largest removal effect first. */
  removal_effects: RemovalEffect[]
}

/** The removal effects of one touch value in the Markov chain. */
export interface RemovalEffect {
  /** The touch value. */
  touch: string
  /** `1 - P(conversion without it) / P(conversion)`. */
  removal_effect: number
  /** The same on the expected conversion value. */
  value_removal_effect: number
}

/** The mergeable partial state of `attribution` over a subset of persons (see the module documentation of `crate::partial` for the bytes). */
export interface AttributionPartial {
  /** Layout version (`ATTRIBUTION_PARTIAL_VERSION`). */
  version: number
  /** The options (spend is given when finishing; intervals are not available). */
  params: AttributionParams
  /** The touch values these persons' events carry; the touch codes of `sums` index it. */
  labels: string[]
  /** Conversions with a touchpoint in their window. */
  attributed_conversions: number
  /** Their revenue. */
  attributed_revenue: number
  /** Conversions with no touchpoint in their window. */
  unattributed_conversions: number
  /** Their revenue. */
  unattributed_revenue: number
  /** Paths ending in a conversion. */
  converting_paths: number
  /** Paths of persons with touchpoints who never converted. */
  non_converting_paths: number
  /** Events whose URL did not parse into touch properties. */
  unparsed_urls: number
  /** Whether this part of the log has the touch property. */
  has_touch: boolean
  /** Whether this part of the log has conversion events. */
  has_conversion: boolean
  /** What the models need. */
  sums: ModelSums
}

/** Options of `attribution`. */
export interface AttributionParams {
  /** The conversion event (default `purchase`); its value is the revenue. */
  conversion: string
  /** The event property naming each touchpoint's channel, source or campaign (default `channel`); events where it is null are not touchpoints. */
  touch: string
  /** Models computed (default: all eight). */
  models: Model[]
  /** How far before a conversion touchpoints count (default `"30d"`). */
  lookback: string
  /** Half-life of `time_decay` (default `"7d"`). */
  half_life: string
  /** `first`: each person's first conversion; `all`: every conversion. */
  conversions: Conversions
  /** `position_based` weights of the first touch, the middle ones (shared) and the last (default `[0.4, 0.2, 0.4]`; two touches share first + last in their ratio). */
  position_weights: number[]
  /** Touch values that are direct traffic, skipped by `last_non_direct` (default `direct`, `(direct)`, compared without case). */
  direct: string[]
  /** Order of the Markov chain: 1 to 3 (default 1). */
  markov_order: number
  /** `simplified` (default) or `coalitions` (the Shapley formula over every coalition). */
  shapley: ShapleyMethod
  /** Adds bootstrap intervals (persons resampled) on every credit. */
  intervals: boolean
  /** Resamples of the bootstrap (default 200). */
  resamples: number
  /** Confidence level of the intervals (default 0.95). */
  confidence: number
  /** Seed of the bootstrap. */
  seed: number
  /** Ignore later events. */
  as_of: string | null
}

/** Which conversions are credited. */
export type Conversions = 'first' | 'all'

/** How Shapley values are computed. */
export type ShapleyMethod = 'simplified' | 'coalitions'

/** What every model needs of a set of paths, over touch codes (indices into a list of touch values); it adds over disjoint sets of persons. */
export interface ModelSums {
  /** Per model of the options, in their order: a rule-based model's credit per touch code (conversions, revenue); empty for `markov` and `shapley`. */
  rules: number[][][]
  /** The Markov chain's counts (with `markov`). */
  markov: MarkovSums | null
  /** The converting paths' distinct touch sets with their conversions and revenue (with `shapley`). */
  sets: number[][][] | null
}

/** What the chain of a set of paths counts: it adds over disjoint sets of persons (the partial state of the Markov model). */
export interface MarkovSums {
  /** Per transient state (0 is start, with no touches): its touch codes, oldest first. */
  states: number[][]
  /** `(from state, to state, paths)`, sorted by state pair. */
  transitions: number[][]
  /** Per state: the paths ending there that convert, and that do not. */
  ends: number[][]
  /** Per touch code: the converting paths whose last touch it is, and their revenue. */
  last: number[][]
}

/** The mergeable state of a retention matrix over a subset of persons: merging the partials of disjoint subsets, in any order, then finishing gives exactly the matrix over their union. */
export interface RetentionPartial {
  /** Layout version (`RETENTION_PARTIAL_VERSION`). */
  version: number
  /** What was computed. */
  head: RetentionHead
  /** The last period with data (events up to `as_of`, anchors). */
  end_index: number | null
  /** Tallies per breakdown value. */
  groups: RetentionGroupState[]
}

/** What a partial was computed for; partials merge only when their heads are equal. */
export interface RetentionHead {
  /** Cohort and period length. */
  period: CalendarUnit
  /** Timezone of the calendar. */
  tz: string
  /** What a cell counts. */
  kind: 'on' | 'on_or_after' | number[][]
  /** Data cut-off. */
  as_of: string | null
  /** Breakdown attribute. */
  breakdown: string | null
  /** Confidence level of the rates' intervals (states written before intervals: 0.95). */
  confidence: number
  /** Persons under which a cohort is flagged `small_sample` (states written before: 30). */
  small_sample: number
}

/** The cohorts of one breakdown value. */
export interface RetentionGroupState {
  /** Breakdown value (`null` without breakdown or for persons without a value). */
  value: unknown
  /** (cohort period number, tallies), by cohort. */
  cohorts: Array<Array<number | CohortState>>
}

/** The tallies of one cohort, by period offset from the cohort's period. */
export interface CohortState {
  /** Persons anchored in the cohort. */
  size: number
  /** Persons active at each offset. */
  active: number[]
  /** Persons whose last activity is at each offset. */
  last: number[]
  /** Persons active in each bracket (bracket kinds only). */
  brackets: number[]
  /** Revenue at each offset, millionths of the currency unit. */
  revenue: number[]
}

/** The channel table: one row per attribute value, sorted by value, persons without a value last. Serializes as the list of rows. */
export type ChannelPerformance = ChannelRow[]

/** One row of the channel table. Rates are fractions 0-1; `None` (null) where the denominator is zero. */
export interface ChannelRow {
  /** The attribute value (null for persons without one). */
  channel: string | number | boolean | null
  /** Contacts in the group. */
  contacts: number
  /** Distinct persons with at least one `register` event. */
  registrations: number
  /** Distinct persons with at least one `attend` event. */
  attendees: number
  /** Distinct persons with at least one `purchase` event. */
  conversions: number
  /** Number of `purchase` events. */
  purchases: number
  /** Sum of purchase values (currency). */
  revenue: number
  /** conversions / registrations. */
  conversion_rate: number | null
  /** conversions / contacts. */
  contact_conversion_rate: number | null
  /** Wilson interval `[low, high]` of `conversion_rate` at the table's `confidence`; null where the rate is undefined. */
  conversion_rate_ci: number[] | null
  /** Wilson interval of `contact_conversion_rate`; null where the rate is undefined. */
  contact_conversion_rate_ci: number[] | null
  /** Whether the row has fewer registrations than the `small_sample` option (default 30): its conversion rate is noise. */
  small_sample: boolean
  /** revenue / purchases (average order value). */
  aov: number | null
  /** Sum of spend rows' cost for this channel (0 when it has none). */
  cost?: number
  /** cost / registrations. */
  cost_per_lead?: number | null
  /** cost / conversions. */
  cost_per_acquisition?: number | null
  /** revenue / cost. */
  roas?: number | null
  /** (revenue - cost) / cost x 100. */
  roi_percent?: number | null
  /** First time of the compared period. */
  compared_from?: string
  /** Last time of the compared period. */
  compared_to?: string
  /** Registrations in the compared period. */
  compared_registrations?: number
  /** Conversions in the compared period. */
  compared_conversions?: number
  /** Revenue in the compared period. */
  compared_revenue?: number
  /** Conversion rate in the compared period. */
  compared_conversion_rate?: number | null
  /** `conversion_rate` minus the compared one. */
  conversion_rate_change?: number | null
  /** `conversion_rate_change` over the compared rate. */
  conversion_rate_relative_change?: number | null
  /** Two-sided p-value of `conversion_rate_change` (two-proportion z-test, pooled). */
  conversion_rate_p_value?: number | null
  /** Revenue minus the compared revenue. */
  revenue_change?: number
}

/** The mergeable partial state of `channel_performance`: counts per attribute value. Partials computed on disjoint sets of persons merge (associative, commutative, exact: revenue is kept in millionths of the currency unit) into the partial of their union; `ChannelPartial::finalize` turns one into rows. */
export interface ChannelPartial {
  /** Layout version (`CHANNEL_PARTIAL_VERSION`). */
  version: number
  /** The grouping attribute. */
  by: string
  /** Confidence level of the rates' intervals (states written before intervals: 0.95). */
  confidence: number
  /** Registrations under which a row is flagged `small_sample` (states written before: 30). */
  small_sample: number
  /** Counts by value, sorted by value. */
  groups: Array<Array<GroupKey | Tally>>
}

/** An attribute value as an ordered key (`None` for persons without a value). */
export type GroupKey = 'Missing' | Record<string, unknown>

/** `PropValue` with a total order: by type, then by value. */
export type OrderedValue = Record<string, unknown>

/** Counts of one group with revenue in millionths. */
export interface Tally {
  contacts: number
  registrations: number
  attendees: number
  conversions: number
  purchases: number
  revenue_micros: number
}

/** The result a finished state gives: exactly the in-process call's. */
export type PartialResult = FunnelResult | RetentionMatrix | ChannelPerformance | PathsResult | AttributionResult

/** Attendance of a webinar computed from join / leave events. */
export interface Attendance {
  /** Distinct persons with attended time, live or on demand. */
  attendees: number
  /** Sum over attendees of the union of their intervals, in minutes. */
  total_minutes: number
  /** `total_minutes` / attendees (minutes). */
  mean_minutes: number | null
  /** Live viewing: join / leave events not marked `replay`. */
  live: ViewingTotals
  /** On-demand (recording) viewing: join / leave events marked `replay`. */
  on_demand: ViewingTotals
  /** Persons who watched both live and on demand. */
  both: number
  /** Most concurrent live viewers. */
  peak_viewers: number
  /** When the peak was first reached. */
  peak_at: string | null
  /** Viewers just before `as_of` (or one minute before the agenda's end); undefined without either. */
  current_viewers: number | null
  /** (peak - viewers) / peak x 100, percent, with the viewers just before `as_of`, or one minute before the agenda's end once it has passed (ending on schedule is no drop). */
  attendance_drop: number | null
  /** Joins without a leave that could not be closed (no `as_of`, no agenda). */
  open_sessions: number
  /** Change points of the concurrent live viewers' count. */
  timeline: ViewerCount[]
  /** Live presence per agenda section (empty without an agenda). */
  sections: SectionPresence[]
  /** Mean of the sections' retention (percent); undefined without an agenda. */
  section_retention: number | null
}

/** Attendees and attended minutes of one way of viewing. */
export interface ViewingTotals {
  /** Distinct persons with attended time this way. */
  attendees: number
  /** Sum over them of the union of their intervals, in minutes. */
  minutes: number
}

/** Number of people watching from `ts` until the next change. */
export interface ViewerCount {
  /** When the count changes. */
  ts: string
  /** Concurrent viewers from then on. */
  viewers: number
}

/** Presence in one agenda section. */
export interface SectionPresence {
  /** Section name. */
  name: string
  /** When the section starts (the agenda's start plus its start minute). */
  start: string
  /** When the section ends. */
  end: string
  /** Attendees present at some time during the section. */
  present: number
  /** present / live attendees x 100 (percent 0-100): the share of the webinar's live audience present in this section; undefined without live attendees. */
  retention_percent: number | null
}

/** One row per webinar, in order of start. */
export interface WebinarTable {
  /** The webinars. */
  webinars: WebinarRow[]
  /** Quartiles of each numeric column over the series. */
  series: SeriesSpread[]
  /** Events of a webinar role (`register`, `attend`, `chat`, ...) without a `webinar_id`. */
  untagged_events: number
  /** What a reader should know (`untagged_events`). */
  warnings?: ResultWarning[]
}

/** One webinar of a series. */
export interface WebinarRow {
  /** The webinar's id (text; integer ids in decimal). */
  webinar_id: string
  /** Scheduled start: its agenda's, else the start its events carry (`webinar_start`, as the Zoom readers tag them), else its first live join. */
  starts_at: string | null
  /** Distinct persons with a `register` event of this webinar. */
  registrations: number
  /** Distinct persons with attended time, live or on demand. */
  attendees: number
  /** attendees / registrations (0-1). */
  attendance_rate: number | null
  /** Persons who watched live. */
  live_attendees: number
  /** Persons who watched the recording. */
  on_demand_attendees: number
  /** Persons who did both. */
  both_attendees: number
  /** Live minutes watched (each person's intervals merged). */
  live_minutes: number
  /** On-demand minutes watched. */
  on_demand_minutes: number
  /** Mean engagement score of its attendees (0-100). */
  engagement_score: number | null
  /** Distinct persons with a `purchase` credited to this webinar. */
  conversions: number
  /** conversions / attendees (0-1). */
  conversion_rate: number | null
  /** Sum of the values of its purchases. */
  revenue: number
  /** Sum of the cost of the spend rows naming it; undefined without spend rows. */
  cost: number | null
  /** cost / registrations. */
  cost_per_registration: number | null
  /** Rank by attendees in the series: 1 the most; ties share the best rank. */
  rank: number
}

/** The series' spread of one column of the table. */
export interface SeriesSpread {
  /** The column (`attendees`, `attendance_rate`, ...). */
  metric: string
  /** First quartile over the webinars where it is defined (linear interpolation). */
  q1: number | null
  /** Median. */
  median: number | null
  /** Third quartile. */
  q3: number | null
}

/** One webinar's features as of its cutoff, and its outcome when known. */
export interface WebinarFeatures {
  /** The webinar. */
  webinar_id: string
  /** Its start. */
  starts_at: string
  /** When the features were taken: the start minus `horizon`. */
  cutoff: string
  /** Distinct registrants at the cutoff. */
  registrations: number
  /** Distinct registrants 24 h before the cutoff. */
  registrations_48h: number
  /** Registrations in the 24 h before the cutoff. */
  registration_velocity: number
  /** Registrants who opened one of its emails in the 24 h before the cutoff / registrants. */
  email_open_rate_24h: number
  /** Registrants who clicked one of its emails in the 24 h before the cutoff / registrants. */
  email_click_rate_24h: number
  /** Registrants who opened one of its emails before the cutoff / registrants. */
  email_open_rate: number
  /** Impressions of its spend rows of days ended by the cutoff. */
  ad_impressions: number
  /** Clicks of those rows. */
  ad_clicks: number
  /** Cost of those rows. */
  ad_spend: number
  /** Its page views before the cutoff. */
  organic_page_views: number
  /** Local day of week of the start, Monday 0. */
  day_of_week: number
  /** Local hour of the start (with minutes as a fraction). */
  local_hour: number
  /** Local month of the start, 1-12. */
  month: number
  /** Live attendance rate of the last webinar that ended before the cutoff. */
  previous_attendance_rate: number | null
  /** Live attendees / registrations over every webinar that ended before the cutoff. */
  series_attendance_rate: number | null
  /** Registrants at the cutoff who watched an earlier webinar live / registrants. */
  returning_share: number | null
  /** Mean `lead_score` attribute of the registrants at the cutoff. */
  mean_lead_score: number | null
  /** `email_open_rate_24h` x `email_click_rate_24h` (the seed's engagement momentum). */
  engagement_momentum: number
  /** `ad_clicks` + `organic_page_views` (the seed's marketing pressure). */
  marketing_pressure: number
  /** Live attendees; undefined while the webinar has not ended by `as_of`. */
  live_attendees: number | null
}

/** A rolling-origin backtest: train on the webinars before, predict the next. */
export interface AttendanceBacktest {
  /** One row per predicted webinar. */
  rows: BacktestRow[]
  /** Mean absolute error, attendees. */
  mae: number | null
  /** Mean absolute percentage error over webinars with attendees (percent). */
  mape: number | null
  /** Share of the intervals that hold the actual attendance (0-1). */
  coverage: number | null
  /** The coverage asked for. */
  target_coverage: number
  /** Mean width of the intervals, attendees. */
  mean_width: number | null
  /** Rows with an interval. */
  intervals: number
}

/** One webinar of the backtest: predicted by a model trained on the webinars before it. */
export interface BacktestRow {
  /** The webinar. */
  webinar_id: string
  /** Its start. */
  starts_at: string
  /** Webinars the model was trained on. */
  trained_on: number
  /** Live attendees. */
  actual: number
  /** Predicted live attendees. */
  predicted: number
  /** Lower end of the prediction interval; undefined until enough earlier residuals exist. */
  low: number | null
  /** Upper end. */
  high: number | null
  /** Whether the interval holds the actual attendance. */
  covered: boolean | null
}

/** The predicted attendance of one webinar. */
export interface AttendanceForecast {
  /** The webinar. */
  webinar_id: string
  /** When the features were taken. */
  cutoff: string
  /** Registrants at the cutoff. */
  registrations: number
  /** Predicted live attendees. */
  predicted: number
  /** Lower end of the prediction interval (`coverage`). */
  low: number | null
  /** Upper end. */
  high: number | null
  /** The interval's coverage. */
  coverage: number
  /** predicted / registrations at the cutoff. */
  attendance_rate: number | null
  /** The features that moved the prediction most, largest effect first. */
  drivers: FeatureEffect[]
  /** The backtest over the webinars before it, whose residuals set the interval. */
  backtest: AttendanceBacktest
  /** Live attendees, when the webinar has ended by `as_of`. */
  actual: number | null
  /** Leading indicators and the outlook away from the series' usual (the seed's insights). */
  insights: ForecastInsight[]
  /** The seed's recommendations: more marketing when the forecast falls short of the series' usual attendance per registration (high priority when even the interval's upper end does), better content when email engagement is low. */
  recommendations: AttendanceRecommendation[]
}

/** A feature's effect on a prediction: the prediction minus the prediction with this feature at its training median. */
export interface FeatureEffect {
  /** The feature. */
  feature: string
  /** Its value for this webinar (-1: undefined). */
  value: number
  /** Its median over the training webinars. */
  median: number
  /** Attendees it adds (negative: removes). */
  effect: number
}

/** An insight into a forecast: a leading indicator or the outlook away from the series' usual. */
export interface ForecastInsight {
  /** `registration_trend`, `email_engagement`, `returning_audience` or `attendance_outlook`. */
  kind: string
  /** `positive` or `negative`. */
  impact: string
  /** This webinar's value. */
  value: number
  /** The median over the earlier webinars (the series' usual). */
  usual: number
  /** English message. */
  message_en: string
  /** Spanish message. */
  message_es: string
}

/** A recommendation of the seed's rules. */
export interface AttendanceRecommendation {
  /** `marketing` or `content`. */
  category: string
  /** `high` or `medium`. */
  priority: string
  /** English action. */
  action_en: string
  /** Spanish action. */
  action_es: string
  /** English details. */
  details_en: string[]
  /** Spanish details. */
  details_es: string[]
}

/** The rows of `conversion_dataset` with the names of their features. */
export interface ConversionDataset {
  /** The features' names, in the order of each row's `features`. */
  features: string[]
  /** One row per registrant of each webinar. */
  rows: ConversionRow[]
}

/** One registrant of one webinar. */
export interface ConversionRow {
  /** The person's id. */
  user_id: unknown
  /** The webinar. */
  webinar_id: string
  /** Until when the features were observed. */
  observed_until: string
  /** `CONVERSION_FEATURES` then `CONVERSION_CATEGORIES`, in order (-1: undefined). */
  features: number[]
  /** A purchase in the horizon after `observed_until`; undefined while the horizon has not passed by `as_of`. */
  converted: boolean | null
  /** `train`, `calibration`, `test` or `score` (the scored webinar). */
  split: string
  /** When the person registered for the webinar (their first `register` event). */
  registered_at: string
}

/** The conversion model's report and scores. */
export interface ConversionModel {
  /** The scored webinar. */
  webinar_id: string
  /** Webinars (and rows) the forest was trained on, calibrated on and tested on. */
  train_webinars: string[]
  /** Webinars of the calibration. */
  calibration_webinars: string[]
  /** Webinars of the test. */
  test_webinars: string[]
  /** The test's quality. */
  test: ConversionTest
  /** Importance of each feature (mean impurity decrease), largest first. */
  feature_importance: Array<Array<string | number>>
  /** Registrants of the scored webinar. */
  scored_registrants: number
  /** Their scores, most likely first. */
  scores: ConversionScore[]
}

/** Quality on the held-out (latest) webinars. */
export interface ConversionTest {
  /** Test rows. */
  rows: number
  /** Share that converted. */
  base_rate: number | null
  /** ROC-AUC of the calibrated probabilities. */
  roc_auc: number | null
  /** Brier score (mean squared error of the probability). */
  brier: number | null
  /** Expected calibration error over 10 equal-width bins (rows-weighted |predicted - observed|). */
  ece: number | null
  /** The forest's own (uncalibrated) ECE, for comparison. */
  ece_uncalibrated: number | null
  /** The reliability table of the calibrated probabilities. */
  reliability: ReliabilityBin[]
}

/** A reliability bin: predicted against observed. */
export interface ReliabilityBin {
  /** Lower edge of the predicted probability. */
  from: number
  /** Upper edge. */
  to: number
  /** Test rows in the bin. */
  rows: number
  /** Their mean predicted probability. */
  predicted: number | null
  /** Their share that converted. */
  observed: number | null
}

/** A scored registrant of the scored webinar. */
export interface ConversionScore {
  /** The person's id. */
  user_id: unknown
  /** Calibrated probability of a purchase in the horizon. */
  probability: number
  /** The seed's segment: `high_conversion_probability` (>= 0.8), `medium_` (>= 0.6), `low_` (>= 0.4) or `very_low_conversion_probability`. */
  segment: string
  /** The seed's first recommendation for the segment. */
  next_action: string
  /** The same in Spanish. */
  next_action_es: string
  /** The three features that moved the probability most, largest first. */
  reasons: Reason[]
  /** Whether they converted, when the horizon has passed. */
  converted: boolean | null
}

/** A feature's contribution to a registrant's probability (`TreeSHAP` on the forest's probability, before calibration). */
export interface Reason {
  /** The feature. */
  feature: string
  /** Its value for the registrant (-1: undefined; categories as ordinal codes). */
  value: number
  /** What it adds to the probability (negative: takes away). */
  contribution: number
}

/** The scored webinar's leads, most likely first, and the same as CSV with HubSpot's import column names. */
export interface LeadTable {
  /** One row per registrant. */
  rows: LeadRow[]
  /** CSV with a header row of HubSpot's names: `Email`, `First Name`, `Last Name`, `Job Title`, `Company Name`, `Lifecycle Stage`, then custom properties `User ID`, `Webinar ID`, `Conversion Probability`, `Conversion Segment`, `Top Reasons`, `Next Action`. */
  csv: string
}

/** One lead for the CRM: contact fields, the probability, its reasons and the next action. */
export interface LeadRow {
  /** The person's id. */
  user_id: unknown
  /** The contact's `email` attribute. */
  email: string | null
  /** `first_name` (or `firstname`). */
  first_name: string | null
  /** `last_name` (or `lastname`). */
  last_name: string | null
  /** `job_title`. */
  job_title: string | null
  /** `company` (or `company_name`). */
  company: string | null
  /** HubSpot's lifecycle stage: `Customer` after an earlier purchase, else `Sales Qualified Lead` (high probability), `Marketing Qualified Lead` (medium) or `Lead`. */
  lifecycle_stage: string
  /** The scored webinar. */
  webinar_id: string
  /** Calibrated probability of a purchase in the horizon. */
  probability: number
  /** The seed's segment. */
  segment: string
  /** The reasons as text: `feature=value (+0.031); ...`. */
  top_reasons: string
  /** The seed's next action for the segment. */
  next_action: string
}

/** What a demo series adds to its log: spend, email sends, agendas and the webinars. */
export interface SeriesInputs {
  /** Daily ad spend before each webinar, with its `webinar_id`. */
  spend: ChannelSpend[]
  /** Reminder email figures, campaign `<webinar>/<reminder>`. */
  email_sends: EmailSend[]
  /** Each webinar's agenda by id. */
  agendas: Record<string, WebinarAgenda>
  /** The webinars in order: id, topic, start, length. */
  webinars: SeriesWebinar[]
}

/** One day of one channel's advertising and social activity. */
export interface ChannelSpend {
  /** Day, `YYYY-MM-DD`. */
  date: string
  /** Channel (`linkedin`, `facebook`, `google_ads`, ...). */
  channel: string
  /** Campaign name. */
  campaign: string
  /** Ad impressions. */
  impressions: number
  /** Unique people reached. */
  reach: number
  /** Clicks. */
  clicks: number
  /** Cost in the campaign currency. */
  cost: number
  /** Social likes / reactions. */
  likes: number
  /** Social comments. */
  comments: number
  /** Social shares. */
  shares: number
  /** The webinar this spend promoted (empty: none named), for each webinar's cost. */
  webinar_id?: string
}

/** Delivery figures of one email campaign. */
export interface EmailSend {
  /** Campaign name (matches the `campaign` property of email events). */
  campaign: string
  /** Emails sent. */
  sent: number
  /** Emails delivered. */
  delivered: number
  /** Contacts who opened at least once. */
  unique_opens: number
  /** Contacts who clicked at least once. */
  unique_clicks: number
}

/** The webinar's schedule: start time, sections and number of slides. */
export interface WebinarAgenda {
  /** Scheduled start (UTC). */
  starts_at: string
  /** Sections in order. */
  sections: AgendaSection[]
  /** Number of slides presented. */
  slides: number
}

/** One section of the webinar agenda, in minutes from the start. */
export interface AgendaSection {
  /** Section name. */
  name: string
  /** Start, minutes after the webinar starts. */
  start_minute: number
  /** End, minutes after the webinar starts. */
  end_minute: number
}

/** One webinar of a demo series, as a Zoom export describes it. */
export interface SeriesWebinar {
  /** Its id (`w01`, `w02`, ...), the `webinar_id` of its events. */
  webinar_id: string
  /** Topic. */
  topic: string
  /** Scheduled start. */
  starts_at: string
  /** Scheduled length in minutes. */
  duration_minutes: number
}

/** The series and the KPI cards. */
export interface Trends {
  /** Day or week. */
  period: Period
  /** Timezone of the calendar. */
  tz: string
  /** Every period from the first to the last with activity (empty periods included). */
  series: TrendPoint[]
  /** One card per series. */
  cards: KpiCard[]
}

/** Length of a trend period. */
export type Period = 'day' | 'week'

/** One point of the series. */
export interface TrendPoint {
  /** `2024-03-14` for days, `2024-W11` for ISO weeks. */
  period: string
  /** First local day of the period. */
  start: string
  /** Persons whose first registration falls in the period. */
  registrations: number
  /** Persons whose first join falls in the period. */
  attendance: number
  /** Persons whose first purchase falls in the period. */
  conversions: number
  /** Sum of purchase values in the period. */
  revenue: number
}

/** A KPI card: the last period's value, the change over the period before, the trend. */
export interface KpiCard {
  /** registrations, attendance, conversions or revenue. */
  metric: string
  /** Value in the last period. */
  value: number | null
  /** Value in the period before. */
  previous: number | null
  /** (value - previous) / previous x 100 (percent). */
  change_percent: number | null
  /** `up`, `down` or `flat`; undefined with fewer than two periods. */
  trend: string | null
}

/** Per-cohort performance and insights. */
export interface CohortPerformance {
  /** Cohort length. */
  period: CalendarUnit
  /** Timezone of the calendar. */
  tz: string
  /** One row per cohort, empty ones included. */
  cohorts: CohortSummary[]
  /** Retention and conversion trends (when at least two cohorts can be compared). */
  insights: CohortInsight[]
  /** What the reader should know: a trend resting on a cohort of fewer than 30 persons (`small_cohort`). */
  warnings?: ResultWarning[]
}

/** One cohort's performance. */
export interface CohortSummary {
  /** Cohort label (`2024-01`, ...). */
  cohort: string
  /** Persons in the cohort. */
  size: number
  /** Persons who converted (any conversion event up to `as_of`). */
  conversions: number
  /** `conversions / size`, 0-1. */
  conversion_rate: number | null
  /** Revenue of the cohort's persons. */
  revenue: number
  /** Mean lifetime value: revenue / size. */
  lifetime_value: number | null
  /** Retention at period 1 (0-1), when observable. */
  retention_period_1: number | null
  /** Persons who attended the webinar. */
  attendees: number
  /** Mean engagement score (0-100) of the cohort's attendees. */
  engagement_score: number | null
  /** Mean attended minutes of the cohort's attendees. */
  attended_minutes: number | null
  /** Interactions (chat, questions, poll answers, CTA clicks) of the cohort's attendees. */
  interactions: number
}

/** An insight on the trend from the first cohort to the last. */
export interface CohortInsight {
  /** `retention_trend` or `conversion_trend`. */
  kind: string
  /** `improving`, `declining` or `flat`. */
  direction: string
  /** `positive`, `negative` or `neutral`. */
  impact: string
  /** First cohort compared. */
  first_cohort: string
  /** Last cohort compared. */
  last_cohort: string
  /** Its value in the first cohort (0-1). */
  first_value: number
  /** Its value in the last cohort (0-1). */
  last_value: number
  /** English message. */
  message_en: string
  /** Spanish message. */
  message_es: string
}

/** Segments of the audience. */
export interface Segmentation {
  /** Feature names, in column order. */
  features: string[]
  /** Number of segments. */
  k: number
  /** Mean silhouette (on a seeded sample of at most 1000 contacts). */
  silhouette: number | null
  /** k-means inertia on the standardized features. */
  inertia: number
  /** One profile per segment. */
  segments: SegmentProfile[]
  /** Each contact's segment, in id order. */
  assignments: SegmentAssignment[]
}

/** One segment's profile. */
export interface SegmentProfile {
  /** Segment number. */
  segment: number
  /** Contacts in the segment. */
  size: number
  /** Share of all contacts (0-1). */
  share: number | null
  /** Mean of each feature (original units). */
  means: Record<string, number>
  /** Most common value of each contact attribute present (ties: the first in value order). */
  modes: Record<string, string | number | boolean | null>
  /** Share of the segment that purchased (0-1). */
  conversion_rate: number | null
  /** Mean revenue per contact. */
  revenue_mean: number | null
  /** The seed's recommendations. */
  recommendations: SegmentRecommendation[]
}

/** A recommendation for a segment. */
export interface SegmentRecommendation {
  /** `high_engagement`, `high_conversion` or `enterprise`. */
  kind: string
  /** `high` or `medium`. */
  priority: string
  /** English action. */
  action_en: string
  /** Spanish action. */
  action_es: string
}

/** A contact's segment. */
export interface SegmentAssignment {
  /** The contact's id. */
  user_id: PersonKey
  /** Segment number. */
  segment: number
}

/** The distribution of contacts over one attribute, largest group first (ties by value order of first appearance), contacts without a value last. */
export interface AudienceDistribution {
  /** The attribute. */
  attribute: string
  /** One entry per value. */
  values: AudienceShare[]
}

/** Contacts with one attribute value. */
export interface AudienceShare {
  /** The value (null for contacts without one). */
  value: string | number | boolean | null
  /** Contacts with this value. */
  contacts: number
  /** contacts / all contacts, a fraction 0-1. */
  share: number | null
}

/** The analysis of an A/B test. p-values, intervals and posterior figures are given to 10 significant digits, the same on every platform. */
export interface ExperimentResult {
  /** The control variant. */
  control: string
  /** Significance level. */
  alpha: number
  /** Variants in name order. */
  variants: VariantResult[]
  /** Sample-ratio check. */
  sample_ratio: SampleRatio
  /** Planning figures. */
  planning: Planning
  /** Persons exposed to more than one variant (left out), when read from a log. */
  conflicted: number
  /** Warnings in plain English (sample-ratio mismatch, too few conversions). */
  warnings: string[]
}

/** One variant's results. */
export interface VariantResult {
  /** Variant name. */
  variant: string
  /** Persons exposed. */
  n: number
  /** Persons who converted. */
  conversions: number
  /** conversions / n. */
  conversion_rate: number | null
  /** Wilson interval of the rate, lower end. */
  rate_ci_low: number | null
  /** Upper end. */
  rate_ci_high: number | null
  /** Beta posterior of the rate: `[alpha, beta]`. */
  posterior: number[]
  /** Mean of the continuous metric. */
  metric_mean: number | null
  /** Its sample standard deviation. */
  metric_sd: number | null
  /** Against control (`None` for control itself). */
  vs_control: Comparison | null
}

/** A variant against control, on conversion and on the continuous metric. */
export interface Comparison {
  /** Two-proportion z-test of the conversion rates. */
  conversion: Test | null
  /** Posterior probability that this variant's rate beats control's (numerical integration, 10 significant digits). */
  probability_to_beat_control: number | null
  /** Expected loss (in conversion rate) of choosing this variant: E[max(control − variant, 0)]. */
  expected_loss: number | null
  /** Expected loss of keeping control instead: E[max(variant − control, 0)]. */
  control_expected_loss: number | null
  /** Always-valid p-value (mixture SPRT): valid however often the results are looked at. */
  always_valid_p_value: number | null
  /** Welch's t-test of the metric means. */
  metric: Test | null
}

/** A test of one variant's difference with control. */
export interface Test {
  /** Variant minus control. */
  difference: number
  /** difference / control (undefined when the control's value is 0). */
  relative_lift: number | null
  /** z or t statistic. */
  statistic: number | null
  /** Welch's degrees of freedom (t-test only). */
  df: number | null
  /** Two-sided p-value. */
  p_value: number | null
  /** Holm-adjusted p-value across the variants compared with control. */
  p_value_adjusted: number | null
  /** Confidence interval of the difference, lower end. */
  ci_low: number | null
  /** Upper end. */
  ci_high: number | null
  /** Adjusted p-value below alpha. */
  significant: boolean
}

/** The sample-ratio-mismatch check. */
export interface SampleRatio {
  /** Expected shares used. */
  expected_shares: number[]
  /** Observed shares. */
  observed_shares: number[]
  /** Pearson's chi-square statistic. */
  chi_square: number | null
  /** Its p-value. */
  p_value: number | null
  /** p-value under the threshold: the split is off, the results are suspect. */
  mismatch: boolean
}

/** Planning figures for the control's rate and the current traffic. */
export interface Planning {
  /** The control's conversion rate. */
  baseline_rate: number | null
  /** Smallest detectable rate (above the baseline) with the smallest variant's size, at the power and alpha given. */
  detectable_rate: number | null
  /** (detectable − baseline) / baseline. */
  detectable_relative_lift: number | null
}

/** What resolution merged and what it refused. */
export interface IdentityReport {
  /** Persons before. */
  persons_before: number
  /** Persons after. */
  persons_after: number
  /** The groups of more than one id, in id order. */
  merged: MergedPerson[]
  /** Identify events between persons with different emails (not merged). */
  conflicts: IdentityConflict[]
}

/** One resolved person made of several ids. */
export interface MergedPerson {
  /** The id kept. */
  id: PersonKey
  /** The other ids folded into it. */
  merged: PersonKey[]
  /** Normalized emails of the group. */
  emails: string[]
  /** Whether an email (`email`) and / or an identify event (`identify`) linked them. */
  via: string[]
}

/** An identify event that was not followed. */
export interface IdentityConflict {
  /** The person who sent the identify event. */
  id: PersonKey
  /** The anonymous id it named. */
  anonymous_id: PersonKey
  /** Their different emails. */
  emails: string[]
}

/** A dashboard: sections of widgets, refresh rate, alerts. */
export interface Dashboard {
  /** Executive or operational. */
  kind: DashboardKind
  /** English title. */
  title_en: string
  /** Spanish title. */
  title_es: string
  /** The time it describes. */
  as_of: string
  /** The comparison time of the metric cards. */
  compared_with: string | null
  /** Seconds between refreshes (executive 300, operational 60). */
  refresh_seconds: number
  /** The sections, top to bottom. */
  sections: DashboardSection[]
  /** The rules that fire now, most severe first. */
  alerts: RuleStatus[]
}

/** Which dashboard. */
export type DashboardKind = 'executive' | 'operational'

/** A section of a dashboard. */
export interface DashboardSection {
  /** Section id. */
  id: string
  /** English name. */
  name_en: string
  /** Spanish name. */
  name_es: string
  /** `top`, `middle_left`, `middle_right` or `bottom`. */
  position: string
  /** The widgets. */
  widgets: Widget[]
}

/** A widget of the seed's dashboards. */
export type Widget = Record<string, unknown>

/** One stage of a funnel chart. */
export interface FunnelBar {
  /** Stage id: awareness, interest, consideration, action, conversion. */
  stage: string
  /** English label. */
  label_en: string
  /** Spanish label. */
  label_es: string
  /** The metric measuring it. */
  metric: string
  /** Its value. */
  value: number | null
  /** Percent of the previous stage. */
  step_conversion_percent: number | null
  /** Percent of the first stage. */
  overall_conversion_percent: number | null
}

/** A named series of a chart. */
export interface Series {
  /** Series id (`registrations`, `chat`, ...). */
  id: string
  /** English label. */
  label_en: string
  /** Spanish label. */
  label_es: string
  /** One value per category or point; `None` where undefined. */
  values: Array<number | null>
}

/** One slice of a pie chart. */
export interface Slice {
  /** The category (`None`: contacts without a value). */
  label: string | null
  /** Its count. */
  value: number
  /** Its share, 0-1. */
  share: number | null
}

/** A rule evaluated against metric values. */
export interface RuleStatus {
  /** Unique id (`performance.conversion_rate` for the built-in rules). */
  id: string
  /** A metric id of the catalog. */
  metric: string
  /** The comparison. */
  operator: Operator
  /** The threshold, in the metric's unit (percent metrics are 0-100). */
  threshold: number
  /** Severity. */
  severity: Severity
  /** Message in English. */
  message_en: string
  /** Message in Spanish. */
  message_es: string
  /** The metric's value; `None` when undefined. */
  value: number | null
  /** Firing, ok or no data. */
  state: RuleState
}

/** Comparison of a metric with a threshold. */
export type Operator = '<' | '<=' | '>' | '>='

/** How urgent an alert is. Ordered from the most urgent. */
export type Severity = 'critical' | 'high' | 'medium' | 'low'

/** Whether a rule holds now. */
export type RuleState = 'firing' | 'ok' | 'no_data'

/** A watched series and its anomalies. */
export interface AnomalyReport {
  /** `conversion`, `count`, `persons` or `value`. */
  measure: string
  /** What is watched: the event kind, or `step <k>: <from> -> <to>`. */
  series: string
  /** Length of the periods. */
  period: CalendarUnit
  /** The baseline's periods. */
  seasonality: Seasonality
  /** The band's width in standard deviations. */
  sensitivity: number
  /** Every period from the first to the last, oldest first. */
  points: AnomalyPoint[]
  /** The periods judged anomalous (`low` or `high`). */
  anomalies: string[]
}

/** Which earlier periods a period is compared with. */
export type Seasonality = 'weekday' | 'none'

/** One period of the series, judged against its baseline. */
export interface AnomalyPoint {
  /** `2024-03-14`, `2024-W11`, `2024-03`, `2024-Q1`. */
  period: string
  /** Its first moment (UTC). */
  start: string
  /** The value: a conversion (0-1), a count or a sum; undefined for a conversion without entrants. */
  value: number | null
  /** Converted attempts (conversions), or the value again (counts). */
  numerator: number
  /** Entrants of the step before (conversions only). */
  denominator: number | null
  /** The baseline's median. */
  expected: number | null
  /** Lower end of the expected band. */
  low: number | null
  /** Upper end. */
  high: number | null
  /** (value - expected) / the band's standard deviation. */
  score: number | null
  /** `normal`, `low` or `high` (an anomaly), `insufficient_history`, `small_sample`, `in_progress`. */
  status: string
  /** Change over the period before, percent. */
  change_percent: number | null
  /** Change over the same weekday a week before, percent (daily periods). */
  week_over_week_percent: number | null
  /** The segments that moved most, for an anomaly with a `breakdown`. */
  contributors: Contributor[]
}

/** A segment's part in an anomaly. */
export interface Contributor {
  /** The segment (breakdown value; null when missing). */
  value: unknown
  /** Its value in the period (a conversion, or a count). */
  current: number | null
  /** Its usual value: over the baseline's span (a conversion, or a mean per period). */
  usual: number | null
  /** Its entrants in the period (conversions only). */
  entrants: number | null
  /** What it moved the period's value by (in the value's unit): for a conversion, its entrants' share times its change of rate; for a count, its change of count. */
  effect: number
  /** Its effect over the sum of every segment's effect. */
  share: number | null
}

/** A series' usual viewer curve. */
export interface UsualViewers {
  /** The webinars it was learnt from, in order of start. */
  webinars: string[]
  /** Per minute since the start, while at least `min_webinars` webinars had viewers. */
  minutes: UsualMinute[]
}

/** The usual audience at one minute since the start. */
export interface UsualMinute {
  /** Minutes since the start. */
  minute: number
  /** Median over past webinars of the viewers still watching as a percent of the peak so far. */
  expected: number
  /** 1.4826 × the median absolute deviation of those percents. */
  spread: number
  /** Past webinars with viewers at this minute. */
  webinars: number
}

/** Every watch's latest period and the metric values rules read. */
export interface Monitor {
  /** One state per watch, in order. */
  watches: WatchState[]
  /** `<watch id>.<field>` -> value (null when undefined: no rule fires on it). */
  values: Record<string, number | null>
}

/** A watch's latest judged period. */
export interface WatchState {
  /** The watch. */
  id: string
  /** What it watches (the event kind, or the funnel step). */
  series: string
  /** The latest period whose value is final (not `in_progress`), with its verdict and contributors; undefined when there is none. */
  latest: AnomalyPoint | null
}

/** One alert rule: fires while `metric operator threshold` holds. */
export interface AlertRule {
  /** Unique id (`performance.conversion_rate` for the built-in rules). */
  id: string
  /** A metric id of the catalog. */
  metric: string
  /** The comparison. */
  operator: Operator
  /** The threshold, in the metric's unit (percent metrics are 0-100). */
  threshold: number
  /** Severity. */
  severity: Severity
  /** Message in English. */
  message_en: string
  /** Message in Spanish. */
  message_es: string
}

/** An ad report read into spend rows. */
export interface AdReport {
  /** The platform. */
  platform: AdPlatform
  /** Currency of `cost`, when the export says. */
  currency: string | null
  /** One row per day and campaign. */
  rows: ChannelSpend[]
  /** The platform's unique reach over the whole report, from its account totals row (Meta Ads Manager's summary row, Google Ads' `Total: Account` with a reach column) when the export has one; undefined otherwise. Reach per day or campaign cannot be added up (a person reached twice counts twice), so this is the number to give the scorecard as `inputs.reach`. */
  reach: number | null
  /** Totals rows skipped (always) and bad rows skipped (with `skip_bad_rows`). */
  skipped: SkippedRow[]
}

/** Which ad platform wrote the export. */
export type AdPlatform = 'google_ads' | 'meta_ads' | 'linkedin_ads' | 'linkedin_page' | 'facebook_page'

/** A row left out, and why. */
export interface SkippedRow {
  /** 1-based line in the file. */
  line: number
  /** What was wrong. */
  reason: string
}

/** Contacts read from a CRM export. */
export interface CrmContacts {
  /** The contacts, in file order. */
  contacts: CrmContact[]
  /** Rows left out, and why (a duplicated email keeps the first row). */
  skipped: SkippedRow[]
}

/** One contact of a CRM export, ready for `EventLog::from_records(events, contacts)`. */
export interface CrmContact {
  /** Normalized email, or `hubspot:<Record ID>`. */
  user_id: string
  /** The CRM's id. */
  crm_id: string
  /** Normalized email. */
  email: string | null
  /** When the contact was created. */
  registered_at: string | null
  /** Lifecycle stage (`lead`, `marketingqualifiedlead`, `customer`, ...), lower case. */
  lifecycle_stage: string | null
  /** The original source as a channel. */
  channel: string | null
  /** Industry. */
  industry: string | null
  /** `startup`, `smb`, `mid_market` or `enterprise`. */
  company_size: string | null
  /** Job title. */
  job_title: string | null
  /** Country. */
  country: string | null
}

/** Email sends read from the email tool's campaign report. */
export interface EmailReport {
  /** One row per campaign. */
  sends: EmailSend[]
  /** Rows left out, and why. */
  skipped: SkippedRow[]
}

/** `error.details` of every error thrown by the library. */
export interface ErrorDetails {
  code: string
  category: 'schema' | 'data' | 'format' | 'parameter' | 'interrupted'
  message: string
  table:
    | 'events'
    | 'contacts'
    | 'zoom_attendee_report'
    | 'zoom_registration_report'
    | 'zoom_poll_report'
    | 'zoom_qa_report'
    | 'email_activity'
    | 'spend'
    | 'email_sends'
    | 'ad_report'
    | null
  column: string | null
  row: number | null
  line: number | null
  /** The input file, when the call named it (a path, or a campaign source's name). */
  file: string | null
}

/** Options of `scorecard(log, options)`. */
export interface ScorecardOptions {
  inputs?: {
    spend?: Array<Record<string, unknown>>
    email_sends?: EmailSend[]
    agenda?: WebinarAgendaDict
    uptime?: number
    /** The platforms' unique reach for the period (else reach is summed over spend rows: an upper bound). */
    reach?: number
  } | null
  targets?: Record<string, number> | null
  tolerance?: number | null
  asOf?: string | Date | null
  weights?: { attendance?: number; chat?: number; questions?: number; polls?: number; cta?: number; survey?: number } | null
  /** Confidence level of the proportions' Wilson intervals, strictly between 0 and 1 (default 0.95). */
  confidence?: number | null
  /** Denominator under which a proportion is flagged `small_sample` (default 30). */
  smallSample?: number | null
  /** `'point'` (status from the value, the default) or `'interval'` (a proportion is `off_track`
   * only when all of its interval misses the target, `at_risk` when the interval straddles it). */
  status?: 'point' | 'interval' | null
  /** Only the events (and spend rows) from..to count, inclusive. */
  between?: [string | Date, string | Date] | null
  /** Compare with the same analysis over 'previous_period' (the period of the same length just
   * before `between`) or a [from, to] range. */
  compare?: 'previous_period' | [string | Date, string | Date] | null
  /** Only this webinar's events (its `webinar_id`), with its agenda from `agendas`. */
  webinar?: string | null
  /** Agendas by webinar id, chosen by `webinar`. */
  agendas?: Record<string, WebinarAgendaDict> | null
}

/** Options of `trends(log, options)`. */
export interface TrendOptions {
  period?: 'day' | 'week' | null
  tz?: string | null
  asOf?: string | Date | null
}

/** The webinar agenda. */
export interface WebinarAgendaDict {
  starts_at: string
  sections: { name: string; start_minute: number; end_minute: number }[]
  slides: number
}

/** `demo.inputsDict()`: the demo's non-event tables. */
export interface DemoInputsDict {
  spend: ChannelSpend[]
  email_sends: EmailSend[]
  agenda: WebinarAgendaDict
}

/** A funnel step: an event name, or an event with property filters, optional flag, own window. */
export type FunnelStepSpec =
  | string
  | {
      event: string
      /** Property equality filters; an array value matches any of its items. */
      properties?: Record<string, string | number | boolean | (string | number | boolean)[]> | null
      optional?: boolean | null
      /** This step's window from step 1, replacing the funnel's. */
      windowSeconds?: number | null
      window?: string | number | null
      label?: string | null
    }

/** An exclusion: an event that spoils an attempt between two steps (0-based). */
export interface FunnelExclusion {
  event: string
  properties?: Record<string, string | number | boolean | (string | number | boolean)[]> | null
  fromStep?: number | null
  toStep?: number | null
}

/** Options of `funnel(log, steps, options)`. */
export interface FunnelOptions {
  /** Conversion window in seconds (default 14 days). */
  windowSeconds?: number | null
  /** Conversion window as text, e.g. "14d", "36h". */
  window?: string | number | null
  order?: 'ordered' | 'strict' | 'unordered' | null
  exclusions?: FunnelExclusion[] | null
  /** An event property or contact attribute, or several (their combinations are the groups). */
  breakdown?: string | string[] | null
  /** "first_touch", "last_touch" or "step_N" (0-based). */
  attribution?: string | null
  /** Most breakdown values (combinations) shown; the rest are grouped as "other". */
  breakdownLimit?: number | null
  /** Event properties that must keep step 1's value at every step of an attempt. */
  hold?: string[] | null
  entryFrom?: string | Date | null
  entryTo?: string | Date | null
  asOf?: string | Date | null
  count?: 'persons' | 'attempts' | 'sessions' | null
  droppedIds?: boolean | null
  /** Confidence level of the rates' Wilson intervals, strictly between 0 and 1 (default 0.95). */
  confidence?: number | null
  /** Persons under which a rate is flagged `small_sample` (default 30). */
  smallSample?: number | null
  /** Percentiles (0-100) of each step's time to convert (default 10, 25, 50, 75, 90, 95, 99). */
  percentiles?: number[] | null
  /** Time-to-convert histogram bins: 'auto' (numpy's rule), a count, or edges in seconds. */
  bins?: 'auto' | number | number[] | null
  /** Conversion over time: the funnel per period of each person's step-1 entry. */
  trend?: 'day' | 'week' | 'month' | 'quarter' | null
  /** IANA timezone of the trend's periods (default "UTC"). */
  tz?: string | null
  /** Compare with the same funnel over another entry period: 'previous_period' (needs entryFrom
   * and entryTo) or a [from, to] range. */
  compare?: 'previous_period' | [string | Date, string | Date] | null
}

/** Options of `mergeStates(states, options)`. */
export interface MergeStatesOptions {
  /** Spend rows, for the cost columns of a channel table. */
  spend?: Array<Record<string, unknown>> | null
}

/** Options of `sampleSize(baseline, target, options)`. */
export interface SampleSizeOptions {
  /** Significance level, two-sided (default 0.05). */
  alpha?: number
  /** Power (default 0.8). */
  power?: number
}

/** Options of `channelPerformance(log, options)`. */
export interface ChannelOptions {
  /** Contact attribute to group by (default "channel"). */
  by?: string
  /** Spend rows: `{ date, channel, campaign?, impressions?, reach?, clicks?, cost?, ... }`. */
  spend?: Array<Record<string, unknown>> | null
  /** Confidence level of the rates' Wilson intervals, strictly between 0 and 1 (default 0.95). */
  confidence?: number | null
  /** Registrations under which a row is flagged `small_sample` (default 30). */
  smallSample?: number | null
  /** Only the events (and spend rows) from..to count, inclusive. */
  between?: [string | Date, string | Date] | null
  /** Compare with the same analysis over 'previous_period' (the period of the same length just
   * before `between`) or a [from, to] range. */
  compare?: 'previous_period' | [string | Date, string | Date] | null
}

/** Options of `attendance(log, options)`. */
export interface AttendanceOptions {
  /** The agenda: sections close open joins and get retention. */
  agenda?: WebinarAgendaDict | null
  /** Later events are ignored, open joins close there (ISO-8601 text or a `Date`). */
  asOf?: string | Date | null
  /** Only this webinar's events (its `webinar_id`), with its agenda from `agendas`. */
  webinar?: string | null
  /** Agendas by webinar id, chosen by `webinar`. */
  agendas?: Record<string, WebinarAgendaDict> | null
}

/** Options of `webinars(log, options)`. */
export interface WebinarsOptions {
  /** Each webinar's agenda, by webinar id: its start orders the series and closes open joins. */
  agendas?: Record<string, WebinarAgendaDict> | null
  weights?: { attendance?: number; chat?: number; questions?: number; polls?: number; cta?: number; survey?: number } | null
  /** Spend rows; those naming a webinar (`webinar_id`) give its cost. */
  spend?: Array<Record<string, unknown>> | null
}

/** Options of `webinarFeatures`, `backtestAttendance` and `predictAttendance(log, options)`. */
export interface ForecastOptions {
  /** Each webinar's agenda by id: its start (else its first live join) and length. */
  agendas?: Record<string, WebinarAgendaDict> | null
  /** How long before the start the features are taken (default '24h'). */
  horizon?: string | null
  /** Timezone of the day of week, local hour and month (IANA name). */
  tz?: string | null
  /** Webinars the first backtest model trains on (default 8, at least 3). */
  minTrain?: number | null
  /** Coverage of the prediction intervals (default 0.8). */
  coverage?: number | null
  /** The forest: nEstimators (200), maxDepth, minSamplesLeaf (2), maxFeatures, seed (42), ... */
  forest?: Record<string, unknown> | null
  /** Only events up to this time are known (default: the log's last event). */
  asOf?: string | Date | null
  /** The webinar in question (features of it, the backtest before it, its prediction; default the last). */
  webinar?: string | null
  /** Spend rows; those naming a webinar (`webinar_id`) give its ad features. */
  spend?: Array<Record<string, unknown>> | null
}

/** Options of `AttendanceForecaster.predict(log, options)`: the webinar, and what changed since the fit. */
export interface ForecastUpdateOptions {
  /** The webinar to predict (default: the webinar that starts last). */
  webinar?: string | null
  /** Only events up to this time are known (default: the log's last event). */
  asOf?: string | Date | null
  /** Agendas by webinar id (default: those given to the fit). */
  agendas?: Record<string, WebinarAgendaDict> | null
  /** Spend rows (default: those given to the fit). */
  spend?: Array<Record<string, unknown>> | null
}

/** Options of `conversionDataset`, `predictConversion` and `leadTable(log, options)`. */
export interface ConversionModelOptions {
  /** Each webinar's agenda by id: its start and end (else its first live join and last leave). */
  agendas?: Record<string, WebinarAgendaDict> | null
  /** A purchase within this time after observeUntil is a conversion (default '30d'). */
  horizon?: string | null
  /** The scored webinar's registrants are observed until here (default: its end). */
  observeUntil?: string | Date | null
  /** Share of the labelled webinars, the latest, held out for the test (default 0.25). */
  testFraction?: number | null
  /** 'isotonic' (default), 'platt' or 'none'. */
  calibration?: 'isotonic' | 'platt' | 'none' | null
  /** The forest: nEstimators (100), maxDepth (8), minSamplesLeaf (10), maxFeatures ('sqrt'), seed (42), ... */
  forest?: Record<string, unknown> | null
  /** The webinar whose registrants are scored (default: the webinar that starts last). */
  webinar?: string | null
  /** Only events up to this time are known (default: the log's last event). */
  asOf?: string | Date | null
}

/** Options of `demoSeries(options)` and `demoSeriesInputs(options)`. */
export interface DemoSeriesOptions {
  /** Number of contacts (default 2000). */
  contacts?: number | null
  /** Number of webinars, one every 30 days (default 12). */
  webinars?: number | null
  /** Seed of the random generator (default 42). */
  seed?: number | null
}

/** Options of `paths(log, options)`. */
export interface PathsOptions {
  /** A path is a person's events ('person', default) or a session's ('session'). */
  by?: 'person' | 'session' | null
  /** Merge consecutive repeats of one event into one step. */
  collapseRepeats?: boolean | null
  /** Only these event kinds make up the paths (default: every kind). */
  events?: string[] | null
  /** Ignore later events (ISO-8601 text or a `Date`). */
  asOf?: string | Date | null
}

/** Options of `flows(log, options)`. */
export interface FlowsOptions {
  /** Follow each path from its first event of this kind. */
  start?: string | null
  /** Follow each path back from its first event of this kind (with start: the paths from start to end). */
  end?: string | null
  /** Steps followed, 1 to 30 (default 5). */
  steps?: number | null
  /** Events kept per step, the most frequent (default 10); the rest are "other". */
  maxNodesPerStep?: number | null
  by?: 'person' | 'session' | null
  collapseRepeats?: boolean | null
  events?: string[] | null
  asOf?: string | Date | null
}

/** Options of `funnelFlows(log, steps, step, options)`: the funnel's, and the flows'. */
export interface FunnelFlowsOptions extends FunnelOptions {
  /** Steps followed (default 5, at most 30). */
  flowSteps?: number | null
  /** Events kept per step, the most frequent (default 10); the rest are "other". */
  maxNodesPerStep?: number | null
}

/** Options of `lifecycle(log, options)`. */
export interface LifecycleOptions {
  period?: 'day' | 'week' | 'month' | 'quarter' | null
  /** IANA timezone of the periods (default "UTC"). */
  tz?: string | null
  /** Event kinds that count as activity (default: any). */
  activity?: string[] | null
  /** Ignore later events; the last period holds it. */
  asOf?: string | Date | null
}

/** Options of `stickiness(log, options)`. */
export interface StickinessOptions {
  period?: 'week' | 'month' | null
  /** IANA timezone of the days (default "UTC"). */
  tz?: string | null
  /** Event kinds that count as activity (default: any). */
  activity?: string[] | null
  asOf?: string | Date | null
}

/** Options of `drivers(log, options)`. */
export interface DriversOptions {
  /** The conversion event (default "purchase"). */
  conversion?: string | null
  /** Who entered: persons with this event (default: every person). */
  entry?: string | null
  /** Candidate kinds tested (default all three). */
  candidates?: Array<'event' | 'event_property' | 'contact'> | null
  /** Most values tested per property or attribute (default 20). */
  maxValues?: number | null
  /** Candidates held by fewer persons are not tested (default 5). */
  minPersons?: number | null
  /** Confidence level of the odds ratios' intervals (default 0.95). */
  confidence?: number | null
  /** Adjusted p-value under which a candidate is `significant` (default 0.05). */
  alpha?: number | null
  asOf?: string | Date | null
}

/** Options of `attribution(log, options)`. */
export interface AttributionOptions {
  /** The conversion event (default "purchase"); its value is the revenue. */
  conversion?: string | null
  /** The event property naming each touchpoint (default "channel"). */
  touch?: string | null
  /** Models computed (default: all eight). */
  models?: Array<
    'first_touch' | 'last_touch' | 'last_non_direct' | 'linear' | 'time_decay' | 'position_based' | 'markov' | 'shapley'
  > | null
  /** How far before a conversion touchpoints count (default "30d"). */
  lookback?: string | null
  /** Half-life of time_decay (default "7d"). */
  halfLife?: string | null
  /** Each person's first conversion (default) or every one. */
  conversions?: 'first' | 'all' | null
  /** position_based weights: first, middle (shared), last (default [0.4, 0.2, 0.4]). */
  positionWeights?: [number, number, number] | null
  /** Touch values that are direct traffic (default ["direct", "(direct)"]). */
  direct?: string[] | null
  /** Order of the Markov chain, 1 to 3 (default 1). */
  markovOrder?: number | null
  /** Shapley values shared per path (default) or by the formula over every coalition. */
  shapley?: 'simplified' | 'coalitions' | null
  /** Spend rows (ChannelSpend, or rows read from a file): cost, CPA, ROAS and ROI per model and touch value. */
  spend?: Array<ChannelSpend | Record<string, unknown>> | null
  /** Bootstrap intervals on every credit (persons resampled). */
  intervals?: boolean | null
  /** Resamples of the bootstrap (default 200). */
  resamples?: number | null
  /** Confidence level of the intervals (default 0.95). */
  confidence?: number | null
  /** Seed of the bootstrap. */
  seed?: number | null
  asOf?: string | Date | null
}

/** Options of `retention(log, options)`. */
export interface RetentionOptions {
  period?: 'day' | 'week' | 'month' | 'quarter' | null
  /** Contact timestamp column giving each person's cohort (default "registered_at", or the
   * first event when the log has no contacts). */
  anchor?: string | null
  /** Anchor on each person's first event of this kind instead. */
  anchorEvent?: string | null
  /** Event kinds that count as activity (default: any). */
  activity?: string[] | null
  /** "on", "on_or_after", or brackets such as [0, [1, 3], "4-8"]. */
  kind?: 'on' | 'on_or_after' | (number | [number, number] | [number] | string)[] | null
  tz?: string | null
  asOf?: string | Date | null
  /** A contact attribute. */
  breakdown?: string | null
  revenueEvent?: string | null
  /** Confidence level of the rates' Wilson intervals, strictly between 0 and 1 (default 0.95). */
  confidence?: number | null
  /** Persons under which a rate is flagged `small_sample` (default 30). */
  smallSample?: number | null
  /** The cohorts starting from..to are the current side of a comparison (default: all). */
  between?: [string | Date, string | Date] | null
  /** Compare the current cohorts' pooled retention with the cohorts starting in
   * 'previous_period' (the period of the same length before `between`) or a [from, to] range. */
  compare?: 'previous_period' | [string | Date, string | Date] | null
}

/** Options of `cohortPerformance(log, options)`. */
export interface CohortPerformanceOptions {
  period?: 'day' | 'week' | 'month' | 'quarter' | null
  anchor?: string | null
  anchorEvent?: string | null
  tz?: string | null
  asOf?: string | Date | null
  agenda?: Record<string, unknown> | null
  weights?: Record<string, number> | null
  conversionEvent?: string | null
  revenueEvent?: string | null
}

/** Options of `segmentAudience(log, options)`. */
export interface SegmentOptions {
  /** Number of segments; 0 suggests one in 2-8 by the silhouette (default 5). */
  nClusters?: number | null
  nInit?: number | null
  seed?: number | null
  asOf?: string | Date | null
  agenda?: Record<string, unknown> | null
  weights?: Record<string, number> | null
}

/** A rule as written by users (`id`, `severity` and messages optional). */
export interface AlertRuleSpec {
  id?: string
  metric: string
  operator: '<' | '<=' | '>' | '>='
  threshold: number
  severity?: 'critical' | 'high' | 'medium' | 'low'
  message?: string
  message_en?: string
  message_es?: string
}

/** Options of `new AlertEngine(options)`. */
export interface AlertEngineOptions {
  rules?: AlertRuleSpec[] | string | null
  policy?: {
    escalation?: Record<string, { delaySeconds?: number; delay_seconds?: number; channels: string[]; recipients: string[] }>
    cooldownSeconds?: number
  } | null
  /** Named series (options of `anomalies` with an `id`) whose fields rules read as `<id>.anomaly`, `<id>.change_percent`, ... */
  watches?: Array<{ id: string } & AnomalyOptions> | null
}

/** Options of `usualViewers(log, options)`. */
export interface UsualViewersOptions {
  /** Agenda of each webinar (its start and length). */
  agendas?: Record<string, WebinarAgendaDict> | null
  /** Learn only from the webinars that started before this one. */
  before?: string | null
  /** Fewest past webinars with viewers at a minute (default 3). */
  minWebinars?: number | null
}

/** Options of `monitor(log, options)`. */
export interface MonitorOptions {
  /** Named series (options of `anomalies` with an `id`). */
  watches: Array<{ id: string } & AnomalyOptions>
  /** The evaluation time (default: the log's last event). */
  asOf?: string | Date | null
}

/** A planned notification: who, by which channel, when. */
export interface NotificationDict {
  kind: 'fired' | 'reminder' | 'resolved'
  rule_id: string
  severity: string
  channel: 'email' | 'slack' | 'teams' | 'sms' | 'dashboard' | 'webhook'
  recipient: string
  due_at: string
  message_en: string
  message_es: string
}

/** `AlertEngine.evaluate(scorecard, { at })`. */
export interface AlertUpdate {
  at: string
  rules: RuleStatus[]
  active: { rule_id: string; metric: string; severity: string; since: string; value: number | null; last_notified: string | null; message_en: string; message_es: string }[]
  events: { kind: 'fired' | 'reminder' | 'resolved'; rule_id: string; metric: string; severity: string; value: number | null; threshold: number; since: string; at: string; message_en: string; message_es: string }[]
  send: NotificationDict[]
  scheduled: NotificationDict[]
  cancelled: NotificationDict[]
}

/** The notifications of an alert update, as `Notifier.enqueue` takes them (an `AlertUpdate` will do). */
export interface PlannedNotifications {
  send?: NotificationDict[]
  scheduled?: NotificationDict[]
  cancelled?: NotificationDict[]
}

/** Options of `Notifier.open(path, options)` (Node only: the browser package plans and does not send). */
export interface NotifierOptions {
  /** The SMTP server of the `email` channel. */
  smtp?: {
    host: string
    /** Default 587 (starttls), 465 (tls), 25 (none). */
    port?: number | null
    security?: 'starttls' | 'tls' | 'none'
    username?: string | null
    password?: string | null
    /** Environment variable holding the password. */
    passwordEnv?: string | null
    /** Sender, e.g. `"Alerts <alerts@example.com>"`. */
    from: string
  } | null
  /** Webhook URL by channel (a recipient that is an http(s) URL is posted to directly). */
  webhooks?: { slack?: string; teams?: string; webhook?: string; sms?: string } | null
  retry?: { maxAttempts?: number; backoffSeconds?: number; maxBackoffSeconds?: number } | null
  language?: 'en' | 'es'
  timeoutSeconds?: number
  batch?: number
}

/** Options of `Notifier.enqueueReport(log, options)`: those of `report`, plus where and when. */
export interface EnqueueReportOptions extends ReportOptions {
  channels?: Array<'email' | 'slack' | 'teams' | 'sms' | 'webhook'> | null
  dueAt?: Date | string | null
  now?: Date | string | null
}

/** Where an outbox message stands. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'skipped'

/** One message of a notifier's outbox. */
export interface OutboxMessage {
  /** Idempotency key: the email's Message-ID, the webhook's Idempotency-Key header. */
  key: string
  kind: 'fired' | 'reminder' | 'resolved' | 'report'
  rule_id: string | null
  severity: 'critical' | 'high' | 'medium' | 'low' | null
  channel: 'email' | 'slack' | 'teams' | 'sms' | 'dashboard' | 'webhook'
  recipient: string
  subject: string
  due_at: string
  status: DeliveryStatus
  attempts: number
  next_attempt_at: string | null
  last_error: string | null
  sent_at: string | null
  queued_at: string
}

/** `Notifier.enqueue` / `enqueueReport`. */
export interface Enqueued {
  queued: number
  skipped: number
  duplicates: number
  cancelled: number
}

/** `Notifier.runPending`: the messages it touched, as they stand after it. */
export interface DeliveryRun {
  at: string
  resumed: number
  sent: OutboxMessage[]
  retrying: OutboxMessage[]
  failed: OutboxMessage[]
  remaining: number
}

/** Options of `dashboard(log, options)` (and the view options of `report`). */
export interface DashboardOptions extends Omit<ScorecardOptions, 'inputs' | 'between' | 'compare'> {
  kind?: 'executive' | 'operational' | null
  inputs?: ScorecardOptions['inputs']
  compareDays?: number | null
  trendDays?: number | null
  tz?: string | null
  rules?: AlertRuleSpec[] | string | null
  timelineMinutes?: number | null
}

/** Options of `report(log, options)`. */
export interface ReportOptions extends Omit<DashboardOptions, 'kind'> {
  kind?: 'daily' | 'weekly' | 'monthly' | null
  lang?: 'en' | 'es' | null
  recipients?: string[] | null
  segments?: number | null
}

/** `report(log, options).toDict()`. */
export interface ReportDict {
  kind: 'daily' | 'weekly' | 'monthly'
  lang: 'en' | 'es'
  title: string
  as_of: string
  recipients: string[]
  schedule: { kind: string; time: string; weekday: string | null; day: number | null; tz: string }
  sections: ({ id: string; title: string; block: string } & Record<string, unknown>)[]
}

/** Options of `scheduleRuns(options)`. */
export interface ScheduleOptions {
  kind: 'daily' | 'weekly' | 'monthly'
  after: string | Date
  count?: number | null
  tz?: string | null
  time?: string | null
  weekday?: string | null
  day?: number | null
}

/** One variant's totals (input of `analyzeExperiment`). */
export interface VariantCountsDict {
  variant: string
  n: number
  conversions: number
  metric_mean?: number | null
  metric_variance?: number | null
}

/** Options of the A/B analysis. */
export interface AnalysisOptions {
  control?: string | null
  alpha?: number | null
  power?: number | null
  prior?: [number, number] | null
  expectedShares?: number[] | null
  srmThreshold?: number | null
  msprtTau?: number | null
}

/** Options of `experiment(log, options)`. */
export interface ExperimentOptions extends AnalysisOptions {
  variant: { attribute: string } | { event: string; property: string }
  conversionEvent?: string | null
  metric?: { kind: 'value_sum' | 'count' | 'attended_minutes'; event?: string } | null
  asOf?: string | Date | null
}

/** `readAdReport(source, options)`. */
/** Options of `readAdReport(source, options)`. */
export interface AdReportOptions {
  /** The platform; detected from the header when not given. */
  platform?: 'google_ads' | 'meta_ads' | 'linkedin_ads' | 'linkedin_page' | 'facebook_page' | null
  /** The channel name of the rows (default: the platform's). */
  channel?: string | null
  /** Report bad rows in `skipped` instead of failing. */
  skipBadRows?: boolean
}

/** Options of `resolveIdentities` / `identityReport`. */
export interface IdentityOptions {
  emailAttribute?: string | null
  stripPlus?: boolean | null
  identifyEvent?: string | null
  anonProperty?: string | null
}

/** Options of `new LiveScorecard(options)`. */
export interface LiveScorecardOptions extends Omit<ScorecardOptions, 'asOf' | 'between' | 'compare'> {
  /** How far behind "now" an event may arrive and still be applied, seconds (default 300). */
  latenessSeconds?: number | null
  columns?: Record<string, string> | null
  tsUnit?: 's' | 'ms' | 'us' | 'ns' | null
  /** Event role -> the name incoming events give it (`{ register: 'sign_up' }`), as in loading. */
  kinds?: Record<string, string> | null
  /** Evaluate these alert rules on every update (as `new AlertEngine(alerts)`); rules may read `viewers.anomaly`, `viewers.score`, ... with `usualViewers`. */
  alerts?: AlertEngineOptions | null
  /** The series' usual viewer curve (`usualViewers(log, { before })`); needs the webinar's agenda. */
  usualViewers?: UsualViewers | null
  /** Width of the usual band in spreads (default 3). */
  sensitivity?: number | null
}

/** The live counters of a `LiveScorecard`. */
export interface LiveStatus {
  as_of: string | null
  events: number
  persons: number
  attendees: number
  current_viewers: number | null
  peak_viewers: number
  peak_at: string | null
  attendance_drop: number | null
  /** Change of the viewers over the last five minutes, percent (rules: `viewers.change_percent`). */
  viewers_change_percent: number | null
  engagement_score: number | null
  sections: { name: string; present: number; retention_percent: number | null }[]
  late_events: number
  /** The audience against the series' usual curve at this minute (with `usualViewers`). */
  usual?: { minute: number; value: number; expected: number; low: number; high: number; score: number | null; anomaly: boolean }
}

/** What one `LiveScorecard` update did. */
export interface LiveUpdate {
  accepted: number
  late: { user_id: string | number; ts: string; event: string }[]
  status: LiveStatus
  alerts: AlertUpdate | null
}

/** Options of `new Campaign(files, logs, options)`. */
export interface CampaignOptions {
  /** Records of one more log (e.g. web events) and its contacts. */
  events?: Array<Record<string, unknown>> | null
  contacts?: Array<Record<string, unknown>> | null
  spend?: Array<Record<string, unknown>> | null
  email_sends?: EmailSend[] | null
  agenda?: WebinarAgendaDict | null
  uptime?: number | null
  /** IANA timezone of the exports' times. */
  tz?: string | null
  skipBadRows?: boolean | null
  /** Identity-resolution options, or `false` to keep ids as they are. */
  identity?: { emailAttribute?: string; stripPlus?: boolean; identifyEvent?: string; anonProperty?: string } | boolean | null
}

/** What one source of a campaign contributed. */
export interface CampaignSource {
  kind: string
  events: number
  contacts: number
  rows: number
  currency: string | null
  skipped: { line: number; reason: string }[]
}

/** Options of `RandomForestClassifier.fit` / `RandomForestRegressor.fit`. */
export interface ForestOptions {
  /** Number of trees (default 100). */
  nEstimators?: number
  /** Maximum depth (default: until leaves are pure or too small). */
  maxDepth?: number | null
  /** A node with fewer samples is a leaf (default 2). */
  minSamplesSplit?: number
  /** Each child keeps at least this many samples (default 1). */
  minSamplesLeaf?: number
  /** Features per split: "sqrt" (classifier default), "log2", a count or a fraction (regressor default: all). */
  maxFeatures?: 'sqrt' | 'log2' | number | null
  /** Draw each tree's sample with replacement (default true). */
  bootstrap?: boolean
  /** Seed of every random draw (default 42). */
  seed?: number
  /** Bins per feature, 2-256 (default 256). */
  maxBins?: number
}

/** Options of `KMeans.fit`. */
export interface KMeansOptions {
  /** Number of clusters (default 5). */
  nClusters?: number
  /** Restarts from different seeds; the lowest inertia wins (default 10). */
  nInit?: number
  /** Maximum Lloyd iterations per restart (default 300). */
  maxIter?: number
  /** Convergence tolerance (default 1e-4). */
  tol?: number
  /** Seed (default 42). */
  seed?: number
}


// Names of earlier releases.
/** @deprecated Renamed `KindSummary`. */
export type KindSummaryDict = KindSummary
/** @deprecated Renamed `Summary`. */
export type SummaryDict = Summary
/** @deprecated Renamed `ChannelRow`. */
export type ChannelRowDict = ChannelRow
/** @deprecated Renamed `MetricDef`. */
export type MetricDefDict = MetricDef
/** @deprecated Renamed `Attendance`. */
export type AttendanceDict = Attendance
/** @deprecated Renamed `ScoredMetric`. */
export type ScoredMetricDict = ScoredMetric
/** @deprecated Renamed `Scorecard`. */
export type ScorecardDict = Scorecard
/** @deprecated Renamed `Trends`. */
export type TrendsDict = Trends
/** @deprecated Renamed `AudienceDistribution`. */
export type AudienceDistributionDict = AudienceDistribution
/** @deprecated Renamed `ChannelSpend`. */
export type ChannelSpendDict = ChannelSpend
/** @deprecated Renamed `EmailSend`. */
export type EmailSendDict = EmailSend
/** @deprecated Renamed `FunnelStep`. */
export type FunnelStepDict = FunnelStep
/** @deprecated Renamed `FunnelResult`. */
export type FunnelDict = FunnelResult
/** @deprecated Renamed `ResultWarning`. */
export type WarningDict = ResultWarning
/** @deprecated Renamed `FunnelPartial`. */
export type FunnelPartialDict = FunnelPartial
/** @deprecated Renamed `ChannelPartial`. */
export type ChannelPartialDict = ChannelPartial
/** @deprecated Renamed `RetentionGroup`. */
export type RetentionGroupDict = RetentionGroup
/** @deprecated Renamed `RetentionMatrix`. */
export type RetentionDict = RetentionMatrix
/** @deprecated Renamed `RetentionPartial`. */
export type RetentionPartialDict = RetentionPartial
/** @deprecated Renamed `CohortPerformance`. */
export type CohortPerformanceDict = CohortPerformance
/** @deprecated Renamed `Segmentation`. */
export type SegmentationDict = Segmentation
/** @deprecated Renamed `Widget`. */
export type WidgetDict = Widget
/** @deprecated Renamed `Series`. */
export type SeriesDict = Series
/** @deprecated Renamed `Dashboard`. */
export type DashboardDict = Dashboard
/** @deprecated Renamed `Test`. */
export type TestDict = Test
/** @deprecated Renamed `ExperimentResult`. */
export type ExperimentDict = ExperimentResult
/** @deprecated Renamed `CrmContacts`. */
export type HubspotContactsDict = CrmContacts
/** @deprecated Renamed `EmailReport`. */
export type ActiveCampaignReportDict = EmailReport
/** @deprecated Renamed `AdReport`. */
export type AdReportDict = AdReport
/** @deprecated Renamed `IdentityReport`. */
export type IdentityReportDict = IdentityReport

/** Options of `chart`. */
export interface ChartOptions {
  /** The call that gave the result (`'funnel'`) or its type (`'FunnelResult'`); by default told by its fields. */
  of?: string | null
  /** Language of titles, axes and labels (default `'en'`). */
  lang?: 'en' | 'es'
  /** A title instead of the chart's own. */
  title?: string | null
  /** `'vega-lite'` (a spec, the default) or `'svg'` (a static image, as text). */
  format?: 'vega-lite' | 'svg'
}

/**
 * A result that draws itself: `chart()` is its Vega-Lite v5 spec, `chart({ format: 'svg' })` the
 * same chart as SVG text. `chart` is not an enumerable field: the result stays plain JSON.
 */
export interface Chartable {
  chart(options?: Omit<ChartOptions, 'of'>): any
}

/** Options of `anomalies(log, options)`: give `event` or `funnel`. */
export interface AnomalyOptions {
  /** An event kind whose count (or persons, or value) per period is watched. */
  event?: string | null
  /** What is counted of `event` (default 'count'). */
  measure?: 'count' | 'persons' | 'value' | null
  /** Only events whose properties have these values (a value or a list), e.g. { channel: 'linkedin' }. */
  where?: Record<string, unknown> | null
  /** A funnel whose step `step` is watched: its conversion from the step before per entry period (options as `funnel`, `count` defaults to 'attempts'). */
  funnel?: ({ steps: Array<string | Record<string, unknown>> } & Record<string, unknown>) | null
  /** The funnel step watched, 1-based (default: the last). */
  step?: number | null
  /** A cohort retention whose cell `cell` is watched across cohorts (options as `retention`; period, tz and cut-off are the watch's). */
  retention?: Omit<RetentionOptions, 'period' | 'tz' | 'asOf'> | null
  /** The retention cell watched: periods after the cohort's (default 1). */
  cell?: number | null
  /** Only events during this agenda section (its name) of their webinar (needs `agendas`). */
  section?: string | null
  /** Each webinar's agenda, by webinar id, for `section`. */
  agendas?: Record<string, WebinarAgendaDict> | null
  /** Length of the periods (default 'day'). */
  period?: 'day' | 'week' | 'month' | 'quarter' | null
  /** IANA timezone of the periods (default 'UTC'). */
  tz?: string | null
  /** Baseline periods: the same weekday of earlier weeks (default), or the periods just before. */
  seasonality?: 'weekday' | 'none' | null
  /** Earlier values in the baseline (default 8). */
  history?: number | null
  /** Fewest earlier values to judge a period (default 4). */
  minHistory?: number | null
  /** Width of the expected band in standard deviations (default 3; lower fires more). */
  sensitivity?: number | null
  /** A conversion over fewer entrants is 'small_sample', never an anomaly (default 30). */
  minSample?: number | null
  /** An event property or contact attribute that explains each anomaly. */
  breakdown?: string | null
  /** Segments listed per anomaly (default 5). */
  contributors?: number | null
  /** Later events are ignored (default: the log's last event). */
  asOf?: string | Date | null
}
