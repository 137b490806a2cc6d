#!/usr/bin/env bash
# Everything CI runs: setup, build and pack, the native tests of the whole crate, the wasm test in
# node, and the browser tests of the page, the element and the npm package. Exits non-zero on any
# failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wasm-env.sh"
cd "$ROOT"

scripts/setup.sh
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
