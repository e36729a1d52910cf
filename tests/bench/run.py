#!/usr/bin/env python3
"""libstore's benchmark harness: libstore through Python, libstore through C, and the same shop
written by hand with Flask + PyMongo (pymongo_shop.py), measured on the same operations.

    .venv/bin/python tests/bench/run.py [--build-dir build-bench] [--record] [--quick]

(`bash tests/bench/run` builds first, then runs this.) Needs a build with the Python module and
the bench_driver target, and the interpreter of .venv (`bash .ci/install-deps`), which has PyMongo
and SecantusDB. Starts the test database (SecantusDB, tests/testdb/database_server.py) on a free
loopback port, or uses LIBSTORE_BENCH_MONGODB_URI. Round trips are counted on the client, so they
are the same on any server: libstore's by its own store_stats(), PyMongo's by command monitoring.
Prints Markdown tables; writes them and the raw figures to <build-dir>/bench/results.md and
results.json; --record also puts the tables into tests/bench/README.md. See README.md for what each
figure means. Not a pass/fail test: it exits 0 whether or not the targets are met.
"""

import argparse
import concurrent.futures
import ctypes
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BENCH_URI_ENV = "LIBSTORE_BENCH_MONGODB_URI"
DATABASE_PREFIX = "libstore_bench_"
SECTIONS = ("operations", "kdf", "threads", "memory")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", default=os.environ.get("LIBSTORE_BENCH_BUILD_DIR",
                                                              os.path.join(ROOT, "build-bench")))
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median taken)")
    parser.add_argument("--count", type=int, default=20, help="timed operations per run")
    parser.add_argument("--seconds", type=float, default=2.0,
                        help="per try of a throughput point (the better of two is kept)")
    parser.add_argument("--memory-ops", type=int, default=10000)
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke run")
    parser.add_argument("--sections", default=",".join(SECTIONS),
                        help="comma-separated subset of: %s" % ", ".join(SECTIONS))
    parser.add_argument("--record", action="store_true",
                        help="write the tables into tests/bench/README.md")
    parser.add_argument("--memory-child", choices=["libstore", "pymongo"], help=argparse.SUPPRESS)
    parser.add_argument("--uri", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.build_dir = os.path.abspath(args.build_dir)
    args.sections = [name.strip() for name in args.sections.split(",") if name.strip()]
    for name in args.sections:
        if name not in SECTIONS:
            parser.error("unknown section %r" % name)
    if args.record and set(args.sections) != set(SECTIONS):
        parser.error("--record needs every section")
    if args.quick:
        args.runs, args.count, args.seconds, args.memory_ops = 3, 5, 1.0, 2000
    return args


def setup_paths(build_dir):
    for path in (HERE, os.path.join(ROOT, "tests", "testdb"), os.path.join(build_dir, "python")):
        if path not in sys.path:
            sys.path.insert(0, path)


def interpreter():
    """This Python as the command line would name it: .venv/bin/python, relative to the checkout,
    when it is the development environment's."""
    if sys.executable.startswith(ROOT + os.sep):
        return os.path.relpath(sys.executable, ROOT)
    return sys.executable


def status_kib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


# -- the database -------------------------------------------------------------------------------

class CommandCounter(object):
    """PyMongo command monitoring: the PyMongo side's round trips on any server."""

    def __init__(self):
        import pymongo.monitoring

        counter = self

        class Listener(pymongo.monitoring.CommandListener):
            def started(self, event):
                if event.command_name.lower() not in ("hello", "ismaster"):
                    counter.counts[event.command_name] = counter.counts.get(
                        event.command_name, 0) + 1

            def succeeded(self, event):
                pass

            def failed(self, event):
                pass

        self.counts = {}
        self.listener = Listener()

    def reset(self):
        self.counts = {}


class Server(object):
    """The test database (SecantusDB, spawned here: its CPU time can be read) or a server that
    is already running (LIBSTORE_BENCH_MONGODB_URI, or the tests' LIBSTORE_TEST_MONGODB_URI)."""

    def __init__(self):
        import pymongo
        uri = os.environ.get(BENCH_URI_ENV)
        self.test_database = None
        if uri:
            self.uri = uri
            self.is_spawned = False
        else:
            from database_server import TestDatabase
            self.test_database = TestDatabase.start(DATABASE_PREFIX + "control")
            self.uri = self.test_database.uri
            self.is_spawned = self.test_database.is_spawned
        self.client = pymongo.MongoClient(self.uri, serverSelectionTimeoutMS=5000)
        self.used = set()

    def fresh(self, name):
        """An empty database of that name (dropped first: every name has the bench prefix)."""
        name = DATABASE_PREFIX + name
        self.client.drop_database(name)
        self.used.add(name)
        return name

    def describe(self):
        version = self.client.server_info()["version"]
        if not self.is_spawned:
            from database_server import URI_ENV
            return "the server of %s (MongoDB %s)" % (
                BENCH_URI_ENV if os.environ.get(BENCH_URI_ENV) else URI_ENV, version)
        import importlib.metadata
        topology = ("a one-node replica set" if "setName" in self.client.admin.command("hello")
                    else "standalone")
        return ("SecantusDB %s (tests/testdb/database_server.py: one local process, `python -m "
                "secantus`, %s; it reports MongoDB %s)"
                % (importlib.metadata.version("secantusdb"), topology, version))

    def cpu_seconds(self):
        """CPU time the spawned SecantusDB process (all its threads) has used; None for a server
        the harness did not start."""
        if not self.is_spawned:
            return None
        with open("/proc/%d/stat" % self.test_database._proc.pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self):
        for name in self.used:
            try:
                self.client.drop_database(name)
            except Exception:
                pass
        self.client.close()
        if self.test_database is not None:
            self.test_database.stop()


# -- round trips and CPU per operation ----------------------------------------------------------

def median(values):
    return statistics.median(values) if values else None


def commands_sent(before, after):
    """The commands of one call, by name, from two readings of Store.stats()["commands"] around
    it: counters only grow."""
    return {name: count - before.get(name, 0) for name, count in after.items()
            if count != before.get(name, 0)}


class PythonRunner(object):
    """One Python implementation set up for one operation: its own database, seed and buyer."""

    def __init__(self, server, impl_key, operation, cost):
        import workload
        self.operation = operation
        database = server.fresh("%s_%s_%d" % (impl_key, operation.key, operation.lines))
        self.listener = CommandCounter() if impl_key == "pymongo" else None
        extra = {"event_listeners": [self.listener.listener]} if self.listener else {}
        self.work = workload.IMPLEMENTATIONS[impl_key](server.uri, database, cost, **extra)
        self.work.seed()
        self.context = operation.start(self.work)
        operation.prepare(self.work, self.context)  # warm-up
        operation.run(self.work, self.context)

    def round_trips(self):
        self.operation.prepare(self.work, self.context)
        if self.listener:
            self.listener.reset()
            self.operation.run(self.work, self.context)
            return dict(self.listener.counts)
        before = self.work.store.stats()["commands"]
        self.operation.run(self.work, self.context)
        return commands_sent(before, self.work.store.stats()["commands"])

    def measure(self, count):
        """Mean CPU microseconds of `count` timed calls, each after its untimed preparation."""
        operation, work, context = self.operation, self.work, self.context
        total = 0.0
        for _ in range(count):
            operation.prepare(work, context)
            start = time.process_time()
            operation.run(work, context)
            total += time.process_time() - start
        return total / count * 1e6

    def close(self):
        self.work.close()


class CRunner(object):
    """bench_driver --interactive set up for one operation."""

    def __init__(self, server, operation, cost, build_dir):
        database = server.fresh("c_%s_%d" % (operation.key, operation.lines))
        command = [os.path.join(build_dir, "tests", "bench", "bench_driver"), "--uri",
                   server.uri, "--database", database, "--op", operation.key,
                   "--lines", str(operation.lines), "--cost", cost, "--interactive"]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, bufsize=1)
        self._expect("READY")

    def _expect(self, word=None):
        line = self.process.stdout.readline().strip()
        if not line or (word and line != word):
            raise RuntimeError("bench_driver said %r (exit status %s)"
                               % (line, self.process.poll()))
        return line

    def command(self, text):
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()
        return self._expect()

    def round_trips(self):
        self.command("prepare")
        return json.loads(self.command("run"))  # the driver diffs store_stats() around the call

    def measure(self, count):
        return float(self.command("measure %d" % count))

    def close(self):
        try:
            self.process.stdin.write("quit\n")
            self.process.stdin.close()
            self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()


