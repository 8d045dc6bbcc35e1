// Errors thrown by pancake-api. Every error is a `PancakeError`; answers the server gave are
// `APIError` subclasses chosen by status and `error_code` (an invalid token answered under
// HTTP 200 is still an `AuthenticationError`). Messages never contain a token: the core
// redacts them before the text reaches JavaScript.

/** Base class of every error thrown by this package. */
export class PancakeError extends Error {
  /** A stable machine-readable class: `invalid_request`, `authentication`, `timeout`, ... */
  readonly kind: string;
  constructor(message: string, kind = "error") {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
  }
}

/** Fields of an `APIError`. */
export interface APIErrorFields {
  /** The HTTP status (200 for `success: false` answers). */
  status: number;
  /** The API's `error_code`, when it sent one. */
  code: number | null;
  /** The whole response body as text (every field, also unmodelled ones such as Facebook's
   * `e_code` / `e_subcode` on failed sends), tokens redacted. */
  body: string;
  /** Milliseconds the server asked us to wait, when it said. */
  retryAfterMs: number | null;
}

/** The server answered with an error. */
export class APIError extends PancakeError {
  /** The HTTP status (200 for `success: false` answers). */
  readonly status: number;
  /** The API's `error_code`, when it sent one. */
  readonly code: number | null;
  /** The whole response body as text (every field, also unmodelled ones such as Facebook's
   * `e_code` / `e_subcode` on failed sends), tokens redacted. */
  readonly body: string;
  /** Milliseconds the server asked us to wait, when it said. */
  readonly retryAfterMs: number | null;
  constructor(message: string, fields: APIErrorFields, kind = "api") {
    super(message, kind);
    this.status = fields.status;
    this.code = fields.code;
    this.body = fields.body;
    this.retryAfterMs = fields.retryAfterMs;
  }
}

/** The token is missing, invalid or renewed (HTTP 401, or `error_code` 100/102/105). */
export class AuthenticationError extends APIError {}
/** The token does not cover this page or action (HTTP 403, `error_code` 122). */
export class PermissionDeniedError extends APIError {}
/** The resource does not exist (HTTP 404). */
export class NotFoundError extends APIError {}
/** Too many requests (HTTP 429) and the retries ran out. */
export class RateLimitError extends APIError {}
/** The server failed (HTTP 5xx). */
export class ServerError extends APIError {}
/** The server rejected the request's parameters (HTTP 400). */
export class BadRequestError extends APIError {}

/** The server could not be reached, or the connection broke. */
export class APIConnectionError extends PancakeError {
  /** True when the request provably never left this machine. */
  readonly beforeSend: boolean;
  constructor(message: string, beforeSend = false, kind = "connection") {
    super(message, kind);
    this.beforeSend = beforeSend;
  }
}

/** The request timed out (`timeoutMs`). */
export class APITimeoutError extends APIConnectionError {
  constructor(message: string) {
    super(message, false, "timeout");
  }
}

/** A parameter failed validation; nothing was sent. */
export class InvalidRequestError extends PancakeError {
  /** The parameter's name as the API spells it (`page_size`, `changes.birthday`). */
  readonly param: string;
  /** What is wrong with it. */
  readonly reason: string;
  constructor(message: string, param: string, reason = "") {
    super(message, "invalid_request");
    this.param = param;
    this.reason = reason;
  }
}

/** The response was not the JSON expected (an HTML proxy page, a truncated body). */
export class DecodeError extends PancakeError {
  /** The HTTP status. */
  readonly status: number | null;
  /** The start of the body, with tokens redacted. */
  readonly body: string;
  constructor(message: string, status: number | null, body: string) {
    super(message, "decode");
    this.status = status;
    this.body = body;
  }
}

const API_ERRORS: Record<string, typeof APIError> = {
  authentication: AuthenticationError,
  permission_denied: PermissionDeniedError,
  not_found: NotFoundError,
  rate_limited: RateLimitError,
  server: ServerError,
  bad_request: BadRequestError,
  api: APIError,
};

type NativeError = Error & Record<string, unknown>;

function isNative(e: unknown): e is NativeError {
  return e instanceof Error && e.name === "PancakeError" && typeof (e as NativeError).kind === "string";
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** The `PancakeError` for an error thrown by the wasm core; anything else (an abort
 * reason, an error from a custom fetch) is returned unchanged. @internal */
export function fromNative(e: unknown): unknown {
  if (!isNative(e)) return e;
  const kind = e.kind as string;
  const message = e.message;
  const api = API_ERRORS[kind];
  if (api) {
    return new api(
      message,
      { status: num(e.status) ?? 0, code: num(e.code), body: str(e.body), retryAfterMs: num(e.retryAfterMs) },
      kind,
    );
  }
  switch (kind) {
    case "invalid_request":
      return new InvalidRequestError(message, str(e.field), str(e.reason));
    case "decode":
      return new DecodeError(message, num(e.status), str(e.body));
    case "timeout":
      return new APITimeoutError(message);
    case "connection":
      return new APIConnectionError(message, e.beforeSend === true);
    default:
      return new PancakeError(message, kind);
  }
}

/** Runs `f`, rethrowing core errors as `PancakeError` subclasses. @internal */
export function call<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw fromNative(e);
  }
}

/** Awaits `p`, rethrowing core errors as `PancakeError` subclasses. @internal */
export async function callAsync<T>(p: () => Promise<T>): Promise<T> {
  try {
    return await p();
  } catch (e) {
    throw fromNative(e);
  }
}
