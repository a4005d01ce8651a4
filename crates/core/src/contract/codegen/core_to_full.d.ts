
/**
 * The full package (every call and class), fetched and started once, on first use. `input` is
 * what its `init` takes (the full `.wasm`'s URL, bytes or module); by default the file beside
 * this one. A failed load (offline, say) is tried again on the next call.
 */
export declare function loadFull(input?: InitInput | { module_or_path: InitInput | Promise<InitInput> } | Promise<InitInput>): Promise<typeof import('./index.js')>

/**
 * A log of this core entry as a log of the full package (loaded on first use), built again
 * from the same inputs: `const full = await loadFull(); full.attribution(await toFull(log))`.
 */
export declare function toFull(log: EventLog, input?: Parameters<typeof loadFull>[0]): Promise<import('./index.js').EventLog>
