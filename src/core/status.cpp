#include "core/status.h"

namespace smp {

const char* StatusCodeName(StatusCode code) {
    switch (code) {
        case StatusCode::kOk: return "ok";
        case StatusCode::kInvalidArgument: return "invalid_argument";
        case StatusCode::kParseError: return "parse_error";
        case StatusCode::kUnsupported: return "unsupported";
        case StatusCode::kLimitExceeded: return "limit_exceeded";
        case StatusCode::kIoError: return "io_error";
    }
    return "unknown";
}

}  // namespace smp
