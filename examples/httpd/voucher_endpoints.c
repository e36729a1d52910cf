/* Vouchers: the /vouchers endpoints of API.md, for catalog managers (the library refuses
 * anybody else). The cart's voucher is in cart_endpoints.c. */
#include "call_patterns.h"
#include "endpoints.h"

void vouchers_list(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_query_call(request, store, reply, store_voucher_list);
}

void voucher_create(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_body_call(request, store, reply, store_voucher_create, 201);
}

void voucher_get(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call(request, store, reply, store_voucher_get);
}

void voucher_update(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_body_call(request, store, reply, store_voucher_update);
}

void voucher_delete(http_request_t *request, store_t *store, http_reply_t *reply) {
    session_id_call_no_content(request, store, reply, store_voucher_delete);
}
