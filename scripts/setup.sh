#!/usr/bin/env bash
# Installs what building and testing need, on a fresh Debian 12 machine. Idempotent: every step
# checks first, so a second run takes about a second.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wasm-env.sh"
cd "$ROOT"
log() { printf '\n== setup: %s\n' "$*"; }

# 1. System packages, only the missing ones.
need=()
for p in ca-certificates curl git build-essential pkg-config chromium chromium-driver fonts-dejavu-core fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || echo "warning: node $node_major < 20; playwright-core 1.65 needs node >= 20" >&2

# 2. A wasm32 toolchain: rustup's target (under timeout: it has hung once), else Debian's rustc-web.
if [ "${WASM_ROUTE:-}" != debian ] && ! rustup_has_wasm; then
  if command -v rustup >/dev/null 2>&1; then
    log "rustup target add wasm32-unknown-unknown"
    timeout "${RUSTUP_TIMEOUT:-120}" rustup target add wasm32-unknown-unknown || echo "rustup target add failed" >&2
  fi
fi
if [ "${WASM_ROUTE:-}" = debian ] || { ! rustup_has_wasm && ! debian_has_wasm; }; then
  log "Debian rust-web fallback (bookworm-security)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq rustc-web cargo-web rust-web-src libstd-rust-web-dev lld-22
fi
echo "wasm route: $(choose_route)"

# rustfmt and clippy: the test command checks formatting and lints.
if command -v rustup >/dev/null 2>&1; then
  for c in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$c" || { log "rustup component add $c"; timeout "${RUSTUP_TIMEOUT:-120}" rustup component add "$c"; }
  done
fi

# 3. wasm-bindgen CLI, exactly the version in Cargo.lock, into .tools/. Built once per machine into
#    a cache keyed by version (a fresh clone, as in CI, then copies it instead of compiling again).
want="$(wasm_bindgen_version)"
have="$("$ROOT/.tools/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ]; then
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-check/wasm-bindgen-cli-$want"
  if [ "$("$cache/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}' || true)" != "$want" ]; then
    log "cargo install wasm-bindgen-cli $want (takes 3-6 minutes, once per machine)"
    # --locked fails on this registry mirror (a dependency version is missing): fall back to unlocked.
    cargo install wasm-bindgen-cli --version "=$want" --root "$cache" --locked \
      || cargo install wasm-bindgen-cli --version "=$want" --root "$cache"
  fi
  mkdir -p "$ROOT/.tools/bin"
  cp -f "$cache"/bin/* "$ROOT/.tools/bin/"
fi

# 4. npm: playwright-core (drives the Debian chromium) and binaryen's wasm-opt (Debian's 108 breaks
#    wasm-bindgen output: never install it).
if ! npm ls --depth=0 >/dev/null 2>&1; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi

# 5. Crates for both targets.
cargo fetch -q
echo "setup: ok"
