// The one exception type the core throws for expected failures. Every surface (C ABI, Python,
// HTTP) maps ErrorCode to its own form, so the code chosen here decides what a user sees.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/value.hpp"

namespace libstore {

enum class ErrorCode {
    invalid_argument,
    unauthenticated,
    forbidden,
    not_found,
    conflict,
    rate_limited,
    unavailable,
    too_large,
    internal,
};

// The API's machine-readable name of a code ("invalid_argument", ..., "payload_too_large").
const char *error_code_name(ErrorCode code);

class Error : public std::runtime_error {
  public:
    Error(ErrorCode code, std::string field, const std::string &message,
          std::int32_t retry_after_seconds = 0)
        : std::runtime_error(message),
          code_(code),
          field_(std::move(field)),
          retry_after_seconds_(retry_after_seconds) {}

    ErrorCode code() const noexcept { return code_; }
    // The input field at fault, or empty when the error is not about one field.
    const std::string &field() const noexcept { return field_; }
    std::int32_t retry_after_seconds() const noexcept { return retry_after_seconds_; }

    // What the error is about, item by item, when one message cannot say it (a checkout refused
    // for several cart lines: [{product_id, variant_id, problem, available_quantity}]); null
    // when there is nothing more than the message. Shared, so copying the exception (as a
    // throw may) cannot fail.
    const Value &details() const noexcept {
        static const Value none;
        return details_ ? *details_ : none;
    }
    Error &with_details(Value details) {
        details_ = std::make_shared<const Value>(std::move(details));
        return *this;
    }

  private:
    ErrorCode code_;
    std::string field_;
    std::int32_t retry_after_seconds_;
    std::shared_ptr<const Value> details_;
};

[[noreturn]] inline void throw_invalid(std::string field, const std::string &message) {
    throw Error(ErrorCode::invalid_argument, std::move(field), message);
}

[[noreturn]] inline void throw_not_found(const std::string &message) {
    throw Error(ErrorCode::not_found, "", message);
}

[[noreturn]] inline void throw_conflict(std::string field, const std::string &message) {
    throw Error(ErrorCode::conflict, std::move(field), message);
}

[[noreturn]] inline void throw_forbidden(const std::string &message) {
    throw Error(ErrorCode::forbidden, "", message);
}

[[noreturn]] inline void throw_unauthenticated(const std::string &message) {
    throw Error(ErrorCode::unauthenticated, "", message);
}

}  // namespace libstore
