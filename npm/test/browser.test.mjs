// The package in a real browser (Debian's headless Chromium): the example page loads the wasm
// with `init()` under a CSP of `script-src 'self' 'wasm-unsafe-eval'` (no eval needed) and lists
// conversations from the mock through fetch (CORS); without 'wasm-unsafe-eval' it fails with a
// clear error. Skipped when chromium is not installed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { Mock, USER_TOKEN } from "./helpers.mjs";

const CHROMIUM = process.env.CHROMIUM_BIN || "/usr/bin/chromium";
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const dist = join(dirname(require.resolve("pancake-api/package.json")), "dist");
const example = process.env.PANCAKE_BROWSER_EXAMPLE || join(here, "..", "examples", "browser");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

const VITE = process.env.PANCAKE_VITE_BIN;
const WEBPACK = process.env.PANCAKE_WEBPACK_BIN;
const webpackApp = join(here, "..", "webpack-app");
const viteApp = join(here, "..", "vite-app");
const viteDist = join(viteApp, "dist");
let mock;
let server;
let origin;

before(async () => {
  if (!existsSync(CHROMIUM)) return;
  mock = await Mock.start("--rate-limit", "off");
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const [, mode, ...rest] = url.pathname.split("/"); // /<strict|nowasm>/<file>
    const rel = normalize(rest.join("/") || "index.html");
    const file =
      mode === "vite" ? join(viteDist, rel)
      : mode === "webpack" ? join(webpackApp, "dist", rel)
      : rel.startsWith("pancake-api/") ? join(dist, rel.slice("pancake-api/".length))
      : join(example, rel);
    if (rel.includes("..") || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const csp = mode === "nowasm" ? "script-src 'self'" : "script-src 'self' 'wasm-unsafe-eval'";
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-security-policy": csp });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  if (server) await new Promise((ok) => server.close(ok));
  if (mock) await mock.stop();
});

function dumpDom(url, extra = []) {
  return new Promise((ok, fail) => {
    execFile(
      CHROMIUM,
      ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
       "--disable-component-update", "--disable-sync", "--virtual-time-budget=20000", ...extra, "--dump-dom", url],
      { timeout: 90000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => (err && !stdout ? fail(new Error(`${err.message}\n${stderr}`)) : ok(stdout)),
    );
  });
}

// `make test` installs chromium; a missing one is a failure, not a skip (opt out explicitly
// with PANCAKE_SKIP_BROWSER=1 when running this file by hand without a browser).
const skip = process.env.PANCAKE_SKIP_BROWSER === "1" && "PANCAKE_SKIP_BROWSER=1";
if (!skip && !existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: run make setup-js`);

test("the example page lists conversations under a strict CSP", { skip }, async () => {
  const q = new URLSearchParams({ base: mock.url, token: USER_TOKEN });
  const dom = await dumpDom(`${origin}/strict/index.html?${q}`);
  const m = dom.match(/ok: (\d+) conversations/);
  assert.ok(m, dom.slice(0, 2000));
  assert.ok(Number(m[1]) > 0);
  assert.ok((dom.match(/<li>/g) ?? []).length === Number(m[1]));
});

test("without 'wasm-unsafe-eval' init() fails with an error, not silently", { skip }, async () => {
  const q = new URLSearchParams({ base: mock.url, token: USER_TOKEN });
  const dom = await dumpDom(`${origin}/nowasm/index.html?${q}`);
  assert.match(dom, /error: /);
  assert.doesNotMatch(dom, /ok: \d+ conversations/);
});

test("a Vite build of an app using the package unchanged works in the browser", { skip }, async () => {
  cpSync(join(example, "..", "vite"), viteApp, { recursive: true });
  execFileSync(VITE, ["build"], { cwd: viteApp, stdio: "pipe" });
  const assets = readdirSync(join(viteDist, "assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `the .wasm is emitted: ${assets}`);
  const q = new URLSearchParams({ base: mock.url, token: USER_TOKEN });
  const dom = await dumpDom(`${origin}/vite/index.html?${q}`);
  const m = dom.match(/ok: (\d+) conversations/);
  assert.ok(m && Number(m[1]) > 0, dom.slice(0, 2000));
});

test("a Manifest V3 extension popup lists conversations (wasm shipped in the extension)", { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "pancake-ext-"));
  try {
    cpSync(join(example, "..", "extension"), dir, { recursive: true });
    cpSync(dist, join(dir, "lib"), { recursive: true });
    // An unpacked extension's id: the first 32 hex digits of sha256(path), 0-f mapped to a-p.
    const hex = createHash("sha256").update(dir).digest("hex").slice(0, 32);
    const id = [...hex].map((x) => String.fromCharCode(97 + parseInt(x, 16))).join("");
    const q = new URLSearchParams({ base: mock.url, token: USER_TOKEN });
    const url = `chrome-extension://${id}/popup.html?${q}`;
    const load = ["--disable-features=DisableLoadExtensionCommandLineSwitch", `--load-extension=${dir}`];
    const dom = await dumpDom(url, load);
    const m = dom.match(/ok: (\d+) conversations/);
    assert.ok(m && Number(m[1]) > 0, dom.slice(0, 2000));
    const shot = join(dir, "popup.png");
    await new Promise((ok, fail) =>
      execFile(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", ...load,
        "--virtual-time-budget=20000", "--window-size=480,640", `--screenshot=${shot}`, url],
        { timeout: 90000 }, (err) => (existsSync(shot) ? ok() : fail(err ?? new Error("no screenshot")))),
    );
    const png = readFileSync(shot);
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    assert.ok(statSync(shot).size > 2000, "the screenshot has content");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a webpack 5 build of an app using the package unchanged works in the browser", { skip }, async () => {
  cpSync(join(example, "..", "webpack"), webpackApp, { recursive: true });
  execFileSync(WEBPACK, ["--config", "webpack.config.mjs"], { cwd: webpackApp, stdio: "pipe" });
  cpSync(join(webpackApp, "index.html"), join(webpackApp, "dist", "index.html"));
  const files = readdirSync(join(webpackApp, "dist"));
  assert.ok(files.some((f) => f.endsWith(".wasm")), `the .wasm is emitted: ${files}`);
  const q = new URLSearchParams({ base: mock.url, token: USER_TOKEN });
  const dom = await dumpDom(`${origin}/webpack/index.html?${q}`);
  const m = dom.match(/ok: (\d+) conversations/);
  assert.ok(m && Number(m[1]) > 0, dom.slice(0, 2000));
});
