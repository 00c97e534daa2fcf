# Quick start. Everything real lives in tools/ and CMakeLists.txt; these targets only name it.
#   make run     set up, build the browser app, serve it at http://127.0.0.1:$(PORT)/ and the demo
#                clinic page that embeds it at http://127.0.0.1:$(PORT + 1)/
#   make test    set up, build every flavour, run every test; ends with "N passed, M failed"
#   make fuzz    the fuzz targets for FUZZ_SECONDS each (default 300)
#   make bench   speed and memory figures
PORT ?= 8080

.PHONY: run test bench fuzz setup native wasm desktop clean

run:
	@tools/setup.sh --web
	@tools/build.sh wasm-app
	@node tools/serve.mjs build/wasm/web --port $(PORT) --demo-port $(shell expr $(PORT) + 1)

test:
	@tools/test.sh

setup:
	@tools/setup.sh

native: setup
	@tools/build.sh native

wasm: setup
	@tools/build.sh wasm

# The desktop app (GLFW + OpenGL 3.3). Needs a display; on a headless machine: xvfb-run make desktop
desktop: native
	@build/native/bin/smp-designer

clean:
	rm -rf build

# Fuzzing for longer than `make test` does: FUZZ_SECONDS per target (default 300). What it finds
# stays in build/fuzz/corpus/; inputs that fail land in build/fuzz/crashes/ (tests/fuzz/README.md).
fuzz: setup
	@tools/build.sh sanitize
	@tools/fuzz.sh --seconds $(or $(FUZZ_SECONDS),300)

# Engine benchmark: medians and quality figures, against poisson-disk-sampling on the same fields.
bench: setup
	@tools/build.sh native wasm
	@node tools/bench.mjs --runs $(or $(RUNS),3)
