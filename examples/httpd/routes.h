/* The routing table: API.md's method and path patterns, and what answers when none matches. */
#ifndef STORE_HTTPD_ROUTES_H
#define STORE_HTTPD_ROUTES_H

#include <libstore/store.h>

#include "http_request.h"

/* Answers `request`: runs the endpoint its method and path name (filling request->params), or
 * fills `reply` with 404 (no such path), 405 (path known, method not; with Allow), or the
 * answer to OPTIONS. HEAD is GET without the body (MHD leaves the body out). */
void routes_dispatch(http_request_t *request, store_t *store, http_reply_t *reply);

#endif
