// The whole webhook loop on loopback in Node: the mock POSTs events to a `node:http` receiver
// (which fails the first delivery of every other event on purpose); the receiver acknowledges,
// deduplicates by `dedupKey` and queues; the test fetches the conversation and replies through
// the API, and checks every event was processed exactly once despite redeliveries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { PageClient, UserClient, parseWebhook } from "pancake-api";
import { Mock, USER_TOKEN } from "./helpers.mjs";

class Receiver {
  constructor() {
    this.queue = [];
    this.waiters = [];
    this.seen = new Set();
    this.deliveries = new Map();
    this.failedOnce = new Set();
    this.processed = [];
    this.count = 0;
    this.server = createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        res.statusCode = this.handle(new Uint8Array(Buffer.concat(chunks)));
        res.end();
      });
    });
  }
  async start() {
    await new Promise((ok) => this.server.listen(0, "127.0.0.1", ok));
    this.url = `http://127.0.0.1:${this.server.address().port}/hooks/pancake`;
  }
  handle(body) {
    const event = parseWebhook(body);
    const key = event.dedupKey;
    this.deliveries.set(key, (this.deliveries.get(key) ?? 0) + 1);
    this.count += 1;
    if (this.count % 2 === 1 && !this.failedOnce.has(key)) {
      this.failedOnce.add(key);
      return 500;
    }
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.processed.push(key);
      this.queue.push(event);
      for (const w of this.waiters.splice(0)) w();
    }
    return 200;
  }
  async waitFor(what, match, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.queue.findIndex(match);
      if (i >= 0) return this.queue.splice(i, 1)[0];
      const left = deadline - Date.now();
      assert.ok(left > 0, `no ${what} event within ${timeoutMs} ms`);
      await new Promise((ok) => {
        this.waiters.push(ok);
        setTimeout(ok, Math.min(left, 100));
      });
    }
  }
  stop() {
    this.server.close();
  }
}

test("receive, fetch, reply, with redelivery: every event processed once", async () => {
  const receiver = new Receiver();
  await receiver.start();
  let mock;
  try {
    mock = await Mock.start("--webhook-url", receiver.url, "--rate-limit", "off");
    const pageId = String((await new UserClient({ accessToken: USER_TOKEN, baseUrl: mock.url }).pages.list())[0].id);
    const page = new PageClient({ pageId, pageAccessToken: `mock-page-token-${pageId}`, baseUrl: mock.url });
    const inbox = (await page.conversations.iter().toArray()).find((c) => c.type === "INBOX");

    const sent = await mock.control("/__mock/webhooks/customer_message", {
      page_id: pageId,
      conversation_id: inbox.id,
      message: "Còn size M không ạ?",
    });
    const event = await receiver.waitFor("customer message", (e) => e.dedupKey === sent.request_id);
    assert.equal(event.kind, "messaging");
    assert.equal(event.data.data.message.message, "Còn size M không ạ?");
    assert.ok(event.data.data.message.inserted_at instanceof Date);

    const convId = String(event.data.data.conversation.id);
    const history = await page.messages.list(convId);
    assert.ok(history.items.some((m) => m.id === sent.message_id));
    await page.messages.send(convId, { message: "Dạ còn ạ, shop gửi ảnh nhé" });
    await receiver.waitFor(
      "reply",
      (e) => e.kind === "messaging" && e.toJSON().data.message.original_message === "Dạ còn ạ, shop gửi ảnh nhé",
    );
    const tag = (await page.tags.list())[0];
    await page.conversations.addTag(convId, tag.id);
    await receiver.waitFor("tag change", (e) => e.kind === "conversation" && e.toJSON().data.conversation.tags.includes(tag.id));

    const deadline = Date.now() + 15000;
    let log;
    for (;;) {
      log = (await mock.control("/__mock/webhooks")).deliveries;
      const ids = new Set(log.map((d) => d.request_id));
      const done = new Set(log.filter((d) => d.status === 200).map((d) => d.request_id));
      if (ids.size && done.size === ids.size) break;
      assert.ok(Date.now() < deadline, "undelivered events");
      await new Promise((ok) => setTimeout(ok, 50));
    }
    const ids = new Set(log.map((d) => d.request_id));
    assert.equal(receiver.processed.length, ids.size);
    assert.deepEqual(new Set(receiver.processed), ids);
    const redelivered = [...receiver.deliveries].filter(([, n]) => n > 1).map(([k]) => k);
    assert.ok(redelivered.length > 0 && redelivered.every((k) => receiver.failedOnce.has(k)));
  } finally {
    await mock?.stop();
    receiver.stop();
  }
});
