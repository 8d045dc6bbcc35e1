// The package as installed: the browser entry's explicit init and its error before init,
// the exports map, the files shipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("pancake-api/package.json"));
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));

test("exports: types first, then node, browser, import, default; every target shipped", () => {
  const root = pkg.exports["."];
  assert.equal(Object.keys(root)[0], "types");
  for (const file of Object.values(root)) assert.ok(existsSync(join(pkgDir, file)), file);
  assert.ok(existsSync(join(pkgDir, "dist", "wasm", "pancake_wasm_bg.wasm")));
  assert.ok(existsSync(join(pkgDir, "README.md")));
});

test("browser entry: clear error before init(), works after; no eval in the glue", () => {
  const entry = join(pkgDir, "dist", "index.js");
  const wasm = join(pkgDir, "dist", "wasm", "pancake_wasm_bg.wasm");
  const script = `
    const m = await import(${JSON.stringify("file://" + entry)});
    const out = {};
    try { new m.PageClient({ pageId: "1", pageAccessToken: "t" }); out.before = "no error"; }
    catch (e) { out.before = [e.name, e.kind, e.message, e instanceof m.PancakeError]; }
    const { readFileSync } = await import("node:fs");
    await m.init(readFileSync(${JSON.stringify(wasm)}));
    out.after = m.normalizePhone("0328290781");
    out.initialised = m.isInitialised();
    console.log(JSON.stringify(out));`;
  const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
  assert.equal(out.before[0], "PancakeError");
  assert.equal(out.before[1], "not_initialised");
  assert.match(out.before[2], /not initialised: call `await init\(\)`/);
  assert.equal(out.before[3], true);
  assert.equal(out.after, "+84328290781");
  assert.equal(out.initialised, true);
  for (const f of ["dist/index.js", "dist/wasm/pancake_wasm.js"]) {
    const text = readFileSync(join(pkgDir, f), "utf8");
    assert.ok(!/\beval\(|new Function\(/.test(text), f);
  }
});
