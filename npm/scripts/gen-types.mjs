// Generates npm/src/models.generated.ts from tests/schema/models.json, the JSON Schema of the
// Rust models (written by tools/codegen), so the TypeScript model types cannot drift
// from core's structs; and npm/src/client.generated.ts (the clients' options, their defaults
// and the base URL) from the `client` section of tests/schema/operations.json.
//
//   node npm/scripts/gen-types.mjs           rewrites the file
//   node npm/scripts/gen-types.mjs --check   fails when the checked-in file is stale
//
// How a model reads in JavaScript (see src/models.ts) decides the mapping:
// - every object is a read-only `Model` (unknown fields stay reachable through its index
//   signature), arrays are read-only;
// - a field core reads as a timestamp (`"x-timestamp": true`) holds a `Date` wherever the
//   server sent a string or number;
// - a field the Rust model keeps as raw JSON (`serde_json::Value`) is a `JsonValue`.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SCHEMA = `${root}tests/schema/models.json`;
const OUT = `${root}npm/src/models.generated.ts`;

/** Rust names whose TypeScript name differs: a clash with the `Page<T>` list type, or the name
 * the package has always used. */
const RENAME = {
  Page: "PageInfo",
  GeneratedToken: "PageAccessToken",
  UploadedContent: "Content",
  PluginMessage: "ChatPluginMessage",
};

const schema = JSON.parse(readFileSync(SCHEMA, "utf8"));
const defs = schema.$defs;

