import { createRequire } from 'node:module'
import { runVectors } from '../js/vectors.mjs'

const require = createRequire(import.meta.url)
runVectors(require('../../crates/wasm/pkg-node/index.cjs'), 'wasm')
