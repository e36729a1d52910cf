/* Crash recovery in the background: a thread owned by a store_recoverer_t that runs
 * store_recover() (orders.h) every `interval_ms` until store_recoverer_stop(). Every example
 * host runs one beside its HTTP server (LIBSTORE_RECOVER_INTERVAL, LIBSTORE_RECOVER_AGE).
 *
 * A placement or cancellation cut down by a crash (of the process, or of the database on the
 * recorded sequence) holds stock until recovery finishes or rolls it back; with a recoverer
 * running somewhere, that takes at most min_age_ms + interval_ms (90 s by default), with nobody
 * acting. Any number of recoverers may run at once, in one process or many: a roll-back is
 * claimed by deleting the pending order first, so no unit is given back twice and a cart is
 * refilled once. Work younger than min_age_ms is left alone: it may be a placement still
 * running elsewhere.
 *
 *     store_recoverer_options_t options = STORE_RECOVERER_OPTIONS_INIT;
 *     store_recoverer_t *recoverer = NULL;
 *     if (store_recoverer_start(&recoverer, store, &options, &error) == STORE_OK) {
 *         serve_until_stopped();  // the host's own work
 *         store_recoverer_stop(recoverer);
 *     }
 */
#ifndef LIBSTORE_RECOVERER_H
#define LIBSTORE_RECOVERER_H

#include <stdint.h>

#include "libstore/engine.h"
#include "libstore/errors.h"
#include "libstore/export.h"

STORE_EXTERN_C_BEGIN

typedef struct store_recoverer store_recoverer_t;

/* Told of each failed sweep, on the recoverer's thread: its status and message (valid during
 * the call only). Must not call store_recoverer_stop() on its own recoverer. */
typedef void (*store_recoverer_error_fn)(void *user_data, store_status_t status,
                                         const char *message);

#define STORE_RECOVERER_OPTIONS_VERSION 1

typedef struct store_recoverer_options {
    uint32_t version;                  /* STORE_RECOVERER_OPTIONS_VERSION */
    int64_t interval_ms;               /* between sweeps, 1..86400000; default 30000 */
    int64_t min_age_ms;                /* work this old is put right, 1000..86400000; default
                                          60000 (store_recover()'s) */
    store_recoverer_error_fn on_error; /* default NULL: failures are not told */
    void *user_data;                   /* handed to on_error */
} store_recoverer_options_t;

#define STORE_RECOVERER_OPTIONS_INIT \
    { STORE_RECOVERER_OPTIONS_VERSION, 30000, 60000, NULL, NULL }

/* Starts a recoverer over `store` (options NULL: the defaults); its first sweep runs at once.
 * The store must outlive it. A bad option -> STORE_EINVAL naming it ("interval_ms",
 * "min_age_ms", "version"). While the database cannot be reached it waits longer after each
 * failed sweep (the interval doubling, up to 5 minutes). */
STORE_API store_status_t store_recoverer_start(store_recoverer_t **out_recoverer, store_t *store,
                                               const store_recoverer_options_t *options,
                                               store_error_t *error);

/* Stops the recoverer after the sweep in progress and frees it. Accepts NULL. */
STORE_API void store_recoverer_stop(store_recoverer_t *recoverer);

STORE_EXTERN_C_END

#endif /* LIBSTORE_RECOVERER_H */
