// The shared client-option vectors through the real `PageClient` and `UserClient` of the
// packed package: the settings core reads from the options and the environment, and the
// option an `InvalidRequestError` names, must be what core's Rust tests expect from the file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InvalidRequestError, PageClient, UserClient } from "pancake-api";
import { ROOT, VECTORS } from "./helpers.mjs";

const cases = JSON.parse(readFileSync(join(VECTORS, "client_config.json"), "utf8")).cases.filter(
  (c) => (c.face ?? "typescript") === "typescript",
);
const manifest = JSON.parse(readFileSync(join(ROOT, "tests", "schema", "operations.json"), "utf8"));
const spell = (name) => manifest.client.options.find((o) => o.name === name)?.typescript ?? name;

test("client option vectors were found", () => assert.ok(cases.length >= 15));

for (const c of cases) {
  test(`client options: ${c.name}`, () => {
    const saved = {};
    for (const name of manifest.client.env_vars) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
    Object.assign(process.env, c.env ?? {});
    try {
      const options = c.face ? c.options : Object.fromEntries(Object.entries(c.options).map(([k, v]) => [spell(k), v]));
      const make = () => (c.client === "page" ? new PageClient(options) : new UserClient(options));
      if ("error" in c) {
        const want = c.face ? c.error : spell(c.error);
        assert.throws(make, (e) => e instanceof InvalidRequestError && e.param === want);
        return;
      }
      const client = make();
      assert.deepEqual(JSON.parse(client._native.settings()), c.expect);
      assert.equal(client.baseUrl, c.expect.base_url);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
}
