import { createRequire } from 'node:module'
import { runReadmeExamples } from '../js/readme.mjs'

const require = createRequire(import.meta.url)
runReadmeExamples('webinar-analytics', require('../../crates/node/main.js'))
