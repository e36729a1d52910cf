/* The database goes away while the C ABI is in use, from several threads, and comes back: every
 * call returns STORE_EUNAVAILABLE within the store's timeout while it is gone, nothing crashes or
 * hangs, and calls succeed again afterwards, on the data written before. This program has its
 * own test database (the fixture starts one per program). */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <cmocka.h>

#include "capi_fixture.h"

#define TIMEOUT_MS 200
/* A call may wait for server selection more than once (the account re-check, then the work);
 * generous for loaded or instrumented runs (sanitizers, valgrind), far below a hang. */
#define MAX_CALL_SECONDS 5.0
#define WORKERS 4

static double now_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static void sleep_seconds(double seconds) {
    struct timespec pause = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
    nanosleep(&pause, NULL);
}

static void ok(store_status_t status, const store_error_t *error) {
    if (status != STORE_OK) {
        fail_msg("%s: %s (%s)", store_status_name(status), error->message, error->field);
    }
}

/* The test database's URI with this test's short timeouts (the fixture's URI sets 2 s, which
 * would win over store_options_t). */
static store_t *open_short_timeout_store(void) {
    static char uri[512];
    const char *base = test_database_uri(capi_test_database);
    size_t length = strcspn(base, "?"); /* "mongodb://host:port/" or a real server's URI */
    snprintf(uri, sizeof uri, "%.*s%sserverSelectionTimeoutMS=%d&connectTimeoutMS=%d", (int)length,
             base, base[length] == '?' ? "?" : (strchr(base + 10, '/') ? "?" : "/?"), TIMEOUT_MS,
             TIMEOUT_MS);
    store_options_t options = capi_test_options();
    options.uri = uri;
    options.server_selection_timeout_ms = TIMEOUT_MS;
    store_t *store = NULL;
    store_error_t error;
    ok(store_open(&store, &options, &error), &error);
    return store;
}

typedef struct traffic {
    store_t *store;
    store_session_t *sessions[WORKERS];
    char product[25];
    atomic_bool stop;
    atomic_int calls;
    atomic_int unavailable;
    atomic_int wrong; /* anything but OK, UNAVAILABLE, or what the call may rightly say */
    atomic_int slow;
    char wrong_text[256];
    pthread_mutex_t lock;
} traffic_t;

typedef struct worker {
    traffic_t *traffic;
    int index;
} worker_t;

static void record(traffic_t *traffic, const char *call, store_status_t status,
                   const store_error_t *error, double seconds, bool acceptable) {
    atomic_fetch_add(&traffic->calls, 1);
    if (status == STORE_EUNAVAILABLE) {
        atomic_fetch_add(&traffic->unavailable, 1);
    } else if (status != STORE_OK && !acceptable) {
        if (atomic_fetch_add(&traffic->wrong, 1) == 0) {
            pthread_mutex_lock(&traffic->lock);
            snprintf(traffic->wrong_text, sizeof traffic->wrong_text, "%s: %s: %.160s", call,
                     store_status_name(status), error->message);
            pthread_mutex_unlock(&traffic->lock);
        }
    }
    if (seconds > MAX_CALL_SECONDS) {
        atomic_fetch_add(&traffic->slow, 1);
    }
}

static void *work(void *argument) {
    worker_t *worker = argument;
    traffic_t *traffic = worker->traffic;
    store_session_t *session = traffic->sessions[worker->index];
    char body[128];
    snprintf(body, sizeof body, "{\"product_id\":\"%s\"}", traffic->product);
    for (int round = 0; round < 100000 && !atomic_load(&traffic->stop); ++round) {
        char *out = NULL;
        store_error_t error;
        double started = now_seconds();
        store_status_t status;
        const char *call;
        bool acceptable = false;
        switch ((round + worker->index) % 6) {
            case 0:
                call = "store_ping";
                status = store_ping(traffic->store, &error);
                break;
            case 1:
                call = "store_products_list";
                status = store_products_list(&out, traffic->store, NULL, "{\"q\":\"pen\"}", &error);
                break;
            case 2:
                call = "store_session_me";
                status = store_session_me(&out, session, &error);
                break;
            case 3:
                call = "store_cart_add_item";
                status = store_cart_add_item(&out, session, body, &error);
                acceptable = status == STORE_ECONFLICT; /* the line is full */
                break;
            case 4:
                call = "store_order_place";
                status = store_order_place(&out, NULL, session, NULL, &error);
                acceptable = status == STORE_EINVAL; /* another round emptied the cart */
                break;
            default:
                call = "store_orders_list";
                status = store_orders_list(&out, session, NULL, &error);
                break;
        }
        store_free(out);
        record(traffic, call, status, &error, now_seconds() - started, acceptable);
    }
    return NULL;
}

