// The packed package against the real mock server over real HTTP: every endpoint and write,
// pagination, resume, retries, faults (the journal proving no duplicate send), abort and
// timeout, errors and redaction, models and toJSON.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  AuthenticationError,
  DecodeError,
  InvalidRequestError,
  PageClient,
  PancakeError,
  PermissionDeniedError,
  ServerError,
  UserClient,
  avatarUrl,
  extractPhones,
  normalizePhone,
  parseTimestamp,
  paramNames,
} from "pancake-api";
import { Mock, SINCE, UNTIL, USER_TOKEN } from "./helpers.mjs";

const require = createRequire(import.meta.url);
let mock;
let pageId;

before(async () => {
  mock = await Mock.start("--rate-limit", "off");
  const pages = await new UserClient({ accessToken: USER_TOKEN, baseUrl: mock.url }).pages.list();
  pageId = String(pages[0].id);
});
after(async () => mock && (await mock.stop()));
beforeEach(async () => mock.reset());

const page = (opts = {}) =>
  new PageClient({ pageId, pageAccessToken: `mock-page-token-${pageId}`, baseUrl: mock.url, ...opts });
const opsOf = async (op) => (await mock.journal()).filter((r) => r.op === op);
const firstInbox = async (p) => {
  for await (const c of p.conversations.iter()) if (c.type === "INBOX") return c;
  throw new Error("no inbox conversation");
};

