// tests/vectors/resume_after_stop.json against the real mock: stop an iteration by break,
// return(), a thrown error or an abort (some while the next page is in flight), read the
// resume token after the loop, resume from it, and get exactly the rest of the list.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PageClient, UserClient } from "pancake-api";
import { Mock, USER_TOKEN, VECTORS } from "./helpers.mjs";

const doc = JSON.parse(readFileSync(join(VECTORS, "resume_after_stop.json"), "utf8"));
const [resource, method] = doc.list.face.split(".");
const { since, until, ...rest } = doc.list.params;
const params = { ...rest, since: new Date(since * 1000), until: new Date(until * 1000) };
let mock;
let page;

before(async () => {
  mock = await Mock.start("--rate-limit", "off", "--customers", String(doc.records));
  const pages = await new UserClient({ accessToken: USER_TOKEN, baseUrl: mock.url }).pages.list();
  const id = String(pages[0].id);
  page = new PageClient({ pageId: id, pageAccessToken: `mock-page-token-${id}`, baseUrl: mock.url, requestsPerSecond: null });
});
after(async () => mock?.stop());

const ids = (items) => items.map((c) => c.id);
const iterate = (extra) => page[resource][method]({ ...params, ...extra });

class Stop extends Error {}

/** Hands out `stop_after` items and stops by break, a throw or return(). */
async function stopEarly(c) {
  const it = iterate();
  const head = [];
  if (c.how === "break") {
    for await (const item of it) {
      head.push(item.id);
      if (head.length === c.stop_after) break;
    }
  } else if (c.how === "throw") {
    await assert.rejects(async () => {
      for await (const item of it) {
        head.push(item.id);
        if (head.length === c.stop_after) throw new Stop("stop");
      }
    }, Stop);
  } else if (c.how === "return") {
    while (head.length < c.stop_after) head.push((await it.next()).value.id);
    await it.return();
  } else {
    throw new Error(`${c.name}: unknown how ${c.how}`);
  }
  return { it, head };
}

test("resume after stop: every case of tests/vectors/resume_after_stop.json", async () => {
  assert.ok(doc.cases.length > 0);
  const full = ids(await iterate({ prefetch: false }).toArray());
  assert.equal(full.length, doc.records);
  for (const c of doc.cases) {
    await mock.clear();
    if (c.next_page_delay_ms) {
      // The page after the one being read when the caller stops.
      const skip = Math.ceil(c.stop_after / doc.list.params.page_size);
      await mock.fault({ route: doc.list.operation, delay_ms: c.next_page_delay_ms, skip, count: 1 });
    }
    let it;
    let head;
    if (c.how === "abort") {
      // Stop in the middle of asking for the next page: abort while it is in flight.
      const controller = new AbortController();
      it = iterate({ signal: controller.signal });
      head = [];
      while (head.length < c.stop_after) head.push((await it.next()).value.id);
      const pending = it.next();
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(pending, (e) => e.name === "AbortError", c.name);
    } else {
      ({ it, head } = await stopEarly(c));
    }
    assert.equal(head.length, c.stop_after, c.name);
    const token = it.resumeToken;
    await mock.clear();
    const resumed = ids(await iterate({ resume: token }).toArray());
    assert.deepEqual([...head, ...resumed], full, c.name);
  }
});
