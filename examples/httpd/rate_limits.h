/* The endpoints rate-limited per client address (API.md, "Hosts: the same everywhere") and the
 * check routes.c makes before running one. The rules (which address counts, the window, the
 * answer) are the library's (libstore/rate_limits.h); this host only knows which route is
 * which action and reports the connection's peer address and X-Forwarded-For. */
#ifndef STORE_HTTPD_RATE_LIMITS_H
#define STORE_HTTPD_RATE_LIMITS_H

#include <libstore/store.h>

#include <stdbool.h>

#include "http_reply.h"
#include "http_request.h"

/* The library's action for the route `method` `pattern` ("login" for POST /auth/login), or
 * NULL when the route is not rate-limited. */
const char *rate_limits_action(const char *method, const char *pattern);

/* For a rate-limited route, counts the request: true when it may run; false with `reply` set
 * (429 with Retry-After over the limit, or the error the count failed with, such as 503). Other
 * routes: always true. */
bool rate_limits_admit(const char *method, const char *pattern, http_request_t *request,
                       store_t *store, http_reply_t *reply);

#endif
