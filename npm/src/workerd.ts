// The entry for runtimes that forbid compiling WebAssembly from bytes (Cloudflare Workers):
// the `.wasm` file is imported as a module and instantiated synchronously.
// @ts-ignore -- resolved by the runtime's module loader, not by TypeScript.
import wasmModule from "./wasm/pancake_wasm_bg.wasm";
import { initSync } from "./native.js";

initSync(wasmModule as WebAssembly.Module);

export * from "./index.js";
