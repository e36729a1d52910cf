/* libstore — the caller's cart.
 *
 * Every function returns the whole cart as JSON:
 *   {"items": [{"product_id", "name", "unit_price", "quantity", "line_total"}],
 *    "count": <sum of quantities>, "total_price": <exact, at current prices>}
 * A line holds 1-1000 items and never more than the product's stock (STORE_ECONFLICT);
 * hidden or deleted products cannot be added (STORE_ENOTFOUND). A deactivated account gets
 * STORE_EFORBIDDEN. */
#ifndef LIBSTORE_CART_H
#define LIBSTORE_CART_H

#include "libstore/accounts.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

STORE_API store_status_t store_cart_get(char **out_cart_json, store_session_t *session,
                                        store_error_t *error);

/* `item_json`: {"product_id": "...", "quantity": n (default 1)}; adds to an existing line. */
STORE_API store_status_t store_cart_add_item(char **out_cart_json, store_session_t *session,
                                             const char *item_json, store_error_t *error);

/* `quantity_json`: {"quantity": n}; 0 removes the line. */
STORE_API store_status_t store_cart_set_quantity(char **out_cart_json, store_session_t *session,
                                                 const char *product_id, const char *quantity_json,
                                                 store_error_t *error);

STORE_API store_status_t store_cart_remove_item(char **out_cart_json, store_session_t *session,
                                                const char *product_id, store_error_t *error);

STORE_API store_status_t store_cart_clear(char **out_cart_json, store_session_t *session,
                                          store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_CART_H */
