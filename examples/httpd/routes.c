#define _DEFAULT_SOURCE /* strdup */

#include "routes.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "endpoints.h"
#include "rate_limits.h"

/* CACHEABLE: the catalog reads whose anonymous answers shared caches may keep
 * (http-headers.md; http_caching.c decides for each answer). */
typedef enum route_caching { NOT_CACHEABLE, CACHEABLE } route_caching_t;

typedef struct route {
    const char *method;
    const char *pattern; /* "{}" is one path segment, handed to the endpoint in params[] */
    endpoint_fn endpoint;
    route_caching_t caching;
} route_t;

static const route_t routes[] = {
    {"GET", "/health", health_check, NOT_CACHEABLE},
    {"GET", "/openapi.json", openapi_document_get, NOT_CACHEABLE},

    {"POST", "/auth/register", auth_register, NOT_CACHEABLE},
    {"POST", "/auth/login", auth_login, NOT_CACHEABLE},
    {"POST", "/auth/logout", auth_logout, NOT_CACHEABLE},
    {"GET", "/users/me", users_me_get, NOT_CACHEABLE},
    {"PATCH", "/users/me", users_me_update, NOT_CACHEABLE},
    {"DELETE", "/users/me", users_me_delete, NOT_CACHEABLE},
    {"GET", "/users", users_list, NOT_CACHEABLE},
    {"POST", "/users/{}/deactivate", user_deactivate, NOT_CACHEABLE},
    {"POST", "/users/{}/activate", user_activate, NOT_CACHEABLE},
    {"PUT", "/users/{}/role", user_set_role, NOT_CACHEABLE},
    {"GET", "/audit", audit_list, NOT_CACHEABLE},
    {"GET", "/events", events_list, NOT_CACHEABLE},

    {"POST", "/auth/refresh", auth_refresh, NOT_CACHEABLE},
    {"POST", "/auth/password-reset", auth_password_reset, NOT_CACHEABLE},
    {"POST", "/auth/password-reset/confirm", auth_password_reset_confirm, NOT_CACHEABLE},
    {"POST", "/users/me/email-verification", users_me_email_verification, NOT_CACHEABLE},
    {"POST", "/auth/verify-email", auth_verify_email, NOT_CACHEABLE},

    {"GET", "/categories", categories_list, CACHEABLE},
    {"POST", "/categories", category_create, NOT_CACHEABLE},
    {"GET", "/categories/{}", category_get, CACHEABLE},
    {"PATCH", "/categories/{}", category_update, NOT_CACHEABLE},
    {"DELETE", "/categories/{}", category_delete, NOT_CACHEABLE},
    {"GET", "/products", products_list, CACHEABLE},
    {"POST", "/products", product_create, NOT_CACHEABLE},
    {"GET", "/products/facets", products_facets, CACHEABLE}, /* before /products/{} */
    {"GET", "/products/{}", product_get, CACHEABLE},
    {"PATCH", "/products/{}", product_update, NOT_CACHEABLE},
    {"DELETE", "/products/{}", product_delete, NOT_CACHEABLE},
    {"POST", "/products/{}/variants", variant_create, NOT_CACHEABLE},
    {"PATCH", "/products/{}/variants/{}", variant_update, NOT_CACHEABLE},
    {"DELETE", "/products/{}/variants/{}", variant_delete, NOT_CACHEABLE},
    {"POST", "/products/{}/images", product_image_add, NOT_CACHEABLE},
    {"DELETE", "/products/{}/images/{}", product_image_delete, NOT_CACHEABLE},
    /* Public and immutable: image_endpoints.c sends its own caching headers. */
    {"GET", "/images/{}", image_get, NOT_CACHEABLE},

    {"GET", "/cart", cart_get, NOT_CACHEABLE},
    {"DELETE", "/cart", cart_clear, NOT_CACHEABLE},
    {"POST", "/cart/items", cart_add_item, NOT_CACHEABLE},
    {"PUT", "/cart/items/{}", cart_set_quantity, NOT_CACHEABLE},
    {"DELETE", "/cart/items/{}", cart_remove_item, NOT_CACHEABLE},
    {"POST", "/cart/prune", cart_prune, NOT_CACHEABLE},
    {"POST", "/carts", guest_cart_create, NOT_CACHEABLE},
    {"POST", "/cart/merge", cart_merge, NOT_CACHEABLE},
    {"PUT", "/cart/voucher", cart_set_voucher, NOT_CACHEABLE},
    {"DELETE", "/cart/voucher", cart_remove_voucher, NOT_CACHEABLE},
    {"GET", "/vouchers", vouchers_list, NOT_CACHEABLE},
    {"POST", "/vouchers", voucher_create, NOT_CACHEABLE},
    {"GET", "/vouchers/{}", voucher_get, NOT_CACHEABLE},
    {"PATCH", "/vouchers/{}", voucher_update, NOT_CACHEABLE},
    {"DELETE", "/vouchers/{}", voucher_delete, NOT_CACHEABLE},
    {"GET", "/webhooks", webhooks_list, NOT_CACHEABLE},
    {"POST", "/webhooks", webhook_create, NOT_CACHEABLE},
    {"GET", "/webhooks/{}", webhook_get, NOT_CACHEABLE},
    {"PATCH", "/webhooks/{}", webhook_update, NOT_CACHEABLE},
    {"DELETE", "/webhooks/{}", webhook_delete, NOT_CACHEABLE},
    {"GET", "/webhooks/{}/deliveries", webhook_deliveries, NOT_CACHEABLE},

    {"POST", "/orders", order_place, NOT_CACHEABLE},
    {"GET", "/orders", orders_list, NOT_CACHEABLE},
    {"GET", "/orders/{}", order_get, NOT_CACHEABLE},
    {"GET", "/orders/{}/status", order_status_get, NOT_CACHEABLE},
    {"PATCH", "/orders/{}/status", order_status_set, NOT_CACHEABLE},
    {"GET", "/orders/{}/events", order_events_get, NOT_CACHEABLE},
    {"POST", "/orders/{}/cancel", order_cancel, NOT_CACHEABLE},
};

