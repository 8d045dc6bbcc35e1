// Node half of `make bench`: the npm package against the loop a user would
// write by hand, as RATIOS measured in one run against the same release pancake-mock.
//
//   node bench/node.mjs            prints the results and, last, one JSON line
//
// Skips (exit 0, printed reason) when npm/dist is not built or the release mock is missing.
// 1. rate-limited sync: SDK wall ÷ ideal (requests ÷ 5/s) beside the guide's fetch loop
//    (fixed 300 ms sleep, 004_dc11d65fe7330d50.txt) ÷ ideal; 429s surfaced
// 2. unthrottled throughput over 100,000 customers: SDK records/s ÷ plain fetch + JSON.parse
// 3. four pages with Promise.all: speed-up over one after another
// 4. footprint: wasm raw and gzipped bytes, npm tarball size, wasm instantiation time,
//    peak RSS iterating 100,000 customers vs 1,000 (fresh Node process each)

import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const NPM = process.env.PANCAKE_NPM_DIR ?? join(ROOT, "npm");  // the npm package's directory
const DIST = join(NPM, "dist", "node.js");
const WASM = join(NPM, "dist", "wasm", "pancake_wasm_bg.wasm");
const MOCK = process.env.PANCAKE_MOCK ?? join(ROOT, "target", "release", "pancake-mock");
const SINCE = 1_767_225_600 - 200 * 86_400;
const UNTIL = 1_767_225_600 + 86_400;
const RATE = 5;
const PAGE_SIZE = 100;

function skip(reason) {
  console.log(`node benchmarks skipped: ${reason}`);
  console.log(JSON.stringify({ skipped: reason }));
  process.exit(0);
}

if (!existsSync(DIST)) skip(`${DIST} is not built (build the npm package first)`);
if (!existsSync(MOCK)) skip(`${MOCK} is missing (cargo build --release -p pancake-mock)`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts pancake-mock on port 0; resolves to { url, api, stop, pages, journal, reset }. */
function startMock(args) {
  return new Promise((resolve, reject) => {
    const proc = spawn(MOCK, ["--port", "0", "--seed", "42", ...args], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    let buf = "";
    proc.stdout.on("data", (d) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl < 0) return;
      const url = buf.slice(0, nl).trim();
      proc.stdout.removeAllListeners("data");
      proc.stdout.resume();
      const get = async (p) => (await fetch(url + p)).json();
      resolve({
        url,
        api: url + "/api",
        stop: () => new Promise((r) => (proc.exitCode !== null ? r() : (proc.once("exit", r), proc.kill("SIGTERM")))),
        pages: async () => (await get("/api/v1/pages?access_token=mock-user-token")).pages.map((p) => String(p.id)),
        journal: async () => (await get("/__mock/requests")).requests,
        reset: async () => void (await fetch(url + "/__mock/reset", { method: "POST" })).text(),
      });
    });
    proc.once("error", reject);
    proc.once("exit", (code) => reject(new Error(`pancake-mock exited (${code})`)));
  });
}

const token = (pageId) => `mock-page-token-${pageId}`;
const countOp = (journal, op) => journal.filter((r) => r.op === op).length;

class Surfaced429 extends Error {}

/** The guide's fetchAllCustomers, as written there (sleepMs 300), or without the sleep. */
async function plainLoop(api, pageId, tok, sleepMs, limit = Infinity) {
  const all = [];
  let pageNumber = 1;
  while (true) {
    const params = new URLSearchParams({
      page_access_token: tok, since: String(SINCE), until: String(UNTIL),
      page_number: String(pageNumber), page_size: String(PAGE_SIZE), order_by: "inserted_at",
    });
    const res = await fetch(`${api}/public_api/v1/pages/${pageId}/page_customers?${params}`);
    if (res.status === 429) throw new Surfaced429();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const { customers = [], total } = await res.json();
    if (customers.length === 0) break;
    all.push(...customers);
    if (all.length >= total || all.length >= limit) break;
    pageNumber += 1;
    if (sleepMs) await sleep(sleepMs);
  }
  return all;
}

const sdk = await import(pathToFileURL(DIST).href);

