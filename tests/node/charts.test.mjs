import { createRequire } from 'node:module'
import { runChartTests } from '../js/charts.mjs'

const require = createRequire(import.meta.url)
runChartTests(require('../../crates/node/main.js'), 'node')
