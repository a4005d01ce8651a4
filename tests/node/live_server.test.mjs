// The live-server example on loopback: a burst of concurrent POSTs, then the counters.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { createLiveServer } from '../../examples/live-server/server.mjs'

const require = createRequire(import.meta.url)
const wa = require('../../crates/node/main.js')
const START = Date.parse('2024-03-14T16:00:00Z')
const iso = (minutes) => new Date(START + minutes * 60_000).toISOString().replace('.000Z', 'Z')

async function withServer (options, body) {
  const server = createLiveServer(wa, options)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  try {
    await body(base)
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}

const post = (base, payload) =>
  fetch(`${base}/events`, { method: 'POST', body: typeof payload === 'string' ? payload : JSON.stringify(payload) })

test('a burst of concurrent posts gives the counters computed by hand', async () => {
  await withServer({ latenessSeconds: 3600 }, async (base) => {
    // 200 viewers join at minute i % 30; the even ones leave at minute 40 + i % 10; each chats once.
    const events = []
    for (let i = 0; i < 200; i++) {
      events.push({ user_id: i, ts: iso(i % 30), event: 'attend' })
      events.push({ user_id: i, ts: iso(35), event: 'chat' })
      if (i % 2 === 0) events.push({ user_id: i, ts: iso(40 + (i % 10)), event: 'leave' })
    }
    // Shuffled (seeded) and posted as 60 concurrent requests.
    let seed = 7
    for (let i = events.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      const j = seed % (i + 1);
      [events[i], events[j]] = [events[j], events[i]]
    }
    const chunks = Array.from({ length: 60 }, (_, k) => events.filter((_, i) => i % 60 === k))
    const responses = await Promise.all(chunks.map((chunk) => post(base, chunk)))
    assert.deepEqual(responses.map((r) => r.status), Array(60).fill(200))
    const updates = await Promise.all(responses.map((r) => r.json()))
    assert.equal(updates.reduce((n, u) => n + u.accepted, 0), events.length)
    const live = await (await fetch(`${base}/live`)).json()
    assert.equal(live.events, events.length)
    assert.equal(live.attendees, 200)
    // The last leave is at 16:48 (i = 8, 18, ...): "now".
    assert.equal(live.as_of, iso(48))
    // Just before it, the 100 odd viewers and the 20 leaving at 16:48 are watching.
    assert.equal(live.current_viewers, 100 + 20)
    // Everyone has joined by 16:29 and nobody leaves before 16:40.
    assert.equal(live.peak_viewers, 200)
    assert.equal(live.peak_at, iso(29))
    assert.equal(live.attendance_drop, 40)
    const card = await (await fetch(`${base}/scorecard`)).json()
    const metric = (id) => card.metrics.find((m) => m.id === id).value
    assert.equal(metric('attendance'), 200)
    assert.equal(metric('chat_participation'), 100)
  })
})

test('late events are reported, bad payloads refused without applying anything', async () => {
  await withServer({ latenessSeconds: 60, alerts: { rules: [{ id: 'drop', metric: 'attendance_drop', operator: '>', threshold: 40, severity: 'critical' }] } }, async (base) => {
    let update = await (await post(base, [{ user_id: 'a', ts: iso(0), event: 'attend' }, { user_id: 'b', ts: iso(1), event: 'attend' }])).json()
    assert.deepEqual(update.alerts, [])
    update = await (await post(base, { events: [{ user_id: 'a', ts: iso(10), event: 'leave' }, { user_id: 'c', ts: iso(-5), event: 'attend' }], now: iso(12) })).json()
    assert.equal(update.accepted, 1)
    assert.deepEqual(update.late, [{ user_id: 'c', ts: iso(-5), event: 'attend' }])
    assert.equal(update.status.current_viewers, 1)
    assert.deepEqual(update.alerts.map((e) => [e.kind, e.rule_id]), [['fired', 'drop']])
    const before = await (await fetch(`${base}/live`)).json()
    let res = await post(base, '{not json')
    assert.equal(res.status, 400)
    res = await post(base, [{ user_id: 'd', ts: 'yesterday', event: 'attend' }])
    assert.equal(res.status, 422)
    assert.equal((await res.json()).code, 'invalid_timestamp')
    res = await post(base, [{ user_id: 5, ts: iso(13), event: 'attend' }])
    assert.equal((await res.json()).code, 'id_type_mismatch')
    assert.deepEqual(await (await fetch(`${base}/live`)).json(), before)
    assert.equal((await fetch(`${base}/nowhere`)).status, 404)
  })
})
