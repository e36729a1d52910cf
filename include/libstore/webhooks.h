/* libstore — webhooks: other systems told of the shop's events over HTTP (admins only; every
 * write is recorded in the audit log as webhook.create|update|delete).
 *
 *     char *webhook;
 *     if (store_webhook_create(&webhook, session,
 *                              "{\"url\":\"https://erp.example.com/libstore\","
 *                              "\"events\":[\"order.placed\",\"order.cancelled\"]}",
 *                              &error) == STORE_OK) {
 *         puts(webhook);  // {"id": ..., "secret": "whsec_...", ...}: keep the secret now
 *         store_free(webhook);
 *     }
 *     ...
 *     char *report;                      // in a background thread or process, in a loop:
 *     if (store_deliver(&report, store, &error) == STORE_OK) {
 *         ...                            // sleep up to next_due_in_ms (or a second) and again
 *         store_free(report);
 *     }
 *
 * Webhook: {id, url, events, active, created_at, updated_at} (+ secret, in the create answer only)
 *   url     absolute http:// or https:// URL with a host, at most 2048 characters, no user or
 *           password. "localhost" and loopback, private, link-local, unique-local or
 *           unspecified addresses are STORE_EINVAL (field "url") unless the store was opened
 *           with webhook_allow_private (engine.h); the sender checks the address it actually
 *           connects to as well, so a name that resolves to one fails its deliveries.
 *   events  non-empty list of event types (events.h: "order.placed", ...) or ["*"]; no repeats
 *   active  default true. An inactive webhook gets nothing; reactivated, it gets the events
 *           recorded from then on.
 * A new webhook gets the events recorded after its creation.
 *
 * Delivery: POST <url> with the event ({id, type, at, data}) as the body and the headers
 *   Content-Type: application/json
 *   X-Libstore-Event: <type>
 *   X-Libstore-Delivery: <event id>
 *   X-Libstore-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 *   User-Agent: libstore/<version>
 * where the HMAC key is the secret exactly as shown ("whsec_..."). A 2xx answer is delivered;
 * anything else (another status, a timeout, a refused connection, a private address) is retried
 * after webhook_retry_initial_ms, doubling to webhook_retry_max_ms, until the first attempt is
 * webhook_give_up_ms old (defaults 1 s, 1 h, 24 h); then the delivery is failed. Redirects are
 * not followed. Every event goes at least once; one event never goes to one webhook twice at
 * the same time, however many threads and processes call store_deliver(). */
#ifndef LIBSTORE_WEBHOOKS_H
#define LIBSTORE_WEBHOOKS_H

#include "libstore/accounts.h"
#include "libstore/engine.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

/* Creates a webhook. `webhook_json`: {url, events, active?}. *out_json is the webhook with its
 * `secret`, shown this once. */
STORE_API store_status_t store_webhook_create(char **out_json, store_session_t *session,
                                              const char *webhook_json, store_error_t *error);

/* Lists webhooks, newest first. `query_json` (may be NULL): {limit?, cursor?}.
 * *out_page_json: {"items": [webhook...], "next_cursor": ...}. */
STORE_API store_status_t store_webhooks_list(char **out_page_json, store_session_t *session,
                                             const char *query_json, store_error_t *error);

/* One webhook (without its secret); STORE_ENOTFOUND when there is none with that id. */
STORE_API store_status_t store_webhook_get(char **out_json, store_session_t *session,
                                           const char *webhook_id, store_error_t *error);

/* Changes a webhook. `changes_json`: any of url, events, active, at least one. */
STORE_API store_status_t store_webhook_update(char **out_json, store_session_t *session,
                                              const char *webhook_id, const char *changes_json,
                                              store_error_t *error);

/* Deletes a webhook with its pending deliveries and its delivery log. */
STORE_API store_status_t store_webhook_delete(store_session_t *session, const char *webhook_id,
                                              store_error_t *error);

/* The webhook's delivery attempts, newest first (kept 30 days). `query_json` (may be NULL):
 * {limit?, cursor?}. *out_page_json: {"items": [{event_id, event_type, at, attempt,
 * status_code (null without an answer), error (null when delivered), delivered, response_body
 * (at most 1 KiB)}...], "next_cursor": ...}. */
STORE_API store_status_t store_webhook_deliveries(char **out_page_json, store_session_t *session,
                                                  const char *webhook_id, const char *query_json,
                                                  store_error_t *error);

/* One delivery sweep, trusted (no session): hands the events recorded since the last sweep to
 * the webhooks that want them, then sends the deliveries that are due (at most 50 per call;
 * each may take up to webhook_timeout_ms). *out_report_json:
 *
 *     {"dispatched": 2, "attempted": 3, "delivered": 2, "retried": 1, "failed": 0,
 *      "next_due_in_ms": 1000}     null when nothing is waiting
 *
 * Safe to call from any number of threads and processes at once. STORE_EUNAVAILABLE when the
 * database cannot be reached (call again later). */
STORE_API store_status_t store_deliver(char **out_report_json, store_t *store,
                                       store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_WEBHOOKS_H */
