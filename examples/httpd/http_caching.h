/* The caching rules of http-headers.md: an anonymous GET of a catalog read answered 200 carries
 * a strong ETag (the SHA-256 of its body), Cache-Control: public, max-age=N and
 * Vary: Authorization, and is a bodiless 304 when If-None-Match names that tag; every other
 * answer carries Cache-Control: no-store, unless its endpoint chose its own (images). */
#ifndef STORE_HTTPD_HTTP_CACHING_H
#define STORE_HTTPD_HTTP_CACHING_H

#include <stdbool.h>

#include "http_request.h"

/* Whether the request's If-None-Match names `etag` (quoted), by the weak comparison. */
bool http_caching_client_holds(const http_request_t *request, const char *etag);

/* Adds the caching headers to the finished `reply` to `request`, and turns it into the 304 when
 * the client already holds this answer. `max_age` is LIBSTORE_CACHE_MAX_AGE (host_config.h). */
void http_caching_apply(const http_request_t *request, long max_age, http_reply_t *reply);

#endif
