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
