#!/usr/bin/env bash
# The command line's batch speed and memory: makes N files (default 10,000; `scripts/bench-batch.sh
# 100000` on request) out of the corpus's reports (real/ and derived/: 35 files, every reader,
# round robin, as symbolic links in folders of 100 — each link is read like a file), then checks
# them with --jsonl to /dev/null under /usr/bin/time, with one job and with every core, and once
# more with 4N files and every core to show that memory does not grow with the batch.
#
#   scripts/bench-batch.sh [N] [BINARY]
#
# BINARY (default: target/release/nianbao-check, built here) lets the same run measure another
# build for the ratio, e.g. a copy of main built in /tmp. A binary from before the batch tool (no
# --jobs, no folders) is given the N files as arguments with --json, and measured once. Prints a
# Markdown table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N="${1:-10000}"
BIN="${2:-}"
if [ -z "$BIN" ]; then
  cargo build --release --locked -q
  BIN=target/release/nianbao-check
fi
CORPUS="$(cd ../shared/corpus && pwd)"
CORES="$(nproc)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-bench.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# N links in folders of 100, cycling through the corpus.
make_batch() {
  node -e '
    const fs = require("fs"), path = require("path");
    const [corpus, dir, n] = [process.argv[1], process.argv[2], Number(process.argv[3])];
    const files = ["real", "derived"].flatMap((d) => fs.readdirSync(path.join(corpus, d)).sort().map((f) => path.join(corpus, d, f)));
    for (let i = 0; i < n; i++) {
      const sub = path.join(dir, String(Math.floor(i / 100)).padStart(5, "0"));
      if (i % 100 === 0) fs.mkdirSync(sub, { recursive: true });
      const src = files[i % files.length];
      fs.symlinkSync(src, path.join(sub, `${String(i).padStart(7, "0")}-${path.basename(src)}`));
    }
    console.error(`${n} files from ${files.length} corpus files`);
  ' "$CORPUS" "$1" "$2"
}

# jobs, dir, files → one table row: wall s, CPU s, reports/s, reports/s per core, reports per CPU-s, max RSS MB.
measure() {
  local jobs="$1" dir="$2" n="$3" out
  if [ -n "$LEGACY" ]; then
    find "$dir" -type l | sort >"$TMP/list.txt"
    mapfile -t list <"$TMP/list.txt"
    /usr/bin/time -v -o "$TMP/time.txt" "$BIN" --json "${list[@]}" >/dev/null 2>"$TMP/stderr.txt" || true
  else
    /usr/bin/time -v -o "$TMP/time.txt" "$BIN" --jobs "$jobs" --jsonl "$dir" >/dev/null 2>"$TMP/stderr.txt" || true
  fi
  out="$(cat "$TMP/time.txt")"
  local wall user sys rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' <<<"$out")"
  user="$(awk -F': ' '/User time/ { print $2 }' <<<"$out")"
  sys="$(awk -F': ' '/System time/ { print $2 }' <<<"$out")"
  rss="$(awk -F': ' '/Maximum resident set size/ { print $2 }' <<<"$out")"
  awk -v j="$jobs" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
    cpu = u + s; printf "| %d | %d | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f |\n", n, j, w, cpu, n / w, n / w / j, n / cpu, r / 1024 }'
}

LEGACY=""
"$BIN" --help | grep -q -- --jobs || LEGACY=1
echo "== bench-batch: $BIN, $CORES cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
make_batch "$TMP/n" "$N"
echo "| files | jobs | wall s | CPU s | reports/s | reports/s per job | reports per CPU-s | max RSS MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
measure 1 "$TMP/n" "$N"
if [ -z "$LEGACY" ]; then
  make_batch "$TMP/4n" "$((4 * N))"
  measure "$CORES" "$TMP/n" "$N"
  measure "$CORES" "$TMP/4n" "$((4 * N))"
fi
echo "== bench-batch: done, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
