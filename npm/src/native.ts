// The wasm module and its initialisation state. Every call into the core goes through
// `native()`, which throws a clear error when the module has not been initialised yet.
import initWasm, { initSync as initWasmSync } from "./wasm/pancake_wasm.js";
import * as wasm from "./wasm/pancake_wasm.js";
import { PancakeError } from "./errors.js";

let ready = false;
let pending: Promise<void> | undefined;

/** What `init()` accepts: the `.wasm` file's URL, a `Response`, its bytes or a compiled module. */
export type InitInput =
  | string
  | URL
  | Request
  | Response
  | BufferSource
  | WebAssembly.Module
  | Promise<Response>;

/**
 * Loads the WebAssembly core. Browsers, extensions and bundlers call it once before anything
 * else (`await init()` fetches `pancake_wasm_bg.wasm` next to this file; pass a URL, bytes or a
 * compiled module to load it from elsewhere). Node loads it by itself. Calling it again is a
 * no-op.
 */
export function init(input?: InitInput): Promise<void> {
  if (ready) return Promise.resolve();
  if (!pending) {
    const arg = input === undefined ? undefined : { module_or_path: input };
    pending = initWasm(arg as Parameters<typeof initWasm>[0]).then(
      () => {
        ready = true;
      },
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
  }
  return pending;
}

/** Loads the core synchronously from its bytes or a compiled module (Node, Workers). */
export function initSync(module: BufferSource | WebAssembly.Module): void {
  if (ready) return;
  initWasmSync({ module });
  ready = true;
}

/** Whether the core is loaded. */
export function isInitialised(): boolean {
  return ready;
}

/** The wasm exports; throws when `init()` has not completed. */
export function native(): typeof wasm {
  if (!ready) {
    throw new PancakeError(
      "pancake-api is not initialised: call `await init()` (from \"pancake-api\") once before " +
        "creating clients or calling helpers. Node initialises itself; browsers, extensions and " +
        "workers must call init().",
      "not_initialised",
    );
  }
  return wasm;
}