#define ROUTE_COUNT (sizeof routes / sizeof routes[0])

/* The order http-headers.md lists a path's methods in. */
static const char *const method_order[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

#define METHOD_COUNT (sizeof method_order / sizeof method_order[0])

/* Segment by segment; a "{}" segment takes any non-empty segment, as Flask's <id> converter
 * does. On a match, offsets[] holds where each captured segment starts in `path`. */
static bool path_matches(const char *pattern, const char *path,
                         size_t offsets[HTTP_REQUEST_MAX_PARAMS], size_t *captured) {
    *captured = 0;
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
            if (segment_length == 0 || *captured == HTTP_REQUEST_MAX_PARAMS) {
                return false;
            }
            offsets[(*captured)++] = offset;
        } else if (pattern_length != segment_length ||
                   strncmp(p, path + offset, segment_length) != 0) {
            return false;
        }
        p += pattern_length;
        offset += segment_length;
    }
    return *p == '\0' && path[offset] == '\0';
}

/* How many segments `route` captures from `path`, or -1 when it does not match. */
static int route_captures(const route_t *route, const char *path) {
    size_t offsets[HTTP_REQUEST_MAX_PARAMS];
    size_t captured;
    return path_matches(route->pattern, path, offsets, &captured) ? (int)captured : -1;
}

/* A path belongs to the routes matching it with the fewest "{}" segments, as in Flask and
 * Starlette: /products/facets is its own path, not /products/{} with the id "facets". */
static int fewest_captures(const char *path) {
    int fewest = -1;
    for (size_t i = 0; i < ROUTE_COUNT; ++i) {
        int captures = route_captures(&routes[i], path);
        if (captures >= 0 && (fewest < 0 || captures < fewest)) {
            fewest = captures;
        }
    }
    return fewest;
}

/* has[i]: the path has method_order[i]. Returns whether it has any. */
static bool path_method_set(const char *path, bool has[METHOD_COUNT]) {
    bool any = false;
    int captures = fewest_captures(path);
    for (size_t m = 0; m < METHOD_COUNT; ++m) {
        has[m] = false;
        for (size_t i = 0; i < ROUTE_COUNT && !has[m] && captures >= 0; ++i) {
            has[m] = strcmp(routes[i].method, method_order[m]) == 0 &&
                     route_captures(&routes[i], path) == captures;
        }
        any = any || has[m];
    }
    return any;
}

static void append_method(char out[ROUTES_METHODS_SIZE], const char *method) {
    size_t used = strlen(out);
    snprintf(out + used, ROUTES_METHODS_SIZE - used, "%s%s", used > 0 ? ", " : "", method);
}

