// The shared response, pagination, retry and rate-limit vectors through the packed package:
// the same files core's Rust tests and the Python package run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PancakeError, conformance, parseResponse } from "pancake-api";
import { VECTORS } from "./helpers.mjs";

const load = (f) => JSON.parse(readFileSync(join(VECTORS, f), "utf8")).cases;
const body = (c) =>
  "body_base64" in c
    ? new Uint8Array(Buffer.from(c.body_base64, "base64"))
    : typeof c.body === "string"
      ? c.body
      : JSON.stringify(c.body ?? "");
const headers = (c) => Object.entries(c.headers ?? {}).map(([k, v]) => [k, String(v)]);

for (const c of load("responses.json")) {
  test(`response: ${c.name}`, () => {
    const run = () =>
      c.operation
        ? parseResponse(c.operation, c.params ?? {}, c.status, headers(c), body(c))
        : conformance.checkResponse(c.status, headers(c), body(c));
    const want = c.expect;
    if (want.ok) return void run();
    let err;
    assert.throws(run, (e) => (err = e) instanceof PancakeError);
    assert.equal(err.kind, want.kind, err.message);
    if ("status" in want) assert.equal(err.status ?? null, want.status);
    if ("code" in want) assert.equal(err.code ?? null, want.code);
    if ("retry_after_ms" in want) assert.equal(err.retryAfterMs ?? null, want.retry_after_ms);
    if ("message" in want) assert.ok(err.message.includes(want.message), err.message);
    if ("message_contains" in want) assert.ok(err.message.includes(want.message_contains), err.message);
    if ("body_contains" in want) assert.ok((err.body ?? "").includes(want.body_contains));
    for (const secret of [want.must_not_contain ?? []].flat()) {
      assert.ok(!`${err.message} ${err.body ?? ""} ${String(err)}`.includes(secret));
    }
  });
}

const key = (v) => (typeof v === "string" ? v : v === null || v === undefined ? "" : JSON.stringify(v));

for (const c of load("pagination.json")) {
  test(`pagination: ${c.name}`, () => {
    const ctx = c.context ?? {};
    const field = c.key_field ?? "id";
    let pager = conformance.offlinePager(c.operation, c.params ?? {}, c.resume);
    c.steps.forEach((step, i) => {
      assert.equal(pager.nextUrl(ctx), step.expect_request_url, `step ${i}`);
      const r = step.response;
      if (step.expect_error) {
        assert.throws(() => pager.feed(r.status ?? 200, headers(r), body(r)), (e) => e.kind === step.expect_error.kind);
      } else {
        const items = pager.feed(r.status ?? 200, headers(r), body(r));
        assert.deepEqual(items.map((it) => key(it[field])), step.expect_items_keys.map(key), `step ${i}`);
      }
      if (step.resume_here) pager = conformance.offlinePager(c.operation, c.params ?? {}, pager.resumeToken());
    });
    const done = c.expect_done ?? true;
    assert.equal(pager.nextUrl(ctx) === undefined, done);
    assert.equal(pager.isDone(), done);
  });
}

for (const c of load("retry.json")) {
  test(`retry: ${c.name}`, () => {
    const got = conformance.retryDecide(c.policy ?? {}, c.attempt, c.outcome, c.safety, c.jitter);
    assert.equal(got, c.expect.decision === "retry" ? c.expect.after_ms : null);
  });
}

for (const c of load("ratelimit.json")) {
  test(`rate limit: ${c.name}`, () => {
    const limiter = conformance.rateLimiter("limit" in c ? c.limit : { requests_per_second: 5, burst: 5 });
    c.steps.forEach((s, i) => {
      if (s.op === "penalize") return void limiter.penalize(s.key ?? null, s.until_ms);
      assert.equal(limiter.acquire(s.key ?? null, s.now_ms), s.expect === "ok" ? null : s.expect.wait_ms, `step ${i}`);
    });
  });
}
