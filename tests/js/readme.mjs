// The README's JS examples run: each against the package it imports (the Node package, or the
// WASM package's Node build, whose `init()` has nothing to fetch there), with the placeholders
// they assume (`table`, `tableToIPC`) from apache-arrow.
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

/** An example as a function body: imports and requires of the package become arguments. */
function runnable(code) {
  return code
    .replace(/^import (\w+), \{([^}]*)\} from '([^']+)'$/gm, "const { default: $1, $2 } = packages['$3']")
    .replace(/^import \{([^}]*)\} from '([^']+)'$/gm, "const { $1 } = packages['$2']")
    .replace(/require\('([^']+)'\)/g, "packages['$1']")
}

/** Runs the examples that use package `name` (`module` is what importing it gives). */
export function runReadmeExamples(name, module) {
  const packages = { [name]: module }
  const mine = examples.filter(({ code }) => code.match(/'(webinar-analytics[\w/-]*)'/)?.[1] === name)
  test(`the README has an example of ${name}`, () => assert.ok(mine.length > 0))
  for (const { line, code } of mine) {
    test(`README.md:${line} runs`, async () => {
      const table = arrow.tableFromArrays({
        user_id: ['ana', 'ana'],
        ts: [new Date('2024-03-01T10:00:00Z'), new Date('2024-03-01T11:00:00Z')],
        event: ['page_view', 'register'],
      })
      const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor
      await new AsyncFunction('packages', 'table', 'tableToIPC', runnable(code))(packages, table, arrow.tableToIPC)
    })
  }
}
