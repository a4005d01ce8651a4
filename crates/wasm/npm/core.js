// Every analysis of the library, generated from the core's table of calls (do not edit:
// `UPDATE_GENERATED=1 cargo test --test it generated` rewrites it). Each function hands its
// arguments to the core as they are: options may be camelCase or snake_case, times `Date`s or
// ISO-8601 text; a misspelt option is an error naming it and the nearest valid one.

import * as native from './webinar_analytics_core.js'

export * from './webinar_analytics_core.js'
export { default } from './webinar_analytics_core.js'

/** Gives a result with a chart its `chart(options)` method (not enumerable: the data stays plain JSON). */
function _chartable(result, of) {
  if (result !== null && typeof result === 'object') {
    Object.defineProperty(result, 'chart', { value: (options) => chart(result, { ...options, of }), enumerable: false })
  }
  return result
}

/** Contacts, persons, events per kind and the time span of a log. */
export function summary(log, options) {
  return native.callLog('summary', log, { ...options })
}

/** Per-person event funnel: counts, conversion and time to convert per step. */
export function funnel(log, steps, options) {
  return _chartable(native.callLog('funnel', log, { ...options, steps }), 'funnel')
}

/** Cohort retention matrix: per cohort its size and the share active in each period. */
export function retention(log, options) {
  return _chartable(native.callLog('retention', log, { ...options }), 'retention')
}

/** Every metric of the catalog with its target, status and progress. */
export function scorecard(log, options) {
  return _chartable(native.callLog('scorecard', log, { ...options }), 'scorecard')
}

/** Every metric of the catalog: id, stage, labels, definition, formula, unit, target. */
export function catalog(options) {
  return native.call('catalog', { ...options })
}

/** A chart of a result (funnel, retention, trends, channels, scorecard, attendance, experiment, segments, dashboard widget): a Vega-Lite v5 spec with its data inline, or a static SVG. */
export function chart(result, options) {
  return native.call('chart', { ...options, result })
}

// The rest of the library, loaded on demand. The core entry keeps how each of its logs was built
// (the inputs by reference, not copied) so that `toFull` builds the same log in the full module.
const _recipes = new WeakMap()

function _remember(value, recipe) {
  if (value !== null && typeof value === 'object') _recipes.set(value, recipe)
  return value
}

for (const name of ['fromRecords', 'fromCsv']) {
  const build = native.EventLog[name]
  native.EventLog[name] = (...args) => _remember(build.apply(native.EventLog, args), { name, args })
}
for (const name of ['merge', 'append', 'withKinds']) {
  const method = native.EventLog.prototype[name]
  native.EventLog.prototype[name] = function (...args) {
    return _remember(method.apply(this, args), { name, self: this, args })
  }
}
const _demoLog = Object.getOwnPropertyDescriptor(native.DemoCampaign.prototype, 'log').get
Object.defineProperty(native.DemoCampaign.prototype, 'log', {
  get() {
    return _remember(_demoLog.call(this), { name: 'demoLog', self: this })
  },
})

/** Generates the seeded demo campaign (same seed, same data as in Python, Node and Rust). */
export function demoCampaign(options) {
  return _remember(native.demoCampaign(options), { name: 'demoCampaign', args: [options] })
}

let _full = null

/**
 * The full package (every call and class), fetched and started once, on first use. `input` is
 * what its `init` takes (the full `.wasm`'s URL, bytes or module); by default the file beside
 * this one. A failed load (offline, say) is tried again on the next call.
 */
export function loadFull(input) {
  _full ??= import('./index.js')
    .then(async (full) => {
      await full.default(input)
      return full
    })
    .catch((error) => {
      _full = null
      throw error
    })
  return _full
}

const _moved = new WeakMap()

/** `value` (a log or demo campaign of this entry) built again in the full module. */
function _rebuild(full, value) {
  const recipe = _recipes.get(value)
  if (recipe === undefined) {
    const error = new Error('log: not a log of the core entry (build it with EventLog.fromRecords, fromCsv or demoCampaign)')
    throw Object.assign(error, { code: 'invalid_parameter', details: { code: 'invalid_parameter', parameter: 'log' } })
  }
  if (!_moved.has(value)) {
    const { name, self, args } = recipe
    const moved = (arg) => (_recipes.has(arg) ? _rebuild(full, arg) : arg)
    let rebuilt
    if (name === 'fromRecords' || name === 'fromCsv') rebuilt = full.EventLog[name](...args)
    else if (name === 'demoCampaign') rebuilt = full.demoCampaign(...args)
    else if (name === 'demoLog') rebuilt = _rebuild(full, self).log
    else rebuilt = _rebuild(full, self)[name](...args.map(moved))
    _moved.set(value, rebuilt)
  }
  return _moved.get(value)
}

/**
 * A log of this core entry as a log of the full package (loaded on first use), built again
 * from the same inputs: `const full = await loadFull(); full.attribution(await toFull(log))`.
 */
export async function toFull(log, input) {
  return _rebuild(await loadFull(input), log)
}