static void calls_from_many_threads_survive_an_outage(void **state) {
    (void)state;
    if (!test_database_is_spawned(capi_test_database)) {
        skip();
    }
    assert_true(test_database_reset(capi_test_database));
    traffic_t traffic = {0};
    pthread_mutex_init(&traffic.lock, NULL);
    traffic.store = open_short_timeout_store();
    capi_create_user(traffic.store, "root", 1, NULL);
    store_session_t *admin = capi_login(traffic.store, "root");
    char *json = NULL;
    store_error_t error;
    ok(store_product_create(&json, admin, "{\"name\":\"Pen\",\"price\":1,\"stock\":1000000}",
                            &error),
       &error);
    capi_json_string(json, "id", traffic.product, sizeof traffic.product);
    store_free(json);
    store_session_free(admin);
    for (int i = 0; i < WORKERS; ++i) {
        char name[32];
        snprintf(name, sizeof name, "buyer%d", i);
        capi_create_user(traffic.store, name, 0, NULL);
        traffic.sessions[i] = capi_login(traffic.store, name);
    }

    pthread_t threads[WORKERS];
    worker_t workers[WORKERS];
    for (int i = 0; i < WORKERS; ++i) {
        workers[i] = (worker_t){&traffic, i};
        assert_int_equal(pthread_create(&threads[i], NULL, work, &workers[i]), 0);
    }
    sleep_seconds(0.3);
    int before = atomic_load(&traffic.calls);
    assert_true(test_database_stop_server(capi_test_database));
    sleep_seconds(1.5);
    int unavailable = atomic_load(&traffic.unavailable);
    assert_true(test_database_restart_server(capi_test_database));
    /* Calls succeed again by themselves. */
    double deadline = now_seconds() + 15;
    while (store_ping(traffic.store, &error) != STORE_OK && now_seconds() < deadline) {
        sleep_seconds(0.05);
    }
    ok(store_ping(traffic.store, &error), &error);
    sleep_seconds(0.3);
    atomic_store(&traffic.stop, true);
    for (int i = 0; i < WORKERS; ++i) {
        pthread_join(threads[i], NULL);
        store_session_free(traffic.sessions[i]);
    }
    fprintf(stderr, "outage: %d calls (%d before the outage), %d unavailable\n",
            atomic_load(&traffic.calls), before, atomic_load(&traffic.unavailable));
    if (atomic_load(&traffic.wrong) > 0) {
        fail_msg("%d wrong answers, first: %s", atomic_load(&traffic.wrong), traffic.wrong_text);
    }
    assert_int_equal(atomic_load(&traffic.slow), 0);
    assert_true(before > 0);
    assert_true(unavailable >= WORKERS);

    /* The restarted database kept its data, and a fresh account works end to end. */
    store_session_t *kept = capi_login(traffic.store, "root");
    store_session_free(kept);
    capi_create_user(traffic.store, "after", 0, NULL);
    store_session_t *after = capi_login(traffic.store, "after");
    ok(store_cart_get(&json, after, &error), &error);
    store_free(json);
    store_session_free(after);
    store_close(traffic.store);
    pthread_mutex_destroy(&traffic.lock);
}

#define ENTRY_POINTS 31
#define CALL_THREADS 8

