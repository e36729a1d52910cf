/* libstore — vouchers: discount codes with usage limits (catalog managers: admins, and staff
 * holding manage_catalog; every write is recorded in the audit log as voucher.create|update|
 * delete). Shoppers put one on their cart with store_cart_set_voucher() (cart.h); placing the
 * order redeems it.
 *
 *     char *voucher;
 *     if (store_voucher_create(&voucher, session,
 *                              "{\"code\":\"SAVE10\",\"kind\":\"percent\",\"value\":10,"
 *                              "\"max_uses\":100}",
 *                              &error) == STORE_OK) {
 *         puts(voucher);
 *         store_free(voucher);
 *     }
 *
 * Voucher: {id, code, kind, value, min_subtotal, starts_at, ends_at, max_uses,
 *           max_uses_per_user, uses, active, created_at, updated_at}
 *   code               3-32 of [A-Za-z0-9_-], unique in any letter case (STORE_ECONFLICT),
 *                      shown upper-case
 *   kind, value        "percent": an integer 1-100; "fixed": money > 0 (at most 2 decimals)
 *   min_subtotal       money >= 0 (default 0): the cart's subtotal must reach it
 *   starts_at, ends_at RFC 3339 timestamps or null; ends_at after starts_at
 *   max_uses           integer >= 1, or null for no limit; likewise max_uses_per_user
 *   uses               orders placed with it that are not cancelled (never set by a caller)
 *   active             default true; an inactive voucher cannot be put on a cart
 * Unknown fields are STORE_EINVAL, naming the field. */
#ifndef LIBSTORE_VOUCHERS_H
#define LIBSTORE_VOUCHERS_H

#include "libstore/accounts.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

/* Creates a voucher. `voucher_json`: {code, kind, value, min_subtotal?, starts_at?, ends_at?,
 * max_uses?, max_uses_per_user?, active?}. */
STORE_API store_status_t store_voucher_create(char **out_json, store_session_t *session,
                                              const char *voucher_json, store_error_t *error);

/* Lists vouchers, newest first. `query_json` (may be NULL): {limit?, cursor?}.
 * *out_page_json: {"items": [voucher...], "next_cursor": ...}. */
STORE_API store_status_t store_voucher_list(char **out_page_json, store_session_t *session,
                                            const char *query_json, store_error_t *error);

/* One voucher; STORE_ENOTFOUND when there is none with that id. */
STORE_API store_status_t store_voucher_get(char **out_json, store_session_t *session,
                                           const char *voucher_id, store_error_t *error);

/* Changes a voucher. `changes_json`: any of the fields of store_voucher_create(), at least one
 * (`uses` never); null clears starts_at, ends_at, max_uses or max_uses_per_user. Changing `kind`
 * needs a `value` for it. max_uses below the uses already made is STORE_ECONFLICT (field
 * "max_uses"). */
STORE_API store_status_t store_voucher_update(char **out_json, store_session_t *session,
                                              const char *voucher_id, const char *changes_json,
                                              store_error_t *error);

/* Deletes a voucher. Carts holding it show no voucher from then on; orders keep their
 * snapshot (voucher_code, discount). */
STORE_API store_status_t store_voucher_delete(store_session_t *session, const char *voucher_id,
                                              store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_VOUCHERS_H */
