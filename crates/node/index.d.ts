/** Plain-data result shapes shared by the Node and browser packages (the JSON every language shares). */

/** Counts of one event kind. */
export interface KindSummaryDict {
  kind: string
  events: number
  persons: number
}

/** `summary(log)`: contacts, persons, events per kind and the time span (RFC 3339 UTC). */
export interface SummaryDict {
  contacts: number
  persons: number
  events: number
  first_ts: string | null
  last_ts: string | null
  kinds: KindSummaryDict[]
}

/** `error.details` of every error thrown by the library. */
export interface ErrorDetails {
  code: string
  category: 'schema' | 'data' | 'format' | 'parameter'
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

/** One row of `channelPerformance(...)`; rates are fractions 0-1, null when undefined. */
export interface ChannelRowDict {
  channel: string | number | boolean | null
  contacts: number
  registrations: number
  attendees: number
  conversions: number
  purchases: number
  revenue: number
  conversion_rate: number | null
  contact_conversion_rate: number | null
  aov: number | null
  /** Present when spend rows were given. */
  cost?: number
  cost_per_lead?: number | null
  cost_per_acquisition?: number | null
  roas?: number | null
  roi_percent?: number | null
}

/** One entry of `catalog()`. */
export interface MetricDefDict {
  id: string
  stage: string
  group: 'funnel' | 'engagement' | 'campaign' | 'operations'
  label_en: string
  label_es: string
  definition_en: string
  definition_es: string
  formula: string
  unit: 'people' | 'count' | 'ratio' | 'percent' | 'seconds' | 'minutes' | 'currency' | 'score_0_100' | 'score_0_10' | 'per_minute'
  direction: 'higher' | 'lower'
  target: number | null
  inputs: Array<'events' | 'spend' | 'email_sends' | 'agenda' | 'uptime'>
}

/** `attendance(log, ...)`: attended minutes, concurrent viewers, section retention. */
export interface AttendanceDict {
  attendees: number
  total_minutes: number
  mean_minutes: number | null
  peak_viewers: number
  peak_at: string | null
  current_viewers: number | null
  attendance_drop: number | null
  open_sessions: number
  timeline: { ts: string; viewers: number }[]
  sections: { name: string; present: number; retention_percent: number | null }[]
  section_retention: number | null
}

/** Options of `scorecard(log, options)`. */
export interface ScorecardOptions {
  inputs?: {
    spend?: Array<Record<string, unknown>>
    email_sends?: EmailSendDict[]
    agenda?: WebinarAgendaDict
    uptime?: number
  } | null
  targets?: Record<string, number> | null
  tolerance?: number | null
  asOf?: string | Date | null
  weights?: { attendance?: number; chat?: number; questions?: number; polls?: number; cta?: number; survey?: number } | null
}

/** One metric of `scorecard(...)`. */
export interface ScoredMetricDict {
  id: string
  stage: string
  group: string
  label_en: string
  label_es: string
  unit: string
  direction: 'higher' | 'lower'
  value: number | null
  reason: string | null
  target: number | null
  status: 'on_track' | 'at_risk' | 'off_track' | 'unknown'
  progress: number | null
}

/** `scorecard(log, options)`. */
export interface ScorecardDict {
  as_of: string | null
  tolerance: number
  metrics: ScoredMetricDict[]
  funnel: {
    stage: string
    metric: string
    value: number | null
    step_conversion_percent: number | null
    overall_conversion_percent: number | null
  }[]
}

/** Options of `trends(log, options)`. */
export interface TrendOptions {
  period?: 'day' | 'week' | null
  tz?: string | null
  asOf?: string | Date | null
}

/** `trends(log, options)`: the series and the KPI cards. */
export interface TrendsDict {
  period: 'day' | 'week'
  tz: string
  series: { period: string; start: string; registrations: number; attendance: number; conversions: number; revenue: number }[]
  cards: { metric: string; value: number | null; previous: number | null; change_percent: number | null; trend: 'up' | 'down' | 'flat' | null }[]
}

/** One distribution of `audience(log, by)`. */
export interface AudienceDistributionDict {
  attribute: string
  values: { value: string | number | boolean | null; contacts: number; share: number | null }[]
}

/** One day of one ad channel. */
export interface ChannelSpendDict {
  date: string
  channel: string
  campaign: string
  impressions: number
  reach: number
  clicks: number
  cost: number
  likes: number
  comments: number
  shares: number
}

/** Delivery figures of one email campaign. */
export interface EmailSendDict {
  campaign: string
  sent: number
  delivered: number
  unique_opens: number
  unique_clicks: number
}

/** The webinar agenda. */
export interface WebinarAgendaDict {
  starts_at: string
  sections: { name: string; start_minute: number; end_minute: number }[]
  slides: number
}

/** `demo.inputsDict()`: the demo's non-event tables. */
export interface DemoInputsDict {
  spend: ChannelSpendDict[]
  email_sends: EmailSendDict[]
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
  /** An event property or contact attribute. */
  breakdown?: string | null
  /** "first_touch", "last_touch" or "step_N" (0-based). */
  attribution?: string | null
  breakdownLimit?: number | null
  entryFrom?: string | Date | null
  entryTo?: string | Date | null
  asOf?: string | Date | null
  count?: 'persons' | 'attempts' | null
  droppedIds?: boolean | null
}

/** One step of a funnel result. */
export interface FunnelStepDict {
  step: number
  event: string
  label: string
  optional: boolean
  count: number
  conversion_from_previous: number | null
  conversion_from_start: number | null
  dropoff: number | null
  in_progress: number
  mean_seconds_from_previous: number | null
  median_seconds_from_previous: number | null
  mean_seconds_from_start: number | null
  median_seconds_from_start: number | null
  dropped_ids?: (string | number)[]
}

/** `funnel(log, steps, options)`. */
export interface FunnelDict {
  order: 'ordered' | 'strict' | 'unordered'
  count: 'persons' | 'attempts'
  window_seconds: number
  counts: number[]
  steps: FunnelStepDict[]
  breakdown: {
    by: string
    source: 'event' | 'contact'
    attribution: string | null
    values: { value: string | number | boolean | null; counts: number[]; steps: FunnelStepDict[] }[]
  } | null
  /** What the reader should know (a step naming an event the log does not have); absent when none. */
  warnings?: WarningDict[]
}

/** A warning of a result: stable code, message, the option's path (e.g. `steps[1]`). */
export interface WarningDict {
  code: 'absent_event'
  message: string
  parameter: string
}

/** `funnelPartial(log, steps, options)`: a mergeable state (treat as opaque). */
export interface FunnelPartialDict {
  version: number
  head: Record<string, unknown>
  groups: Record<string, unknown>[]
}

/** `channelPartial(log, options)`: a mergeable state of a channel table (treat as opaque). */
export interface ChannelPartialDict {
  version: number
  by: string
  groups: unknown[]
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
}

/** Options of `attendance(log, options)`. */
export interface AttendanceOptions {
  /** The agenda: sections close open joins and get retention. */
  agenda?: WebinarAgendaDict | null
  /** Later events are ignored, open joins close there (ISO-8601 text or a `Date`). */
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
}

/** One breakdown value's retention matrix. */
export interface RetentionGroupDict {
  value: string | number | boolean | null
  cohort_size: number[]
  counts: (number | null)[][]
  rates: (number | null)[][]
  revenue: (number | null)[][]
  ltv: (number | null)[][]
}

/** `retention(log, options)`: rows are cohorts, columns periods elapsed (or brackets). */
export interface RetentionDict {
  period: 'day' | 'week' | 'month' | 'quarter'
  tz: string
  kind: 'on' | 'on_or_after' | 'brackets'
  as_of: string | null
  cohorts: string[]
  periods: (number | string)[]
  cohort_size: number[]
  counts: (number | null)[][]
  rates: (number | null)[][]
  revenue: (number | null)[][]
  ltv: (number | null)[][]
  breakdown: { by: string; values: RetentionGroupDict[] } | null
}

/** `retentionPartial(log, options)`: a mergeable state (treat as opaque). */
export interface RetentionPartialDict {
  version: number
  head: Record<string, unknown>
  end_index: number | null
  groups: Record<string, unknown>[]
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

/** `cohortPerformance(log, options)`: per-cohort performance and trend insights. */
export interface CohortPerformanceDict {
  period: 'day' | 'week' | 'month' | 'quarter'
  tz: string
  cohorts: {
    cohort: string
    size: number
    conversions: number
    conversion_rate: number | null
    revenue: number
    lifetime_value: number | null
    retention_period_1: number | null
    attendees: number
    engagement_score: number | null
    attended_minutes: number | null
    interactions: number
  }[]
  insights: {
    kind: 'retention_trend' | 'conversion_trend'
    direction: 'improving' | 'declining' | 'flat'
    impact: 'positive' | 'negative' | 'neutral'
    first_cohort: string
    last_cohort: string
    first_value: number
    last_value: number
    message_en: string
    message_es: string
  }[]
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

/** `segmentAudience(log, options)`. */
export interface SegmentationDict {
  features: string[]
  k: number
  silhouette: number | null
  inertia: number
  segments: {
    segment: number
    size: number
    share: number | null
    means: Record<string, number>
    modes: Record<string, string | number | boolean | null>
    conversion_rate: number | null
    revenue_mean: number | null
    recommendations: { kind: string; priority: 'high' | 'medium'; action_en: string; action_es: string }[]
  }[]
  assignments: { user_id: string | number; segment: number }[]
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

/** An alert rule (`alertRules(name)`). */
export interface AlertRule {
  id: string
  metric: string
  operator: '<' | '<=' | '>' | '>='
  threshold: number
  severity: 'critical' | 'high' | 'medium' | 'low'
  message_en: string
  message_es: string
}

/** A rule evaluated against metric values. */
export interface RuleStatus extends AlertRule {
  value: number | null
  state: 'firing' | 'ok' | 'no_data'
}

/** Options of `new AlertEngine(options)`. */
export interface AlertEngineOptions {
  rules?: AlertRuleSpec[] | string | null
  policy?: {
    escalation?: Record<string, { delaySeconds?: number; delay_seconds?: number; channels: string[]; recipients: string[] }>
    cooldownSeconds?: number
  } | null
}

/** A planned notification: who, by which channel, when. */
export interface NotificationDict {
  kind: 'fired' | 'reminder' | 'resolved'
  rule_id: string
  severity: string
  channel: 'email' | 'slack' | 'sms' | 'dashboard' | 'webhook'
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

/** Options of `dashboard(log, options)` (and the view options of `report`). */
export interface DashboardOptions extends Omit<ScorecardOptions, 'inputs'> {
  kind?: 'executive' | 'operational' | null
  inputs?: ScorecardOptions['inputs']
  compareDays?: number | null
  trendDays?: number | null
  tz?: string | null
  rules?: AlertRuleSpec[] | string | null
  timelineMinutes?: number | null
}

/** A widget of a dashboard, tagged by `type`. */
export type WidgetDict = { id: string; title_en: string; title_es: string } & (
  | { type: 'metric_card'; metric: string; unit: string; value: number | null; previous: number | null; change_percent: number | null; trend: 'up' | 'down' | 'flat' | null; target: number | null; status: string }
  | { type: 'funnel_chart'; stages: { stage: string; label_en: string; label_es: string; metric: string; value: number | null; step_conversion_percent: number | null; overall_conversion_percent: number | null }[] }
  | { type: 'bar_chart'; categories: (string | null)[]; series: SeriesDict[] }
  | { type: 'line_chart'; x: string[]; series: SeriesDict[] }
  | { type: 'heatmap'; rows: string[]; columns: string[]; values: (number | null)[][] }
  | { type: 'pie_chart'; slices: { label: string | null; value: number; share: number | null }[] }
  | { type: 'real_time_counter'; metric: string; value: number | null; target: number | null; progress: number | null }
)

/** A series of a chart. */
export interface SeriesDict {
  id: string
  label_en: string
  label_es: string
  values: (number | null)[]
}

/** `dashboard(log, options)`. */
export interface DashboardDict {
  kind: 'executive' | 'operational'
  title_en: string
  title_es: string
  as_of: string
  compared_with: string | null
  refresh_seconds: number
  sections: { id: string; name_en: string; name_es: string; position: string; widgets: WidgetDict[] }[]
  alerts: RuleStatus[]
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

/** A test of a variant against control. */
export interface TestDict {
  difference: number
  relative_lift: number | null
  statistic: number | null
  df: number | null
  p_value: number | null
  p_value_adjusted: number | null
  ci_low: number | null
  ci_high: number | null
  significant: boolean
}

/** `experiment(...)` / `analyzeExperiment(...)`. */
export interface ExperimentDict {
  control: string
  alpha: number
  variants: {
    variant: string
    n: number
    conversions: number
    conversion_rate: number | null
    rate_ci_low: number | null
    rate_ci_high: number | null
    posterior: [number, number]
    metric_mean: number | null
    metric_sd: number | null
    vs_control: {
      conversion: TestDict | null
      probability_to_beat_control: number | null
      expected_loss: number | null
      control_expected_loss: number | null
      always_valid_p_value: number | null
      metric: TestDict | null
    } | null
  }[]
  sample_ratio: { expected_shares: number[]; observed_shares: number[]; chi_square: number | null; p_value: number | null; mismatch: boolean }
  planning: { baseline_rate: number | null; detectable_rate: number | null; detectable_relative_lift: number | null }
  conflicted: number
  warnings: string[]
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

/** `readHubspotContacts(source)`: contacts keyed by normalized email, and the rows skipped. */
export interface HubspotContactsDict {
  contacts: Array<Record<string, unknown>>
  skipped: { line: number; reason: string }[]
}

/** `readActivecampaignReport(source)`: email send rows, and the rows skipped. */
export interface ActiveCampaignReportDict {
  sends: EmailSendDict[]
  skipped: { line: number; reason: string }[]
}

export interface AdReportDict {
  platform: 'google_ads' | 'meta_ads' | 'linkedin_ads' | 'linkedin_page' | 'facebook_page'
  currency: string | null
  rows: ChannelSpendDict[]
  skipped: { line: number; reason: string }[]
}

/** Options of `resolveIdentities` / `identityReport`. */
export interface IdentityOptions {
  emailAttribute?: string | null
  stripPlus?: boolean | null
  identifyEvent?: string | null
  anonProperty?: string | null
}

/** `identityReport(log, options)`. */
export interface IdentityReportDict {
  persons_before: number
  persons_after: number
  merged: { id: string | number; merged: (string | number)[]; emails: string[]; via: ('email' | 'identify')[] }[]
  conflicts: { id: string | number; anonymous_id: string | number; emails: [string, string] }[]
}

/** Options of `new LiveScorecard(options)`. */
export interface LiveScorecardOptions extends Omit<ScorecardOptions, 'asOf'> {
  /** How far behind "now" an event may arrive and still be applied, seconds (default 300). */
  latenessSeconds?: number | null
  columns?: Record<string, string> | null
  tsUnit?: 's' | 'ms' | 'us' | 'ns' | null
  /** Evaluate these alert rules on every update (as `new AlertEngine(alerts)`). */
  alerts?: AlertEngineOptions | null
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
  engagement_score: number | null
  sections: { name: string; present: number; retention_percent: number | null }[]
  late_events: number
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
  email_sends?: EmailSendDict[] | null
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

/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/**
 * A campaign from its exports and logs: one log on resolved persons, spend, email sends and
 * agenda beside it; `scorecard()` runs over every source.
 */
export declare class Campaign {
  /**
   * `files`: export files by kind; options: `{ events, contacts (records of one more log),
   * spend, email_sends, agenda, uptime, tz, skipBadRows, identity }` (`identity: false`
   * keeps ids); `logs`: event logs already loaded.
   */
  constructor(files: Array<CampaignFile>, options?: CampaignOptions | null, logs?: Array<JsEventLog> | undefined | null)
  /** The merged log on resolved persons. */
  get log(): JsEventLog
  /** What each source contributed. */
  sources(): CampaignSource[]
  /** What identity resolution merged and refused (`null` when turned off). */
  identityReport(): Record<string, unknown> | null
  /**
   * The scorecard over every source; options as `scorecard` (`targets`, `asOf`, `tolerance`,
   * `weights`).
   */
  scorecard(options?: Omit<ScorecardOptions, 'inputs'> | null): ScorecardDict
}
export type JsCampaign = Campaign

/** A generated demo campaign. */
export declare class DemoCampaign {
  /** The campaign's events and contacts. */
  get log(): EventLog
  /** Spend, email sends and agenda as plain data. */
  inputsDict(): DemoInputsDict
}
export type JsDemoCampaign = DemoCampaign

/** A columnar event log sorted by (person, time, kind), with its contacts. */
export declare class EventLog {
  /**
   * This log and `other` as one: events side by side, the same id one person, one contact
   * row per person (earliest registration, first non-null attribute, this log first).
   */
  merge(other: EventLog): EventLog
  /**
   * A copy of this log whose event roles map to its own event names (`{ register: "sign_up" }`):
   * every metric, funnel default and report counts them. Loaders take `kinds` without a copy.
   */
  withKinds(kinds: Record<string, string>): EventLog
  /** The event roles mapped to this log's own event names. */
  get kindsMap(): Record<string, string>
  /** Builds a log from arrays of plain objects (events, and optionally contacts). */
  static fromRecords(events: Array<Record<string, unknown>>, contacts?: Array<Record<string, unknown>> | null, options?: LoadOptions | undefined | null): EventLog
  /**
   * Builds a log from Arrow IPC bytes (stream or file format), e.g. `tableToIPC(table)`, or
   * from Parquet files' bytes (Snappy, LZ4, gzip, Zstandard).
   */
  static fromArrow(events: Uint8Array, contacts?: Uint8Array | undefined | null, options?: LoadOptions | undefined | null): EventLog
  /**
   * Builds a log from Google Analytics 4 events in the BigQuery export schema, as Arrow IPC
   * bytes: `event_params` flattened to properties, `value` and `ga_session_id` to the value
   * and session, `traffic_source` to properties, `$identify` when a pseudo id signs in.
   * Options: `{ rename: { sign_up: 'register' } }`.
   */
  static fromGa4(events: Uint8Array, options?: { rename?: Record<string, string> } | null): EventLog
  /** Builds a log from CSV text (events, and optionally contacts). */
  static fromCsv(events: string, contacts?: string | undefined | null, options?: LoadOptions | undefined | null): EventLog
  /** Builds a log from the text of a Zoom webinar attendee report. */
  static fromZoomAttendeeReport(text: string, options?: ZoomOptions | undefined | null): EventLog
  /**
   * Builds a log from the bytes of any of Zoom's webinar reports: `kind` is `attendees`,
   * `registrations`, `polls` or `qa` (UTF-8, UTF-16 or Latin-1).
   */
  static fromZoomReport(bytes: Uint8Array, kind: string, options?: ZoomOptions | undefined | null): EventLog
  /** Number of distinct persons (in events or contacts). */
  get personCount(): number
  /** Number of events. */
  get eventCount(): number
  /** Number of contacts. */
  get contactCount(): number
  /** Event kinds, sorted. */
  get kinds(): Array<string>
  /** The events as Arrow IPC stream bytes (read them with `tableFromIPC`). */
  toArrow(): Uint8Array
  /** The contacts as Arrow IPC stream bytes. */
  contactsToArrow(): Uint8Array
}
export type JsEventLog = EventLog

/** An object of the library that keeps state (a fitted model): the generated classes wrap it. */
export declare class Handle {
  /** The object's class. */
  get className(): string
  /** Runs method `name` of the object with `request` (named arguments). */
  call(name: string, request: object): unknown
  /** Runs method `name` of the object on `log` with `request`. */
  callLog(name: string, log: EventLog, request: object): unknown
}
export type JsHandle = Handle

/** A report of the seed: `toDict()`, `toMarkdown()`, `toHtml()`. */
export declare class Report {
  /** Plain data, identical in every language. */
  toDict(): ReportDict
  /** Markdown text. */
  toMarkdown(): string
  /** One self-contained HTML page (inline SVG charts, no scripts). */
  toHtml(): string
}
export type JsReport = Report

/** Runs call `name` of the library's table that reads no log (merges, the catalog, sizes). */
export declare function call(name: string, request: object): unknown

/**
 * Runs call `name` of the library's table on `log` with `request` (named options): the one
 * entry of every analysis of a log; the generated `main.js` gives each its own function.
 */
export declare function callLog(name: string, log: EventLog, request: object): unknown

/** One export file of a campaign. */
export interface CampaignFile {
  /**
   * `zoom_attendees`, `zoom_registrations`, `zoom_polls`, `zoom_qa`, `hubspot_contacts`,
   * `activecampaign_report`, `activecampaign_activity` or `ad_report`.
   */
  kind: string
  /** The file's bytes. */
  bytes: Uint8Array
  /** Its name (e.g. the path), given in the error of a bad file. */
  name?: string
}

/** Generates the seeded demo campaign (same seed, same data as in Python and Rust). */
export declare function demoCampaign(options?: DemoOptions | undefined | null): DemoCampaign

/** Size and seed of a demo campaign. */
export interface DemoOptions {
  /** Number of contacts (default 1000). */
  contacts?: number
  /** Seed of the random generator (default 42). */
  seed?: number
}

/** Every error code the library can throw (as `error.code`). */
export declare function errorCodes(): Array<string>

/** How to read the user's tables. */
export interface LoadOptions {
  /** Canonical column name -> the name in the user's table, e.g. `{ user_id: "distinct_id" }`. */
  columns?: Record<string, string>
  /** Unit of integer epoch timestamps: "s", "ms", "us" or "ns". */
  tsUnit?: string
  /**
   * Event roles of the library mapped to the log's own event names, e.g. `{ register:
   * "sign_up", purchase: "payment_done" }`, kept with the log.
   */
  kinds?: Record<string, string>
}

/**
 * The seed's daily, weekly or monthly report. Options: the dashboard's plus `{ kind, lang,
 * recipients, segments }`.
 */
export declare function report(log: JsEventLog, options?: ReportOptions | null): Report

/**
 * One person per human (ids sharing a normalized email; anonymous ids named by an identify
 * event): the log rebuilt on resolved persons. Options: `{ emailAttribute, stripPlus,
 * identifyEvent, anonProperty }`.
 */
export declare function resolveIdentities(log: EventLog, options?: IdentityOptions | null): EventLog

/** Options of the Zoom attendee report reader. */
export interface ZoomOptions {
  /** IANA timezone the report's times are written in (default "UTC"). */
  tz?: string
}
