/* CORS as http-headers.md has it: which origins LIBSTORE_ALLOWED_ORIGINS lets a browser call
 * the API from, the headers their requests get, and the preflight answer. */
#ifndef STORE_HTTPD_CORS_POLICY_H
#define STORE_HTTPD_CORS_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "http_request.h"

typedef struct cors_policy {
    char **origins; /* exact origins, malloc'd */
    size_t origin_count;
    bool any_origin; /* the list held "*" */
} cors_policy_t;

/* Fills `policy` from the comma-separated `list` (items trimmed, empty ones dropped); NULL or a
 * list with no item leaves CORS off. Returns -1 when out of memory; cors_policy_free() is then
 * still required. */
int cors_policy_parse(cors_policy_t *policy, const char *list);

void cors_policy_free(cors_policy_t *policy);

/* When `request` is a preflight (OPTIONS from an allowed origin with an
 * Access-Control-Request-Method, on a path that is a route), fills `reply` with its 204 and
 * returns true; otherwise leaves `reply` alone and returns false. */
bool cors_policy_answer_preflight(const cors_policy_t *policy, const http_request_t *request,
                                  http_reply_t *reply);

/* Adds the headers every answer gets while CORS is on (Vary: Origin; for an allowed origin,
 * Access-Control-Allow-Origin and -Expose-Headers) to the finished `reply`. */
void cors_policy_apply(const cors_policy_t *policy, const http_request_t *request,
                       http_reply_t *reply);

#endif
