import { createRequire } from 'node:module'
import { runReadmeExamples } from '../js/readme.mjs'

const require = createRequire(import.meta.url)
const wasm = require('../../crates/wasm/pkg-node/index.cjs')
// In Node the module is instantiated on load: `init()` has nothing to do.
runReadmeExamples('webinar-analytics-wasm', { ...wasm, default: async () => {} })
