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

// The model types (`Customer`, `Conversation`, ... and everything nested in them) are generated
// from core's Rust structs: see models.generated.ts.
export type * from "./models.generated.js";

/** A statistics answer; its shape depends on the endpoint and its parameters. */
export type Statistics = Model;

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

// Wrapping runs in two passes over the same objects in the same order: the first collects
// the value of every timestamp field, core converts them all in one call (its parsing rules,
// one wasm call per page rather than one per field), the second builds the frozen models.

type Stamp = string | number;

function collect(raw: JsonObject, out: Stamp[]): void {
  for (const key of Object.keys(raw)) collectValue(isTimestampField(key), raw[key] as JsonValue, out);
}

function collectValue(stamp: boolean, value: JsonValue, out: Stamp[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collectValue(stamp, v, out);
  } else if (value !== null && typeof value === "object") {
    collect(value, out);
  } else if (stamp && (typeof value === "string" || typeof value === "number")) {
    out.push(value);
  }
}

/** Core's reading of the collected timestamps, consumed in order by `build`. */
class Stamps {
  next = 0;
  constructor(readonly micros: Float64Array) {}
}

/** Makes `raw` its own model, in place: it is a fresh `JSON.parse` result nobody else holds,
 * so the model costs no copy. Only the server's values of the fields that became `Date`s are
 * kept aside, for `toJSON()`. Nested objects become models the same way. */
function build(raw: JsonObject, stamps: Stamps): JsonObject {
  let sent: Record<string, JsonValue> | undefined;
  for (const key of Object.keys(raw)) {
    const value = raw[key] as JsonValue;
    const stamp = isTimestampField(key);
    if (!stamp && (value === null || typeof value !== "object")) continue;
    const model = buildValue(stamp, value, stamps);
    if (model !== value) {
      sent ??= Object.create(null) as Record<string, JsonValue>;
      sent[key] = value;
      raw[key] = model as JsonValue;
    }
  }
  if (Object.prototype.hasOwnProperty.call(raw, "toJSON")) {
    sent ??= Object.create(null) as Record<string, JsonValue>;
    sent.toJSON = raw.toJSON as JsonValue;
  }
  const model = raw;
  Object.defineProperty(model, "toJSON", {
    value: (): JsonObject => JSON.parse(JSON.stringify(serverShape(model, sent))) as JsonObject,
    enumerable: false,
  });
  return Object.freeze(model);
}

/** The model with the server's values back in place of its `Date`s (nested models give theirs
 * through their own `toJSON` when stringified). */
function serverShape(model: JsonObject, sent: Record<string, JsonValue> | undefined): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(model)) out[key] = sent && key in sent ? sent[key] : model[key];
  if (sent && "toJSON" in sent) out.toJSON = sent.toJSON;
  return out;
}

function buildValue(stamp: boolean, value: JsonValue, stamps: Stamps): unknown {
  if (Array.isArray(value)) {
    if (stamp) {
      // Elements may become Dates: a new array, the server's one is kept for toJSON().
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = buildValue(true, value[i] as JsonValue, stamps);
      return Object.freeze(out);
    }
    for (const v of value) if (v !== null && typeof v === "object") buildValue(false, v, stamps);
    return Object.freeze(value);
  }
  if (value !== null && typeof value === "object") return build(value, stamps);
  if (stamp && (typeof value === "string" || typeof value === "number")) {
    const micros = stamps.micros[stamps.next++] as number;
    // NaN: core does not read this value as a timestamp; the model keeps it as sent.
    return Number.isNaN(micros) ? value : new Date(Math.floor(micros / 1000));
  }
  return value;
}

/** Turns JSON objects (fresh from `JSON.parse`, not used elsewhere) into read-only models, in
 * place, with one call into core for all their timestamps. */
export function wrapAll<T extends Model = Model>(raws: readonly JsonObject[]): T[] {
  const values: Stamp[] = [];
  for (const raw of raws) collect(raw, values);
  const micros = values.length ? native().timestampsMicros(JSON.stringify(values)) : new Float64Array(0);
  if (micros.length !== values.length) throw new Error("pancake-api: core did not read every timestamp");
  const stamps = new Stamps(micros);
  return raws.map((raw) => build(raw, stamps) as unknown as T);
}

/** Turns one JSON object (fresh from `JSON.parse`) into a read-only model, in place. */
export function wrap<T extends Model = Model>(raw: JsonObject): T {
  return wrapAll<T>([raw])[0] as T;
}
