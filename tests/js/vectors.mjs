// The golden vectors of tests/vectors, run through a JS front door (the Node addon or the WASM
// package: both expose the same API, so one runner serves both).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const vectorDir = fileURLToPath(new URL('../vectors/', import.meta.url))

export function loadVectors() {
  return readdirSync(vectorDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(vectorDir, f), 'utf8'))])
}

/** Builds a vector's input through the front door; returns [log, demo]. */
export function build(wa, input, spec) {
  const options = input.options ?? {}
  if (input.demo) {
    const demo = wa.demoCampaign(input.demo)
    return [demo.log, demo]
  }
  if (input.series) {
    // A demo series; arguments named "series" take the series' own agendas or spend.
    const inputs = wa.demoSeriesInputs(input.series)
    for (const [key, value] of Object.entries(spec?.args ?? {})) {
      if (value === 'series') spec.args[key] = inputs[key]
    }
    return [wa.demoSeries(input.series), null]
  }
  if (input.zoom_csv !== undefined) return [wa.EventLog.fromZoomAttendeeReport(input.zoom_csv, options), null]
  const loadOptions = { columns: options.columns, tsUnit: options.ts_unit, kinds: options.kinds }
  if (input.events_csv !== undefined) {
    return [wa.EventLog.fromCsv(input.events_csv, input.contacts_csv ?? null, loadOptions), null]
  }
  return [wa.EventLog.fromRecords(input.events ?? [], input.contacts ?? null, loadOptions), null]
}

/** Options in the JS spelling: camelCase keys. */
function camelKeys(options) {
  const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [camel(k), v]))
}

