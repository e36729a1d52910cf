/* Shared set-up for the CMocka suites: one test database per test program, and a store opened
 * on it with test-speed options. */
#ifndef LIBSTORE_TESTS_CAPI_FIXTURE_H
#define LIBSTORE_TESTS_CAPI_FIXTURE_H

#include <libstore/store.h>

#include <stddef.h>

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

/* Registers a client (admin when `admin`) named `username` with email username@example.com and
 * password CAPI_TEST_PASSWORD; fails the test on error. Returns the user JSON (store_free it)
 * or NULL when `out_user_json` is not wanted. */
#define CAPI_TEST_PASSWORD "password-123"
void capi_create_user(store_t *store, const char *username, int admin, char **out_user_json);

/* Logs `username` in with CAPI_TEST_PASSWORD and opens a session; fails the test on error. */
store_session_t *capi_login(store_t *store, const char *username);

/* Commands named `command` the store has sent so far, from store_stats(); fails the test when
 * the statistics cannot be read. Subtract two readings to count one call's round trips. */
long capi_command_count(store_t *store, const char *command);

/* Copies the string value of "key" out of a flat JSON object into `out`; fails the test when
 * absent. Enough for ids and tokens in tests. */
void capi_json_string(const char *json, const char *key, char *out, size_t size);

#endif
