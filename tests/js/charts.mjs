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

/** The values of every layer and panel of `spec`. */
function rows(spec) {
  return [spec, ...(spec.vconcat ?? [])].flatMap((s) => s.data?.values ?? [])
}

export function runChartTests(wa, name) {
  const demo = wa.demoCampaign({ contacts: 1500, seed: 3 })
  const log = demo.log
  const inputs = demo.inputsDict ? demo.inputsDict() : demo.inputs()
  const steps = ['page_view', 'register', 'attend', 'purchase']
  const results = () => {
    const out = {
      funnel: wa.funnel(log, steps, { window: '14d' }),
      funnelBreakdown: wa.funnel(log, steps, { window: '14d', breakdown: 'channel' }),
      funnelTrend: wa.funnel(log, steps, { window: '14d', trend: 'week' }),
      funnelInProgress: wa.funnel(log, steps, { window: '30d', asOf: '2024-03-20T00:00:00Z' }),
      retention: wa.retention(log, { period: 'week' }),
      trends: wa.trends(log, { period: 'week' }),
      channels: wa.channelPerformance(log),
      channelsSpend: wa.channelPerformance(log, { spend: inputs.spend }),
      scorecard: wa.scorecard(log, { inputs }),
      attendance: wa.attendance(log, { agenda: inputs.agenda }),
      experiment: wa.analyzeExperiment([{ variant: 'A', n: 400, conversions: 48 }, { variant: 'B', n: 410, conversions: 66 }]),
      segments: wa.segmentAudience(log, { nClusters: 3, seed: 1 }),
      timeToConvert: wa.funnel(log, steps, { window: '14d' }).steps[3].time_to_convert,
      change: wa.explainChange(log, ['register', 'purchase'], ['2024-02-12T00:00:00Z', '2024-02-25T23:59:59Z'],
        ['2024-02-26T00:00:00Z', '2024-03-10T23:59:59Z'], { breakdown: 'channel' }),
    }
    for (const kind of ['executive', 'operational']) {
      for (const section of wa.dashboard(log, { kind, inputs }).sections) {
        for (const widget of section.widgets) {
          if (!['metric_card', 'real_time_counter'].includes(widget.type)) out[`${kind}:${widget.id}`] = widget
        }
      }
    }
    return out
  }

  test(`${name}: every chart is valid Vega-Lite v5 and compiles without warnings`, () => {
    for (const [key, result] of Object.entries(results())) {
      compiles(wa.chart(result), key)
      compiles(wa.chart(result, { lang: 'es', title: 'Título' }), `${key} (es)`)
    }
  })

  test(`${name}: every chart is also a static SVG with text`, () => {
    for (const [key, result] of Object.entries(results())) {
      const svg = wa.chart(result, { format: 'svg' })
      assert.equal(typeof svg, 'string', key)
      assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>.*<\/svg>$/s, key)
      assert.match(svg, /<text /, key)
    }
  })

  test(`${name}: results draw themselves with chart(), and stay plain JSON`, () => {
    const funnel = wa.funnel(log, steps, { window: '14d' })
    assert.deepEqual(funnel.chart({ lang: 'es' }), wa.chart(funnel, { lang: 'es' }))
    assert.match(funnel.chart({ format: 'svg' }), /^<svg/)
    assert.equal(Object.keys(funnel).includes('chart'), false)
    assert.equal(JSON.stringify(funnel).includes('chart'), false)
    const channels = wa.channelPerformance(log)
    assert.equal(channels.chart().title.text, 'Channel performance')
    assert.equal(wa.summary(log).chart, undefined)
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

  test(`${name}: every chart carries the result's numbers`, () => {
    const retention = wa.retention(log, { period: 'week' })
    for (const cell of wa.chart(retention).data.values) {
      assert.equal(cell.value, retention.rates[cell.row_order][cell.column_order])
    }
    const trends = wa.trends(log, { period: 'week' })
    const [counts, money] = wa.chart(trends).vconcat.map((p) => p.data.values)
    assert.deepEqual(money.map((p) => p.y), trends.series.map((p) => p.revenue))
    assert.deepEqual(counts.filter((p) => p.series === 'Registrations').map((p) => p.y), trends.series.map((p) => p.registrations))
    const channels = wa.channelPerformance(log, { spend: inputs.spend })
    const panels = wa.chart(channels).vconcat
    assert.deepEqual(panels[0].data.values.map((r) => r.value), channels.map((r) => r.registrations))
    const roas = panels.find((p) => p.title.text === 'ROAS').data.values
    assert.deepEqual(roas.map((r) => r.value), channels.filter((r) => r.roas != null).map((r) => r.roas))
    const card = wa.scorecard(log, { inputs })
    const bullets = wa.chart(card).data.values
    const scored = card.metrics.filter((m) => m.progress !== null && m.value !== null && m.status !== 'unknown')
    assert.deepEqual(bullets.map((b) => b.value), scored.map((m) => Math.min(m.progress, 2)))
    const experiment = wa.analyzeExperiment([{ variant: 'A', n: 400, conversions: 48 }, { variant: 'B', n: 410, conversions: 66 }])
    const bars = wa.chart(experiment).data.values
    assert.deepEqual(bars.map((b) => [b.value, b.low, b.high]), experiment.variants.map((v) => [v.conversion_rate, v.rate_ci_low, v.rate_ci_high]))
    const attendance = wa.attendance(log, { agenda: inputs.agenda })
    const [viewers, sections] = wa.chart(attendance).vconcat
    const line = viewers.data.values
    assert.deepEqual(line.map((p) => p.y), attendance.timeline.map((p) => p.viewers))
    assert.deepEqual(line.map((p) => p.x), attendance.timeline.map((p) => Date.parse(p.ts)))
    assert.deepEqual(sections.data.values.map((s) => s.value), attendance.sections.map((s) => s.retention_percent))
    const timing = wa.funnel(log, steps, { window: '14d', bins: 8 }).steps[3].time_to_convert
    const [histogram, survival] = wa.chart(timing).vconcat
    assert.deepEqual(histogram.data.values.map((b) => b.value), timing.histogram.counts)
    assert.deepEqual(survival.data.values.map((p) => p.y), timing.survival.map((p) => p.not_converted))
  })

  test(`${name}: an empty result charts as an empty chart with a note; bad options are named`, () => {
    const empty = wa.EventLog.fromRecords([], null, {})
    const spec = wa.chart(wa.trends(empty))
    assert.deepEqual(rows(spec), [])
    assert.ok(spec.title.subtitle.length > 0)
    compiles(spec, 'empty trends')
    assert.match(wa.chart(wa.trends(empty), { format: 'svg' }), /<svg/)
    assert.throws(() => wa.chart(wa.summary(log)), (e) => e.code === 'invalid_parameter' && e.details.parameter === 'result')
    assert.throws(() => wa.chart(wa.funnel(log, steps), { lagn: 'es' }), (e) => e.details.parameter === 'lagn')
    assert.throws(() => wa.chart(wa.funnel(log, steps), { format: 'png' }), (e) => e.details.parameter === 'format')
    assert.throws(() => wa.chart({}, { of: 'funnel' }), (e) => e.details.parameter === 'result.steps')
  })
}
