// Every analysis of the library, generated from the core's table of calls (do not edit:
// `UPDATE_GENERATED=1 cargo test --test it generated` rewrites it). Each function hands its
// arguments to the core as they are: options may be camelCase or snake_case, times `Date`s or
// ISO-8601 text; a misspelt option is an error naming it and the nearest valid one.

export * from './index.js'
import type { AdReport, AdReportOptions, AlertEngineOptions, AlertRule, AlertRuleSpec, AlertUpdate, AnalysisOptions, AnomalyOptions, AnomalyReport, Attendance, AttendanceBacktest, AttendanceForecast, AttendanceOptions, AttributionOptions, AttributionPartial, AttributionResult, AudienceDistribution, ChangeExplanation, ChannelOptions, ChannelPartial, ChannelPerformance, ChannelSpend, ChartOptions, Chartable, CohortPerformance, CohortPerformanceOptions, ConversionDataset, ConversionModel, ConversionModelOptions, CrmContacts, Dashboard, DashboardOptions, DeliveryRun, DeliveryStatus, DemoSeriesOptions, DriversOptions, DriversResult, EmailReport, EmailSend, EnqueueReportOptions, Enqueued, EventLog, ExperimentOptions, ExperimentResult, FlowsOptions, FlowsResult, ForecastOptions, ForecastUpdateOptions, ForestOptions, FunnelFlows, FunnelFlowsOptions, FunnelOptions, FunnelPartial, FunnelResult, FunnelStepSpec, IdentityOptions, IdentityReport, KMeansOptions, LeadTable, LifecycleOptions, LifecycleResult, LiveScorecardOptions, LiveStatus, LiveUpdate, MergeStatesOptions, MetricDef, Monitor, MonitorOptions, NotifierOptions, OutboxMessage, PartialResult, PathsOptions, PathsPartial, PathsResult, PlannedNotifications, RetentionMatrix, RetentionOptions, RetentionPartial, RuleStatus, SampleSizeOptions, ScheduleOptions, Scorecard, ScorecardOptions, SegmentOptions, Segmentation, SeriesInputs, StickinessOptions, StickinessResult, Summary, TrendOptions, Trends, UsualViewers, UsualViewersOptions, VariantCountsDict, WebinarFeatures, WebinarTable, WebinarsOptions } from './index.js'

/** Contacts, persons, events per kind and the time span of a log. */
export declare function summary(log: EventLog): Summary

/** Per-person event funnel: counts, conversion and time to convert per step. */
export declare function funnel(log: EventLog, steps: FunnelStepSpec[], options?: FunnelOptions | null): FunnelResult & Chartable

/** Cohort retention matrix: per cohort its size and the share active in each period. */
export declare function retention(log: EventLog, options?: RetentionOptions | null): RetentionMatrix & Chartable

/** Every metric of the catalog with its target, status and progress. */
export declare function scorecard(log: EventLog, options?: ScorecardOptions | null): Scorecard & Chartable

/** Every metric of the catalog: id, stage, labels, definition, formula, unit, target. */
export declare function catalog(): MetricDef[]

/** A chart of a result (funnel, retention, trends, channels, scorecard, attendance, experiment, segments, dashboard widget): a Vega-Lite v5 spec with its data inline, or a static SVG. */
export declare function chart(result: unknown, options?: ChartOptions | null): unknown

/** Why the funnel's conversion moved between two entry periods: the change split by a breakdown into mix and rate effects per segment. */
export declare function explainChange(log: EventLog, steps: FunnelStepSpec[], before: [string | Date, string | Date], after: [string | Date, string | Date], options?: FunnelOptions | null): ChangeExplanation & Chartable

/** The mergeable partial state of a funnel (plain data, or versioned bytes with as_bytes). */
export declare function funnelPartial(log: EventLog, steps: FunnelStepSpec[], options: FunnelOptions & { asBytes: true }): Uint8Array
export declare function funnelPartial(log: EventLog, steps: FunnelStepSpec[], options?: (FunnelOptions & { asBytes?: false }) | null): FunnelPartial

/** The funnel over all persons, from the partials of disjoint persons. */
export declare function mergeFunnelPartials(partials: FunnelPartial[]): FunnelResult & Chartable

/** What people do next: every pair of consecutive events (by person or session) with counts, distinct persons and per-event totals. */
export declare function paths(log: EventLog, options?: PathsOptions | null): PathsResult & Chartable

/** Where paths go from an event (or come to one), step by step: Sankey nodes and links, rare events grouped as "other", and the most frequent sequences. */
export declare function flows(log: EventLog, options?: FlowsOptions | null): FlowsResult & Chartable

