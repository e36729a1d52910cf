"""Webhooks delivered for real: every host's background deliverer, and `store-admin deliver`
processes killed mid-way or running two at once, against a loopback receiver
(webhook_receiver.py). Each test has a database of its own on the suite's server, so the
suite's hosts (which run no deliverer: hosts.py sets LIBSTORE_DELIVER=0) never see its webhooks.
"""

import os
import signal
import subprocess
import time
import types
import uuid

import pytest

import libstore
from conftest import HOST_NAMES, USER_PASSWORD, login, register
from hosts import ADMIN_PASSWORD, ADMIN_USERNAME, BUILD_DIR, HOSTS, SECRET
from webhook_receiver import WebhookReceiver, signature_valid

STORE_ADMIN = os.path.join(BUILD_DIR, "bin", "store-admin")
RETRY_INITIAL_MS = 200
# What a delivering process needs to reach the loopback receiver quickly; the lease outlasts
# the send timeout, as the store requires.
DELIVERY_ENV = {
    "LIBSTORE_WEBHOOK_ALLOW_PRIVATE": "1",
    "LIBSTORE_WEBHOOK_RETRY_INITIAL_MS": str(RETRY_INITIAL_MS),
    "LIBSTORE_WEBHOOK_TIMEOUT_MS": "1000",
    "LIBSTORE_WEBHOOK_LEASE_MS": "3000",
}


def own_database(test_database):
    """The suite's server under a database name of this test alone."""
    return types.SimpleNamespace(uri=test_database.uri, transactions=test_database.transactions,
                                 database="webhooks_" + uuid.uuid4().hex[:12])


@pytest.fixture
def receiver():
    started = WebhookReceiver(failures=2)
    yield started
    started.stop()


@pytest.mark.parametrize("host_name", HOST_NAMES)
def test_the_host_delivers_every_event_signed_retrying_with_backoff(host_name, test_database,
                                                                    receiver):
    database = own_database(test_database)
    host = HOSTS[host_name](database, extra_env=dict(DELIVERY_ENV, LIBSTORE_DELIVER="1"))
    try:
        admin = login(host.client(), ADMIN_USERNAME, ADMIN_PASSWORD)
        created = admin.post("/webhooks", {"url": receiver.url, "events": ["user.registered"]})
        assert created.status == 201, created
        secret = created.json["secret"]
        names = ["hooked_%s_%d" % (host_name, i) for i in range(2)]
        for name in names:
            register(host.client(), name)

        accepted = receiver.wait_for_accepted(2)
        assert len(accepted) == 2, receiver.attempts
        assert sorted(a.event["data"]["username"] for a in accepted.values()) == names
        for delivery, attempt in accepted.items():
            assert attempt.headers["X-Libstore-Event"] == attempt.event["type"] == \
                "user.registered"
            assert delivery == str(attempt.event["id"])
            assert signature_valid(secret, attempt.headers["X-Libstore-Signature"], attempt.body)
            assert not signature_valid("whsec_another", attempt.headers["X-Libstore-Signature"],
                                       attempt.body)
            tries = receiver.attempts_of(delivery)
            assert [t.answered for t in tries] == [500, 500, 200]
            assert all(t.body == attempt.body for t in tries)  # the same bytes every time
            # Never sooner than the backoff: 200 ms after the first failure, 400 after the second.
            gaps = [later.started - earlier.started for earlier, later in zip(tries, tries[1:])]
            for k, gap in enumerate(gaps):
                assert gap >= RETRY_INITIAL_MS * 2 ** k / 1000.0 - 0.01, gaps

        # The deliverer logs an attempt after the receiver has answered it: wait for the last.
        deadline = time.monotonic() + 30
        while True:
            log = admin.get("/webhooks/%s/deliveries" % created.json["id"])
            assert log.status == 200, log
            by_event = {}
            for entry in reversed(log.json["items"]):  # newest first -> oldest first
                by_event.setdefault(entry["event_id"], []).append(
                    (entry["status_code"], entry["delivered"]))
            logged = sum(1 for attempts in by_event.values() if (200, True) in attempts)
            if logged == len(accepted) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert sorted(by_event) == sorted(int(d) for d in accepted)
        for attempts in by_event.values():
            assert attempts == [(500, False), (500, False), (200, True)]
    finally:
        host.stop()  # SIGTERM: the C host must exit 0 with its deliverer stopped (hosts.py)


