// What users install, installed as they would (`make test-dist`, after `scripts/dist.sh`): the
// wheel into fresh virtualenvs of Python 3.11, 3.12 and 3.13; the Node tarballs into a fresh npm
// project (plain and --strict TypeScript, and without the addon: the WebAssembly fallback); the
// browser package served statically to headless Chromium. Each runs the README's example of
// its language from the "Install the packages" section, outside the source tree.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { launchChromium, serveStatic } from '../js/static.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dist = join(root, 'dist')
const work = join(root, 'target/dist-smoke')
const tsc = join(root, 'crates/node/node_modules/.bin/tsc')
const auditwheel = join(root, '.venv/bin/auditwheel')

/** The README's first example of `lang` in the section on installing the packages. */
function readmeExample(lang) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Install the packages'))
  const match = section.match(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'm'))
  assert.ok(match, `README.md has a ${lang} example under "Install the packages"`)
  return match[1]
}

/** What the README's examples print, in each language. */
const EXPECTED = { python: '500\n[500, 391, 154, 14]\n', node: '500\n[ 500, 391, 154, 14 ]\n' }

function files(dir, suffix) {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(suffix)).map((f) => join(dir, f)) : []
}

function run(cmd, args, options = {}) {
  const out = spawnSync(cmd, args, { encoding: 'utf8', ...options })
  assert.equal(out.status, 0, `${cmd} ${args.join(' ')} failed:\n${out.stdout}\n${out.stderr}`)
  return out
}

before(() => {
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
})

// ---------------------------------------------------------------------------------------------
// Python

