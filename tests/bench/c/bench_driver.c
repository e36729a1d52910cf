/* bench_driver — libstore's benchmark operations through the public C ABI.
 *
 *     bench_driver --uri URI --database DB --op OP [--count K] [--runs R] [--lines L]
 *                  [--cost minimum|interactive] [--clock process|rusage] [--interactive]
 *
 * OP is one of ping, register, login, view_product, list_products, add_to_cart, view_cart,
 * place_order (an order of --lines lines), cancel_order (a 1-line order) or memory. The driver
 * seeds the database it is given (an admin, 120 products, a buyer per operation: the same data
 * tests/bench/run.py seeds for the Python implementations), runs one untimed warm-up, then R runs
 * of K timed operations, and prints one JSON line: the client CPU time per operation of each run
 * (user + system time of every thread of this process, libmongoc's included; from
 * CLOCK_PROCESS_CPUTIME_ID, or with --clock rusage from getrusage(RUSAGE_SELF)), in microseconds,
 * and their median. Work an operation needs first (filling the cart before placing
 * an order) is done outside the timed part.
 *
 * An authenticated operation is what an HTTP host does per request: store_session_open() from
 * the access token, the call, store_session_free().
 *
 * --interactive (how tests/bench/run.py drives it): after the set-up and warm-up, prints "READY"
 * and answers commands read from standard input, one line each: "prepare" does the untimed
 * preparation once and answers "OK"; "run" does the operation once and answers the commands it
 * sent, by name, as a JSON object ({"aggregate":2,"update":1}: the difference of two
 * store_stats() readings, counted on the client, so the same on any server); "measure K" answers
 * the mean CPU microseconds of K timed operations; "quit" ends. So the caller can interleave runs
 * with other implementations.
 *
 * --op memory: K operations (default 10000) cycling through view product, list 20 products, add
 * to cart, view cart and place order; prints VmRSS after the set-up and after every 1000
 * operations, and VmHWM. */
#define _POSIX_C_SOURCE 200809L

#include <libstore/store.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define PRODUCT_COUNT 120
#define MAX_RUNS 64
#define ID_SIZE 32
#define TOKEN_SIZE 1024
#define BUFFER_SIZE 1024
#define MAX_COMMAND_NAMES 32
#define COMMAND_NAME_SIZE 32

static const char *const kPassword = "password-123";
static const char *const kSecret = "benchmark-secret-0123456789abcdef0123456789";
static const char *const kDescription =
    "A product of the benchmark catalogue, described in about eighty characters of text.";

typedef struct bench {
    store_t *store;
    char products[PRODUCT_COUNT][ID_SIZE];
    char token[TOKEN_SIZE]; /* the buyer of the operation being measured */
    char order[ID_SIZE];    /* cancel_order: the order placed for the next timed call */
    char buyer[64];         /* the buyer's username */
    int lines;
    int tag; /* makes user names unique per process */
    int buyers;
    int registered;
} bench_t;

static void die(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fprintf(stderr, "bench_driver: ");
    vfprintf(stderr, format, args);
    fprintf(stderr, "\n");
    va_end(args);
    exit(1);
}

static void check(store_status_t status, const store_error_t *error, const char *what) {
    if (status != STORE_OK) {
        die("%s: %s: %s (field '%s')", what, store_status_name(status), error->message,
            error->field);
    }
}

/* Copies the string value of the first "key" in a JSON text (ids and tokens: no escapes). */
static void json_string(char *out, size_t size, const char *json, const char *key) {
    char quoted[64];
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    const char *at = strstr(json, quoted);
    if (at == NULL) {
        die("no \"%s\" in %s", key, json);
    }
    at += strlen(quoted);
    while (*at == ' ' || *at == ':') {
        ++at;
    }
    if (*at != '"') {
        die("\"%s\" is not a string in %s", key, json);
    }
    ++at;
    const char *end = strchr(at, '"');
    if (end == NULL || (size_t)(end - at) >= size) {
        die("bad \"%s\" in %s", key, json);
    }
    memcpy(out, at, (size_t)(end - at));
    out[end - at] = '\0';
}

/* CPU time of the whole process (every thread), in microseconds: CLOCK_PROCESS_CPUTIME_ID, the
 * clock Python's time.process_time() reads, so that both sides are measured alike. */
