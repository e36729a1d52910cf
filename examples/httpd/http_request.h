/* One HTTP request as the handlers see it: method, decoded path, headers and query from MHD,
 * and the collected body. */
#ifndef STORE_HTTPD_HTTP_REQUEST_H
#define STORE_HTTPD_HTTP_REQUEST_H

#include <microhttpd.h>

#include "http_reply.h"
#include "request_body.h"

#define HTTP_REQUEST_MAX_PARAMS 2

typedef struct http_request {
    struct MHD_Connection *connection;
    const char *method;
    const char *path;
    request_body_t body;
    /* The {} segments of the matched route, in order; set while its endpoint runs. */
    const char *params[HTTP_REQUEST_MAX_PARAMS];
} http_request_t;

/* A request header, or NULL when absent. */
const char *http_request_header(const http_request_t *request, const char *name);

/* The request body as a JSON object text; NULL with `reply` set when it is not one. */
const char *http_request_json_body(http_request_t *request, http_reply_t *reply);

/* The query string as the library's query object, {"name": "value", ...} with string values,
 * or NULL with `reply` set (a parameter given twice is 400 naming it, as in the Flask host).
 * Release it with free(). */
char *http_request_query_json(const http_request_t *request, http_reply_t *reply);

#endif
