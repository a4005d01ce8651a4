// Every analysis of the library, generated from the core's table of calls (do not edit:
// `UPDATE_GENERATED=1 cargo test --test it generated` rewrites it). Each function hands its
// arguments to the core as they are: options may be camelCase or snake_case, times `Date`s or
// ISO-8601 text; a misspelt option is an error naming it and the nearest valid one.

'use strict'

const native = require('./webinar_analytics_wasm.js')

/** Gives a result with a chart its `chart(options)` method (not enumerable: the data stays plain JSON). */
function _chartable(result, of) {
  if (result !== null && typeof result === 'object') {
    Object.defineProperty(result, 'chart', { value: (options) => chart(result, { ...options, of }), enumerable: false })
  }
  return result
}

/** Contacts, persons, events per kind and the time span of a log. */
function summary(log, options) {
  return native.callLog('summary', log, { ...options })
}

/** Per-person event funnel: counts, conversion and time to convert per step. */
function funnel(log, steps, options) {
  return _chartable(native.callLog('funnel', log, { ...options, steps }), 'funnel')
}

/** Cohort retention matrix: per cohort its size and the share active in each period. */
function retention(log, options) {
  return _chartable(native.callLog('retention', log, { ...options }), 'retention')
}

/** Every metric of the catalog with its target, status and progress. */
function scorecard(log, options) {
  return _chartable(native.callLog('scorecard', log, { ...options }), 'scorecard')
}

/** Every metric of the catalog: id, stage, labels, definition, formula, unit, target. */
function catalog(options) {
  return native.call('catalog', { ...options })
}

/** A chart of a result (funnel, retention, trends, channels, scorecard, attendance, experiment, segments, dashboard widget): a Vega-Lite v5 spec with its data inline, or a static SVG. */
function chart(result, options) {
  return native.call('chart', { ...options, result })
}

/** Why the funnel's conversion moved between two entry periods: the change split by a breakdown into mix and rate effects per segment. */
function explainChange(log, steps, before, after, options) {
  return _chartable(native.callLog('explain_change', log, { ...options, steps, before, after }), 'explain_change')
}

/** The mergeable partial state of a funnel (plain data, or versioned bytes with as_bytes). */
function funnelPartial(log, steps, options) {
  return native.callLog('funnel_partial', log, { ...options, steps })
}

/** The funnel over all persons, from the partials of disjoint persons. */
function mergeFunnelPartials(partials, options) {
  return _chartable(native.call('merge_funnel_partials', { ...options, partials }), 'merge_funnel_partials')
}

/** What people do next: every pair of consecutive events (by person or session) with counts, distinct persons and per-event totals. */
function paths(log, options) {
  return _chartable(native.callLog('paths', log, { ...options }), 'paths')
}

/** Where paths go from an event (or come to one), step by step: Sankey nodes and links, rare events grouped as "other", and the most frequent sequences. */
function flows(log, options) {
  return _chartable(native.callLog('flows', log, { ...options }), 'flows')
}

/** Around one funnel step: what those who dropped there did after the step before, and what those who reached it did in between. */
function funnelFlows(log, steps, step, options) {
  return _chartable(native.callLog('funnel_flows', log, { ...options, steps, step }), 'funnel_flows')
}

/** The mergeable partial state of paths (plain data, or versioned bytes with as_bytes). */
function pathsPartial(log, options) {
  return native.callLog('paths_partial', log, { ...options })
}

/** Paths over all persons, from the partials of disjoint persons. */
function mergePathsPartials(partials, options) {
  return _chartable(native.call('merge_paths_partials', { ...options, partials }), 'merge_paths_partials')
}

/** Per period, the active persons who are new, returning or resurrecting, and those gone dormant. */
function lifecycle(log, options) {
  return _chartable(native.callLog('lifecycle', log, { ...options }), 'lifecycle')
}

