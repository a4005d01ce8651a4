// The browser package's core entry (`webinar-analytics-wasm/core`): the small build without the
// feature `full` runs the golden vectors of its calls as the main entry does, stays under 1 MB
// gzip, and hands its logs to the full package on demand (`loadFull`, `toFull`).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import * as core from '../../crates/wasm/pkg/core.js'
import { runReadmeExamples } from '../js/readme.mjs'
import { runVectors } from '../js/vectors.mjs'

const pkg = new URL('../../crates/wasm/pkg/', import.meta.url)
const bytes = (name) => readFileSync(new URL(name, pkg))
// In Node the web modules are given their bytes (in a browser `init()` fetches them).
await core.default({ module_or_path: bytes('webinar_analytics_core_bg.wasm') })
const fullInput = { module_or_path: bytes('webinar_analytics_wasm_bg.wasm') }
// The full module is loaded once: the README's `loadFull()` and the tests below get this one.
await core.loadFull(fullInput)

/** The calls of the core entry (`CORE_CALLS`), in JS spelling. */
const CORE = ['summary', 'funnel', 'retention', 'scorecard', 'catalog', 'chart']
const CORE_FNS = new Set([...CORE, 'chart_of'])

runVectors(core, 'wasm core', (vector) => {
  const { input, call } = vector
  const built = input.series === undefined && input.zoom_csv === undefined
  return built && CORE_FNS.has(call.fn) && (call.fn !== 'chart_of' || CORE.includes(call.args.of))
})

// Initialized above: the examples' `init()` has nothing to do.
runReadmeExamples('webinar-analytics-wasm/core', { ...core, default: async () => {} })

test('the core entry offers its calls and none of the others', () => {
  for (const name of [...CORE, 'loadFull', 'toFull', 'demoCampaign']) {
    assert.equal(typeof core[name], 'function', name)
  }
  for (const name of ['paths', 'attribution', 'channelPerformance', 'RandomForestClassifier', 'report']) {
    assert.equal(core[name], undefined, name)
  }
  assert.equal(core.EventLog.fromArrow, undefined, 'no Arrow reader in the core entry')
})

test('a call outside the core entry names the full package', () => {
  const log = core.EventLog.fromRecords([{ user_id: 1, ts: '2024-03-01T10:00:00Z', event: 'register' }])
  assert.throws(
    () => core.callLog('paths', log, {}),
    (err) => err.code === 'invalid_parameter' && /core entry/.test(err.message),
  )
})

test('the core .wasm is at most 1.0 MB gzip', () => {
  const wasm = bytes('webinar_analytics_core_bg.wasm')
  const gzip = gzipSync(wasm, { level: 9 }).length
  console.log(`# core entry .wasm ${wasm.length} bytes, ${gzip} gzip`)
  assert.ok(gzip <= 1_000_000, `${gzip} bytes gzip`)
})

const events = [
  { user_id: 'ana', ts: '2024-03-01T10:00:00Z', event: 'page_view', channel: 'email' },
  { user_id: 'ana', ts: '2024-03-01T10:05:00Z', event: 'register' },
  { user_id: 'bo', ts: '2024-03-02T09:00:00Z', event: 'page_view', channel: 'ads' },
  { user_id: 'bo', ts: '2024-03-09T16:00:00Z', event: 'attend' },
]
const csv = 'user_id,ts,event\ncy,2024-03-03T08:00:00Z,page_view\ncy,2024-03-03T08:10:00Z,sign_up\n'

test('toFull builds the same log in the full package, however the core built it', async () => {
  const full = await core.loadFull(fullInput)
  assert.equal(await core.loadFull(), full, 'loaded once')
  const logs = {
    records: core.EventLog.fromRecords(events, null, null),
    csv: core.EventLog.fromCsv(csv, null, null),
    demo: core.demoCampaign({ contacts: 60, seed: 3 }).log,
  }
  const more = core.EventLog.fromRecords([{ user_id: 'dee', ts: '2024-03-04T12:00:00Z', event: 'attend' }], null, null)
  logs.derived = logs.records.append(logs.csv).withKinds({ register: 'sign_up' }).merge(more)
  for (const [name, log] of Object.entries(logs)) {
    const moved = await core.toFull(log)
    assert.ok(moved instanceof full.EventLog, name)
    assert.equal(await core.toFull(log), moved, `${name}: moved once`)
    assert.deepStrictEqual(full.summary(moved), core.summary(log), name)
    assert.deepStrictEqual(moved.kindsMap, log.kindsMap, name)
  }
  const direct = full.EventLog.fromRecords(events, null, null)
  assert.deepStrictEqual(full.paths(await core.toFull(logs.records)), full.paths(direct))
})

test('toFull refuses what the core entry did not build', async () => {
  const full = await core.loadFull(fullInput)
  const foreign = full.EventLog.fromRecords(events, null, null)
  await assert.rejects(core.toFull(foreign), (err) => err.code === 'invalid_parameter' && err.details.parameter === 'log')
})
