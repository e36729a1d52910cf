/* Test database fixture: see test_database.h. */
#define _POSIX_C_SOURCE 200809L

#include "test_database.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <mongoc/mongoc.h>

#define TDB_DEFAULT_DATABASE "libstore_test"
#define TDB_DEFAULT_PYTHON "/usr/bin/python3"
#define TDB_START_TIMEOUT_MS 10000
#define TDB_STOP_TIMEOUT_MS 5000
#define TDB_SELECTION_TIMEOUT_MS 2000

struct test_database {
    char *uri;
    char *name;
    bool standin;
    pid_t pid;               /* > 0 while the spawned stand-in runs */
    int port;                /* remembered across stop/restart */
    char *tmpdir;            /* holds the port file */
    mongoc_client_t *client; /* helper client for reset/counters */
};

static void tdb_log(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("[test_database] ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void tdb_sleep_ms(long ms) {
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static int64_t tdb_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void tdb_mongoc_init_once(void) {
    static bool initialized = false;
    if (!initialized) {
        mongoc_init();
        initialized = true;
    }
}

static const char *tdb_script_path(void) {
#ifdef LIBSTORE_STANDIN_SCRIPT
    if (LIBSTORE_STANDIN_SCRIPT[0] != '\0') {
        return LIBSTORE_STANDIN_SCRIPT;
    }
#endif
    return getenv("LIBSTORE_STANDIN_SCRIPT");
}

static void tdb_drop_client(test_database_t *db) {
    if (db->client) {
        mongoc_client_destroy(db->client);
        db->client = NULL;
    }
}

static mongoc_client_t *tdb_client(test_database_t *db) {
    if (!db->client) {
        bson_error_t error;
        mongoc_uri_t *uri = mongoc_uri_new_with_error(db->uri, &error);
        if (!uri) {
            tdb_log("invalid URI '%s': %s", db->uri, error.message);
            return NULL;
        }
        db->client = mongoc_client_new_from_uri(uri);
        mongoc_uri_destroy(uri);
        if (!db->client) {
            tdb_log("cannot create a client for '%s'", db->uri);
            return NULL;
        }
        mongoc_client_set_error_api(db->client, MONGOC_ERROR_API_VERSION_2);
        mongoc_client_set_appname(db->client, "libstore-test-database");
    }
    return db->client;
}

static void tdb_remove_tmpdir(test_database_t *db) {
    if (db->tmpdir) {
        size_t len = strlen(db->tmpdir) + sizeof("/port");
        char *path = malloc(len);
        if (path) {
            snprintf(path, len, "%s/port", db->tmpdir);
            unlink(path);
            free(path);
        }
        rmdir(db->tmpdir);
        free(db->tmpdir);
        db->tmpdir = NULL;
    }
}

/* Waits for pid to exit within timeout_ms; true if reaped. */
static bool tdb_wait_exit(pid_t pid, long timeout_ms) {
    int64_t deadline = tdb_now_ms() + timeout_ms;
    for (;;) {
        int status;
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD)) {
            return true;
        }
        if (tdb_now_ms() > deadline) {
            return false;
        }
        tdb_sleep_ms(10);
    }
}

static void tdb_kill_server(test_database_t *db) {
    if (db->pid > 0) {
        kill(db->pid, SIGTERM);
        if (!tdb_wait_exit(db->pid, TDB_STOP_TIMEOUT_MS)) {
            tdb_log("stand-in pid %ld ignored SIGTERM, sending SIGKILL", (long)db->pid);
            kill(db->pid, SIGKILL);
            waitpid(db->pid, NULL, 0);
        }
        db->pid = 0;
    }
    tdb_remove_tmpdir(db);
}

static bool tdb_ping(test_database_t *db, bson_error_t *error) {
    mongoc_client_t *client = tdb_client(db);
    bson_t cmd = BSON_INITIALIZER;
    bool ok;
    if (!client) {
        bson_destroy(&cmd);
        return false;
    }
    BSON_APPEND_INT32(&cmd, "ping", 1);
    ok = mongoc_client_command_simple(client, "admin", &cmd, NULL, NULL, error);
    bson_destroy(&cmd);
    return ok;
}

