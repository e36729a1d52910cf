/* Cart: the /cart endpoints of API.md; every answer is the whole cart. A line is named by its
 * product in the path and, when the cart holds several variants of it, ?variant_id=. */
#include "bearer_auth.h"
#include "call_patterns.h"
#include "endpoints.h"

/* ?variant_id=, or NULL. */
static const char *variant_query(const http_request_t *request) {
    return MHD_lookup_connection_value(request->connection, MHD_GET_ARGUMENT_KIND, "variant_id");
}

void cart_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_call(request, store, reply, store_cart_get);
}

void cart_add_item(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_body_call(request, store, reply, store_cart_add_item, 200);
}

void cart_set_quantity(http_request_t *request, store_t *store, http_reply_t *reply) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session == NULL) {
        return;
    }
    const char *body = http_request_json_body(request, reply);
    if (body != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = store_cart_set_variant_quantity(
            &json, session, request->params[0], variant_query(request), body, &error);
        reply_store_result(reply, status, &error, 200, json);
    }
    store_session_free(session);
}

void cart_remove_item(http_request_t *request, store_t *store, http_reply_t *reply) {
    store_session_t *session = bearer_require_session(request, store, reply);
    if (session != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = store_cart_remove_variant(&json, session, request->params[0],
                                                          variant_query(request), &error);
        reply_store_result(reply, status, &error, 200, json);
        store_session_free(session);
    }
}

void cart_clear(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_call(request, store, reply, store_cart_clear);
}

void cart_set_voucher(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_body_call(request, store, reply, store_cart_set_voucher_json, 200);
}

void cart_remove_voucher(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_call(request, store, reply, store_cart_remove_voucher);
}