/* The 405's Allow names HEAD and OPTIONS too, as Flask's does. */
static void join_methods(const bool has[METHOD_COUNT], bool head_and_options,
                         char out[ROUTES_METHODS_SIZE]) {
    out[0] = '\0';
    for (size_t m = 0; m < METHOD_COUNT; ++m) {
        if (has[m]) {
            append_method(out, method_order[m]);
            if (head_and_options && strcmp(method_order[m], "GET") == 0) {
                append_method(out, "HEAD");
            }
        }
    }
    if (head_and_options) {
        append_method(out, "OPTIONS");
    }
}

void routes_path_methods(const char *path, char out[ROUTES_METHODS_SIZE]) {
    bool has[METHOD_COUNT];
    if (path_method_set(path, has)) {
        join_methods(has, false, out);
    } else {
        out[0] = '\0';
    }
}

static const route_t *find_route(const char *method, const char *path,
                                 size_t offsets[HTTP_REQUEST_MAX_PARAMS], size_t *captured) {
    bool head = strcmp(method, "HEAD") == 0;
    for (size_t i = 0; i < ROUTE_COUNT; ++i) {
        bool method_matches =
            strcmp(routes[i].method, method) == 0 || (head && strcmp(routes[i].method, "GET") == 0);
        if (method_matches && path_matches(routes[i].pattern, path, offsets, captured)) {
            return &routes[i];
        }
    }
    return NULL;
}

static void run_endpoint(const route_t *route, const size_t offsets[HTTP_REQUEST_MAX_PARAMS],
                         size_t captured, http_request_t *request, store_t *store,
                         http_reply_t *reply) {
    /* The captured segments are cut out of a copy of the path. */
    char *path_copy = strdup(request->path);
    if (path_copy == NULL) {
        reply_error(reply, 500, "internal", "out of memory", NULL);
        return;
    }
    for (size_t i = 0; i < captured; ++i) {
        request->params[i] = path_copy + offsets[i];
        path_copy[offsets[i] + strcspn(path_copy + offsets[i], "/")] = '\0';
    }
    reply->cacheable_route = route->caching == CACHEABLE;
    route->endpoint(request, store, reply);
    memset(request->params, 0, sizeof request->params);
    free(path_copy);
}

/* The routes whose bodies may be larger than REQUEST_BODY_MAX_BYTES. */
static const struct {
    const char *method;
    const char *pattern;
    size_t limit;
} large_bodies[] = {
    {"POST", "/products/{}/images", REQUEST_BODY_IMAGE_MAX_BYTES},
};

size_t routes_body_limit(const char *method, const char *path) {
    size_t offsets[HTTP_REQUEST_MAX_PARAMS];
    size_t captured;
    for (size_t i = 0; i < sizeof large_bodies / sizeof large_bodies[0]; ++i) {
        if (strcmp(large_bodies[i].method, method) == 0 &&
            path_matches(large_bodies[i].pattern, path, offsets, &captured)) {
            return large_bodies[i].limit;
        }
    }
    return REQUEST_BODY_MAX_BYTES;
}

void routes_dispatch(http_request_t *request, store_t *store, http_reply_t *reply) {
    size_t offsets[HTTP_REQUEST_MAX_PARAMS];
    size_t captured = 0;
    const route_t *route = find_route(request->method, request->path, offsets, &captured);
    if (route != NULL) {
        if (rate_limits_admit(route->method, route->pattern, request, store, reply)) {
            run_endpoint(route, offsets, captured, request, store, reply);
        }
        return;
    }
    bool has[METHOD_COUNT];
    if (!path_method_set(request->path, has)) {
        reply_error(reply, 404, "not_found",
                    "The requested URL was not found on the server. If you entered the URL "
                    "manually please check your spelling and try again.",
                    NULL);
        return;
    }
    char allow[ROUTES_METHODS_SIZE];
    if (strcmp(request->method, "OPTIONS") == 0) {
        join_methods(has, false, allow);
        reply_no_content(reply);
    } else {
        join_methods(has, true, allow);
        reply_error(reply, 405, "method_not_allowed",
                    "The method is not allowed for the requested URL.", NULL);
    }
    reply_set_header(reply, "Allow", allow);
}
