#include "core/error.hpp"

namespace libstore {

const char *error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument:
            return "invalid_argument";
        case ErrorCode::unauthenticated:
            return "unauthenticated";
        case ErrorCode::forbidden:
            return "forbidden";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::conflict:
            return "conflict";
        case ErrorCode::rate_limited:
            return "rate_limited";
        case ErrorCode::unavailable:
            return "unavailable";
        case ErrorCode::too_large:
            return "payload_too_large";
        case ErrorCode::internal:
            return "internal";
    }
    return "internal";
}

}  // namespace libstore
