#!/usr/bin/env bash
# Packs the npm package, installs the tarball into a fresh directory and runs the
# `node --test` suite there against the real mock, so what is tested is what would be published;
# then the same install in Deno, Bun and workerd (scripts/test-runtimes.sh).
# Env: PANCAKE_MOCK_BIN (default <root>/target/debug/pancake-mock).
set -euo pipefail
NPM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$NPM_DIR/.." && pwd)"
[ -f "$NPM_DIR/dist/node.js" ] || { echo "test-packed.sh: run scripts/build.sh first" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pancake-npm-test.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
TARBALL="$(cd "$NPM_DIR" && npm pack --silent --pack-destination "$WORK" | tail -1)"
echo "packed $TARBALL ($(du -h "$WORK/$TARBALL" | cut -f1))"
cd "$WORK"
printf '{"name":"pancake-api-packed-test","private":true,"type":"module"}\n' > package.json
npm install --silent --no-audit --no-fund "./$TARBALL"
cp -R "$NPM_DIR/test" "$WORK/test"
export PANCAKE_BROWSER_EXAMPLE="$NPM_DIR/examples/browser"
export PANCAKE_VITE_BIN="${PANCAKE_VITE_BIN:-$NPM_DIR/node_modules/.bin/vite}"
export PANCAKE_WEBPACK_BIN="${PANCAKE_WEBPACK_BIN:-$NPM_DIR/node_modules/.bin/webpack}"
PANCAKE_ROOT="$ROOT" node --test --test-concurrency=1 test/

# The published types under --strict, from the installed tarball.
cp "$NPM_DIR/examples/typed.ts" "$WORK/typed.ts"
"$NPM_DIR/node_modules/.bin/tsc" --strict --noEmit --target ES2022 --module NodeNext \
  --moduleResolution NodeNext --lib ES2022,DOM --types node --typeRoots "$NPM_DIR/node_modules/@types" "$WORK/typed.ts"
echo "tsc --strict: typed example OK"

# The same installed tarball in Deno, Bun and workerd (Cloudflare Workers' `workerd` condition).
bash "$NPM_DIR/scripts/test-runtimes.sh" "$WORK"
