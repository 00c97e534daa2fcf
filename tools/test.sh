#!/usr/bin/env bash
# `make test`: sets up what is missing, builds every flavour, runs every test of every kind, and
# ends with one line "N passed, M failed" counting them all. Exits non-zero on any failure.
#
# Suites (each logged to build/test-logs/<suite>.log):
#   core-native, ui-native, export-native   doctest binaries, native
#   core-wasm, ui-wasm, export-wasm         the same tests compiled to WebAssembly, under node
#   core-asan, ui-asan, export-asan         the same tests natively under AddressSanitizer +
#                                           UndefinedBehaviorSanitizer (clang-14); any report fails
#   fuzz                                    each libFuzzer target: its regression cases, then 20 s
#                                           of fuzzing (tools/fuzz.sh; `make fuzz` runs longer)
#   cli                                     the smp tool, native and node builds side by side
#                                           (node:test; qr.test.mjs reads its QR codes with jsQR)
#   e2e                                     headless Chromium driving the app (playwright-core), and
#                                           the desktop app under Xvfb (node:test)
set -uo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
if ! tools/build.sh native wasm sanitize; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

logs=build/test-logs
rm -rf "$logs" && mkdir -p "$logs"
total_passed=0
total_failed=0

# Adds a suite's counts to the totals; a suite that crashed before reporting counts as one failure.
record() {
  local suite=$1 passed=$2 failed=$3 status=$4
  if [ -z "$passed" ] || [ -z "$failed" ]; then
    passed=${passed:-0}; failed=1
    echo "  $suite: no test summary (exit code $status); see $logs/$suite.log"
  elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
    echo "  $suite: exit code $status despite no failed test; see $logs/$suite.log"
  fi
  printf '%-14s %4d passed, %d failed\n' "$suite" "$passed" "$failed"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
}

run_doctest() {
  local suite=$1; shift
  "$@" --no-colors=true >"$logs/$suite.log" 2>&1
  local status=$?
  local line
  line=$(grep -E '^\[doctest\] test cases:' "$logs/$suite.log" | tail -1)
  local passed failed
  passed=$(sed -nE 's/.*\| *([0-9]+) passed.*/\1/p' <<<"$line")
  failed=$(sed -nE 's/.*\| *([0-9]+) failed.*/\1/p' <<<"$line")
  [ "$status" -ne 0 ] && grep -E 'ERROR|FAILED|error:' "$logs/$suite.log" | head -20
  record "$suite" "$passed" "$failed" "$status"
}

run_node_tests() {
  local suite=$1; shift
  node --test --test-reporter=tap --test-concurrency=1 "$@" >"$logs/$suite.log" 2>&1
  local status=$?
  local passed failed
  passed=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$logs/$suite.log" | tail -1)
  failed=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$logs/$suite.log" | tail -1)
  [ "$status" -ne 0 ] && grep -E -A12 '^not ok' "$logs/$suite.log" | head -60
  record "$suite" "$passed" "$failed" "$status"
}

run_doctest core-native build/native/bin/smp_core_tests
run_doctest ui-native build/native/bin/smp_ui_tests
run_doctest export-native build/native/bin/smp_export_tests
run_doctest core-wasm node build/wasm/bin/smp_core_tests.js
run_doctest ui-wasm node build/wasm/bin/smp_ui_tests.js
run_doctest export-wasm node build/wasm/bin/smp_export_tests.js
# Sanitizer reports stop the program (-fno-sanitize-recover), leaks included, with a stack.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:print_summary=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_doctest core-asan build/sanitize/bin/smp_core_tests
run_doctest ui-asan build/sanitize/bin/smp_ui_tests
run_doctest export-asan build/sanitize/bin/smp_export_tests

run_fuzz() {
  tools/fuzz.sh --seconds 20 >"$logs/fuzz.log" 2>&1
  local status=$?
  grep -E '^fuzz |^  ' "$logs/fuzz.log" | grep -v '^fuzz: '
  local line passed failed
  line=$(grep -E '^fuzz: [0-9]+ passed' "$logs/fuzz.log" | tail -1)
  passed=$(sed -nE 's/^fuzz: ([0-9]+) passed.*/\1/p' <<<"$line")
  failed=$(sed -nE 's/.*, ([0-9]+) failed$/\1/p' <<<"$line")
  record fuzz "$passed" "$failed" "$status"
}
run_fuzz

run_node_tests cli tests/cli/*.test.mjs
run_node_tests e2e tests/e2e/*.test.mjs

echo "screenshots: build/screenshots/"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
