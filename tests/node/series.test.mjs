// Webinar series from Node: the attendance forecaster is fit once, kept as JSON and applied to
// a webinar of the log with the same numbers as `predictAttendance`.
import { createRequire } from 'node:module'
import { test } from 'node:test'
import assert from 'node:assert/strict'

const require = createRequire(import.meta.url)
const wa = require('../../crates/node/main.js')

test('a fitted forecaster predicts as predictAttendance, also after toJson / fromJson', () => {
  const log = wa.demoSeries({ contacts: 2000, webinars: 12, seed: 6 })
  const inputs = wa.demoSeriesInputs({ contacts: 2000, webinars: 12, seed: 6 })
  const options = { agendas: inputs.agendas, spend: inputs.spend, minTrain: 5 }
  const forecaster = wa.AttendanceForecaster.fit(log, { ...options, webinar: 'w12' })
  assert.equal(forecaster.trainedOn.length, 11)
  const direct = wa.predictAttendance(log, { ...options, webinar: 'w12' })
  const loaded = wa.AttendanceForecaster.fromJson(forecaster.toJson())
  const forecast = loaded.predict(log, { webinar: 'w12' })
  assert.equal(forecast.predicted, direct.predicted)
  assert.deepEqual([forecast.low, forecast.high], [direct.low, direct.high])
  assert.equal(loaded.backtest.mae, direct.backtest.mae)
  assert.throws(() => loaded.predict(log, { webinar: 'w99' }), (e) => e.code === 'invalid_parameter' && e.details.parameter === 'webinar')
})
