#!/usr/bin/env bash
# Everything CI runs: setup, build and pack, the native tests of the whole crate, the wasm test in
# node, and the browser tests of the page, the element and the npm package. Exits non-zero on any
# failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wasm-env.sh"
cd "$ROOT"

scripts/setup.sh

# Formatting and lints first: they take seconds and say the most about a careless change.
echo "== test: cargo fmt --check, cargo clippy -D warnings (native and wasm32)"
cargo fmt --check
host_cargo clippy --locked --all-targets -- -D warnings
if [ "$(choose_route)" = rustup ]; then
  wasm_cargo clippy --locked --lib --test wasm -- -D warnings
  # The page's three modules: the core and each reader (features off and on, see scripts/build.sh).
  wasm_cargo clippy --locked --lib --no-default-features -- -D warnings
  wasm_cargo clippy --locked --lib --no-default-features --features word,reader -- -D warnings
  wasm_cargo clippy --locked --lib --no-default-features --features pdf,reader -- -D warnings
else
  echo "(wasm32 clippy skipped: Debian's rustc-web route has no clippy; the native lints above cover the shared code)"
fi

scripts/build.sh
scripts/pack.sh   # the npm tarball that e2e/package.test.mjs installs

echo "== test: cargo test (native, whole crate)"
host_cargo test --locked

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
echo "== test: tests/wasm.rs in node (wasm-bindgen-test)"
wasm_cargo test --locked --test wasm
echo "== test: tests/wasm.rs in headless Chromium (the browser's TextDecoder, chromedriver)"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" WASM_BINDGEN_USE_BROWSER=1 wasm_cargo test --locked --test wasm

echo "== test: the page in headless Chromium (e2e/)"
node --test e2e/
