#define _POSIX_C_SOURCE 200809L /* strndup */

#include "cors_policy.h"

#include <stdlib.h>
#include <string.h>

#include "comma_list.h"
#include "routes.h"

static int add_origin(cors_policy_t *policy, const char *start, size_t length) {
    if (length == 1 && start[0] == '*') {
        policy->any_origin = true;
        return 0;
    }
    char **origins = realloc(policy->origins, (policy->origin_count + 1) * sizeof *origins);
    if (origins == NULL) {
        return -1;
    }
    policy->origins = origins;
    origins[policy->origin_count] = strndup(start, length);
    if (origins[policy->origin_count] == NULL) {
        return -1;
    }
    ++policy->origin_count;
    return 0;
}

int cors_policy_parse(cors_policy_t *policy, const char *list) {
    memset(policy, 0, sizeof *policy);
    const char *cursor = list, *item;
    size_t length;
    while (comma_list_next(&cursor, &item, &length)) {
        if (length > 0 && add_origin(policy, item, length) != 0) {
            return -1;
        }
    }
    return 0;
}

void cors_policy_free(cors_policy_t *policy) {
    for (size_t i = 0; i < policy->origin_count; ++i) {
        free(policy->origins[i]);
    }
    free(policy->origins);
    memset(policy, 0, sizeof *policy);
}

static bool is_on(const cors_policy_t *policy) {
    return policy->any_origin || policy->origin_count > 0;
}

/* The request's Origin when the policy allows it, else NULL. An empty Origin names no origin. */
static const char *allowed_origin(const cors_policy_t *policy, const http_request_t *request) {
    const char *origin = http_request_header(request, "Origin");
    if (origin == NULL || origin[0] == '\0') {
        return NULL;
    }
    if (policy->any_origin) {
        return origin;
    }
    for (size_t i = 0; i < policy->origin_count; ++i) {
        if (strcmp(policy->origins[i], origin) == 0) {
            return origin;
        }
    }
    return NULL;
}

bool cors_policy_answer_preflight(const cors_policy_t *policy, const http_request_t *request,
                                  http_reply_t *reply) {
    if (strcmp(request->method, "OPTIONS") != 0 || allowed_origin(policy, request) == NULL ||
        http_request_header(request, "Access-Control-Request-Method") == NULL) {
        return false;
    }
    char methods[ROUTES_METHODS_SIZE];
    routes_path_methods(request->path, methods);
    if (methods[0] == '\0') {
        return false; /* no route: routes_dispatch() answers the 404 */
    }
    reply_no_content(reply);
    reply_set_header(reply, "Access-Control-Allow-Methods", methods);
    reply_set_header(reply, "Access-Control-Allow-Headers",
                     "Authorization, Content-Type, Idempotency-Key, X-Cart-Token");
    reply_set_header(reply, "Access-Control-Max-Age", "600");
    return true;
}

void cors_policy_apply(const cors_policy_t *policy, const http_request_t *request,
                       http_reply_t *reply) {
    if (!is_on(policy)) {
        return;
    }
    /* Whatever the origin: a shared cache must keep one answer per origin. */
    reply_append_header(reply, "Vary", "Origin");
    const char *origin = allowed_origin(policy, request);
    if (origin != NULL) {
        reply_set_header(reply, "Access-Control-Allow-Origin", origin);
        reply_set_header(reply, "Access-Control-Expose-Headers", "ETag, Retry-After");
    }
}
