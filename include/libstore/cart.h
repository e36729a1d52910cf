/* libstore — the caller's cart.
 *
 * Every function returns the whole cart as JSON:
 *   {"items": [{"product_id", "variant_id", "sku", "options", "name", "unit_price", "quantity",
 *               "line_total"}],
 *    "count": <sum of quantities>, "subtotal": <the lines' total, at current prices>,
 *    "voucher": null | {"code", "kind", "value", "applies", "reason"},
 *    "discount": <what the voucher takes off>, "total_price": <subtotal - discount>}
 * A percent voucher's discount rounds half up to the cent; a fixed one never exceeds the
 * subtotal. A voucher that stopped applying after it was put on the cart (it expired, was
 * switched off or used up, the subtotal fell under its min_subtotal) stays named with
 * "applies": false and a "reason" ("not_started", "expired", "inactive", "used_up",
 * "under_min_subtotal") and takes nothing off; placing the order refuses it (STORE_ECONFLICT,
 * field "voucher") until it is removed. A deleted voucher is shown as none.
 * A line is one variant of a product. It holds 1-1000 items and never more than the variant's
 * stock (STORE_ECONFLICT); hidden or deleted products and variants cannot be added
 * (STORE_ENOTFOUND). A deactivated account gets STORE_EFORBIDDEN. */
#ifndef LIBSTORE_CART_H
#define LIBSTORE_CART_H

#include "libstore/accounts.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

STORE_API store_status_t store_cart_get(char **out_cart_json, store_session_t *session,
                                        store_error_t *error);

/* `item_json`: {"product_id": "...", "variant_id": "..." (required when the product has more
 * than one variant), "quantity": n (default 1)}; adds to an existing line. */
STORE_API store_status_t store_cart_add_item(char **out_cart_json, store_session_t *session,
                                             const char *item_json, store_error_t *error);

/* `quantity_json`: {"quantity": n}; 0 removes the line. The line is the cart's only one of that
 * product (STORE_EINVAL, field "variant_id", when it holds several: use
 * store_cart_set_variant_quantity()). */
STORE_API store_status_t store_cart_set_quantity(char **out_cart_json, store_session_t *session,
                                                 const char *product_id, const char *quantity_json,
                                                 store_error_t *error);

STORE_API store_status_t store_cart_remove_item(char **out_cart_json, store_session_t *session,
                                                const char *product_id, store_error_t *error);

/* The same for the line of one variant; `variant_id` NULL behaves as store_cart_set_quantity(). */
STORE_API store_status_t store_cart_set_variant_quantity(
    char **out_cart_json, store_session_t *session, const char *product_id, const char *variant_id,
    const char *quantity_json, store_error_t *error);

/* Removes the line of one variant; `variant_id` NULL behaves as store_cart_remove_item(). */
STORE_API store_status_t store_cart_remove_variant(char **out_cart_json, store_session_t *session,
                                                   const char *product_id, const char *variant_id,
                                                   store_error_t *error);

STORE_API store_status_t store_cart_clear(char **out_cart_json, store_session_t *session,
                                          store_error_t *error);

/* Puts the voucher with this code (any letter case) on the cart, replacing one it held.
 * STORE_ENOTFOUND for an unknown or inactive code; STORE_ECONFLICT (field "code") when it is
 * not valid yet, has expired, is used up, the caller has used it as often as one customer may,
 * or the cart's subtotal is under its min_subtotal; STORE_EINVAL (field "code") for a malformed
 * code. */
STORE_API store_status_t store_cart_set_voucher(char **out_cart_json, store_session_t *session,
                                                const char *code, store_error_t *error);
/* The same with the request body of PUT /cart/voucher: `voucher_json` {"code": "..."} (unknown
 * fields are STORE_EINVAL, naming them). */
STORE_API store_status_t store_cart_set_voucher_json(char **out_cart_json, store_session_t *session,
                                                     const char *voucher_json,
                                                     store_error_t *error);
/* Takes the voucher off the cart (nothing happens when it holds none). */
STORE_API store_status_t store_cart_remove_voucher(char **out_cart_json, store_session_t *session,
                                                   store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_CART_H */