/** Per week or month, how many persons were active on 1, 2, ... of its days. */
function stickiness(log, options) {
  return _chartable(native.callLog('stickiness', log, { ...options }), 'stickiness')
}

/** What goes with converting: events, event property values and contact attributes seen before conversion, with odds ratios, Fisher / chi-square tests and Benjamini-Hochberg adjusted p-values. */
function drivers(log, options) {
  return _chartable(native.callLog('drivers', log, { ...options }), 'drivers')
}

/** Which touchpoints earned the conversions and the revenue: first / last / last non-direct touch, linear, time decay, position based, Markov removal effects and Shapley values side by side, with spend and bootstrap intervals. */
function attribution(log, options) {
  return _chartable(native.callLog('attribution', log, { ...options }), 'attribution')
}

/** The mergeable partial state of an attribution (plain data, or versioned bytes with as_bytes); intervals are not available. */
function attributionPartial(log, options) {
  return native.callLog('attribution_partial', log, { ...options })
}

/** The attribution over all persons, from the partials of disjoint persons (spend adds the cost columns). */
function mergeAttributionPartials(partials, options) {
  return native.call('merge_attribution_partials', { ...options, partials })
}

/** The log with touch properties (source, medium, campaign, channel: GA4's default channel group) from landing URLs' UTM parameters and click ids, external referrers and email clicks. */
function touchpoints(log, options) {
  return native.callLog('touchpoints', log, { ...options })
}

/** The mergeable partial state of a retention matrix (plain data, or bytes with as_bytes). */
function retentionPartial(log, options) {
  return native.callLog('retention_partial', log, { ...options })
}

/** The retention matrix over all persons, from the partials of disjoint persons. */
function mergeRetentionPartials(partials, options) {
  return _chartable(native.call('merge_retention_partials', { ...options, partials }), 'merge_retention_partials')
}

/** The channel table: registrations, attendees, conversions, revenue and rates per channel. */
function channelPerformance(log, options) {
  return _chartable(native.callLog('channel_performance', log, { ...options }), 'channel_performance')
}

/** The mergeable state of a channel table (plain data, or bytes with as_bytes). */
function channelPartial(log, options) {
  return native.callLog('channel_partial', log, { ...options })
}

/** Reads, merges and finishes versioned states of disjoint persons into the analysis' result. */
function mergeStates(states, options) {
  return native.call('merge_states', { ...options, states })
}

/** Attended minutes, concurrent viewers and section retention from join / leave events. */
function attendance(log, options) {
  return _chartable(native.callLog('attendance', log, { ...options }), 'attendance')
}

/** One row per webinar of a series: registrations, live and on-demand viewing, engagement, conversions, revenue, cost, rank and the series' quartiles. */
function webinars(log, options) {
  return _chartable(native.callLog('webinars', log, { ...options }), 'webinars')
}

/** Each webinar's features as they were `horizon` (24 h) before its start, and its live attendance: what the attendance forecast learns from. */
function webinarFeatures(log, options) {
  return native.callLog('webinar_features', log, { ...options })
}

/** Rolling-origin backtest of the attendance forecast: trained on the webinars before, each webinar predicted, with MAE, MAPE and interval coverage. */
function backtestAttendance(log, options) {
  return _chartable(native.callLog('backtest_attendance', log, { ...options }), 'backtest_attendance')
}

/** A webinar's predicted live attendance from the series before it, with a calibrated prediction interval and the features that moved it. */
function predictAttendance(log, options) {
  return _chartable(native.callLog('predict_attendance', log, { ...options }), 'predict_attendance')
}

/** One row per registrant of each webinar: features observed until the webinar's end, a purchase within the horizon after it as the label, and the time-ordered split. */
function conversionDataset(log, options) {
  return native.callLog('conversion_dataset', log, { ...options })
}