def measure_operation(server, operation, args, cost="minimum", count=None, runs=None):
    """Round trips of one call and CPU per call for the three implementations; their runs are
    interleaved (in a rotating order) so a change of load on the machine hits all three alike."""
    count = count or args.count
    runs = runs or args.runs
    runners = {}
    try:
        runners["libstore"] = PythonRunner(server, "libstore", operation, cost)
        runners["c"] = CRunner(server, operation, cost, args.build_dir)
        runners["pymongo"] = PythonRunner(server, "pymongo", operation, cost)
        results = {key: {"round_trips": runner.round_trips(), "run_cpu_us": []}
                   for key, runner in runners.items()}
        order = list(runners)
        for run in range(runs):
            for key in order[run % len(order):] + order[:run % len(order)]:
                results[key]["run_cpu_us"].append(runners[key].measure(count))
    finally:
        for runner in runners.values():
            runner.close()
    for result in results.values():
        result["cpu_us"] = median(result["run_cpu_us"])
    return results


# -- password hashing on its own ----------------------------------------------------------------

def kdf_costs(args):
    """CPU per hash of the KDFs themselves: libsodium's Argon2id (libstore) and stdlib scrypt
    (the PyMongo shop), at the production and the minimum settings."""
    import pymongo_shop
    sodium = ctypes.CDLL("libsodium.so.23")
    if sodium.sodium_init() < 0:
        raise RuntimeError("sodium_init failed")
    for name in ("crypto_pwhash_opslimit_interactive", "crypto_pwhash_memlimit_interactive",
                 "crypto_pwhash_opslimit_min", "crypto_pwhash_memlimit_min"):
        getattr(sodium, name).restype = ctypes.c_size_t
    buffer = ctypes.create_string_buffer(128)
    password = b"password-123"

    def argon2id(ops, mem):
        def run():
            if sodium.crypto_pwhash_str(buffer, password, ctypes.c_ulonglong(len(password)),
                                        ctypes.c_ulonglong(ops), ctypes.c_size_t(mem)) != 0:
                raise MemoryError("crypto_pwhash_str")
        return run

    def timed(function, repeat):
        samples = []
        for _ in range(args.runs):
            start = time.process_time()
            for _ in range(repeat):
                function()
            samples.append((time.process_time() - start) / repeat * 1e6)
        return median(samples)

    interactive = (sodium.crypto_pwhash_opslimit_interactive(),
                   sodium.crypto_pwhash_memlimit_interactive())
    minimum = (sodium.crypto_pwhash_opslimit_min(), sodium.crypto_pwhash_memlimit_min())
    scrypt_i = pymongo_shop.PASSWORD_COSTS["interactive"]
    scrypt_m = pymongo_shop.PASSWORD_COSTS["minimum"]
    return [
        {"setting": "interactive (production default)",
         "libstore": "Argon2id t=%d, m=%d MiB" % (interactive[0], interactive[1] >> 20),
         "libstore_us": timed(argon2id(*interactive), 2),
         "pymongo": "scrypt N=2^%d, r=%d, p=%d (%d MiB)" % (
             scrypt_i["n"].bit_length() - 1, scrypt_i["r"], scrypt_i["p"],
             128 * scrypt_i["r"] * scrypt_i["n"] >> 20),
         "pymongo_us": timed(lambda: pymongo_shop.hash_password("password-123",
                                                                "interactive"), 2)},
        {"setting": "minimum (tests; used for the operation figures)",
         "libstore": "Argon2id t=%d, m=%d KiB" % (minimum[0], minimum[1] >> 10),
         "libstore_us": timed(argon2id(*minimum), 200),
         "pymongo": "scrypt N=2^%d, r=%d, p=%d (%d KiB)" % (
             scrypt_m["n"].bit_length() - 1, scrypt_m["r"], scrypt_m["p"],
             128 * scrypt_m["r"] * scrypt_m["n"] >> 10),
         "pymongo_us": timed(lambda: pymongo_shop.hash_password("password-123", "minimum"),
                             200)},
    ]


