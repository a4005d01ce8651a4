import { createRequire } from 'node:module'
import { runChartTests } from '../js/charts.mjs'

const require = createRequire(import.meta.url)
runChartTests(require('../../crates/wasm/pkg-node/index.cjs'), 'wasm')
