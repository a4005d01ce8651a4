// Type-checks the public API of both JS packages (tsc --noEmit): the calls a dashboard team
// writes compile against the generated declarations, and results have the shared dict types.
import { createRequire } from 'node:module'
import type * as Node from '../../crates/node/main.js'
import type * as Wasm from '../../crates/wasm/pkg/index.js'
import type * as Core from '../../crates/wasm/pkg/core.js'

const require = createRequire(import.meta.url)

function useNode(wa: typeof Node): Node.SummaryDict {
  const log = wa.EventLog.fromRecords([{ user_id: 1, ts: '2024-03-01T10:00:00Z', event: 'page_view' }], null, {
    columns: { user_id: 'user_id' },
    tsUnit: 'ms',
  })
  const fromCsv = wa.EventLog.fromCsv('user_id,ts,event\n1,2024-03-01,register\n')
  const demo = wa.demoCampaign({ contacts: 10, seed: 1 })
  const inputs: Node.DemoInputsDict = demo.inputsDict()
  const again = wa.EventLog.fromArrow(demo.log.toArrow(), demo.log.contactsToArrow())
  const funnel: Node.FunnelDict = wa.funnel(demo.log, ['page_view', { event: 'register', window: '1d' }], {
    windowSeconds: 1209600,
    order: 'strict',
    breakdown: 'channel',
    asOf: '2024-04-01T00:00:00Z',
  })
  const merged: Node.FunnelDict = wa.mergeFunnelPartials([wa.funnelPartial(demo.log, ['page_view'], null)])
  const state: Uint8Array = wa.funnelPartial(demo.log, ['page_view'], { asBytes: true, asOf: new Date() })
  const fromStates = wa.mergeStates([state], { spend: null })
  const later: Promise<Node.FunnelResult> = wa.promises.funnel(demo.log, ['page_view'], { window: '14d' })
  const laterBytes: Promise<Uint8Array> = wa.promises.funnelPartial(demo.log, ['page_view'], { asBytes: true })
  void Promise.all([later, laterBytes])
  const held: Node.FunnelResult = wa.funnel(demo.log, ['page_view', 'register'], {
    hold: ['campaign'],
    breakdown: ['channel', 'industry'],
    count: 'sessions',
  })
  const channels = wa.channelPerformance(demo.log, { between: ['2024-03-01', new Date()], compare: 'previous_period' })
  const next: Node.PathsResult = wa.paths(demo.log, { by: 'session', collapseRepeats: true })
  const after: Node.FlowsResult = wa.flows(demo.log, { start: 'register', steps: 3, maxNodesPerStep: 5 })
  const instead: Node.FunnelFlows = wa.funnelFlows(demo.log, ['register', 'attend'], 1, { flowSteps: 3, window: '7d' })
  const weeks: Node.LifecycleResult = wa.lifecycle(demo.log, { period: 'week', activity: ['attend'] })
  const days: Node.StickinessResult = wa.stickiness(demo.log, { period: 'month' })
  const why: Node.DriversResult = wa.drivers(demo.log, { entry: 'register', candidates: ['event', 'contact'] })
  const credit: Node.AttributionResult = wa.attribution(demo.log, {
    touch: 'campaign',
    models: ['last_touch', 'markov', 'shapley'],
    lookback: '30d',
    spend: inputs.spend,
    intervals: true,
    resamples: 20,
  })
  const explored = next.transitions.length + weeks.periods.length + days.periods.length + why.drivers.length +
    held.counts.length + channels.length + after.top_paths.length + instead.dropped.paths + credit.rows.length +
    (credit.markov?.removal_effects.length ?? 0)
  const needed: number = wa.sampleSize(0.1, 0.12, { power: 0.9 }) + explored
  const n: number = needed + ('counts' in fromStates ? fromStates.counts.length : 0) +
    log.eventCount + fromCsv.personCount + again.contactCount + inputs.spend.length + funnel.counts[0] + merged.counts[0]
  return n >= 0 ? wa.summary(log) : wa.summary(again)
}

