#include "capi/error_guard.hpp"

#include <cstdio>
#include <cstring>

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
    try {
        throw;
    } catch (const Error &e) {
        return report(error, to_status(e.code()), e.field().c_str(), e.what(),
                      e.retry_after_seconds());
    } catch (const std::bad_alloc &) {
        return report(error, STORE_EINTERNAL, "", "out of memory");
    } catch (const std::exception &e) {
        return report(error, STORE_EINTERNAL, "", e.what());
    } catch (...) {
        return report(error, STORE_EINTERNAL, "", "unknown internal error");
    }
}

}  // namespace libstore::capi
