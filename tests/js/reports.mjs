// Alerts, dashboards, reports and schedules through a JS package (Node or WASM): Dates, errors,
// rendering. The golden vectors check the numbers.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

export function runReportTests(wa, label) {
  test(`${label}: alert engine takes Dates, keeps state, names bad rules`, () => {
    const engine = new wa.AlertEngine({ rules: 'technical', policy: { cooldownSeconds: 600 } })
    const first = engine.evaluate({ website_uptime: 97 }, { at: new Date('2024-03-14T16:00:00Z') })
    assert.equal(first.events[0].kind, 'fired')
    assert.equal(first.send.length, 6)
    const saved = wa.AlertEngine.fromJson(engine.toJson())
    const reminder = saved.evaluate({ website_uptime: 97 }, { at: '2024-03-14T16:10:00Z' })
    assert.equal(reminder.events[0].kind, 'reminder')
    assert.throws(() => saved.evaluate({ website_uptime: 97 }, { at: '2024-03-14T15:00:00Z' }), (err) => err.code === 'invalid_parameter')
    assert.throws(
      () => new wa.AlertEngine({ rules: [{ metric: 'roas', operator: '=>', threshold: 1 }] }),
      (err) => err.code === 'invalid_parameter' && /rules\[0\]\.operator/.test(err.message),
    )
    assert.deepEqual(wa.evaluateAlerts({ roas: 0.5 }, [{ metric: 'roas', operator: '<', threshold: 1 }])[0].state, 'firing')
  })

  if (label === 'wasm') {
    test('wasm: the browser package plans notifications and says it does not send them', () => {
      assert.throws(() => wa.Notifier.open(':memory:'), (err) => err.code === 'invalid_parameter' && /does not send them/.test(err.message))
    })
  }

  test(`${label}: dashboard and report of the demo`, () => {
    const demo = wa.demoCampaign({ contacts: 500, seed: 4 })
    const board = wa.dashboard(demo.log, { kind: 'executive', inputs: demo.inputsDict(), asOf: new Date('2024-03-31T00:00:00Z') })
    assert.equal(board.as_of, '2024-03-31T00:00:00Z')
    assert.equal(board.compared_with, '2024-03-24T00:00:00Z')
    const report = wa.report(demo.log, { kind: 'daily', lang: 'es', inputs: demo.inputsDict() })
    assert.equal(report.toDict().title, 'Reporte diario')
    assert.match(report.toHtml(), /^<!DOCTYPE html>[\s\S]*<svg/)
    assert.deepEqual(wa.scheduleRuns({ kind: 'weekly', after: new Date('2024-03-27T12:00:00Z'), count: 1, tz: 'Europe/Madrid' }), ['2024-04-01T07:00:00Z'])
    assert.throws(() => wa.dashboard(demo.log, { kind: 'finance' }), (err) => err.code === 'invalid_parameter')
  })

  test(`${label}: a bad export in a campaign is named in the error`, () => {
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/ads/google_ads_bad_cost.csv', import.meta.url)))
    const named = (err) => err.code === 'csv_format' && err.details.file === 'google_ads_bad_cost.csv' && err.details.line === 4
    assert.throws(() => new wa.Campaign([{ kind: 'ad_report', bytes, name: 'google_ads_bad_cost.csv' }], null), named)
    assert.throws(() => new wa.Campaign([{ kind: 'ad_report', bytes }], null), (err) => err.details.file === 'ad_report (source 1)')
  })
}
