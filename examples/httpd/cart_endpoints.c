/* Cart: the /cart endpoints of API.md; every answer is the whole cart. A line is named by its
 * product in the path and, when the cart holds several variants of it, ?variant_id=. The caller
 * is a user (Authorization) or a guest (X-Cart-Token): cart_session_require(). */
#include "bearer_auth.h"
#include "call_patterns.h"
#include "endpoints.h"

/* ?variant_id=, or NULL. */
static const char *variant_query(const http_request_t *request) {
    return MHD_lookup_connection_value(request->connection, MHD_GET_ARGUMENT_KIND, "variant_id");
}

/* call(&json, session) -> 200 for a user or a guest. */
static void cart_call(http_request_t *request, store_t *store, http_reply_t *reply,
                      session_get_fn call) {
    store_session_t *session = cart_session_require(request, store, reply);
    if (session != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = call(&json, session, &error);
        reply_store_result(reply, status, &error, 200, json);
        store_session_free(session);
    }
}

void cart_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    cart_call(request, store, reply, store_cart_get);
}

/* call(&json, session, body) -> 200 for a user or a guest. */
static void cart_body_call(http_request_t *request, store_t *store, http_reply_t *reply,
                           session_text_fn call) {
    store_session_t *session = cart_session_require(request, store, reply);
    if (session == NULL) {
        return;
    }
    const char *body = http_request_json_body(request, reply);
    if (body != NULL) {
        char *json = NULL;
        store_error_t error;
        store_status_t status = call(&json, session, body, &error);
        reply_store_result(reply, status, &error, 200, json);
    }
    store_session_free(session);
}

void cart_add_item(http_request_t *request, store_t *store, http_reply_t *reply) {
    cart_body_call(request, store, reply, store_cart_add_item);
}

void cart_set_quantity(http_request_t *request, store_t *store, http_reply_t *reply) {
    store_session_t *session = cart_session_require(request, store, reply);
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
    store_session_t *session = cart_session_require(request, store, reply);
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
    cart_call(request, store, reply, store_cart_clear);
}

void cart_prune(http_request_t *request, store_t *store, http_reply_t *reply) {
    cart_call(request, store, reply, store_cart_prune);
}

void cart_set_voucher(http_request_t *request, store_t *store, http_reply_t *reply) {
    cart_body_call(request, store, reply, store_cart_set_voucher_json);
}

void cart_remove_voucher(http_request_t *request, store_t *store, http_reply_t *reply) {
    cart_call(request, store, reply, store_cart_remove_voucher);
}
