// Saved logs from Node: `log.save(dir)` then `EventLog.open(dir)` (memory-mapped) gives the same
// log and the same funnel; a directory that is not a saved log is a typed error.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

const wa = createRequire(import.meta.url)('../../crates/node/main.js')

test('a saved log opens equal and analyses the same', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-node-store-'))
  try {
    const log = wa.demoCampaign({ contacts: 500, seed: 9 }).log
    log.save(join(dir, 'log'))
    const opened = wa.EventLog.open(join(dir, 'log'))
    assert.equal(opened.eventCount, log.eventCount)
    assert.equal(opened.personCount, log.personCount)
    const steps = ['page_view', 'register', 'attend', 'purchase']
    assert.deepStrictEqual(wa.funnel(opened, steps), wa.funnel(log, steps))
    assert.deepEqual(Buffer.from(opened.toArrow()), Buffer.from(log.toArrow()))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a directory that is not a saved log is a typed error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-node-store-'))
  try {
    assert.throws(() => wa.EventLog.open(join(dir, 'missing')), (e) => e.code === 'io')
    writeFileSync(join(dir, 'log.json'), '{"format": "something else"}')
    assert.throws(() => wa.EventLog.open(dir), (e) => e.code === 'arrow_format')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
