#include "capi/error_guard.hpp"

#include <cstdio>
#include <cstring>
#include <string>

#include "adapters/json/json_codec.hpp"

namespace libstore::capi {

store_status_t to_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument:
            return STORE_EINVAL;
        case ErrorCode::unauthenticated:
            return STORE_EUNAUTHENTICATED;
        case ErrorCode::forbidden:
            return STORE_EFORBIDDEN;
        case ErrorCode::not_found:
            return STORE_ENOTFOUND;
        case ErrorCode::conflict:
            return STORE_ECONFLICT;
        case ErrorCode::rate_limited:
            return STORE_ERATELIMITED;
        case ErrorCode::unavailable:
            return STORE_EUNAVAILABLE;
        case ErrorCode::too_large:
            return STORE_ETOOLARGE;
        case ErrorCode::internal:
            return STORE_EINTERNAL;
    }
    return STORE_EINTERNAL;
}

namespace {

// Copies at most size - 1 bytes, never splitting a UTF-8 sequence, and terminates.
void copy_truncated(char *destination, std::size_t size, const char *source) {
    std::size_t length = std::strlen(source);
    if (length >= size) {
        length = size - 1;
        while (length > 0 && (static_cast<unsigned char>(source[length]) & 0xC0) == 0x80) {
            --length;
        }
    }
    std::memcpy(destination, source, length);
    destination[length] = '\0';
}

}  // namespace

store_status_t report(store_error_t *error, store_status_t code, const char *field,
                      const char *message, int retry_after_seconds) {
    if (error != nullptr) {
        error->code = code;
        copy_truncated(error->field, sizeof error->field, field);
        copy_truncated(error->message, sizeof error->message, message);
        error->retry_after_seconds = retry_after_seconds;
    }
    return code;
}

store_status_t report_current_exception(store_error_t *error) noexcept {
    return report_current_exception(error, nullptr);
}

namespace {

// The JSON of the exception being handled, as store_error_t shows it plus its details.
char *current_exception_json(store_status_t status, const char *field, const char *message) {
    Value shown = Value::object();
    shown.set("code", store_status_name(status))
        .set("message", message)
        .set("field", field[0] != '\0' ? Value(field) : Value());
    try {
        throw;
    } catch (const Error &e) {
        if (!e.details().is_null()) {
            shown.set("details", e.details());
        }
    } catch (...) {
    }
    return json::serialize_for_caller(shown);
}

}  // namespace

store_status_t report_current_exception(store_error_t *error, char **out_error_json) noexcept {
    std::string field, message;
    store_status_t status = STORE_EINTERNAL;
    int retry_after_seconds = 0;
    try {
        try {
            throw;
        } catch (const Error &e) {
            status = to_status(e.code());
            field = e.field();
            message = e.what();
            retry_after_seconds = e.retry_after_seconds();
        } catch (const std::bad_alloc &) {
            message = "out of memory";
        } catch (const std::exception &e) {
            message = e.what();
        } catch (...) {
            message = "unknown internal error";
        }
    } catch (const std::bad_alloc &) {  // copying the texts
        return report(error, STORE_EINTERNAL, "", "out of memory");
    }
    if (out_error_json != nullptr) {
        try {
            *out_error_json = current_exception_json(status, field.c_str(), message.c_str());
        } catch (...) {
            *out_error_json = nullptr;
        }
    }
    return report(error, status, field.c_str(), message.c_str(), retry_after_seconds);
}

}  // namespace libstore::capi
