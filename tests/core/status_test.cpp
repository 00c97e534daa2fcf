#include "core/status.h"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("Status carries a code and a message; default is OK") {
    const smp::Status ok;
    CHECK(ok.ok());
    CHECK(ok.code() == smp::StatusCode::kOk);
    const smp::Status bad(smp::StatusCode::kLimitExceeded, "too many dots");
    CHECK_FALSE(bad.ok());
    CHECK(bad.message() == "too many dots");
    CHECK(std::string(smp::StatusCodeName(bad.code())) == "limit_exceeded");
}

TEST_CASE("Expected holds either a value or the error that explains its absence") {
    const smp::Expected<int> value(42);
    REQUIRE(value.ok());
    CHECK(*value == 42);
    CHECK(value.status().ok());

    const smp::Expected<int> error(smp::Status(smp::StatusCode::kInvalidArgument, "x must be > 0"));
    CHECK_FALSE(error.ok());
    CHECK(error.status().code() == smp::StatusCode::kInvalidArgument);
    CHECK(error.status().message() == "x must be > 0");
}
