// Test helpers: start the real `pancake-mock` binary on port 0, talk to its control routes,
// stop it afterwards (only the process we started).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root: PANCAKE_ROOT, or two levels above the npm/test folder. */
export const ROOT = process.env.PANCAKE_ROOT || resolve(here, "..", "..");
export const VECTORS = join(ROOT, "tests", "vectors");
export const FIXTURES = join(ROOT, "tests", "fixtures");
export const USER_TOKEN = "mock-user-token";
export const SINCE = new Date("2000-01-01T00:00:00Z");
export const UNTIL = new Date("2030-01-01T00:00:00Z");

export function mockBinary() {
  const path = process.env.PANCAKE_MOCK_BIN || join(ROOT, "target", "debug", "pancake-mock");
  if (!existsSync(path)) throw new Error(`pancake-mock not found at ${path}: build it or set PANCAKE_MOCK_BIN`);
  return path;
}

/** A running mock; `url` is the SDK base URL (`.../api`). */
export class Mock {
  static async start(...args) {
    const proc = spawn(mockBinary(), ["--port", "0", "--seed", "42", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    const lines = createInterface({ input: proc.stdout });
    const address = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error("pancake-mock did not print its address in 60 s")), 60000);
      lines.once("line", (line) => {
        clearTimeout(timer);
        ok(line.trim());
      });
      proc.once("exit", (code) => fail(new Error(`pancake-mock exited (${code})`)));
    });
    if (!address.startsWith("http")) {
      proc.kill();
      throw new Error(`pancake-mock printed ${JSON.stringify(address)}`);
    }
    const m = new Mock();
    m.proc = proc;
    m.address = address;
    m.url = address + "/api";
    return m;
  }
  async control(path, body, method) {
    const resp = await fetch(this.address + path, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await resp.text();
    return text ? JSON.parse(text) : null;
  }
  async journal() {
    return (await this.control("/__mock/requests")).requests;
  }
  async fault(spec) {
    return this.control("/__mock/faults", spec);
  }
  async clear() {
    await this.control("/__mock/faults", undefined, "DELETE");
    await this.control("/__mock/requests", undefined, "DELETE");
  }
  async reset() {
    await this.control("/__mock/reset", {});
    await this.clear();
  }
  async stop() {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise((ok) => this.proc.once("exit", ok));
    this.proc.kill("SIGTERM");
    await exited;
  }
}