/** Around one funnel step: what those who dropped there did after the step before, and what those who reached it did in between. */
export declare function funnelFlows(log: EventLog, steps: FunnelStepSpec[], step: number, options?: FunnelFlowsOptions | null): FunnelFlows & Chartable

/** The mergeable partial state of paths (plain data, or versioned bytes with as_bytes). */
export declare function pathsPartial(log: EventLog, options: PathsOptions & { asBytes: true }): Uint8Array
export declare function pathsPartial(log: EventLog, options?: (PathsOptions & { asBytes?: false }) | null): PathsPartial

/** Paths over all persons, from the partials of disjoint persons. */
export declare function mergePathsPartials(partials: PathsPartial[]): PathsResult & Chartable

/** Per period, the active persons who are new, returning or resurrecting, and those gone dormant. */
export declare function lifecycle(log: EventLog, options?: LifecycleOptions | null): LifecycleResult & Chartable

/** Per week or month, how many persons were active on 1, 2, ... of its days. */
export declare function stickiness(log: EventLog, options?: StickinessOptions | null): StickinessResult & Chartable

/** What goes with converting: events, event property values and contact attributes seen before conversion, with odds ratios, Fisher / chi-square tests and Benjamini-Hochberg adjusted p-values. */
export declare function drivers(log: EventLog, options?: DriversOptions | null): DriversResult & Chartable

/** Which touchpoints earned the conversions and the revenue: first / last / last non-direct touch, linear, time decay, position based, Markov removal effects and Shapley values side by side, with spend and bootstrap intervals. */
export declare function attribution(log: EventLog, options?: AttributionOptions | null): AttributionResult & Chartable

/** The mergeable partial state of an attribution (plain data, or versioned bytes with as_bytes); intervals are not available. */
export declare function attributionPartial(log: EventLog, options: AttributionOptions & { asBytes: true }): Uint8Array
export declare function attributionPartial(log: EventLog, options?: (AttributionOptions & { asBytes?: false }) | null): AttributionPartial

/** The attribution over all persons, from the partials of disjoint persons (spend adds the cost columns). */
export declare function mergeAttributionPartials(partials: AttributionPartial[], options?: MergeStatesOptions | null): AttributionResult

/** The log with touch properties (source, medium, campaign, channel: GA4's default channel group) from landing URLs' UTM parameters and click ids, external referrers and email clicks. */
export declare function touchpoints(log: EventLog, options?: { url?: string; referrer?: string; emailCampaign?: string; fields?: [string, string, string] } | null): EventLog

/** The mergeable partial state of a retention matrix (plain data, or bytes with as_bytes). */
export declare function retentionPartial(log: EventLog, options: RetentionOptions & { asBytes: true }): Uint8Array
export declare function retentionPartial(log: EventLog, options?: (RetentionOptions & { asBytes?: false }) | null): RetentionPartial

/** The retention matrix over all persons, from the partials of disjoint persons. */
export declare function mergeRetentionPartials(partials: RetentionPartial[]): RetentionMatrix & Chartable

/** The channel table: registrations, attendees, conversions, revenue and rates per channel. */
export declare function channelPerformance(log: EventLog, options?: ChannelOptions | null): ChannelPerformance & Chartable

/** The mergeable state of a channel table (plain data, or bytes with as_bytes). */
export declare function channelPartial(log: EventLog, options: { by?: string; confidence?: number; smallSample?: number } & { asBytes: true }): Uint8Array
export declare function channelPartial(log: EventLog, options?: ({ by?: string; confidence?: number; smallSample?: number } & { asBytes?: false }) | null): ChannelPartial

/** Reads, merges and finishes versioned states of disjoint persons into the analysis' result. */
export declare function mergeStates(states: Uint8Array[], options?: MergeStatesOptions | null): PartialResult

/** Attended minutes, concurrent viewers and section retention from join / leave events. */
export declare function attendance(log: EventLog, options?: AttendanceOptions | null): Attendance & Chartable

/** One row per webinar of a series: registrations, live and on-demand viewing, engagement, conversions, revenue, cost, rank and the series' quartiles. */
export declare function webinars(log: EventLog, options?: WebinarsOptions | null): WebinarTable & Chartable

/** Each webinar's features as they were `horizon` (24 h) before its start, and its live attendance: what the attendance forecast learns from. */
export declare function webinarFeatures(log: EventLog, options?: ForecastOptions | null): WebinarFeatures[]

/** Rolling-origin backtest of the attendance forecast: trained on the webinars before, each webinar predicted, with MAE, MAPE and interval coverage. */
export declare function backtestAttendance(log: EventLog, options?: ForecastOptions | null): AttendanceBacktest & Chartable

/** A webinar's predicted live attendance from the series before it, with a calibrated prediction interval and the features that moved it. */
export declare function predictAttendance(log: EventLog, options?: ForecastOptions | null): AttendanceForecast & Chartable

