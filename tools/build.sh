#!/usr/bin/env bash
# Configures (once) and builds flavours of the CMake tree through CMakePresets.json.
#   tools/build.sh native           core, smp CLI, desktop app, tests  -> build/native/bin/
#   tools/build.sh wasm             browser app and node programs      -> build/wasm/{web,bin}/
#   tools/build.sh wasm-app         only the browser app, service worker stamped (what make run needs)
#   tools/build.sh sanitize         the doctest binaries under ASan + UBSan, and the fuzz targets
#                                   (clang-14)                       -> build/sanitize/bin/
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's Emscripten needs Debian's acorn for its JS optimizer, which the machine's node may not
# find on its own (TOOLCHAIN.md).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

configure() {
  local preset=$1
  # Reconfigure only when there is no build tree yet; CMake re-runs itself when CMakeLists change.
  if [ ! -f "build/$preset/build.ninja" ]; then
    cmake --preset "$preset" >"build/configure-$preset.log" 2>&1 || {
      cat "build/configure-$preset.log" >&2
      echo "build: configuring '$preset' failed (log above)" >&2
      return 1
    }
  fi
}

mkdir -p build
for flavour in "$@"; do
  case "$flavour" in
    native)   configure native && cmake --build --preset native ;;
    wasm)     configure wasm && cmake --build --preset wasm ;;
    wasm-app) configure wasm && cmake --build --preset wasm --target smp_web_release ;;
    sanitize) configure sanitize && cmake --build --preset sanitize ;;
    *) echo "build: unknown flavour '$flavour' (native, wasm, wasm-app, sanitize)" >&2; exit 2 ;;
  esac
done