# -- threads ------------------------------------------------------------------------------------

THREAD_COUNTS = (1, 2, 4, 8)


def run_threads(server, work, buyers, kind, threads, seconds):
    """One point: `threads` Python threads sharing `work` for `seconds`."""
    done = [0] * threads
    errors = []
    stop = threading.Event()
    barrier = threading.Barrier(threads + 1)

    def worker(index):
        username, token = buyers[index]
        product = work.products[index]
        barrier.wait()
        try:
            while not stop.is_set():
                if kind == "orders":
                    work.add_to_cart(token, product)
                    work.place_order(token)
                else:
                    work.login(username)
                done[index] += 1
        except Exception as error:  # reported below
            errors.append(repr(error))

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    barrier.wait()
    wall0, cpu0, server0 = time.perf_counter(), time.process_time(), server.cpu_seconds()
    time.sleep(seconds)
    stop.set()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    server1 = server.cpu_seconds()
    if errors:
        raise RuntimeError("%s, %d threads: %s" % (kind, threads, errors[0]))
    return {"threads": threads, "per_second": sum(done) / wall, "client_cores": cpu / wall,
            "server_cores": None if server0 is None else (server1 - server0) / wall}


def throughput(server, kind, args, progress):
    """Operations per second of 1, 2, 4, 8 threads of one process sharing one Store (or one
    PyMongo client): kind "orders" = add to cart + place order (a DB-bound loop); kind "login" =
    log in with the production password hash (CPU-bound in the KDF, 2 round trips). Each point
    is the better of two tries, the implementations taking turns, so that other work on the
    machine disturbs both alike and the figure shows what the code can do."""
    import workload
    cost = "interactive" if kind == "login" else "minimum"
    points = {"libstore": [], "pymongo": []}
    works = {}

    def fresh(impl_key):
        if impl_key in works:
            works[impl_key][0].close()
        database = server.fresh("%s_threads_%s" % (impl_key, kind))
        work = workload.IMPLEMENTATIONS[impl_key](server.uri, database, cost)
        work.seed()
        works[impl_key] = (work, [work.new_buyer() for _ in range(max(THREAD_COUNTS))])

    try:
        for threads in THREAD_COUNTS:
            progress("threads: %s, %d" % (kind, threads))
            best = {}
            for attempt in range(2):
                for impl_key in (("libstore", "pymongo") if attempt == 0 else
                                 ("pymongo", "libstore")):
                    # Orders pile up and would slow the later points down: a fresh database
                    # each time, so every point starts from the same data.
                    if impl_key not in works or kind == "orders":
                        fresh(impl_key)
                    work, buyers = works[impl_key]
                    point = run_threads(server, work, buyers, kind, threads, args.seconds)
                    if impl_key not in best or point["per_second"] > best[impl_key]["per_second"]:
                        best[impl_key] = point
            for impl_key in points:
                points[impl_key].append(best[impl_key])
    finally:
        for work, _ in works.values():
            work.close()
    return points