/** One row per registrant of each webinar: features observed until the webinar's end, a purchase within the horizon after it as the label, and the time-ordered split. */
export declare function conversionDataset(log: EventLog, options?: ConversionModelOptions | null): ConversionDataset

/** Who will buy after a webinar: a forest trained on earlier webinars' registrants, calibrated, tested on the latest (ROC-AUC, Brier, ECE, reliability) and scoring the webinar's registrants. */
export declare function predictConversion(log: EventLog, options?: ConversionModelOptions | null): ConversionModel & Chartable

/** The scored webinar's leads for the CRM: contact fields, probability, segment, top reasons (TreeSHAP) and next action, with a CSV of HubSpot's import column names. */
export declare function leadTable(log: EventLog, options?: ConversionModelOptions | null): LeadTable

/** A seeded demo webinar series: monthly webinars with shared contacts, events tagged with webinar_id (recording views with replay). */
export declare function demoSeries(options?: DemoSeriesOptions | null): EventLog

/** The spend, email sends, agendas and webinars of the demo series of the same options (the generator runs again). */
export declare function demoSeriesInputs(options?: DemoSeriesOptions | null): SeriesInputs

/** Daily or weekly registrations, attendance, conversions and revenue, with KPI cards. */
export declare function trends(log: EventLog, options?: TrendOptions | null): Trends & Chartable

/** Per cohort its size, conversion rate, revenue, lifetime value, retention and engagement. */
export declare function cohortPerformance(log: EventLog, options?: CohortPerformanceOptions | null): CohortPerformance

/** Seeded k-means segments of contacts by engagement, with profiles and recommendations. */
export declare function segmentAudience(log: EventLog, options?: SegmentOptions | null): Segmentation & Chartable

/** Contacts per value of each contact attribute in `by`. */
export declare function audience(log: EventLog, by?: string[] | null): AudienceDistribution[]

/** Persons needed per variant to detect a change from `baseline` to `target` (two-sided z-test). */
export declare function sampleSize(baseline: number, target: number, options?: SampleSizeOptions | null): number

/** An A/B test read from the log: per variant its rate with an interval, the test against the control, the chance to beat it, sample-ratio and peeking checks. */
export declare function experiment(log: EventLog, options?: ExperimentOptions | null): ExperimentResult & Chartable

/** An A/B test from per-variant totals (`variant`, `n`, `conversions`, `metric_mean`, `metric_variance`). */
export declare function analyzeExperiment(counts: VariantCountsDict[], options?: AnalysisOptions | null): ExperimentResult & Chartable

/** What identity resolution would merge (shared emails, identify events) and refuse, without rebuilding the log. */
export declare function identityReport(log: EventLog, options?: IdentityOptions | null): IdentityReport

/** The executive or operational dashboard as data: widgets over the scorecard, channels and trends. */
export declare function dashboard(log: EventLog, options?: DashboardOptions | null): Dashboard

/** The next run times (UTC) of a report schedule after `after`: the seed's for `kind` (daily, weekly, monthly) in `tz`, `time`, `weekday` and `day` overriding it. */
export declare function scheduleRuns(options?: ScheduleOptions | null): string[]

/** A metric over time against the band expected from its own history (median and MAD of the same weekday), with changes, a minimum-sample guard and the segments behind each anomaly. */
export declare function anomalies(log: EventLog, options?: AnomalyOptions | null): AnomalyReport & Chartable

/** The series' usual viewer curve: at each minute since the start, the median and spread over past webinars of the viewers as a percent of the peak so far (give it to a LiveScorecard as `usual_viewers`). */
export declare function usualViewers(log: EventLog, options?: UsualViewersOptions | null): UsualViewers

/** Each watch's latest final period against its band, and the values alert rules read as `<watch id>.<field>` (value, expected, score, anomaly, change_percent, week_over_week_percent). */
export declare function monitor(log: EventLog, options?: MonitorOptions | null): Monitor

/** A built-in alert rule set: executive, operational, performance, technical, engagement or all. */
export declare function alertRules(name?: string): AlertRule[]

/** Every rule against a scorecard (or `{metric: value}`): firing, ok or no data. */
export declare function evaluateAlerts(scorecard: Scorecard | Record<string, number | null>, rules?: AlertRuleSpec[] | string | null): RuleStatus[]

/** Channel spend rows from a CSV file (date, channel, campaign, impressions, reach, clicks, cost, likes, comments, shares). */
export declare function readSpendCsv(source: string | Uint8Array): ChannelSpend[]

/** Email campaign rows from a CSV file (campaign, sent, delivered, unique_opens, unique_clicks). */
export declare function readEmailSendsCsv(source: string | Uint8Array): EmailSend[]

