// The host side of the wasm binding: one fetch, one sleep, one clock. No policy lives here
// (retries, rate limits, parsing are pancake-core's); this only moves bytes and waits.

const ABORT = "__pancakeAborted";

function abortError(signal) {
  const reason = signal && signal.reason;
  if (reason !== undefined && reason !== null) return reason;
  const e = new Error("the operation was aborted");
  e.name = "AbortError";
  return e;
}

/** Milliseconds on a monotonic clock shared by the whole realm. */
export function nowMs() {
  const p = globalThis.performance;
  return Math.floor(p && typeof p.now === "function" ? p.now() : Date.now());
}

/** A number in [0, 1) for retry jitter and multipart boundaries. */
export function random() {
  return Math.random();
}

/** Resolves after `ms`, or rejects with `{[ABORT]: reason}` when `signal` aborts first. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) {
      reject({ [ABORT]: abortError(signal) });
      return;
    }
    let onAbort = null;
    const timer = setTimeout(() => {
      if (signal && onAbort) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) {
      onAbort = () => {
        clearTimeout(timer);
        reject({ [ABORT]: abortError(signal) });
      };
      signal.addEventListener("abort", onAbort, { once: true });
    }
  });
}

const BEFORE_SEND_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL",
]);

function failure(kind, message, beforeSend) {
  return { kind, message: String(message), beforeSend: !!beforeSend };
}

/**
 * One HTTP exchange through `fetchFn` (the global fetch or the caller's), with a timeout and
 * the caller's `signal`. Resolves `{status, headers: [[name, value]...], body: Uint8Array}`;
 * rejects with `{kind: "timeout"|"connection", message, beforeSend}` or `{[ABORT]: reason}`.
 */
export async function fetchOnce(fetchFn, method, url, headers, body, timeoutMs, signal) {
  if (signal && signal.aborted) throw { [ABORT]: abortError(signal) };
  const fetchImpl = fetchFn || globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw failure("connection", "no fetch function: pass `fetch` in the client options", true);
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  if (signal) signal.addEventListener("abort", onAbort, { once: true });
  const classify = (err) => {
    if (signal && signal.aborted) return { [ABORT]: abortError(signal) };
    if (timedOut) return failure("timeout", `no answer within ${timeoutMs} ms`, false);
    const cause = err && err.cause;
    const code = (cause && cause.code) || (err && err.code);
    const text = (err && err.message) || String(err);
    const detail = cause && cause.message ? `${text} (${cause.message})` : text;
    // Refused connections, unknown hosts and ports fetch blocks never sent a byte.
    const blocked = cause && cause.message === "bad port";
    return failure("connection", detail, blocked || BEFORE_SEND_CODES.has(code));
  };
  try {
    let response;
    try {
      response = await fetchImpl(url, {
        method,
        headers,
        body: body === undefined || body === null ? undefined : body,
        signal: controller.signal,
        redirect: "follow",
      });
    } catch (err) {
      throw classify(err);
    }
    let bytes;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (err) {
      const e = classify(err);
      if (e.kind === "connection") e.beforeSend = false;
      throw e;
    }
    const out = [];
    if (response.headers && typeof response.headers.forEach === "function") {
      response.headers.forEach((value, name) => out.push([name, value]));
    }
    return { status: response.status, headers: out, body: bytes };
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
}
