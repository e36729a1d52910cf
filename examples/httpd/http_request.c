#include "http_request.h"

const char *http_request_header(const http_request_t *request, const char *name) {
    return MHD_lookup_connection_value(request->connection, MHD_HEADER_KIND, name);
}

const char *http_request_json_body(http_request_t *request, http_reply_t *reply) {
    return request_body_json_object(&request->body, reply);
}
