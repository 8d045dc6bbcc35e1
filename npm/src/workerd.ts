// The entry for runtimes that forbid compiling WebAssembly from bytes (Cloudflare Workers):
// the `.wasm` file is imported as a module and instantiated synchronously.
import wasmModule from "./wasm/pancake_wasm_bg.wasm";
import { initSync } from "./native.js";

initSync(wasmModule);

export * from "./index.js";