/** An interpreter of Python `version`: pyenv's, or one on PATH (Debian's python3.11). */
function python(version) {
  const pyenv = join(homedir(), '.pyenv/versions')
  const installed = existsSync(pyenv) ? readdirSync(pyenv).filter((v) => v.startsWith(`${version}.`)).sort() : []
  if (installed.length > 0) return join(pyenv, installed.at(-1), 'bin', `python${version}`)
  const found = spawnSync('sh', ['-c', `command -v python${version}`], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout.trim() : null
}

const hostWheel = () => files(join(dist, 'python'), '.whl').find((f) => f.includes('manylinux') && f.includes('x86_64'))

for (const version of ['3.11', '3.12', '3.13']) {
  test(`the wheel installs into a fresh Python ${version} and the README's example runs`, () => {
    const interpreter = python(version)
    assert.ok(interpreter, `Python ${version} (pyenv or PATH)`)
    const wheel = hostWheel()
    assert.ok(wheel, 'dist/python has the manylinux x86-64 wheel')
    const venv = join(work, `py${version}`)
    run(interpreter, ['-m', 'venv', venv])
    // The wheel, and its one dependency (numpy) from the index.
    run(join(venv, 'bin/python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', wheel])
    const cwd = join(work, `py${version}-run`)
    mkdirSync(cwd, { recursive: true })
    const example = run(join(venv, 'bin/python'), ['-c', readmeExample('python')], { cwd })
    assert.equal(example.stdout, EXPECTED.python)
    const where = run(join(venv, 'bin/python'), ['-c', 'import webinar_analytics; print(webinar_analytics.__file__)'], { cwd })
    assert.ok(where.stdout.startsWith(venv), `imported from the virtualenv, not the tree: ${where.stdout}`)
  })
}

/** A shared library (or a wheel's extension): machine, needed libraries, glibc symbol versions
 * (pyelftools, from auditwheel). */
function elfOf(file) {
  const script = `
import io, json, sys, zipfile
from elftools.elf.elffile import ELFFile
from elftools.elf.dynamic import DynamicSection
from elftools.elf.gnuversions import GNUVerNeedSection
if sys.argv[1].endswith(".whl"):
    wheel = zipfile.ZipFile(sys.argv[1])
    data = wheel.read(next(n for n in wheel.namelist() if n.endswith(".so")))
else:
    data = open(sys.argv[1], "rb").read()
elf = ELFFile(io.BytesIO(data))
needed = [t.needed for s in elf.iter_sections() if isinstance(s, DynamicSection) for t in s.iter_tags() if t.entry.d_tag == "DT_NEEDED"]
versions = sorted({a.name for s in elf.iter_sections() if isinstance(s, GNUVerNeedSection) for _, auxs in s.iter_versions() for a in auxs})
print(json.dumps({"machine": elf["e_machine"], "needed": needed, "versions": versions}))
`
  return JSON.parse(run(join(root, '.venv/bin/python'), ['-c', script, file]).stdout)
}

/** Checks a library of `platform` (`x86_64` / `aarch64`, glibc 2.17+ or musl) by its ELF. */
function assertPlatform(file, arch, libc) {
  const elf = elfOf(file)
  assert.equal(elf.machine, arch === 'aarch64' ? 'EM_AARCH64' : 'EM_X86_64', file)
  if (libc === 'musl') {
    assert.ok(elf.needed.every((lib) => lib === 'libc.so'), `${file} needs musl's libc only: ${elf.needed}`)
    assert.deepEqual(elf.versions, [], `${file} has no glibc symbols`)
  } else {
    const newer = elf.versions.filter((v) => {
      const m = v.match(/^GLIBC_(\d+)\.(\d+)/)
      return m && (Number(m[1]) > 2 || (Number(m[1]) === 2 && Number(m[2]) > 17))
    })
    assert.deepEqual(newer, [], `${file} needs glibc 2.17 at most`)
  }
}

test('every wheel is of the platform its name says', () => {
  const wheels = files(join(dist, 'python'), '.whl')
  assert.ok(wheels.length > 0)
  for (const wheel of wheels) {
    const arch = wheel.includes('aarch64') ? 'aarch64' : 'x86_64'
    const musl = wheel.includes('musllinux')
    assertPlatform(wheel, arch, musl ? 'musl' : 'glibc')
    // auditwheel cannot judge a musl wheel on a glibc machine (the ELF check above does).
    if (!musl) {
      const shown = run(auditwheel, ['show', wheel]).stdout.replace(/\s+/g, ' ')
      assert.match(shown, new RegExp(`consistent with the following platform tag: "manylinux_2_17_${arch}"`), `${wheel}: ${shown}`)
    }
  }
})

// ---------------------------------------------------------------------------------------------
// Node

const nodeTarball = (name) => files(join(dist, 'node'), '.tgz').find((f) => f.endsWith(`/${name}-${f.split('-').at(-1)}`))

let project
before(() => {
  const main = nodeTarball('webinar-analytics')
  const addon = nodeTarball('webinar-analytics-linux-x64-gnu')
  assert.ok(main && addon, 'dist/node has the package and its linux-x64-gnu addon')
  project = join(work, 'node')
  mkdirSync(project, { recursive: true })
  writeFileSync(join(project, 'package.json'), '{ "name": "smoke", "private": true }\n')
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--omit=optional', main, addon], { cwd: project })
  writeFileSync(join(project, 'example.cjs'), readmeExample('js'))
})

test("the Node package installs into a fresh project and the README's example runs on the addon", () => {
  const out = run('node', ['example.cjs'], { cwd: project })
  assert.equal(out.stdout, EXPECTED.node)
  assert.equal(out.stderr, '')
  const loaded = run('node', ['-e', "console.log(require.resolve('webinar-analytics'))"], { cwd: project })
  assert.ok(loaded.stdout.startsWith(join(project, 'node_modules')), loaded.stdout)
})

test('without a prebuilt addon the package runs its WebAssembly build after a one-line notice', () => {
  const bare = join(work, 'node-no-addon')
  mkdirSync(bare, { recursive: true })
  writeFileSync(join(bare, 'package.json'), '{ "name": "smoke-no-addon", "private": true }\n')
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--omit=optional', nodeTarball('webinar-analytics')], { cwd: bare })
  writeFileSync(join(bare, 'example.cjs'), readmeExample('js'))
  const out = run('node', ['example.cjs'], { cwd: bare })
  assert.equal(out.stdout, EXPECTED.node)
  const notice = out.stderr.trimEnd().split('\n')
  assert.equal(notice.length, 1, out.stderr)
  assert.match(notice[0], /^webinar-analytics: no prebuilt addon for linux-x64; using the WebAssembly build/)
  // Asked for, it says nothing.
  const chosen = run('node', ['example.cjs'], { cwd: project, env: { ...process.env, WEBINAR_ANALYTICS_WASM: '1' } })
  assert.equal(chosen.stdout, EXPECTED.node)
  assert.equal(chosen.stderr, '')
})

test('every prebuilt addon is of the platform its package says', () => {
  const addons = files(join(dist, 'node'), '.tgz').filter((f) => /webinar-analytics-linux-/.test(f))
  assert.ok(addons.length > 0)
  for (const tarball of addons) {
    const dir = join(work, 'addons', tarball.split('/').at(-1))
    mkdirSync(dir, { recursive: true })
    run('tar', ['xzf', tarball, '-C', dir])
    const pkg = JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8'))
    assertPlatform(join(dir, 'package', pkg.main), pkg.cpu[0] === 'arm64' ? 'aarch64' : 'x86_64', pkg.libc[0])
  }
})

for (const strict of [false, true]) {
  test(`the README's example type-checks in TypeScript${strict ? ' --strict' : ''}`, () => {
    const source = readmeExample('js').replace("const wa = require('webinar-analytics')", "import * as wa from 'webinar-analytics'")
    const file = join(project, strict ? 'strict.ts' : 'plain.ts')
    writeFileSync(file, `${source}\nconst counts: number[] = wa.funnel(demo.log, ['page_view']).counts\nexport { counts }\n`)
    const flags = ['--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
      '--types', 'node', '--typeRoots', join(root, 'crates/node/node_modules/@types')]
    run(tsc, [...flags, ...(strict ? ['--strict'] : []), file], { cwd: project })
  })
}

// ---------------------------------------------------------------------------------------------
// Browser

let server
let browser

after(async () => {
  await browser?.close()
  server?.close()
})

test("the browser package, served statically, runs the README's example in headless Chromium", async () => {
  const tarball = files(join(dist, 'wasm'), '.tgz')[0]
  assert.ok(tarball, 'dist/wasm has the browser package')
  const site = join(work, 'web')
  mkdirSync(site, { recursive: true })
  writeFileSync(join(site, 'package.json'), '{ "name": "smoke-web", "private": true }\n')
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: site })
  writeFileSync(join(site, 'index.html'), `<!doctype html><meta charset="utf-8"><body>\n${readmeExample('html')}</body>\n`)
  let base
  ;({ server, base } = await serveStatic(site))
  browser = await launchChromium()
  const page = await browser.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error))
  await page.goto(base)
  // The example replaces the page's body (its own script included) once the channel table, from
  // the full package loaded on demand, is there.
  await page.waitForFunction(() => document.body.querySelector('script') === null, null, { timeout: 60_000 })
  assert.deepEqual(errors, [])
  assert.equal(await page.evaluate(() => document.body.textContent.trim()), '500 persons, funnel 500 > 391 > 154 > 14; 6 channels')
})