/** An ad platform's campaign export (Google Ads, Meta, LinkedIn; UTF-8, UTF-16 or Latin-1) as spend rows. */
export declare function readAdReport(source: string | Uint8Array, options?: AdReportOptions | null): AdReport

/** A HubSpot contacts export as contacts keyed by normalized email, ready for an event log. */
export declare function readHubspotContacts(source: string | Uint8Array, options?: { tz?: string; skipBadRows?: boolean } | null): CrmContacts

/** An ActiveCampaign campaign report as email send rows. */
export declare function readActivecampaignReport(source: string | Uint8Array, options?: { skipBadRows?: boolean } | null): EmailReport

/** An ActiveCampaign per-contact activity export as a log of email_open, email_click, unsubscribe and bounce events. */
export declare function readActivecampaignActivity(source: string | Uint8Array, options?: { tz?: string } | null): EventLog

/** The scorecard kept current as batches of events arrive (late events within the lateness are merged; later ones are reported), with live counters and alerts. */
export declare class LiveScorecard {
  /** A live scorecard: inputs, targets, tolerance, weights, latenessSeconds, columns, tsUnit, kinds, alerts. */
  constructor(options?: LiveScorecardOptions | null)
  /** Adds a batch of events (rows as for `EventLog.fromRecords`) seen at `now`: the update. */
  append(events: Array<Record<string, unknown>>, options?: { now?: Date | string | null } | null): LiveUpdate
  /** Adds the events of a log seen at `now`: the update. */
  appendLog(log: EventLog, options?: { now?: Date | string | null } | null): LiveUpdate
  /** Moves the clock to `now` without events (open joins accrue minutes; lateness passes). */
  advance(options?: { now: Date | string } | null): LiveUpdate
  /** The scorecard of every event accepted so far. */
  scorecard(): Scorecard
  /** The live counters: viewers, peak, drop, sections. */
  status(): LiveStatus
  /** The accepted events as an event log. */
  toEventLog(): EventLog
}

/** Alert rules evaluated over time: an alert fires once, reminds after the policy's cooldown, escalates by severity into a notification plan and resolves. */
export declare class AlertEngine {
  /** An engine of rules (a list, or a built-in set's name; default all) and an escalation policy. */
  constructor(options?: AlertEngineOptions | null)
  /** Loads an engine and its state saved by `toJson` / `to_json` in any language. */
  static fromJson(text: string): AlertEngine
  /** Evaluates a scorecard (or `{metric: value}`) at `at` (default: its `as_of`): rules, alerts, events, notifications. */
  evaluate(scorecard: Scorecard | Record<string, number | null>, options?: { at?: Date | string | null } | null): AlertUpdate
  /** Evaluates the rules on a log at `at` (default: its last event): catalog metrics from its scorecard with `inputs`, watch fields (`<id>.anomaly`, `<id>.change_percent`, ...) from the watches' series. */
  evaluateLog(log: EventLog, options?: { inputs?: ScorecardOptions['inputs']; at?: Date | string | null } | null): AlertUpdate
  /** The rules. */
  readonly rules: AlertRule[]
  /** The engine and its state as versioned JSON text (keep it between refreshes). */
  toJson(): string
}

/** Delivers alert notifications and reports through a durable SQLite outbox: SMTP email, Slack / Teams / generic webhooks, retries with backoff, idempotency keys; resumes after a crash without losing or repeating a message. Python and Node only (the browser plans). */
export declare class Notifier {
  private constructor()
  /** Opens (or creates) the outbox file at `path` (":memory:" for one that lives with the process) with SMTP, webhooks, retry, language, timeoutSeconds, batch. */
  static open(path: string, options?: NotifierOptions | null): Notifier
  /** Queues an alert update's notifications (`send` and `scheduled`, sent once due) and cancels its `cancelled`; a notification already queued is not queued twice. */
  enqueue(update: PlannedNotifications, options?: { now?: Date | string | null } | null): Enqueued
  /** Builds a report of the log (options as `report`) and queues it for its recipients on `channels` (default email: HTML; chat: Markdown), due at `dueAt` (default now). */
  enqueueReport(log: EventLog, options?: EnqueueReportOptions | null): Enqueued
  /** Sends what is due at `now` (default the clock), most severe first, with retries and backoff; resumes messages a stopped process left mid-send. */
  runPending(options?: { now?: Date | string | null } | null): DeliveryRun
  /** The outbox's messages (of `status`, when given) with their attempts and last error. */
  outbox(options?: { status?: DeliveryStatus | null } | null): OutboxMessage[]
}

