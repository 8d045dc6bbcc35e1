// The plumbing clients and resources share: the wasm client, parameters, iteration.
import { call, callAsync, InvalidRequestError } from "./errors.js";
import { native } from "./native.js";
import { wrap, wrapAll, type JsonObject, type JsonValue, type Model, type Page } from "./models.js";
import type { CoreClientSettings } from "./client.generated.js";
import type { Client as NativeClient, Pager as NativePager } from "./wasm/pancake_wasm.js";

export { DEFAULT_BASE_URL } from "./client.generated.js";

/** A point in time: a `Date` or unix seconds. */
export type TimeInput = Date | number;

/** Options every method takes. */
export interface RequestOptions {
  /** Cancels the request (and any wait for a retry or the rate limit) when it aborts. */
  signal?: AbortSignal;
}

/** Options of every `iter()`. */
export interface IterOptions extends RequestOptions {
  /** A `resumeToken` from an earlier iteration of the same list: continue right after it. */
  resume?: string;
  /** Fetch the next page while the current one is read (default `true`); `false` sends each
   * request only when its page is needed (no request ahead of a `break`). */
  prefetch?: boolean;
}

/** A `fetch` function (the global one by default). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Settings shared by `PageClient` and `UserClient`: core's options and the transport's. */
export interface ClientSettings extends CoreClientSettings {
  /** A custom `fetch` (a proxy, a test double, a runtime without a global fetch). */
  fetch?: FetchFunction;
}

/** An environment variable, in runtimes that have them (Node, Deno, Bun); `undefined` elsewhere. @internal */
export function env(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const value = proc?.env?.[name];
  return value ? value : undefined;
}

/** Parameters as the API names them; `undefined` means "not given". @internal */
export type Params = Record<string, unknown>;

/** Unix seconds for a time parameter given as a `Date` or unix seconds; the error names the
 * parameter. @internal */
export function unixSeconds(value: TimeInput | undefined, param: string): number | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new InvalidRequestError(`invalid \`${param}\`: an invalid Date`, param, "an invalid Date");
    return Math.floor(ms / 1000);
  }
  return value;
}

/** The API parameters of a call, as the generated methods list them: `undefined` and `null`
 * mean "not given". @internal */
export function apiParams(input: Params): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** What an upload takes. */
export type Uploadable = Blob | Uint8Array | ArrayBuffer;

/** An upload's bytes, base64-encoded, with the name and type a `Blob`/`File` carries. @internal */
export async function readUpload(file: Uploadable): Promise<{ base64: string; name?: string; type?: string }> {
  if (file instanceof Uint8Array) return { base64: base64(file) };
  if (file instanceof ArrayBuffer) return { base64: base64(new Uint8Array(file)) };
  const name = (file as Blob & { name?: unknown }).name;
  return {
    base64: base64(new Uint8Array(await file.arrayBuffer())),
    name: typeof name === "string" && name ? name : undefined,
    type: file.type || undefined,
  };
}

function base64(bytes: Uint8Array): string {
  let out = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    out += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(out);
}

/** Every item of a list, fetched lazily page by page, in constant memory.
 *
 * `resumeToken` is valid after each item: pass it as `resume` to the same `iter()` call to
 * continue right after that item, with nothing missed or repeated.
 *
 * While you read a page the next one is already being fetched (at most one page ahead, through
 * the same rate limiter and retries). `return()` (a `break`) and the `signal` cancel it. */
export class PageIterator<T extends Model> implements AsyncIterableIterator<T> {
  readonly #pager: NativePager;
  readonly #signal: AbortSignal | undefined;
  /** Aborts the page fetched ahead when the iteration stops early; follows `#signal`. */
  readonly #stop = new AbortController();
  readonly #follow: (() => void) | undefined;
  #buffer: T[] = [];
  #pos = 0;
  #done = false;

