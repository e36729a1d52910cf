/* libstore — the events feed (the outbox): every change listed below records its event in the
 * same step as the change (one transaction with a replica set; on a standalone server the same
 * step of the recorded sequence, finished or rolled back by store_recover()), and consumers read
 * the events in id order. Ids grow and the feed has no holes: a consumer that remembers the last
 * id it handled and asks for what comes after it never misses an event.
 *
 *     long long after = 0;  // kept by the consumer between runs
 *     char query[64], *page;
 *     snprintf(query, sizeof query, "{\"after\":%lld,\"limit\":100}", after);
 *     if (store_events_list(&page, store, query, &error) == STORE_OK) {
 *         puts(page);  // {"items": [{"id": 1, "type": "user.registered", ...}], "next_after": 1}
 *         store_free(page);  // handle the items, then after = next_after
 *     }
 *
 * An event is {id, type, at (RFC 3339 UTC), data}. The types and their data:
 *   user.registered       {user_id, username, email}: every way an account is made (register,
 *                         the store-admin bootstrap).
 *   order.placed          the order as store_order_get() shows it.
 *   order.status_changed  {order_id, user_id, status_from, status_to, payment_reference?}
 *   order.cancelled       {order_id, user_id, status_from}
 *   variant.out_of_stock  {product_id, variant_id, sku}: a placed order took the variant's last
 *                         unit (emitted with that order's order.placed).
 *   voucher.used_up       {voucher_id, code}: a placed order took the voucher's last use.
 *   product.created, product.deleted  {product_id}
 *   product.updated       {product_id, fields: [names of what changed]} (variants and images
 *                         included).
 */
#ifndef LIBSTORE_EVENTS_H
#define LIBSTORE_EVENTS_H

#include "libstore/accounts.h"
#include "libstore/engine.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

/* For trusted consumers in the process (no caller is checked): reads the feed. `query_json`
 * (may be NULL): {after?: integer >= 0 (default 0), limit?: 1..1000 (default 100)}; unknown
 * members are refused (STORE_EINVAL naming them). *out_page_json: {"items": [event, ...] in id
 * order, "next_after": the last id returned, or `after` when none}. Cost: 2 round trips when
 * nothing new was published, k + 3 when k events wait for their ids. */
STORE_API store_status_t store_events_list(char **out_page_json, store_t *store,
                                           const char *query_json, store_error_t *error);

/* The same for a caller: admins only (STORE_EFORBIDDEN for anyone else), as GET /events. */
STORE_API store_status_t store_session_events_list(char **out_page_json, store_session_t *session,
                                                   const char *query_json, store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_EVENTS_H */
