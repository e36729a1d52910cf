"""The README's webhook receiver, as written, against the library's real deliveries: it accepts
what libstore signs and refuses what it did not. Also Store.start_deliverer()'s thread."""

import hashlib
import hmac
import json
import os
import threading
import time
import urllib.error
import urllib.request

import pytest
from werkzeug.serving import make_server

from conftest import open_store
from readme_examples import readme_block

SOURCE_DIR = os.environ.get("LIBSTORE_SOURCE_DIR", ".")
PASSWORD = "receiver-password-1"


def receiver_source():
    for index in range(20):
        block = readme_block(SOURCE_DIR, "python", index)
        if "X-Libstore-Signature" in block:
            return block
    raise AssertionError("the README has no webhook receiver")


class LateApp:
    """A WSGI app that serves `app` once it is set (the receiver needs the secret, which exists
    only after the webhook, which needs the receiver's address)."""

    app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


@pytest.fixture
def readme_receiver():
    late = LateApp()
    server = make_server("127.0.0.1", 0, late, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield late, "http://127.0.0.1:%d/hooks/libstore" % server.server_port
    server.shutdown()


def load_receiver(secret, monkeypatch):
    monkeypatch.setenv("LIBSTORE_WEBHOOK_SECRET", secret)
    namespace = {"__name__": "readme_receiver"}
    exec(compile(receiver_source(), "README.md (webhook receiver)", "exec"), namespace)
    return namespace["app"]


def admin_session(store):
    store.create_admin(username="hooks", email="hooks@example.com", password=PASSWORD)
    return store.session(store.login(username="hooks", password=PASSWORD)["access_token"])


def test_the_readme_receiver_accepts_what_libstore_signs(test_database, readme_receiver,
                                                         monkeypatch):
    test_database.reset()
    store = open_store(test_database, webhook_allow_private=True)
    late, url = readme_receiver
    admin = admin_session(store)
    webhook = admin.create_webhook({"url": url, "events": ["user.registered"]})
    late.app = load_receiver(webhook["secret"], monkeypatch)
    store.register(username="reader", email="reader@example.com", password=PASSWORD)

    report = store.deliver()
    assert report["delivered"] == 1, report
    log = admin.webhook_deliveries(webhook["id"], {})["items"]
    assert [(entry["status_code"], entry["delivered"]) for entry in log] == [(204, True)]

    # What libstore did not sign is refused: another secret, an old timestamp, no signature.
    body = json.dumps({"id": 1, "type": "user.registered", "at": "", "data": {}}).encode()

    def post(signature):
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json", "X-Libstore-Signature": signature})
        try:
            return urllib.request.urlopen(request, timeout=10).status
        except urllib.error.HTTPError as error:
            return error.code

    def signed(secret, t):
        mac = hmac.new(secret.encode(), str(t).encode() + b"." + body, hashlib.sha256)
        return "t=%d,v1=%s" % (t, mac.hexdigest())

    now = int(time.time())
    assert post(signed(webhook["secret"], now)) == 204
    assert post(signed("whsec_not_this_one", now)) == 400
    assert post(signed(webhook["secret"], now - 3600)) == 400
    assert post("") == 400


def test_the_background_deliverer_delivers_until_stopped(test_database, readme_receiver,
                                                         monkeypatch):
    test_database.reset()
    store = open_store(test_database, webhook_allow_private=True)
    late, url = readme_receiver
    admin = admin_session(store)
    webhook = admin.create_webhook({"url": url, "events": ["*"]})
    late.app = load_receiver(webhook["secret"], monkeypatch)
    with store.start_deliverer(idle_interval=0.05) as deliverer:
        store.register(username="early", email="early@example.com", password=PASSWORD)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            items = admin.webhook_deliveries(webhook["id"], {})["items"]
            if any(entry["delivered"] for entry in items):
                break
            time.sleep(0.05)
        assert any(entry["delivered"] for entry in items), items
    deliverer.stop()  # again: harmless
    with pytest.raises(Exception) as refused:
        store.start_deliverer(idle_interval=0)
    assert getattr(refused.value, "field", None) == "idle_ms"
