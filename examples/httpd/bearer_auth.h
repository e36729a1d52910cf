/* The caller of a request, from its "Authorization: Bearer <token>" header. */
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

#endif