/** A seeded random forest classifier: same seed and data, same model in every language. */
export declare class RandomForestClassifier {
  private constructor()
  /** Trains on rows of features and integer labels. */
  static fit(x: number[][], y: number[], options?: ForestOptions | null): RandomForestClassifier
  /** Loads a model saved by `toJson` / `to_json` in any language. */
  static fromJson(text: string): RandomForestClassifier
  /** The most probable class of each row. */
  predict(x: number[][]): number[]
  /** Class probabilities per row (columns in the order of `classes`). */
  predictProba(x: number[][]): number[][]
  /** The classes, ascending. */
  readonly classes: number[]
  /** Impurity-based feature importances (sum to 1). */
  readonly featureImportances: number[]
  /** Out-of-bag accuracy (null when some row was never out of bag). */
  readonly oobScore: number | null
  /** The model as versioned JSON text (loads in every language). */
  toJson(): string
}

/** A seeded random forest regressor. */
export declare class RandomForestRegressor {
  private constructor()
  /** Trains on rows of features and numeric targets. */
  static fit(x: number[][], y: number[], options?: ForestOptions | null): RandomForestRegressor
  /** Loads a model saved by `toJson` / `to_json` in any language. */
  static fromJson(text: string): RandomForestRegressor
  /** The prediction of each row. */
  predict(x: number[][]): number[]
  /** Every tree's prediction of each row (rows x trees), for intervals. */
  predictTrees(x: number[][]): number[][]
  /** Impurity-based feature importances (sum to 1). */
  readonly featureImportances: number[]
  /** Out-of-bag R² (null when some row was never out of bag). */
  readonly oobScore: number | null
  /** The model as versioned JSON text (loads in every language). */
  toJson(): string
}

/** Seeded k-means (k-means++ starts, Lloyd iterations). */
export declare class KMeans {
  private constructor()
  /** Clusters rows of features. */
  static fit(x: number[][], options?: KMeansOptions | null): KMeans
  /** Loads a model saved by `toJson` / `to_json` in any language. */
  static fromJson(text: string): KMeans
  /** The nearest cluster of each row. */
  predict(x: number[][]): number[]
  /** The cluster of each training row. */
  readonly labels: number[]
  /** Sum of squared distances to the nearest center. */
  readonly inertia: number
  /** The centers, clusters x features. */
  readonly clusterCenters: number[][]
  /** Lloyd iterations of the best restart. */
  readonly nIter: number
  /** The model as versioned JSON text (loads in every language). */
  toJson(): string
}

/** Centers and scales each feature (population standard deviation; constant features keep scale 1). */
export declare class StandardScaler {
  private constructor()
  /** Learns each feature's mean and scale. */
  static fit(x: number[][]): StandardScaler
  /** Loads a scaler saved by `toJson` / `to_json` in any language. */
  static fromJson(text: string): StandardScaler
  /** The rows centered and scaled. */
  transform(x: number[][]): number[][]
  /** Each feature's mean. */
  readonly mean: number[]
  /** Each feature's scale. */
  readonly scale: number[]
  /** The model as versioned JSON text (loads in every language). */
  toJson(): string
}

/** The seed's conversion predictor: a seeded forest over attendees' engagement and firmographics. */
export declare class ConversionPredictor {
  private constructor()
  /** Trains on the attendees of a log (held-out accuracy, ROC-AUC, log-loss in `training`). */
  static train(log: EventLog, options?: Record<string, unknown> | null): ConversionPredictor
  /** Loads a predictor saved by `toJson` / `to_json` in any language. */
  static fromJson(text: string): ConversionPredictor
  /** Scores every attendee of `log`: probability and segment. */
  predict(log: EventLog): Array<Record<string, unknown>>
  /** The training summary (null for a loaded predictor). */
  readonly training: Record<string, unknown> | null
  /** The model as versioned JSON text (loads in every language). */
  toJson(): string
}

/** An attendance forecast fit on a series' history (features 24 h before each start, rolling backtest, conformal intervals), kept and applied to the next webinars. */
export declare class AttendanceForecaster {
  private constructor()
  /** Trains on every webinar of the log with an outcome (those before `webinar` when given), after a rolling backtest. */
  static fit(log: EventLog, options?: ForecastOptions | null): AttendanceForecaster
  /** Loads a forecaster saved by `toJson` / `to_json` in any language. */
  static fromJson(text: string): AttendanceForecaster
  /** Predicts a webinar of `log` (default: the last): live attendees, interval, drivers, insights, recommendations. */
  predict(log: EventLog, options?: ForecastUpdateOptions | null): AttendanceForecast
  /** The rolling backtest of the fit (MAE, MAPE, coverage). */
  readonly backtest: AttendanceBacktest
  /** The webinars the model was trained on. */
  readonly trainedOn: string[]
  /** The model as versioned JSON text (loads in every language). */
  toJson(): string
}