async function sdkIds(page, limit = Infinity) {
  const ids = [];
  for await (const c of page.customers.iter({ since: SINCE, until: UNTIL })) {
    ids.push(String(c.id));
    if (ids.length >= limit) break;
  }
  return ids;
}

async function timed(fn) {
  const t = performance.now();
  const result = await fn();
  return [(performance.now() - t) / 1000, result];
}

async function rateLimited(n) {
  const mock = await startMock(["--customers", String(n), "--rate-limit", "5"]);
  try {
    const [pid] = await mock.pages();
    const needed = Math.ceil(n / PAGE_SIZE);
    const ideal = needed / RATE;
    await mock.reset();
    const page = new sdk.PageClient({ pageId: pid, pageAccessToken: token(pid), baseUrl: mock.api });
    let sdk429 = 0, sdkT = NaN, ids = [];
    try {
      [sdkT, ids] = await timed(() => sdkIds(page));
    } catch (e) {
      if (!(e instanceof sdk.RateLimitError)) throw e;
      sdk429 = 1;
    }
    const sdkReqs = countOp(await mock.journal(), "customers.list");
    await sleep(1500);
    await mock.reset();
    let plain429 = 0, plainT = NaN, recs = [];
    try {
      [plainT, recs] = await timed(() => plainLoop(mock.api, pid, token(pid), 300));
    } catch (e) {
      if (!(e instanceof Surfaced429)) throw e;
      plain429 = 1;
    }
    const plainReqs = countOp(await mock.journal(), "customers.list");
    return { customers: n, needed, ideal, sdkT, sdkN: ids.length, sdkReqs, sdk429,
      plainT, plainN: recs.length, plainReqs, plain429,
      sdkRatio: sdkT / ideal, plainRatio: plainT / ideal };
  } finally {
    await mock.stop();
  }
}

const MEM_CHILD = `
import { readFileSync } from "node:fs";
const [dist, api, pid, n, since, until] = process.argv.slice(1);
const hwm = () => Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync("/proc/self/status", "utf8"))[1]);
const sdk = await import(dist);
const page = new sdk.PageClient({ pageId: pid, pageAccessToken: "mock-page-token-" + pid,
  baseUrl: api, requestsPerSecond: null });
const before = hwm();
let count = 0;
for await (const c of page.customers.iter({ since: Number(since), until: Number(until) })) {
  if (++count >= Number(n)) break;
}
console.log(JSON.stringify({ count, before, after: hwm() }));
`;

