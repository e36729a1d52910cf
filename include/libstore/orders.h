/* libstore — orders.
 *
 * Order JSON: {"id", "user_id", "items": [{"product_id", "name", "unit_price", "quantity",
 * "line_total"}], "subtotal", "discount", "voucher_code", "total_price", "status",
 * "payment_reference", "created_at", "updated_at"}. Statuses move placed -> paid -> shipped ->
 * delivered, and placed|paid -> cancelled (stock returned). The order's history is not part of
 * it: see store_order_events(). "voucher_code" is null without a voucher; total_price =
 * subtotal - discount. Placing redeems the cart's voucher in the same
 * all-or-nothing step (a voucher no longer valid then is STORE_ECONFLICT, field "voucher", and
 * nothing changes); cancelling gives its use back. */
#ifndef LIBSTORE_ORDERS_H
#define LIBSTORE_ORDERS_H

#include "libstore/accounts.h"
#include "libstore/engine.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

/* Places an order from the caller's cart: the stock of every line is taken, or none is
 * (STORE_ECONFLICT naming the product, and nothing changes); prices are snapshotted; the cart is
 * emptied. An empty cart is STORE_EINVAL. A cart holding a line that cannot be bought now (see
 * "checkout_ready" in cart.h) is STORE_ECONFLICT with field "items" before anything is written;
 * store_order_place_detailed() says which lines and why. `idempotency_key` (may be NULL):
 * repeating a request with the same key returns the same order and takes no stock twice;
 * *out_created (may be NULL) is 1 when this call created the order, 0 when it returned an earlier
 * one. */
STORE_API store_status_t store_order_place(char **out_order_json, int *out_created,
                                           store_session_t *session, const char *idempotency_key,
                                           store_error_t *error);

/* store_order_place(), and on failure *out_error_json (may be NULL; free with store_free()) is
 * the error as JSON, untruncated: {"code", "message", "field", "details"?} — the "error" member
 * of an HTTP error body. A cart refused for its lines has "details": [{"product_id",
 * "variant_id", "problem": "deleted" | "hidden" | "out_of_stock" | "short",
 * "available_quantity": n | null}], one per such line (available_quantity is the stock left, for
 * out_of_stock and short); other errors have no "details". NULL on success, and when even the
 * JSON could not be allocated (`error` is filled all the same). */
STORE_API store_status_t store_order_place_detailed(char **out_order_json, int *out_created,
                                                    char **out_error_json, store_session_t *session,
                                                    const char *idempotency_key,
                                                    store_error_t *error);

/* The caller's orders, newest first; admins see all and may filter by user.
 * `query_json` (may be NULL): {status?, user_id?, limit?, cursor?}.
 * *out_page_json: {"items": [...], "next_cursor": ...}. */
STORE_API store_status_t store_orders_list(char **out_page_json, store_session_t *session,
                                           const char *query_json, store_error_t *error);

/* One order; someone else's order is STORE_ENOTFOUND (admins see all). */
STORE_API store_status_t store_order_get(char **out_order_json, store_session_t *session,
                                         const char *order_id, store_error_t *error);

/* {"status": "..."} of one order. */
STORE_API store_status_t store_order_status(char **out_status_json, store_session_t *session,
                                            const char *order_id, store_error_t *error);

/* Admin (or staff holding manage_orders): `status_json` {"status": "paid" | "shipped" |
 * "delivered" | "cancelled", "payment_reference"?}; illegal moves are STORE_ECONFLICT. Each move
 * is recorded in the order's events.
 * payment_reference (1 to 255 visible ASCII characters, only with "paid", else STORE_EINVAL
 * naming it) is kept on the order. Sending the same reference again — a payment provider's
 * webhook replayed, even after the order moved on or was cancelled — answers the order as it is
 * and writes nothing (no event, no audit entry); another reference on an order already paid is
 * STORE_ECONFLICT with field "payment_reference". Of two concurrent moves to paid with
 * different references exactly one is kept. */
STORE_API store_status_t store_order_set_status(char **out_order_json, store_session_t *session,
                                                const char *order_id, const char *status_json,
                                                store_error_t *error);

/* The history of one order, oldest first: *out_events_json {"items": [{"type", "status_from",
 * "status_to", "actor_id", "at"}]}. type "placed" (status_from null, actor the buyer),
 * "status_changed" (each move by store_order_set_status()), "cancelled" (status_from "placed" or
 * "paid", actor who cancelled). Each event is written by the same write as its change. An order
 * stored before events were kept starts with a "placed" event made from its created_at and
 * user_id; actor_id is null only for a cancellation begun by such an older libstore and
 * completed by store_recover(). Who may see the order may see its events (the owner; admins and
 * staff holding manage_orders); anyone else gets STORE_ENOTFOUND. One round trip after the
 * session check. */
STORE_API store_status_t store_order_events(char **out_events_json, store_session_t *session,
                                            const char *order_id, store_error_t *error);

/* The owner (or an admin) cancels a placed or paid order; its stock is returned. */
STORE_API store_status_t store_order_cancel(char **out_order_json, store_session_t *session,
                                            const char *order_id, store_error_t *error);

/* Operator action: rolls back orders a crash left half-placed and completes half-done
 * cancellations (those older than a minute), returning their stock exactly once. Runs at
 * store_open() too; safe at any time and from several processes. *out_report_json (may be
 * NULL): {"orders_rolled_back", "cancellations_completed", "marks_cleared",
 * "audit_entries_committed", "audit_entries_dropped", "images_removed", "events_relayed"} (audit
 * entries of admin and staff writes a crash left unsettled: committed when their change
 * happened, dropped otherwise; image files no product lists, uploaded more than a minute ago;
 * events a crash left in users' and orders' outboxes, relayed to the feed: see events.h). */
STORE_API store_status_t store_recover(char **out_report_json, store_t *store,
                                       store_error_t *error);

/* Rewrites documents an older libstore stored into the current shape, in place: products from
 * before variants gain their default variant (its id is the product's), cart and order lines
 * their variant_id. Nothing needs it — old documents read and work as they are — but afterwards
 * every index serves them. Safe to run again (it then rewrites nothing) and alongside running
 * stores. *out_report_json (may be NULL): {"products_upgraded", "carts_upgraded",
 * "orders_upgraded"}. */
STORE_API store_status_t store_migrate(char **out_report_json, store_t *store,
                                       store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_ORDERS_H */
