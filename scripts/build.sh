#!/usr/bin/env bash
# Builds the page's WebAssembly: cargo (wasm32, release) → wasm-bindgen --target web → www/pkg →
# wasm-opt -Oz (npm binaryen). Prints the sizes, raw and gzipped, into target/size-report.md (and into
# the committed docs/size-report.md when UPDATE_DOCS=1, like the other generated docs).
# Knobs: WASM_OPT=0 skips wasm-opt; WASM_ROUTE=rustup|debian (see wasm-env.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wasm-env.sh"
cd "$ROOT"

want="$(wasm_bindgen_version)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ]; then
  echo "wasm-bindgen CLI is '${have:-missing}', Cargo.lock has $want: run scripts/setup.sh" >&2
  exit 1
fi

name="$(crate_name)"
echo "== build: cargo build --lib --release (wasm32, route $(choose_route))"
wasm_cargo build --lib --release --locked
wasm="$(wasm_target_dir)/wasm32-unknown-unknown/release/$name.wasm"

out="$ROOT/www/pkg"
rm -rf "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" "$wasm"
if [ "${WASM_OPT:-1}" != 0 ]; then
  echo "== build: wasm-opt -Oz"
  wasm-opt -Oz --strip-debug --strip-producers "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm.opt"
  mv "$out/${name}_bg.wasm.opt" "$out/${name}_bg.wasm"
fi

# The versions for the page's footer, the element's `version` and the API (not committed, like pkg/).
v="$(crate_version)"; rv="$(rules_version)"
[ -n "$v" ] && [ -n "$rv" ] || { echo "build: no version in Cargo.toml or no RULES_VERSION in src/version.rs" >&2; exit 1; }
printf '%s\n' "// Written by scripts/build.sh from Cargo.toml and src/version.rs; not committed." \
  "export const VERSION = '$v';" "export const RULES_VERSION = '$rv';" >"$ROOT/www/version.js"

# Sizes: what a visitor downloads. gzip -9 approximates what a server sends compressed.
raw() { wc -c <"$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
page_js=(www/*.js "$out/$name.js")
js_raw=0; js_gz=0
for f in "${page_js[@]}"; do js_raw=$((js_raw + $(raw "$f"))); js_gz=$((js_gz + $(gz "$f"))); done
w="$out/${name}_bg.wasm"; glue="$out/$name.js"
report=target/size-report.md
mkdir -p target
{
  echo "# Size report"
  echo
  echo "Written by \`scripts/build.sh\` ($(date -u +%Y-%m-%d), route $(choose_route), wasm-opt $([ "${WASM_OPT:-1}" != 0 ] && echo -Oz || echo off))."
  echo "Bytes; gzip is \`gzip -9\`."
  echo
  echo "| file | raw | gzip |"
  echo "|---|---:|---:|"
  echo "| \`pkg/${name}_bg.wasm\` | $(raw "$w") | $(gz "$w") |"
  echo "| \`pkg/$name.js\` (wasm-bindgen glue) | $(raw "$glue") | $(gz "$glue") |"
  for f in www/*.js www/style.css www/index.html; do echo "| \`${f#www/}\` | $(raw "$f") | $(gz "$f") |"; done
  echo "| all JS | $js_raw | $js_gz |"
  echo
  echo "The page loads index.html, style.css, app.js, nianbao-check.js and render.js; worker.js, the glue"
  echo "and the wasm load on the first check."
} >"$report"
cat "$report"
if [ -n "${UPDATE_DOCS:-}" ]; then cp "$report" docs/size-report.md; fi
