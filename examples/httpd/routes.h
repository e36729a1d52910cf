/* The routing table: API.md's method and path patterns, and what answers when none matches. */
#ifndef STORE_HTTPD_ROUTES_H
#define STORE_HTTPD_ROUTES_H

#include <libstore/store.h>

#include <stddef.h>

#include "http_request.h"

/* Room for every method list routes.c writes, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS". */
#define ROUTES_METHODS_SIZE 64

/* Answers `request`: runs the endpoint its method and path name (filling request->params), or
 * fills `reply` with 404 (no such path), 405 (path known, method not; with Allow), or the plain
 * answer to OPTIONS (204 with Allow; a CORS preflight is cors_policy.c's). HEAD is GET without
 * the body (MHD leaves the body out). */
void routes_dispatch(http_request_t *request, store_t *store, http_reply_t *reply);

/* How many body bytes a request of `method` to `path` may send: REQUEST_BODY_MAX_BYTES, more
 * for the routes that take files. Known from the request line, before the body arrives. */
size_t routes_body_limit(const char *method, const char *path);

/* The methods `path` has, in the fixed order GET, POST, PUT, PATCH, DELETE joined by ", "
 * ("GET, PATCH, DELETE" for /products/{id}), as Allow and Access-Control-Allow-Methods list
 * them; "" when the path is no route. */
void routes_path_methods(const char *path, char out[ROUTES_METHODS_SIZE]);

#endif
