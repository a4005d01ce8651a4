// A live webinar dashboard backend on Node's own `http`: events arrive as JSON, a
// `LiveScorecard` updates incrementally, the dashboard polls the counters.
//
//   POST /events     body: an array of events, or { "events": [...], "now": "<ISO time>" }
//                    -> 200 the update (accepted, late events, live status, alert events)
//   GET  /live       -> the live counters (viewers now, peak, drop, engagement, sections)
//   GET  /scorecard  -> the whole scorecard as of now
//
// Bad JSON -> 400, a body over the limit -> 413, data the library refuses -> 422 with its
// error code (nothing of that batch is applied). Run it:
//
//   node examples/live-server/server.mjs            (PORT, default 8787)
//   curl -d '[{"user_id":"ana","ts":"2024-03-14T16:00:00Z","event":"attend"}]' localhost:8787/events

import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const MAX_BODY_BYTES = 10 * 1024 * 1024

function send (res, status, body) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function readBody (req) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    req.on('data', (chunk) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error(`body over ${MAX_BODY_BYTES} bytes`), { status: 413 }))
        req.destroy()
      } else {
        chunks.push(chunk)
      }
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * An HTTP server around one LiveScorecard.
 * @param {object} wa the `webinar-analytics` package
 * @param {object} [options] `new LiveScorecard(options)`'s options (inputs, latenessSeconds, alerts, ...)
 */
export function createLiveServer (wa, options = {}) {
  const live = new wa.LiveScorecard(options)
  return createServer(async (req, res) => {
    try {
      if (req.method === 'POST' && req.url === '/events') {
        let payload
        try {
          payload = JSON.parse(await readBody(req))
        } catch (err) {
          if (err.status) throw err
          return send(res, 400, { code: 'invalid_json', message: err.message })
        }
        const { events, now } = Array.isArray(payload) ? { events: payload } : payload ?? {}
        if (!Array.isArray(events)) return send(res, 400, { code: 'invalid_json', message: 'expected an array of events' })
        const update = live.append(events, { now })
        return send(res, 200, { ...update, alerts: update.alerts?.events ?? [] })
      }
      if (req.method === 'GET' && req.url === '/live') return send(res, 200, live.status())
      if (req.method === 'GET' && req.url === '/scorecard') return send(res, 200, live.scorecard())
      return send(res, 404, { code: 'not_found', message: `${req.method} ${req.url}` })
    } catch (err) {
      if (err.status) return send(res, err.status, { code: 'payload_too_large', message: err.message })
      if (err.code) return send(res, 422, { code: err.code, message: err.message })
      return send(res, 500, { code: 'internal', message: String(err) })
    }
  })
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const require = createRequire(import.meta.url)
  const wa = require('../../crates/node/main.js')
  const port = Number(process.env.PORT ?? 8787)
  createLiveServer(wa, { latenessSeconds: 300, alerts: { rules: 'technical' } }).listen(port, '127.0.0.1', () => {
    console.log(`live scorecard on http://127.0.0.1:${port} (POST /events, GET /live, GET /scorecard)`)
  })
}