# -- memory -------------------------------------------------------------------------------------

def memory_child(args):
    """In a fresh process: hold a Store (or a PyMongo client), serve --memory-ops operations,
    print resident-memory samples as one JSON line."""
    setup_paths(args.build_dir)
    import workload
    work = workload.IMPLEMENTATIONS[args.memory_child](args.uri, args.database, "minimum")
    work.seed()
    _, token = work.new_buyer()
    samples = {}
    after_setup = status_kib("VmRSS")
    workload.memory_cycle(work, token, args.memory_ops,
                          lambda i: samples.__setitem__(str(i), status_kib("VmRSS")))
    print(json.dumps({"rss_kib_after_setup": after_setup, "rss_kib": samples,
                      "hwm_kib": status_kib("VmHWM")}))
    work.close()


NO_TCACHE = {"GLIBC_TUNABLES": "glibc.malloc.tcache_count=0"}
MEMORY_JOBS = (  # (key, label, implementation, extra environment)
    ("libstore", "libstore (Python)", "libstore", {}),
    ("c", "libstore (C)", "c", {}),
    ("pymongo", "Flask+PyMongo (Python)", "pymongo", {}),
    # Controls: glibc's per-thread cache of freed blocks (tcache) turned off.
    ("libstore_no_tcache", "libstore (Python), glibc tcache off", "libstore", NO_TCACHE),
    ("c_no_tcache", "libstore (C), glibc tcache off", "c", NO_TCACHE),
)