/** Who will buy after a webinar: a forest trained on earlier webinars' registrants, calibrated, tested on the latest (ROC-AUC, Brier, ECE, reliability) and scoring the webinar's registrants. */
function predictConversion(log, options) {
  return _chartable(native.callLog('predict_conversion', log, { ...options }), 'predict_conversion')
}

/** The scored webinar's leads for the CRM: contact fields, probability, segment, top reasons (TreeSHAP) and next action, with a CSV of HubSpot's import column names. */
function leadTable(log, options) {
  return native.callLog('lead_table', log, { ...options })
}

/** A seeded demo webinar series: monthly webinars with shared contacts, events tagged with webinar_id (recording views with replay). */
function demoSeries(options) {
  return native.call('demo_series', { ...options })
}

/** The spend, email sends, agendas and webinars of the demo series of the same options (the generator runs again). */
function demoSeriesInputs(options) {
  return native.call('demo_series_inputs', { ...options })
}

/** Daily or weekly registrations, attendance, conversions and revenue, with KPI cards. */
function trends(log, options) {
  return _chartable(native.callLog('trends', log, { ...options }), 'trends')
}

/** Per cohort its size, conversion rate, revenue, lifetime value, retention and engagement. */
function cohortPerformance(log, options) {
  return native.callLog('cohort_performance', log, { ...options })
}

/** Seeded k-means segments of contacts by engagement, with profiles and recommendations. */
function segmentAudience(log, options) {
  return _chartable(native.callLog('segment_audience', log, { ...options }), 'segment_audience')
}

/** Contacts per value of each contact attribute in `by`. */
function audience(log, by, options) {
  return native.callLog('audience', log, { ...options, by })
}

/** Persons needed per variant to detect a change from `baseline` to `target` (two-sided z-test). */
function sampleSize(baseline, target, options) {
  return native.call('sample_size', { ...options, baseline, target })
}

/** An A/B test read from the log: per variant its rate with an interval, the test against the control, the chance to beat it, sample-ratio and peeking checks. */
function experiment(log, options) {
  return _chartable(native.callLog('experiment', log, { ...options }), 'experiment')
}

/** An A/B test from per-variant totals (`variant`, `n`, `conversions`, `metric_mean`, `metric_variance`). */
function analyzeExperiment(counts, options) {
  return _chartable(native.call('analyze_experiment', { ...options, counts }), 'analyze_experiment')
}

/** What identity resolution would merge (shared emails, identify events) and refuse, without rebuilding the log. */
function identityReport(log, options) {
  return native.callLog('identity_report', log, { ...options })
}

/** The executive or operational dashboard as data: widgets over the scorecard, channels and trends. */
function dashboard(log, options) {
  return native.callLog('dashboard', log, { ...options })
}

/** The next run times (UTC) of a report schedule after `after`: the seed's for `kind` (daily, weekly, monthly) in `tz`, `time`, `weekday` and `day` overriding it. */
function scheduleRuns(options) {
  return native.call('schedule_runs', { ...options })
}

/** A metric over time against the band expected from its own history (median and MAD of the same weekday), with changes, a minimum-sample guard and the segments behind each anomaly. */
function anomalies(log, options) {
  return _chartable(native.callLog('anomalies', log, { ...options }), 'anomalies')
}

/** The series' usual viewer curve: at each minute since the start, the median and spread over past webinars of the viewers as a percent of the peak so far (give it to a LiveScorecard as `usual_viewers`). */
function usualViewers(log, options) {
  return native.callLog('usual_viewers', log, { ...options })
}

/** Each watch's latest final period against its band, and the values alert rules read as `<watch id>.<field>` (value, expected, score, anomaly, change_percent, week_over_week_percent). */
function monitor(log, options) {
  return native.callLog('monitor', log, { ...options })
}

/** A built-in alert rule set: executive, operational, performance, technical, engagement or all. */
function alertRules(name, options) {
  return native.call('alert_rules', { ...options, name })
}

