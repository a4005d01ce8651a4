import { createRequire } from 'node:module'
import { runArrowTests } from '../js/arrow.mjs'

const require = createRequire(import.meta.url)
runArrowTests(require('../../crates/wasm/pkg-node/index.cjs'), 'wasm')
