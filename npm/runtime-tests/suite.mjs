// The runtime smoke suite: the installed `pancake-api` package against the real mock, written
// with nothing but web-standard APIs (fetch, AbortController, timers) so the very same checks
// run in Deno, Bun and workerd. `run.mjs` starts the mock and runs each runtime's entry
// (cli.mjs for Deno and Bun, worker.mjs for workerd), which calls `runSuite`.

const SINCE = new Date("2000-01-01T00:00:00Z");
const UNTIL = new Date("2030-01-01T00:00:00Z");
const USER_TOKEN = "mock-user-token";

/** The runtime this code is running in, told apart by its own globals (not by what we were
 * told), so a runtime that silently ran under another one fails. */
export function detectRuntime() {
  if (typeof globalThis.Deno?.version?.deno === "string") return { name: "deno", version: globalThis.Deno.version.deno };
  if (typeof globalThis.Bun?.version === "string") return { name: "bun", version: globalThis.Bun.version };
  if (globalThis.navigator?.userAgent === "Cloudflare-Workers") return { name: "workerd", version: "" };
  return { name: "unknown", version: String(globalThis.navigator?.userAgent ?? "") };
}

function check(cond, message) {
  if (!cond) throw new Error(`check failed: ${message}`);
}

async function rejection(promise, what) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error(`check failed: ${what} did not reject`);
}

/**
 * @param sdk the `pancake-api` module namespace, imported by the entry as a user would.
 * @param env `{ runtime, address, expectedCustomers }`: the runtime expected, the mock's address
 *   (`http://127.0.0.1:PORT`), and the number of customers the mock was started with.
 * @param log a line printer.
 */
export async function runSuite(sdk, env, log) {
  const started = Date.now();
  const passed = [];
  const step = (name) => passed.push(name);
  const control = async (path, body, method) => {
    const resp = await fetch(env.address + path, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    check(resp.ok, `mock control ${path}: HTTP ${resp.status}`);
    return resp.json();
  };
  const journal = async (op) => (await control("/__mock/requests")).requests.filter((r) => r.op === op);

  const runtime = detectRuntime();
  check(runtime.name === env.runtime, `expected to run in ${env.runtime}, detected ${runtime.name} ${runtime.version}`);
  // The entry the runtime resolved loaded the wasm core by itself: no init() call here.
  check(sdk.isInitialised(), "the package entry did not initialise the wasm core");
  step("entry initialised itself");
  const expected = Number(env.expectedCustomers);
  check(Number.isInteger(expected) && expected > 0, `bad expected customer count ${env.expectedCustomers}`);
  await control("/__mock/reset", {});
  await control("/__mock/faults", undefined, "DELETE");
  await control("/__mock/requests", undefined, "DELETE");

  const baseUrl = env.address + "/api";
  const pages = await new sdk.UserClient({ accessToken: USER_TOKEN, baseUrl }).pages.list();
  check(Array.isArray(pages) && pages.length > 0, "user.pages.list() gave no pages");
  const pageId = String(pages[0].id);
  const page = new sdk.PageClient({ pageId, pageAccessToken: `mock-page-token-${pageId}`, baseUrl, requestsPerSecond: null });

  // One awaited list(): a page of 7, the mock's own total, models with Dates.
  const first = await page.customers.list({ since: SINCE, until: UNTIL, page_size: 7 });
  check(first.items.length === 7, `customers.list page_size 7 gave ${first.items.length} items`);
  check(first.total === expected, `the mock reports total ${first.total}, it was started with ${expected}`);
  check(first.items[0].inserted_at instanceof Date && !Number.isNaN(first.items[0].inserted_at.getTime()), "inserted_at is not a valid Date");
  step("await list()");

  // for await over every page (10 per page, so the last one is partial), prefetch on.
  const ids = new Set();
  let count = 0;
  for await (const c of page.customers.iter({ since: SINCE, until: UNTIL, page_size: 10 })) {
    count += 1;
    ids.add(c.id);
  }
  check(count === expected, `for await gave ${count} customers, the mock holds ${expected}`);
  check(ids.size === count, `for await gave ${count - ids.size} duplicate customers`);
  const sent = (await journal("customers.list")).length;
  check(sent === 1 + Math.ceil(expected / 10), `for await sent ${sent - 1} customers.list requests for ${expected} customers`);
  step(`for await (${count} customers)`);

  // Typed errors, `instanceof` on the exported classes, no token in anything printable.
  const secret = `wrong.secret-${Math.random().toString(36).slice(2)}`;
  const bad = new sdk.PageClient({ pageId, pageAccessToken: secret, baseUrl, maxRetries: 0 });
  const auth = await rejection(bad.tags.list(), "a wrong token");
  check(auth instanceof sdk.AuthenticationError, `wrong token gave ${auth?.name}: not an AuthenticationError`);
  check(auth instanceof sdk.APIError && auth instanceof sdk.PancakeError && auth instanceof Error, "AuthenticationError is not an APIError/PancakeError/Error");
  check(auth.name === "AuthenticationError", `name is ${auth.name}`);
  const printable = `${auth.message} ${auth.stack} ${String(auth)} ${JSON.stringify(auth)} ${String(auth.body)}`;
  check(!printable.includes(secret), "the AuthenticationError shows the token");
  const missing = await rejection(
    page.customers.update("00000000-0000-4000-8000-000000000000", { name: "nobody" }),
    "updating a customer that does not exist",
  );
  check(missing instanceof sdk.NotFoundError && missing instanceof sdk.APIError, `unknown customer gave ${missing?.name}: not a NotFoundError`);
  check(missing.status === 404, `NotFoundError.status is ${missing.status}`);
  check(!`${missing.message} ${missing.stack}`.includes(`mock-page-token-${pageId}`), "the NotFoundError shows the token");
  step("typed errors");

  // AbortSignal: a request held 1.5 s by the mock is aborted after 200 ms with our reason;
  // it was sent once and nothing follows it.
  await control("/__mock/requests", undefined, "DELETE");
  await control("/__mock/faults", { route: "tags.list", delay_ms: 1500, count: 1 });
  const ac = new AbortController();
  const reason = new Error("cancelled by the runtime test");
  const t0 = Date.now();
  setTimeout(() => ac.abort(reason), 200);
  const aborted = await rejection(page.tags.list({ signal: ac.signal }), "an aborted request");
  const took = Date.now() - t0;
  check(aborted === reason, `abort rejected with ${aborted?.name}: ${aborted?.message}, not the signal's reason`);
  check(took < 1400, `the aborted request took ${took} ms (the mock holds it 1500 ms)`);
  check((await journal("tags.list")).length === 1, "the aborted request was not sent exactly once");
  const pre = new AbortController();
  pre.abort();
  await rejection(page.tags.list({ signal: pre.signal }), "an already aborted signal");
  check((await journal("tags.list")).length === 1, "an already aborted signal still sent a request");
  step("AbortSignal");

  log(`${[runtime.name, runtime.version].filter(Boolean).join(" ")}: ${passed.length} checks passed (${passed.join(", ")}) in ${Date.now() - started} ms`);
  return passed;
}
