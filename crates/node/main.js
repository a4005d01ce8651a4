// Every analysis of the library, generated from the core's table of calls (do not edit:
// `UPDATE_GENERATED=1 cargo test --test it generated` rewrites it). Each function hands its
// arguments to the core as they are: options may be camelCase or snake_case, times `Date`s or
// ISO-8601 text; a misspelt option is an error naming it and the nearest valid one.

'use strict'

const native = require('./index.js')

/** Contacts, persons, events per kind and the time span of a log. */
function summary(log, options) {
  return native.callLog('summary', log, { ...options })
}

/** Per-person event funnel: counts, conversion and time to convert per step. */
function funnel(log, steps, options) {
  return native.callLog('funnel', log, { ...options, steps })
}

/** The mergeable partial state of a funnel (plain data, or versioned bytes with as_bytes). */
function funnelPartial(log, steps, options) {
  return native.callLog('funnel_partial', log, { ...options, steps })
}

/** The funnel over all persons, from the partials of disjoint persons. */
function mergeFunnelPartials(partials, options) {
  return native.call('merge_funnel_partials', { ...options, partials })
}

/** Cohort retention matrix: per cohort its size and the share active in each period. */
function retention(log, options) {
  return native.callLog('retention', log, { ...options })
}

/** The mergeable partial state of a retention matrix (plain data, or bytes with as_bytes). */
function retentionPartial(log, options) {
  return native.callLog('retention_partial', log, { ...options })
}

/** The retention matrix over all persons, from the partials of disjoint persons. */
function mergeRetentionPartials(partials, options) {
  return native.call('merge_retention_partials', { ...options, partials })
}

/** The channel table: registrations, attendees, conversions, revenue and rates per channel. */
function channelPerformance(log, options) {
  return native.callLog('channel_performance', log, { ...options })
}

/** The mergeable state of a channel table (plain data, or bytes with as_bytes). */
function channelPartial(log, options) {
  return native.callLog('channel_partial', log, { ...options })
}

/** Reads, merges and finishes versioned states of disjoint persons into the analysis' result. */
function mergeStates(states, options) {
  return native.call('merge_states', { ...options, states })
}

/** Every metric of the catalog with its target, status and progress. */
function scorecard(log, options) {
  return native.callLog('scorecard', log, { ...options })
}

/** Attended minutes, concurrent viewers and section retention from join / leave events. */
function attendance(log, options) {
  return native.callLog('attendance', log, { ...options })
}

/** Daily or weekly registrations, attendance, conversions and revenue, with KPI cards. */
function trends(log, options) {
  return native.callLog('trends', log, { ...options })
}

/** Per cohort its size, conversion rate, revenue, lifetime value, retention and engagement. */
function cohortPerformance(log, options) {
  return native.callLog('cohort_performance', log, { ...options })
}

/** Seeded k-means segments of contacts by engagement, with profiles and recommendations. */
function segmentAudience(log, options) {
  return native.callLog('segment_audience', log, { ...options })
}

/** Contacts per value of each contact attribute in `by`. */
function audience(log, by, options) {
  return native.callLog('audience', log, { ...options, by })
}

/** Every metric of the catalog: id, stage, labels, definition, formula, unit, target. */
function catalog(options) {
  return native.call('catalog', { ...options })
}

/** Persons needed per variant to detect a change from `baseline` to `target` (two-sided z-test). */
function sampleSize(baseline, target, options) {
  return native.call('sample_size', { ...options, baseline, target })
}

module.exports = {
  ...native,
  summary,
  funnel,
  funnelPartial,
  mergeFunnelPartials,
  retention,
  retentionPartial,
  mergeRetentionPartials,
  channelPerformance,
  channelPartial,
  mergeStates,
  scorecard,
  attendance,
  trends,
  cohortPerformance,
  segmentAudience,
  audience,
  catalog,
  sampleSize,
}
