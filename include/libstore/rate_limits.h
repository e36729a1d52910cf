/* libstore — per-client-address rate limits on the authentication endpoints.
 *
 * API.md limits POST /auth/login, /auth/register, /auth/refresh and /auth/password-reset to
 * store_options_t.rate_limit_per_minute requests per client address and clock minute (default
 * 60; 0 turns the limits off); over it the answer is 429 `rate_limited` with Retry-After.
 *
 * Why this is a call of its own rather than a part of store_login() and the others: the library
 * never sees the connection. Only the host knows the peer address of the socket and the
 * request's X-Forwarded-For header, so the host reports them, once per request, before it runs
 * one of those endpoints; the library decides everything else — which address the request
 * counts against (a trusted proxy's X-Forwarded-For is believed, anybody else's is ignored), the
 * window, the count (kept in the database, so host processes sharing it share the limits) and
 * the answer. The same call serves every host, so they all limit alike:
 *
 *     store_error_t error;
 *     store_status_t status = store_rate_limit_hit(store, "login", peer, forwarded_for, &error);
 *     if (status != STORE_OK) {
 *         // STORE_ERATELIMITED: answer 429 with Retry-After: error.retry_after_seconds.
 *         // Anything else (STORE_EUNAVAILABLE...) is answered like the endpoint's own errors.
 *     }
 *     ... then store_login() as usual ... */
#ifndef LIBSTORE_RATE_LIMITS_H
#define LIBSTORE_RATE_LIMITS_H

#include "libstore/engine.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

/* Counts one request to a rate-limited endpoint.
 *
 * action         "login", "register", "refresh" or "password_reset" (POST /auth/login,
 *                /auth/register, /auth/refresh, /auth/password-reset); anything else is
 *                STORE_EINVAL, field "action". Each action has its own count.
 * peer_address   the TCP peer as the host's socket reports it: an IPv4 or IPv6 literal
 *                ("203.0.113.9", "2001:db8::9", "::ffff:203.0.113.9", "fe80::1%eth0"). A host
 *                without an IP peer (a Unix socket) passes "" (one shared count) or a short
 *                token of its own. NULL, or a token over 64 bytes or with blanks, commas or
 *                control characters, is STORE_EINVAL, field "peer_address".
 * forwarded_for  the request's X-Forwarded-For, its repeated header fields joined by ", " in
 *                the order received, or NULL when it has none. Read only when the peer is one
 *                of store_options_t.trusted_proxies: then from the right, skipping trusted
 *                proxies, the first address that is not one is the client; an entry that is
 *                not an address (or IPv4:port, [IPv6]:port) ends the walk and the last trusted
 *                hop counts. IPv6 clients count by their /64 network.
 *
 * STORE_OK: within the limit, go on. STORE_ERATELIMITED: over it; error->retry_after_seconds
 * is the number of seconds until the current minute ends (at least 1). With the limits off
 * (rate_limit_per_minute 0) the arguments are still checked, and nothing else happens: no round
 * trip. STORE_EUNAVAILABLE when the database cannot be reached. */
STORE_API store_status_t store_rate_limit_hit(store_t *store, const char *action,
                                              const char *peer_address, const char *forwarded_for,
                                              store_error_t *error);

STORE_EXTERN_C_END

#endif /* LIBSTORE_RATE_LIMITS_H */
