// Arrow IPC in and out with apache-arrow, and typed errors, through a JS front door (the Node
// addon or the WASM package).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

// apache-arrow is a dev dependency of the Node package; resolve it from there.
const require = createRequire(new URL('../../crates/node/package.json', import.meta.url))
const { Dictionary, Int32, Utf8, tableFromIPC, tableToIPC, Table, vectorFromArray } = require('apache-arrow')

export function runArrowTests(wa, label) {
  test(`${label}: arrow IPC round trip keeps the summary`, () => {
    const demo = wa.demoCampaign({ contacts: 200, seed: 9 })
    const events = demo.log.toArrow()
    const contacts = demo.log.contactsToArrow()
    assert.equal(tableFromIPC(events).numRows, demo.log.eventCount)
    const again = wa.EventLog.fromArrow(events, contacts)
    assert.deepStrictEqual(wa.summary(again), wa.summary(demo.log))
    assert.deepStrictEqual(JSON.parse(JSON.stringify(wa.summary(again))), wa.summary(demo.log))
  })

  test(`${label}: an apache-arrow table with dictionary events and ISO strings loads`, () => {
    const table = new Table({
      user_id: vectorFromArray(['ana', 'bo', 'ana'], new Utf8()),
      ts: vectorFromArray(['2024-03-01T10:00:00Z', '2024-03-01T11:00:00Z', '2024-03-02T09:00:00Z'], new Utf8()),
      event: vectorFromArray(['page_view', 'page_view', 'register'], new Dictionary(new Utf8(), new Int32())),
    })
    const log = wa.EventLog.fromArrow(tableToIPC(table))
    const s = wa.summary(log)
    assert.equal(s.persons, 2)
    assert.deepStrictEqual(s.kinds.map((k) => [k.kind, k.events, k.persons]), [['page_view', 2, 2], ['register', 1, 1]])
  })

  test(`${label}: append adds a day's events and contact updates to a log`, () => {
    const history = wa.EventLog.fromRecords(
      [
        { user_id: 'ana', ts: '2024-03-01T10:00:00Z', event: 'register' },
        { user_id: 'bo', ts: '2024-03-02T10:00:00Z', event: 'register' },
      ],
      [{ user_id: 'ana', registered_at: '2024-03-01T10:00:00Z', plan: 'free' }],
    )
    const today = wa.EventLog.fromRecords(
      [
        { user_id: 'ana', ts: '2024-03-03T10:00:00Z', event: 'purchase', value: 90 },
        { user_id: 'cy', ts: '2024-03-03T11:00:00Z', event: 'register' },
      ],
      [{ user_id: 'ana', registered_at: null, plan: 'pro' }],
    )
    const log = history.append(today)
    assert.deepStrictEqual([log.personCount, log.eventCount, history.eventCount], [3, 4, 2])
    const contacts = tableFromIPC(log.contactsToArrow())
    assert.equal(String(contacts.getChild('plan').get(0)), 'pro')
    const numbers = wa.EventLog.fromRecords([{ user_id: 1, ts: '2024-03-01T10:00:00Z', event: 'register' }])
    assert.throws(() => numbers.append(today), { code: 'id_type_mismatch' })
  })

  test(`${label}: bad input throws Errors with codes`, () => {
    const missing = new Table({ user_id: vectorFromArray(['a'], new Utf8()), event: vectorFromArray(['x'], new Utf8()) })
    assert.throws(() => wa.EventLog.fromArrow(tableToIPC(missing)), { code: 'missing_column' })
    assert.throws(() => wa.EventLog.fromArrow(new Uint8Array([1, 2, 3])), { code: 'arrow_format' })
    assert.throws(() => wa.EventLog.fromRecords([{ user_id: 1, ts: '2024-01-01', event: 'x', value: NaN }]), {
      code: 'non_finite_value',
    })
    assert.throws(() => wa.EventLog.fromRecords('nope'), { code: 'invalid_parameter' })
    assert.throws(() => wa.EventLog.fromRecords([], null, { tsUnit: 'minutes' }), { code: 'invalid_parameter' })
    assert.ok(wa.errorCodes().includes('null_value'))
  })
}
