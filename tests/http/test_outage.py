"""The database goes away mid-traffic and comes back: every call (one of each endpoint, and a
stream of mixed calls from several threads) answers 503 within the configured timeout while it is
gone, nothing crashes or hangs, and calls succeed again once it is back, with the data written
before the outage. Each test starts its OWN test database and host, like test_health.py does.
"""

import concurrent.futures
import threading
import time

import pytest

from conftest import HOST_NAMES, USER_PASSWORD
from hosts import ADMIN_PASSWORD, ADMIN_USERNAME, HOSTS
from database_server import TestDatabase

TIMEOUT_MS = 300
# A call may wait for server selection twice (the account re-check, then the operation itself)
# and a loaded CI machine adds its own delays: generous, yet far below a hang. A host run under
# valgrind (LIBSTORE_TEST_HOST_WRAPPER, tests/memcheck) is some ten times slower at everything.
MAX_SECONDS = 2.5


def max_seconds(host):
    return MAX_SECONDS * (10 if "valgrind" in " ".join(getattr(host, "wrapper", []))
                          else 1)


def started(host_name):
    database = TestDatabase.start()
    uri = "%s?serverSelectionTimeoutMS=%d&connectTimeoutMS=%d" % (
        database.uri.split("?")[0], TIMEOUT_MS, TIMEOUT_MS)
    host = HOSTS[host_name](database, extra_env={"MONGODB_URI": uri})
    return database, host


def wait_for(client, path, status, timeout=15.0):
    deadline = time.monotonic() + timeout
    while True:
        response = client.get(path)
        if response.status == status or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


class Traffic:
    """Worker threads sending a mix of calls until stopped (and at most `max_calls` each),
    recording (sent at, seconds taken, call, status, error code, exception) per call."""

    def __init__(self, calls, workers=4, max_calls=2000):
        self.calls = calls
        self.records = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.work, args=(i, max_calls))
                        for i in range(workers)]

    def work(self, offset, max_calls):
        for count in range(max_calls):
            if self.stopping.is_set():
                return
            name, send = self.calls[(offset + count) % len(self.calls)]
            sent = time.monotonic()
            status, code, failure = None, None, None
            try:
                response = send()
                status = response.status
                if response.json and isinstance(response.json, dict) and "error" in response.json:
                    code = response.json["error"]["code"]
            except Exception as error:  # a reset or refused connection is a failure too
                failure = repr(error)
            with self.lock:
                self.records.append((sent, time.monotonic() - sent, name, status, code, failure))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in self.threads), "a call hung"


def sweep_every_endpoint(anonymous, ada, admin, limit):
    """One call of every endpoint of API.md, six at a time, while the database is down: each is
    503 unavailable within the timeout."""
    some_id = "0123456789abcdef01234567"
    requests = [
        (anonymous, "POST", "/auth/register",
         {"username": "bob", "email": "bob@example.com", "password": USER_PASSWORD}),
        (anonymous, "POST", "/auth/login", {"username": "ada", "password": "x" * 8}),
        (ada, "POST", "/auth/logout", None), (ada, "GET", "/users/me", None),
        (ada, "PATCH", "/users/me", {"name": "A"}), (ada, "DELETE", "/users/me", None),
        (admin, "GET", "/users", None), (admin, "POST", "/users/%s/deactivate" % some_id, None),
        (admin, "POST", "/users/%s/activate" % some_id, None),
        (anonymous, "GET", "/categories", None), (anonymous, "GET", "/categories/" + some_id, None),
        (admin, "POST", "/categories", {"name": "Books"}),
        (admin, "PATCH", "/categories/" + some_id, {"name": "B"}),
        (admin, "DELETE", "/categories/" + some_id, None), (anonymous, "GET", "/products", None),
        (anonymous, "GET", "/products/" + some_id, None),
        (admin, "POST", "/products", {"name": "Pen", "price": 1, "stock": 1}),
        (admin, "PATCH", "/products/" + some_id, {"name": "P"}),
        (admin, "DELETE", "/products/" + some_id, None), (ada, "GET", "/cart", None),
        (ada, "POST", "/cart/items", {"product_id": some_id}),
        (ada, "PUT", "/cart/items/" + some_id, {"quantity": 1}),
        (ada, "DELETE", "/cart/items/" + some_id, None), (ada, "DELETE", "/cart", None),
        (ada, "POST", "/orders", None), (ada, "GET", "/orders", None),
        (ada, "GET", "/orders/" + some_id, None), (ada, "GET", "/orders/%s/status" % some_id, None),
        (admin, "PATCH", "/orders/%s/status" % some_id, {"status": "paid"}),
        (ada, "POST", "/orders/%s/cancel" % some_id, None), (anonymous, "GET", "/health", None)]

    def call(request):
        caller, method, path, body = request
        sent = time.monotonic()
        response = caller.request(method, path, body=body)
        return method, path, response, time.monotonic() - sent

    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        for method, path, response, elapsed in pool.map(call, requests):
            assert response.status == 503, (method, path, response)
            if path != "/health":
                assert response.json["error"]["code"] == "unavailable", (method, path, response)
            assert elapsed < limit, (method, path, elapsed)