def memory_job(server, key, impl_key, environment, args):
    """One memory process. With a spawned test database each gets a SecantusDB of its own, so
    that several jobs can run at once without one server process setting the pace of all."""
    own = None
    if server.is_spawned:
        from database_server import TestDatabase
        own = TestDatabase.start(DATABASE_PREFIX + "memory")
        uri, database = own.uri, own.database
    else:
        uri, database = server.uri, server.fresh("%s_memory" % key)
    try:
        if impl_key == "c":
            command = [os.path.join(args.build_dir, "tests", "bench", "bench_driver"), "--uri",
                       uri, "--database", database, "--op", "memory", "--count",
                       str(args.memory_ops)]
        else:
            command = [sys.executable, os.path.abspath(__file__), "--memory-child", impl_key,
                       "--uri", uri, "--database", database, "--build-dir", args.build_dir,
                       "--memory-ops", str(args.memory_ops)]
        env = dict(os.environ, **environment)
        output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True,
                                timeout=900, env=env).stdout
    finally:
        if own is not None:
            own.stop()
    return json.loads(output.strip().splitlines()[-1])


def memory(server, args):
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        futures = {key: pool.submit(memory_job, server, key, impl_key, environment, args)
                   for key, _, impl_key, environment in MEMORY_JOBS}
        return {key: future.result() for key, future in futures.items()}


# -- the floor ----------------------------------------------------------------------------------

def floor_of(operation):
    """(round trips, why) the design allows for an operation."""
    n = operation.lines
    return {
        "ping": (1, "the database's own ping command: the cost of one round trip alone"),
        "register": (1, "one insert; uniqueness comes from the unique indexes"),
        "login": (1, "the account and its recent failed logins in one aggregate ($lookup on "
                     "'user:<id>', as the session check joins the revocation list); unknown "
                     "names need a 2nd read, on the failure path only"),
        "view_product": (1, "one find by _id"),
        "list_products": (1, "one find; limit+1 = 101 documents fit the first batch"),
        "add_to_cart": (3, "session check (1 aggregate: user + revocation) + 1 aggregate "
                           "(product, cart, the cart's products) + 1 conditional write"),
        "view_cart": (2, "session check + 1 aggregate (cart and its products)"),
        "place_order": (n + 5, "session check + take the cart + record the order as pending + "
                               "%s conditional stock update%s + mark placed + clear the "
                               "stock marks (the design's crash-safe sequence)"
                        % (n, "" if n == 1 else "s, one per line,")),
        "cancel_order": (n + 4, "session check + move placed|paid -> cancelling with the owner "
                                "in the filter + %d stock return%s + mark cancelled + clear "
                                "the marks; the order need not be read first (only a failed "
                                "move needs a read, to tell 404 from 409)"
                         % (n, "" if n == 1 else "s")),
    }[operation.key]


def total(round_trips):
    return sum(round_trips.values())


ABBREVIATIONS = {"aggregate": "agg", "findAndModify": "fam", "insert": "ins", "update": "upd",
                 "delete": "del", "getMore": "getMore", "find": "find", "killCursors": "kill"}


def breakdown(round_trips):
    parts = ["%s %d" % (ABBREVIATIONS.get(k, k), v) for k, v in sorted(round_trips.items())]
    return "%d (%s)" % (total(round_trips), ", ".join(parts))


# -- the report ---------------------------------------------------------------------------------

def machine(build_dir):
    model = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    try:
        commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "--no-optional-locks", "-C", ROOT, "status",
                                "--porcelain", "--", "lib", "include", "bindings"],
                               capture_output=True, text=True).stdout
        if dirty.strip():
            commit += " (with uncommitted changes in lib/, include/ or bindings/)"
    except OSError:
        commit = "unknown"
    build_type = "unknown"
    try:
        with open(os.path.join(build_dir, "CMakeCache.txt")) as cache:
            for line in cache:
                if line.startswith("CMAKE_BUILD_TYPE:"):
                    build_type = line.split("=", 1)[1].strip()
    except OSError:
        pass
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": model, "kernel": platform.release(),
            "load_before": "%.2f %.2f %.2f" % os.getloadavg(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "python": platform.python_version(), "commit": commit, "build_type": build_type}


def fmt(value, digits=0):
    if value is None:
        return "n/a"
    return "{:,.{}f}".format(value, digits)


def report(results, args):
    m = results["machine"]
    server = results["server"]
    lines = []
    add = lines.append
    add("Machine: %s cores (`nproc`), %s, Linux %s; Python %s; libstore %s, %s build; %s."
        % (m["nproc"], m["cpu"], m["kernel"], m["python"], m["commit"], m["build_type"],
           m["date"]))
    add("Load average (1, 5, 15 min) before the run: %s; after: %s (%.0f s). Other work on the "
        "machine shows in CPU times and throughput." % (m["load_before"], m["load_after"],
                                                       results["seconds"]))
    command = "`%s`" % results["command"]
    if results.get("outer_command"):
        command = "`%s` (which builds, then runs %s)" % (results["outer_command"], command)
    add("Database: %s. Command: %s." % (server, command))
    if "operations" in results:
        report_operations(results, args, add)
    if "kdf" in results:
        report_kdf(results, add)
    if "threads" in results:
        report_threads(results, args, add)
    if "memory" in results:
        report_memory(results, args, add)
    return "\n".join(lines) + "\n"


