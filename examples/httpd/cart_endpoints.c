/* Cart: the /cart endpoints of API.md; every answer is the whole cart. */
#include "call_patterns.h"
#include "endpoints.h"

void cart_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_call(request, store, reply, store_cart_get);
}

void cart_add_item(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_body_call(request, store, reply, store_cart_add_item, 200);
}

void cart_set_quantity(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_body_call(request, store, reply, store_cart_set_quantity);
}

void cart_remove_item(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call(request, store, reply, store_cart_remove_item);
}

void cart_clear(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_call(request, store, reply, store_cart_clear);
}
