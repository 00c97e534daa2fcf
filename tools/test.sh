#!/usr/bin/env bash
# `make test`: sets up what is missing, builds every flavour, runs every test of every kind, and
# ends with one line "N passed, M failed" counting them all. Exits non-zero on any failure.
#
# Suites (each logged to build/test-logs/<suite>.log; its wall time is printed beside its counts):
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
#   engines                                 one smoke suite in three browser engines: Chromium
#                                           (playwright-core), Firefox ESR (puppeteer-core, BiDi)
#                                           and WebKitGTK (selenium-webdriver), the last two on an
#                                           Xvfb display the suite starts (tests/engines)
#
# Time: e2e runs in one lane, everything else in another beside it (this machine has two cores);
# see the lanes below. The summary lines come out in the order above whatever order the lanes
# finish in.
#   SMP_TEST_LANES=1 tools/test.sh   runs every suite one after another (to time one alone)
set -uo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
tools/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
if ! tools/build.sh native wasm sanitize; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
built=$(date +%s)

logs=build/test-logs
results=$logs/results        # one line per suite: "passed failed status seconds"
rm -rf "$logs" && mkdir -p "$results"

# A suite's result, as its runner found it: counts, exit status, wall time.
save_result() {
  local suite=$1 passed=$2 failed=$3 status=$4 seconds=$5
  echo "${passed:--} ${failed:--} $status $seconds" >"$results/$suite"
}

run_doctest() {
  local suite=$1; shift
  local start=$SECONDS
  "$@" --no-colors=true >"$logs/$suite.log" 2>&1
  local status=$?
  local line
  line=$(grep -E '^\[doctest\] test cases:' "$logs/$suite.log" | tail -1)
  save_result "$suite" "$(sed -nE 's/.*\| *([0-9]+) passed.*/\1/p' <<<"$line")" \
              "$(sed -nE 's/.*\| *([0-9]+) failed.*/\1/p' <<<"$line")" "$status" $((SECONDS - start))
}

run_node_tests() {
  local suite=$1; shift
  local start=$SECONDS
  node --test --test-reporter=tap --test-concurrency=1 "$@" >"$logs/$suite.log" 2>&1
  local status=$?
  save_result "$suite" "$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$logs/$suite.log" | tail -1)" \
              "$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$logs/$suite.log" | tail -1)" "$status" $((SECONDS - start))
}

run_fuzz() {
  local start=$SECONDS
  tools/fuzz.sh --seconds 20 >"$logs/fuzz.log" 2>&1
  local status=$?
  local line
  line=$(grep -E '^fuzz: [0-9]+ passed' "$logs/fuzz.log" | tail -1)
  save_result fuzz "$(sed -nE 's/^fuzz: ([0-9]+) passed.*/\1/p' <<<"$line")" \
                   "$(sed -nE 's/.*, ([0-9]+) failed$/\1/p' <<<"$line")" "$status" $((SECONDS - start))
}

# Sanitizer reports stop the program (-fno-sanitize-recover), leaks included, with a stack.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:print_summary=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# Two lanes side by side. e2e is the longest suite by far and Chromium drawing with SwiftShader
# keeps about one and a half cores busy, not two: it starts as early as it can, right after the
# native doctests (a minute), in one lane. Every other suite keeps one core busy and runs in the
# other lane meanwhile: the sanitizer suites, the WebAssembly doctests, the cli suite, the fuzzing
# (a fixed time whatever share of a core it gets) and the engines suite, which finishes about when
# e2e does. (Before, e2e waited for the WebAssembly doctests and the cli suite, about four minutes,
# and the last minutes of e2e ran alone.)
lane_one_core() {
  run_doctest core-asan build/sanitize/bin/smp_core_tests
  run_doctest ui-asan build/sanitize/bin/smp_ui_tests
  run_doctest export-asan build/sanitize/bin/smp_export_tests
  run_doctest core-wasm node build/wasm/bin/smp_core_tests.js
  run_doctest ui-wasm node build/wasm/bin/smp_ui_tests.js
  run_doctest export-wasm node build/wasm/bin/smp_export_tests.js
  run_node_tests cli tests/cli/*.test.mjs
  run_fuzz
  run_node_tests engines tests/engines/*.test.mjs
}
lane_native() {
  run_doctest core-native build/native/bin/smp_core_tests
  run_doctest ui-native build/native/bin/smp_ui_tests
  run_doctest export-native build/native/bin/smp_export_tests
}

if [ "${SMP_TEST_LANES:-2}" = 1 ]; then
  lane_native
  lane_one_core
  lanes_done=$(date +%s)
  run_node_tests e2e tests/e2e/*.test.mjs
else
  lane_one_core & one_core_lane=$!
  lane_native
  lanes_done=$(date +%s)
  run_node_tests e2e tests/e2e/*.test.mjs
  wait "$one_core_lane"
fi

# --- Summary, in the suites' order ---------------------------------------------------------------
total_passed=0
total_failed=0
for suite in core-native ui-native export-native core-wasm ui-wasm export-wasm core-asan ui-asan export-asan fuzz cli e2e engines; do
  read -r passed failed status seconds <"$results/$suite" 2>/dev/null || { passed=-; failed=-; status=1; seconds=0; }
  if [ "$suite" = fuzz ]; then
    grep -E '^fuzz |^  ' "$logs/fuzz.log" | grep -v '^fuzz: '
  fi
  if [ "$suite" = engines ]; then
    # Each engine's version and time from launch to close.
    sed -nE 's/^# engines: /  /p' "$logs/engines.log" 2>/dev/null
  fi
  if [ "$status" -ne 0 ]; then
    case "$suite" in
      cli|e2e|engines) grep -E -A12 '^not ok' "$logs/$suite.log" | head -60 ;;
      fuzz) ;;
      *) grep -E 'ERROR|FAILED|error:' "$logs/$suite.log" | head -20 ;;
    esac
  fi
  # A suite that crashed before reporting counts as one failure.
  if [ "$passed" = - ] || [ "$failed" = - ]; then
    [ "$passed" = - ] && passed=0
    failed=1
    echo "  $suite: no test summary (exit code $status); see $logs/$suite.log"
  elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
    echo "  $suite: exit code $status despite no failed test; see $logs/$suite.log"
  fi
  printf '%-14s %4d passed, %d failed  %5ds\n' "$suite" "$passed" "$failed" "$seconds"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
done

finished=$(date +%s)
printf 'time: setup and build %ds, then the suites %ds (e2e began after %ds), in all %ds\n' \
  $((built - started)) $((finished - built)) $((lanes_done - built)) $((finished - started))
echo "screenshots: build/screenshots/"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
