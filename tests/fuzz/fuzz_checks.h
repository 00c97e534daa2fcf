// Shared by the fuzz targets: an invariant that, broken, stops the run like a crash does, so
// libFuzzer keeps the input that broke it (tools/fuzz.sh, tests/fuzz/README.md).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

// The message is built only when the invariant is broken: fuzzing runs it millions of times.
#define FUZZ_REQUIRE(condition, message)                                                    \
    do {                                                                                    \
        if (!(condition)) {                                                                 \
            std::fprintf(stderr, "fuzz invariant broken: %s\n", std::string(message).c_str()); \
            std::abort();                                                                   \
        }                                                                                   \
    } while (0)
