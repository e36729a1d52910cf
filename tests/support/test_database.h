/*
 * Test database fixture for libstore C/C++ test programs (GoogleTest, CMocka).
 *
 * By default spawns the MongoDB stand-in (tests/testdb/mongo_standin.py) on a
 * free 127.0.0.1 port.  If the environment variable LIBSTORE_TEST_MONGODB_URI
 * is set, that server is used instead and nothing is spawned.
 *
 * Environment:
 *   LIBSTORE_TEST_MONGODB_URI  use a real MongoDB instead of the stand-in
 *   LIBSTORE_TEST_DATABASE     database name (default "libstore_test")
 *   LIBSTORE_STANDIN_SCRIPT    stand-in script path if the compile definition
 *                              LIBSTORE_STANDIN_SCRIPT is not set
 *   LIBSTORE_TEST_PYTHON       interpreter (default: compile definition
 *                              LIBSTORE_TEST_PYTHON_DEFAULT if non-empty,
 *                              else /usr/bin/python3)
 *
 * Threading: a test_database_t is not thread-safe; call these functions from
 * one thread.  On Linux the stand-in is tied to the thread that started it
 * (PR_SET_PDEATHSIG), so start/restart it from a thread that outlives it
 * (normally the main thread).  The stand-in keeps data in memory only: a
 * restart loses all data and indexes.
 */
#ifndef LIBSTORE_TESTS_SUPPORT_TEST_DATABASE_H
#define LIBSTORE_TESTS_SUPPORT_TEST_DATABASE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct test_database test_database_t;

/* Spawns the stand-in (or uses LIBSTORE_TEST_MONGODB_URI); prints a clear
 * message to stderr and returns NULL on failure.  Calls mongoc_init() once. */
test_database_t *test_database_start(void);

/* Connection string incl. serverSelectionTimeoutMS=2000. */
const char *test_database_uri(const test_database_t *db);

/* "libstore_test" or env LIBSTORE_TEST_DATABASE. */
const char *test_database_name(const test_database_t *db);

bool test_database_is_standin(const test_database_t *db);

/* Delete all documents in all collections of the test database, keeping
 * collections and indexes; resets the counters if stand-in. */
bool test_database_reset(test_database_t *db);

/* Number of times the stand-in received command `command_name` (canonical
 * spelling, e.g. "find", "findAndModify", "getMore") since the last counter
 * reset; hello/isMaster are never counted.  -1 if not the stand-in or on
 * error; 0 if never seen. */
int64_t test_database_counter(test_database_t *db, const char *command_name);

bool test_database_reset_counters(test_database_t *db);

/* Outage tests: stop the stand-in but remember the port. */
bool test_database_stop_server(test_database_t *db);

/* Start it again on the same port and wait until it answers a ping.
 * The restarted stand-in is empty (no data, no indexes). */
bool test_database_restart_server(test_database_t *db);

/* Stops the server if spawned; frees everything.  NULL is allowed. */
void test_database_free(test_database_t *db);

#ifdef __cplusplus
}
#endif

#endif /* LIBSTORE_TESTS_SUPPORT_TEST_DATABASE_H */
