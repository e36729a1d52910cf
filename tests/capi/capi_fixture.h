/* Shared set-up for the CMocka suites: one test database per test program, and a store opened
 * on it with test-speed options. */
#ifndef LIBSTORE_TESTS_CAPI_FIXTURE_H
#define LIBSTORE_TESTS_CAPI_FIXTURE_H

#include <libstore/store.h>

#include "test_database.h"

#define CAPI_TEST_SECRET "capi-test-secret-0123456789abcdef0123456789"

/* Started by capi_fixture_group_setup(), stopped by capi_fixture_group_teardown(). */
extern test_database_t *capi_test_database;

int capi_fixture_group_setup(void **state);
int capi_fixture_group_teardown(void **state);

/* Options pointing at the test database, minimum password cost, a 2 s selection timeout. */
store_options_t capi_test_options(void);

/* Per-test: reset the database and open a store into *state. */
int capi_fixture_open_store(void **state);
int capi_fixture_close_store(void **state);

#endif
