#include "libstore/errors.h"

extern "C" {

const char *store_status_name(store_status_t status) {
    switch (status) {
        case STORE_OK:
            return "ok";
        case STORE_EINVAL:
            return "invalid_argument";
        case STORE_EUNAUTHENTICATED:
            return "unauthenticated";
        case STORE_EFORBIDDEN:
            return "forbidden";
        case STORE_ENOTFOUND:
            return "not_found";
        case STORE_ECONFLICT:
            return "conflict";
        case STORE_ERATELIMITED:
            return "rate_limited";
        case STORE_EUNAVAILABLE:
            return "unavailable";
        case STORE_ETOOLARGE:
            return "payload_too_large";
        case STORE_EINTERNAL:
            return "internal";
    }
    return "internal";
}

int store_status_http_code(store_status_t status) {
    switch (status) {
        case STORE_OK:
            return 200;
        case STORE_EINVAL:
            return 400;
        case STORE_EUNAUTHENTICATED:
            return 401;
        case STORE_EFORBIDDEN:
            return 403;
        case STORE_ENOTFOUND:
            return 404;
        case STORE_ECONFLICT:
            return 409;
        case STORE_ERATELIMITED:
            return 429;
        case STORE_EUNAVAILABLE:
            return 503;
        case STORE_ETOOLARGE:
            return 413;
        case STORE_EINTERNAL:
            return 500;
    }
    return 500;
}

}  // extern "C"
