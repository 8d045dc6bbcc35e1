// The root README's JavaScript sections: the quickstart is the npm README's (which
// client.test.mjs runs), and the webhook receiver runs as written against the mock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { UserClient } from "pancake-api";
import { Mock, ROOT, USER_TOKEN } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const rootReadme = readFileSync(join(ROOT, "README.md"), "utf8");

function jsBlock(text, heading) {
  const section = text.split(`## ${heading}`)[1].split("\n## ")[0];
  const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 1, `one js block under ${heading}`);
  return blocks[0];
}

test("the root README's JavaScript quickstart is the npm README's (run by client.test.mjs)", () => {
  const npmReadme = readFileSync(join(dirname(require.resolve("pancake-api/package.json")), "README.md"), "utf8");
  assert.equal(jsBlock(rootReadme, "JavaScript quickstart"), jsBlock(npmReadme, "Quickstart (Node)"));
});

const freePort = () =>
  new Promise((ok) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

const listening = (port) =>
  new Promise((ok) => {
    const req = request({ host: "127.0.0.1", port, method: "POST", path: "/" }, (res) => {
      res.resume();
      ok(true);
    });
    req.on("error", () => ok(false));
    req.end("{}");
  });

test("the README's webhook receiver replies once to a customer message, never to its own", async () => {
  const port = await freePort();
  const file = join(here, "readme-receiver.mjs");
  writeFileSync(file, jsBlock(rootReadme, "Webhooks (JavaScript)"));
  const mock = await Mock.start("--webhook-url", `http://127.0.0.1:${port}/hooks/pancake`, "--rate-limit", "off");
  let receiver;
  try {
    const pageId = String((await new UserClient({ accessToken: USER_TOKEN, baseUrl: mock.url }).pages.list())[0].id);
    receiver = spawn(process.execPath, [file], {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        PORT: String(port),
        PANCAKE_PAGE_ID: pageId,
        PANCAKE_PAGE_ACCESS_TOKEN: `mock-page-token-${pageId}`,
        PANCAKE_BASE_URL: mock.url,
      },
    });
    for (let i = 0; i < 100 && !(await listening(port)); i++) await new Promise((ok) => setTimeout(ok, 50));
    const conversations = (await mock.control(`/api/public_api/v2/pages/${pageId}/conversations?page_access_token=mock-page-token-${pageId}`)).conversations;
    const inbox = conversations.find((c) => c.type === "INBOX");
    const sent = await mock.control("/__mock/webhooks/customer_message", {
      page_id: pageId,
      conversation_id: inbox.id,
      message: "Shop ơi còn hàng không?",
    });
    assert.ok(sent.request_id);
    const deadline = Date.now() + 10000;
    let replies = [];
    while (Date.now() < deadline) {
      replies = (await mock.journal()).filter((r) => r.op === "messages.send");
      if (replies.length) break;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    // The reply itself comes back as a `messaging` event from the page: it must not be answered.
    await new Promise((ok) => setTimeout(ok, 1000));
    replies = (await mock.journal()).filter((r) => r.op === "messages.send");
    assert.equal(replies.length, 1, JSON.stringify(replies));
    assert.ok(replies[0].path.includes(encodeURIComponent(inbox.id)) || replies[0].path.includes(inbox.id));
  } finally {
    receiver?.kill();
    await mock.stop();
    // Removed, or the next `node --test test/` would run it as a test file.
    rmSync(file, { force: true });
  }
});
