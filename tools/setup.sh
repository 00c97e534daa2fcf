#!/usr/bin/env bash
# Installs what the build and the tests need, and nothing that is already there.
#
# Idempotent by design: every step first checks whether its result already exists, so a second run
# on a ready machine only looks and takes a few seconds. Third-party code is never committed; it
# comes from Debian's packages (binary, or source for Dear ImGui) and from npm through the lock file.
#
#   tools/setup.sh            everything (what `make test` needs)
#   tools/setup.sh --web      only what serving the browser app needs (what `make run` needs)
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
deps="$here/deps"                      # git-ignored
imgui_version=1.90.1
imgui_dir="$deps/imgui-$imgui_version"

want_web_only=0
[ "${1:-}" = "--web" ] && want_web_only=1

say() { printf 'setup: %s\n' "$*"; }

# --- [SECTION] Debian packages -----------------------------------------------------------------
packages=(
  cmake ninja-build g++ make pkg-config git ca-certificates xz-utils
  emscripten                 # clang-14, lld-14, binaryen: the WebAssembly flavour
  nodejs npm                 # node runs the wasm tests and the tools; npm fetches the browser drivers
  libeigen3-dev nlohmann-json3-dev doctest-dev zlib1g-dev
  fonts-inter                # the UI font, embedded at build time
  fonttools                  # pyftsubset: the build cuts the fonts down to the UI's characters
  zopfli                     # the build gzips the app about 5 % smaller than zlib can
)
if [ "$want_web_only" = 0 ]; then
  packages+=(
    libglfw3-dev libgl-dev   # the desktop app
    chromium                 # headless browser tests
    xvfb xauth               # the desktop app, Firefox and WebKit under a virtual display
    firefox-esr              # the engines suite: Firefox, driven over WebDriver BiDi (puppeteer-core)
    webkit2gtk-driver        # the engines suite: WebKitWebDriver and WebKitGTK's MiniBrowser (selenium-webdriver)
    libgl1-mesa-dri          # Mesa's llvmpipe: WebGL2 for Firefox and WebKit on the virtual display
    clang-14 libclang-rt-14-dev   # the sanitizer flavour: ASan, UBSan and libFuzzer runtimes
  )
fi

missing=()
for p in "${packages[@]}"; do
  # A command that is already on PATH (a newer node, say) counts as present.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm)    command -v npm  >/dev/null 2>&1 && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- [SECTION] Dear ImGui from Debian's source package ------------------------------------------
# Bookworm's binary libimgui-dev is 1.86 and host-only; trixie's *source* package has 1.90.1.
# A private apt configuration fetches it without touching the machine's sources.
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  say "fetching Dear ImGui $imgui_version (Debian source package)"
  apt_dir="$deps/apt"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives"
  uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$uri" ] || uri="http://deb.debian.org/debian"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main" > "$apt_dir/sources.list"
  # APT::Sandbox::User=root: the private folder is not readable by the _apt user; no warning needed.
  o=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/dev/null" -o "APT::Sandbox::User=root"
     -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::archives=$apt_dir/archives")
  apt-get "${o[@]}" -qq update
  (cd "$apt_dir" && apt-get "${o[@]}" -qq source --download-only "imgui=$imgui_version+ds-1")
  rm -rf "$imgui_dir.tmp" && mkdir -p "$imgui_dir.tmp"
  tar xf "$apt_dir/imgui_$imgui_version+ds.orig.tar.xz" -C "$imgui_dir.tmp" --strip-components=1
  mv "$imgui_dir.tmp" "$imgui_dir"
fi

# --- [SECTION] npm dev dependencies (lock file) -------------------------------------------------
# Also for `make run`: the browser build minifies Emscripten's JavaScript with Closure Compiler
# (google-closure-compiler, its native Linux binary: no Java).
stamp="$here/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$here/package-lock.json" -nt "$stamp" ]; then
  say "installing npm dev dependencies from package-lock.json"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exit 0
