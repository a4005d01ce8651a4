// The native side of the package: this platform's prebuilt addon (napi-rs's loader, index.js)
// or, where none is prebuilt (macOS, Windows, other CPUs), the library's WebAssembly build,
// with a one-line notice. The WebAssembly build runs every analysis on one thread and reads
// files from their contents (`EventLog.fromCsv(text)`), not from paths.
// WEBINAR_ANALYTICS_WASM=1 chooses it (without the notice) even where an addon exists.

'use strict'

/** The WebAssembly build with the addon's Promise entry points (run after the current turn);
 * `notice` (one line on stderr) says why it is used. */
function wasmBuild(notice) {
  const wasm = require('./wasm/webinar_analytics_wasm.js')
  if (notice) {
    console.error(`webinar-analytics: ${notice}; using the WebAssembly build (one thread)`)
  }
  const later =
    (run) =>
    (...args) =>
      new Promise((resolve, reject) => {
        setImmediate(() => {
          try {
            resolve(run(...args))
          } catch (error) {
            reject(error)
          }
        })
      })
  return { ...wasm, callAsync: later(wasm.call), callLogAsync: later(wasm.callLog) }
}

function load() {
  if (process.env.WEBINAR_ANALYTICS_WASM === '1') {
    return wasmBuild(null)
  }
  try {
    return require('./index.js')
  } catch (error) {
    let fallback
    try {
      fallback = wasmBuild(`no prebuilt addon for ${process.platform}-${process.arch}`)
    } catch {
      throw error
    }
    return fallback
  }
}

module.exports = load()
