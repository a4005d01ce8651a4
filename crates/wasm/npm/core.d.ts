// Every analysis of the library, generated from the core's table of calls (do not edit:
// `UPDATE_GENERATED=1 cargo test --test it generated` rewrites it). Each function hands its
// arguments to the core as they are: options may be camelCase or snake_case, times `Date`s or
// ISO-8601 text; a misspelt option is an error naming it and the nearest valid one.

export * from './webinar_analytics_core.js'
export { default } from './webinar_analytics_core.js'
import type { ChartOptions, Chartable, EventLog, FunnelOptions, FunnelResult, FunnelStepSpec, InitInput, MetricDef, RetentionMatrix, RetentionOptions, Scorecard, ScorecardOptions, Summary } from './webinar_analytics_core.js'

/** Contacts, persons, events per kind and the time span of a log. */
export declare function summary(log: EventLog): Summary

/** Per-person event funnel: counts, conversion and time to convert per step. */
export declare function funnel(log: EventLog, steps: FunnelStepSpec[], options?: FunnelOptions | null): FunnelResult & Chartable

/** Cohort retention matrix: per cohort its size and the share active in each period. */
export declare function retention(log: EventLog, options?: RetentionOptions | null): RetentionMatrix & Chartable

/** Every metric of the catalog with its target, status and progress. */
export declare function scorecard(log: EventLog, options?: ScorecardOptions | null): Scorecard & Chartable

/** Every metric of the catalog: id, stage, labels, definition, formula, unit, target. */
export declare function catalog(): MetricDef[]

/** A chart of a result (funnel, retention, trends, channels, scorecard, attendance, experiment, segments, dashboard widget): a Vega-Lite v5 spec with its data inline, or a static SVG. */
export declare function chart(result: unknown, options?: ChartOptions | null): unknown

/**
 * The full package (every call and class), fetched and started once, on first use. `input` is
 * what its `init` takes (the full `.wasm`'s URL, bytes or module); by default the file beside
 * this one. A failed load (offline, say) is tried again on the next call.
 */
export declare function loadFull(input?: InitInput | { module_or_path: InitInput | Promise<InitInput> } | Promise<InitInput>): Promise<typeof import('./index.js')>

/**
 * A log of this core entry as a log of the full package (loaded on first use), built again
 * from the same inputs: `const full = await loadFull(); full.attribution(await toFull(log))`.
 */
export declare function toFull(log: EventLog, input?: Parameters<typeof loadFull>[0]): Promise<import('./index.js').EventLog>
