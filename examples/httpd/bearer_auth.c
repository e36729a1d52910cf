#define _POSIX_C_SOURCE 200809L /* strndup, strncasecmp */

#include "bearer_auth.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Python's str.strip() of ASCII whitespace, as the Flask host trims the token. */
static int is_space(char c) {
    return c != '\0' && strchr(" \t\n\r\v\f", c) != NULL;
}

/* The token of "Bearer <token>": split at the first space, then trimmed. NULL when the header
 * is not of that form. Returns a malloc'd copy. */
static char *bearer_token(const char *header) {
    const char *space = strchr(header, ' ');
    if (space == NULL || (size_t)(space - header) != 6 || strncasecmp(header, "bearer", 6) != 0) {
        return NULL;
    }
    const char *start = space + 1;
    const char *end = start + strlen(start);
    while (start < end && is_space(*start)) {
        ++start;
    }
    while (end > start && is_space(end[-1])) {
        --end;
    }
    return end > start ? strndup(start, (size_t)(end - start)) : NULL;
}

static store_session_t *open_session(const char *header, store_t *store, http_reply_t *reply) {
    char *token = bearer_token(header);
    if (token == NULL) {
        reply_error(reply, 401, "unauthenticated",
                    "Authorization header must be 'Bearer <access_token>'", NULL);
        return NULL;
    }
    store_session_t *session = NULL;
    store_error_t error;
    store_status_t status = store_session_open(&session, store, token, &error);
    free(token);
    if (status != STORE_OK) {
        reply_store_error(reply, status, &error);
        return NULL;
    }
    return session;
}

store_session_t *bearer_require_session(const http_request_t *request, store_t *store,
                                        http_reply_t *reply) {
    const char *header = http_request_header(request, "Authorization");
    if (header == NULL) {
        reply_error(reply, 401, "unauthenticated",
                    "authentication required: send 'Authorization: Bearer <token>'", NULL);
        return NULL;
    }
    return open_session(header, store, reply);
}

int bearer_optional_session(store_session_t **out_session, const http_request_t *request,
                            store_t *store, http_reply_t *reply) {
    *out_session = NULL;
    const char *header = http_request_header(request, "Authorization");
    if (header == NULL) {
        return 0;
    }
    *out_session = open_session(header, store, reply);
    return *out_session != NULL ? 0 : -1;
}

store_session_t *cart_session_require(const http_request_t *request, store_t *store,
                                      http_reply_t *reply) {
    if (http_request_header(request, "Authorization") != NULL) {
        return bearer_require_session(request, store, reply);
    }
    const char *cart_token = http_request_header(request, "X-Cart-Token");
    if (cart_token == NULL) {
        reply_error(reply, 401, "unauthenticated",
                    "authentication required: send 'Authorization: Bearer <token>' or "
                    "'X-Cart-Token: <cart_token>'",
                    NULL);
        return NULL;
    }
    store_session_t *session = NULL;
    store_error_t error;
    store_status_t status = store_guest_session_open(&session, store, cart_token, &error);
    if (status != STORE_OK) {
        reply_store_error(reply, status, &error);
        return NULL;
    }
    return session;
}