/** Every rule against a scorecard (or `{metric: value}`): firing, ok or no data. */
function evaluateAlerts(scorecard, rules, options) {
  return native.call('evaluate_alerts', { ...options, scorecard, rules })
}

/** Channel spend rows from a CSV file (date, channel, campaign, impressions, reach, clicks, cost, likes, comments, shares). */
function readSpendCsv(source, options) {
  return native.call('read_spend_csv', { ...options, source })
}

/** Email campaign rows from a CSV file (campaign, sent, delivered, unique_opens, unique_clicks). */
function readEmailSendsCsv(source, options) {
  return native.call('read_email_sends_csv', { ...options, source })
}

/** An ad platform's campaign export (Google Ads, Meta, LinkedIn; UTF-8, UTF-16 or Latin-1) as spend rows. */
function readAdReport(source, options) {
  return native.call('read_ad_report', { ...options, source })
}

/** A HubSpot contacts export as contacts keyed by normalized email, ready for an event log. */
function readHubspotContacts(source, options) {
  return native.call('read_hubspot_contacts', { ...options, source })
}

/** An ActiveCampaign campaign report as email send rows. */
function readActivecampaignReport(source, options) {
  return native.call('read_activecampaign_report', { ...options, source })
}

/** An ActiveCampaign per-contact activity export as a log of email_open, email_click, unsubscribe and bounce events. */
function readActivecampaignActivity(source, options) {
  return native.call('read_activecampaign_activity', { ...options, source })
}

/** The scorecard kept current as batches of events arrive (late events within the lateness are merged; later ones are reported), with live counters and alerts. */
class LiveScorecard {
  /** A live scorecard: inputs, targets, tolerance, weights, latenessSeconds, columns, tsUnit, kinds, alerts. */
  constructor(options) {
    this._handle = options instanceof native.Handle ? options : native.call('LiveScorecard.new', { ...options })
  }

  /** Adds a batch of events (rows as for `EventLog.fromRecords`) seen at `now`: the update. */
  append(events, options) {
    return this._handle.call('append', { ...options, events })
  }

  /** Adds the events of a log seen at `now`: the update. */
  appendLog(log, options) {
    return this._handle.callLog('append_log', log, { ...options })
  }

  /** Moves the clock to `now` without events (open joins accrue minutes; lateness passes). */
  advance(options) {
    return this._handle.call('advance', { ...options })
  }

  /** The scorecard of every event accepted so far. */
  scorecard(options) {
    return this._handle.call('scorecard', { ...options })
  }

  /** The live counters: viewers, peak, drop, sections. */
  status(options) {
    return this._handle.call('status', { ...options })
  }

  /** The accepted events as an event log. */
  toEventLog(options) {
    return this._handle.call('to_event_log', { ...options })
  }
}

/** Alert rules evaluated over time: an alert fires once, reminds after the policy's cooldown, escalates by severity into a notification plan and resolves. */
class AlertEngine {
  /** An engine of rules (a list, or a built-in set's name; default all) and an escalation policy. */
  constructor(options) {
    this._handle = options instanceof native.Handle ? options : native.call('AlertEngine.new', { ...options })
  }

  /** Loads an engine and its state saved by `toJson` / `to_json` in any language. */
  static fromJson(text, options) {
    return _object(native.call('AlertEngine.from_json', { ...options, text }))
  }

  /** Evaluates a scorecard (or `{metric: value}`) at `at` (default: its `as_of`): rules, alerts, events, notifications. */
  evaluate(scorecard, options) {
    return this._handle.call('evaluate', { ...options, scorecard })
  }

  /** Evaluates the rules on a log at `at` (default: its last event): catalog metrics from its scorecard with `inputs`, watch fields (`<id>.anomaly`, `<id>.change_percent`, ...) from the watches' series. */
  evaluateLog(log, options) {
    return this._handle.callLog('evaluate_log', log, { ...options })
  }

  /** The rules. */
  get rules() {
    return this._handle.call('rules', {})
  }

