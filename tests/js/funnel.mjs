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
    const states = [wa.funnelState(low, steps, options), wa.funnelState(high, steps, options)]
    assert.ok(states[0] instanceof Uint8Array)
    assert.deepStrictEqual(wa.mergeStates(states, null), wa.funnel(all, steps, options))
    const monthly = { period: 'month' }
    const retention = wa.mergeStates([wa.retentionState(high, monthly), wa.retentionState(low, monthly)], null)
    assert.deepStrictEqual(retention, wa.retention(all, monthly))
    assert.throws(() => wa.mergeStates([states[0], wa.channelState(low, null)], null), { code: 'invalid_parameter' })
    assert.throws(() => wa.mergeStates([new Uint8Array([1, 2, 3])], null), { code: 'invalid_partial_state' })
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
}
