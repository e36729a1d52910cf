#include "request_body.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t body_limit(const request_body_t *body) {
    return body->limit != 0 ? body->limit : REQUEST_BODY_MAX_BYTES;
}

static void reply_too_large(const request_body_t *body, http_reply_t *reply) {
    char message[64];
    snprintf(message, sizeof message, "request body is larger than %zu MiB",
             body_limit(body) / (1024 * 1024));
    reply_error(reply, 413, "payload_too_large", message, NULL);
}

int request_body_append(request_body_t *body, const char *chunk, size_t size) {
    if (body->too_large || size > body_limit(body) - body->length) {
        body->too_large = true;
        return 0;
    }
    if (body->length + size + 1 > body->capacity) {
        size_t capacity = body->capacity != 0 ? body->capacity : 4096;
        while (capacity < body->length + size + 1) {
            capacity *= 2;
        }
        char *data = realloc(body->data, capacity);
        if (data == NULL) {
            return -1;
        }
        body->data = data;
        body->capacity = capacity;
    }
    memcpy(body->data + body->length, chunk, size);
    body->length += size;
    body->data[body->length] = '\0';
    return 0;
}

/* Python's bytes.strip() set, so "blank" means what it means to the Flask host. */
static bool is_blank(const char *data, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        if (strchr(" \t\n\r\v\f", data[i]) == NULL || data[i] == '\0') {
            return false;
        }
    }
    return true;
}

const char *request_body_json_object(request_body_t *body, http_reply_t *reply) {
    if (body->too_large) {
        reply_too_large(body, reply);
        return NULL;
    }
    if (body->data == NULL || is_blank(body->data, body->length)) {
        reply_error(reply, 400, "invalid_argument", "request body must be a JSON object", NULL);
        return NULL;
    }
    /* Held to the library's own parser (jansson, duplicate keys refused), so a body that passes
     * here is never refused there with an error naming an ABI parameter. And the library takes
     * a C string: a NUL inside would silently cut the document short. */
    bool has_nul = memchr(body->data, '\0', body->length) != NULL;
    json_error_t error = {0};
    json_t *document = has_nul ? NULL
                               : json_loadb(body->data, body->length,
                                            JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &error);
    if (document == NULL) {
        char message[256];
        snprintf(message, sizeof message, "request body is not valid JSON: %s",
                 has_nul ? "NUL byte in input" : error.text);
        reply_error(reply, 400, "invalid_argument", message, NULL);
        return NULL;
    }
    bool is_object = json_is_object(document);
    json_decref(document);
    if (!is_object) {
        reply_error(reply, 400, "invalid_argument", "request body must be a JSON object", NULL);
        return NULL;
    }
    return body->data;
}

const char *request_body_bytes(request_body_t *body, size_t *length, bool *ok,
                               http_reply_t *reply) {
    *length = 0;
    *ok = !body->too_large;
    if (body->too_large) {
        reply_too_large(body, reply);
        return NULL;
    }
    *length = body->length;
    return body->data;
}

void request_body_free(request_body_t *body) {
    free(body->data);
    memset(body, 0, sizeof *body);
}
