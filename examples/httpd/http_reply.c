#define _DEFAULT_SOURCE /* strdup, strcasecmp */

#include "http_reply.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8_text.h"

static const char internal_error_body[] =
    "{\"error\":{\"code\":\"internal\",\"message\":\"internal error\",\"field\":null}}";

static void set_body(http_reply_t *reply, const char *json, size_t length) {
    /* A trailing newline, as Flask's jsonify() writes, so both hosts send the same bytes. */
    reply->body = malloc(length + 2);
    if (reply->body == NULL) {
        reply->status = 500;
        reply->body_length = 0;
        return;
    }
    memcpy(reply->body, json, length);
    reply->body[length] = '\n';
    reply->body[length + 1] = '\0';
    reply->body_length = length + 1;
}

void reply_json(http_reply_t *reply, unsigned int status, const char *json) {
    reply->status = status;
    set_body(reply, json, strlen(json));
}

void reply_store_json(http_reply_t *reply, unsigned int status, char *json) {
    if (json != NULL) {
        reply_json(reply, status, json);
    } else {
        reply->status = status;
    }
    store_free(json);
}

void reply_bytes(http_reply_t *reply, unsigned int status, const void *bytes, size_t length) {
    reply->status = status;
    reply->body = malloc(length > 0 ? length : 1);
    if (reply->body == NULL) {
        reply->status = 500;
        reply->body_length = 0;
        return;
    }
    memcpy(reply->body, bytes, length);
    reply->body_length = length;
}

void reply_no_content(http_reply_t *reply) {
    reply->status = 204;
}

/* The index of header `name`, or header_count when it is not set. */
static size_t find_header(const http_reply_t *reply, const char *name) {
    size_t i = 0;
    while (i < reply->header_count && strcasecmp(reply->headers[i].name, name) != 0) {
        ++i;
    }
    return i;
}

/* Whatever the reply said, a half-built answer must not go out as if it were whole. */
static void fail_reply(http_reply_t *reply) {
    reply_drop_body(reply);
    reply->status = 500;
}

/* Takes `value` (malloc'd, or NULL when the copy failed). */
static void put_header(http_reply_t *reply, const char *name, char *value) {
    if (value == NULL) {
        fail_reply(reply);
        return;
    }
    size_t index = find_header(reply, name);
    if (index < reply->header_count) {
        free(reply->headers[index].value);
    } else if (index < HTTP_REPLY_MAX_HEADERS) {
        reply->headers[index].name = name;
        ++reply->header_count;
    } else {
        /* More headers than HTTP_REPLY_MAX_HEADERS is a bug of the host: a 500 shows it. */
        free(value);
        fail_reply(reply);
        return;
    }
    reply->headers[index].value = value;
}

void reply_set_header(http_reply_t *reply, const char *name, const char *value) {
    put_header(reply, name, strdup(value));
}

void reply_append_header(http_reply_t *reply, const char *name, const char *token) {
    const char *current = reply_header(reply, name);
    if (current == NULL) {
        reply_set_header(reply, name, token);
        return;
    }
    size_t size = strlen(current) + strlen(token) + 3;
    char *joined = malloc(size);
    if (joined != NULL) {
        snprintf(joined, size, "%s, %s", current, token);
    }
    put_header(reply, name, joined);
}

const char *reply_header(const http_reply_t *reply, const char *name) {
    size_t index = find_header(reply, name);
    return index < reply->header_count ? reply->headers[index].value : NULL;
}

void reply_drop_body(http_reply_t *reply) {
    free(reply->body);
    reply->body = NULL;
    reply->body_length = 0;
}

void reply_error(http_reply_t *reply, unsigned int status, const char *code, const char *message,
                 const char *field) {
    reply->status = status;
    /* Messages and fields can echo request text (a query parameter's name); jansson takes only
     * UTF-8. */
    char *safe_message = utf8_text_repaired(message, strlen(message), NULL);
    char *safe_field =
        field != NULL && field[0] != '\0' ? utf8_text_repaired(field, strlen(field), NULL) : NULL;
    json_t *body = NULL;
    if (safe_message != NULL && (safe_field != NULL || field == NULL || field[0] == '\0')) {
        body = json_pack("{s:{s:s, s:s, s:s?}}", "error", "code", code, "message", safe_message,
                         "field", safe_field);
    }
    free(safe_message);
    free(safe_field);
    char *text = body != NULL ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    if (text != NULL) {
        set_body(reply, text, strlen(text));
        free(text);
    } else {
        reply->status = 500;
        set_body(reply, internal_error_body, sizeof internal_error_body - 1);
    }
}

static void set_retry_after(http_reply_t *reply, store_status_t status,
                            const store_error_t *error) {
    if (status == STORE_ERATELIMITED && error->retry_after_seconds > 0) {
        char seconds[16];
        snprintf(seconds, sizeof seconds, "%d", error->retry_after_seconds);
        reply_set_header(reply, "Retry-After", seconds);
    }
}

void reply_store_error(http_reply_t *reply, store_status_t status, const store_error_t *error) {
    reply_error(reply, (unsigned int)store_status_http_code(status), store_status_name(status),
                error->message, error->field);
    set_retry_after(reply, status, error);
}

void reply_store_error_json(http_reply_t *reply, store_status_t status, const store_error_t *error,
                            const char *error_json) {
    json_t *shown = error_json != NULL ? json_loads(error_json, 0, NULL) : NULL;
    json_t *body = shown != NULL ? json_pack("{s:o}", "error", shown) : NULL;
    char *text = body != NULL ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    if (text == NULL) {
        reply_store_error(reply, status, error);
        return;
    }
    reply->status = (unsigned int)store_status_http_code(status);
    set_body(reply, text, strlen(text));
    free(text);
    set_retry_after(reply, status, error);
}

void reply_store_result(http_reply_t *reply, store_status_t status, const store_error_t *error,
                        unsigned int success_status, char *json) {
    if (status == STORE_OK) {
        reply_store_json(reply, success_status, json);
    } else {
        store_free(json);
        reply_store_error(reply, status, error);
    }
}

void reply_store_done(http_reply_t *reply, store_status_t status, const store_error_t *error) {
    if (status == STORE_OK) {
        reply_no_content(reply);
    } else {
        reply_store_error(reply, status, error);
    }
}

void http_reply_free(http_reply_t *reply) {
    reply_drop_body(reply);
    for (size_t i = 0; i < reply->header_count; ++i) {
        free(reply->headers[i].value);
        reply->headers[i].value = NULL;
    }
    reply->header_count = 0;
}
