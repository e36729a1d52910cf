/* libstore — the caller's cart.
 *
 * Every function returns the whole cart as JSON:
 *   {"items": [{"product_id", "variant_id", "sku", "options", "name", "unit_price", "quantity",
 *               "line_total", "available", "problem", "available_quantity", "price_changed",
 *               "previous_unit_price"}],
 *    "count": <sum of the available lines' quantities>,
 *    "subtotal": <the available lines' total, at current prices>,
 *    "voucher": null | {"code", "kind", "value", "applies", "reason"},
 *    "discount": <what the voucher takes off>, "total_price": <subtotal - discount>,
 *    "checkout_ready": <at least one line, and every line available>}
 * Every line is shown, also one that cannot be bought now: "available": false with "problem"
 * "deleted" (its product or variant is gone: sku, options, name, unit_price and line_total are
 * null), "hidden" (switched off), "out_of_stock" or "short" (fewer in stock than its quantity;
 * "available_quantity" is the stock left, as for out_of_stock; null otherwise). Placing the order
 * refuses such a cart (STORE_ECONFLICT, field "items": see store_order_place_detailed());
 * store_cart_prune() drops those lines. "price_changed" is true when the unit price differs from
 * the one the line was added at (the last add to it or quantity set), that one being
 * "previous_unit_price" (else null); it is for the shopper's information and does not stop
 * checkout. Lines stored before libstore kept that price never show a change.
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

/* Drops every line that cannot be bought now ("available": false: deleted, hidden, out of stock,
 * or short of stock, which goes whole), leaving a cart that can be checked out, or an empty one.
 * Writes nothing when every line is available. Guest sessions too. */
STORE_API store_status_t store_cart_prune(char **out_cart_json, store_session_t *session,
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
