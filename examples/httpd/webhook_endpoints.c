/* Webhooks: the /webhooks endpoints of API.md, for admins (the library refuses anybody else).
 * Deliveries themselves are store_deliver()'s, not a request's. */
#include "call_patterns.h"
#include "endpoints.h"

void webhooks_list(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_query_call(request, store, reply, store_webhooks_list);
}

void webhook_create(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_body_call(request, store, reply, store_webhook_create, 201);
}

void webhook_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call(request, store, reply, store_webhook_get);
}

void webhook_update(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_body_call(request, store, reply, store_webhook_update);
}

void webhook_delete(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call_no_content(request, store, reply, store_webhook_delete);
}

void webhook_deliveries(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_query_call(request, store, reply, store_webhook_deliveries);
}