const tsName = (rust) => RENAME[rust] ?? rust;
const refName = (ref) => ref.replace(/^#\/\$defs\//, "");

/** A doc comment from a schema description (rustdoc links become plain code spans). */
function doc(description, indent) {
  if (!description) return "";
  const text = description
    .replace(/\[`([^`\]]+)`\](\([^)]*\))?/g, (_, code) => "`" + code.split("::").pop() + "`")
    .replace(/\*\//g, "*\\/");
  const lines = text.split("\n");
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? " " + l : ""}`).join("\n")}\n${indent} */\n`;
}

/** Union members, deduplicated, `null` last. */
function union(parts) {
  const seen = [...new Set(parts.flatMap((p) => splitUnion(p)))];
  const ordered = [...seen.filter((p) => p !== "null"), ...seen.filter((p) => p === "null")];
  return ordered.join(" | ") || "never";
}

function splitUnion(t) {
  // Only split top-level unions produced here (no parentheses or generics contain ` | `).
  let depth = 0;
  const out = [];
  let cur = "";
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if ("({[<".includes(c)) depth++;
    if (")}]>".includes(c)) depth--;
    if (depth === 0 && t.startsWith(" | ", i)) {
      out.push(cur);
      cur = "";
      i += 2;
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

/** Whether a definition is a plain union of scalars (FlexId, FlexNum, ...): expanded in place
 * under a timestamp field, where its strings and numbers become dates. */
function isScalarAlias(def) {
  return Array.isArray(def.anyOf) && def.anyOf.every((s) => typeof s.type === "string" && s.type !== "object" && s.type !== "array");
}

/** The TypeScript type of a schema; `stamp` when it sits under a timestamp field. */
function tsType(s, stamp) {
  const meta = new Set(["description", "x-timestamp", "format"]);
  if (s === true || (typeof s === "object" && Object.keys(s).every((k) => meta.has(k)))) {
    return stamp ? "Date | JsonValue" : "JsonValue";
  }
  if (s.$ref) {
    const name = refName(s.$ref);
    if (stamp && isScalarAlias(defs[name])) return tsType(defs[name], true);
    return tsName(name);
  }
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return union(alts.map((a) => tsType(a, stamp)));
  if (Array.isArray(s.type)) return union(s.type.map((t) => tsType({ ...s, type: t }, stamp)));
  switch (s.type) {
    case "string":
      return stamp ? "Date" : "string";
    case "integer":
    case "number":
      return stamp ? "Date" : "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array": {
      const item = s.items === undefined ? "JsonValue" : tsType(s.items, stamp);
      return `readonly (${item})[]`.replace(/^readonly \(([A-Za-z]+)\)\[\]$/, "readonly $1[]");
    }
    case "object": {
      if (s.properties) return `{ ${Object.entries(s.properties).map(([k, v]) => field(k, v, s.required ?? [], "")).join(" ")} }`;
      const value = s.additionalProperties === undefined || s.additionalProperties === true ? "JsonValue" : tsType(s.additionalProperties, stamp);
      return `{ readonly [key: string]: ${value} }`;
    }
    default:
      throw new Error(`gen-types: no TypeScript type for ${JSON.stringify(s)}`);
  }
}

function field(name, s, required, indent) {
  const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
  const optional = required.includes(name) ? "" : "?";
  return `${doc(s.description, indent)}${indent}readonly ${key}${optional}: ${tsType(s, s["x-timestamp"] === true)};`;
}

let out = `// Generated by npm/scripts/gen-types.mjs from tests/schema/models.json (the JSON Schema of
// core's Rust models): do not edit. Regenerate with \`node npm/scripts/gen-types.mjs\`.
/* eslint-disable */
import type { JsonValue, Model } from "./models.js";
`;
for (const [name, def] of Object.entries(defs)) {
  out += "\n" + doc(def.description, "");
  if (def.type === "object" && def.properties) {
    out += `export interface ${tsName(name)} extends Model {\n`;
    out += Object.entries(def.properties)
      .map(([k, v]) => field(k, v, def.required ?? [], "  "))
      .join("\n");
    out += "\n}\n";
  } else {
    out += `export type ${tsName(name)} = ${tsType(def, false)};\n`;
  }
}

// The clients' options: one interface per client kind, from core's table.
const client = JSON.parse(readFileSync(`${root}tests/schema/operations.json`, "utf8")).client;
const optionType = (types) =>
  types.map((t) => ({ string: "string", integer: "number", number: "number", null: "null" })[t]).join(" | ");
const optionDoc = (o) => {
  const fallbacks = [];
  if (o.env) fallbacks.push(`\`${o.env}\` from the environment`);
  if (o.default !== null) fallbacks.push(`\`${JSON.stringify(o.default)}\``);
  return fallbacks.length ? `${o.doc.replace(/\.$/, "")}; if not given, ${fallbacks.join(", else ")}.` : o.doc;
};
const optionsOf = (kinds, required) =>
  client.options
    .filter((o) => o.typescript && kinds.every((k) => o.clients.includes(k)) && o.clients.length === kinds.length)
    .map((o) => `  /** ${optionDoc(o)} */\n  ${o.typescript}${required && o.required && !o.env ? "" : "?"}: ${optionType(o.types)};`)
    .join("\n");
let clientOut = `// Generated by npm/scripts/gen-types.mjs from the \`client\` section of
// tests/schema/operations.json (core's client options): do not edit.
/* eslint-disable */

/** The production base URL. */
export const DEFAULT_BASE_URL = ${JSON.stringify(client.default_base_url)};

/** Options \`PageClient\` and \`UserClient\` share; core reads, defaults and validates them. */
export interface CoreClientSettings {
${optionsOf(["page", "user"], false)}
}

/** The options only \`PageClient\` takes. */
export interface PageClientCredentials {
${optionsOf(["page"], true)}
}

/** The options only \`UserClient\` takes. */
export interface UserClientCredentials {
${optionsOf(["user"], true)}
}
`;
const CLIENT_OUT = `${root}npm/src/client.generated.ts`;

for (const [path, text] of [
  [OUT, out],
  [CLIENT_OUT, clientOut],
]) {
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {
      current = "";
    }
    if (current !== text) {
      console.error(`${path} is stale: run node npm/scripts/gen-types.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(path, text);
  }
}
