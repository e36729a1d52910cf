/* One handler per endpoint of API.md (shared/API.md); routes.c maps method and path to them. */
#ifndef STORE_HTTPD_ENDPOINTS_H
#define STORE_HTTPD_ENDPOINTS_H

#include <libstore/store.h>

#include "http_request.h"

typedef void (*endpoint_fn)(http_request_t *request, store_t *store, http_reply_t *reply);

void health_check(http_request_t *request, store_t *store, http_reply_t *reply);
void openapi_document_get(http_request_t *request, store_t *store, http_reply_t *reply);

void auth_register(http_request_t *request, store_t *store, http_reply_t *reply);
void auth_login(http_request_t *request, store_t *store, http_reply_t *reply);
void auth_logout(http_request_t *request, store_t *store, http_reply_t *reply);
void users_me_get(http_request_t *request, store_t *store, http_reply_t *reply);
void users_me_update(http_request_t *request, store_t *store, http_reply_t *reply);
void users_me_delete(http_request_t *request, store_t *store, http_reply_t *reply);
void users_list(http_request_t *request, store_t *store, http_reply_t *reply);
void user_deactivate(http_request_t *request, store_t *store, http_reply_t *reply);
void user_activate(http_request_t *request, store_t *store, http_reply_t *reply);
void user_set_role(http_request_t *request, store_t *store, http_reply_t *reply);
void audit_list(http_request_t *request, store_t *store, http_reply_t *reply);
void events_list(http_request_t *request, store_t *store, http_reply_t *reply);

void auth_refresh(http_request_t *request, store_t *store, http_reply_t *reply);
void auth_password_reset(http_request_t *request, store_t *store, http_reply_t *reply);
void auth_password_reset_confirm(http_request_t *request, store_t *store, http_reply_t *reply);
void users_me_email_verification(http_request_t *request, store_t *store, http_reply_t *reply);
void auth_verify_email(http_request_t *request, store_t *store, http_reply_t *reply);

void categories_list(http_request_t *request, store_t *store, http_reply_t *reply);
void category_get(http_request_t *request, store_t *store, http_reply_t *reply);
void category_create(http_request_t *request, store_t *store, http_reply_t *reply);
void category_update(http_request_t *request, store_t *store, http_reply_t *reply);
void category_delete(http_request_t *request, store_t *store, http_reply_t *reply);
void products_list(http_request_t *request, store_t *store, http_reply_t *reply);
void products_facets(http_request_t *request, store_t *store, http_reply_t *reply);
void product_get(http_request_t *request, store_t *store, http_reply_t *reply);
void product_create(http_request_t *request, store_t *store, http_reply_t *reply);
void product_update(http_request_t *request, store_t *store, http_reply_t *reply);
void product_delete(http_request_t *request, store_t *store, http_reply_t *reply);
void product_image_add(http_request_t *request, store_t *store, http_reply_t *reply);
void product_image_delete(http_request_t *request, store_t *store, http_reply_t *reply);
void image_get(http_request_t *request, store_t *store, http_reply_t *reply);
void variant_create(http_request_t *request, store_t *store, http_reply_t *reply);
void variant_update(http_request_t *request, store_t *store, http_reply_t *reply);
void variant_delete(http_request_t *request, store_t *store, http_reply_t *reply);

void cart_get(http_request_t *request, store_t *store, http_reply_t *reply);
void cart_add_item(http_request_t *request, store_t *store, http_reply_t *reply);
void cart_set_quantity(http_request_t *request, store_t *store, http_reply_t *reply);
void cart_remove_item(http_request_t *request, store_t *store, http_reply_t *reply);
void cart_clear(http_request_t *request, store_t *store, http_reply_t *reply);
void cart_prune(http_request_t *request, store_t *store, http_reply_t *reply);
void guest_cart_create(http_request_t *request, store_t *store, http_reply_t *reply);
void cart_merge(http_request_t *request, store_t *store, http_reply_t *reply);
void cart_set_voucher(http_request_t *request, store_t *store, http_reply_t *reply);
void cart_remove_voucher(http_request_t *request, store_t *store, http_reply_t *reply);

/* voucher_endpoints.c */
void vouchers_list(http_request_t *request, store_t *store, http_reply_t *reply);
void voucher_create(http_request_t *request, store_t *store, http_reply_t *reply);
void voucher_get(http_request_t *request, store_t *store, http_reply_t *reply);
void voucher_update(http_request_t *request, store_t *store, http_reply_t *reply);
void voucher_delete(http_request_t *request, store_t *store, http_reply_t *reply);

/* webhook_endpoints.c */
void webhooks_list(http_request_t *request, store_t *store, http_reply_t *reply);
void webhook_create(http_request_t *request, store_t *store, http_reply_t *reply);
void webhook_get(http_request_t *request, store_t *store, http_reply_t *reply);
void webhook_update(http_request_t *request, store_t *store, http_reply_t *reply);
void webhook_delete(http_request_t *request, store_t *store, http_reply_t *reply);
void webhook_deliveries(http_request_t *request, store_t *store, http_reply_t *reply);

void order_place(http_request_t *request, store_t *store, http_reply_t *reply);
void orders_list(http_request_t *request, store_t *store, http_reply_t *reply);
void order_get(http_request_t *request, store_t *store, http_reply_t *reply);
void order_status_get(http_request_t *request, store_t *store, http_reply_t *reply);
void order_status_set(http_request_t *request, store_t *store, http_reply_t *reply);
void order_events_get(http_request_t *request, store_t *store, http_reply_t *reply);
void order_cancel(http_request_t *request, store_t *store, http_reply_t *reply);

#endif
