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

test("models: nested models, timestamp arrays and odd keys round-trip through toJSON()", () => {
  const body = {
    event_type: "not_a_known_event",
    data: {
      a_at: [1700000000, { inserted_at: "2025-07-05T00:00:00", name: "x" }, "not a time", [1700000001]],
      toJSON: 5,
      nested: { updated_at: 1700000000000, list: [{ created_at: "2025-07-05T00:00:00Z" }], plain: [1, "2"] },
      inserted_at: null,
    },
  };
  const event = parseWebhook(JSON.stringify(body));
  assert.deepEqual(event.toJSON(), body);
  assert.deepEqual(JSON.parse(JSON.stringify(event.data)), body);
  const data = event.data.data;
  assert.deepEqual(data.toJSON(), body.data);
  assert.ok(data.a_at[0] instanceof Date);
  assert.ok(data.a_at[1].inserted_at instanceof Date);
  assert.equal(data.a_at[2], "not a time");
  assert.ok(data.a_at[3][0] instanceof Date);
  assert.equal(data.inserted_at, null);
  assert.ok(data.nested.updated_at instanceof Date);
  assert.ok(data.nested.list[0].created_at instanceof Date);
  assert.deepEqual(data.nested.toJSON(), body.data.nested);
  for (const v of [data, data.a_at, data.a_at[1], data.a_at[3], data.nested, data.nested.list, data.nested.plain]) {
    assert.ok(Object.isFrozen(v));
  }
  assert.ok(!Object.keys(data).includes("toJSON"));
  const copy = data.toJSON();
  copy.nested.updated_at = 0;
  assert.deepEqual(data.toJSON(), body.data);
});
