#!/usr/bin/env bash
# Builds the page's WebAssembly, three modules (the core, the Word reader, the PDF reader): cargo
# (wasm32, profile wasm) → wasm-bindgen --target web → www/pkg → wasm-opt -Oz (npm binaryen). Prints the sizes, raw and gzipped, into target/size-report.md (and into
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
out="$ROOT/www/pkg"
rm -rf "$out"
# Three modules of one crate, each a cargo build with its own features (profile `wasm`: opt-level z):
# the core (text, HTML and .mht readers, recognition, rules: what every drop needs), and the Word
# and the PDF reader, which the worker fetches on the first such file.
module() {
  local module="$1"; shift
  echo "== build: $module: cargo build --lib --profile wasm --no-default-features $* (wasm32, route $(choose_route))"
  wasm_cargo build --lib --profile wasm --locked --no-default-features "$@"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$module" \
    "$(wasm_target_dir)/wasm32-unknown-unknown/wasm/$name.wasm"
  if [ "${WASM_OPT:-1}" != 0 ]; then
    wasm-opt -Oz --strip-debug --strip-producers "$out/${module}_bg.wasm" -o "$out/${module}_bg.wasm.opt"
    mv "$out/${module}_bg.wasm.opt" "$out/${module}_bg.wasm"
  fi
}
module "$name"
module "${name}_word" --features word,reader
module "${name}_pdf" --features pdf,reader

# The versions for the page's footer, the element's `version` and the API (not committed, like pkg/).
v="$(crate_version)"; rv="$(rules_version)"
[ -n "$v" ] && [ -n "$rv" ] || { echo "build: no version in Cargo.toml or no RULES_VERSION in src/version.rs" >&2; exit 1; }
printf '%s\n' "// Written by scripts/build.sh from Cargo.toml and src/version.rs; not committed." \
  "export const VERSION = '$v';" "export const RULES_VERSION = '$rv';" >"$ROOT/www/version.js"

# Sizes: what a visitor downloads. gzip -9 approximates what a server sends compressed.
raw() { wc -c <"$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
sum() { local r=0 g=0; for f in "$@"; do r=$((r + $(raw "$f"))); g=$((g + $(gz "$f"))); done; echo "| $r | $g |"; }
page_js=(www/*.js "$out/$name.js")
report=target/size-report.md
mkdir -p target
core=(www/worker.js "$out/$name.js" "$out/${name}_bg.wasm")
word=("$out/${name}_word.js" "$out/${name}_word_bg.wasm")
pdf=("$out/${name}_pdf.js" "$out/${name}_pdf_bg.wasm")
{
  echo "# Size report"
  echo
  echo "Written by \`scripts/build.sh\` ($(date -u +%Y-%m-%d), route $(choose_route), profile wasm, wasm-opt $([ "${WASM_OPT:-1}" != 0 ] && echo -Oz || echo off))."
  echo "Bytes; gzip is \`gzip -9\`."
  echo
  echo "| file | raw | gzip |"
  echo "|---|---:|---:|"
  for f in "$out"/*; do echo "| \`pkg/${f##*/}\` | $(raw "$f") | $(gz "$f") |"; done
  for f in www/*.js www/style.css www/index.html; do echo "| \`${f#www/}\` | $(raw "$f") | $(gz "$f") |"; done
  echo "| all JS of the page and the core's glue $(sum "${page_js[@]}")"
  echo
  echo "What a drop fetches besides the page (the worker, glue and wasm):"
  echo
  echo "| drop | raw | gzip |"
  echo "|---|---:|---:|"
  echo "| a saved page, .mht or text: the core $(sum "${core[@]}")"
  echo "| a .docx or .doc: the core and the Word reader $(sum "${core[@]}" "${word[@]}")"
  echo "| a PDF: the core and the PDF reader $(sum "${core[@]}" "${pdf[@]}")"
  echo
  echo "The page loads index.html, style.css, app.js, nianbao-check.js and render.js, and starts the worker"
  echo "(worker.js, the core's glue and wasm) when it is idle; the readers' modules load on their first file."
} >"$report"
cat "$report"
if [ -n "${UPDATE_DOCS:-}" ]; then cp "$report" docs/size-report.md; fi
