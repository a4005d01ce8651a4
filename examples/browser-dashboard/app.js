// The seed's dashboards computed in the browser by webinar-analytics-wasm: the built-in demo
// campaign, or an events CSV (and optional contacts CSV) picked from disk. Plain ES module, no
// build step: serve the repository root and open /examples/browser-dashboard/.
import init, * as wa from '../../crates/wasm/pkg/index.js'

const PALETTE = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2']
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

function legend(series) {
  return el('div', { class: 'legend' }, series.map((s, i) =>
    el('span', {}, [el('i', { style: `background:${PALETTE[i % PALETTE.length]}` }), pick(s, 'label')])))
}

function funnelChart(widget) {
  const row = 44
  const width = 560
  const svg = el('svg:svg', { viewBox: `0 0 ${width} ${row * widget.stages.length + 8}`, role: 'img' })
  // Log scale: reach is orders of magnitude above conversions.
  const scale = (v) => Math.log(Math.max(v ?? 1, 1))
  const top = Math.max(1, ...widget.stages.map((s) => scale(s.value)))
  widget.stages.forEach((stage, i) => {
    const w = Math.max(2, (scale(stage.value) / top) * (width - 230))
    const y = i * row + 4
    svg.append(
      el('svg:text', { x: 0, y: y + row / 2, 'font-size': 13, text: pick(stage, 'label') }),
      el('svg:rect', { x: 120 + (width - 230 - w) / 2, y, width: w, height: row - 10, rx: 4, fill: PALETTE[i % PALETTE.length] }),
      el('svg:text', {
        x: width - 100, y: y + row / 2, 'font-size': 13, 'data-stage': stage.stage, 'data-value': String(stage.value),
        text: formatValue(stage.value, 'count'),
      }),
    )
  })
  return svg
}

function barChart(widget) {
  const [width, height, bottom] = [560, 240, 36]
  const svg = el('svg:svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' })
  const groups = Math.max(widget.categories.length, 1)
  const groupWidth = width / groups
  const bar = (groupWidth * 0.8) / Math.max(widget.series.length, 1)
  widget.series.forEach((series, k) => {
    // Each series on its own scale (revenue and counts differ by orders of magnitude).
    const top = Math.max(0, ...series.values.filter((v) => v !== null))
    series.values.forEach((value, i) => {
      const h = top > 0 && value !== null ? (value / top) * (height - bottom - 8) : 0
      const rect = el('svg:rect', {
        x: i * groupWidth + groupWidth * 0.1 + k * bar, y: height - bottom - h, width: Math.max(bar - 1, 1), height: h,
        fill: PALETTE[k % PALETTE.length], 'data-series': series.id, 'data-category': String(widget.categories[i]), 'data-value': String(value),
      })
      rect.append(el('svg:title', { text: `${widget.categories[i] ?? '—'} · ${pick(series, 'label')}: ${formatValue(value, 'count')}` }))
      svg.append(rect)
    })
  })
  widget.categories.forEach((category, i) => {
    svg.append(el('svg:text', { x: (i + 0.5) * groupWidth, y: height - bottom + 15, 'font-size': 11, 'text-anchor': 'middle', text: category ?? '—' }))
  })
  return el('div', {}, [svg, legend(widget.series)])
}

function lineChart(widget) {
  const [width, height, bottom] = [1100, 220, 26]
  const svg = el('svg:svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' })
  const n = Math.max(widget.x.length - 1, 1)
  widget.series.forEach((series, k) => {
    const top = Math.max(0, ...series.values.filter((v) => v !== null))
    const points = series.values
      .map((v, i) => (v === null ? null : `${(i / n) * (width - 20) + 10},${height - bottom - (top > 0 ? (v / top) * (height - bottom - 8) : 0)}`))
      .filter(Boolean)
    svg.append(el('svg:polyline', {
      fill: 'none', stroke: PALETTE[k % PALETTE.length], 'stroke-width': 2, points: points.join(' '),
      'data-series': series.id, 'data-total': String(series.values.reduce((a, v) => a + (v ?? 0), 0)),
    }))
  })
  if (widget.x.length) {
    svg.append(
      el('svg:text', { x: 10, y: height - 6, 'font-size': 11, text: widget.x[0] }),
      el('svg:text', { x: width - 10, y: height - 6, 'font-size': 11, 'text-anchor': 'end', text: widget.x[widget.x.length - 1] }),
    )
  }
  return el('div', {}, [svg, legend(widget.series)])
}

