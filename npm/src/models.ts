// Response models: the server's JSON as read-only objects, timestamps as `Date`s, and
// `toJSON()` giving back exactly the JSON the server sent (so `JSON.stringify(model)` round-trips).
import { native } from "./native.js";

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * One JSON object from the API. Fields keep the server's names (`inserted_at`); nested objects
 * are models too; fields that hold timestamps (core's list: `*_at`, `*_time`, `timestamp`,
 * `watermark`, ...) are `Date`s whatever shape the server used. `toJSON()` returns the original
 * JSON, unknown fields included.
 */
export interface Model {
  /** The JSON object exactly as the server sent it (a fresh copy). */
  toJSON(): JsonObject;
  /** Any field the server sent (documented ones are typed on each model). */
  readonly [field: string]: unknown;
}

/** A page the user manages (`user.pages.list()`). */
export interface PageInfo extends Model {
  readonly id: string;
  readonly name: string;
  readonly platform?: string;
}
/** The answer of `generatePageAccessToken`; `page_access_token` is the secret. */
export interface PageAccessToken extends Model {
  readonly page_access_token: string;
}
/** A tag of the page (ids are numbers, `-99` included). */
export interface Tag extends Model {
  readonly id: number;
  readonly text: string;
  readonly color?: string;
}
/** An inbox or comment conversation. */
export interface Conversation extends Model {
  readonly id: string;
  readonly type: string;
  readonly page_id: string;
  readonly tags?: readonly unknown[];
  readonly snippet?: string | null;
  readonly inserted_at: Date;
  readonly updated_at: Date;
}
/** One message of a conversation. */
export interface Message extends Model {
  readonly id: string;
  readonly message?: string | null;
  readonly attachments?: readonly unknown[];
  readonly inserted_at: Date;
}
/** A page customer; `id` is what updates and notes take, `psid` joins conversations. */
export interface Customer extends Model {
  readonly id: string;
  readonly psid: string;
  readonly name: string;
  readonly phone_numbers?: readonly unknown[];
  readonly notes?: readonly Note[];
  readonly inserted_at: Date;
}
/** A note on a customer (its timestamps are milliseconds on the wire). */
export interface Note extends Model {
  readonly id?: string;
  readonly message?: string;
  readonly created_at?: Date;
}
/** A post of the page. */
export interface Post extends Model {
  readonly id: string;
  readonly message?: string | null;
  readonly inserted_at: Date;
}
/** A SIP call log. */
export interface CallLog extends Model {
  readonly id: string;
}
/** A staff member of the page. */
export interface User extends Model {
  readonly id: string;
  readonly name: string;
}
/** A conversation exported from ads (`export_data`). */
export interface ExportedConversation extends Model {
  readonly id: string;
}
/** An uploaded content; its `id` goes into `messages.send({ content_ids: [...] })`. */
export interface Content extends Model {
  readonly id: string;
}
/** A statistics answer; its shape depends on the endpoint and its parameters. */
export type Statistics = Model;
/** A chat plugin message. */
export interface ChatPluginMessage extends Model {
  readonly id?: string;
}

/** One page of a list: its items, plus what the server said about the rest. */
export interface Page<T extends Model> {
  /** The records of this page. */
  readonly items: T[];
  /** The total number of records, when the endpoint reports it. */
  readonly total: number | null;
  /** The cursor of the next page (cursor-paged endpoints). */
  readonly nextCursor: string | null;
  /** The whole response as the server sent it. */
  readonly raw: Model;
}

const timestampFields = new Map<string, boolean>();

function isTimestampField(key: string): boolean {
  let yes = timestampFields.get(key);
  if (yes === undefined) {
    yes = native().isTimestampField(key);
    timestampFields.set(key, yes);
  }
  return yes;
}

function toDate(value: JsonValue): unknown {
  if (typeof value !== "number" && typeof value !== "string") return wrapValue(null, value);
  const micros = native().tryTimestampMicros(JSON.stringify(value));
  return micros === undefined ? value : new Date(Math.floor(micros / 1000));
}

function wrapValue(key: string | null, value: JsonValue): unknown {
  if (Array.isArray(value)) return Object.freeze(value.map((v) => wrapValue(key, v)));
  if (value !== null && typeof value === "object") return wrap(value);
  if (key !== null && isTimestampField(key)) return toDate(value);
  return value;
}

/** Wraps one JSON object as a read-only model. */
export function wrap<T extends Model = Model>(raw: JsonObject): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) out[key] = wrapValue(key, raw[key] as JsonValue);
  Object.defineProperty(out, "toJSON", {
    value: (): JsonObject => JSON.parse(JSON.stringify(raw)) as JsonObject,
    enumerable: false,
  });
  return Object.freeze(out) as unknown as T;
}
