// The `promises` calls run on Node's worker pool: a server keeps answering during a long
// analysis, and a bad option rejects with the same coded error a synchronous call throws.
import { createRequire } from 'node:module'
import { test } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'

const require = createRequire(import.meta.url)
const wa = require('../../crates/node/main.js')

const STEPS = ['register', 'attend', 'purchase']

test('the event loop keeps answering HTTP while analyses of 10M events run', async () => {
  const demo = wa.demoCampaign({ contacts: 770_000, seed: 1 })
  assert.ok(demo.log.eventCount >= 10_000_000)
  const server = http.createServer((_, res) => res.end('ok'))
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  const ask = () =>
    new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject)
    })
  try {
    let settled = false
    const work = Promise.all([
      wa.promises.funnel(demo.log, STEPS, { window: '14d' }),
      wa.promises.retention(demo.log, { period: 'week' }),
      wa.promises.funnel(demo.log, STEPS, { window: '14d', breakdown: 'channel' }),
    ]).finally(() => {
      settled = true
    })
    let answered = 0
    while (!settled) {
      await ask()
      if (!settled) answered += 1
    }
    const [funnel] = await work
    assert.deepEqual(funnel, wa.funnel(demo.log, STEPS, { window: '14d' }))
    assert.ok(answered >= 3, `only ${answered} requests answered while the analyses ran`)
  } finally {
    server.close()
  }
})

test('a bad option rejects with the code and details of a synchronous call', async () => {
  const log = wa.demoCampaign({ contacts: 50, seed: 1 }).log
  await assert.rejects(wa.promises.funnel(log, STEPS, { windw: '14d' }), (err) => {
    assert.equal(err.code, 'invalid_parameter')
    assert.equal(err.details.parameter, 'windw')
    assert.match(err.message, /did you mean "window"/)
    return true
  })
})

test('every call of the package has its promise form', () => {
  const sync = Object.keys(wa).filter((k) => typeof wa[k] === 'function' && k in wa.promises)
  assert.ok(sync.length >= 25, `${sync.length} calls in promises`)
  for (const name of Object.keys(wa.promises)) assert.equal(typeof wa[name], 'function', name)
})
