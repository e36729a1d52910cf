/* http_request_query_json(): the URL's arguments as a JSON object of strings. */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_request.h"
#include "utf8_text.h"

typedef struct query_builder {
    json_t *query;
    json_t *repeated;     /* names given more than once, as keys */
    const char *nul_name; /* first name whose key or value holds a NUL byte */
    bool failed;
} query_builder_t;

static enum MHD_Result add_argument(void *context, enum MHD_ValueKind kind, const char *key,
                                    size_t key_size, const char *value, size_t value_size) {
    (void)kind;
    query_builder_t *builder = context;
    /* "a=1&&b=2": Werkzeug skips the empty pair between the ampersands; MHD reports it. */
    if (key_size == 0 && value == NULL) {
        return MHD_YES;
    }
    if (value == NULL) { /* "?flag" is the empty string, as in Werkzeug */
        value = "";
        value_size = 0;
    }
    char *name = utf8_text_repaired(key, key_size, &key_size);
    char *text = utf8_text_repaired(value, value_size, &value_size);
    json_t *string = text != NULL ? json_stringn(text, value_size) : NULL;
    if (name == NULL || string == NULL) {
        builder->failed = true;
    } else if (memchr(name, '\0', key_size) != NULL || memchr(text, '\0', value_size) != NULL) {
        /* The C ABI's JSON takes no NUL inside a string. */
        if (builder->nul_name == NULL) {
            builder->nul_name = key;
        }
    } else if (json_object_get(builder->query, name) != NULL) {
        builder->failed |= json_object_set(builder->repeated, name, json_true()) != 0;
    } else {
        builder->failed |= json_object_set(builder->query, name, string) != 0;
    }
    json_decref(string);
    free(name);
    free(text);
    return builder->failed ? MHD_NO : MHD_YES;
}

/* 400 naming the parameter, quoted as the Flask host's %r quotes a plain name. */
static void reply_parameter_error(http_reply_t *reply, const char *format, const char *name) {
    char message[256];
    snprintf(message, sizeof message, format, name);
    reply_error(reply, 400, "invalid_argument", message, name);
}

char *http_request_query_json(const http_request_t *request, http_reply_t *reply) {
    query_builder_t builder = {json_object(), json_object(), NULL, false};
    char *text = NULL;
    if (builder.query != NULL && builder.repeated != NULL) {
        MHD_get_connection_values_n(request->connection, MHD_GET_ARGUMENT_KIND, add_argument,
                                    &builder);
    } else {
        builder.failed = true;
    }
    /* The first parameter (in the order they first appear) that came twice, as Flask names it. */
    const char *repeated = NULL;
    const char *name;
    json_t *value;
    if (!builder.failed) {
        json_object_foreach(builder.query, name, value) {
            if (json_object_get(builder.repeated, name) != NULL) {
                repeated = name;
                break;
            }
        }
    }
    if (builder.failed) {
        reply_error(reply, 500, "internal", "out of memory", NULL);
    } else if (repeated != NULL) {
        reply_parameter_error(reply, "query parameter '%s' is given more than once", repeated);
    } else if (builder.nul_name != NULL) {
        reply_parameter_error(reply, "query parameter '%s' contains a NUL character",
                              builder.nul_name);
    } else {
        text = json_dumps(builder.query, JSON_COMPACT);
        if (text == NULL) {
            reply_error(reply, 500, "internal", "out of memory", NULL);
        }
    }
    json_decref(builder.query);
    json_decref(builder.repeated);
    return text;
}
