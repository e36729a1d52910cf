/* open_store: connect to a store and check that its database answers.
 *
 *   MONGODB_URI=mongodb://127.0.0.1:27017 LIBSTORE_SECRET=<32+ bytes> ./open_store
 *
 * Every example reads the same environment as the hosts: MONGODB_URI, LIBSTORE_DB (default
 * "shop") and LIBSTORE_SECRET, the key that signs access tokens. */
#include <libstore/store.h>

#include <stdio.h>
#include <stdlib.h>

int main(void) {
    /* Always start from STORE_OPTIONS_INIT: fields are only ever appended to the struct, and
     * its `version` tells the library which ones this program knows about. */
    store_options_t options = STORE_OPTIONS_INIT;
    options.uri = getenv("MONGODB_URI");
    options.token_secret = getenv("LIBSTORE_SECRET");
    options.database = getenv("LIBSTORE_DB") != NULL ? getenv("LIBSTORE_DB") : "shop";

    /* The error struct is yours (the stack is fine) and needs no freeing; `field` names the
     * option or input at fault. */
    store_t *store = NULL;
    store_error_t error;
    if (store_open(&store, &options, &error) != STORE_OK) {
        fprintf(stderr, "store_open: %s (field: %s)\n", error.message, error.field);
        return 1;
    }

    /* Opening never waits for the database; the first call that needs it does, for up to the
     * server-selection timeout, and fails with STORE_EUNAVAILABLE if it cannot be reached. */
    store_status_t status = store_ping(store, &error);
    printf("libstore %s (headers %s): database %s\n", store_version(), STORE_VERSION_STRING,
           status == STORE_OK ? "connected" : store_status_name(status));

    store_close(store);
    return status == STORE_OK ? 0 : 1;
}
