/* Collecting a request body from MHD's upload callbacks, capped at the API's 1 MiB (or the
 * route's own limit: 5 MiB for an image upload). */
#ifndef STORE_HTTPD_REQUEST_BODY_H
#define STORE_HTTPD_REQUEST_BODY_H

#include <stdbool.h>
#include <stddef.h>

#include "http_reply.h"

#define REQUEST_BODY_MAX_BYTES (1024 * 1024)
/* POST /products/{id}/images: the body is the image itself. */
#define REQUEST_BODY_IMAGE_MAX_BYTES (5 * 1024 * 1024)

typedef struct request_body {
    char *data; /* NUL-terminated once complete */
    size_t length;
    size_t capacity;
    size_t limit;   /* bytes the route takes; 0 is REQUEST_BODY_MAX_BYTES */
    bool too_large; /* more than `limit` arrived; the excess was dropped */
} request_body_t;

/* Appends a chunk. Past the cap the rest is read and dropped, so the client still receives the
 * 413 instead of a reset connection. Returns -1 when out of memory. */
int request_body_append(request_body_t *body, const char *chunk, size_t size);

/* The body as the JSON object text a store_* call takes, or NULL with `reply` set to the API's
 * 400 or 413. Checks only what makes it a request body (size, valid JSON, an object) — the
 * library validates the content, as the Flask host's json_body() leaves it to the library. */
const char *request_body_json_object(request_body_t *body, http_reply_t *reply);

/* The body as raw bytes (NULL with *length 0 when empty), or NULL with `reply` set to the 413
 * when it was over its limit; `*ok` tells the two NULLs apart. */
const char *request_body_bytes(request_body_t *body, size_t *length, bool *ok, http_reply_t *reply);

void request_body_free(request_body_t *body);

#endif
