// The shared vectors of tests/vectors and fixtures of tests/fixtures through the packed
// package: the same files core's Rust tests and the Python package run, so the languages
// provably agree.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  APIError,
  InvalidRequestError,
  PancakeError,
  buildRequest,
  extractPhones,
  normalizePhone,
  operationNames,
  parseResponse,
  parseTimestamp,
  parseTimestampMicros,
} from "pancake-api";
import { FIXTURES, VECTORS } from "./helpers.mjs";

const load = (re) =>
  readdirSync(VECTORS)
    .filter((f) => re.test(f))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(VECTORS, f), "utf8")).cases);

const REQUESTS = load(/^requests.*\.json$/);
const TIMES = load(/^timestamps\.json$/).filter((c) => c.function === "parse_timestamp");
const PHONES = load(/^phones\.json$/);

test("vectors were found", () => {
  assert.ok(REQUESTS.length > 200, `${REQUESTS.length} request vectors`);
  assert.ok(TIMES.length > 20);
  assert.ok(PHONES.length > 40);
});

test("every operation has a request vector", () => {
  const covered = new Set(REQUESTS.map((c) => c.operation));
  assert.deepEqual(operationNames().filter((op) => !covered.has(op)), []);
});

test("request vectors", () => {
  let n = 0;
  for (const c of REQUESTS) {
    const label = `${c.operation}: ${c.name}`;
    if (c.expect_error) {
      assert.throws(() => buildRequest(c.context ?? {}, c.operation, c.params, true), (e) => {
        assert.ok(e instanceof InvalidRequestError, `${label}: ${e}`);
        assert.equal(e.param, c.expect_error.field, label);
        return true;
      });
    } else {
      const got = buildRequest(c.context ?? {}, c.operation, c.params, true);
      assert.equal(got.method, c.expect.method, label);
      assert.equal(got.url, c.expect.url, label);
      assert.deepEqual(got.body, c.expect.body ?? null, label);
      if (c.expect.retry_safety) assert.equal(got.retry_safety, c.expect.retry_safety, label);
    }
    n++;
  }
  assert.equal(n, REQUESTS.length);
});

test("buildRequest redacts by default", () => {
  const got = buildRequest({ page_id: "1", page_access_token: "secret.jwt-token" }, "tags.list", {});
  assert.ok(!got.url.includes("secret.jwt-token"));
  assert.ok(got.url.includes("[REDACTED]"));
});

test("timestamp vectors", () => {
  for (const c of TIMES) {
    if (c.expect_error) {
      assert.throws(() => parseTimestampMicros(c.input), InvalidRequestError, c.name);
      continue;
    }
    assert.equal(parseTimestampMicros(c.input), c.expect_unix_micros, c.name);
    const ms = Math.floor(c.expect_unix_micros / 1000);
    if (Math.abs(ms) <= 8.64e15) assert.equal(parseTimestamp(c.input).getTime(), ms, c.name);
  }
});

test("phone vectors", () => {
  for (const c of PHONES) {
    const region = c.region ?? "VN";
    if (c.function === "normalize_phone") {
      if (c.expect_error) {
        assert.throws(() => normalizePhone(c.raw, region), (e) => e instanceof InvalidRequestError && e.param === c.expect_error.field, c.name);
      } else {
        assert.equal(normalizePhone(c.raw, region), c.expect, c.name);
      }
    } else if (c.function === "extract_phones") {
      assert.deepEqual(extractPhones(c.text, region), c.expect, c.name);
    } else {
      assert.fail(`unknown function ${c.function}`);
    }
  }
});

test("fixtures parse and round-trip exactly", () => {
  let n = 0;
  for (const op of readdirSync(FIXTURES).sort()) {
    for (const f of readdirSync(join(FIXTURES, op)).sort()) {
      if (!f.endsWith(".json") || f.endsWith(".params.json")) continue;
      const body = readFileSync(join(FIXTURES, op, f));
      // A fixture's parameters, when it needs any, sit beside it as `<name>.params.json`.
      const paramsFile = join(FIXTURES, op, f.replace(/\.json$/, ".params.json"));
      const params = existsSync(paramsFile) ? JSON.parse(readFileSync(paramsFile, "utf8")) : {};
      if (f.startsWith("error")) {
        assert.throws(() => parseResponse(op, params, 200, [], body), APIError, `${op}/${f}`);
      } else {
        assert.deepEqual(parseResponse(op, params, 200, [], body), JSON.parse(body.toString("utf8")), `${op}/${f}`);
      }
      n++;
    }
  }
  assert.ok(n > 60, `${n} fixtures`);
});

test("every error is a PancakeError", () => {
  assert.throws(() => parseResponse("tags.list", {}, 502, [], "<html>Bad gateway</html>"), PancakeError);
});
