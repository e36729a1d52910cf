#define _DEFAULT_SOURCE /* strdup */

#include "routes.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "endpoints.h"

typedef struct route {
    const char *method;
    const char *pattern; /* "{}" is one path segment, handed to the endpoint in params[] */
    endpoint_fn endpoint;
} route_t;

static const route_t routes[] = {
    {"GET", "/health", health_check},

    {"POST", "/auth/register", auth_register},
    {"POST", "/auth/login", auth_login},
    {"POST", "/auth/logout", auth_logout},
    {"GET", "/users/me", users_me_get},
    {"PATCH", "/users/me", users_me_update},
    {"DELETE", "/users/me", users_me_delete},
    {"GET", "/users", users_list},
    {"POST", "/users/{}/deactivate", user_deactivate},
    {"POST", "/users/{}/activate", user_activate},

    {"GET", "/categories", categories_list},
    {"POST", "/categories", category_create},
    {"GET", "/categories/{}", category_get},
    {"PATCH", "/categories/{}", category_update},
    {"DELETE", "/categories/{}", category_delete},
    {"GET", "/products", products_list},
    {"POST", "/products", product_create},
    {"GET", "/products/{}", product_get},
    {"PATCH", "/products/{}", product_update},
    {"DELETE", "/products/{}", product_delete},

    {"GET", "/cart", cart_get},
    {"DELETE", "/cart", cart_clear},
    {"POST", "/cart/items", cart_add_item},
    {"PUT", "/cart/items/{}", cart_set_quantity},
    {"DELETE", "/cart/items/{}", cart_remove_item},

    {"POST", "/orders", order_place},
    {"GET", "/orders", orders_list},
    {"GET", "/orders/{}", order_get},
    {"GET", "/orders/{}/status", order_status_get},
    {"PATCH", "/orders/{}/status", order_status_set},
    {"POST", "/orders/{}/cancel", order_cancel},
};

#define ROUTE_COUNT (sizeof routes / sizeof routes[0])

/* Segment by segment; a "{}" segment takes any non-empty segment, as Flask's <id> converter
 * does. The captured segments are cut out of `path_copy` (a scratch copy of the path). */
static bool path_matches(const char *pattern, char *path_copy, const char *path,
                         const char *params[HTTP_REQUEST_MAX_PARAMS]) {
    size_t captured = 0;
    const char *p = pattern;
    size_t offset = 0;
    while (*p != '\0' && path[offset] != '\0') {
        if (*p != '/' || path[offset] != '/') {
            return false;
        }
        ++p;
        ++offset;
        size_t pattern_length = strcspn(p, "/");
        size_t segment_length = strcspn(path + offset, "/");
        if (pattern_length == 2 && strncmp(p, "{}", 2) == 0) {
            if (segment_length == 0 || captured == HTTP_REQUEST_MAX_PARAMS) {
                return false;
            }
            params[captured++] = path_copy + offset;
        } else if (pattern_length != segment_length ||
                   strncmp(p, path + offset, segment_length) != 0) {
            return false;
        }
        p += pattern_length;
        offset += segment_length;
    }
    if (*p != '\0' || path[offset] != '\0') {
        return false;
    }
    /* Terminate the captured segments only once the whole path matched. */
    for (size_t i = 0; i < captured; ++i) {
        char *end = strchr((char *)params[i], '/');
        if (end != NULL) {
            *end = '\0';
        }
    }
    return true;
}

static void append_method(char *allow, size_t size, const char *method) {
    if (strstr(allow, method) != NULL) {
        return;
    }
    size_t used = strlen(allow);
    snprintf(allow + used, size - used, "%s%s", used > 0 ? ", " : "", method);
}

void routes_dispatch(http_request_t *request, store_t *store, http_reply_t *reply) {
    /* Matching cuts the captured segments out of this copy only once a route matched. */
    char *path_copy = strdup(request->path);
    if (path_copy == NULL) {
        reply_error(reply, 500, "internal", "out of memory", NULL);
        return;
    }
    bool head = strcmp(request->method, "HEAD") == 0;
    char allow[sizeof reply->allow] = "";
    for (size_t i = 0; i < ROUTE_COUNT; ++i) {
        const char *params[HTTP_REQUEST_MAX_PARAMS] = {NULL};
        if (!path_matches(routes[i].pattern, path_copy, request->path, params)) {
            continue;
        }
        if (strcmp(routes[i].method, request->method) == 0 ||
            (head && strcmp(routes[i].method, "GET") == 0)) {
            memcpy(request->params, params, sizeof params);
            routes[i].endpoint(request, store, reply);
            memset(request->params, 0, sizeof request->params);
            free(path_copy);
            return;
        }
        append_method(allow, sizeof allow, routes[i].method);
        if (strcmp(routes[i].method, "GET") == 0) {
            append_method(allow, sizeof allow, "HEAD");
        }
    }
    free(path_copy);
    if (allow[0] == '\0') {
        reply_error(reply, 404, "not_found",
                    "The requested URL was not found on the server. If you entered the URL "
                    "manually please check your spelling and try again.",
                    NULL);
        return;
    }
    append_method(allow, sizeof allow, "OPTIONS");
    memcpy(reply->allow, allow, sizeof allow);
    if (strcmp(request->method, "OPTIONS") == 0) {
        reply->status = 200; /* Flask answers OPTIONS itself: the methods, no body */
        return;
    }
    reply_error(reply, 405, "method_not_allowed",
                "The method is not allowed for the requested URL.", NULL);
}