/* Calls entry point number `call` (0 to ENTRY_POINTS - 1). */
static store_status_t call_entry_point(int call, store_t *store, store_session_t *admin,
                                       store_session_t *ada, char **out_json, int *created,
                                       store_error_t *error) {
    char *out = NULL;
    const char *id = "0123456789abcdef01234567";
    store_status_t status = STORE_EINTERNAL;
    switch (call) {
        case 0:
            status = store_ping(store, error);
            break;
        case 1:
            status = store_register(&out, store,
                                    "{\"username\":\"bob\",\"email\":\"bob@example.com\","
                                    "\"password\":\"pw-12345\"}",
                                    error);
            break;
        case 2:
            status = store_login(&out, store, "{\"username\":\"ada\",\"password\":\"x\"}", error);
            break;
        case 3:
            status = store_create_admin(
                &out, store,
                "{\"username\":\"boss\",\"email\":\"boss@example.com\",\"password\":"
                "\"pw-12345\"}",
                error);
            break;
        case 4:
            status = store_session_me(&out, ada, error);
            break;
        case 5:
            status = store_session_update_me(&out, ada, "{\"name\":\"A\"}", error);
            break;
        case 6:
            status = store_session_logout(ada, error);
            break;
        case 7:
            status = store_users_list(&out, admin, NULL, error);
            break;
        case 8:
            status = store_user_deactivate(&out, admin, id, error);
            break;
        case 9:
            status = store_user_activate(&out, admin, id, error);
            break;
        case 10:
            status = store_categories_list(&out, store, NULL, error);
            break;
        case 11:
            status = store_category_get(&out, store, id, error);
            break;
        case 12:
            status = store_category_create(&out, admin, "{\"name\":\"Books\"}", error);
            break;
        case 13:
            status = store_category_update(&out, admin, id, "{\"name\":\"B\"}", error);
            break;
        case 14:
            status = store_category_delete(admin, id, error);
            break;
        case 15:
            status = store_products_list(&out, store, NULL, NULL, error);
            break;
        case 16:
            status = store_product_get(&out, store, ada, id, error);
            break;
        case 17:
            status = store_product_create(&out, admin, "{\"name\":\"P\",\"price\":1,\"stock\":1}",
                                          error);
            break;
        case 18:
            status = store_product_update(&out, admin, id, "{\"name\":\"P\"}", error);
            break;
        case 19:
            status = store_product_delete(admin, id, error);
            break;
        case 20:
            status = store_cart_get(&out, ada, error);
            break;
        case 21:
            status = store_cart_add_item(&out, ada, "{\"product_id\":\"0123456789abcdef01234567\"}",
                                         error);
            break;
        case 22:
            status = store_cart_set_quantity(&out, ada, id, "{\"quantity\":1}", error);
            break;
        case 23:
            status = store_cart_remove_item(&out, ada, id, error);
            break;
        case 24:
            status = store_cart_clear(&out, ada, error);
            break;
        case 25:
            status = store_order_place(&out, created, ada, "key-1", error);
            break;
        case 26:
            status = store_orders_list(&out, ada, NULL, error);
            break;
        case 27:
            status = store_order_get(&out, ada, id, error);
            break;
        case 28:
            status = store_order_status(&out, ada, id, error);
            break;
        case 29:
            status = store_order_set_status(&out, admin, id, "{\"status\":\"paid\"}", error);
            break;
        default:
            status = store_recover(&out, store, error);
            break;
    }
    *out_json = out;
    return status;
}

typedef struct call_thread {
    store_t *store;
    const char *admin_token;
    const char *ada_token;
    int first;
    double slowest;
    char failure[256];
} call_thread_t;

/* Every CALL_THREADS-th entry point from `first` on, with this thread's own sessions (a session
 * is used by one thread at a time). No cmocka assertions here: failures are written down. */