function peakMemory(api, pid, n) {
  const out = spawnSync(process.execPath, ["--input-type=module", "-e", MEM_CHILD,
    pathToFileURL(DIST).href, api, pid, String(n), String(SINCE), String(UNTIL)], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(out.stderr);
  const r = JSON.parse(out.stdout.trim().split("\n").pop());
  if (r.count !== n) throw new Error(`memory child iterated ${r.count}, not ${n}`);
  return { rssMb: r.after / 1024, growthMb: (r.after - r.before) / 1024 };
}

async function throughput(n, rounds) {
  const mock = await startMock(["--customers", String(n), "--rate-limit", "off"]);
  try {
    const [pid] = await mock.pages();
    const page = new sdk.PageClient({ pageId: pid, pageAccessToken: token(pid), baseUrl: mock.api,
      requestsPerSecond: null });
    let sdkBest = Infinity, plainBest = Infinity, same = true, count = 0;
    for (let i = 0; i < rounds; i++) {
      const [t1, ids] = await timed(() => sdkIds(page));
      sdkBest = Math.min(sdkBest, t1);
      const [t2, recs] = await timed(() => plainLoop(mock.api, pid, token(pid), 0));
      plainBest = Math.min(plainBest, t2);
      same = same && ids.length === n && ids.length === recs.length
        && ids.every((id, k) => id === String(recs[k].id));
      count = ids.length;
    }
    const mem = { small: peakMemory(mock.api, pid, 1000), big: peakMemory(mock.api, pid, n) };
    return { customers: count, same, sdkT: sdkBest, plainT: plainBest,
      sdkRps: count / sdkBest, plainRps: count / plainBest, ratio: plainBest / sdkBest, mem };
  } finally {
    await mock.stop();
  }
}

async function parallel(pages, perPage) {
  const mock = await startMock(["--pages", String(pages), "--customers", String(perPage * 3), "--rate-limit", "5"]);
  try {
    const pids = await mock.pages();
    const clients = pids.map((p) => new sdk.PageClient({ pageId: p, pageAccessToken: token(p), baseUrl: mock.api }));
    await mock.reset();
    const [serial, a] = await timed(async () => {
      const out = [];
      for (const c of clients) out.push((await sdkIds(c, perPage)).length);
      return out;
    });
    await sleep(1500);
    await mock.reset();
    const [par, b] = await timed(() => Promise.all(clients.map(async (c) => (await sdkIds(c, perPage)).length)));
    const same = a.every((x) => x === perPage) && b.every((x) => x === perPage);
    return { pages: pids.length, perPage, serial, parallel: par, speedup: serial / par, same };
  } finally {
    await mock.stop();
  }
}

function footprint() {
  const wasm = readFileSync(WASM);
  const pack = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: NPM, encoding: "utf8" });
  let tarball = null;
  try { tarball = JSON.parse(pack.stdout)[0].size; } catch { /* npm pack unavailable */ }
  // Instantiation as the package does it (initSync on the bytes), in fresh processes.
  const child = `
    import { readFileSync } from "node:fs";
    const [native, wasm] = process.argv.slice(1);
    const { initSync } = await import(native);
    const bytes = readFileSync(wasm);
    const t = performance.now();
    initSync(bytes);
    console.log(performance.now() - t);
  `;
  const times = [];
  for (let i = 0; i < 5; i++) {
    const out = spawnSync(process.execPath, ["--input-type=module", "-e", child,
      pathToFileURL(join(NPM, "dist", "native.js")).href, WASM], { encoding: "utf8" });
    if (out.status !== 0) throw new Error(out.stderr);
    times.push(Number(out.stdout.trim()));
  }
  return { wasmBytes: wasm.length, wasmGzip: gzipSync(wasm, { level: 9 }).length, tarball,
    instantiateMs: Math.min(...times) };
}

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")));
const results = {};
console.log("node 1. rate-limited sync ...");
results.rateLimited = await rateLimited(Number(args["sync-customers"] ?? 5000));
const rl = results.rateLimited;
console.log(`   SDK   ${rl.sdkT.toFixed(2)} s ÷ ideal ${rl.ideal.toFixed(2)} s = ${rl.sdkRatio.toFixed(3)}×  (${rl.sdkN} records, ${rl.sdkReqs} requests, 429s surfaced ${rl.sdk429})`);
console.log(`   fetch ${rl.plainT.toFixed(2)} s ÷ ideal ${rl.ideal.toFixed(2)} s = ${rl.plainRatio.toFixed(3)}×  (${rl.plainN} records, ${rl.plainReqs} requests, 429s surfaced ${rl.plain429})`);
console.log("node 2. unthrottled throughput ...");
results.throughput = await throughput(Number(args.customers ?? 100000), Number(args.rounds ?? 2));
const tp = results.throughput;
console.log(`   SDK ${tp.sdkRps.toFixed(0)} records/s ÷ fetch ${tp.plainRps.toFixed(0)} records/s = ${tp.ratio.toFixed(2)}×  (same records: ${tp.same})`);
console.log(`   peak RSS iterating 1,000: ${tp.mem.small.rssMb.toFixed(1)} MB, ${tp.customers}: ${tp.mem.big.rssMb.toFixed(1)} MB`);
console.log("node 3. pages in parallel (Promise.all) ...");
results.parallel = await parallel(4, Number(args["per-page"] ?? 2000));
const pr = results.parallel;
console.log(`   serial ${pr.serial.toFixed(2)} s ÷ Promise.all ${pr.parallel.toFixed(2)} s = ${pr.speedup.toFixed(2)}×  (same records: ${pr.same})`);
console.log("node 4. footprint ...");
results.footprint = footprint();
const fp = results.footprint;
console.log(`   wasm ${fp.wasmBytes} bytes (${fp.wasmGzip} gzipped), npm tarball ${fp.tarball} bytes, instantiation ${fp.instantiateMs.toFixed(1)} ms`);
console.log(JSON.stringify(results));
