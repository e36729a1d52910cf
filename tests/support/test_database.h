/*
 * Test database fixture for libstore's C and C++ test programs (GoogleTest, CMocka); the
 * pytest suites use its Python twin, tests/testdb/test_database.py.
 *
 * By default it starts SecantusDB (`python -m secantus`, from the .venv that .ci/install-deps
 * makes) on a free 127.0.0.1 port over a temporary data directory. With the environment
 * variable LIBSTORE_TEST_MONGODB_URI set, that server is used instead and nothing is started.
 *
 * Environment:
 *   LIBSTORE_TEST_MONGODB_URI  use this MongoDB instead of starting SecantusDB
 *   LIBSTORE_TEST_DATABASE     database name (default "libstore_test")
 *   LIBSTORE_TEST_TOPOLOGY     "replicaset" (default: SecantusDB answers as a one-node replica
 *                              set, so stores use transactions) or "standalone" (--standalone:
 *                              stores use the recorded sequence)
 *   LIBSTORE_TEST_TRANSACTIONS the stores' `transactions` option: auto (default), always or
 *                              never; see test_database_transactions()
 *   LIBSTORE_TEST_PYTHON       interpreter that has SecantusDB (default: the compile-time
 *                              LIBSTORE_TEST_DATABASE_PYTHON)
 *
 * Threading: a test_database_t is not thread-safe; call these functions from one thread. On
 * Linux the server is tied to the thread that started it (PR_SET_PDEATHSIG), so start and
 * restart it from a thread that outlives it (normally the main thread).
 */
#ifndef LIBSTORE_TESTS_SUPPORT_TEST_DATABASE_H
#define LIBSTORE_TESTS_SUPPORT_TEST_DATABASE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct test_database test_database_t;

/* Starts SecantusDB (or uses LIBSTORE_TEST_MONGODB_URI) and waits until it answers; prints a
 * clear message to stderr and returns NULL on failure. Calls mongoc_init() once. */
test_database_t *test_database_start(void);

/* Connection string, with serverSelectionTimeoutMS=2000 unless the user's URI sets it. */
const char *test_database_uri(const test_database_t *db);

/* "libstore_test" or env LIBSTORE_TEST_DATABASE. */
const char *test_database_name(const test_database_t *db);

/* True when the fixture runs the server itself (and so can stop and restart it). */
bool test_database_is_spawned(const test_database_t *db);

/* The `transactions` option stores under test use: "auto", "always" or "never"
 * (env LIBSTORE_TEST_TRANSACTIONS, default "auto"). */
const char *test_database_transactions(const test_database_t *db);

/* True when the server answers as a replica set or mongos (it runs transactions). */
bool test_database_supports_transactions(test_database_t *db);

/* Deletes every document of every collection of the test database, keeping collections and
 * indexes. */
bool test_database_reset(test_database_t *db);

/* Outage tests: stops the spawned server, remembering its port and data directory. */
bool test_database_stop_server(test_database_t *db);

/* Starts it again on the same port and data directory and waits until it answers a ping.
 * Everything written before the stop is still there. */
bool test_database_restart_server(test_database_t *db);

/* Stops the server if spawned, removes its data directory, frees everything. NULL is allowed. */
void test_database_free(test_database_t *db);

#ifdef __cplusplus
}
#endif

#endif /* LIBSTORE_TESTS_SUPPORT_TEST_DATABASE_H */