  /** The engine and its state as versioned JSON text (keep it between refreshes). */
  toJson(options) {
    return this._handle.call('to_json', { ...options })
  }
}

/** Delivers alert notifications and reports through a durable SQLite outbox: SMTP email, Slack / Teams / generic webhooks, retries with backoff, idempotency keys; resumes after a crash without losing or repeating a message. Python and Node only (the browser plans). */
class Notifier {
  /** Wraps a native handle: build one with the static constructors. */
  constructor(handle) {
    this._handle = handle
  }

  /** Opens (or creates) the outbox file at `path` (":memory:" for one that lives with the process) with SMTP, webhooks, retry, language, timeoutSeconds, batch. */
  static open(path, options) {
    return _object(native.call('Notifier.open', { ...options, path }))
  }

  /** Queues an alert update's notifications (`send` and `scheduled`, sent once due) and cancels its `cancelled`; a notification already queued is not queued twice. */
  enqueue(update, options) {
    return this._handle.call('enqueue', { ...options, update })
  }

  /** Builds a report of the log (options as `report`) and queues it for its recipients on `channels` (default email: HTML; chat: Markdown), due at `dueAt` (default now). */
  enqueueReport(log, options) {
    return this._handle.callLog('enqueue_report', log, { ...options })
  }

  /** Sends what is due at `now` (default the clock), most severe first, with retries and backoff; resumes messages a stopped process left mid-send. */
  runPending(options) {
    return this._handle.call('run_pending', { ...options })
  }

  /** The outbox's messages (of `status`, when given) with their attempts and last error. */
  outbox(options) {
    return this._handle.call('outbox', { ...options })
  }
}

/** A seeded random forest classifier: same seed and data, same model in every language. */
class RandomForestClassifier {
  /** Wraps a native handle: build one with the static constructors. */
  constructor(handle) {
    this._handle = handle
  }

  /** Trains on rows of features and integer labels. */
  static fit(x, y, options) {
    return _object(native.call('RandomForestClassifier.fit', { ...options, x, y }))
  }

  /** Loads a model saved by `toJson` / `to_json` in any language. */
  static fromJson(text, options) {
    return _object(native.call('RandomForestClassifier.from_json', { ...options, text }))
  }

  /** The most probable class of each row. */
  predict(x, options) {
    return this._handle.call('predict', { ...options, x })
  }

  /** Class probabilities per row (columns in the order of `classes`). */
  predictProba(x, options) {
    return this._handle.call('predict_proba', { ...options, x })
  }

  /** The classes, ascending. */
  get classes() {
    return this._handle.call('classes', {})
  }

  /** Impurity-based feature importances (sum to 1). */
  get featureImportances() {
    return this._handle.call('feature_importances', {})
  }

  /** Out-of-bag accuracy (null when some row was never out of bag). */
  get oobScore() {
    return this._handle.call('oob_score', {})
  }

  /** The model as versioned JSON text (loads in every language). */
  toJson(options) {
    return this._handle.call('to_json', { ...options })
  }
}

/** A seeded random forest regressor. */
class RandomForestRegressor {
  /** Wraps a native handle: build one with the static constructors. */
  constructor(handle) {
    this._handle = handle
  }

  /** Trains on rows of features and numeric targets. */
  static fit(x, y, options) {
    return _object(native.call('RandomForestRegressor.fit', { ...options, x, y }))
  }

  /** Loads a model saved by `toJson` / `to_json` in any language. */
  static fromJson(text, options) {
    return _object(native.call('RandomForestRegressor.from_json', { ...options, text }))
  }

  /** The prediction of each row. */
  predict(x, options) {
    return this._handle.call('predict', { ...options, x })
  }

  /** Every tree's prediction of each row (rows x trees), for intervals. */
  predictTrees(x, options) {
    return this._handle.call('predict_trees', { ...options, x })
  }

