#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz (built by `tools/build.sh sanitize`), one after another:
#   1. every input that ever crashed a target (tests/fuzz/regressions/<target>/), once each;
#   2. fuzzing for a bounded time from the seed corpus (tests/fuzz/corpus/<target>/, plus the
#      presets and the CLI's test designs for the design loader) and what earlier runs on this
#      machine found (build/fuzz/corpus/<target>/, git-ignored).
# A crash, a sanitizer report, a broken invariant, an input slower than 10 s or an allocation over
# 256 MB fails the target; its input is kept in build/fuzz/crashes/<target>/ for a regression case.
# Ends with "fuzz: N passed, M failed" (one per target) and exits non-zero on any failure.
#
#   tools/fuzz.sh [--seconds N]     N seconds of fuzzing per target (default 20; `make test` uses
#                                   20, `make fuzz` 300)
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=20
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    *) echo "fuzz: unknown option '$1' (--seconds N)" >&2; exit 2 ;;
  esac
done

bin=build/sanitize/bin
targets=(design_loader plan_loader link_decoder)
passed=0
failed=0

for target in "${targets[@]}"; do
  fuzzer="$bin/fuzz_$target"
  work="build/fuzz/corpus/$target"
  crashes="build/fuzz/crashes/$target"
  log="build/fuzz/$target.log"
  mkdir -p "$work" "$crashes"
  : >"$log"
  if [ ! -x "$fuzzer" ]; then
    echo "fuzz $target: $fuzzer is missing (tools/build.sh sanitize)"
    failed=$((failed + 1)); continue
  fi
  seeds=("tests/fuzz/corpus/$target")
  options=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 -print_final_stats=1 -artifact_prefix="$crashes/")
  fuzz_options=()   # for fuzzing only: a regression input is always read whole
  case "$target" in
    design_loader) seeds+=(presets tests/cli/data); fuzz_options+=(-dict=tests/fuzz/json.dict) ;;
    plan_loader)   fuzz_options+=(-dict=tests/fuzz/json.dict -max_len=32768) ;;
  esac

  # 1. Regression cases: each input is run once and must pass.
  regressions=()
  [ -d "tests/fuzz/regressions/$target" ] && mapfile -t regressions < <(find "tests/fuzz/regressions/$target" -type f ! -name '*.md' | sort)
  if [ ${#regressions[@]} -gt 0 ] && ! "$fuzzer" "${options[@]}" "${regressions[@]}" >>"$log" 2>&1; then
    echo "fuzz $target: a regression case fails again (log: $log)"
    grep -E 'ERROR|invariant|Running:' "$log" | tail -5
    failed=$((failed + 1)); continue
  fi

  # 2. Fuzzing. New inputs go to the first folder; the seed folders are only read.
  "$fuzzer" "${options[@]}" "${fuzz_options[@]}" -max_total_time="$seconds" "$work" "${seeds[@]}" >>"$log" 2>&1
  status=$?
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
  corpus=$(find "$work" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    printf 'fuzz %-14s %9s runs in %ss, %d regression cases, corpus %d inputs, no crash\n' "$target" "${runs:-?}" "$seconds" "${#regressions[@]}" "$corpus"
    passed=$((passed + 1))
  else
    echo "fuzz $target: FAILED after ${runs:-?} runs (exit code $status; log: $log)"
    grep -E '^==[0-9]+==ERROR|SUMMARY|invariant broken|Test unit written|Slowest unit|out-of-memory' "$log" | head -8
    echo "  once fixed, keep the input as tests/fuzz/regressions/$target/<what it broke>"
    failed=$((failed + 1))
  fi
done

echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