/** The seed's attendance predictor over webinar-level features, with an interval from the trees. */
export declare class AttendancePredictor {
  private constructor()
  /** Trains on past webinars (MAE and R² on a seeded split in `training`). */
  static train(history: Array<Record<string, unknown>>, options?: Record<string, unknown> | null): AttendancePredictor
  /** Loads a predictor saved by `toJson` / `to_json` in any language. */
  static fromJson(text: string): AttendancePredictor
  /** Predicts one upcoming webinar: attendance, interval, rate, insights, recommendations. */
  predict(current: Array<Record<string, unknown>> | Record<string, unknown>): Record<string, unknown>
  /** The training summary (null for a loaded predictor). */
  readonly training: Record<string, unknown> | null
  /** The model as versioned JSON text (loads in every language). */
  toJson(): string
}

/** Every call as a Promise, run on a worker thread of Node's pool: a server keeps answering while a long analysis runs. */
export declare const promises: {
  /** Contacts, persons, events per kind and the time span of a log. */
  summary(log: EventLog): Promise<Summary>
  /** Per-person event funnel: counts, conversion and time to convert per step. */
  funnel(log: EventLog, steps: FunnelStepSpec[], options?: FunnelOptions | null): Promise<FunnelResult & Chartable>
  /** Cohort retention matrix: per cohort its size and the share active in each period. */
  retention(log: EventLog, options?: RetentionOptions | null): Promise<RetentionMatrix & Chartable>
  /** Every metric of the catalog with its target, status and progress. */
  scorecard(log: EventLog, options?: ScorecardOptions | null): Promise<Scorecard & Chartable>
  /** Every metric of the catalog: id, stage, labels, definition, formula, unit, target. */
  catalog(): Promise<MetricDef[]>
  /** A chart of a result (funnel, retention, trends, channels, scorecard, attendance, experiment, segments, dashboard widget): a Vega-Lite v5 spec with its data inline, or a static SVG. */
  chart(result: unknown, options?: ChartOptions | null): Promise<unknown>
  /** Why the funnel's conversion moved between two entry periods: the change split by a breakdown into mix and rate effects per segment. */
  explainChange(log: EventLog, steps: FunnelStepSpec[], before: [string | Date, string | Date], after: [string | Date, string | Date], options?: FunnelOptions | null): Promise<ChangeExplanation & Chartable>
  /** The mergeable partial state of a funnel (plain data, or versioned bytes with as_bytes). */
  funnelPartial(log: EventLog, steps: FunnelStepSpec[], options: FunnelOptions & { asBytes: true }): Promise<Uint8Array>
  funnelPartial(log: EventLog, steps: FunnelStepSpec[], options?: (FunnelOptions & { asBytes?: false }) | null): Promise<FunnelPartial>
  /** The funnel over all persons, from the partials of disjoint persons. */
  mergeFunnelPartials(partials: FunnelPartial[]): Promise<FunnelResult & Chartable>
  /** What people do next: every pair of consecutive events (by person or session) with counts, distinct persons and per-event totals. */
  paths(log: EventLog, options?: PathsOptions | null): Promise<PathsResult & Chartable>
  /** Where paths go from an event (or come to one), step by step: Sankey nodes and links, rare events grouped as "other", and the most frequent sequences. */
  flows(log: EventLog, options?: FlowsOptions | null): Promise<FlowsResult & Chartable>
  /** Around one funnel step: what those who dropped there did after the step before, and what those who reached it did in between. */
  funnelFlows(log: EventLog, steps: FunnelStepSpec[], step: number, options?: FunnelFlowsOptions | null): Promise<FunnelFlows & Chartable>
  /** The mergeable partial state of paths (plain data, or versioned bytes with as_bytes). */
  pathsPartial(log: EventLog, options: PathsOptions & { asBytes: true }): Promise<Uint8Array>
  pathsPartial(log: EventLog, options?: (PathsOptions & { asBytes?: false }) | null): Promise<PathsPartial>
  /** Paths over all persons, from the partials of disjoint persons. */
  mergePathsPartials(partials: PathsPartial[]): Promise<PathsResult & Chartable>
  /** Per period, the active persons who are new, returning or resurrecting, and those gone dormant. */
  lifecycle(log: EventLog, options?: LifecycleOptions | null): Promise<LifecycleResult & Chartable>
  /** Per week or month, how many persons were active on 1, 2, ... of its days. */
  stickiness(log: EventLog, options?: StickinessOptions | null): Promise<StickinessResult & Chartable>
  /** What goes with converting: events, event property values and contact attributes seen before conversion, with odds ratios, Fisher / chi-square tests and Benjamini-Hochberg adjusted p-values. */
  drivers(log: EventLog, options?: DriversOptions | null): Promise<DriversResult & Chartable>
  /** Which touchpoints earned the conversions and the revenue: first / last / last non-direct touch, linear, time decay, position based, Markov removal effects and Shapley values side by side, with spend and bootstrap intervals. */
  attribution(log: EventLog, options?: AttributionOptions | null): Promise<AttributionResult & Chartable>
  /** The mergeable partial state of an attribution (plain data, or versioned bytes with as_bytes); intervals are not available. */
  attributionPartial(log: EventLog, options: AttributionOptions & { asBytes: true }): Promise<Uint8Array>
  attributionPartial(log: EventLog, options?: (AttributionOptions & { asBytes?: false }) | null): Promise<AttributionPartial>
  /** The attribution over all persons, from the partials of disjoint persons (spend adds the cost columns). */
  mergeAttributionPartials(partials: AttributionPartial[], options?: MergeStatesOptions | null): Promise<AttributionResult>
  /** The log with touch properties (source, medium, campaign, channel: GA4's default channel group) from landing URLs' UTM parameters and click ids, external referrers and email clicks. */
  touchpoints(log: EventLog, options?: { url?: string; referrer?: string; emailCampaign?: string; fields?: [string, string, string] } | null): Promise<EventLog>
  /** The mergeable partial state of a retention matrix (plain data, or bytes with as_bytes). */
  retentionPartial(log: EventLog, options: RetentionOptions & { asBytes: true }): Promise<Uint8Array>
  retentionPartial(log: EventLog, options?: (RetentionOptions & { asBytes?: false }) | null): Promise<RetentionPartial>
  /** The retention matrix over all persons, from the partials of disjoint persons. */
  mergeRetentionPartials(partials: RetentionPartial[]): Promise<RetentionMatrix & Chartable>
  /** The channel table: registrations, attendees, conversions, revenue and rates per channel. */
  channelPerformance(log: EventLog, options?: ChannelOptions | null): Promise<ChannelPerformance & Chartable>
  /** The mergeable state of a channel table (plain data, or bytes with as_bytes). */
  channelPartial(log: EventLog, options: { by?: string; confidence?: number; smallSample?: number } & { asBytes: true }): Promise<Uint8Array>
  channelPartial(log: EventLog, options?: ({ by?: string; confidence?: number; smallSample?: number } & { asBytes?: false }) | null): Promise<ChannelPartial>
  /** Reads, merges and finishes versioned states of disjoint persons into the analysis' result. */
  mergeStates(states: Uint8Array[], options?: MergeStatesOptions | null): Promise<PartialResult>
  /** Attended minutes, concurrent viewers and section retention from join / leave events. */
  attendance(log: EventLog, options?: AttendanceOptions | null): Promise<Attendance & Chartable>
  /** One row per webinar of a series: registrations, live and on-demand viewing, engagement, conversions, revenue, cost, rank and the series' quartiles. */
  webinars(log: EventLog, options?: WebinarsOptions | null): Promise<WebinarTable & Chartable>
  /** Each webinar's features as they were `horizon` (24 h) before its start, and its live attendance: what the attendance forecast learns from. */
  webinarFeatures(log: EventLog, options?: ForecastOptions | null): Promise<WebinarFeatures[]>
  /** Rolling-origin backtest of the attendance forecast: trained on the webinars before, each webinar predicted, with MAE, MAPE and interval coverage. */
  backtestAttendance(log: EventLog, options?: ForecastOptions | null): Promise<AttendanceBacktest & Chartable>
  /** A webinar's predicted live attendance from the series before it, with a calibrated prediction interval and the features that moved it. */
  predictAttendance(log: EventLog, options?: ForecastOptions | null): Promise<AttendanceForecast & Chartable>
  /** One row per registrant of each webinar: features observed until the webinar's end, a purchase within the horizon after it as the label, and the time-ordered split. */
  conversionDataset(log: EventLog, options?: ConversionModelOptions | null): Promise<ConversionDataset>
  /** Who will buy after a webinar: a forest trained on earlier webinars' registrants, calibrated, tested on the latest (ROC-AUC, Brier, ECE, reliability) and scoring the webinar's registrants. */
  predictConversion(log: EventLog, options?: ConversionModelOptions | null): Promise<ConversionModel & Chartable>
  /** The scored webinar's leads for the CRM: contact fields, probability, segment, top reasons (TreeSHAP) and next action, with a CSV of HubSpot's import column names. */
  leadTable(log: EventLog, options?: ConversionModelOptions | null): Promise<LeadTable>
  /** A seeded demo webinar series: monthly webinars with shared contacts, events tagged with webinar_id (recording views with replay). */
  demoSeries(options?: DemoSeriesOptions | null): Promise<EventLog>
  /** The spend, email sends, agendas and webinars of the demo series of the same options (the generator runs again). */
  demoSeriesInputs(options?: DemoSeriesOptions | null): Promise<SeriesInputs>
  /** Daily or weekly registrations, attendance, conversions and revenue, with KPI cards. */
  trends(log: EventLog, options?: TrendOptions | null): Promise<Trends & Chartable>
  /** Per cohort its size, conversion rate, revenue, lifetime value, retention and engagement. */
  cohortPerformance(log: EventLog, options?: CohortPerformanceOptions | null): Promise<CohortPerformance>
  /** Seeded k-means segments of contacts by engagement, with profiles and recommendations. */
  segmentAudience(log: EventLog, options?: SegmentOptions | null): Promise<Segmentation & Chartable>
  /** Contacts per value of each contact attribute in `by`. */
  audience(log: EventLog, by?: string[] | null): Promise<AudienceDistribution[]>
  /** Persons needed per variant to detect a change from `baseline` to `target` (two-sided z-test). */
  sampleSize(baseline: number, target: number, options?: SampleSizeOptions | null): Promise<number>
  /** An A/B test read from the log: per variant its rate with an interval, the test against the control, the chance to beat it, sample-ratio and peeking checks. */
  experiment(log: EventLog, options?: ExperimentOptions | null): Promise<ExperimentResult & Chartable>
  /** An A/B test from per-variant totals (`variant`, `n`, `conversions`, `metric_mean`, `metric_variance`). */
  analyzeExperiment(counts: VariantCountsDict[], options?: AnalysisOptions | null): Promise<ExperimentResult & Chartable>
  /** What identity resolution would merge (shared emails, identify events) and refuse, without rebuilding the log. */
  identityReport(log: EventLog, options?: IdentityOptions | null): Promise<IdentityReport>
  /** The executive or operational dashboard as data: widgets over the scorecard, channels and trends. */
  dashboard(log: EventLog, options?: DashboardOptions | null): Promise<Dashboard>
  /** The next run times (UTC) of a report schedule after `after`: the seed's for `kind` (daily, weekly, monthly) in `tz`, `time`, `weekday` and `day` overriding it. */
  scheduleRuns(options?: ScheduleOptions | null): Promise<string[]>
  /** A metric over time against the band expected from its own history (median and MAD of the same weekday), with changes, a minimum-sample guard and the segments behind each anomaly. */
  anomalies(log: EventLog, options?: AnomalyOptions | null): Promise<AnomalyReport & Chartable>
  /** The series' usual viewer curve: at each minute since the start, the median and spread over past webinars of the viewers as a percent of the peak so far (give it to a LiveScorecard as `usual_viewers`). */
  usualViewers(log: EventLog, options?: UsualViewersOptions | null): Promise<UsualViewers>
  /** Each watch's latest final period against its band, and the values alert rules read as `<watch id>.<field>` (value, expected, score, anomaly, change_percent, week_over_week_percent). */
  monitor(log: EventLog, options?: MonitorOptions | null): Promise<Monitor>
  /** A built-in alert rule set: executive, operational, performance, technical, engagement or all. */
  alertRules(name?: string): Promise<AlertRule[]>
  /** Every rule against a scorecard (or `{metric: value}`): firing, ok or no data. */
  evaluateAlerts(scorecard: Scorecard | Record<string, number | null>, rules?: AlertRuleSpec[] | string | null): Promise<RuleStatus[]>
  /** Channel spend rows from a CSV file (date, channel, campaign, impressions, reach, clicks, cost, likes, comments, shares). */
  readSpendCsv(source: string | Uint8Array): Promise<ChannelSpend[]>
  /** Email campaign rows from a CSV file (campaign, sent, delivered, unique_opens, unique_clicks). */
  readEmailSendsCsv(source: string | Uint8Array): Promise<EmailSend[]>
  /** An ad platform's campaign export (Google Ads, Meta, LinkedIn; UTF-8, UTF-16 or Latin-1) as spend rows. */
  readAdReport(source: string | Uint8Array, options?: AdReportOptions | null): Promise<AdReport>
  /** A HubSpot contacts export as contacts keyed by normalized email, ready for an event log. */
  readHubspotContacts(source: string | Uint8Array, options?: { tz?: string; skipBadRows?: boolean } | null): Promise<CrmContacts>
  /** An ActiveCampaign campaign report as email send rows. */
  readActivecampaignReport(source: string | Uint8Array, options?: { skipBadRows?: boolean } | null): Promise<EmailReport>
  /** An ActiveCampaign per-contact activity export as a log of email_open, email_click, unsubscribe and bounce events. */
  readActivecampaignActivity(source: string | Uint8Array, options?: { tz?: string } | null): Promise<EventLog>
}
