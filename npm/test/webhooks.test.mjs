// The shared webhook vectors (tests/vectors/webhooks.json) through the packed package: the same
// file core's Rust tests and the Python package run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DecodeError, PancakeError, parseWebhook } from "pancake-api";
import { VECTORS } from "./helpers.mjs";

const CASES = JSON.parse(readFileSync(join(VECTORS, "webhooks.json"), "utf8")).cases;

const pointer = (value, path) =>
  path
    .split("/")
    .slice(1)
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((v, key) => (v === undefined || v === null ? undefined : v[key]), value);

test("webhook vectors were found", () => {
  assert.ok(CASES.length >= 10);
});

for (const c of CASES) {
  test(`webhook: ${c.name}`, () => {
    const body = "body_text" in c ? c.body_text : JSON.stringify(c.body);
    if (c.expect_error) {
      assert.throws(
        () => parseWebhook(body),
        (e) =>
          e instanceof PancakeError &&
          e instanceof DecodeError &&
          (!c.expect_error_contains || e.message.includes(c.expect_error_contains)),
      );
      return;
    }
    const event = parseWebhook(new TextEncoder().encode(body));
    assert.equal(event.kind, c.expect_kind);
    assert.deepEqual(event.toJSON(), c.body);
    assert.deepEqual(JSON.parse(JSON.stringify(event)), c.body);
    for (const [path, want] of Object.entries(c.expect_fields ?? {})) {
      assert.deepEqual(pointer(event.toJSON(), path), want, path);
    }
    for (const [path, want] of Object.entries(c.expect_timestamps ?? {})) {
      const got = pointer(event.data, path);
      assert.ok(got instanceof Date, `${path} is a Date`);
      assert.equal(got.getTime(), new Date(want).getTime(), path);
    }
    if (c.expect_dedup_key) assert.equal(event.dedupKey, c.expect_dedup_key);
  });
}
