/* The shapes every endpoint takes: authenticate, read the body or query, make ONE store_* call,
 * map its result. An endpoint handler names its store function and its success status; nothing
 * else happens in the host. Each follows the order of the Flask host's routes (the session is
 * checked before the body is read), so both hosts answer a bad request with the same error. */
#ifndef STORE_HTTPD_CALL_PATTERNS_H
#define STORE_HTTPD_CALL_PATTERNS_H

#include <libstore/store.h>

#include "http_request.h"

typedef store_status_t (*session_call_fn)(store_session_t *, store_error_t *);
typedef store_status_t (*session_id_call_fn)(store_session_t *, const char *, store_error_t *);
typedef store_status_t (*session_get_fn)(char **, store_session_t *, store_error_t *);
typedef store_status_t (*session_text_fn)(char **, store_session_t *, const char *,
                                          store_error_t *);
typedef store_status_t (*session_id_text_fn)(char **, store_session_t *, const char *, const char *,
                                             store_error_t *);
typedef store_status_t (*session_id_pair_call_fn)(store_session_t *, const char *, const char *,
                                                  store_error_t *);
typedef store_status_t (*session_id_pair_text_fn)(char **, store_session_t *, const char *,
                                                  const char *, const char *, store_error_t *);
typedef store_status_t (*store_text_fn)(char **, store_t *, const char *, store_error_t *);
typedef store_status_t (*store_body_fn)(store_t *, const char *, store_error_t *);

/* call(session) -> 204. */
void session_call_no_content(http_request_t *request, store_t *store, http_reply_t *reply,
                             session_call_fn call);

/* call(session, params[0]) -> 204. */
void session_id_call_no_content(http_request_t *request, store_t *store, http_reply_t *reply,
                                session_id_call_fn call);

/* call(&json, session) -> 200. */
void session_call(http_request_t *request, store_t *store, http_reply_t *reply,
                  session_get_fn call);

/* call(&json, session, params[0]) -> 200. */
void session_id_call(http_request_t *request, store_t *store, http_reply_t *reply,
                     session_text_fn call);

/* call(&json, session, body) -> success_status. */
void session_body_call(http_request_t *request, store_t *store, http_reply_t *reply,
                       session_text_fn call, unsigned int success_status);

/* call(&json, session, params[0], body) -> 200. */
void session_id_body_call(http_request_t *request, store_t *store, http_reply_t *reply,
                          session_id_text_fn call);

/* call(&json, session, params[0], body) -> success_status. */
void session_id_body_call_status(http_request_t *request, store_t *store, http_reply_t *reply,
                                 session_id_text_fn call, unsigned int success_status);

/* call(&json, session, params[0], params[1], body) -> 200. */
void session_id_pair_body_call(http_request_t *request, store_t *store, http_reply_t *reply,
                               session_id_pair_text_fn call);

/* call(session, params[0], params[1]) -> 204. */
void session_id_pair_call_no_content(http_request_t *request, store_t *store, http_reply_t *reply,
                                     session_id_pair_call_fn call);

/* call(&json, session, <first path parameter>, <query string as JSON>, &error) -> 200. */
void session_id_query_call(http_request_t *request, store_t *store, http_reply_t *reply,
                           session_id_text_fn call);
/* call(&json, session, query) -> 200. */
void session_query_call(http_request_t *request, store_t *store, http_reply_t *reply,
                        session_text_fn call);

/* call(&json, store, body) -> success_status; no session. */
void anonymous_body_call(http_request_t *request, store_t *store, http_reply_t *reply,
                         store_text_fn call, unsigned int success_status);

/* call(store, body) -> 204; no session. */
void anonymous_body_call_no_content(http_request_t *request, store_t *store, http_reply_t *reply,
                                    store_body_fn call);

/* call(store, body) -> 202 {} (taken; what follows, mail, happens elsewhere); no session. */
void anonymous_body_call_accepted(http_request_t *request, store_t *store, http_reply_t *reply,
                                  store_body_fn call);

/* call(session) -> 202 {}. */
void session_call_accepted(http_request_t *request, store_t *store, http_reply_t *reply,
                           session_call_fn call);

/* call(&json, store, query) -> 200; no session. */
void anonymous_query_call(http_request_t *request, store_t *store, http_reply_t *reply,
                          store_text_fn call);

/* call(&json, store, params[0]) -> 200; no session. */
void anonymous_id_call(http_request_t *request, store_t *store, http_reply_t *reply,
                       store_text_fn call);

#endif