describe("endpoints", () => {
  test("user pages, page token, user.page()", async () => {
    const user = new UserClient({ accessToken: USER_TOKEN, baseUrl: mock.url });
    const pages = await user.pages.list();
    assert.ok(pages.length >= 2);
    assert.ok(pages.every((p) => typeof p.name === "string" && p.name));
    const token = await user.pages.generatePageAccessToken(pages[0].id);
    assert.equal(token.page_access_token, `mock-page-token-${pages[0].id}`);
    const tags = await user.page(pages[0].id, token.page_access_token).tags.list();
    assert.ok(tags.length > 0);
  });

  test("conversations, messages and every conversation write", async () => {
    const p = page();
    const convs = await p.conversations.list();
    assert.ok(convs.items.length > 0);
    const conv = convs.items[0];
    assert.ok(conv.updated_at instanceof Date && !Number.isNaN(conv.updated_at.getTime()));
    const all = await p.conversations.iter().toArray();
    assert.equal(new Set(all.map((c) => c.id)).size, all.length);
    assert.ok(all.length >= convs.items.length);

    const tags = await p.tags.list();
    await p.conversations.addTag(conv.id, tags[0].id);
    const again = (await p.conversations.iter().toArray()).find((c) => c.id === conv.id);
    const tagIds = again.tags.map((t) => String(typeof t === "object" && t !== null ? t.id : t));
    assert.ok(tagIds.includes(String(tags[0].id)));
    await p.conversations.removeTag(conv.id, tags[0].id);
    await p.conversations.markRead(conv.id);
    await p.conversations.markUnread(conv.id);
    const users = await p.users.list();
    await p.conversations.assign(conv.id, [users[0].id]);

    const inbox = all.find((c) => c.type === "INBOX");
    const history = await p.messages.iter(inbox.id).toArray();
    assert.ok(history.length > 0);
    await p.messages.send(inbox.id, "Xin chào, shop đã nhận đơn ạ");
    const latest = await p.messages.list(inbox.id);
    const text = (m) => `${m.original_message ?? ""} ${m.message ?? ""}`;
    assert.ok(latest.items.some((m) => text(m).includes("Xin chào, shop đã nhận đơn ạ")));
  });

  test("comment replies", async () => {
    const p = page();
    const comment = (await p.conversations.iter().toArray()).find((c) => c.type === "COMMENT");
    if (!comment) return;
    const msgs = (await p.messages.list(comment.id)).items;
    const last = msgs[msgs.length - 1];
    await p.messages.replyComment(comment.id, last.id, { message: "Cảm ơn bạn!" });
    const from = last.from && typeof last.from === "object" ? String(last.from.id) : "1";
    const postId = typeof comment.post_id === "string" ? comment.post_id : "1";
    try {
      await p.messages.privateReply(comment.id, { post_id: postId, message_id: last.id, from_id: from, message: "Shop inbox bạn nhé" });
    } catch (e) {
      assert.ok(e instanceof APIError, String(e)); // the mock may refuse a made-up post; the request went out typed
    }
  });

  test("upload (Uint8Array and Blob) then send the content", async () => {
    const p = page();
    const content = await p.contents.upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), { filename: "anh.png" });
    assert.ok(content.id);
    const blob = await p.contents.upload(new Blob(["hello"], { type: "text/plain" }), { filename: "a.txt" });
    assert.ok(blob.id);
    const inbox = await firstInbox(p);
    await p.messages.send(inbox.id, { content_ids: [content.id] });
    await assert.rejects(p.messages.send(inbox.id, { message: "both", content_ids: [content.id] }), (e) => {
      assert.ok(e instanceof InvalidRequestError);
      assert.equal(e.param, "content_ids");
      return true;
    });
  });

  test("customer update and notes (add, update, delete)", async () => {
    const p = page();
    const customer = (await p.customers.list({ since: SINCE, until: UNTIL, page_size: 1 })).items[0];
    await p.customers.update(customer.id, { phone_numbers: ["0328290781"], gender: "female" });
    const note = await p.customers.addNote(customer.id, "Khách quen, giao giờ hành chính");
    assert.ok(Object.keys(note.toJSON()).length > 0);
    const noteId = typeof note.id === "string" ? note.id : String(note.toJSON().id ?? "");
    if (noteId) {
      await p.customers.updateNote(customer.id, noteId, "Khách VIP");
      await p.customers.deleteNote(customer.id, noteId);
    }
    const adds = await opsOf("notes.add");
    assert.equal(adds.length, 1);
    await assert.rejects(p.customers.update(customer.id, { birthday: "1990-02-30" }), (e) => e.param === "changes.birthday");
    await assert.rejects(p.customers.update(customer.id, { gender: "other" }), (e) => e.param === "changes.gender");
  });

  test("posts, statistics, export, call logs, round robin, chat plugin", async () => {
    const p = page();
    assert.ok((await p.posts.iter({ since: SINCE, until: UNTIL }).toArray()).length > 0);
    assert.ok(Object.keys((await p.statistics.page({ since: SINCE, until: UNTIL })).toJSON()).length);
    assert.ok((await p.statistics.newCustomers({ date_range: "20/07/2020 - 20/08/2020" })).toJSON());
    // since/until (Dates) instead of the date_range text: core writes the text.
    assert.ok((await p.statistics.newCustomers({ since: new Date("2020-07-20T00:00:00+07:00"), until: new Date("2020-08-20T23:59:59+07:00") })).toJSON());
    assert.ok((await p.statistics.users({ since: SINCE, until: UNTIL })).toJSON());
    const sent = await p.chatPlugin.send({ from_id: "web-visitor-1", dummy_id: 1, inserted_at: Date.now(), message: "Xin chào" });
    const results = await Promise.all([
      p.statistics.campaigns({ since: SINCE, until: UNTIL }),
      p.statistics.ads({ since: SINCE, until: UNTIL, type: "by_id" }),
      p.statistics.tags({ since: SINCE, until: UNTIL }),
      p.statistics.engagements({ date_range: "01/07/2021 00:00:00 - 26/07/2021 23:59:59", by_hour: true }),
      p.export.iterConversationsFromAds({ since: SINCE, until: UNTIL }).toArray(),
      p.callLogs.list({ id: "sip-1" }),
      p.chatPlugin.list(String(sent.toJSON().conversation_id)),
    ]);
    for (const r of results) assert.ok(r !== null && r !== undefined);
    assert.ok(results[4].length > 0, "exported conversations");
    await p.users.setRoundRobin({ inbox: [(await p.users.list())[0].id] });
  });
});

test("statistics.users", async () => {
  const stats = await page().statistics.users({ date_range: "01/07/2021 00:00:00 - 26/07/2021 23:59:59" });
  assert.ok(stats.toJSON());
});

