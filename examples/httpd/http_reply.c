#include "http_reply.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

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

void reply_no_content(http_reply_t *reply) {
    reply->status = 204;
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

void reply_store_error(http_reply_t *reply, store_status_t status, const store_error_t *error) {
    reply_error(reply, (unsigned int)store_status_http_code(status), store_status_name(status),
                error->message, error->field);
    if (status == STORE_ERATELIMITED && error->retry_after_seconds > 0) {
        reply->retry_after = error->retry_after_seconds;
    }
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
    free(reply->body);
    reply->body = NULL;
    reply->body_length = 0;
}
