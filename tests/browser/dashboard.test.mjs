// End-to-end: the browser dashboard example (examples/browser-dashboard), driven in headless
// Chromium by playwright-core. The numbers it renders (computed in the page by the WASM
// package) must equal the Node package's on the same data. Screenshots go to target/screenshots.
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { launchChromium, serveStatic } from '../js/static.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(join(root, 'crates/node/package.json'))
const wa = require(join(root, 'crates/node/main.js'))

const shots = join(root, 'target/screenshots')

let server
let browser
let base

before(async () => {
  let url
  ;({ server, base: url } = await serveStatic(root))
  base = `${url}examples/browser-dashboard/`
  browser = await launchChromium()
  mkdirSync(shots, { recursive: true })
})

after(async () => {
  await browser?.close()
  server?.close()
})

async function openPage() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
  const errors = []
  page.on('pageerror', (err) => errors.push(err))
  await page.goto(base)
  await page.waitForSelector('body[data-ready="idle"]')
  return { page, errors }
}

/** Every value the page renders, by widget. */
async function rendered(page) {
  return page.evaluate(() => {
    const num = (text) => (text === 'null' ? null : Number(text))
    const cards = Object.fromEntries([...document.querySelectorAll('.card[data-metric]')].map((c) => [c.dataset.metric, num(c.dataset.value)]))
    const widgets = [...document.querySelectorAll('[data-widget]')].map((w) => w.dataset.type)
    // Each chart widget: drawn by vega-embed as SVG marks, from the spec the page kept.
    const drawings = Object.fromEntries([...document.querySelectorAll('[data-widget]')].map((w) => [
      w.dataset.widget, { drawn: w.querySelector('.chart')?.dataset.drawn, marks: w.querySelectorAll('svg.marks').length }]))
    const alerts = [...document.querySelectorAll('#alerts li[data-rule]')].map((li) => li.dataset.rule)
    return { cards, widgets, drawings, specs: globalThis.dashboardSpecs, alerts }
  })
}

/** The same values from the Node package's dashboard. */
function expected(board, lang = 'en') {
  const widgets = board.sections.flatMap((s) => s.widgets)
  const cards = Object.fromEntries(widgets.filter((w) => w.type === 'metric_card' || w.type === 'real_time_counter').map((w) => [w.metric, w.value]))
  const charts = widgets.filter((w) => !['metric_card', 'real_time_counter'].includes(w.type))
  const specs = Object.fromEntries(charts.map((w) => [w.id, wa.chart(w, { lang })]))
  return { cards, specs, alerts: board.alerts.map((a) => a.id) }
}

