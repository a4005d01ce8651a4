// Funnels through a JS front door (the Node addon or the WASM package): options in camelCase,
// partials that merge exactly, typed errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'

const STEPS = ['page_view', 'register', 'attend', 'purchase']

export function runFunnelTests(wa, label) {
  test(`${label}: funnel options and the per-step result`, () => {
    const demo = wa.demoCampaign({ contacts: 300, seed: 4 })
    const result = wa.funnel(demo.log, STEPS, { window: '14d', breakdown: 'channel', droppedIds: true })
    assert.equal(result.counts.length, 4)
    assert.equal(result.counts[0], 300)
    assert.deepStrictEqual(result.steps.map((s) => s.count), result.counts)
    const dropped = result.steps[1].dropped_ids
    assert.equal(dropped.length, result.steps[1].dropoff)
    const byChannel = result.breakdown.values.reduce((sum, g) => sum + g.counts[0], 0)
    assert.equal(byChannel, 300)
    const seconds = wa.funnel(demo.log, STEPS, { windowSeconds: 14 * 86400 })
    assert.deepStrictEqual(seconds.counts, result.counts)
  })

  test(`${label}: partials of disjoint persons merge into the full funnel`, () => {
    const records = [
      { user_id: 1, ts: '2024-03-01T10:00:00Z', event: 'page_view' },
      { user_id: 1, ts: '2024-03-01T10:05:00Z', event: 'register' },
      { user_id: 2, ts: '2024-03-01T11:00:00Z', event: 'page_view' },
      { user_id: 3, ts: '2024-03-02T11:00:00Z', event: 'page_view' },
      { user_id: 3, ts: '2024-03-02T11:01:00Z', event: 'register' },
    ]
    const low = wa.EventLog.fromRecords(records.filter((r) => r.user_id < 2))
    const high = wa.EventLog.fromRecords(records.filter((r) => r.user_id >= 2))
    const all = wa.EventLog.fromRecords(records)
    const options = { window: '1d', droppedIds: true }
    const steps = ['page_view', 'register']
    const parts = [wa.funnelPartial(high, steps, options), wa.funnelPartial(low, steps, options)]
    assert.deepStrictEqual(wa.mergeFunnelPartials(parts), wa.funnel(all, steps, options))
    assert.deepStrictEqual(wa.funnel(all, steps, options).steps[1].dropped_ids, [2])
    // The same as versioned bytes, and the retention and channel states too.
    const bytes = { ...options, asBytes: true }
    const states = [wa.funnelPartial(low, steps, bytes), wa.funnelPartial(high, steps, bytes)]
    assert.ok(states[0] instanceof Uint8Array)
    assert.deepStrictEqual(wa.mergeStates(states), wa.funnel(all, steps, options))
    const monthly = { period: 'month' }
    const monthlyBytes = { ...monthly, asBytes: true }
    const retention = wa.mergeStates([wa.retentionPartial(high, monthlyBytes), wa.retentionPartial(low, monthlyBytes)])
    assert.deepStrictEqual(retention, wa.retention(all, monthly))
    assert.throws(() => wa.mergeStates([states[0], wa.channelPartial(low, { asBytes: true })]), { code: 'invalid_parameter' })
    assert.throws(() => wa.mergeStates([new Uint8Array([1, 2, 3])]), { code: 'invalid_partial_state' })
  })

  test(`${label}: times are ISO strings or Dates`, () => {
    const log = wa.EventLog.fromRecords([
      { user_id: 1, ts: '2024-03-01T10:00:00Z', event: 'view' },
      { user_id: 2, ts: '2024-02-01T10:00:00Z', event: 'view' },
    ])
    const byText = wa.funnel(log, ['view', 'register'], { window: '1d', asOf: '2024-03-01T12:00:00Z' })
    const byDate = wa.funnel(log, ['view', 'register'], { window: '1d', asOf: new Date('2024-03-01T12:00:00Z') })
    assert.deepStrictEqual(byDate, byText)
    assert.equal(byDate.steps[1].in_progress, 1)
    const entered = wa.funnel(log, ['view'], { entryFrom: new Date('2024-02-15T00:00:00Z') })
    assert.deepStrictEqual(entered.counts, [1])
    assert.throws(() => wa.funnel(log, ['view'], { asOf: new Date('nope') }), { code: 'invalid_parameter' })
  })

  test(`${label}: bad funnel options throw Errors with codes`, () => {
    const log = wa.EventLog.fromRecords([{ user_id: 1, ts: '2024-03-01T10:00:00Z', event: 'view' }])
    assert.throws(() => wa.funnel(log, [], null), { code: 'invalid_parameter' })
    assert.throws(() => wa.funnel(log, ['view'], { window: '3 fortnights' }), { code: 'invalid_parameter' })
    assert.throws(() => wa.funnel(log, ['view'], { order: 'sideways' }), { code: 'invalid_parameter' })
    assert.throws(() => wa.funnel(log, [{ event: 'view', properties: { page: '/' } }]), { code: 'missing_column' })
    assert.throws(() => wa.mergeFunnelPartials([]), { code: 'invalid_parameter' })
  })

  test(`${label}: one contract: JS values converted once, errors with the option's path`, () => {
    const log = wa.EventLog.fromRecords([
      { user_id: 1, ts: '2024-03-01T10:00:00Z', event: 'page_view' },
      { user_id: 1, ts: '2024-03-01T10:30:00Z', event: 'register' },
      { user_id: 2, ts: '2024-03-01T11:00:00Z', event: 'page_view' },
      { user_id: 2, ts: '2024-03-01T13:00:00Z', event: 'register' },
    ])
    const hour = wa.funnel(log, ['page_view', { event: 'register', windowSeconds: 3600n }], {
      window_seconds: 86400n,
      as_of: new Date('2024-03-31T00:00:00Z'),
    })
    assert.deepStrictEqual(hour.counts, [2, 1])
    const misspelt = (fn) => {
      try {
        fn()
      } catch (e) {
        return [e.code, e.details.parameter, e.message]
      }
      return null
    }
    const [code, path, message] = misspelt(() => wa.funnel(log, ['page_view'], { windw: '1d' }))
    assert.equal(code, 'invalid_parameter')
    assert.equal(path, 'windw')
    assert.match(message, /did you mean "window"\?/)
    const inStep = misspelt(() => wa.funnel(log, ['page_view', { event: 'register', windw: '1h' }]))
    assert.deepStrictEqual(inStep.slice(0, 2), ['invalid_parameter', 'steps[1].windw'])
    const badDate = misspelt(() => wa.funnel(log, ['page_view'], { exclusions: [{ event: 'x', asOf: new Date('x') }] }))
    assert.deepStrictEqual(badDate.slice(0, 2), ['invalid_parameter', 'exclusions[0].asOf'])
    const nan = misspelt(() => wa.sampleSize(0.1, Number.NaN))
    assert.deepStrictEqual(nan.slice(0, 2), ['invalid_parameter', 'target'])
    const bare = misspelt(() => wa.funnel(log, ['page_view'], { window: 14 }))
    assert.deepStrictEqual(bare.slice(0, 2), ['invalid_parameter', 'window'])
    assert.ok(misspelt(() => wa.audience(log, ['industry'], { byy: 1 }))[2].includes('byy'))
  })

  test(`${label}: event roles mapped once to the log's own names are counted everywhere`, () => {
    const events = [
      { user_id: 1, ts: '2024-03-01T10:00:00Z', event: 'page_view' },
      { user_id: 1, ts: '2024-03-01T10:05:00Z', event: 'sign_up' },
      { user_id: 1, ts: '2024-03-01T12:00:00Z', event: 'payment_done', value: 100 },
      { user_id: 2, ts: '2024-03-02T09:00:00Z', event: 'sign_up' },
    ]
    const kinds = { register: 'sign_up', purchase: 'payment_done' }
    const log = wa.EventLog.fromRecords(events, null, { kinds })
    assert.deepStrictEqual(log.kindsMap, kinds)
    const values = Object.fromEntries(wa.scorecard(log).metrics.map((m) => [m.id, m.value]))
    assert.deepStrictEqual([values.registrations, values.conversions, values.revenue], [2, 1, 100])
    assert.deepStrictEqual(wa.funnel(log, ['register', 'purchase']).counts, [2, 1])
    const later = wa.EventLog.fromRecords(events).withKinds(kinds)
    assert.deepStrictEqual(wa.scorecard(later), wa.scorecard(log))
    assert.throws(() => wa.EventLog.fromRecords(events, null, { kinds: { registr: 'sign_up' } }), (e) => e.details.parameter === 'kinds.registr')
  })

  test(`${label}: a step naming an absent event answers and warns`, () => {
    const log = wa.EventLog.fromRecords([
      { user_id: 1, ts: '2024-03-01T10:00:00Z', event: 'page_view' },
      { user_id: 1, ts: '2024-03-01T10:30:00Z', event: 'register' },
    ])
    const result = wa.funnel(log, ['page_view', 'registr'], { window: '1d' })
    assert.deepStrictEqual(result.counts, [1, 0])
    assert.deepStrictEqual(result.warnings.map((w) => [w.code, w.parameter]), [['absent_event', 'steps[1]']])
    assert.match(result.warnings[0].message, /did you mean "register"\?/)
    assert.equal(wa.funnel(log, ['page_view', 'register']).warnings, undefined)
  })

  test(`${label}: a file read as bytes or text is the same log; a wrong type is a short typed error`, () => {
    const csv = 'user_id,ts,event\n1,2024-03-01T10:00:00Z,page_view\n1,2024-03-01T10:05:00Z,register\n'
    const fromText = wa.EventLog.fromCsv(csv)
    const fromBytes = wa.EventLog.fromCsv(new TextEncoder().encode(csv))
    assert.deepStrictEqual(wa.summary(fromBytes), wa.summary(fromText))
    const big = new Uint8Array(2_000_000).fill(65)
    for (const wrong of [42, { rows: big }]) {
      const error = (() => {
        try {
          wa.EventLog.fromCsv(wrong)
        } catch (e) {
          return e
        }
      })()
      assert.ok(error instanceof Error, `${label}: ${typeof wrong} accepted`)
      assert.ok(error.message.length <= 300, `${label}: ${error.message.length} characters`)
      assert.ok(error.code && error.details?.parameter === 'events', `${label}: ${error.code} ${error.message}`)
    }
  })
}
