// pancake-api: the SDK for the Pancake (pages.fm / pancake.vn) inbox API.
//
// Everything that is not moving bytes (validation, pagination, retries, rate limits, parsing)
// is done by the Rust core compiled to WebAssembly, shared with the Python package, so both
// behave the same. Browsers, extensions and workers call `await init()` once; Node loads the
// core by itself.
import { call, InvalidRequestError } from "./errors.js";
import { native } from "./native.js";
import type { JsonValue } from "./models.js";

export { init, initSync, isInitialised, type InitInput } from "./native.js";
export { PageClient, UserClient, type PageClientOptions, type UserClientOptions } from "./clients.js";
export type { CoreClientSettings, PageClientCredentials, UserClientCredentials } from "./client.generated.js";
export {
  DEFAULT_BASE_URL,
  PageIterator,
  type ClientSettings,
  type FetchFunction,
  type IterOptions,
  type RequestOptions,
  type TimeInput,
} from "./base.js";
export {
  APIConnectionError,
  APIError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  DecodeError,
  InvalidRequestError,
  NotFoundError,
  PancakeError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  type APIErrorFields,
} from "./errors.js";
export type * from "./models.js";
export {
  parseWebhook,
  type ConnectStatusEvent,
  type ConversationEvent,
  type MessagingEvent,
  type OtherEvent,
  type PostEvent,
  type SubscriptionEvent,
  type WebhookEvent,
  type WebhookKind,
} from "./webhooks.js";
export type {
  ChatPluginSend,
  ConversationFilters,
  ConversationV1Filters,
  CustomerChanges,
  DateRange,
  PrivateReply,
  ReplyComment,
  SendMessage,
  Span,
  TagId,
  Uploadable,
} from "./resources.js";
export {
  CallLogs,
  ChatPlugin,
  Contents,
  Conversations,
  Customers,
  Export,
  Messages,
  Pages,
  PageStatistics,
  Posts,
  Resource,
  Tags,
  UserStatistics,
  Users,
} from "./resources.js";

/** The E.164 form of a phone number (`"0328290781"` → `"+84328290781"`); numbers without a
 * country code are read in `region` (default: core's, Vietnam). Throws `InvalidRequestError`
 * for an invalid number. */
export function normalizePhone(raw: string, region?: string): string {
  return call(() => native().normalizePhone(raw, region));
}

/** Every valid phone number inside a text, in E.164. */
export function extractPhones(text: string, region?: string): string[] {
  return call(() => native().extractPhones(text, region));
}

/** A `Date` from any timestamp shape the API uses: unix seconds, milliseconds or microseconds
 * (numbers or numeric text), naive ISO text (read as UTC) or ISO text with an offset. Throws
 * `InvalidRequestError` for anything else. */
export function parseTimestamp(value: string | number): Date {
  return new Date(Math.floor(parseTimestampMicros(value) / 1000));
}

/** Unix microseconds of a timestamp in any shape the API uses (see `parseTimestamp`). */
export function parseTimestampMicros(value: string | number): number {
  if (typeof value !== "string" && typeof value !== "number") {
    throw new InvalidRequestError("invalid `value`: expected a string or a number", "value");
  }
  return call(() => native().parseTimestampMicros(JSON.stringify(value)));
}

/** The URL of a customer's avatar (no token needed; the server redirects to the image). */
export function avatarUrl(pageId: string, psid: string): string {
  return call(() => native().avatarUrl(pageId, psid));
}

/** Replaces token values in a text with `[REDACTED]` (for your own logs). */
export function redact(text: string): string {
  return call(() => native().redact(text));
}

/** The context `buildRequest` builds with (the API's names). */
export interface RequestContext {
  base_url?: string;
  page_id?: string;
  page_access_token?: string;
  access_token?: string;
}

/** A request as the core would send it (see `buildRequest`). */
export interface BuiltRequest {
  method: string;
  url: string;
  body: JsonValue;
  retry_safety: "idempotent" | "not_idempotent";
}

/** Builds the request of an operation without sending it (debugging and the shared vectors).
 * The URL is redacted unless `exposeSecrets` is true. */
export function buildRequest(
  context: RequestContext,
  operation: string,
  params: Record<string, unknown>,
  exposeSecrets = false,
): BuiltRequest {
  const text = call(() => native().buildRequest(JSON.stringify(context), operation, JSON.stringify(params), exposeSecrets));
  return JSON.parse(text) as BuiltRequest;
}

/** Classifies and parses a raw response of an operation, as the clients do (debugging and
 * the shared vectors); throws the same errors. */
export function parseResponse(
  operation: string,
  params: Record<string, unknown>,
  status: number,
  headers: [string, string][],
  body: Uint8Array | string,
): JsonValue {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const text = call(() => native().parseResponse(operation, JSON.stringify(params), status, JSON.stringify(headers), bytes));
  return JSON.parse(text) as JsonValue;
}

/** Every operation name the core knows (`"customers.list"`, ...). */
export function operationNames(): string[] {
  return native().operationNames();
}

/** The parameter names an operation accepts, as the API spells them. */
export function paramNames(operation: string): string[] {
  return call(() => native().paramNames(operation));
}

/** The version of the core binding. */
export function version(): string {
  return native().version();
}

/** Core's own decisions, exposed so the shared vectors in `tests/vectors/` (run by Rust and
 * Python too) prove this package agrees with them. Not needed by applications. */
export const conformance = {
  /** Throws the error core classifies a raw response as, or returns for a success. */
  checkResponse(status: number, headers: [string, string][], body: Uint8Array | string): void {
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
    call(() => native().checkResponse(status, JSON.stringify(headers), bytes));
  },
  /** The retry decision for one outcome: milliseconds to wait before retrying, or `null`. */
  retryDecide(
    policy: { max_retries?: number; base_delay_ms?: number; max_delay_ms?: number; max_retry_after_ms?: number },
    attempt: number,
    outcome: object,
    safety: string,
    jitter: number,
  ): number | null {
    const p = policy;
    const ms = call(() =>
      native().retryDecide(p.max_retries, p.base_delay_ms, p.max_delay_ms, p.max_retry_after_ms, attempt, JSON.stringify(outcome), safety, jitter),
    );
    return ms < 0 ? null : ms;
  },
  /** Core's rate limiter alone: `acquire` returns `null` (go) or the milliseconds to wait. */
  rateLimiter(limit: { requests_per_second: number; burst: number } | null) {
    const probe = new (native().RateLimiterProbe)(limit?.requests_per_second, limit?.burst);
    return {
      acquire: (key: string | null, nowMs: number): number | null => {
        const ms = probe.acquire(key ?? undefined, nowMs);
        return ms < 0 ? null : ms;
      },
      penalize: (key: string | null, untilMs: number): void => probe.penalize(key ?? undefined, untilMs),
    };
  },
  /** A pager that sends nothing: `nextUrl(context)` and `feed(status, headers, body)`. */
  offlinePager(operation: string, params: object, resume?: string) {
    const pager = call(() => new (native().OfflinePager)(operation, JSON.stringify(params), resume));
    return {
      nextUrl: (context: RequestContext): string | undefined => call(() => pager.nextUrl(JSON.stringify(context))),
      feed: (status: number, headers: [string, string][], body: Uint8Array | string): JsonValue[] => {
        const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
        return JSON.parse(call(() => pager.feed(status, JSON.stringify(headers), bytes))) as JsonValue[];
      },
      resumeToken: (): string => pager.resumeToken(),
      isDone: (): boolean => pager.isDone(),
    };
  },
};
