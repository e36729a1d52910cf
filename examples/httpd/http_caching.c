#include "http_caching.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "comma_list.h"

/* '"' + 64 hex digits + '"' + NUL */
#define ETAG_SIZE (crypto_hash_sha256_BYTES * 2 + 3)

/* Authenticated answers depend on who asks (an admin sees hidden products), so only anonymous
 * ones may be shared; errors and HEAD answers are not kept either. */
static bool is_cacheable(const http_request_t *request, const http_reply_t *reply) {
    return reply->cacheable_route && reply->status == 200 && strcmp(request->method, "GET") == 0 &&
           http_request_header(request, "Authorization") == NULL;
}

static void body_etag(const http_reply_t *reply, char etag[ETAG_SIZE]) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)(reply->body != NULL ? reply->body : ""),
                       reply->body_length);
    etag[0] = '"';
    sodium_bin2hex(etag + 1, ETAG_SIZE - 2, digest, sizeof digest);
    etag[ETAG_SIZE - 2] = '"';
    etag[ETAG_SIZE - 1] = '\0';
}

/* If-None-Match is "*" or a comma-separated list of entity tags; the comparison is the weak one
 * (RFC 9110 section 13.1.2), so a "W/" prefix does not matter. */
static bool if_none_match_holds(const char *field, const char *etag) {
    size_t etag_length = strlen(etag);
    const char *cursor = field, *item;
    size_t length;
    while (comma_list_next(&cursor, &item, &length)) {
        if (length >= 2 && strncmp(item, "W/", 2) == 0) {
            item += 2;
            length -= 2;
        }
        if ((length == 1 && item[0] == '*') ||
            (length == etag_length && strncmp(item, etag, length) == 0)) {
            return true;
        }
    }
    return false;
}

bool http_caching_client_holds(const http_request_t *request, const char *etag) {
    const char *if_none_match = http_request_header(request, "If-None-Match");
    return if_none_match != NULL && if_none_match_holds(if_none_match, etag);
}

void http_caching_apply(const http_request_t *request, long max_age, http_reply_t *reply) {
    if (!is_cacheable(request, reply)) {
        if (reply_header(reply, "Cache-Control") == NULL) {
            reply_set_header(reply, "Cache-Control", "no-store");
        }
        return;
    }
    char etag[ETAG_SIZE];
    body_etag(reply, etag);
    char cache_control[48];
    snprintf(cache_control, sizeof cache_control, "public, max-age=%ld", max_age);
    reply_set_header(reply, "ETag", etag);
    reply_set_header(reply, "Cache-Control", cache_control);
    reply_append_header(reply, "Vary", "Authorization");
    if (http_caching_client_holds(request, etag)) {
        reply_drop_body(reply);
        reply->status = 304;
    }
}
