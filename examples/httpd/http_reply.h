/* What a handler answers, before it becomes an MHD response: a status, an optional JSON body and
 * the few headers the API uses. Keeping it apart from MHD lets every handler stay a plain
 * function of (request, store), and lets the caching and CORS rules add their headers after the
 * endpoint answered. */
#ifndef STORE_HTTPD_HTTP_REPLY_H
#define STORE_HTTPD_HTTP_REPLY_H

#include <libstore/store.h>

#include <stdbool.h>
#include <stddef.h>

/* Content-Type, Allow, Retry-After, ETag, Cache-Control, Vary and five Access-Control-* at most. */
#define HTTP_REPLY_MAX_HEADERS 12

typedef struct http_header {
    const char *name; /* a string literal */
    char *value;      /* malloc'd */
} http_header_t;

typedef struct http_reply {
    unsigned int status;
    char *body; /* malloc'd JSON, or NULL for an empty body */
    size_t body_length;
    const char *content_type; /* of the body; NULL is application/json. Static storage */
    /* The matched route's anonymous GET answers may be cached (routes.c, http_caching.c). */
    bool cacheable_route;
    size_t header_count;
    http_header_t headers[HTTP_REPLY_MAX_HEADERS];
} http_reply_t;

/* `status` with a copy of `json` as the body. */
void reply_json(http_reply_t *reply, unsigned int status, const char *json);

/* `status` with the library's JSON as the body. Takes `json` (from a store_* call) and releases
 * it with store_free(). */
void reply_store_json(http_reply_t *reply, unsigned int status, char *json);

/* `status` with a copy of the `length` bytes at `bytes` as the body, unchanged (no newline). */
void reply_bytes(http_reply_t *reply, unsigned int status, const void *bytes, size_t length);

/* 204, no body. */
void reply_no_content(http_reply_t *reply);

/* Sets header `name` (a string literal) to a copy of `value`, replacing an earlier value. Out
 * of memory, the reply becomes a bodiless 500. */
void reply_set_header(http_reply_t *reply, const char *name, const char *value);

/* Adds `token` to the comma-separated list header `name` ("Vary: Authorization, Origin"). */
void reply_append_header(http_reply_t *reply, const char *name, const char *token);

/* The value of header `name`, or NULL. */
const char *reply_header(const http_reply_t *reply, const char *name);

/* Drops the body (a 304 sends none). */
void reply_drop_body(http_reply_t *reply);

/* The API's error body {"error": {"code", "message", "field"}}; a NULL or empty field is null. */
void reply_error(http_reply_t *reply, unsigned int status, const char *code, const char *message,
                 const char *field);

/* A failed store_* call: status and code from the library (store_status_http_code(),
 * store_status_name()), plus Retry-After when it says how long to wait. */
void reply_store_error(http_reply_t *reply, store_status_t status, const store_error_t *error);

/* reply_store_error() with the error as the library wrote it in JSON (`error_json`, from a
 * *_detailed() call: untruncated, with "details" when it has some); NULL or unreadable falls
 * back to reply_store_error(). */
void reply_store_error_json(http_reply_t *reply, store_status_t status, const store_error_t *error,
                            const char *error_json);

/* The usual tail of a handler: `success_status` with `json` when `status` is STORE_OK, else the
 * error. Takes `json` either way. */
void reply_store_result(http_reply_t *reply, store_status_t status, const store_error_t *error,
                        unsigned int success_status, char *json);

/* Like reply_store_result() for calls that return no document: 204 on success. */
void reply_store_done(http_reply_t *reply, store_status_t status, const store_error_t *error);

/* Releases the body and the headers. */
void http_reply_free(http_reply_t *reply);

#endif
