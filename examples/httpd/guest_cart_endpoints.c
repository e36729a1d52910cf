/* Guest carts: POST /carts (anonymous; the body, if any, is not read) and POST /cart/merge (a
 * logged-in user; {cart_token}). */
#include "bearer_auth.h"
#include "call_patterns.h"
#include "endpoints.h"

void guest_cart_create(http_request_t *request, store_t *store, http_reply_t *reply) {
    (void)request;
    char *json = NULL;
    store_error_t error;
    store_status_t status = store_guest_cart_create(&json, store, &error);
    reply_store_result(reply, status, &error, 201, json);
}

void cart_merge(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_body_call(request, store, reply, store_cart_merge_json, 200);
}
