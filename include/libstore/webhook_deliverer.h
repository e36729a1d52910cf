/* Delivering webhooks in the background: a thread owned by a store_deliverer_t that runs
 * store_deliver() sweeps (webhooks.h) until store_deliverer_stop(). Every example host runs one
 * beside its HTTP server, and `store-admin deliver` runs one alone.
 *
 * Between sweeps the thread waits until the next delivery is due, but at most `idle_ms` (how
 * soon a new event goes out); while the database cannot be reached it waits longer after each
 * failed sweep (idle_ms doubling, up to 30 s). Any number of deliverers may run at once, in one
 * process or many: each delivery is leased, so none is sent twice at the same time, and one a
 * killed process was sending is sent again once its lease runs out.
 *
 *     store_deliverer_options_t options = STORE_DELIVERER_OPTIONS_INIT;
 *     store_deliverer_t *deliverer = NULL;
 *     if (store_deliverer_start(&deliverer, store, &options, &error) == STORE_OK) {
 *         serve_until_stopped();  // the host's own work
 *         store_deliverer_stop(deliverer);
 *     }
 */
#ifndef LIBSTORE_WEBHOOK_DELIVERER_H
#define LIBSTORE_WEBHOOK_DELIVERER_H

#include <stdint.h>

#include "libstore/engine.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

typedef struct store_deliverer store_deliverer_t;

/* Told of each failed sweep, on the deliverer's thread: its status and message (valid during
 * the call only). Must not call store_deliverer_stop() on its own deliverer. */
typedef void (*store_deliverer_error_fn)(void *user_data, store_status_t status,
                                         const char *message);

#define STORE_DELIVERER_OPTIONS_VERSION 1

typedef struct store_deliverer_options {
    uint32_t version;                  /* STORE_DELIVERER_OPTIONS_VERSION */
    int64_t idle_ms;                   /* longest wait between sweeps, 1..30000; default 1000 */
    store_deliverer_error_fn on_error; /* default NULL: failures are not told */
    void *user_data;                   /* handed to on_error */
} store_deliverer_options_t;

#define STORE_DELIVERER_OPTIONS_INIT \
    { STORE_DELIVERER_OPTIONS_VERSION, 1000, NULL, NULL }

/* Starts a deliverer over `store` (options NULL: the defaults); its first sweep runs at once.
 * The store must outlive it. A bad option -> STORE_EINVAL naming it ("idle_ms"). */
STORE_API store_status_t store_deliverer_start(store_deliverer_t **out_deliverer, store_t *store,
                                               const store_deliverer_options_t *options,
                                               store_error_t *error);

/* Stops the deliverer after the sweep in progress (a send in flight ends within the store's
 * webhook_timeout_ms) and frees it. Accepts NULL. */
STORE_API void store_deliverer_stop(store_deliverer_t *deliverer);

STORE_EXTERN_C_END

#endif /* LIBSTORE_WEBHOOK_DELIVERER_H */
