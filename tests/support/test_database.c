/* Test database fixture: see test_database.h. */
#define _XOPEN_SOURCE 700

#include "test_database.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
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
#define TDB_START_TIMEOUT_MS 20000
#define TDB_STOP_TIMEOUT_MS 10000
#define TDB_SELECTION_TIMEOUT_MS 2000
#define TDB_LISTENING "listening on 127.0.0.1:"

struct test_database {
    char *uri;
    char *name;
    const char *transactions;
    bool spawned;
    bool standalone;
    pid_t pid;               /* > 0 while the spawned server runs */
    int port;                /* remembered across stop/restart */
    char *workdir;           /* holds data/ and server.log */
    mongoc_client_t *client; /* helper client for reset */
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

static const char *tdb_python(void) {
    const char *python = getenv("LIBSTORE_TEST_PYTHON");
    if (python && *python) {
        return python;
    }
#ifdef LIBSTORE_TEST_DATABASE_PYTHON
    return LIBSTORE_TEST_DATABASE_PYTHON;
#else
    return "python3";
#endif
}

static char *tdb_path(const test_database_t *db, const char *leaf) {
    return bson_strdup_printf("%s/%s", db->workdir, leaf);
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

static int tdb_remove_entry(const char *path, const struct stat *info, int type, struct FTW *walk) {
    (void)info;
    (void)type;
    (void)walk;
    remove(path);
    return 0;
}

static void tdb_remove_workdir(test_database_t *db) {
    if (db->workdir) {
        nftw(db->workdir, tdb_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        free(db->workdir);
        db->workdir = NULL;
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
            tdb_log("server pid %ld ignored SIGTERM, sending SIGKILL", (long)db->pid);
            kill(db->pid, SIGKILL);
            waitpid(db->pid, NULL, 0);
        }
        db->pid = 0;
    }
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

/* The port the server's log says it listens on, 0 while it has not said so yet. */
static int tdb_logged_port(const char *log_path) {
    char line[1024];
    int port = 0;
    FILE *log = fopen(log_path, "r");
    if (!log) {
        return 0;
    }
    while (port == 0 && fgets(line, sizeof line, log)) {
        const char *found = strstr(line, TDB_LISTENING);
        if (found) {
            port = atoi(found + strlen(TDB_LISTENING));
        }
    }
    fclose(log);
    return port;
}

static void tdb_print_log(const char *log_path) {
    char line[1024];
    FILE *log = fopen(log_path, "r");
    if (!log) {
        return;
    }
    while (fgets(line, sizeof line, log)) {
        fprintf(stderr, "[test_database]   %s", line);
    }
    fclose(log);
}

static void tdb_exec_server(test_database_t *db, const char *python, const char *log_path,
                            pid_t parent) {
    char port_arg[16];
    char *data_dir = tdb_path(db, "data");
    int log_fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int null_fd = open("/dev/null", O_RDONLY);
    const char *argv[16];
    int argc = 0;
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) {
        _exit(1);
    }
#else
    (void)parent;
#endif
    if (log_fd >= 0) {
        dup2(log_fd, STDOUT_FILENO);
        dup2(log_fd, STDERR_FILENO);
    }
    if (null_fd >= 0) {
        dup2(null_fd, STDIN_FILENO);
    }
    snprintf(port_arg, sizeof port_arg, "%d", db->port);
    argv[argc++] = python;
    argv[argc++] = "-m";
    argv[argc++] = "secantus";
    argv[argc++] = "--host";
    argv[argc++] = "127.0.0.1";
    argv[argc++] = "--port";
    argv[argc++] = port_arg;
    argv[argc++] = "--storage-path";
    argv[argc++] = data_dir;
    argv[argc++] = "--cache-size";
    argv[argc++] = "256M";
    if (db->standalone) {
        argv[argc++] = "--standalone";
    }
    argv[argc] = NULL;
    execvp(python, (char *const *)argv);
    fprintf(stderr, "execvp %s failed: %s\n", python, strerror(errno));
    _exit(127);
}

/* Starts SecantusDB on db->port (0 = any free port) over db->workdir/data and waits until it
 * answers a ping. */
static bool tdb_spawn(test_database_t *db) {
    const char *python = tdb_python();
    char *log_path = tdb_path(db, "server.log");
    bson_error_t error;
    pid_t parent = getpid();
    int64_t deadline = tdb_now_ms() + TDB_START_TIMEOUT_MS;
    bool ok = false;

    fflush(stdout);
    fflush(stderr);
    db->pid = fork();
    if (db->pid == 0) {
        tdb_exec_server(db, python, log_path, parent);
    }
    if (db->pid < 0) {
        tdb_log("fork failed: %s", strerror(errno));
        db->pid = 0;
        bson_free(log_path);
        return false;
    }
    for (;;) {
        int status;
        int port = tdb_logged_port(log_path);
        if (port > 0) {
            db->port = port;
            break;
        }
        if (waitpid(db->pid, &status, WNOHANG) == db->pid) {
            db->pid = 0;
            tdb_log("'%s -m secantus' exited during start-up (status %d); its output:", python,
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            tdb_print_log(log_path);
            tdb_log(
                "(run .ci/install-deps for the .venv with SecantusDB, or set "
                "LIBSTORE_TEST_MONGODB_URI to use a MongoDB)");
            bson_free(log_path);
            return false;
        }
        if (tdb_now_ms() > deadline) {
            tdb_log("SecantusDB did not start listening within %d ms; its output:",
                    TDB_START_TIMEOUT_MS);
            tdb_print_log(log_path);
            tdb_kill_server(db);
            bson_free(log_path);
            return false;
        }
        tdb_sleep_ms(20);
    }
    bson_free(db->uri);
    db->uri = bson_strdup_printf(
        "mongodb://127.0.0.1:%d/?serverSelectionTimeoutMS=%d"
        "&connectTimeoutMS=%d",
        db->port, TDB_SELECTION_TIMEOUT_MS, TDB_SELECTION_TIMEOUT_MS);
    while (!(ok = tdb_ping(db, &error)) && tdb_now_ms() < deadline) {
        tdb_drop_client(db);
        tdb_sleep_ms(50);
    }
    if (!ok) {
        tdb_log("SecantusDB on port %d does not answer: %s", db->port, error.message);
        tdb_print_log(log_path);
        tdb_kill_server(db);
    }
    bson_free(log_path);
    return ok;
}

/* Appends serverSelectionTimeoutMS to a connection string that lacks it. */
static char *tdb_uri_with_selection_timeout(const char *uri_string) {
    const char *scheme_end = strstr(uri_string, "://");
    const char *rest = scheme_end ? scheme_end + 3 : uri_string;
    size_t length = strlen(uri_string);
    const char *sep;
    char *result;
    mongoc_uri_t *check;

    if (strchr(rest, '?')) {
        sep = (uri_string[length - 1] == '?' || uri_string[length - 1] == '&') ? "" : "&";
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

static bool tdb_use_given_server(test_database_t *db, const char *env_uri) {
    bson_error_t error;
    mongoc_uri_t *uri = mongoc_uri_new_with_error(env_uri, &error);
    if (!uri) {
        tdb_log("LIBSTORE_TEST_MONGODB_URI='%s' is invalid: %s", env_uri, error.message);
        return false;
    }
    if (mongoc_uri_has_option(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS)) {
        db->uri = bson_strdup(env_uri);
    } else {
        db->uri = tdb_uri_with_selection_timeout(env_uri);
    }
    mongoc_uri_destroy(uri);
    return true;
}

static bool tdb_read_settings(test_database_t *db) {
    const char *topology = getenv("LIBSTORE_TEST_TOPOLOGY");
    const char *transactions = getenv("LIBSTORE_TEST_TRANSACTIONS");
    if (topology && *topology && strcmp(topology, "replicaset") != 0 &&
        strcmp(topology, "standalone") != 0) {
        tdb_log("LIBSTORE_TEST_TOPOLOGY='%s': expected replicaset or standalone", topology);
        return false;
    }
    db->standalone = topology && strcmp(topology, "standalone") == 0;
    db->transactions = "auto";
    if (transactions && *transactions) {
        if (strcmp(transactions, "auto") != 0 && strcmp(transactions, "always") != 0 &&
            strcmp(transactions, "never") != 0) {
            tdb_log("LIBSTORE_TEST_TRANSACTIONS='%s': expected auto, always or never",
                    transactions);
            return false;
        }
        db->transactions = transactions;
    }
    return true;
}

test_database_t *test_database_start(void) {
    const char *env_uri = getenv("LIBSTORE_TEST_MONGODB_URI");
    const char *env_db = getenv("LIBSTORE_TEST_DATABASE");
    char workdir[] = "/tmp/libstore-testdb-XXXXXX";
    test_database_t *db;

    tdb_mongoc_init_once();
    db = calloc(1, sizeof *db);
    if (!db) {
        tdb_log("out of memory");
        return NULL;
    }
    db->name = bson_strdup(env_db && *env_db ? env_db : TDB_DEFAULT_DATABASE);
    if (!tdb_read_settings(db)) {
        test_database_free(db);
        return NULL;
    }
    if (env_uri && *env_uri) {
        if (!tdb_use_given_server(db, env_uri)) {
            test_database_free(db);
            return NULL;
        }
        return db;
    }
    if (!mkdtemp(workdir)) {
        tdb_log("mkdtemp failed: %s", strerror(errno));
        test_database_free(db);
        return NULL;
    }
    db->workdir = strdup(workdir);
    db->spawned = true;
    if (!db->workdir || !tdb_spawn(db)) {
        tdb_log("could not start SecantusDB");
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

bool test_database_is_spawned(const test_database_t *db) {
    return db && db->spawned;
}

const char *test_database_transactions(const test_database_t *db) {
    return db ? db->transactions : "auto";
}

bool test_database_supports_transactions(test_database_t *db) {
    mongoc_client_t *client = db ? tdb_client(db) : NULL;
    bson_t cmd = BSON_INITIALIZER;
    bson_t reply;
    bson_error_t error;
    bson_iter_t iter;
    bool supported = false;
    if (!client) {
        bson_destroy(&cmd);
        return false;
    }
    BSON_APPEND_INT32(&cmd, "hello", 1);
    if (mongoc_client_command_simple(client, "admin", &cmd, NULL, &reply, &error)) {
        supported = bson_iter_init_find(&iter, &reply, "setName") ||
                    (bson_iter_init_find(&iter, &reply, "msg") && BSON_ITER_HOLDS_UTF8(&iter) &&
                     strcmp(bson_iter_utf8(&iter, NULL), "isdbgrid") == 0);
    } else {
        tdb_log("hello failed: %s", error.message);
    }
    bson_destroy(&reply);
    bson_destroy(&cmd);
    return supported;
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
    return ok;
}

bool test_database_stop_server(test_database_t *db) {
    if (!db || !db->spawned) {
        return false;
    }
    tdb_drop_client(db);
    tdb_kill_server(db);
    return true;
}

bool test_database_restart_server(test_database_t *db) {
    if (!db || !db->spawned || db->port <= 0) {
        return false;
    }
    tdb_drop_client(db);
    tdb_kill_server(db);
    if (!tdb_spawn(db)) {
        tdb_log("could not restart SecantusDB on port %d", db->port);
        return false;
    }
    return true;
}

void test_database_free(test_database_t *db) {
    if (!db) {
        return;
    }
    tdb_drop_client(db);
    tdb_kill_server(db);
    tdb_remove_workdir(db);
    bson_free(db->uri);
    bson_free(db->name);
    free(db);
}