def report_operations(results, args, add):
    add("")
    add("### Round trips per operation")
    add("")
    add("Counted on the client around one call, so the same on any server: libstore's commands "
        "by its store_stats() (Store.stats() in Python), Flask+PyMongo's by PyMongo's command "
        "monitoring (every command but the hello handshake); an authenticated operation includes "
        "checking its access token. agg = aggregate, fam = findAndModify, ins = insert, "
        "upd = update.")
    add("")
    add("| operation | floor | libstore (Python) | libstore (C) | Flask+PyMongo | at floor |")
    add("|---|---|---|---|---|---|")
    for row in results["operations"]:
        py, c, pm = row["libstore"], row["c"], row["pymongo"]
        at_floor = ("yes" if total(py["round_trips"]) <= row["floor"] else
                    "no (+%d)" % (total(py["round_trips"]) - row["floor"]))
        add("| %s | %d | %s | %s | %s | %s |" % (
            row["label"], row["floor"], breakdown(py["round_trips"]),
            breakdown(c["round_trips"]), breakdown(pm["round_trips"]), at_floor))
    add("")
    add("### Client CPU per operation")
    add("")
    add("Microseconds of user+system CPU time of the client process (all its threads), median of "
        "%d runs of %d operations; register and login use the minimum password-hash cost on both "
        "sides (the hash itself is in the next table), the `(production hash)` rows the default "
        "one. Target: libstore via Python at most 0.5 x Flask+PyMongo."
        % (args.runs, args.count))
    add("")
    add("| operation | libstore (Python) | libstore (C) | Flask+PyMongo | Python / PyMongo "
        "| target met |")
    add("|---|---|---|---|---|---|")
    for row in results["operations"] + results["production_hash"]:
        py, c, pm = row["libstore"]["cpu_us"], row["c"]["cpu_us"], row["pymongo"]["cpu_us"]
        ratio = py / pm if py and pm else None
        add("| %s | %s | %s | %s | %s | %s |" % (
            row["label"], fmt(py), fmt(c), fmt(pm), fmt(ratio, 2),
            "n/a" if ratio is None else ("yes" if ratio <= 0.5 else "no")))


def report_kdf(results, add):
    add("")
    add("### Password hashing alone")
    add("")
    add("CPU microseconds per hash, in this process (libsodium through ctypes; hashlib.scrypt).")
    add("")
    add("| setting | libstore | us | Flask+PyMongo | us |")
    add("|---|---|---|---|---|")
    for row in results["kdf"]:
        add("| %s | %s | %s | %s | %s |" % (row["setting"], row["libstore"],
                                            fmt(row["libstore_us"]), row["pymongo"],
                                            fmt(row["pymongo_us"])))


def report_threads(results, args, add):
    for kind, title, unit in (
            ("orders", "Threads placing orders (add to cart + place order, 1 line)", "orders/s"),
            ("login", "Threads logging in (production password hash)", "logins/s")):
        add("")
        add("### %s" % title)
        add("")
        add("One process, one Store (one MongoClient) shared by N Python threads; each point "
            "the better of two tries of %.0f s, the implementations taking turns. Client and "
            "server (SecantusDB, when the harness started it) CPU in cores: CPU seconds per "
            "wall second; above 1.0 client core, the threads ran on several cores at once — "
            "possible only when the calls release the GIL, and only when other work leaves "
            "cores idle (see the load average). Server ms/op: the server's CPU milliseconds per "
            "operation." % args.seconds)
        add("")
        add("| threads | libstore %s | client cores | server cores | server ms/op "
            "| Flask+PyMongo %s | client cores | server cores | server ms/op |" % (unit, unit))
        add("|---|---|---|---|---|---|---|---|---|")

        def columns(point):
            server_ms = None
            if point["server_cores"] is not None and point["per_second"]:
                server_ms = point["server_cores"] / point["per_second"] * 1e3
            return "%s | %s | %s | %s" % (
                fmt(point["per_second"], 1), fmt(point["client_cores"], 2),
                fmt(point["server_cores"], 2), fmt(server_ms, 2))

        points = results["threads"][kind]
        for a, b in zip(points["libstore"], points["pymongo"]):
            add("| %d | %s | %s |" % (a["threads"], columns(a), columns(b)))


