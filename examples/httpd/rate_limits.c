#define _POSIX_C_SOURCE 200809L /* getnameinfo, strcasecmp */

#include "rate_limits.h"

#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

typedef struct rate_limited_route {
    const char *method;
    const char *pattern;
    const char *action;
} rate_limited_route_t;

/* The same table as bindings/python/libstore/http/rate_limits.py. */
static const rate_limited_route_t rate_limited_routes[] = {
    {"POST", "/auth/login", "login"},
    {"POST", "/auth/register", "register"},
    {"POST", "/auth/refresh", "refresh"},
    {"POST", "/auth/password-reset", "password_reset"},
};

/* An IPv6 literal (INET6_ADDRSTRLEN) with a zone ("%eth0") fits. */
#define PEER_ADDRESS_SIZE 96

#define RATE_LIMITED_ROUTE_COUNT (sizeof rate_limited_routes / sizeof rate_limited_routes[0])

const char *rate_limits_action(const char *method, const char *pattern) {
    for (size_t i = 0; i < RATE_LIMITED_ROUTE_COUNT; ++i) {
        if (strcmp(rate_limited_routes[i].method, method) == 0 &&
            strcmp(rate_limited_routes[i].pattern, pattern) == 0) {
            return rate_limited_routes[i].action;
        }
    }
    return NULL;
}

/* The connection's peer as numeric text ("203.0.113.9", "2001:db8::9", "fe80::1%eth0"), or ""
 * when MHD has no IP peer for it; the library parses it. */
static void peer_address(struct MHD_Connection *connection, char *out, size_t size) {
    out[0] = '\0';
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL) {
        return;
    }
    const struct sockaddr *address = info->client_addr;
    socklen_t length;
    if (address->sa_family == AF_INET) {
        length = sizeof(struct sockaddr_in);
    } else if (address->sa_family == AF_INET6) {
        length = sizeof(struct sockaddr_in6);
    } else {
        return;
    }
    if (getnameinfo(address, length, out, (socklen_t)size, NULL, 0, NI_NUMERICHOST) != 0) {
        out[0] = '\0';
    }
}

/* Every X-Forwarded-For field of the request joined by ", " in the order received, as one
 * header (RFC 9110 section 5.3): a proxy may add a field of its own rather than append. */
typedef struct forwarded_for {
    char *text; /* malloc'd; NULL while there is none */
    size_t length;
    bool out_of_memory;
} forwarded_for_t;

static enum MHD_Result collect_forwarded_for(void *context, enum MHD_ValueKind kind,
                                             const char *key, const char *value) {
    (void)kind;
    forwarded_for_t *joined = context;
    if (key == NULL || value == NULL || strcasecmp(key, "X-Forwarded-For") != 0) {
        return MHD_YES;
    }
    size_t value_length = strlen(value);
    size_t separator = joined->text != NULL ? 2 : 0;
    char *grown = realloc(joined->text, joined->length + separator + value_length + 1);
    if (grown == NULL) {
        joined->out_of_memory = true;
        return MHD_NO;
    }
    if (separator > 0) {
        memcpy(grown + joined->length, ", ", 2);
    }
    memcpy(grown + joined->length + separator, value, value_length + 1);
    joined->text = grown;
    joined->length += separator + value_length;
    return MHD_YES;
}

bool rate_limits_admit(const char *method, const char *pattern, http_request_t *request,
                       store_t *store, http_reply_t *reply) {
    const char *action = rate_limits_action(method, pattern);
    if (action == NULL) {
        return true;
    }
    char peer[PEER_ADDRESS_SIZE];
    peer_address(request->connection, peer, sizeof peer);
    forwarded_for_t forwarded = {NULL, 0, false};
    MHD_get_connection_values(request->connection, MHD_HEADER_KIND, collect_forwarded_for,
                              &forwarded);
    if (forwarded.out_of_memory) {
        free(forwarded.text);
        reply_error(reply, 500, "internal", "out of memory", NULL);
        return false;
    }
    store_error_t error;
    store_status_t status = store_rate_limit_hit(store, action, peer, forwarded.text, &error);
    free(forwarded.text);
    if (status != STORE_OK) {
        reply_store_error(reply, status, &error);
        return false;
    }
    return true;
}
