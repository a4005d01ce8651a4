import { createRequire } from 'node:module'
import { runReportTests } from '../js/reports.mjs'

const require = createRequire(import.meta.url)
runReportTests(require('../../crates/wasm/pkg-node/index.cjs'), 'wasm')
