// smp core: errors as values.
//
// Every fallible core function returns a Status or an Expected<T>; nothing throws across the core's
// boundary. A Status carries a machine-checkable code and a human message that names the problem
// ("density.layers[0].cell_mm must be > 0, got -2"), so the UI and the CLI can show it as it is.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace smp {

enum class StatusCode {
    kOk = 0,
    kInvalidArgument,   // a value out of range or of the wrong type
    kParseError,        // text that is not what it claims to be (not JSON, bad link)
    kUnsupported,       // a version or kind this build does not know (e.g. from the future)
    kLimitExceeded,     // over an explicit resource limit (file size, dot count, grid cells)
    kIoError,           // the file system or the platform refused
};

// Short stable name of a code, for messages and tests ("invalid_argument").
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
public:
    Status() = default;
    Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
    static Status Ok() { return {}; }

    bool ok() const { return code_ == StatusCode::kOk; }
    StatusCode code() const { return code_; }
    const std::string& message() const { return message_; }

private:
    StatusCode code_ = StatusCode::kOk;
    std::string message_;
};

// A value or the Status that explains why there is none. Never holds an OK status without a value.
template <typename T>
class [[nodiscard]] Expected {
public:
    Expected(T value) : state_(std::move(value)) {}
    Expected(Status error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    // Programmer errors (asking for the value of an error) are caught by the variant's own check.
    const T& value() const& { return std::get<T>(state_); }
    T& value() & { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

private:
    std::variant<T, Status> state_;
};

}  // namespace smp