/** At a phone's width the page does not scroll sideways; screenshots at both sizes. */
async function fitsPhoneAndDesktop(page, name) {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.screenshot({ path: join(shots, `${name}-1280.png`), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.waitForTimeout(100)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  await page.screenshot({ path: join(shots, `${name}-390.png`), fullPage: true })
  assert.ok(width <= 390, `${name} is ${width} px wide on a 390 px phone`)
  await page.setViewportSize({ width: 1280, height: 1000 })
}

test('the demo campaign: every widget of the executive dashboard, with the library\'s numbers', async () => {
  const { page, errors } = await openPage()
  await page.fill('#contacts', '2000')
  await page.fill('#seed', '42')
  await page.click('#load-demo')
  await page.waitForSelector('body[data-ready="true"]')
  const got = await rendered(page)
  const demo = wa.demoCampaign({ contacts: 2000, seed: 42 })
  const want = expected(wa.dashboard(demo.log, { kind: 'executive', inputs: demo.inputsDict() }))
  assert.deepEqual(got.cards, want.cards)
  assert.deepEqual(Object.keys(got.cards).sort(), ['conversion_rate', 'cost_per_lead', 'revenue', 'roi_percent'])
  assert.deepEqual(got.specs, want.specs)
  const stages = got.specs.conversion_funnel.data.values.map((v) => v.category)
  assert.equal(stages.length, 5)
  assert.deepEqual(got.alerts, want.alerts)
  assert.deepEqual(got.widgets.sort(), ['bar_chart', 'funnel_chart', 'line_chart'])
  for (const [id, drawing] of Object.entries(got.drawings)) {
    assert.equal(drawing.drawn, 'vega', id)
    assert.equal(drawing.marks, 1, id)
  }
  await fitsPhoneAndDesktop(page, 'dashboard-executive')

  await page.selectOption('#kind', 'operational')
  await page.selectOption('#lang', 'es')
  await page.waitForSelector('[data-widget="engagement_by_section"] .chart[data-drawn="vega"]')
  const operational = await rendered(page)
  const wantOperational = expected(wa.dashboard(demo.log, { kind: 'operational', inputs: demo.inputsDict() }), 'es')
  assert.deepEqual(operational.cards, wantOperational.cards)
  assert.deepEqual(operational.specs, wantOperational.specs)
  assert.deepEqual(operational.widgets.sort(), ['bar_chart', 'heatmap', 'line_chart', 'pie_chart'])
  assert.equal(await page.textContent('#title'), 'Dashboard operativo')
  await fitsPhoneAndDesktop(page, 'dashboard-operational-es')
  assert.deepEqual(errors, [])
  await page.close()
})

test('an events CSV picked from disk, and a bad one', async () => {
  const dir = join(tmpdir(), `wa-browser-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const csv = [
    'user_id,ts,event,value',
    'ana,2024-03-01T10:00:00Z,page_view,',
    'ana,2024-03-02T10:00:00Z,register,',
    'ana,2024-03-14T16:01:00Z,attend,',
    'ana,2024-03-14T17:00:00Z,leave,',
    'ana,2024-03-15T09:00:00Z,purchase,249',
    'ben,2024-03-03T11:00:00Z,register,',
    'ben,2024-03-14T16:05:00Z,attend,',
    'ben,2024-03-14T16:35:00Z,leave,',
    'cy,2024-03-04T12:00:00Z,register,',
  ].join('\n')
  writeFileSync(join(dir, 'events.csv'), csv)
  writeFileSync(join(dir, 'bad.csv'), 'user_id,event\nana,register\n')
  const { page, errors } = await openPage()
  await page.setInputFiles('#events-file', join(dir, 'events.csv'))
  await page.waitForSelector('body[data-ready="true"]')
  const got = await rendered(page)
  const log = wa.EventLog.fromCsv(csv, null, null)
  assert.deepEqual(got.cards, expected(wa.dashboard(log, { kind: 'executive' })).cards)
  // One purchase among two attendees.
  assert.equal(got.cards.conversion_rate, 50)
  await page.setInputFiles('#events-file', join(dir, 'bad.csv'))
  await page.waitForSelector('body[data-ready="error"]')
  assert.match(await page.textContent('#status'), /^missing_column: /)
  assert.deepEqual(errors, [])
  await page.close()
})

test('the HTML report: self-contained, readable without JavaScript, every executive widget', async () => {
  const demo = wa.demoCampaign({ contacts: 2000, seed: 42 })
  const report = wa.report(demo.log, { kind: 'monthly', inputs: demo.inputsDict() })
  const html = report.toHtml()
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
  const path = join(shots, 'report-monthly.html')
  writeFileSync(path, html)
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } })
  const page = await context.newPage()
  await page.goto(`file://${path}`)
  const cards = await page.$$eval('.card[data-metric]', (all) => all.map((c) => c.dataset.metric))
  assert.deepEqual(cards.slice(0, 4), ['total_revenue', 'roi', 'conversion', 'cost_per_lead'])
  for (const id of ['funnel', 'channels', 'trends']) assert.equal(await page.locator(`#${id} svg`).count(), 1, id)
  const revenue = report.toDict().sections[1].cards[0].value
  assert.match(await page.textContent('.card[data-metric="total_revenue"] .value'), new RegExp(revenue.toLocaleString('en-US', { minimumFractionDigits: 2 }).replace('.', '\\.')))
  await page.screenshot({ path: join(shots, 'report-monthly.png'), fullPage: true })
  await context.close()
  // On a phone: no horizontal scrolling of the page (a wide table scrolls inside its own box).
  const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } })
  const small = await phone.newPage()
  await small.goto(`file://${path}`)
  assert.ok(await small.evaluate(() => document.documentElement.scrollWidth) <= 390, 'the report is wider than a 390 px phone')
  await small.screenshot({ path: join(shots, 'report-monthly-390.png'), fullPage: true })
  await phone.close()
})
