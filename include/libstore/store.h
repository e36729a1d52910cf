/* libstore — an embeddable online-store engine over MongoDB.
 *
 * The umbrella header: include this one. Conventions shared by every function:
 *   - Fallible functions return store_status_t and take an optional trailing store_error_t*.
 *   - Out-parameters come first. JSON results are UTF-8, returned through `char **out_json` and
 *     released with store_free(). On failure *out_json is set to NULL.
 *   - Inputs are JSON objects as strings, or plain C strings. The library never keeps a pointer
 *     to caller memory after a call returns.
 *   - store_t is thread-safe; a session handle is used by one thread at a time.
 * See errors.h for status codes, engine.h for opening a store, rate_limits.h for the call hosts
 * make before the authentication endpoints. */
#ifndef LIBSTORE_STORE_H
#define LIBSTORE_STORE_H

#include "libstore/export.h"
#include "libstore/version.h"
#include "libstore/errors.h"
#include "libstore/engine.h"
#include "libstore/accounts.h"
#include "libstore/audit.h"
#include "libstore/catalog.h"
#include "libstore/images.h"
#include "libstore/cart.h"
#include "libstore/guest_carts.h"
#include "libstore/orders.h"
#include "libstore/vouchers.h"
#include "libstore/webhooks.h"
#include "libstore/rate_limits.h"
#include "libstore/webhook_deliverer.h"
#include "libstore/recoverer.h"
#include "libstore/events.h"

#endif /* LIBSTORE_STORE_H */