  /** Impurity-based feature importances (sum to 1). */
  get featureImportances() {
    return this._handle.call('feature_importances', {})
  }

  /** Out-of-bag R² (null when some row was never out of bag). */
  get oobScore() {
    return this._handle.call('oob_score', {})
  }

  /** The model as versioned JSON text (loads in every language). */
  toJson(options) {
    return this._handle.call('to_json', { ...options })
  }
}

/** Seeded k-means (k-means++ starts, Lloyd iterations). */
class KMeans {
  /** Wraps a native handle: build one with the static constructors. */
  constructor(handle) {
    this._handle = handle
  }

  /** Clusters rows of features. */
  static fit(x, options) {
    return _object(native.call('KMeans.fit', { ...options, x }))
  }

  /** Loads a model saved by `toJson` / `to_json` in any language. */
  static fromJson(text, options) {
    return _object(native.call('KMeans.from_json', { ...options, text }))
  }

  /** The nearest cluster of each row. */
  predict(x, options) {
    return this._handle.call('predict', { ...options, x })
  }

  /** The cluster of each training row. */
  get labels() {
    return this._handle.call('labels', {})
  }

  /** Sum of squared distances to the nearest center. */
  get inertia() {
    return this._handle.call('inertia', {})
  }

  /** The centers, clusters x features. */
  get clusterCenters() {
    return this._handle.call('cluster_centers', {})
  }

  /** Lloyd iterations of the best restart. */
  get nIter() {
    return this._handle.call('n_iter', {})
  }

  /** The model as versioned JSON text (loads in every language). */
  toJson(options) {
    return this._handle.call('to_json', { ...options })
  }
}

/** Centers and scales each feature (population standard deviation; constant features keep scale 1). */
class StandardScaler {
  /** Wraps a native handle: build one with the static constructors. */
  constructor(handle) {
    this._handle = handle
  }

  /** Learns each feature's mean and scale. */
  static fit(x, options) {
    return _object(native.call('StandardScaler.fit', { ...options, x }))
  }

  /** Loads a scaler saved by `toJson` / `to_json` in any language. */
  static fromJson(text, options) {
    return _object(native.call('StandardScaler.from_json', { ...options, text }))
  }

  /** The rows centered and scaled. */
  transform(x, options) {
    return this._handle.call('transform', { ...options, x })
  }

  /** Each feature's mean. */
  get mean() {
    return this._handle.call('mean', {})
  }

  /** Each feature's scale. */
  get scale() {
    return this._handle.call('scale', {})
  }

  /** The model as versioned JSON text (loads in every language). */
  toJson(options) {
    return this._handle.call('to_json', { ...options })
  }
}

/** The seed's conversion predictor: a seeded forest over attendees' engagement and firmographics. */
class ConversionPredictor {
  /** Wraps a native handle: build one with the static constructors. */
  constructor(handle) {
    this._handle = handle
  }

  /** Trains on the attendees of a log (held-out accuracy, ROC-AUC, log-loss in `training`). */
  static train(log, options) {
    return _object(native.callLog('ConversionPredictor.train', log, { ...options }))
  }

  /** Loads a predictor saved by `toJson` / `to_json` in any language. */
  static fromJson(text, options) {
    return _object(native.call('ConversionPredictor.from_json', { ...options, text }))
  }

  /** Scores every attendee of `log`: probability and segment. */
  predict(log, options) {
    return this._handle.callLog('predict', log, { ...options })
  }

  /** The training summary (null for a loaded predictor). */
  get training() {
    return this._handle.call('training', {})
  }

  /** The model as versioned JSON text (loads in every language). */
  toJson(options) {
    return this._handle.call('to_json', { ...options })
  }
}

/** An attendance forecast fit on a series' history (features 24 h before each start, rolling backtest, conformal intervals), kept and applied to the next webinars. */
class AttendanceForecaster {
  /** Wraps a native handle: build one with the static constructors. */
  constructor(handle) {
    this._handle = handle
  }