/* Spawns the stand-in on `port` (0 = any) and waits for its port file. */
static bool tdb_spawn(test_database_t *db, int port) {
    const char *script = tdb_script_path();
    const char *python = getenv("LIBSTORE_TEST_PYTHON");
    char tmpl[] = "/tmp/libstore-standin-XXXXXX";
    char port_arg[16];
    char *port_file;
    size_t len;
    pid_t pid;
    int64_t deadline;

#ifdef LIBSTORE_TEST_PYTHON_DEFAULT
    if (!python || !*python) {
        python = LIBSTORE_TEST_PYTHON_DEFAULT; /* CMake's LIBSTORE_PYTHON */
    }
#endif
    if (!python || !*python) {
        python = TDB_DEFAULT_PYTHON;
    }
    if (!script || !*script) {
        tdb_log(
            "no stand-in script: compile with -DLIBSTORE_STANDIN_SCRIPT=\\\"/abs/path/"
            "tests/testdb/mongo_standin.py\\\" or set LIBSTORE_STANDIN_SCRIPT "
            "(or set LIBSTORE_TEST_MONGODB_URI to use a real MongoDB)");
        return false;
    }
    if (access(script, R_OK) != 0) {
        tdb_log("stand-in script '%s' is not readable: %s", script, strerror(errno));
        return false;
    }
    if (access(python, X_OK) != 0) {
        tdb_log("python interpreter '%s' is not executable: %s", python, strerror(errno));
        return false;
    }
    if (!mkdtemp(tmpl)) {
        tdb_log("mkdtemp failed: %s", strerror(errno));
        return false;
    }
    db->tmpdir = strdup(tmpl);
    len = strlen(tmpl) + sizeof("/port");
    port_file = malloc(len);
    if (!db->tmpdir || !port_file) {
        free(port_file);
        tdb_remove_tmpdir(db);
        return false;
    }
    snprintf(port_file, len, "%s/port", tmpl);
    snprintf(port_arg, sizeof port_arg, "%d", port);

    fflush(stdout);
    fflush(stderr);
    {
        pid_t parent = getpid();
        pid = fork();
        if (pid == 0) {
            char *argv[7];
            int devnull = open("/dev/null", O_RDWR);
#ifdef __linux__
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (getppid() != parent) {
                _exit(1);
            }
#else
            (void)parent;
#endif
            if (devnull >= 0) {
                dup2(devnull, STDIN_FILENO);
                dup2(devnull, STDOUT_FILENO); /* the port also goes to stdout */
                if (devnull > STDERR_FILENO) {
                    close(devnull);
                }
            }
            argv[0] = (char *)python;
            argv[1] = (char *)script;
            argv[2] = (char *)"--port";
            argv[3] = port_arg;
            argv[4] = (char *)"--port-file";
            argv[5] = port_file;
            argv[6] = NULL;
            execv(python, argv);
            fprintf(stderr, "[test_database] execv %s failed: %s\n", python, strerror(errno));
            _exit(127);
        }
    }
    if (pid < 0) {
        tdb_log("fork failed: %s", strerror(errno));
        free(port_file);
        tdb_remove_tmpdir(db);
        return false;
    }
    db->pid = pid;

    deadline = tdb_now_ms() + TDB_START_TIMEOUT_MS;
    for (;;) {
        int status;
        FILE *f = fopen(port_file, "r");
        if (f) {
            int p = 0;
            int n = fscanf(f, "%d", &p);
            fclose(f);
            if (n == 1 && p > 0) {
                db->port = p;
                break;
            }
        }
        if (waitpid(pid, &status, WNOHANG) == pid) {
            db->pid = 0;
            tdb_log(
                "stand-in '%s %s' exited during startup (status %d); see its "
                "output above",
                python, script, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            free(port_file);
            tdb_remove_tmpdir(db);
            return false;
        }
        if (tdb_now_ms() > deadline) {
            tdb_log("stand-in did not report its port within %d ms", TDB_START_TIMEOUT_MS);
            free(port_file);
            tdb_kill_server(db);
            return false;
        }
        tdb_sleep_ms(20);
    }
    free(port_file);

    bson_free(db->uri);
    db->uri = bson_strdup_printf(
        "mongodb://127.0.0.1:%d/?serverSelectionTimeoutMS=%d"
        "&connectTimeoutMS=%d",
        db->port, TDB_SELECTION_TIMEOUT_MS, TDB_SELECTION_TIMEOUT_MS);
    return true;
}

/* Appends serverSelectionTimeoutMS to a connection string that lacks it. */
static char *tdb_uri_with_selection_timeout(const char *uri_string) {
    const char *scheme_end = strstr(uri_string, "://");
    const char *rest = scheme_end ? scheme_end + 3 : uri_string;
    const char *sep;
    char *result;
    mongoc_uri_t *check;

    if (strchr(rest, '?')) {
        sep =
            (uri_string[strlen(uri_string) - 1] == '?' || uri_string[strlen(uri_string) - 1] == '&')
                ? ""
                : "&";
    } else if (strchr(rest, '/')) {
        sep = "?";
    } else {
        sep = "/?";
    }
    result = bson_strdup_printf("%s%sserverSelectionTimeoutMS=%d", uri_string, sep,
                                TDB_SELECTION_TIMEOUT_MS);
    check = mongoc_uri_new(result);
    if (!check) {
        bson_free(result);
        return bson_strdup(uri_string); /* keep the user's string unchanged */
    }
    mongoc_uri_destroy(check);
    return result;
}

test_database_t *test_database_start(void) {
    const char *env_uri = getenv("LIBSTORE_TEST_MONGODB_URI");
    const char *env_db = getenv("LIBSTORE_TEST_DATABASE");
    test_database_t *db;

    tdb_mongoc_init_once();
    db = calloc(1, sizeof *db);
    if (!db) {
        tdb_log("out of memory");
        return NULL;
    }
    db->name = bson_strdup(env_db && *env_db ? env_db : TDB_DEFAULT_DATABASE);

    if (env_uri && *env_uri) {
        bson_error_t error;
        mongoc_uri_t *uri = mongoc_uri_new_with_error(env_uri, &error);
        if (!uri) {
            tdb_log("LIBSTORE_TEST_MONGODB_URI='%s' is invalid: %s", env_uri, error.message);
            test_database_free(db);
            return NULL;
        }
        if (mongoc_uri_has_option(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS)) {
            db->uri = bson_strdup(env_uri);
        } else {
            db->uri = tdb_uri_with_selection_timeout(env_uri);
        }
        mongoc_uri_destroy(uri);
        db->standin = false;
        return db;
    }

    db->standin = true;
    if (!tdb_spawn(db, 0)) {
        tdb_log("could not start the MongoDB stand-in");
        test_database_free(db);
        return NULL;
    }
    return db;
}

const char *test_database_uri(const test_database_t *db) {
    return db ? db->uri : NULL;
}

const char *test_database_name(const test_database_t *db) {
    return db ? db->name : NULL;
}

bool test_database_is_standin(const test_database_t *db) {
    return db && db->standin;
}

bool test_database_reset_counters(test_database_t *db) {
    bson_t cmd = BSON_INITIALIZER;
    bson_error_t error;
    mongoc_client_t *client;
    bool ok;

    if (!db || !db->standin) {
        return false;
    }
    client = tdb_client(db);
    if (!client) {
        bson_destroy(&cmd);
        return false;
    }
    BSON_APPEND_INT32(&cmd, "libstoreResetCounters", 1);
    ok = mongoc_client_command_simple(client, "admin", &cmd, NULL, NULL, &error);
    if (!ok) {
        tdb_log("libstoreResetCounters failed: %s", error.message);
    }
    bson_destroy(&cmd);
    return ok;
}

bool test_database_reset(test_database_t *db) {
    mongoc_client_t *client;
    mongoc_database_t *database;
    bson_error_t error;
    char **names;
    bool ok = true;

    if (!db) {
        return false;
    }
    client = tdb_client(db);
    if (!client) {
        return false;
    }
    database = mongoc_client_get_database(client, db->name);
    names = mongoc_database_get_collection_names_with_opts(database, NULL, &error);
    if (!names) {
        tdb_log("listing collections of '%s' failed: %s", db->name, error.message);
        mongoc_database_destroy(database);
        return false;
    }
    for (char **n = names; *n; n++) {
        mongoc_collection_t *coll;
        bson_t filter = BSON_INITIALIZER;
        if (strncmp(*n, "system.", 7) == 0) {
            continue;
        }
        coll = mongoc_database_get_collection(database, *n);
        if (!mongoc_collection_delete_many(coll, &filter, NULL, NULL, &error)) {
            tdb_log("emptying '%s.%s' failed: %s", db->name, *n, error.message);
            ok = false;
        }
        bson_destroy(&filter);
        mongoc_collection_destroy(coll);
    }
    bson_strfreev(names);
    mongoc_database_destroy(database);
    if (ok && db->standin) {
        ok = test_database_reset_counters(db);
    }
    return ok;
}

int64_t test_database_counter(test_database_t *db, const char *command_name) {
    bson_t cmd = BSON_INITIALIZER;
    bson_t reply;
    bson_error_t error;
    bson_iter_t iter, child;
    mongoc_client_t *client;
    int64_t result = -1;

    if (!db || !db->standin || !command_name) {
        bson_destroy(&cmd);
        return -1;
    }
    client = tdb_client(db);
    if (!client) {
        bson_destroy(&cmd);
        return -1;
    }
    BSON_APPEND_INT32(&cmd, "libstoreCounters", 1);
    if (!mongoc_client_command_simple(client, "admin", &cmd, NULL, &reply, &error)) {
        tdb_log("libstoreCounters failed: %s", error.message);
    } else if (bson_iter_init_find(&iter, &reply, "counters") && BSON_ITER_HOLDS_DOCUMENT(&iter) &&
               bson_iter_recurse(&iter, &child)) {
        result = 0;
        if (bson_iter_find(&child, command_name)) {
            result = bson_iter_as_int64(&child);
        }
    } else {
        tdb_log("libstoreCounters: malformed reply");
    }
    bson_destroy(&reply);
    bson_destroy(&cmd);
    return result;
}

bool test_database_stop_server(test_database_t *db) {
    if (!db || !db->standin) {
        return false;
    }
    tdb_drop_client(db);
    tdb_kill_server(db);
    return true;
}

bool test_database_restart_server(test_database_t *db) {
    bson_error_t error;
    int64_t deadline;

    if (!db || !db->standin || db->port <= 0) {
        return false;
    }
    tdb_drop_client(db);
    tdb_kill_server(db);
    if (!tdb_spawn(db, db->port)) {
        tdb_log("could not restart the stand-in on port %d", db->port);
        return false;
    }
    deadline = tdb_now_ms() + TDB_START_TIMEOUT_MS;
    while (!tdb_ping(db, &error)) {
        tdb_drop_client(db);
        if (tdb_now_ms() > deadline) {
            tdb_log("restarted stand-in does not answer: %s", error.message);
            return false;
        }
        tdb_sleep_ms(50);
    }
    return true;
}

void test_database_free(test_database_t *db) {
    if (!db) {
        return;
    }
    tdb_drop_client(db);
    if (db->standin) {
        tdb_kill_server(db);
    }
    bson_free(db->uri);
    bson_free(db->name);
    free(db);
}
