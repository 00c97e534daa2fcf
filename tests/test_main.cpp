// doctest's main for every test binary, native and WebAssembly alike.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
