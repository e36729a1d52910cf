#!/usr/bin/env python3
"""The login flood of issue #21, repeated on every host: wrk sends POST /auth/login with wrong
passwords for made-up usernames, at the production password cost, and this records each host's
peak resident memory, the logins it answered per second, the share answered 429, and how long an
honest login from another address took to succeed meanwhile.

    .venv/bin/python tests/bench/login_flood.py [--build-dir build] [--seconds 10]
        [--connections 100,500] [--hosts c,flask,fastapi] [--unbounded] [--record]

Needs a build (build/bin/store-httpd and the Python module in build/python), wrk (apt-get
install wrk) and the .venv of `bash .ci/install-deps` (SecantusDB, gunicorn, uvicorn). The hosts
run as the README's production commands do (store-httpd; gunicorn --workers 2 --threads 8;
uvicorn --workers 2) over a SecantusDB it starts on a free loopback port, with the per-address
rate limit off (LIBSTORE_RATE_LIMIT_PER_MINUTE=0: a real flood comes from many addresses, and
the limit under test is the hashing one). --unbounded adds runs at 100 connections with the
limit out of the way (1,024 hashes at once, a 60 s wait): the behaviour before it. --record puts
the table into tests/bench/README.md. A benchmark, not a test: it exits 0 whatever it measures.
"""

import argparse
import ctypes
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "testdb"))

from database_server import TestDatabase  # noqa: E402

SECRET = "login-flood-secret-0123456789abcdef0123456789"
HONEST = {"username": "honest", "email": "honest@example.com", "password": "honest-password-1"}
# The honest shopper's own address: another loopback one than wrk's 127.0.0.1.
HONEST_ADDRESS = "127.0.0.2"
MARKERS = ("<!-- login-flood:begin -->", "<!-- login-flood:end -->")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", default="100,500")
    parser.add_argument("--hosts", default="c,flask,fastapi")
    parser.add_argument("--unbounded", action="store_true")
    parser.add_argument("--wait-ms", type=int, default=None,
                        help="LIBSTORE_PASSWORD_HASH_WAIT_MS of the bounded runs (default: the "
                             "hosts' own, 1000)")
    parser.add_argument("--record", action="store_true")
    return parser.parse_args(argv)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def host_command(name, port, build_dir):
    venv = os.path.join(ROOT, ".venv", "bin")
    if name == "c":
        return [os.path.join(build_dir, "bin", "store-httpd")]
    if name == "flask":
        return [os.path.join(venv, "gunicorn"), "--workers", "2", "--threads", "8",
                "--bind", "127.0.0.1:%d" % port, "--chdir", os.path.join(ROOT, "examples", "flask"),
                "app:create()"]
    return [os.path.join(venv, "uvicorn"), "--factory", "app:create", "--app-dir",
            os.path.join(ROOT, "examples", "fastapi"), "--no-proxy-headers", "--workers", "2",
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]


