#!/usr/bin/env bash
# Runs every fuzz target (fuzz/, cargo-fuzz on nightly) for SECONDS each, one after another:
#
#   scripts/fuzz.sh [SECONDS] [TARGET…]     # default 60 s, every target
#
# Not part of scripts/test.sh: fuzzing takes as long as it is given. What it finds is kept in
# fuzz/artifacts/<target>/; a case worth keeping goes, minimised, into fuzz/regressions/<target>/,
# which `cargo test` replays (tests/fuzz_regressions.rs). Corpora grow in fuzz/corpus/<target>/
# (not committed), seeded from ../shared/corpus and from fuzz/seeds.py.
#
# Limits per run: an input over 10 s, a process over 512 MB of RSS, a single allocation over
# 256 MB are failures (the checker's bound is 256 MB in all for a 50 MB input; fuzz inputs are
# small). Builds without a sanitizer (FUZZ_SANITIZER=address for ASan) and with debug
# assertions; FUZZ_FLAGS adds cargo-fuzz flags (--no-trace-compares: about twice the executions
# a second, coarser guidance); FUZZ_MAX_LEN overrides the longest input (smaller is faster).
# Runs at the lowest CPU priority. Every run is added to
# target/fuzz-runs.tsv, and the totals per target are printed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="$ROOT/../shared/corpus"
cd "$ROOT/fuzz"

secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(text html docx doc pdf check html_tables pdf_content)
sanitizer="${FUZZ_SANITIZER:-none}"
flags=(${FUZZ_FLAGS:-})

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal

# Seeds: the corpus's files by kind, the small generated ones, the kept regressions.
seed() { # target, files…
  local t="$1"; shift
  mkdir -p "corpus/$t"
  for f in "$@"; do [ -f "$f" ] && cp -n "$f" "corpus/$t/" || true; done
}
python3 seeds.py "$CORPUS" corpus
seed text "$CORPUS"/real/*.txt "$CORPUS"/real/*.md
seed docx "$CORPUS"/derived/*.docx "$CORPUS"/real/*.docx "$CORPUS"/variants/*.v00.docx
seed doc "$CORPUS"/derived/*.doc
seed check "$CORPUS"/real/*.txt "$CORPUS"/real/*.md "$CORPUS"/derived/*.docx "$CORPUS"/derived/*.doc
for t in "${targets[@]}"; do
  [ -d "regressions/$t" ] && seed "$t" regressions/"$t"/*
  mkdir -p "corpus/$t" "artifacts/$t"
done

dict() { # target → a dictionary file
  case "$1" in
    text) cat dict/labels.dict ;;
    html|html_tables) cat dict/html.dict dict/labels.dict ;;
    docx) cat dict/docx.dict dict/labels.dict ;;
    doc) cat dict/doc.dict dict/labels.dict ;;
    pdf|pdf_content) cat dict/pdf.dict dict/labels.dict ;;
    *) cat dict/*.dict ;;
  esac > "artifacts/$1.dict"
  echo "artifacts/$1.dict"
}
max_len() {
  [ -n "${FUZZ_MAX_LEN:-}" ] && { echo "$FUZZ_MAX_LEN"; return; }
  case "$1" in
    doc) echo 98304 ;;
    docx|pdf|check) echo 32768 ;;
    text) echo 8192 ;;
    *) echo 16384 ;;
  esac
}

nice -n 19 cargo +nightly fuzz build -s "$sanitizer" "${flags[@]}"

summary="$ROOT/target/fuzz-summary.md"
mkdir -p "$ROOT/target"
printf '| target | seconds | executions | per second | corpus files | coverage | crashes, timeouts, OOM |\n|---|---:|---:|---:|---:|---:|---|\n' > "$summary"
for t in "${targets[@]}"; do
  log="artifacts/$t.log"
  echo "== fuzz $t for ${secs}s"
  set +e
  nice -n 19 cargo +nightly fuzz run -s "$sanitizer" "${flags[@]}" "$t" "corpus/$t" -- \
    -max_total_time="$secs" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=512 -malloc_limit_mb=256 \
    -dict="$(dict "$t")" -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo ?)"
  files="$(ls "corpus/$t" | wc -l)"
  found="$(ls "artifacts/$t" | wc -l)"
  rate="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)"
  # A run stopped by a finding ran for less than it was given.
  ran=$(( rate > 0 ? ${execs:-0} / rate : secs ))
  [ "$ran" -le "$secs" ] || ran="$secs"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$t" "$ran" "$execs" "$rate" "$files" "$cov" "$found" >> "$summary"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$ran" "$execs" "$sanitizer ${flags[*]}" "$files" "$found" >> "$ROOT/target/fuzz-runs.tsv"
  if [ "$status" -ne 0 ]; then
    echo "   $t stopped (status $status): see fuzz/$log and fuzz/artifacts/$t/"
    tail -5 "$log"
  fi
done
cat "$summary"
echo
echo "All runs so far (target/fuzz-runs.tsv): target, seconds, executions"
awk -F'\t' '{ s[$2] += $3; e[$2] += $4 } END { for (t in s) printf "  %-12s %8d s %12d\n", t, s[t], e[t] }' "$ROOT/target/fuzz-runs.tsv" | sort