@pytest.mark.parametrize("host_name", HOST_NAMES)
def test_calls_are_503_during_an_outage_and_succeed_after_it(test_database, host_name):
    if not test_database.is_spawned:
        pytest.skip("needs a database the test can stop and restart")
    database, host = started(host_name)
    try:
        anonymous = host.client()
        assert anonymous.post("/auth/register", {"username": "ada", "email": "ada@example.com",
                                                 "password": USER_PASSWORD}).status == 201
        token = anonymous.post("/auth/login", {"username": "ada", "password": USER_PASSWORD})
        ada = anonymous.with_token(token.json["access_token"])
        admin_token = anonymous.post("/auth/login", {"username": ADMIN_USERNAME,
                                                     "password": ADMIN_PASSWORD})
        admin = anonymous.with_token(admin_token.json["access_token"])
        product = admin.post("/products", {"name": "Pen", "price": 2, "stock": 100000}).json["id"]
        calls = [
            ("health", lambda: anonymous.get("/health")),
            ("list products", lambda: anonymous.get("/products?q=pen")),
            ("get product", lambda: anonymous.get("/products/" + product)),
            ("categories", lambda: anonymous.get("/categories")),
            ("me", lambda: ada.get("/users/me")),
            ("cart", lambda: ada.get("/cart")),
            ("add to cart", lambda: ada.post("/cart/items", {"product_id": product})),
            ("place order", lambda: ada.post("/orders")),
            ("orders", lambda: ada.get("/orders")),
            ("login", lambda: anonymous.post("/auth/login", {"username": "ada",
                                                             "password": USER_PASSWORD})),
            ("users", lambda: admin.get("/users")),
        ]
        with Traffic(calls) as traffic:
            time.sleep(0.5)
            stopped_at = time.monotonic()
            database.stop_server()
            time.sleep(0.2)
            sweep_every_endpoint(anonymous, ada, admin, max_seconds(host))
            time.sleep(0.3)
            restarted_at = time.monotonic()
            database.restart()
            time.sleep(1.0)
        records = traffic.records
        assert host.alive(), "the host died"
        failures = [r for r in records if r[5] is not None]
        assert not failures, "calls failed at the HTTP level: %r" % failures[:5]
        slow = [r for r in records if r[1] > max_seconds(host)]
        assert not slow, "calls took longer than %.1f s: %r" % (max_seconds(host), slow[:5])
        # While the database was surely gone (calls sent after the stop and answered before the
        # restart), every single call is 503 unavailable.
        during = [r for r in records if r[0] > stopped_at + 0.05 and r[0] + r[1] < restarted_at]
        assert len(during) >= 4, "too little traffic during the outage: %d" % len(during)
        wrong = [r for r in during if (r[3], r[4]) not in {(503, "unavailable"), (503, None)}]
        assert not wrong, "answers during the outage: %r" % wrong[:5]
        assert all(r[4] == "unavailable" for r in during if r[2] != "health")
        # Before it, everything worked; after it, no call is a 500.
        before = [r for r in records if r[0] + r[1] < stopped_at]
        fine = {"place order": (201, 400), "add to cart": (200, 409)}  # empty cart, full line
        assert before and all(r[3] in fine.get(r[2], (200,)) for r in before), before[:5]
        assert all(r[3] != 500 for r in records), [r for r in records if r[3] == 500][:5]
        # After the restart the host recovers by itself: health, then fresh accounts and data.
        assert wait_for(anonymous, "/health", 200).status == 200
        assert anonymous.post("/auth/register", {"username": "bob", "email": "bob@example.com",
                                                 "password": USER_PASSWORD}).status == 201
        token = anonymous.post("/auth/login", {"username": "bob", "password": USER_PASSWORD})
        assert token.status == 200
        bob = anonymous.with_token(token.json["access_token"])
        assert bob.get("/users/me").json["username"] == "bob"
        assert bob.get("/cart").status == 200
        assert anonymous.get("/products").status == 200
        # The database kept its data across the restart: ada's account and token still work.
        assert ada.get("/users/me").json["username"] == "ada"
        timings = sorted(r[1] for r in during)
        print("%s: %d calls, %d during the outage, slowest %.2f s, median %.2f s" % (
            host_name, len(records), len(during), timings[-1], timings[len(timings) // 2]))
    finally:
        host.stop()
        database.stop()


@pytest.mark.parametrize("host_name", HOST_NAMES)
def test_unique_rules_hold_after_the_database_comes_back_empty(test_database, host_name):
    if not test_database.is_spawned:
        pytest.skip("needs a database the test can stop and restart")
    database, host = started(host_name)
    try:
        anonymous = host.client()
        assert anonymous.get("/health").status == 200
        database.restart(empty=True)
        assert wait_for(anonymous, "/health", 200).status == 200
        body = {"username": "ada", "email": "ada@example.com", "password": USER_PASSWORD}
        assert anonymous.post("/auth/register", body).status == 201
        second = anonymous.post("/auth/register", dict(body, email="other@example.com"))
        assert second.status == 409, second
    finally:
        host.stop()
        database.stop()