def tree_rss_kib(pid):
    """Resident KiB of `pid` and every process under it (gunicorn's and uvicorn's workers)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                continue
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        pending.extend(children.get(current, []))
        try:
            with open("/proc/%d/status" % current) as handle:
                match = re.search(r"^VmRSS:\s+(\d+)", handle.read(), re.M)
            total += int(match.group(1)) if match else 0
        except OSError:
            continue
    return total


class Host:
    def __init__(self, name, database, build_dir, bounded, wait_ms=None):
        self.name, self.port = name, free_port()
        env = dict(os.environ)
        env.update({
            "MONGODB_URI": database.uri, "LIBSTORE_DB": database.database,
            "LIBSTORE_SECRET": SECRET, "LIBSTORE_PASSWORD_COST": "interactive",
            "LIBSTORE_RATE_LIMIT_PER_MINUTE": "0", "LIBSTORE_DELIVER": "0",
            "HOST": "127.0.0.1", "PORT": str(self.port),
            "PYTHONPATH": os.path.join(build_dir, "python"),
        })
        if wait_ms is not None:
            env["LIBSTORE_PASSWORD_HASH_WAIT_MS"] = str(wait_ms)
        if not bounded:
            env.update({"LIBSTORE_PASSWORD_HASH_CONCURRENCY": "1024",
                        "LIBSTORE_PASSWORD_HASH_WAIT_MS": "60000"})
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(host_command(name, self.port, build_dir), env=env,
                                        stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError("%s exited: %s" % (name, self.log.read().decode()))
            try:
                if self.request("GET", "/health", timeout=2)[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("%s did not start" % name)

    def request(self, method, path, body=None, source=None, timeout=60):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=timeout,
            source_address=(source, 0) if source else None)
        try:
            payload = json.dumps(body) if body is not None else None
            connection.request(method, path, payload, {"Content-Type": "application/json"})
            reply = connection.getresponse()
            return reply.status, reply.getheader("Retry-After"), reply.read()
        finally:
            connection.close()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def honest_logins(host, start_after, stop_at, results):
    """From HONEST_ADDRESS, one login every 2 s of the flood, each retried as Retry-After says
    until it succeeds: the seconds each took, and how many tries."""
    time.sleep(start_after)
    while time.monotonic() < stop_at:
        began, tries = time.monotonic(), 0
        while True:
            tries += 1
            status, retry_after, _ = host.request("POST", "/auth/login", {
                "username": HONEST["username"], "password": HONEST["password"]},
                source=HONEST_ADDRESS)
            if status == 200:
                results.append((time.monotonic() - began, tries))
                break
            if status != 429:
                results.append((float("nan"), tries))
                break
            time.sleep(float(retry_after or 1))
        time.sleep(2)


def flood(host, connections, seconds):
    peak = [tree_rss_kib(host.process.pid)]
    sampling = threading.Event()

    def sample():
        while not sampling.is_set():
            peak[0] = max(peak[0], tree_rss_kib(host.process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    honest = []
    honest_thread = threading.Thread(target=honest_logins, args=(
        host, 2, time.monotonic() + seconds - 2, honest))
    honest_thread.start()
    started = time.monotonic()
    output = subprocess.run(
        ["wrk", "-t2", "-c%d" % connections, "-d%ds" % seconds, "--timeout", "30s",
         "-s", os.path.join(HERE, "login_flood.lua"), "http://127.0.0.1:%d" % host.port],
        capture_output=True, text=True, check=True).stdout
    elapsed = time.monotonic() - started
    honest_thread.join()
    sampling.set()
    sampler.join()
    statuses = {int(k): int(v) for k, v in re.findall(r"(\d+)=(\d+)",
                                                       re.search(r"STATUS(.*)", output).group(1))}
    errors = dict(re.findall(r"(\w+)=(\d+)", re.search(r"ERRORS(.*)", output).group(1)))
    total = sum(statuses.values())
    answered = sum(count for status, count in statuses.items() if status != 429)
    times = [t for t, _ in honest if t == t]
    return {
        "connections": connections, "seconds": round(elapsed, 1), "statuses": statuses,
        "errors": {k: int(v) for k, v in errors.items()},
        "answered_per_s": answered / elapsed,
        "share_429": statuses.get(429, 0) / total if total else 0,
        "peak_rss_mib": peak[0] / 1024,
        "honest_s": times, "honest_tries": [n for _, n in honest],
        "honest_failed": len(honest) - len(times),
    }


def single_core_hash_rate():
    """Argon2id INTERACTIVE hashes per second on one core, in this process (libsodium)."""
    sodium = ctypes.CDLL("libsodium.so.23")
    sodium.sodium_init()
    for name in ("crypto_pwhash_opslimit_interactive", "crypto_pwhash_memlimit_interactive"):
        getattr(sodium, name).restype = ctypes.c_size_t
    buffer, password = ctypes.create_string_buffer(128), b"password-123"
    ops = sodium.crypto_pwhash_opslimit_interactive()
    mem = sodium.crypto_pwhash_memlimit_interactive()
    samples = []
    for _ in range(3):
        start = time.process_time()
        for _ in range(10):
            sodium.crypto_pwhash_str(buffer, password, ctypes.c_ulonglong(len(password)),
                                     ctypes.c_ulonglong(ops), ctypes.c_size_t(mem))
        samples.append(10 / (time.process_time() - start))
    return statistics.median(samples)


def table(results, hash_rate):
    lines = [
        "| host | connections | limit | answered/s | share of a core's hash rate | 429 share "
        "| peak RSS (MiB) | honest login: seconds (tries) | lost requests |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results:
        honest = ", ".join("%.1f (%d)" % (seconds, tries)
                           for seconds, tries in zip(row["honest_s"], row["honest_tries"]))
        if row["honest_failed"]:
            honest += "; %d failed" % row["honest_failed"]
        # wrk counts every non-2xx answer as a "status" error; the others are lost requests.
        errors = sum(count for kind, count in row["errors"].items() if kind != "status")
        lines.append("| %s | %d | %s | %.1f | %.0f %% | %.0f %% | %s | %s | %s |" % (
            row["host"], row["connections"], row["limit"], row["answered_per_s"],
            100 * row["answered_per_s"] / hash_rate, 100 * row["share_429"],
            "{:,.0f}".format(row["peak_rss_mib"]), honest or "-", errors))
    return "\n".join(lines)


def record(markdown):
    path = os.path.join(HERE, "README.md")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    begin, end = MARKERS
    if begin in text:
        head, tail = text[:text.index(begin) + len(begin)], text[text.index(end):]
        text = head + "\n" + markdown + "\n" + tail
    else:
        text = text.rstrip("\n") + "\n\n" + begin + "\n" + markdown + "\n" + end + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def main(argv):
    args = parse_args(argv)
    hash_rate = single_core_hash_rate()
    print("single-core Argon2id INTERACTIVE: %.1f hashes/s" % hash_rate, flush=True)
    plan = [(name, int(c), True) for name in args.hosts.split(",")
            for c in args.connections.split(",")]
    if args.unbounded:
        plan += [(name, 100, False) for name in args.hosts.split(",")]
    results = []
    database = TestDatabase.start()
    try:
        for name, connections, bounded in plan:
            database.reset()
            host = Host(name, database, args.build_dir, bounded, args.wait_ms)
            try:
                status = host.request("POST", "/auth/register", HONEST)[0]
                assert status == 201, status
                row = flood(host, connections, args.seconds)
            finally:
                host.stop()
            wait = args.wait_ms if args.wait_ms is not None else 1000
            row.update(host=name, limit="cores (2 a process), wait %d ms" % wait if bounded
                       else "none")
            results.append(row)
            print(json.dumps(row), flush=True)
    finally:
        database.stop()
    markdown = ("%d s of wrk per row; Argon2id INTERACTIVE (64 MiB) measured at %.1f hashes/s on "
                "one core in this process; %s.\n\n" % (
                    args.seconds, hash_rate, time.strftime("%Y-%m-%d")) + table(results, hash_rate))
    print(markdown)
    if args.record:
        record(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