// Sizes: the core entry's .wasm is at most 1.0 MB gzip (the aim); the Python extension's
// aim of 8 MB does not hold yet (docs/compatibility.md, "Sizes"): these bounds keep the extension
// and the main entry's .wasm from growing.
test('the core entry is at most 1.0 MB gzip; the extension and the main .wasm do not grow', () => {
  const installed = join(work, 'web/node_modules/webinar-analytics-wasm')
  const core = gzipSync(readFileSync(join(installed, 'webinar_analytics_core_bg.wasm')), { level: 9 }).length
  assert.ok(core <= 1_000_000, `core entry .wasm ${core} bytes gzip`)
  const wasm = join(installed, 'webinar_analytics_wasm_bg.wasm')
  const gzip = gzipSync(readFileSync(wasm), { level: 9 }).length
  const wheel = hostWheel()
  const extension = Number(
    run('python3', ['-c', 'import sys, zipfile; print(max(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist() if i.filename.endswith(".so")))', wheel]).stdout,
  )
  console.log(`# Python extension ${extension} bytes; .wasm ${readFileSync(wasm).length} bytes, ${gzip} gzip; core ${core} gzip`)
  assert.ok(extension <= 19 * 1024 * 1024, `Python extension ${extension} bytes`)
  assert.ok(gzip <= 2.5 * 1024 * 1024, `.wasm ${gzip} bytes gzip`)
})
