#include "ui/numbers_text.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

TEST_CASE("Thousands groups digits in threes, the sign kept apart") {
    CHECK(smp::Thousands(0) == "0");
    CHECK(smp::Thousands(999) == "999");
    CHECK(smp::Thousands(1000) == "1,000");
    CHECK(smp::Thousands(25258) == "25,258");
    CHECK(smp::Thousands(-123456) == "-123,456");
    CHECK(smp::Thousands(1234567) == "1,234,567");
}

TEST_CASE("AboutDuration: minutes to the nearest 5 under an hour, quarter hours above, never a false zero") {
    CHECK(smp::AboutDuration(1.0) == "about 5 min");
    CHECK(smp::AboutDuration(44.0) == "about 45 min");
    CHECK(smp::AboutDuration(57.4) == "about 55 min");
    CHECK(smp::AboutDuration(59.0) == "about 1 h");
    CHECK(smp::AboutDuration(103.7) == "about 1 h 45 min");   // Norwood IV: 311 min over 3 sessions
    CHECK(smp::AboutDuration(120.3) == "about 2 h");          // Norwood VI: 361 min over 3
    CHECK(smp::AboutDuration(127.0) == "about 2 h");
    CHECK(smp::AboutDuration(128.0) == "about 2 h 15 min");
    CHECK(smp::AboutDuration(0.0) == "");
    CHECK(smp::AboutDuration(-3.0) == "");
    CHECK(smp::AboutDuration(std::nan("")) == "");
    CHECK(smp::AboutDuration(std::numeric_limits<double>::infinity()) == "");
}