  /** @internal */
  constructor(
    client: NativeClient,
    operation: string,
    params: Params,
    resume?: string,
    signal?: AbortSignal,
    prefetch = true,
  ) {
    this.#pager = call(() => client.paginate(operation, JSON.stringify(params), resume, prefetch));
    this.#signal = signal;
    if (signal) {
      const stop = this.#stop;
      this.#follow = () => stop.abort(signal.reason);
      if (signal.aborted) this.#follow();
      else signal.addEventListener("abort", this.#follow, { once: true });
    }
  }

  /** An opaque token that resumes right after the last item returned, also once the
   * iteration has stopped (a `break`, `return()`, a thrown error or an abort). */
  get resumeToken(): string {
    return this.#pager.resumeToken(this.#pos);
  }

  /** The next item. */
  async next(): Promise<IteratorResult<T, undefined>> {
    while (this.#pos >= this.#buffer.length) {
      if (this.#done) return { done: true, value: undefined };
      // A page fetched ahead is not read once the caller's signal has aborted.
      if (this.#signal?.aborted) throw abortReason(this.#signal);
      let text: string | undefined;
      try {
        text = await callAsync(() => this.#pager.nextPage(this.#stop.signal) as Promise<string | undefined>);
      } catch (e) {
        if (this.#signal?.aborted) throw abortReason(this.#signal);
        throw e;
      }
      if (text === undefined) {
        this.#finish();
        return { done: true, value: undefined };
      }
      this.#buffer = wrapAll<T>(JSON.parse(text) as JsonObject[]);
      this.#pos = 0;
    }
    const item = this.#buffer[this.#pos] as T;
    this.#pos += 1;
    return { done: false, value: item };
  }

  /** Stops the iteration (a `break` in `for await`, or an error thrown in its body, calls
   * this). `resumeToken` still resumes right after the last item returned. */
  async return(): Promise<IteratorResult<T, undefined>> {
    this.#finish();
    this.#stop.abort();
    // The items not handed out are dropped; `#pos` stays, as `resumeToken` counts it.
    this.#buffer = this.#buffer.slice(0, this.#pos);
    return { done: true, value: undefined };
  }

  #finish(): void {
    this.#done = true;
    if (this.#follow) this.#signal?.removeEventListener("abort", this.#follow);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Reads every remaining item into an array. */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for (;;) {
      const r = await this.next();
      if (r.done) return out;
      out.push(r.value);
    }
  }
}

/** What an aborted signal throws (its reason, as fetch does). */
function abortReason(signal: AbortSignal): unknown {
  if (signal.reason !== undefined && signal.reason !== null) return signal.reason;
  const e = new Error("the operation was aborted");
  e.name = "AbortError";
  return e;
}

interface ListPageJson {
  items: JsonObject[];
  total: number | null;
  next_cursor: string | null;
  response: JsonObject;
}

/** What `PageClient` and `UserClient` share. */
export class BaseClient {
  /** The API base URL this client talks to. */
  readonly baseUrl: string;
  /** @internal */
  readonly _native: NativeClient;

  /** @internal Core reads `options` (all but `fetch`), fills in the defaults and the
   * environment variables it names, and throws `InvalidRequestError` naming the option it
   * rejects. */
  constructor(kind: "page" | "user", options: object | undefined) {
    const { fetch: fetchFn, ...rest } = (options ?? {}) as ClientSettings;
    const wasm = native();
    const vars: Record<string, string> = {};
    for (const name of wasm.envVars()) {
      const value = env(name);
      if (value !== undefined) vars[name] = value;
    }
    // JSON drops `undefined` ("not given", like a missing key) and keeps `null` (which turns
    // rate limiting off).
    this._native = call(() => new wasm.Client(kind, JSON.stringify(rest), JSON.stringify(vars), fetchFn as never));
    this.baseUrl = this._native.baseUrl;
  }

  /** @internal */
  async _request(operation: string, params: Params, options?: RequestOptions): Promise<JsonValue> {
    const text = await callAsync(
      () => this._native.request(operation, JSON.stringify(params), options?.signal) as Promise<string>,
    );
    return JSON.parse(text) as JsonValue;
  }

  /** @internal */
  async _model<T extends Model>(operation: string, params: Params, options?: RequestOptions): Promise<T> {
    return wrap<T>((await this._request(operation, params, options)) as JsonObject);
  }

  /** @internal */
  async _list<T extends Model>(operation: string, params: Params, options?: RequestOptions): Promise<Page<T>> {
    const text = await callAsync(
      () => this._native.listPage(operation, JSON.stringify(params), options?.signal) as Promise<string>,
    );
    const data = JSON.parse(text) as ListPageJson;
    return {
      items: wrapAll<T>(data.items),
      total: data.total ?? null,
      nextCursor: data.next_cursor ?? null,
      raw: wrap(data.response),
    };
  }

  /** @internal */
  _iter<T extends Model>(operation: string, params: Params, options?: IterOptions): PageIterator<T> {
    return new PageIterator<T>(this._native, operation, params, options?.resume, options?.signal, options?.prefetch ?? true);
  }
}

/** A group of endpoints bound to a client. */
export class Resource {
  /** @internal */
  protected readonly _client: BaseClient;
  /** @internal */
  constructor(client: BaseClient) {
    this._client = client;
  }
  /** @internal The client's page id, for the operations that send it as a parameter. */
  protected get _pageId(): string | undefined {
    return (this._client as { pageId?: string }).pageId;
  }
}