function useWasm(wa: typeof Wasm): Wasm.SummaryDict {
  const log = wa.EventLog.fromRecords([{ user_id: 'a', ts: '2024-03-01T10:00:00Z', event: 'page_view' }], null, {
    tsUnit: 'ms',
  })
  const zoom = wa.EventLog.fromZoomAttendeeReport('', { tz: 'Europe/Madrid' })
  const demo = wa.demoCampaign({ contacts: 10 })
  const kinds: string[] = demo.log.kinds
  const first: string | null = wa.summary(zoom).first_ts
  const funnel: Wasm.FunnelResult = wa.funnel(demo.log, ['page_view', 'register'], { window: '14d', droppedIds: true })
  const dropped: (string | number)[] | undefined = funnel.steps[1].dropped_ids
  const step: Wasm.FunnelStep = funnel.steps[0]
  const conversion: number | null = step.conversion_from_start
  // @ts-expect-error: the result types are the core's own: counts are numbers
  const wrong: string[] = funnel.counts
  // @ts-expect-error: a field the result does not have
  void funnel.windw
  const merged: Wasm.FunnelDict = wa.mergeFunnelPartials([wa.funnelPartial(demo.log, ['page_view'], undefined)])
  if (conversion === undefined || wrong === undefined) return wa.summary(log)
  if (dropped === undefined || merged.counts.length !== 1) return wa.summary(log)
  return kinds.length > 0 && first !== '' ? wa.summary(log) : wa.summary(demo.log)
}

/** The live scorecard's declared types, in both packages. */
export function useLive (node: typeof Node, wasm: typeof Wasm): number | null {
  const options: Node.LiveScorecardOptions = { latenessSeconds: 60, alerts: { rules: 'technical' }, tolerance: 0.1 }
  const live = new node.LiveScorecard(options)
  const update: Node.LiveUpdate = live.append([{ user_id: 'a', ts: '2024-03-14T16:00:00Z', event: 'attend' }], { now: new Date() })
  const late: string[] = update.late.map((e) => e.event)
  const status: Node.LiveStatus = live.advance({ now: '2024-03-14T17:00:00Z' }).status
  const card: Node.ScorecardDict = live.scorecard()
  const log: Node.EventLog = live.toEventLog()
  const browser = new wasm.LiveScorecard({ latenessSeconds: 0 })
  const drop: number | null = browser.append([], { now: '2024-03-14T16:00:00Z' }).status.attendance_drop
  return late.length + card.metrics.length + log.eventCount > 0 ? status.current_viewers : drop
}

/** Results draw themselves: a Vega-Lite spec, or SVG text. */
export function useCharts (node: typeof Node, wasm: typeof Wasm): string {
  const log = node.demoCampaign({ contacts: 100, seed: 1 }).log
  const spec: unknown = node.funnel(log, ['page_view', 'register']).chart({ lang: 'es' })
  const svg: string = wasm.retention(wasm.demoCampaign({ contacts: 100, seed: 1 }).log, { period: 'week' }).chart({ format: 'svg' })
  const channels = node.channelPerformance(log)
  return spec === null ? svg : channels.chart({ title: 'Channels' }).title.text
}

/** The core entry: its calls typed as the main entry's, and the main entry on demand. */
export async function useCore (core: typeof Core): Promise<number> {
  await core.default()
  const log: Core.EventLog = core.EventLog.fromCsv('user_id,ts,event\n1,2024-03-01T10:00:00Z,page_view\n', null, null)
  const counts: number[] = core.funnel(log, ['page_view']).counts
  const full: typeof Wasm = await core.loadFull()
  const moved: Wasm.EventLog = await core.toFull(log)
  return counts[0] + full.paths(moved).transitions.length
}

export const checks = [useNode, useWasm, useLive, useCharts, useCore] as const
export const load = () => useNode(require('../../crates/node/main.js'))
