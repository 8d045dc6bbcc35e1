// Runs the installed (packed) package in Deno, Bun and workerd against the real mock.
//   node run.mjs <dir>   where <dir>/node_modules/pancake-api is the installed tarball.
// One mock (`PANCAKE_MOCK_BIN`) serves the three runs in turn; each runtime's binary comes from
// npm/node_modules/.bin (devDependencies, installed by `npm ci`). A missing binary, a failing
// check or a run over its time limit fails the whole script; every runtime is always run.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const NPM_DIR = resolve(here, "..");
const ROOT = resolve(NPM_DIR, "..");
const WORK = resolve(process.argv[2] ?? "");
const CUSTOMERS = 123; // not a multiple of the page size, so the last page is partial
const LIMIT_MS = 120_000;

if (!process.argv[2] || !existsSync(join(WORK, "node_modules", "pancake-api", "package.json"))) {
  console.error("run.mjs: give the directory the packed tarball is installed in (see scripts/test-runtimes.sh)");
  process.exit(2);
}

function bin(name) {
  const path = join(NPM_DIR, "node_modules", ".bin", name);
  if (!existsSync(path)) throw new Error(`${name} not found at ${path}: run \`npm ci\` in npm/ (it is a devDependency)`);
  return path;
}

async function startMock() {
  const path = process.env.PANCAKE_MOCK_BIN || join(ROOT, "target", "debug", "pancake-mock");
  if (!existsSync(path)) throw new Error(`pancake-mock not found at ${path}: cargo build -p pancake-mock, or set PANCAKE_MOCK_BIN`);
  const proc = spawn(path, ["--port", "0", "--seed", "42", "--rate-limit", "off", "--customers", String(CUSTOMERS)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const address = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("pancake-mock did not print its address in 60 s")), 60000);
    createInterface({ input: proc.stdout }).once("line", (line) => (clearTimeout(timer), ok(line.trim())));
    proc.once("exit", (code) => fail(new Error(`pancake-mock exited (${code})`)));
  });
  if (!address.startsWith("http://127.0.0.1:")) throw new Error(`pancake-mock printed ${JSON.stringify(address)}`);
  return { proc, address };
}

/** Runs a command with a time limit, its output passed through; resolves to its exit status. */
function run(cmd, args, opts) {
  return new Promise((ok) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit"], ...opts });
    const timer = setTimeout(() => {
      console.error(`${cmd} ran over ${LIMIT_MS / 1000} s: killed`);
      child.kill("SIGKILL");
    }, LIMIT_MS);
    child.once("exit", (code, signal) => (clearTimeout(timer), ok(code ?? `signal ${signal}`)));
    child.once("error", (e) => (clearTimeout(timer), ok(`spawn error ${e.message}`)));
  });
}

/** Which file `import "pancake-api"` means under the `workerd` condition, by Node's resolver
 * (the condition a Workers bundler passes). */
function resolveWorkerdEntry() {
  const r = spawnSync(
    process.execPath,
    ["--conditions=workerd", "--input-type=module", "-e", 'console.log(import.meta.resolve("pancake-api"))'],
    { cwd: WORK, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`resolving pancake-api with the workerd condition failed: ${r.stderr}`);
  return fileURLToPath(r.stdout.trim());
}

/** A workerd config: the test Worker, every module of the installed package (the `.wasm` as
 * a wasm module, as Workers import it), and an outbound network that may reach loopback. */
function workerdConfig(address) {
  const entry = resolveWorkerdEntry();
  if (!entry.endsWith(join("pancake-api", "dist", "workerd.js"))) throw new Error(`the workerd condition resolves to ${entry}, not dist/workerd.js`);
  const dist = join(WORK, "node_modules", "pancake-api", "dist");
  const modules = [
    `(name = "worker.mjs", esModule = embed "runtime-tests/worker.mjs")`,
    `(name = "suite.mjs", esModule = embed "runtime-tests/suite.mjs")`,
    // The bare specifier, as a bundler would map it: to the file the condition picked.
    `(name = "pancake-api", esModule = ${JSON.stringify(`export * from "./${relative(WORK, entry)}";`)})`,
  ];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      const rel = relative(WORK, p);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".js")) modules.push(`(name = ${JSON.stringify(rel)}, esModule = embed ${JSON.stringify(rel)})`);
      else if (e.name.endsWith(".wasm")) modules.push(`(name = ${JSON.stringify(rel)}, wasm = embed ${JSON.stringify(rel)})`);
    }
  };
  walk(dist);
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # The default "internet" service may only reach public addresses; the mock is on loopback.
    (name = "internet", network = (allow = ["local"])),
  ],
);
const worker :Workerd.Worker = (
  modules = [
    ${modules.join(",\n    ")}
  ],
  bindings = [
    (name = "PANCAKE_MOCK_ADDRESS", text = ${JSON.stringify(address)}),
    (name = "PANCAKE_EXPECTED_CUSTOMERS", text = "${CUSTOMERS}"),
  ],
  compatibilityDate = "2025-09-01",
);
`;
}

const dest = join(WORK, "runtime-tests");
mkdirSync(dest, { recursive: true });
for (const f of ["suite.mjs", "cli.mjs", "worker.mjs"]) copyFileSync(join(here, f), join(dest, f));

const mock = await startMock();
const results = [];
try {
  const env = (runtime) => ({
    ...process.env,
    NO_COLOR: "1",
    PANCAKE_RUNTIME: runtime,
    PANCAKE_MOCK_ADDRESS: mock.address,
    PANCAKE_EXPECTED_CUSTOMERS: String(CUSTOMERS),
  });
  const runtimes = {
    // Caches stay in the throwaway directory; --no-lock leaves no deno.lock behind.
    deno: () => [bin("deno"), ["run", "--no-lock", "--cached-only", "--no-prompt", "--allow-net=127.0.0.1", "--allow-env", "--allow-read", "runtime-tests/cli.mjs"],
      { DENO_DIR: join(WORK, ".deno"), DENO_NO_UPDATE_CHECK: "1" }],
    bun: () => [bin("bun"), ["--no-install", "runtime-tests/cli.mjs"],
      { BUN_INSTALL_CACHE_DIR: join(WORK, ".bun-cache"), BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0", DO_NOT_TRACK: "1" }],
    workerd: () => {
      writeFileSync(join(WORK, "workerd.capnp"), workerdConfig(mock.address));
      return [bin("workerd"), ["test", "workerd.capnp"], {}];
    },
  };
  for (const [name, prepare] of Object.entries(runtimes)) {
    console.log(`--- ${name}`);
    const t0 = performance.now();
    let status;
    try {
      const [cmd, args, extra] = prepare();
      status = await run(cmd, args, { cwd: WORK, env: { ...env(name), ...extra } });
    } catch (e) {
      console.error(`${name}: ${e.message}`);
      status = "not run";
    }
    results.push({ name, ok: status === 0, status, seconds: (performance.now() - t0) / 1000 });
  }
} finally {
  const exited = new Promise((ok) => mock.proc.once("exit", ok));
  mock.proc.kill("SIGTERM");
  await exited;
}
for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.name.padEnd(8)} ${r.seconds.toFixed(1)} s${r.ok ? "" : ` (exit ${r.status})`}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
