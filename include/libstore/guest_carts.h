/* libstore — guest carts: a cart for a shopper who has not logged in, and its merge into the
 * user's cart at login.
 *
 *     char *created;      // {"cart_token": "...", "cart": {"items": [], ...}}
 *     store_guest_cart_create(&created, store, &error);
 *     store_session_t *guest;
 *     store_guest_session_open(&guest, store, cart_token, &error);
 *     store_cart_add_item(&cart, guest, "{\"product_id\":\"...\"}", &error);
 *     ...
 *     store_login(&token_json, store, "{\"username\":..., \"password\":..., \"cart_token\":...}",
 *                 &error);   // or store_cart_merge() on a logged-in session
 *
 * The cart token (43 base64url characters, 256 random bits) is shown only to its holder; the
 * store keeps its SHA-256 digest. Creating a guest cart writes nothing: the cart appears with its
 * first change, and a token naming no stored cart reads as an empty cart. An idle guest cart is
 * dropped after 30 days; every change starts that over.
 *
 * Merging adds up the quantities of the same variant, capped at the variant's stock and at 1000
 * (never lowering the user's own line), drops lines of hidden or deleted products and of
 * switched-off or deleted variants, keeps the user's voucher (else takes the guest's; see
 * vouchers.h), and deletes the guest cart. A merge repeated, raced or cut short by a crash merges
 * the guest cart once. */
#ifndef LIBSTORE_GUEST_CARTS_H
#define LIBSTORE_GUEST_CARTS_H

#include "libstore/accounts.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

/* A new guest cart. *out_json: {"cart_token", "cart"} (the cart is empty). No database round
 * trip. */
STORE_API store_status_t store_guest_cart_create(char **out_json, store_t *store,
                                                 store_error_t *error);

/* A session for the guest cart of `cart_token`, usable with every store_cart_* function (same
 * rules as a user's cart); every other call made with it -> STORE_EUNAUTHENTICATED. A token that
 * is not a cart token's shape -> STORE_EUNAUTHENTICATED. No database round trip. Free it with
 * store_session_free(). */
STORE_API store_status_t store_guest_session_open(store_session_t **out_session, store_t *store,
                                                  const char *cart_token, store_error_t *error);

/* Merges the guest cart of `cart_token` into the cart of the logged-in `session`.
 * *out_cart_json: the user's cart afterwards. A token naming no stored (or an expired or empty)
 * cart merges nothing; one not of a cart token's shape -> STORE_EINVAL (field "cart_token"); a
 * guest session -> STORE_EUNAUTHENTICATED. */
STORE_API store_status_t store_cart_merge(char **out_cart_json, store_session_t *session,
                                          const char *cart_token, store_error_t *error);

/* store_cart_merge() with the token in a JSON body, as POST /cart/merge carries it:
 * `body_json`: {"cart_token": "..."} (required; unknown fields -> STORE_EINVAL). */
STORE_API store_status_t store_cart_merge_json(char **out_cart_json, store_session_t *session,
                                               const char *body_json, store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_GUEST_CARTS_H */