static void *call_entry_points(void *argument) {
    call_thread_t *job = argument;
    store_session_t *admin = NULL;
    store_session_t *ada = NULL;
    store_error_t error;
    if (store_session_open(&admin, job->store, job->admin_token, &error) != STORE_OK ||
        store_session_open(&ada, job->store, job->ada_token, &error) != STORE_OK) {
        snprintf(job->failure, sizeof job->failure, "session: %.200s", error.message);
    }
    for (int call = job->first; call < ENTRY_POINTS && job->failure[0] == '\0';
         call += CALL_THREADS) {
        char *out = NULL;
        int created = -1;
        double started = now_seconds();
        store_status_t status =
            call_entry_point(call, job->store, admin, ada, &out, &created, &error);
        double seconds = now_seconds() - started;
        job->slowest = seconds > job->slowest ? seconds : job->slowest;
        if (status != STORE_EUNAVAILABLE || error.code != STORE_EUNAVAILABLE ||
            error.message[0] == '\0' || out != NULL || created != -1) {
            snprintf(job->failure, sizeof job->failure, "call %d: %s (%.160s)", call,
                     store_status_name(status), error.message);
        } else if (seconds > MAX_CALL_SECONDS) {
            snprintf(job->failure, sizeof job->failure, "call %d took %.2f s", call, seconds);
        }
        store_free(out);
    }
    store_session_free(admin);
    store_session_free(ada);
    return NULL;
}

static void token_of(store_t *store, const char *username, char *token, size_t size) {
    char body[128];
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username,
             CAPI_TEST_PASSWORD);
    char *json = NULL;
    store_error_t error;
    ok(store_login(&json, store, body, &error), &error);
    capi_json_string(json, "access_token", token, size);
    store_free(json);
}

/* Every entry point once while the database is down, eight at a time: STORE_EUNAVAILABLE within
 * the timeout, NULL out-parameters, an explanation; store_open() itself still succeeds, and
 * sessions still open from valid tokens (that needs no database). */
static void every_call_is_unavailable_while_the_database_is_down(void **state) {
    (void)state;
    if (!test_database_is_spawned(capi_test_database)) {
        skip();
    }
    assert_true(test_database_reset(capi_test_database));
    store_t *store = open_short_timeout_store();
    capi_create_user(store, "root", 1, NULL);
    capi_create_user(store, "ada", 0, NULL);
    char admin_token[2048], ada_token[2048];
    token_of(store, "root", admin_token, sizeof admin_token);
    token_of(store, "ada", ada_token, sizeof ada_token);
    assert_true(test_database_stop_server(capi_test_database));

    store_error_t error;
    double started = now_seconds();
    store_close(open_short_timeout_store());
    assert_true(now_seconds() - started < MAX_CALL_SECONDS);

    pthread_t threads[CALL_THREADS];
    call_thread_t jobs[CALL_THREADS];
    for (int i = 0; i < CALL_THREADS; ++i) {
        jobs[i] = (call_thread_t){store, admin_token, ada_token, i, 0.0, ""};
        assert_int_equal(pthread_create(&threads[i], NULL, call_entry_points, &jobs[i]), 0);
    }
    for (int i = 0; i < CALL_THREADS; ++i) {
        pthread_join(threads[i], NULL);
    }
    double slowest = 0;
    for (int i = 0; i < CALL_THREADS; ++i) {
        if (jobs[i].failure[0] != '\0') {
            fail_msg("%s", jobs[i].failure);
        }
        slowest = jobs[i].slowest > slowest ? jobs[i].slowest : slowest;
    }
    fprintf(stderr, "outage: %d entry points unavailable, slowest %.3f s (timeout %d ms)\n",
            ENTRY_POINTS, slowest, TIMEOUT_MS);

    assert_true(test_database_restart_server(capi_test_database));
    double deadline = now_seconds() + 15;
    while (store_ping(store, &error) != STORE_OK && now_seconds() < deadline) {
        sleep_seconds(0.05);
    }
    ok(store_ping(store, &error), &error);
    capi_create_user(store, "again", 0, NULL);
    store_session_free(capi_login(store, "again"));
    store_close(store);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_call_is_unavailable_while_the_database_is_down),
        cmocka_unit_test(calls_from_many_threads_survive_an_outage),
    };
    return cmocka_run_group_tests_name("outage", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
