// Every JS example of the README runs: the Node one against the Node package, the browser one
// against the WASM package's Node build (its `init()` has nothing to fetch there), with the
// placeholders they assume (`table`, `tableToIPC`) from apache-arrow.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const arrow = require('../../crates/node/node_modules/apache-arrow')
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const examples = [...readme.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((m) => ({
  line: readme.slice(0, m.index).split('\n').length,
  code: m[1],
}))

const packages = {
  'webinar-analytics': require('../../crates/node/main.js'),
  'webinar-analytics-wasm': { ...require('../../crates/wasm/pkg-node/index.cjs'), default: async () => {} },
}

/** An example as a function body: imports and requires of the packages become arguments. */
function runnable(code) {
  return code
    .replace(/^import (\w+), \{([^}]*)\} from '([^']+)'$/gm, "const { default: $1, $2 } = packages['$3']")
    .replace(/^import \{([^}]*)\} from '([^']+)'$/gm, "const { $1 } = packages['$2']")
    .replace(/require\('([^']+)'\)/g, "packages['$1']")
}

test('the README has a Node and a browser example', () => {
  assert.ok(examples.length >= 2, `found ${examples.length}`)
})

for (const { line, code } of examples) {
  test(`README.md:${line} runs`, async () => {
    const table = arrow.tableFromArrays({
      user_id: ['ana', 'ana'],
      ts: [new Date('2024-03-01T10:00:00Z'), new Date('2024-03-01T11:00:00Z')],
      event: ['page_view', 'register'],
    })
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor
    const body = new AsyncFunction('packages', 'table', 'tableToIPC', runnable(code))
    await body(packages, table, arrow.tableToIPC)
  })
}
