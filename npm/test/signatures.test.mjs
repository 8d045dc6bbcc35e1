// Every resource method sends only parameter names core knows for its operation (core's
// `paramNames` is the one source of truth), and the methods together offer every parameter
// core accepts, except the few listed here on purpose.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PageClient, UserClient, operationNames, paramNames } from "pancake-api";

// Parameters core accepts that the JS surface deliberately does not take as such.
const NOT_EXPOSED = {
  "export.conversations_from_ads": ["action"], // fixed by the operation
  "avatar.url": ["page_id", "psid"], // the avatarUrl() helper
};

function spy(client) {
  const calls = [];
  const record = (kind) => async (op, params) => {
    calls.push([op, params]);
    if (kind === "_list") return { items: [], total: null, nextCursor: null, raw: {} };
    if (op === "pages.list") return { pages: [] };
    return {};
  };
  client._request = record("_request");
  client._model = record("_model");
  client._list = record("_list");
  client._iter = (op, params) => (calls.push([op, params]), { resumeToken: "" });
  return calls;
}

test("resource methods use core's parameter names, and cover them", async () => {
  const page = new PageClient({ pageId: "1", pageAccessToken: "t", baseUrl: "http://127.0.0.1:1/api" });
  const user = new UserClient({ accessToken: "t", baseUrl: "http://127.0.0.1:1/api" });
  const pc = spy(page);
  const uc = spy(user);
  const t = new Date(0);
  const span = { since: t, until: t };
  const filters = { tags: [1], type: ["INBOX"], post_ids: ["p"], since: t, until: t, unread_first: true, order_by: "updated_at" };
  await page.conversations.list({ ...filters, last_conversation_id: "c" });
  page.conversations.iter({ ...filters, resume: "r" });
  await page.conversations.listV1({ ...span, page_number: 2, order_by: "x", tags: [1] });
  page.conversations.iterV1({ ...span, order_by: "x", tags: [1] });
  await page.conversations.addTag("c", 1);
  await page.conversations.removeTag("c", 1);
  await page.conversations.assign("c", ["u"]);
  await page.conversations.markRead("c");
  await page.conversations.markUnread("c");
  await page.messages.list("c", { customer_id: "x", current_count: 30 });
  page.messages.iter("c", { customer_id: "x" });
  await page.messages.send("c", { message: "m", content_ids: ["i"], attachment_type: "PHOTO", filename: "f", name: "n", mime_type: "image/png", sender_id: "s", reply_message_id: "r" });
  await page.messages.replyComment("c", "m", { message: "m", content_ids: ["i"], content_url: "u", sender_id: "s", mentions: [{}] });
  await page.messages.privateReply("c", { post_id: "p", message_id: "m", from_id: "f", message: "m", sender_id: "s" });
  await page.customers.list({ ...span, page_number: 1, page_size: 10, order_by: "x" });
  page.customers.iter({ ...span, page_size: 10, order_by: "x" });
  await page.customers.update("pc", { name: "n", gender: "male", birthday: "2000-01-01", phone_numbers: ["1"] });
  await page.customers.addNote("pc", "m");
  await page.customers.updateNote("pc", "n", "m");
  await page.customers.deleteNote("pc", "n");
  await page.statistics.campaigns(span);
  await page.statistics.ads({ ...span, type: "by_id" });
  await page.statistics.engagements({ date_range: "d", by_hour: true, user_ids: ["u"] });
  await page.statistics.engagements({ ...span, zone: "UTC" });
  await page.statistics.page(span);
  await page.statistics.tags(span);
  await page.statistics.users({ date_range: "d" });
  await page.statistics.users({ ...span, zone: "UTC" });
  await page.statistics.newCustomers({ date_range: "d", group_by: "day" });
  await page.statistics.newCustomers({ ...span, zone: "UTC" });
  await page.export.conversationsFromAds({ ...span, offset: 60 });
  page.export.iterConversationsFromAds(span);
  await page.callLogs.list({ id: "i", page_number: 1, page_size: 10, ...span });
  page.callLogs.iter({ id: "i", page_size: 10, ...span });
  await page.posts.list({ ...span, page_number: 1, page_size: 10, type: "x" });
  page.posts.iter({ ...span, page_size: 10, type: "x" });
  await page.tags.list();
  await page.users.list();
  await page.users.setRoundRobin({ inbox: ["u"], comment: ["u"] });
  await page.contents.upload(new Uint8Array([1]), { filename: "f", content_type: "x/y" });
  await page.chatPlugin.send({ from_id: "f", dummy_id: 1, inserted_at: 1, message: "m", conversation_id: "c", name: "n", replied_message_id: "r", extra_info: {}, attachments: [] });
  await page.chatPlugin.list("c", { offset: 1 });
  await user.pages.list();
  await user.pages.generatePageAccessToken("p");
  await user.statistics.pagesUsers({ page_ids: ["p"], date_range: "d" });
  await user.statistics.pagesUsers({ page_ids: ["p"], ...span, zone: "UTC" });

  const used = new Map();
  for (const [op, params] of [...pc, ...uc]) {
    const known = paramNames(op);
    for (const key of Object.keys(params)) assert.ok(known.includes(key), `${op}: \`${key}\` is not a core parameter (${known})`);
    for (const key of Object.keys(params)) (used.get(op) ?? used.set(op, new Set()).get(op)).add(key);
    if (op === "customers.update") for (const k of ["name", "gender", "birthday", "phone_numbers"]) assert.ok(k in params.changes);
  }
  for (const [op, names] of Object.entries(NOT_EXPOSED)) {
    for (const p of names) assert.ok(paramNames(op).includes(p), `NOT_EXPOSED ${op}.${p} is not a core parameter`);
  }
  assert.ok(pc.length + uc.length >= 40, `the spy saw the calls (${pc.length + uc.length})`);
  const missing = [];
  for (const op of operationNames()) {
    const skip = NOT_EXPOSED[op] ?? [];
    for (const p of paramNames(op)) if (!skip.includes(p) && !(used.get(op)?.has(p))) missing.push(`${op}.${p}`);
  }
  assert.deepEqual(missing, [], "core parameters no method sends");
});
