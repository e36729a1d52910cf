/* Orders: the /orders endpoints of API.md. */
#include "bearer_auth.h"
#include "call_patterns.h"
#include "endpoints.h"

/* 201 for a new order, 200 when an earlier request with the same Idempotency-Key placed it. */
void order_place(http_request_t *request, store_t *store, http_reply_t *reply) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session == NULL) {
        return;
    }
    const char *key = http_request_header(request, "Idempotency-Key");
    char *json = NULL;
    char *error_json = NULL; /* a cart refused for its lines names them in "details" */
    int created = 0;
    store_error_t error;
    store_status_t status =
        store_order_place_detailed(&json, &created, &error_json, session, key, &error);
    if (status == STORE_OK) {
        reply_store_json(reply, created ? 201 : 200, json);
    } else {
        reply_store_error_json(reply, status, &error, error_json);
    }
    store_free(error_json);
    store_session_free(session);
}

void orders_list(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_query_call(request, store, reply, store_orders_list);
}

void order_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call(request, store, reply, store_order_get);
}

void order_status_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call(request, store, reply, store_order_status);
}

void order_status_set(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_body_call(request, store, reply, store_order_set_status);
}

void order_events_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call(request, store, reply, store_order_events);
}

void order_cancel(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call(request, store, reply, store_order_cancel);
}
