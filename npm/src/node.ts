// The Node entry: loads the WebAssembly core from the file next to this one, synchronously,
// so `import { PageClient } from "pancake-api"` works with no `init()`.
import { readFileSync } from "node:fs";
import { initSync } from "./native.js";

initSync(readFileSync(new URL("./wasm/pancake_wasm_bg.wasm", import.meta.url)));

export * from "./index.js";
