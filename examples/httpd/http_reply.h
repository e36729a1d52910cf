/* What a handler answers, before it becomes an MHD response: a status, an optional JSON body and
 * the few headers the API uses. Keeping it apart from MHD lets every handler stay a plain
 * function of (request, store). */
#ifndef STORE_HTTPD_HTTP_REPLY_H
#define STORE_HTTPD_HTTP_REPLY_H

#include <libstore/store.h>

#include <stddef.h>

typedef struct http_reply {
    unsigned int status;
    char *body; /* malloc'd JSON, or NULL for an empty body */
    size_t body_length;
    char allow[64];  /* "Allow" header value, or "" */
    int retry_after; /* > 0: a "Retry-After" header */
} http_reply_t;

/* `status` with a copy of `json` as the body. */
void reply_json(http_reply_t *reply, unsigned int status, const char *json);

/* `status` with the library's JSON as the body. Takes `json` (from a store_* call) and releases
 * it with store_free(). */
void reply_store_json(http_reply_t *reply, unsigned int status, char *json);

/* 204, no body. */
void reply_no_content(http_reply_t *reply);

/* The API's error body {"error": {"code", "message", "field"}}; a NULL or empty field is null. */
void reply_error(http_reply_t *reply, unsigned int status, const char *code, const char *message,
                 const char *field);

/* A failed store_* call: status and code from the library (store_status_http_code(),
 * store_status_name()), plus Retry-After when it says how long to wait. */
void reply_store_error(http_reply_t *reply, store_status_t status, const store_error_t *error);

/* The usual tail of a handler: `success_status` with `json` when `status` is STORE_OK, else the
 * error. Takes `json` either way. */
void reply_store_result(http_reply_t *reply, store_status_t status, const store_error_t *error,
                        unsigned int success_status, char *json);

/* Like reply_store_result() for calls that return no document: 204 on success. */
void reply_store_done(http_reply_t *reply, store_status_t status, const store_error_t *error);

void http_reply_free(http_reply_t *reply);

#endif
