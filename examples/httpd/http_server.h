/* The HTTP server: libmicrohttpd listening on HOST:PORT, one thread per connection, each request
 * handed to the routing table. */
#ifndef STORE_HTTPD_HTTP_SERVER_H
#define STORE_HTTPD_HTTP_SERVER_H

#include <libstore/store.h>

#include "host_config.h"

typedef struct http_server http_server_t;

/* Starts serving `store` on config->host:config->port (port 0 picks a free one), with the
 * config's CORS and caching settings; both must outlive the server. Prints why and returns
 * NULL when it cannot listen. */
http_server_t *http_server_start(store_t *store, const host_config_t *config);

/* The port it listens on. */
unsigned short http_server_port(const http_server_t *server);

/* Stops accepting, waits for the requests in flight, releases everything. Accepts NULL. */
void http_server_stop(http_server_t *server);

#endif
