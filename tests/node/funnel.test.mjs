import { createRequire } from 'node:module'
import { runFunnelTests } from '../js/funnel.mjs'

const require = createRequire(import.meta.url)
runFunnelTests(require('../../crates/node/main.js'), 'node')