export function call(wa, [log, demo], spec) {
  switch (spec.fn) {
    case 'summary':
      return wa.summary(log)
    case 'attendance': {
      const args = spec.args ?? {}
      return wa.attendance(log, { agenda: args.agenda, asOf: args.as_of, webinar: args.webinar, agendas: args.agendas })
    }
    case 'scorecard': {
      const { as_of: asOf, ...rest } = spec.args ?? {}
      return wa.scorecard(log, { ...rest, asOf })
    }
    case 'funnel': {
      const { steps, ...rest } = spec.args ?? {}
      return wa.funnel(log, steps, camelKeys(rest))
    }
    case 'retention': {
      return wa.retention(log, camelKeys(spec.args ?? {}))
    }
    case 'explain_change': {
      const { steps, before, after, ...rest } = spec.args
      return wa.explainChange(log, steps, before, after, camelKeys(rest))
    }
    case 'cohort_performance':
      return wa.cohortPerformance(log, camelKeys(spec.args ?? {}))
    case 'trends': {
      const { as_of: asOf, ...rest } = spec.args ?? {}
      return wa.trends(log, { ...rest, asOf })
    }
    case 'audience':
      return wa.audience(log, spec.args?.by)
    case 'read_email_sends_csv':
      return wa.readEmailSendsCsv(spec.args.text)
    case 'catalog':
      return wa.catalog()
    case 'random_forest_classifier': {
      const { X, y, options } = spec.args
      const model = wa.RandomForestClassifier.fit(X, y, camelKeys(options ?? {}))
      const importances = Array.from(model.featureImportances)
      return { predict: Array.from(model.predict(X)), proba: model.predictProba(X), feature_importances: importances }
    }
    case 'random_forest_regressor': {
      const { X, y, options } = spec.args
      const model = wa.RandomForestRegressor.fit(X, y, camelKeys(options ?? {}))
      return { predict: Array.from(model.predict(X)), feature_importances: Array.from(model.featureImportances) }
    }
    case 'standard_scaler': {
      const scaler = wa.StandardScaler.fit(spec.args.X)
      const transform = scaler.transform(spec.args.X).map((row) => Array.from(row))
      return { mean: Array.from(scaler.mean), scale: Array.from(scaler.scale), transform }
    }
    case 'score_saved_forest': {
      const model = wa.RandomForestClassifier.fromJson(spec.args.model)
      return { predict: Array.from(model.predict(spec.args.X)), proba: model.predictProba(spec.args.X) }
    }
    case 'segment_audience':
      return wa.segmentAudience(log, camelKeys(spec.args ?? {}))
    case 'conversion_predictor': {
      const { forest, ...rest } = spec.args
      const model = wa.ConversionPredictor.train(log, { ...camelKeys(rest), forest: camelKeys(forest) })
      const scores = model.predict(log)
      return {
        training: model.training,
        probabilities: scores.map((s) => s.conversion_probability),
        segments: scores.map((s) => s.segment),
      }
    }
    case 'attendance_predictor': {
      const { history, current, forest, seed, test_fraction: testFraction } = spec.args
      const model = wa.AttendancePredictor.train(history, { forest: camelKeys(forest), seed, testFraction })
      return { training: model.training, prediction: model.predict(current) }
    }
    case 'kmeans': {
      const model = wa.KMeans.fit(spec.args.X, spec.args.options)
      return { labels: Array.from(model.labels), inertia: model.inertia }
    }
    case 'channel_performance': {
      const { spend_csv: spendCsv, ...args } = spec.args ?? {}
      if (spendCsv !== undefined) args.spend = wa.readSpendCsv(spendCsv)
      return wa.channelPerformance(log, args)
    }
    case 'alert_rules':
      return wa.alertRules(spec.args.name)
    case 'alert_sequence': {
      const engine = new wa.AlertEngine(spec.args.options)
      return spec.args.evaluations.map((step) => engine.evaluate(step.scorecard, { at: step.at }))
    }
    case 'ga4': {
      const bytes = new Uint8Array(readFileSync(new URL(`../../${spec.args.fixture}`, import.meta.url)))
      return wa.summary(wa.EventLog.fromGa4(bytes, spec.args.options))
    }
    case 'campaign': {
      const files = spec.args.files.map(([kind, path]) => ({ kind, bytes: new Uint8Array(readFileSync(new URL(`../../${path}`, import.meta.url))) }))
      const campaign = new wa.Campaign(files, { ...camelKeys(spec.args.options), events: spec.args.events })
      const metrics = Object.fromEntries(campaign.scorecard().metrics.map((m) => [m.id, m.value]))
      return { sources: campaign.sources(), persons: campaign.log.personCount, metrics }
    }
    case 'live_sequence': {
      const live = new wa.LiveScorecard(spec.args.options)
      const updates = spec.args.steps.map((step) => {
        const update = step.advance !== undefined ? live.advance({ now: step.advance }) : live.append(step.events, { now: step.now })
        return { ...update, alerts: (update.alerts?.events ?? []).map((e) => [e.kind, e.rule_id]) }
      })
      const metrics = Object.fromEntries(live.scorecard().metrics.map((m) => [m.id, m.value]))
      return { updates, metrics }
    }
    case 'analyze_experiment':
      return wa.analyzeExperiment(spec.args.counts, spec.args.options)
    case 'sample_size':
      return wa.sampleSize(spec.args.baseline, spec.args.target)
    case 'experiment':
      return wa.experiment(log, spec.args)
    case 'parquet': {
      const read = (f) => new Uint8Array(readFileSync(new URL(`../../${f}`, import.meta.url)))
      const parquetLog = wa.EventLog.fromArrow(read(spec.args.events), read(spec.args.contacts), null)
      return {
        summary: wa.summary(parquetLog),
        funnel: wa.funnel(parquetLog, ['page_view', 'register', 'attend'], null).counts,
        channels: wa.channelPerformance(parquetLog, null),
      }
    }
    case 'zoom_report': {
      const bytes = new Uint8Array(readFileSync(new URL(`../../${spec.args.fixture}`, import.meta.url)))
      return wa.summary(wa.EventLog.fromZoomReport(bytes, spec.args.kind, spec.args.options))
    }
    case 'activecampaign_activity': {
      const bytes = new Uint8Array(readFileSync(new URL(`../../${spec.args.fixture}`, import.meta.url)))
      return wa.summary(wa.readActivecampaignActivity(bytes, spec.args.options))
    }
    case 'merge_states': {
      const states = spec.args.fixtures.map((f) => new Uint8Array(readFileSync(new URL(`../../${f}`, import.meta.url))))
      return wa.mergeStates(states, { spend: spec.args.spend })
    }
    case 'read_ad_report': {
      const bytes = readFileSync(new URL(`../../${spec.args.fixture}`, import.meta.url))
      return wa.readAdReport(new Uint8Array(bytes), camelKeys(spec.args.options))
    }
    case 'read_export': {
      const bytes = new Uint8Array(readFileSync(new URL(`../../${spec.args.fixture}`, import.meta.url)))
      const read = spec.args.kind === 'hubspot_contacts' ? wa.readHubspotContacts : wa.readActivecampaignReport
      return read(bytes, camelKeys(spec.args.options))
    }
    case 'merge_and_resolve': {
      let merged = log
      for (const other of spec.args.others) merged = merged.merge(wa.EventLog.fromRecords(other.events, other.contacts ?? null, null))
      const resolved = wa.resolveIdentities(merged, null)
      return {
        report: wa.identityReport(merged, null),
        summary: wa.summary(resolved),
        audience: wa.audience(resolved, ['industry', 'channel']),
        funnel: wa.funnel(resolved, spec.args.steps, null).counts,
      }
    }
    case 'append_logs': {
      let updated = log
      for (const other of spec.args.others) updated = updated.append(wa.EventLog.fromRecords(other.events, other.contacts ?? null, null))
      return {
        summary: wa.summary(updated),
        audience: wa.audience(updated, ['industry', 'channel']),
        funnel: wa.funnel(updated, spec.args.steps, null).counts,
      }
    }
    case 'resolve_identities': {
      const options = camelKeys(spec.args.options)
      const resolved = wa.resolveIdentities(log, options)
      const merged = wa.audience(resolved, ['industry', 'channel'])
      return { report: wa.identityReport(log, options), summary: wa.summary(resolved), audience: merged }
    }
    case 'schedule_runs':
      return wa.scheduleRuns(spec.args)
    case 'dashboard':
    case 'report': {
      const args = { ...spec.args }
      if (args.inputs === 'demo') args.inputs = demo.inputsDict()
      if (spec.fn === 'dashboard') return wa.dashboard(log, args)
      const report = wa.report(log, args)
      return { report: report.toDict(), markdown: report.toMarkdown() }
    }
    case 'demo_inputs':
      return demo.inputsDict()
    case 'chart_of': {
      const of = spec.args.of.replace(/_(\w)/g, (_, c) => c.toUpperCase())
      const { steps, ...options } = spec.args.options
      const result = steps ? wa[of](log, steps, options) : wa[of](log, options)
      return wa.chart(result, spec.args.chart)
    }
    default: {
      // Any other call of the contract: its camelCase function when it takes (log, options),
      // else the contract's entry with the arguments by name.
      const fn = wa[spec.fn.replace(/_(\w)/g, (_, c) => c.toUpperCase())]
      if (typeof fn !== 'function') throw new Error(`unknown function ${spec.fn}`)
      if (fn.length === 2) return fn(log, camelKeys(spec.args ?? {}))
      return wa.callLog(spec.fn, log, spec.args ?? {})
    }
  }
}

/** Runs the golden vectors (those `keep` selects) through `wa`. */
export function runVectors(wa, label, keep = () => true) {
  const vectors = loadVectors().filter(([, vector]) => keep(vector))
  test(`${label}: vectors found`, () => assert.ok(vectors.length >= 10))
  for (const [name, vector] of vectors) {
    test(`${label}: ${name}`, () => {
      if (vector.error) {
        assert.throws(
          () => call(wa, build(wa, vector.input, vector.call), vector.call),
          (err) => {
            assert.ok(err instanceof Error, 'throws an Error')
            assert.equal(err.code, vector.error.code, err.message)
            for (const [key, value] of Object.entries(vector.error)) assert.equal(err.details[key], value, key)
            return true
          },
        )
      } else {
        assert.deepStrictEqual(call(wa, build(wa, vector.input, vector.call), vector.call), vector.expected)
      }
    })
  }
}