def store_admin_deliver(database, *extra):
    env = dict(os.environ, MONGODB_URI=database.uri, LIBSTORE_DB=database.database,
               LIBSTORE_SECRET=SECRET, LIBSTORE_TRANSACTIONS=database.transactions,
               **DELIVERY_ENV)
    return subprocess.Popen([STORE_ADMIN, "deliver", *extra], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def shop_with_webhook(database, receiver, events):
    """A store on `database` with an admin, a webhook to `receiver` and `events` registrations
    made after it; returns the store and the webhook."""
    store = libstore.Store(database.uri, database=database.database, secret=SECRET,
                           password_cost="minimum", transactions=database.transactions,
                           webhook_allow_private=True)
    store.create_admin(username="hook_admin", email="hook_admin@example.com",
                       password=USER_PASSWORD)
    admin = store.session(store.login(username="hook_admin",
                                      password=USER_PASSWORD)["access_token"])
    webhook = admin.create_webhook({"url": receiver.url, "events": ["*"]})
    for i in range(events):
        store.register(username="buyer%d" % i, email="buyer%d@example.com" % i,
                       password=USER_PASSWORD)
    return store, admin, webhook


def stop_politely(process):
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_deliverer_killed_mid_send_loses_no_event(test_database):
    database = own_database(test_database)
    receiver = WebhookReceiver()
    receiver.hold.clear()  # the first request stays in flight until released
    first = second = None
    try:
        store, admin, webhook = shop_with_webhook(database, receiver, events=5)
        first = store_admin_deliver(database)
        assert receiver.wait_for_requests(1), first.stderr and first.communicate(timeout=5)
        first.send_signal(signal.SIGKILL)  # mid-send: the delivery stays leased to a dead process
        first.wait()
        receiver.hold.set()
        second = store_admin_deliver(database)
        # The killed process's delivery goes again once its lease runs out (3 s here).
        deadline = time.monotonic() + 60
        delivered = set()
        while len(delivered) < 5 and time.monotonic() < deadline:
            log = admin.webhook_deliveries(webhook["id"], {})
            delivered = {entry["event_id"] for entry in log["items"] if entry["delivered"]}
            time.sleep(0.1)
        assert len(delivered) == 5, log
        accepted = receiver.accepted()
        assert {int(d) for d in accepted} == delivered, receiver.attempts
        # The delivery the killed process was sending came again (no receiver here fails): at
        # least once.
        assert any(len(receiver.attempts_of(d)) >= 2 for d in accepted), receiver.attempts
        assert stop_politely(second) == 0, second.stderr.read()
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
        receiver.stop()


def test_two_deliverers_never_send_one_delivery_twice_at_once(test_database):
    database = own_database(test_database)
    # Slow answers and a failure each keep deliveries in flight and coming back, so the two
    # processes meet over the same ones.
    receiver = WebhookReceiver(failures=1, delay=0.15)
    processes = []
    try:
        store_admin_events = 12
        shop_with_webhook(database, receiver, events=store_admin_events)
        processes = [store_admin_deliver(database) for _ in range(2)]
        accepted = receiver.wait_for_accepted(store_admin_events, timeout=90)
        assert len(accepted) == store_admin_events, receiver.attempts
        assert max(receiver.most_in_flight.values()) == 1, receiver.most_in_flight
        for process in processes:
            assert stop_politely(process) == 0, process.stderr.read()
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        receiver.stop()


def test_deliver_once_runs_one_sweep_and_reports_it(test_database):
    database = own_database(test_database)
    receiver = WebhookReceiver()
    try:
        shop_with_webhook(database, receiver, events=1)
        once = store_admin_deliver(database, "--once")
        out, err = once.communicate(timeout=60)
        assert once.returncode == 0, err
        assert '"delivered":1' in out.replace(" ", ""), out
        assert len(receiver.accepted()) == 1
    finally:
        receiver.stop()


def test_deliver_needs_the_hosts_secret(test_database):
    env = dict(os.environ, MONGODB_URI=test_database.uri)
    env.pop("LIBSTORE_SECRET", None)
    run = subprocess.run([STORE_ADMIN, "deliver", "--once"], env=env, capture_output=True,
                         text=True, timeout=30)
    assert run.returncode == 2
    assert "LIBSTORE_SECRET" in run.stderr
