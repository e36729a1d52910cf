/* The caller of a request, from its "Authorization: Bearer <token>" header (or, on cart routes,
 * its "X-Cart-Token" header). */
#ifndef STORE_HTTPD_BEARER_AUTH_H
#define STORE_HTTPD_BEARER_AUTH_H

#include <libstore/store.h>

#include "http_request.h"

/* A session for the request's token, or NULL with `reply` set to 401 (no or malformed header,
 * or whatever store_session_open() refuses). Free it with store_session_free(). */
store_session_t *bearer_require_session(const http_request_t *request, store_t *store,
                                        http_reply_t *reply);

/* Like bearer_require_session(), but a request without an Authorization header is anonymous:
 * returns 0 with *out_session NULL. Returns -1 with `reply` set when a header is there but
 * refused. */
int bearer_optional_session(store_session_t **out_session, const http_request_t *request,
                            store_t *store, http_reply_t *reply);

/* The caller of a cart route: the bearer token's user when there is an Authorization header
 * (it wins over X-Cart-Token), else the guest of the "X-Cart-Token" header (see
 * store_guest_session_open()). NULL with `reply` set to 401 when neither is there or the one
 * used is refused. Free it with store_session_free(). */
store_session_t *cart_session_require(const http_request_t *request, store_t *store,
                                      http_reply_t *reply);

#endif
