#define _POSIX_C_SOURCE 200809L /* getaddrinfo */

#include "http_server.h"

#include <microhttpd.h>
#include <netdb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cors_policy.h"
#include "http_caching.h"
#include "http_request.h"
#include "routes.h"

/* A stalled client must not hold its thread forever. */
#define CONNECTION_TIMEOUT_SECONDS 60
/* Room for a request head the size the Python hosts take (a 64 KiB request line): with
 * libmicrohttpd's default of 32 KiB a long query string got its HTML 414/431, not the API's. */
#define CONNECTION_MEMORY_BYTES (256 * 1024)

struct http_server {
    struct MHD_Daemon *daemon;
    store_t *store;
    const host_config_t *config;
    unsigned short port;
};

/* libmicrohttpd hands the URL path over as a C string after decoding it, so "%00" would cut
 * the path short: "DELETE /products/<id>%00/x" would be routed as "/products/<id>". In a path
 * (it starts with '/') an escaped NUL becomes the byte 0xFF instead: never valid UTF-8, never
 * part of an id, so the request reaches no resource. Query strings keep their NULs (with their
 * length), and query_string.c refuses them by name. */
static int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

static size_t unescape_without_nul(void *context, struct MHD_Connection *connection, char *text) {
    (void)context;
    (void)connection;
    int is_path = text[0] == '/';
    char *out = text;
    for (const char *in = text; *in != '\0'; ++in) {
        int high = in[0] == '%' ? hex_value(in[1]) : -1;
        int low = high >= 0 ? hex_value(in[2]) : -1;
        if (low >= 0) {
            char decoded = (char)(high * 16 + low);
            *out++ = decoded == '\0' && is_path ? (char)0xFF : decoded;
            in += 2;
        } else {
            *out++ = *in;
        }
    }
    *out = '\0';
    return (size_t)(out - text);
}

/* Hands the reply's body over to MHD, which frees it once sent. */
static enum MHD_Result queue_reply(struct MHD_Connection *connection, http_reply_t *reply) {
    bool has_body = reply->body != NULL;
    struct MHD_Response *response =
        has_body ? MHD_create_response_from_buffer(reply->body_length, reply->body,
                                                   MHD_RESPMEM_MUST_FREE)
                 : MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (response == NULL) {
        return MHD_NO;
    }
    reply->body = NULL;
    if (has_body) {
        MHD_add_response_header(
            response, MHD_HTTP_HEADER_CONTENT_TYPE,
            reply->content_type != NULL ? reply->content_type : "application/json");
    }
    for (size_t i = 0; i < reply->header_count; ++i) {
        if (MHD_add_response_header(response, reply->headers[i].name, reply->headers[i].value) !=
            MHD_YES) {
            MHD_destroy_response(response);
            return MHD_NO;
        }
    }
    enum MHD_Result queued = MHD_queue_response(connection, reply->status, response);
    MHD_destroy_response(response);
    return queued;
}

/* The endpoint's answer (or the preflight's), then the headers http-headers.md puts on every
 * answer: caching first, so that CORS adds Origin to the Vary list it started. */
static void answer(const http_server_t *server, http_request_t *request, http_reply_t *reply) {
    const host_config_t *config = server->config;
    if (!cors_policy_answer_preflight(&config->cors, request, reply)) {
        routes_dispatch(request, server->store, reply);
    }
    http_caching_apply(request, config->cache_max_age, reply);
    cors_policy_apply(&config->cors, request, reply);
}

/* MHD calls this first with the headers, then once per chunk of the body, then once more with
 * no data: that last call answers. */
static enum MHD_Result handle_request(void *context, struct MHD_Connection *connection,
                                      const char *url, const char *method, const char *version,
                                      const char *upload_data, size_t *upload_data_size,
                                      void **request_state) {
    (void)version;
    http_server_t *server = context;
    http_request_t *request = *request_state;
    if (request == NULL) {
        request = calloc(1, sizeof *request);
        if (request == NULL) {
            return MHD_NO;
        }
        request->connection = connection;
        request->method = method;
        request->path = url;
        request->body.limit = routes_body_limit(method, url);
        *request_state = request;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (request_body_append(&request->body, upload_data, *upload_data_size) != 0) {
            return MHD_NO;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    http_reply_t reply = {0};
    answer(server, request, &reply);
    enum MHD_Result queued = queue_reply(connection, &reply);
    http_reply_free(&reply);
    return queued;
}

static void request_completed(void *context, struct MHD_Connection *connection,
                              void **request_state, enum MHD_RequestTerminationCode code) {
    (void)context;
    (void)connection;
    (void)code;
    http_request_t *request = *request_state;
    if (request != NULL) {
        request_body_free(&request->body);
        free(request);
        *request_state = NULL;
    }
}

http_server_t *http_server_start(store_t *store, const host_config_t *config) {
    const char *host = config->host;
    unsigned short port = config->port;
    char service[8];
    snprintf(service, sizeof service, "%u", port);
    struct addrinfo hints = {0};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    struct addrinfo *address = NULL;
    int resolved = getaddrinfo(host, service, &hints, &address);
    if (resolved != 0) {
        fprintf(stderr, "cannot resolve HOST '%s': %s\n", host, gai_strerror(resolved));
        return NULL;
    }
    http_server_t *server = calloc(1, sizeof *server);
    if (server == NULL) {
        freeaddrinfo(address);
        return NULL;
    }
    server->store = store;
    server->config = config;
    unsigned int flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;
    if (address->ai_family == AF_INET6) {
        flags |= MHD_USE_IPv6;
    }
    server->daemon = MHD_start_daemon(
        flags, port, NULL, NULL, handle_request, server, MHD_OPTION_SOCK_ADDR, address->ai_addr,
        MHD_OPTION_NOTIFY_COMPLETED, request_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned int)CONNECTION_TIMEOUT_SECONDS, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)CONNECTION_MEMORY_BYTES, MHD_OPTION_UNESCAPE_CALLBACK, unescape_without_nul, NULL,
        /* A host restarted at once after a crash (as systemd would) binds its
           port again while the old connections sit in TIME_WAIT. */
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1, MHD_OPTION_END);
    freeaddrinfo(address);
    if (server->daemon == NULL) {
        fprintf(stderr, "cannot listen on %s:%u\n", host, port);
        free(server);
        return NULL;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
    server->port = info != NULL && info->port != 0 ? info->port : port;
    return server;
}

unsigned short http_server_port(const http_server_t *server) {
    return server->port;
}

void http_server_stop(http_server_t *server) {
    if (server != NULL) {
        MHD_stop_daemon(server->daemon);
        free(server);
    }
}
