// The Deno and Bun entry: imports the installed package by name, so the runtime's own
// resolver picks the export condition, then runs the shared suite. Exits non-zero on failure.
import * as sdk from "pancake-api";
import { runSuite } from "./suite.mjs";

const getenv = (k) => (globalThis.Deno ? globalThis.Deno.env.get(k) : process.env[k]);
await runSuite(
  sdk,
  {
    runtime: getenv("PANCAKE_RUNTIME"),
    address: getenv("PANCAKE_MOCK_ADDRESS"),
    expectedCustomers: getenv("PANCAKE_EXPECTED_CUSTOMERS"),
  },
  (line) => console.log(line),
);