static double cpu_us(void) {
    struct timespec now;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return (double)now.tv_sec * 1e6 + (double)now.tv_nsec / 1e3;
}

/* The same from getrusage(RUSAGE_SELF), user + system, in whole microseconds (--clock rusage). */
static double rusage_us(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 +
           (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

static double (*clock_us)(void) = cpu_us;

static long status_kib(const char *field) {
    FILE *file = fopen("/proc/self/status", "r");
    if (file == NULL) {
        return -1;
    }
    char line[256];
    long value = -1;
    size_t length = strlen(field);
    while (fgets(line, sizeof line, file) != NULL) {
        if (strncmp(line, field, length) == 0 && line[length] == ':') {
            value = strtol(line + length + 1, NULL, 10);
            break;
        }
    }
    fclose(file);
    return value;
}

/* The "commands" object of a store_stats() reading: how many commands of each name the store has
 * sent since it was opened. */
typedef struct command_counts {
    int size;
    char names[MAX_COMMAND_NAMES][COMMAND_NAME_SIZE];
    long counts[MAX_COMMAND_NAMES];
} command_counts_t;

/* Reads `"commands":{"name":n,...}` out of store_stats(), which writes compact JSON; command
 * names need no escapes. */
static void read_command_counts(command_counts_t *out, store_t *store) {
    char *stats = NULL;
    store_error_t error;
    check(store_stats(&stats, store, &error), &error, "store stats");
    const char *at = strstr(stats, "\"commands\":{");
    if (at == NULL) {
        die("no \"commands\" object in %s", stats);
    }
    at += strlen("\"commands\":{");
    out->size = 0;
    while (*at == '"') {
        const char *end = strchr(at + 1, '"');
        size_t length = end != NULL ? (size_t)(end - at - 1) : 0;
        if (end == NULL || end[1] != ':' || length >= COMMAND_NAME_SIZE ||
            out->size == MAX_COMMAND_NAMES) {
            die("unexpected \"commands\" in %s", stats);
        }
        memcpy(out->names[out->size], at + 1, length);
        out->names[out->size][length] = '\0';
        char *number_end;
        out->counts[out->size++] = strtol(end + 2, &number_end, 10);
        at = *number_end == ',' ? number_end + 1 : number_end;
    }
    if (*at != '}') {
        die("unexpected \"commands\" in %s", stats);
    }
    store_free(stats);
}

static long command_count(const command_counts_t *counts, const char *name) {
    for (int i = 0; i < counts->size; ++i) {
        if (strcmp(counts->names[i], name) == 0) {
            return counts->counts[i];
        }
    }
    return 0;
}

/* Prints the commands sent between two readings as one JSON line; counters only grow, so every
 * name of `before` is in `after`. */
static void print_commands_sent(const command_counts_t *before, const command_counts_t *after) {
    const char *separator = "";
    printf("{");
    for (int i = 0; i < after->size; ++i) {
        long sent = after->counts[i] - command_count(before, after->names[i]);
        if (sent != 0) {
            printf("%s\"%s\":%ld", separator, after->names[i], sent);
            separator = ",";
        }
    }
    printf("}\n");
}

static store_session_t *open_session(bench_t *bench) {
    store_session_t *session;
    store_error_t error;
    check(store_session_open(&session, bench->store, bench->token, &error), &error, "session open");
    return session;
}

/* Registers a user and logs in: `token` receives the access token. */
static void new_user(bench_t *bench, char *token, int admin) {
    char body[BUFFER_SIZE];
    char *json = NULL;
    store_error_t error;
    int number = bench->buyers++;
    snprintf(body, sizeof body,
             "{\"username\":\"%s%d_%d\",\"email\":\"%s%d_%d@example.com\",\"password\":\"%s\"}",
             admin ? "admin" : "buyer", bench->tag, number, admin ? "admin" : "buyer", bench->tag,
             number, kPassword);
    if (admin) {
        check(store_create_admin(&json, bench->store, body, &error), &error, "create admin");
    } else {
        check(store_register(&json, bench->store, body, &error), &error, "register");
    }
    store_free(json);
    snprintf(body, sizeof body, "{\"username\":\"%s%d_%d\",\"password\":\"%s\"}",
             admin ? "admin" : "buyer", bench->tag, number, kPassword);
    check(store_login(&json, bench->store, body, &error), &error, "login");
    json_string(token, TOKEN_SIZE, json, "access_token");
    store_free(json);
    if (!admin) {
        snprintf(bench->buyer, sizeof bench->buyer, "buyer%d_%d", bench->tag, number);
    }
}

static void seed(bench_t *bench) {
    char admin_token[TOKEN_SIZE];
    new_user(bench, admin_token, 1);
    store_session_t *admin;
    store_error_t error;
    check(store_session_open(&admin, bench->store, admin_token, &error), &error, "admin session");
    for (int i = 0; i < PRODUCT_COUNT; ++i) {
        char body[BUFFER_SIZE];
        char *json = NULL;
        snprintf(body, sizeof body,
                 "{\"name\":\"Product %03d\",\"price\":%d.%02d,\"stock\":1000000,"
                 "\"description\":\"%s\",\"sizes\":[\"S\",\"M\",\"L\"],"
                 "\"attributes\":{\"material\":\"cotton\"}}",
                 i, 12 + i / 100, i % 100, kDescription);
        check(store_product_create(&json, admin, body, &error), &error, "product create");
        json_string(bench->products[i], ID_SIZE, json, "id");
        store_free(json);
    }
    store_session_free(admin);
}

static void add_line(bench_t *bench, store_session_t *session, int product) {
    char body[BUFFER_SIZE];
    char *json = NULL;
    store_error_t error;
    snprintf(body, sizeof body, "{\"product_id\":\"%s\",\"quantity\":1}", bench->products[product]);
    check(store_cart_add_item(&json, session, body, &error), &error, "add to cart");
    store_free(json);
}

/* -- the operations: prepare (untimed) and run (timed) -- */

static void prepare_none(bench_t *bench) {
    (void)bench;
}

static void run_ping(bench_t *bench) {
    store_error_t error;
    check(store_ping(bench->store, &error), &error, "ping");
}

static void run_register(bench_t *bench) {
    char body[BUFFER_SIZE];
    char *json = NULL;
    store_error_t error;
    int number = bench->registered++;
    snprintf(body, sizeof body,
             "{\"username\":\"new%d_%d\",\"email\":\"new%d_%d@example.com\",\"password\":\"%s\"}",
             bench->tag, number, bench->tag, number, kPassword);
    check(store_register(&json, bench->store, body, &error), &error, "register");
    store_free(json);
}

static void run_login(bench_t *bench) {
    char body[BUFFER_SIZE];
    char *json = NULL;
    store_error_t error;
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", bench->buyer,
             kPassword);
    check(store_login(&json, bench->store, body, &error), &error, "login");
    store_free(json);
}

static void run_view_product(bench_t *bench) {
    char *json = NULL;
    store_error_t error;
    check(store_product_get(&json, bench->store, NULL, bench->products[7], &error), &error,
          "view product");
    store_free(json);
}

static void run_list_products(bench_t *bench) {
    char *json = NULL;
    store_error_t error;
    check(store_products_list(&json, bench->store, NULL, "{\"limit\":100}", &error), &error,
          "list products");
    store_free(json);
}

static void run_add_to_cart(bench_t *bench) {
    store_session_t *session = open_session(bench);
    add_line(bench, session, 1);
    store_session_free(session);
}

static void run_view_cart(bench_t *bench) {
    store_session_t *session = open_session(bench);
    char *json = NULL;
    store_error_t error;
    check(store_cart_get(&json, session, &error), &error, "view cart");
    store_free(json);
    store_session_free(session);
}

static void prepare_place_order(bench_t *bench) {
    store_session_t *session = open_session(bench);
    for (int i = 0; i < bench->lines; ++i) {
        add_line(bench, session, 10 + i);
    }
    store_session_free(session);
}

static void run_place_order(bench_t *bench) {
    store_session_t *session = open_session(bench);
    char *json = NULL;
    store_error_t error;
    check(store_order_place(&json, NULL, session, NULL, &error), &error, "place order");
    store_free(json);
    store_session_free(session);
}

static void prepare_cancel_order(bench_t *bench) {
    store_session_t *session = open_session(bench);
    char *json = NULL;
    store_error_t error;
    add_line(bench, session, 30);
    check(store_order_place(&json, NULL, session, NULL, &error), &error, "place order");
    json_string(bench->order, ID_SIZE, json, "id");
    store_free(json);
    store_session_free(session);
}

static void run_cancel_order(bench_t *bench) {
    store_session_t *session = open_session(bench);
    char *json = NULL;
    store_error_t error;
    check(store_order_cancel(&json, session, bench->order, &error), &error, "cancel order");
    store_free(json);
    store_session_free(session);
}

typedef struct operation {
    const char *name;
    void (*prepare)(bench_t *bench);
    void (*run)(bench_t *bench);
} operation_t;

static const operation_t kOperations[] = {
    {"ping", prepare_none, run_ping},
    {"register", prepare_none, run_register},
    {"login", prepare_none, run_login},
    {"view_product", prepare_none, run_view_product},
    {"list_products", prepare_none, run_list_products},
    {"add_to_cart", prepare_none, run_add_to_cart},
    {"view_cart", prepare_none, run_view_cart},
    {"place_order", prepare_place_order, run_place_order},
    {"cancel_order", prepare_cancel_order, run_cancel_order},
};

/* The buyer's state an operation starts from. */
static void prepare_buyer(bench_t *bench, const char *op) {
    new_user(bench, bench->token, 0);
    store_session_t *session = open_session(bench);
    if (strcmp(op, "add_to_cart") == 0) {
        add_line(bench, session, 1); /* the timed calls add to this line */
    } else if (strcmp(op, "view_cart") == 0) {
        for (int i = 0; i < 3; ++i) {
            add_line(bench, session, 1 + i);
        }
    }
    store_session_free(session);
}

/* Mean CPU microseconds of `count` timed calls, each after its untimed preparation. */
static double timed_calls(bench_t *bench, const operation_t *operation, int count) {
    double total = 0;
    for (int i = 0; i < count; ++i) {
        operation->prepare(bench);
        double start = clock_us();
        operation->run(bench);
        total += clock_us() - start;
    }
    return total / count;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

/* --interactive: commands on standard input, one answer line each. */
static int serve(bench_t *bench, const operation_t *operation) {
    printf("READY\n");
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL) {
        if (strncmp(line, "prepare", 7) == 0) {
            operation->prepare(bench);
            printf("OK\n");
        } else if (strncmp(line, "run", 3) == 0) {
            command_counts_t before;
            command_counts_t after;
            read_command_counts(&before, bench->store);
            operation->run(bench);
            read_command_counts(&after, bench->store);
            print_commands_sent(&before, &after);
        } else if (strncmp(line, "measure ", 8) == 0) {
            int count = atoi(line + 8);
            if (count < 1) {
                die("bad command: %s", line);
            }
            printf("%.3f\n", timed_calls(bench, operation, count));
        } else if (strncmp(line, "quit", 4) == 0) {
            break;
        } else {
            die("unknown command: %s", line);
        }
        fflush(stdout);
    }
    return 0;
}

static int measure(bench_t *bench, const operation_t *operation, int count, int runs,
                   int interactive) {
    prepare_buyer(bench, operation->name);
    operation->prepare(bench); /* warm-up: connections, caches, first-call work */
    operation->run(bench);
    if (interactive) {
        return serve(bench, operation);
    }
    double per_run[MAX_RUNS];
    for (int run = 0; run < runs; ++run) {
        per_run[run] = timed_calls(bench, operation, count);
    }
    printf("{\"op\":\"%s\",\"lines\":%d,\"count\":%d,\"runs\":%d,\"run_cpu_us\":[", operation->name,
           bench->lines, count, runs);
    for (int run = 0; run < runs; ++run) {
        printf("%s%.2f", run ? "," : "", per_run[run]);
    }
    qsort(per_run, (size_t)runs, sizeof per_run[0], compare_doubles);
    double median = runs % 2 ? per_run[runs / 2] : (per_run[runs / 2 - 1] + per_run[runs / 2]) / 2;
    printf("],\"median_cpu_us\":%.2f}\n", median);
    return 0;
}

static int memory(bench_t *bench, int count) {
    new_user(bench, bench->token, 0);
    long after_setup = status_kib("VmRSS");
    printf("{\"op\":\"memory\",\"count\":%d,\"rss_kib_after_setup\":%ld,\"rss_kib\":{", count,
           after_setup);
    for (int i = 1; i <= count; ++i) {
        int product = i % PRODUCT_COUNT;
        char *json = NULL;
        store_error_t error;
        store_session_t *session;
        switch (i % 5) {
            case 0:
                check(
                    store_product_get(&json, bench->store, NULL, bench->products[product], &error),
                    &error, "view product");
                break;
            case 1:
                check(store_products_list(&json, bench->store, NULL, "{\"limit\":20}", &error),
                      &error, "list products");
                break;
            case 2:
                session = open_session(bench);
                add_line(bench, session, product);
                store_session_free(session);
                break;
            case 3:
                session = open_session(bench);
                check(store_cart_get(&json, session, &error), &error, "view cart");
                store_session_free(session);
                break;
            default:
                session = open_session(bench);
                check(store_order_place(&json, NULL, session, NULL, &error), &error, "place order");
                store_session_free(session);
                break;
        }
        store_free(json);
        if (i % 1000 == 0) {
            printf("%s\"%d\":%ld", i == 1000 ? "" : ",", i, status_kib("VmRSS"));
        }
    }
    printf("},\"hwm_kib\":%ld}\n", status_kib("VmHWM"));
    return 0;
}

static void usage(void) {
    die("usage: bench_driver --uri URI --database DB --op OP [--count K] [--runs R] "
        "[--lines L] [--cost minimum|interactive] [--clock process|rusage] [--interactive]");
}

int main(int argc, char **argv) {
    const char *uri = NULL;
    const char *database = NULL;
    const char *op = NULL;
    const char *cost = "minimum";
    int count = 0; /* 20 timed operations per run; 10000 for --op memory */
    int runs = 5;
    int interactive = 0;
    bench_t *bench = calloc(1, sizeof *bench);
    if (bench == NULL) {
        die("out of memory");
    }
    bench->lines = 1;
    bench->tag = (int)getpid();
    for (int i = 1; i < argc; ++i) {
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--interactive") == 0) {
            interactive = 1;
            continue;
        }
        if (value == NULL) {
            usage();
        }
        if (strcmp(argv[i], "--uri") == 0) {
            uri = value;
        } else if (strcmp(argv[i], "--database") == 0) {
            database = value;
        } else if (strcmp(argv[i], "--op") == 0) {
            op = value;
        } else if (strcmp(argv[i], "--count") == 0) {
            count = atoi(value);
        } else if (strcmp(argv[i], "--runs") == 0) {
            runs = atoi(value);
        } else if (strcmp(argv[i], "--lines") == 0) {
            bench->lines = atoi(value);
        } else if (strcmp(argv[i], "--cost") == 0) {
            cost = value;
        } else if (strcmp(argv[i], "--clock") == 0) {
            if (strcmp(value, "rusage") == 0) {
                clock_us = rusage_us;
            } else if (strcmp(value, "process") != 0) {
                usage();
            }
        } else {
            usage();
        }
        ++i;
    }
    if (uri == NULL || database == NULL || op == NULL || count < 0 || runs < 1 || runs > MAX_RUNS ||
        bench->lines < 1 || bench->lines > 50) {
        usage();
    }

    store_options_t options = STORE_OPTIONS_INIT;
    options.uri = uri;
    options.database = database;
    options.token_secret = kSecret;
    options.server_selection_timeout_ms = 5000;
    if (strcmp(cost, "interactive") == 0) {
        options.password_cost = STORE_PASSWORD_COST_INTERACTIVE;
    } else if (strcmp(cost, "minimum") == 0) {
        options.password_cost = STORE_PASSWORD_COST_MINIMUM;
    } else {
        usage();
    }
    store_error_t error;
    check(store_open(&bench->store, &options, &error), &error, "store open");
    seed(bench);

    int status = -1;
    if (strcmp(op, "memory") == 0) {
        status = memory(bench, count > 0 ? count : 10000);
    } else {
        for (size_t i = 0; i < sizeof kOperations / sizeof kOperations[0]; ++i) {
            if (strcmp(op, kOperations[i].name) == 0) {
                status = measure(bench, &kOperations[i], count > 0 ? count : 20, runs, interactive);
            }
        }
    }
    store_close(bench->store);
    free(bench);
    if (status < 0) {
        usage();
    }
    return status;
}
