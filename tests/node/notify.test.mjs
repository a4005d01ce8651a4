// Delivery from Node: a Notifier posts the plan of an alert engine to a webhook (a local HTTP
// server in a worker thread, since the native call blocks this one) with its idempotency key,
// retries a 503, and names bad options.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { once } from 'node:events'
import { test } from 'node:test'
import assert from 'node:assert/strict'

const require = createRequire(import.meta.url)
const wa = require('../../crates/node/main.js')

const SERVER = `
const { parentPort } = require('node:worker_threads')
const http = require('node:http')
const seen = []
const statuses = [503]
const server = http.createServer((req, res) => {
  let body = ''
  req.on('data', (chunk) => { body += chunk })
  req.on('end', () => {
    const status = statuses.length ? statuses.shift() : 200
    if (status === 200) seen.push({ key: req.headers['idempotency-key'], body: JSON.parse(body) })
    res.writeHead(status, { 'content-length': 0 }).end()
  })
})
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port))
parentPort.on('message', () => { parentPort.postMessage(seen); server.close(); parentPort.close() })
`

const RULES = [{ id: 'conversion', metric: 'conversion_rate', operator: '<', threshold: 25, severity: 'critical', message: 'Conversion below 25%' }]

test('a notifier delivers an engine plan to a webhook, retrying a 503', async () => {
  const worker = new Worker(SERVER, { eval: true })
  const [port] = await once(worker, 'message')
  const url = `http://127.0.0.1:${port}/hook`
  const policy = { escalation: { critical: { delaySeconds: 0, channels: ['slack', 'webhook'], recipients: ['#marketing'] } } }
  const engine = new wa.AlertEngine({ rules: RULES, policy })
  const notifier = wa.Notifier.open(':memory:', { webhooks: { slack: url, webhook: url }, timeoutSeconds: 5 })
  const at = new Date('2024-03-14T16:00:00Z')
  const update = engine.evaluate({ conversion_rate: 12 }, { at })
  assert.deepEqual(notifier.enqueue(update, { now: at }), { queued: 2, skipped: 0, duplicates: 0, cancelled: 0 })
  const first = notifier.runPending({ now: at })
  assert.equal(first.sent.length, 1)
  assert.equal(first.retrying[0].last_error, 'webhook answered HTTP 503')
  assert.equal(first.retrying[0].next_attempt_at, '2024-03-14T16:00:30Z')
  const second = notifier.runPending({ now: '2024-03-14T16:00:30Z' })
  assert.equal(second.sent.length, 1)
  worker.postMessage('done')
  const [seen] = await once(worker, 'message')
  assert.equal(seen.length, 2)
  const keys = new Set(notifier.outbox({ status: 'sent' }).map((m) => m.key))
  assert.deepEqual(new Set(seen.map((s) => s.key)), keys)
  const slack = seen.find((s) => 'text' in s.body && !('key' in s.body))
  assert.match(slack.body.text, /^\*\[CRITICAL\] Conversion below 25%\*/)
  const generic = seen.find((s) => 'key' in s.body)
  assert.equal(generic.body.severity, 'critical')
  assert.equal(generic.body.to, '#marketing')
})

test('bad notifier options name the option', () => {
  assert.throws(
    () => wa.Notifier.open(':memory:', { webhooks: { slack: 'ftp://example.com/hook' } }),
    (e) => e.code === 'invalid_parameter' && e.details.parameter === 'webhooks.slack',
  )
  assert.throws(
    () => wa.Notifier.open(':memory:', { retry: { maxAttempts: 0 } }),
    (e) => e.code === 'invalid_parameter' && e.details.parameter === 'retry.max_attempts',
  )
})