function heatmap(widget) {
  const top = Math.max(1, ...widget.values.flat().filter((v) => v !== null))
  const header = el('tr', {}, [el('th'), ...widget.columns.map((c) => el('th', { text: c }))])
  const rows = widget.rows.map((name, r) => el('tr', {}, [
    el('td', { text: name }),
    ...widget.values[r].map((v) => el('td', {
      text: v === null ? '—' : formatValue(v, 'count'),
      style: `background: rgba(37, 99, 235, ${v === null ? 0 : (0.08 + 0.6 * v / top).toFixed(2)})`,
    })),
  ]))
  return el('table', {}, [el('thead', {}, [header]), el('tbody', {}, rows)])
}

function pieChart(widget) {
  const svg = el('svg:svg', { viewBox: '-1.1 -1.1 2.2 2.2', width: 220, height: 220, role: 'img' })
  let angle = -Math.PI / 2
  widget.slices.forEach((slice, i) => {
    const share = slice.share ?? 0
    const end = angle + share * 2 * Math.PI
    const large = share > 0.5 ? 1 : 0
    const d = `M0,0 L${Math.cos(angle)},${Math.sin(angle)} A1,1 0 ${large} 1 ${Math.cos(end)},${Math.sin(end)} Z`
    svg.append(el('svg:path', { d, fill: PALETTE[i % PALETTE.length], 'data-label': String(slice.label), 'data-value': String(slice.value) }))
    angle = end
  })
  const labels = el('div', { class: 'legend' }, widget.slices.map((s, i) =>
    el('span', {}, [el('i', { style: `background:${PALETTE[i % PALETTE.length]}` }), `${s.label ?? '—'} ${((s.share ?? 0) * 100).toFixed(1)}%`])))
  return el('div', {}, [svg, labels])
}

function counter(widget) {
  const progress = widget.progress === null ? '—' : `${(widget.progress * 100).toFixed(1)}%`
  return el('div', { class: 'card', 'data-metric': widget.metric, 'data-value': String(widget.value) }, [
    el('div', { class: 'label', text: pick(widget, 'title') }),
    el('div', { class: 'value', text: formatValue(widget.value, 'count') }),
    el('div', { class: 'status', text: `${formatValue(widget.target, 'count')} · ${progress}` }),
  ])
}

const RENDER = {
  metric_card: metricCard, funnel_chart: funnelChart, bar_chart: barChart, line_chart: lineChart,
  heatmap, pie_chart: pieChart, real_time_counter: counter,
}

function render(board) {
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
      box.append(el('div', { class: 'widget', 'data-widget': widget.id, 'data-type': widget.type }, [
        el('h3', { text: pick(widget, 'title') }),
        RENDER[widget.type](widget),
      ]))
    }
    main.append(box)
  }
  $('alerts-title').textContent = lang() === 'es' ? 'Alertas' : 'Alerts'
  const alerts = board.alerts.length
    ? board.alerts.map((a) => el('li', { class: a.severity, 'data-rule': a.id, text: `[${a.severity}] ${pick(a, 'message')} (${a.metric} = ${formatValue(a.value, 'ratio')})` }))
    : [el('li', { text: lang() === 'es' ? 'No hay alertas activas.' : 'No alert is firing.' })]
  $('alerts').replaceChildren(...alerts)
}

function refresh() {
  if (!current) return
  const started = performance.now()
  try {
    const board = wa.dashboard(current.log, { kind: $('kind').value, inputs: current.inputs })
    render(board)
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
