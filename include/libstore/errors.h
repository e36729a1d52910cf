/* libstore — status codes and error details.
 *
 * Every fallible function returns a store_status_t and takes an optional trailing
 * `store_error_t *error`. Pass NULL when the status is enough; pass a struct you own (on the stack
 * is fine) to learn which input field was wrong and why. Nothing in it needs freeing and the
 * library keeps no per-thread error state:
 *
 *     store_error_t error;
 *     if (store_ping(store, &error) != STORE_OK)
 *         fprintf(stderr, "%s: %s\n", store_status_name(error.code), error.message);
 *
 * store_error_t stays this fixed size for good. An error that names several items one by one
 * (a checkout refused for its cart lines) carries them as JSON, from the *_detailed() variant of
 * the call (store_order_place_detailed()): {"code", "message", "field", "details"}, the message
 * untruncated, allocated for the caller (store_free()), as every other result.
 */
#ifndef LIBSTORE_ERRORS_H
#define LIBSTORE_ERRORS_H

#include <stdint.h>

#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

typedef enum store_status {
    STORE_OK = 0,
    STORE_EINVAL = 1, /* input failed validation; `field` names it (HTTP 400) */
    STORE_EUNAUTHENTICATED =
        2,                  /* missing, invalid, expired or revoked token; bad credentials (401) */
    STORE_EFORBIDDEN = 3,   /* authenticated but not allowed: role, inactive account (403) */
    STORE_ENOTFOUND = 4,    /* no such resource, or one the caller may not see (404) */
    STORE_ECONFLICT = 5,    /* duplicate unique value, insufficient stock, illegal move (409) */
    STORE_ERATELIMITED = 6, /* too many failed logins or requests; see retry_after_seconds (429) */
    STORE_EUNAVAILABLE = 7, /* the database cannot be reached; retrying later may work (503) */
    STORE_ETOOLARGE = 8,    /* an input document is over the size limit (413) */
    STORE_EINTERNAL = 9     /* a bug or resource exhaustion inside libstore (500) */
} store_status_t;

#define STORE_ERROR_FIELD_SIZE 64
#define STORE_ERROR_MESSAGE_SIZE 256

/* Details of a failed call. Strings are NUL-terminated UTF-8, truncated to fit. */
typedef struct store_error {
    store_status_t code;                    /* same value the call returned */
    char field[STORE_ERROR_FIELD_SIZE];     /* offending input field, or "" when none applies */
    char message[STORE_ERROR_MESSAGE_SIZE]; /* human-readable explanation */
    int32_t retry_after_seconds;            /* for STORE_ERATELIMITED: seconds to wait; else 0 */
} store_error_t;

/* The stable machine-readable name of a status, as used in HTTP error bodies:
 * "ok", "invalid_argument", "unauthenticated", "forbidden", "not_found", "conflict",
 * "rate_limited", "unavailable", "payload_too_large", "internal". Static storage. */
STORE_API const char *store_status_name(store_status_t status);

/* The HTTP status code that API.md assigns to a status (200 for STORE_OK). */
STORE_API int store_status_http_code(store_status_t status);

STORE_EXTERN_C_END

#endif /* LIBSTORE_ERRORS_H */
