// Runtimes with a `.wasm` module loader (Cloudflare Workers, bundlers) import it as a module.
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
