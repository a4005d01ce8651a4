// The seed's dashboards computed in the browser by webinar-analytics-wasm: the built-in demo
// campaign, or an events CSV (and optional contacts CSV) picked from disk. Plain ES module, no
// build step: `make dashboard-assets` copies vega-embed into ./vendor; serve the repository root
// and open /examples/browser-dashboard/. Readable from a 390 px phone to a desktop.
import init, * as wa from '../../crates/wasm/pkg/index.js'

const SVG = 'http://www.w3.org/2000/svg'
const $ = (id) => document.getElementById(id)

/** The loaded data: an event log and the scorecard inputs (spend, email sends, agenda). */
let current = null

function el(tag, attrs = {}, children = []) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'text') node.textContent = value
    else node.setAttribute(key, value)
  }
  for (const child of children) node.append(child)
  return node
}

const lang = () => $('lang').value
const pick = (item, field) => item[`${field}_${lang()}`] ?? item[`${field}_en`]

function formatValue(value, unit) {
  if (value === null || value === undefined) return '—'
  const digits = unit === 'count' || unit === 'people' ? 0 : unit === 'currency' ? 2 : 1
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
  return unit === 'percent' ? `${text}%` : text
}

function metricCard(widget) {
  const change = widget.change_percent === null ? '' : `${widget.change_percent > 0 ? '+' : ''}${widget.change_percent.toFixed(1)}%`
  const arrow = { up: '▲', down: '▼', flat: '■' }[widget.trend] ?? ''
  return el('div', { class: 'card', 'data-metric': widget.metric, 'data-value': String(widget.value) }, [
    el('div', { class: 'label', text: pick(widget, 'title') }),
    el('div', { class: 'value', text: formatValue(widget.value, widget.unit) }),
    el('div', { class: `change ${widget.trend ?? ''}`, text: `${arrow} ${change}` }),
    el('div', {
      class: 'status',
      text: `${lang() === 'es' ? 'objetivo' : 'target'} ${formatValue(widget.target, widget.unit)} · ${widget.status.replace('_', ' ')}`,
    }),
  ])
}

/**
 * A chart widget: the library's own chart of it (`wa.chart`, the same Vega-Lite spec a notebook
 * draws), drawn by vega-embed (served from ./vendor, no CDN). Without vega-embed, the library's
 * static SVG of the same chart.
 */
function chartWidget(widget) {
  const box = el('div', { class: 'chart' })
  const spec = wa.chart(widget, { lang: lang() })
  drawn[widget.id] = spec
  if (globalThis.vegaEmbed) {
    const done = globalThis.vegaEmbed(box, spec, { actions: false, renderer: 'svg' })
    pending.push(done.then(() => box.setAttribute('data-drawn', 'vega')))
  } else {
    box.innerHTML = wa.chart(widget, { lang: lang(), format: 'svg' })
    box.setAttribute('data-drawn', 'svg')
  }
  return box
}

/** Specs drawn by widget id, and the drawings still under way (the tests read both). */
let drawn = {}
let pending = []

function counter(widget) {
  const progress = widget.progress === null ? '—' : `${(widget.progress * 100).toFixed(1)}%`
  return el('div', { class: 'card', 'data-metric': widget.metric, 'data-value': String(widget.value) }, [
    el('div', { class: 'label', text: pick(widget, 'title') }),
    el('div', { class: 'value', text: formatValue(widget.value, 'count') }),
    el('div', { class: 'status', text: `${formatValue(widget.target, 'count')} · ${progress}` }),
  ])
}

const RENDER = {
  metric_card: metricCard, funnel_chart: chartWidget, bar_chart: chartWidget, line_chart: chartWidget,
  heatmap: chartWidget, pie_chart: chartWidget, real_time_counter: counter,
}

async function render(board) {
  drawn = {}
  pending = []
  globalThis.dashboardSpecs = drawn
  $('title').textContent = pick(board, 'title')
  document.documentElement.lang = lang()
  const main = $('dashboard')
  main.replaceChildren()
  for (const section of board.sections) {
    const cards = section.widgets.filter((w) => w.type === 'metric_card' || w.type === 'real_time_counter')
    const others = section.widgets.filter((w) => !cards.includes(w))
    const box = el('section', { class: `section ${section.position}`, 'data-section': section.id }, [el('h2', { text: pick(section, 'name') })])
    if (cards.length) box.append(el('div', { class: 'cards' }, cards.map((w) => RENDER[w.type](w))))
    for (const widget of others) {
      // The chart carries its own title.
      box.append(el('div', { class: 'widget', 'data-widget': widget.id, 'data-type': widget.type }, [RENDER[widget.type](widget)]))
    }
    main.append(box)
  }
  $('alerts-title').textContent = lang() === 'es' ? 'Alertas' : 'Alerts'
  const alerts = board.alerts.length
    ? board.alerts.map((a) => el('li', { class: a.severity, 'data-rule': a.id, text: `[${a.severity}] ${pick(a, 'message')} (${a.metric} = ${formatValue(a.value, 'ratio')})` }))
    : [el('li', { text: lang() === 'es' ? 'No hay alertas activas.' : 'No alert is firing.' })]
  $('alerts').replaceChildren(...alerts)
  await Promise.all(pending)
}

async function refresh() {
  if (!current) return
  const started = performance.now()
  try {
    const board = wa.dashboard(current.log, { kind: $('kind').value, inputs: current.inputs })
    await render(board)
    const ms = (performance.now() - started).toFixed(0)
    $('status').className = ''
    $('status').textContent = `${current.label}: ${current.log.eventCount.toLocaleString('en-US')} events, dashboard in ${ms} ms`
    document.body.dataset.ready = 'true'
  } catch (err) {
    showError(err)
  }
}

function showError(err) {
  $('status').className = 'error'
  $('status').textContent = err.code ? `${err.code}: ${err.message}` : String(err)
  document.body.dataset.ready = 'error'
}

function loadDemo() {
  try {
    const contacts = Number($('contacts').value)
    const seed = Number($('seed').value)
    const demo = wa.demoCampaign({ contacts, seed })
    current = { log: demo.log, inputs: demo.inputsDict(), label: `Demo campaign (${contacts} contacts, seed ${seed})` }
    refresh()
  } catch (err) {
    showError(err)
  }
}

async function loadFiles() {
  const events = $('events-file').files[0]
  if (!events) return
  const contacts = $('contacts-file').files[0]
  try {
    const log = wa.EventLog.fromCsv(await events.text(), contacts ? await contacts.text() : null, null)
    current = { log, inputs: null, label: events.name }
    refresh()
  } catch (err) {
    showError(err)
  }
}

await init()
$('load-demo').addEventListener('click', loadDemo)
$('events-file').addEventListener('change', loadFiles)
$('contacts-file').addEventListener('change', loadFiles)
$('kind').addEventListener('change', refresh)
$('lang').addEventListener('change', refresh)
$('status').textContent = 'Ready: load the demo campaign or pick an events CSV.'
document.body.dataset.ready = 'idle'
