"""Webhooks through the Python package: administration (admins only, the secret shown once),
validation naming the field, and a delivery to a loopback receiver in this test whose signature
is checked with hmac/hashlib alone, retried after a failure."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import libstore
from conftest import open_store

PASSWORD = "password-123"


def make_session(store, username, admin=False):
    fields = dict(username=username, email=username + "@example.com", password=PASSWORD)
    store.create_admin(**fields) if admin else store.register(**fields)
    return store.session(store.login(username=username, password=PASSWORD)["access_token"])


@pytest.fixture
def store(test_database):
    test_database.reset()
    return open_store(test_database, webhook_allow_private=True, webhook_retry_initial_ms=20)


@pytest.fixture
def admin(store):
    return make_session(store, "hooks_admin", admin=True)


class Receiver:
    """127.0.0.1 HTTP server recording each POST; answers 503 to the first `failures`."""

    def __init__(self, failures=0):
        self.requests = []
        self.failures = failures
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                status = 503 if len(receiver.requests) <= receiver.failures else 204
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hook" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = Receiver(failures=1)
    yield made
    made.close()


def test_administration_and_the_secret_shown_once(admin):
    created = admin.create_webhook(url="https://hooks.example.com/in", events=["order.placed"])
    assert created["secret"].startswith("whsec_")
    assert created["active"] is True
    hook_id = created["id"]
    assert "secret" not in admin.get_webhook(hook_id)
    assert [item["id"] for item in admin.list_webhooks()["items"]] == [hook_id]
    assert all("secret" not in item for item in admin.list_webhooks()["items"])
    changed = admin.update_webhook(hook_id, events=["*"], active=False)
    assert changed["events"] == ["*"] and changed["active"] is False
    assert admin.webhook_deliveries(hook_id) == {"items": [], "next_cursor": None}
    admin.delete_webhook(hook_id)
    with pytest.raises(libstore.NotFoundError):
        admin.get_webhook(hook_id)


def test_only_admins(store, admin):
    client = make_session(store, "ada")
    with pytest.raises(libstore.ForbiddenError):
        client.create_webhook(url="https://hooks.example.com/", events=["*"])
    with pytest.raises(libstore.ForbiddenError):
        client.list_webhooks()


@pytest.mark.parametrize("body, field", [
    (dict(url="ftp://example.com/", events=["*"]), "url"),
    (dict(url="https://user:pw@example.com/", events=["*"]), "url"),
    (dict(url="https://example.com/", events=[]), "events"),
    (dict(url="https://example.com/", events=["order.shipped"]), "events"),
    (dict(url="https://example.com/", events=["*", "*"]), "events"),
    (dict(url="https://example.com/", events=["*"], active="yes"), "active"),
    (dict(url="https://example.com/", events=["*"], secret="mine"), "secret"),
])
def test_validation_names_the_field(admin, body, field):
    with pytest.raises(libstore.ValidationError) as raised:
        admin.create_webhook(**body)
    assert raised.value.field == field


def test_private_targets_refused_unless_allowed(test_database):
    test_database.reset()
    strict = open_store(test_database)
    admin = make_session(strict, "strict_admin", admin=True)
    for url in ("http://127.0.0.1:8000/", "http://localhost/", "http://10.0.0.1/",
                "http://[::1]/", "http://169.254.169.254/"):
        with pytest.raises(libstore.ValidationError) as raised:
            admin.create_webhook(url=url, events=["*"])
        assert raised.value.field == "url"
    with pytest.raises(libstore.ValidationError) as raised:
        open_store(test_database, webhook_lease_ms=1000, webhook_timeout_ms=1000)
    assert raised.value.field == "webhook_lease_ms"


def test_delivery_signed_and_retried(store, admin, receiver):
    created = admin.create_webhook(url=receiver.url, events=["user.registered"])
    store.register(username="bob", email="bob@example.com", password=PASSWORD)
    reports = []
    for _ in range(20):
        reports.append(store.deliver())
        if reports[-1]["next_due_in_ms"] is None:
            break
        threading.Event().wait(reports[-1]["next_due_in_ms"] / 1000)
    assert reports[0]["dispatched"] == 1
    assert sum(r["delivered"] for r in reports) == 1
    assert sum(r["retried"] for r in reports) == 1
    assert len(receiver.requests) == 2
    for headers, body in receiver.requests:
        timestamp, _, mac = headers["X-Libstore-Signature"].partition(",v1=")
        timestamp = timestamp.removeprefix("t=")
        expected = hmac.new(created["secret"].encode(), timestamp.encode() + b"." + body,
                            hashlib.sha256).hexdigest()
        assert hmac.compare_digest(mac, expected)
        event = json.loads(body)
        assert event["type"] == headers["X-Libstore-Event"] == "user.registered"
        assert str(event["id"]) == headers["X-Libstore-Delivery"]
        assert headers["User-Agent"].startswith("libstore/")
    assert receiver.requests[0][1] == receiver.requests[1][1]  # a retry sends the same bytes
    log = admin.webhook_deliveries(created["id"])["items"]
    assert [(a["attempt"], a["status_code"], a["delivered"]) for a in log] == [
        (2, 204, True), (1, 503, False)]
