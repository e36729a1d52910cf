#include "capi_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>

test_database_t *capi_test_database = NULL;

int capi_fixture_group_setup(void **state) {
    (void)state;
    capi_test_database = test_database_start();
    return capi_test_database != NULL ? 0 : -1;
}

int capi_fixture_group_teardown(void **state) {
    (void)state;
    test_database_free(capi_test_database);
    capi_test_database = NULL;
    return 0;
}

store_options_t capi_test_options(void) {
    store_options_t options = STORE_OPTIONS_INIT;
    options.uri = test_database_uri(capi_test_database);
    options.database = test_database_name(capi_test_database);
    options.token_secret = CAPI_TEST_SECRET;
    options.password_cost = STORE_PASSWORD_COST_MINIMUM;
    options.server_selection_timeout_ms = 2000;
    return options;
}

int capi_fixture_open_store(void **state) {
    if (!test_database_reset(capi_test_database)) {
        return -1;
    }
    store_options_t options = capi_test_options();
    store_t *store = NULL;
    store_error_t error;
    if (store_open(&store, &options, &error) != STORE_OK) {
        fprintf(stderr, "store_open: %s (%s)\n", error.message, error.field);
        return -1;
    }
    *state = store;
    return 0;
}

int capi_fixture_close_store(void **state) {
    store_close(*state);
    *state = NULL;
    return 0;
}
