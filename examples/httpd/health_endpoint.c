/* GET /health: is the database reachable? */
#include "endpoints.h"

void health_check(http_request_t *request, store_t *store, http_reply_t *reply) {
    (void)request;
    store_error_t error;
    store_status_t status = store_ping(store, &error);
    if (status == STORE_OK) {
        reply_json(reply, 200, "{\"status\":\"ok\",\"database\":\"connected\"}");
    } else if (status == STORE_EUNAVAILABLE) {
        reply_json(reply, 503, "{\"status\":\"unavailable\",\"database\":\"unreachable\"}");
    } else {
        reply_store_error(reply, status, &error);
    }
}