  /** Trains on every webinar of the log with an outcome (those before `webinar` when given), after a rolling backtest. */
  static fit(log, options) {
    return _object(native.callLog('AttendanceForecaster.fit', log, { ...options }))
  }

  /** Loads a forecaster saved by `toJson` / `to_json` in any language. */
  static fromJson(text, options) {
    return _object(native.call('AttendanceForecaster.from_json', { ...options, text }))
  }

  /** Predicts a webinar of `log` (default: the last): live attendees, interval, drivers, insights, recommendations. */
  predict(log, options) {
    return this._handle.callLog('predict', log, { ...options })
  }

  /** The rolling backtest of the fit (MAE, MAPE, coverage). */
  get backtest() {
    return this._handle.call('backtest', {})
  }

  /** The webinars the model was trained on. */
  get trainedOn() {
    return this._handle.call('trained_on', {})
  }

  /** The model as versioned JSON text (loads in every language). */
  toJson(options) {
    return this._handle.call('to_json', { ...options })
  }
}

/** The seed's attendance predictor over webinar-level features, with an interval from the trees. */
class AttendancePredictor {
  /** Wraps a native handle: build one with the static constructors. */
  constructor(handle) {
    this._handle = handle
  }

  /** Trains on past webinars (MAE and R² on a seeded split in `training`). */
  static train(history, options) {
    return _object(native.call('AttendancePredictor.train', { ...options, history }))
  }

  /** Loads a predictor saved by `toJson` / `to_json` in any language. */
  static fromJson(text, options) {
    return _object(native.call('AttendancePredictor.from_json', { ...options, text }))
  }

  /** Predicts one upcoming webinar: attendance, interval, rate, insights, recommendations. */
  predict(current, options) {
    return this._handle.call('predict', { ...options, current })
  }

  /** The training summary (null for a loaded predictor). */
  get training() {
    return this._handle.call('training', {})
  }

  /** The model as versioned JSON text (loads in every language). */
  toJson(options) {
    return this._handle.call('to_json', { ...options })
  }
}

const CLASSES = { LiveScorecard, AlertEngine, Notifier, RandomForestClassifier, RandomForestRegressor, KMeans, StandardScaler, ConversionPredictor, AttendanceForecaster, AttendancePredictor }

/** The object of a native handle, as an instance of its class. */
function _object(handle) {
  return new CLASSES[handle.className](handle)
}

module.exports = {
  ...native,
  summary,
  funnel,
  retention,
  scorecard,
  catalog,
  chart,
  explainChange,
  funnelPartial,
  mergeFunnelPartials,
  paths,
  flows,
  funnelFlows,
  pathsPartial,
  mergePathsPartials,
  lifecycle,
  stickiness,
  drivers,
  attribution,
  attributionPartial,
  mergeAttributionPartials,
  touchpoints,
  retentionPartial,
  mergeRetentionPartials,
  channelPerformance,
  channelPartial,
  mergeStates,
  attendance,
  webinars,
  webinarFeatures,
  backtestAttendance,
  predictAttendance,
  conversionDataset,
  predictConversion,
  leadTable,
  demoSeries,
  demoSeriesInputs,
  trends,
  cohortPerformance,
  segmentAudience,
  audience,
  sampleSize,
  experiment,
  analyzeExperiment,
  identityReport,
  dashboard,
  scheduleRuns,
  anomalies,
  usualViewers,
  monitor,
  alertRules,
  evaluateAlerts,
  readSpendCsv,
  readEmailSendsCsv,
  readAdReport,
  readHubspotContacts,
  readActivecampaignReport,
  readActivecampaignActivity,
  LiveScorecard,
  AlertEngine,
  Notifier,
  RandomForestClassifier,
  RandomForestRegressor,
  KMeans,
  StandardScaler,
  ConversionPredictor,
  AttendanceForecaster,
  AttendancePredictor,
}
