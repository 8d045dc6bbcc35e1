#!/usr/bin/env bash
# Builds the npm package: the wasm core (cargo, profile `wasm`), its JS glue (wasm-bindgen
# --target web: one module for Node, browsers, bundlers, workers and extensions), wasm-opt -Oz,
# then the TypeScript layer into dist/. Prints the module's raw and gzipped sizes and warns
# when over the budget.
#
# Env: PANCAKE_WASM_PROFILE (default `wasm`; `dev` for a quick unoptimised build),
#      PANCAKE_WASM_BUDGET_KB (default 256, gzipped): an optimised build over it fails, with a
#      per-crate size report (PANCAKE_WASM_BUDGET_STRICT=0 only warns, for experiments).
set -euo pipefail

NPM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$NPM_DIR/.." && pwd)"
PROFILE="${PANCAKE_WASM_PROFILE:-wasm}"
BUDGET_KB="${PANCAKE_WASM_BUDGET_KB:-256}"
WBG_VERSION="0.2.130"
export PATH="$NPM_DIR/node_modules/.bin:$PATH"

need() { command -v "$1" >/dev/null || { echo "build.sh: $1 not found ($2)" >&2; exit 1; }; }
need wasm-bindgen "run make setup-js"
need wasm-opt "run npm ci in npm/"
need tsc "run npm ci in npm/"
if ! wasm-bindgen --version | grep -q " $WBG_VERSION\$"; then
  echo "build.sh: wasm-bindgen $WBG_VERSION required, found $(wasm-bindgen --version)" >&2
  exit 1
fi

cd "$ROOT"
cargo build -p pancake-wasm --target wasm32-unknown-unknown --profile "$PROFILE"
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
case "$PROFILE" in dev) SUB=debug ;; *) SUB="$PROFILE" ;; esac
WASM_IN="$TARGET_DIR/wasm32-unknown-unknown/$SUB/pancake_wasm.wasm"

OUT="$NPM_DIR/src/wasm"
rm -rf "$OUT"
wasm-bindgen "$WASM_IN" --target web --out-dir "$OUT" --remove-name-section --remove-producers-section
BG="$OUT/pancake_wasm_bg.wasm"
if [ "$PROFILE" != dev ]; then
  # --converge repeats -Oz until the module stops shrinking (~1.5 KB gzipped).
  # --low-memory-unused lets wasm-opt fold small constant offsets into loads and stores
  # (~0.8 KB gzipped): it holds because rustc links wasm32 with the stack first, so the low
  # 1 KB is the far end of the 1 MB stack, which core's bounded recursion never reaches.
  wasm-opt -Oz --converge --low-memory-unused "$BG" -o "$BG.opt"
  mv "$BG.opt" "$BG"
fi

cd "$NPM_DIR"
# The model types are generated from core's Rust structs (via tests/schema/models.json).
node scripts/gen-types.mjs --check
rm -rf dist
tsc -p tsconfig.json
mkdir -p dist/wasm
cp -R "$OUT"/. dist/wasm/
rm -f dist/wasm/.gitignore

RAW=$(wc -c < "$BG")
GZ=$(gzip -9 -c "$BG" | wc -c)
printf 'pancake_wasm_bg.wasm: %d bytes raw (%.1f KB), %d bytes gzip -9 (%.1f KB); budget %d KB gz\n' \
  "$RAW" "$(echo "$RAW/1024" | bc -l)" "$GZ" "$(echo "$GZ/1024" | bc -l)" "$BUDGET_KB"
JS_GZ=$(cat dist/*.js dist/wasm/*.js $(find dist/wasm/snippets -name '*.js') | gzip -9 | wc -c)
printf 'JavaScript (dist, gzip -9): %d bytes\n' "$JS_GZ"
if [ "$PROFILE" != dev ] && [ "$GZ" -gt $((BUDGET_KB * 1024)) ]; then
  echo "ERROR: the wasm module is over the ${BUDGET_KB} KB gzip budget (PANCAKE_WASM_BUDGET_STRICT=0 to only warn)." >&2
  if command -v twiggy >/dev/null; then
    twiggy top -n 1000000 --format csv "$WASM_IN" 2>/dev/null | node "$NPM_DIR/scripts/size-report.mjs" >&2 || true
  else
    echo "(cargo install twiggy for a per-crate size report)" >&2
  fi
  if [ "${PANCAKE_WASM_BUDGET_STRICT:-1}" = 1 ]; then exit 1; fi
fi
