// Every chart of the library is a valid Vega-Lite v5 spec that compiles without a warning, and
// its numbers are the result's. Shared by the Node package and the WASM package's Node build.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

// vega-lite and ajv are dev dependencies of the Node package.
const require = createRequire(new URL('../../crates/node/package.json', import.meta.url))
const Ajv = require('ajv').default
const schema = require('vega-lite/build/vega-lite-schema.json')
const vl = require('vega-lite')

const ajv = new Ajv({ strict: false, allowUnionTypes: true })
const validate = ajv.compile(schema)

/** Compiles `spec` with vega-lite, failing on any warning or error it logs. */
function compiles(spec, name) {
  assert.ok(validate(spec), `${name}: not a Vega-Lite v5 spec: ${ajv.errorsText(validate.errors)}`)
  const logged = []
  const logger = {
    level: () => logger,
    warn: (...m) => logged.push(['warn', ...m]) && logger,
    info: () => logger,
    debug: () => logger,
    error: (...m) => logged.push(['error', ...m]) && logger,
  }
  const compiled = vl.compile(spec, { logger })
  assert.deepEqual(logged, [], `${name}: vega-lite says ${JSON.stringify(logged)}`)
  assert.ok(compiled.spec.marks || compiled.spec.data, `${name}: compiled to nothing`)
}

export function runChartTests(wa, name) {
  const demo = wa.demoCampaign({ contacts: 1500, seed: 3 })
  const log = demo.log
  const inputs = demo.inputsDict ? demo.inputsDict() : demo.inputs()
  const steps = ['page_view', 'register', 'attend', 'purchase']

  test(`${name}: every chart is valid Vega-Lite v5 and compiles without warnings`, () => {
    const results = {
      funnel: wa.funnel(log, steps, { window: '14d' }),
      funnelBreakdown: wa.funnel(log, steps, { window: '14d', breakdown: 'channel' }),
      funnelInProgress: wa.funnel(log, steps, { window: '30d', asOf: '2024-03-20T00:00:00Z' }),
      retention: wa.retention(log, { period: 'week' }),
      trends: wa.trends(log, { period: 'week' }),
      channels: wa.channelPerformance(log),
      channelsSpend: wa.channelPerformance(log, { spend: inputs.spend }),
      scorecard: wa.scorecard(log, { inputs }),
    }
    for (const [key, result] of Object.entries(results)) {
      compiles(wa.chart(result), key)
      compiles(wa.chart(result, { lang: 'es', title: 'Título' }), `${key} (es)`)
    }
  })

  test(`${name}: a funnel chart draws each step's count on a linear axis from zero`, () => {
    const result = wa.funnel(log, steps, { window: '14d' })
    const spec = wa.chart(result)
    const reached = spec.data.values.filter((v) => v.order === 0)
    assert.deepEqual(reached.map((v) => v.value), result.counts)
    const x = spec.layer[0].encoding.x
    assert.equal(x.scale.type, 'linear')
    assert.equal(x.scale.zero, true)
    assert.equal(spec.layer[0].mark, 'bar')
  })

  test(`${name}: retention, trends, channel and scorecard charts carry the result's numbers`, () => {
    const retention = wa.retention(log, { period: 'week' })
    for (const cell of wa.chart(retention).data.values) {
      assert.equal(cell.rate, retention.rates[cell.cohort_order][cell.period_order])
    }
    const trends = wa.trends(log, { period: 'week' })
    const points = wa.chart(trends).data.values
    assert.deepEqual(points.map((p) => p.revenue), trends.series.map((p) => p.revenue))
    assert.deepEqual(points.map((p) => p.Registrations), trends.series.map((p) => p.registrations))
    const channels = wa.channelPerformance(log, { spend: inputs.spend })
    const rows = wa.chart(channels).data.values
    assert.deepEqual(rows.map((r) => r.registrations), channels.map((r) => r.registrations))
    assert.deepEqual(rows.map((r) => r.roas), channels.map((r) => r.roas ?? null))
    const card = wa.scorecard(log, { inputs })
    const bullets = wa.chart(card).data.values
    const scored = card.metrics.filter((m) => m.progress !== null && m.value !== null && m.status !== 'unknown')
    assert.deepEqual(bullets.map((b) => b.progress), scored.map((m) => Math.min(m.progress, 2)))
  })

  test(`${name}: an empty result charts as an empty chart with a note; bad options are named`, () => {
    const empty = wa.EventLog.fromRecords([], null, {})
    const spec = wa.chart(wa.trends(empty))
    assert.deepEqual(spec.data.values, [])
    assert.ok(spec.title.subtitle.length > 0)
    compiles(spec, 'empty trends')
    assert.throws(() => wa.chart(wa.summary(log)), (e) => e.code === 'invalid_parameter' && e.details.parameter === 'result')
    assert.throws(() => wa.chart(wa.funnel(log, steps), { lagn: 'es' }), (e) => e.details.parameter === 'lagn')
    assert.throws(() => wa.chart({}, { of: 'funnel' }), (e) => e.details.parameter === 'result.steps')
  })
}