describe("pagination", () => {
  test("iter() is complete and unique (matches total)", async () => {
    const p = page();
    const first = await p.customers.list({ since: SINCE, until: UNTIL, page_size: 10 });
    assert.ok(first.total !== null && first.total > 10);
    const seen = [];
    for await (const c of p.customers.iter({ since: SINCE, until: UNTIL, page_size: 37 })) seen.push(c.psid);
    assert.equal(seen.length, first.total);
    assert.equal(new Set(seen).size, seen.length);
  });

  test("resume after every kind of item", async () => {
    const p = page();
    const params = { since: SINCE, until: UNTIL, page_size: 25 };
    const full = (await p.customers.iter(params).toArray()).map((c) => c.id);
    for (const stop of [1, 24, 25, 26, 60]) {
      const it = p.customers.iter(params);
      const head = [];
      for (let i = 0; i < stop; i++) head.push((await it.next()).value.id);
      const token = it.resumeToken;
      const rest = (await p.customers.iter({ ...params, resume: token }).toArray()).map((c) => c.id);
      assert.deepEqual([...head, ...rest], full, `stop ${stop}`);
    }
  });

  test("v1 conversations: windows over a long span, unique, list() per page", async () => {
    const p = page();
    const since = new Date("2025-01-01T00:00:00Z");
    const until = new Date("2026-12-01T00:00:00Z");
    const all = await p.conversations.iterV1({ since, until }).toArray();
    assert.equal(new Set(all.map((c) => c.id)).size, all.length);
    const first = await p.conversations.listV1({ since: new Date("2025-12-01T00:00:00Z"), until: new Date("2025-12-25T00:00:00Z") });
    assert.ok(Array.isArray(first.items));
    await assert.rejects(p.conversations.listV1({ since, until }), (e) => e instanceof InvalidRequestError);
  });

  test("other lists iterate to the end: posts, messages, export", async () => {
    const p = page();
    const posts = await p.posts.iter({ since: SINCE, until: UNTIL, page_size: 7 }).toArray();
    assert.equal(new Set(posts.map((x) => x.id)).size, posts.length);
    const one = await p.posts.list({ since: SINCE, until: UNTIL, page_size: 30 });
    if (one.total !== null) assert.equal(posts.length, one.total);
  });

  test("break in for-await stops fetching", async () => {
    const p = page();
    let n = 0;
    for await (const _ of p.customers.iter({ since: SINCE, until: UNTIL, page_size: 10, prefetch: false })) if (++n === 3) break;
    assert.equal((await opsOf("customers.list")).length, 1);
    // With prefetch (the default) at most the one page ahead is asked, and it is cancelled.
    await mock.reset();
    n = 0;
    for await (const _ of p.customers.iter({ since: SINCE, until: UNTIL, page_size: 10 })) if (++n === 3) break;
    await new Promise((r) => setTimeout(r, 300));
    assert.ok((await opsOf("customers.list")).length <= 2);
  });

  test("prefetch: the next page is asked while the current one is read", async () => {
    const p = page({ requestsPerSecond: null }); // no wait for the realm's rate limit
    const it = p.customers.iter({ since: SINCE, until: UNTIL, page_size: 10 });
    await it.next();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await opsOf("customers.list")).length, 2, "page 2 asked before item 11 was");
    await it.return();
  });

  test("prefetch: resume after items 1, 99, 100, 101 of 100-item pages, nothing lost or repeated", async () => {
    const p = page();
    const params = { since: SINCE, until: UNTIL, page_size: 100 };
    const full = (await p.customers.iter({ ...params, prefetch: false }).toArray()).map((c) => c.id);
    assert.ok(full.length > 101, `need more than 101 customers, the mock has ${full.length}`);
    assert.equal(new Set(full).size, full.length);
    for (const stop of [1, 99, 100, 101]) {
      const it = p.customers.iter(params);
      const head = [];
      for (let i = 0; i < stop; i++) head.push((await it.next()).value.id);
      // Let the prefetch of the following page land first: it must not count as read.
      await new Promise((r) => setTimeout(r, 100));
      const token = it.resumeToken;
      await it.return();
      const rest = (await p.customers.iter({ ...params, resume: token }).toArray()).map((c) => c.id);
      assert.deepEqual([...head, ...rest], full, `stop ${stop}`);
    }
  });

  test("prefetch: abort or break while the page ahead is in flight leaves no unhandled rejection", async () => {
    const unhandled = [];
    const onUnhandled = (e) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      // A fetch that holds every request after the first for 400 ms, and reports aborts.
      let calls = 0;
      const aborted = [];
      const slowFetch = (url, init) => {
        calls += 1;
        if (calls === 1) return fetch(url, init);
        return new Promise((resolve, reject) => {
          const t = setTimeout(() => fetch(url, init).then(resolve, reject), 400);
          init.signal?.addEventListener("abort", () => {
            clearTimeout(t);
            aborted.push(calls);
            reject(init.signal.reason);
          }, { once: true });
        });
      };
      const p = page({ fetch: slowFetch, requestsPerSecond: null });
      const params = { since: SINCE, until: UNTIL, page_size: 10 };

      // Abort: the caller sees the signal's reason, nothing is left to reject later.
      const ac = new AbortController();
      const reason = new Error("user cancelled");
      const it = p.customers.iter({ ...params, signal: ac.signal });
      for (let i = 0; i < 10; i++) assert.equal((await it.next()).done, false);
      setTimeout(() => ac.abort(reason), 50);
      await assert.rejects(it.next(), (e) => e === reason);
      assert.deepEqual(aborted, [2], "the page ahead was cancelled");

      // Aborted while the caller still reads a page that arrived: the next page is not handed out.
      calls = 0;
      const ac2 = new AbortController();
      const it2 = p.customers.iter({ ...params, signal: ac2.signal });
      await it2.next();
      await new Promise((r) => setTimeout(r, 600));
      ac2.abort(reason);
      for (let i = 1; i < 10; i++) await it2.next();
      await assert.rejects(it2.next(), (e) => e === reason);

      // break: the page ahead is cancelled quietly.
      calls = 0;
      aborted.length = 0;
      let n = 0;
      for await (const _ of p.customers.iter(params)) if (++n === 5) break;
      await new Promise((r) => setTimeout(r, 600));
      assert.deepEqual(aborted, [2]);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("retries, faults, abort, timeout", () => {
  test("validation names the parameter and sends nothing", async () => {
    const p = page();
    await assert.rejects(p.customers.list({ since: SINCE, until: UNTIL, page_size: 500 }), (e) => {
      assert.ok(e instanceof InvalidRequestError && e instanceof PancakeError && e instanceof Error);
      assert.equal(e.param, "page_size");
      return true;
    });
    await assert.rejects(p.customers.list({ since: "yesterday", until: UNTIL }), (e) => e.param === "since");
    assert.deepEqual(await mock.journal(), []);
  });

  test("reads are retried on 503", async () => {
    await mock.fault({ route: "tags.list", status: 503, count: 2 });
    assert.ok((await page().tags.list()).length > 0);
    assert.equal((await opsOf("tags.list")).length, 3);
  });

  test("500 is not retried", async () => {
    await mock.fault({ route: "tags.list", status: 500, count: 1 });
    await assert.rejects(page().tags.list(), (e) => e instanceof ServerError && e.status === 500);
    assert.equal((await opsOf("tags.list")).length, 1);
  });

  test("a dropped send is never repeated", async () => {
    const p = page();
    const inbox = await firstInbox(p);
    await mock.clear();
    await mock.fault({ route: "messages.send", action: "drop", count: 1 });
    await assert.rejects(p.messages.send(inbox.id, "chỉ gửi một lần"), (e) => {
      assert.ok(e instanceof APIConnectionError, String(e));
      assert.equal(e.beforeSend, false);
      return true;
    });
    assert.equal((await opsOf("messages.send")).length, 1);
  });

  test("a dropped read is retried", async () => {
    await mock.fault({ route: "tags.list", action: "drop", count: 1 });
    assert.ok((await page().tags.list()).length > 0);
    assert.equal((await opsOf("tags.list")).length, 2);
  });

  test("HTML, malformed and success:false answers are typed errors", async () => {
    const p = page({ maxRetries: 0 });
    await mock.fault({ route: "tags.list", action: "html", count: 1 });
    await assert.rejects(p.tags.list(), (e) => e instanceof PancakeError && !/<html/i.test(e.message));
    await mock.fault({ route: "tags.list", action: "malformed", count: 1 });
    await assert.rejects(p.tags.list(), (e) => e instanceof DecodeError);
    await mock.fault({ route: "tags.list", action: "success_false", count: 1 });
    await assert.rejects(p.tags.list(), (e) => e instanceof APIError);
  });

  test("timeout", async () => {
    await mock.fault({ route: "tags.list", delay_ms: 1500, count: 1 });
    const started = Date.now();
    await assert.rejects(page({ timeoutMs: 300, maxRetries: 0 }).tags.list(), (e) => e instanceof APITimeoutError);
    assert.ok(Date.now() - started < 1400);
  });

  test("abort during a request rejects with the signal's reason; nothing more is sent", async () => {
    await mock.fault({ route: "tags.list", delay_ms: 1500, count: 1 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    await assert.rejects(page().tags.list({ signal: ac.signal }), (e) => e.name === "AbortError");
    assert.equal((await opsOf("tags.list")).length, 1);
  });

  test("abort during a retry wait", async () => {
    await mock.fault({ route: "tags.list", status: 503, count: 5 });
    const ac = new AbortController();
    const reason = new Error("user cancelled");
    setTimeout(() => ac.abort(reason), 150);
    await assert.rejects(page({ maxRetries: 5 }).tags.list({ signal: ac.signal }), (e) => e === reason);
    const n = (await opsOf("tags.list")).length;
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal((await opsOf("tags.list")).length, n, "no send after abort");
  });

  test("an already aborted signal sends nothing", async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(page().tags.list({ signal: ac.signal }));
    assert.equal((await opsOf("tags.list")).length, 0);
  });

  test("connection refused is a connection error before send, without the token", async () => {
    const server = createServer();
    await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
    const port = server.address().port;
    await new Promise((ok) => server.close(ok)); // nothing listens there any more
    const p = new PageClient({ pageId, pageAccessToken: "super.secret-token-value", baseUrl: `http://127.0.0.1:${port}/api`, maxRetries: 0 });
    await assert.rejects(p.tags.list(), (e) => {
      assert.ok(e instanceof APIConnectionError, String(e));
      assert.equal(e.beforeSend, true);
      assert.ok(!`${e.message} ${e.stack}`.includes("super.secret-token-value"));
      return true;
    });
  });

  test("custom fetch is used", async () => {
    let calls = 0;
    const p = page({ fetch: (url, init) => (calls++, fetch(url, init)) });
    await p.tags.list();
    assert.equal(calls, 1);
  });
});

describe("errors and redaction", () => {
  test("auth errors never show the token", async () => {
    const bad = new PageClient({ pageId, pageAccessToken: "wrong.secret-token", baseUrl: mock.url });
    await assert.rejects(bad.tags.list(), (e) => {
      assert.ok(e instanceof AuthenticationError && e instanceof APIError);
      assert.equal(e.code, 102);
      const text = `${e.message} ${e.stack} ${e.body} ${String(bad)} ${JSON.stringify(e)}`;
      assert.ok(!text.includes("wrong.secret-token"), text);
      return true;
    });
    const pages = await new UserClient({ accessToken: USER_TOKEN, baseUrl: mock.url }).pages.list();
    const other = String(pages.find((x) => String(x.id) !== pageId).id);
    await assert.rejects(
      new PageClient({ pageId: other, pageAccessToken: `mock-page-token-${pageId}`, baseUrl: mock.url }).tags.list(),
      (e) => e instanceof PermissionDeniedError,
    );
  });

  test("missing credentials are InvalidRequestError", () => {
    assert.throws(() => new PageClient({ pageId, pageAccessToken: "" }), (e) => e instanceof InvalidRequestError && e.param === "pageAccessToken");
    assert.throws(() => page({ timeoutMs: -1 }), (e) => e instanceof InvalidRequestError && e.param === "timeoutMs");
  });
});

describe("models", () => {
  test("toJSON() is exactly the server's JSON; timestamps are Dates", async () => {
    const p = page();
    const pg = await p.customers.list({ since: SINCE, until: UNTIL, page_size: 3 });
    const journal = (await opsOf("customers.list"))[0];
    const direct = await fetch(`${mock.address}${journal.path}?${journal.query.replace("[REDACTED]", `mock-page-token-${pageId}`)}`);
    const serverJson = await direct.json();
    assert.deepEqual(pg.raw.toJSON(), serverJson);
    assert.deepEqual(JSON.parse(JSON.stringify(pg.raw)), serverJson);
    const customer = pg.items[0];
    assert.deepEqual(customer.toJSON(), serverJson.customers[0]);
    assert.ok(customer.inserted_at instanceof Date);
    assert.equal(customer.inserted_at.getTime(), parseTimestamp(serverJson.customers[0].inserted_at).getTime());
    assert.ok(Object.isFrozen(customer));
    const copy = customer.toJSON();
    copy.name = "changed";
    assert.notEqual(customer.name, "changed");
    assert.ok(!Object.keys(customer).includes("toJSON"));
  });

  test("time inputs: Date and unix seconds give the same page", async () => {
    const p = page();
    const a = await p.customers.list({ since: SINCE, until: UNTIL, page_size: 5 });
    const b = await p.customers.list({ since: SINCE.getTime() / 1000, until: UNTIL.getTime() / 1000, page_size: 5 });
    assert.deepEqual(a.items.map((c) => c.id), b.items.map((c) => c.id));
  });
});

describe("helpers", () => {
  test("normalizePhone, extractPhones, parseTimestamp, avatarUrl", () => {
    assert.equal(normalizePhone("0328290781"), "+84328290781");
    assert.deepEqual(extractPhones("gọi 0328290781 nhé"), ["+84328290781"]);
    assert.throws(() => normalizePhone("12"), (e) => e instanceof InvalidRequestError);
    assert.equal(parseTimestamp("2021-07-27T10:00:00").toISOString(), "2021-07-27T10:00:00.000Z");
    assert.ok(avatarUrl("1", "2").endsWith("/pages/1/avatar/2"));
  });

  test("resource parameters are core's parameter names", () => {
    assert.ok(paramNames("customers.list").includes("page_size"));
    assert.throws(() => paramNames("no.such"), (e) => e instanceof InvalidRequestError && e.param === "operation");
  });
});

test("the README's quickstart runs as written against the mock", async () => {
  const readme = readFileSync(join(dirname(require.resolve("pancake-api/package.json")), "README.md"), "utf8");
  const code = readme.match(/```js\n([\s\S]*?)```/)[1];
  const file = join(dirname(fileURLToPath(import.meta.url)), "quickstart.mjs");
  // Written next to the tests so that `import "pancake-api"` resolves as it does for a user;
  // removed afterwards, or the next `node --test test/` would run it as a test file.
  writeFileSync(file, code);
  let result;
  try {
    result = spawnSync(process.execPath, [file], {
      encoding: "utf8",
      env: { ...process.env, PANCAKE_ACCESS_TOKEN: USER_TOKEN, PANCAKE_BASE_URL: mock.url },
    });
  } finally {
    rmSync(file, { force: true });
  }
  const { status, stdout, stderr } = result;
  assert.equal(status, 0, stderr);
  assert.ok(stdout.trim().split("\n").length > 10, stdout);
});

describe("rate limit", () => {
  test("respected without surfacing 429", async () => {
    const m = await Mock.start("--rate-limit", "5");
    try {
      // Two clients of the same page share its budget (one limiter per JS realm).
      const a = new PageClient({ pageId, pageAccessToken: `mock-page-token-${pageId}`, baseUrl: m.url });
      const b = new PageClient({ pageId, pageAccessToken: `mock-page-token-${pageId}`, baseUrl: m.url });
      const started = Date.now();
      await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).tags.list()));
      // No RateLimitError reached us: the clients waited instead of being throttled.
      assert.ok(Date.now() - started >= 1000);
    } finally {
      await m.stop();
    }
  });
});