def report_memory(results, args, add):
    add("")
    add("### Resident memory over %s operations" % fmt(args.memory_ops))
    add("")
    add("A fresh process holding one Store (or one MongoClient) serving a cycle of view product, "
        "list 20 products, add to cart, view cart, place order. KiB from /proc/self/status. The "
        "last two rows are controls: the same runs with glibc's per-thread cache of freed "
        "blocks turned off (`GLIBC_TUNABLES=glibc.malloc.tcache_count=0`).")
    add("")
    add("| implementation | after set-up | at op 1,000 | at op %s | growth 1,000 -> %s | "
        "peak (VmHWM) |" % (fmt(args.memory_ops), fmt(args.memory_ops)))
    add("|---|---|---|---|---|---|")
    for key, label, _, _ in MEMORY_JOBS:
        r = results["memory"][key]
        first = r["rss_kib"].get("1000")
        last = r["rss_kib"].get(str(args.memory_ops))
        add("| %s | %s | %s | %s | %s | %s |" % (
            label, fmt(r["rss_kib_after_setup"]), fmt(first), fmt(last),
            "n/a" if first is None or last is None else "%+d" % (last - first),
            fmt(r["hwm_kib"])))


def record(markdown):
    readme = os.path.join(HERE, "README.md")
    with open(readme) as f:
        text = f.read()
    begin, end = "<!-- results:begin -->", "<!-- results:end -->"
    if begin not in text or end not in text:
        raise RuntimeError("README.md has no results markers")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(readme, "w") as f:
        f.write(head + begin + "\n" + markdown + end + tail)


def main(argv):
    args = parse_args(argv)
    if args.memory_child:
        memory_child(args)
        return 0
    setup_paths(args.build_dir)
    driver = os.path.join(args.build_dir, "tests", "bench", "bench_driver")
    if not os.path.exists(driver) or not os.path.isdir(os.path.join(args.build_dir, "python",
                                                                    "libstore")):
        print("run.py: build first: cmake --build %s --target bench_driver libstore_python"
              % args.build_dir, file=sys.stderr)
        return 2
    import workload
    started = time.monotonic()
    server = Server()
    results = {"machine": machine(args.build_dir),
               "server": server.describe(),
               "command": " ".join([interpreter(), "tests/bench/run.py"] + argv),
               "outer_command": os.environ.get("LIBSTORE_BENCH_COMMAND"),
               "is_spawned": server.is_spawned}

    def progress(text):
        print("[%5.1fs] %s" % (time.monotonic() - started, text), file=sys.stderr, flush=True)

    try:
        if "operations" in args.sections:
            results["operations"] = []
            results["production_hash"] = []
            for operation in workload.OPERATIONS:
                progress(operation.label)
                floor, why = floor_of(operation)
                row = {"key": operation.key, "label": operation.label, "lines": operation.lines,
                       "floor": floor, "floor_why": why}
                row.update(measure_operation(server, operation, args))
                results["operations"].append(row)
            for operation in [o for o in workload.OPERATIONS if o.key in ("register", "login")]:
                progress(operation.label + " (production hash)")
                row = {"key": operation.key, "label": operation.label + " (production hash)"}
                row.update(measure_operation(server, operation, args, "interactive", count=3,
                                             runs=3))
                results["production_hash"].append(row)
        if "kdf" in args.sections:
            progress("password hashing alone")
            results["kdf"] = kdf_costs(args)
        if "threads" in args.sections:
            results["threads"] = {kind: throughput(server, kind, args, progress)
                                  for kind in ("orders", "login")}
        if "memory" in args.sections:
            progress("memory")
            results["memory"] = memory(server, args)
    finally:
        server.close()
    results["seconds"] = time.monotonic() - started
    results["machine"]["load_after"] = "%.2f %.2f %.2f" % os.getloadavg()
    progress("done")
    markdown = report(results, args)
    print(markdown)
    out_dir = os.path.join(args.build_dir, "bench")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(markdown)
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    if args.record:
        record(markdown)
    print("(%.0f s; results in %s)" % (results["seconds"], out_dir), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
