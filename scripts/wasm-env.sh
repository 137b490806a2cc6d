# Sourced by setup.sh, build.sh and test.sh: chooses how to compile for wasm32 and sets up PATH.
#
# Route A (preferred): rustup's stable toolchain with the wasm32-unknown-unknown target.
# Route B (fallback): Debian's rustc-web 1.96 (bookworm-security) with -Zbuild-std, for machines
# where `rustup target add` cannot reach its server. WASM_ROUTE=rustup|debian forces one.
# See /work/shared/toolchain/RECIPE.md (proven on this kind of machine).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/.tools/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

crate_name() { sed -n 's/^name = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -1 | tr - _; }
# The version, set in one place: [package] version in Cargo.toml (the first `version =` line).
crate_version() { sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -1; }
# The rule catalogue's version, set in src/version.rs.
rules_version() { sed -n 's/^pub const RULES_VERSION: &str = "\(.*\)";/\1/p' "$ROOT/src/version.rs"; }

# The wasm-bindgen version locked in Cargo.lock: the CLI must equal it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

rustup_has_wasm() {
  command -v rustc >/dev/null 2>&1 || return 1
  local libdir
  libdir="$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null)" || return 1
  compgen -G "$libdir/libstd-*.rlib" >/dev/null
}

debian_has_wasm() {
  [ -x /usr/bin/rustc ] && [ -f /usr/lib/rustlib/src/rust/library/Cargo.lock ] \
    && compgen -G "/usr/lib/llvm-*/bin/wasm-ld" >/dev/null
}

choose_route() {
  if [ -n "${WASM_ROUTE:-}" ]; then echo "$WASM_ROUTE"
  elif rustup_has_wasm; then echo rustup
  elif debian_has_wasm; then echo debian
  else echo none
  fi
}

# cargo for wasm32 with the chosen route's environment and its own target dir (switching the
# toolchain invalidates every fingerprint, so each route keeps its own).
wasm_cargo() {
  local route; route="$(choose_route)"
  # The target flags are cargo's: they go before a `--` that hands the rest to a tool (clippy's -D).
  local args=() rest=() past=""
  for a in "$@"; do
    if [ -z "$past" ] && [ "$a" = "--" ]; then past=1; fi
    if [ -n "$past" ]; then rest+=("$a"); else args+=("$a"); fi
  done
  case "$route" in
    rustup)
      CARGO_TARGET_DIR="$ROOT/target/wasm-rustup" cargo "${args[@]}" --target wasm32-unknown-unknown "${rest[@]}" ;;
    debian)
      local ld; ld="$(compgen -G "/usr/lib/llvm-*/bin/wasm-ld" | sort -V | tail -1)"
      CARGO_TARGET_DIR="$ROOT/target/wasm-debian" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$ld" \
        /usr/bin/cargo "${args[@]}" --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort "${rest[@]}" ;;
    *)
      echo "no wasm32 toolchain: run scripts/setup.sh" >&2; return 1 ;;
  esac
}

wasm_target_dir() {
  case "$(choose_route)" in
    debian) echo "$ROOT/target/wasm-debian" ;;
    *) echo "$ROOT/target/wasm-rustup" ;;
  esac
}

# Native cargo with its own target dir, so the wasm builds do not invalidate it.
host_cargo() { CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}" cargo "$@"; }
