#!/usr/bin/env bash
# Runs the packed package in Deno, Bun and workerd (Cloudflare Workers, through the `workerd`
# export condition) against the real mock: runtime-tests/run.mjs, with the runtimes from
# npm/node_modules (devDependencies). Any runtime failing, or missing, fails this script.
#   bash scripts/test-runtimes.sh [DIR]   DIR: where test-packed.sh installed the tarball;
#                                         without it the package is packed and installed here.
# Env: PANCAKE_MOCK_BIN (default <root>/target/debug/pancake-mock).
set -euo pipefail
NPM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -ge 1 ]; then
  WORK="$(cd "$1" && pwd)"
else
  [ -f "$NPM_DIR/dist/workerd.js" ] || { echo "test-runtimes.sh: run scripts/build.sh first" >&2; exit 1; }
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/pancake-npm-runtimes.XXXXXX")"
  trap 'rm -rf "$WORK"' EXIT
  TARBALL="$(cd "$NPM_DIR" && npm pack --silent --pack-destination "$WORK" | tail -1)"
  cd "$WORK"
  printf '{"name":"pancake-api-runtime-test","private":true,"type":"module"}\n' > package.json
  npm install --silent --no-audit --no-fund "./$TARBALL"
fi
node "$NPM_DIR/runtime-tests/run.mjs" "$WORK"
