"""Store.rate_limit_hit and the options behind it, and how libstore.http uses them."""

import threading
import time

import flask
import pytest
from starlette.datastructures import Headers

import libstore
from conftest import SECRET, open_store
from libstore.flask import create_blueprint
from libstore.http import rate_limits
from libstore.http.environment import store_from_environ


def wait_for_room_in_the_minute():
    """The counts are per clock minute: a sequence that must stay inside one starts with at
    least 10 s of it left (a wait, never a timing assertion)."""
    left = 60 - time.time() % 60
    if left < 10:
        time.sleep(left + 0.5)


@pytest.fixture
def limited(test_database):
    test_database.reset()
    wait_for_room_in_the_minute()
    return open_store(test_database, rate_limit_per_minute=3,
                      trusted_proxies="10.0.0.0/8, 2001:db8:ffff::/48")


def test_the_request_past_the_limit_raises_with_retry_after(limited):
    for _ in range(3):
        assert limited.rate_limit_hit("login", "203.0.113.9") is None
    with pytest.raises(libstore.RateLimitedError) as caught:
        limited.rate_limit_hit("login", "203.0.113.9")
    assert caught.value.code == "rate_limited"
    assert 1 <= caught.value.retry_after <= 60
    # Counts are per action and per address.
    limited.rate_limit_hit("register", "203.0.113.9")
    limited.rate_limit_hit("login", "203.0.113.10")


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(limited):
    for client in ("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"):
        limited.rate_limit_hit("refresh", "10.1.2.3", client)
    for client in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        limited.rate_limit_hit("refresh", "192.0.2.50", client)
    with pytest.raises(libstore.RateLimitedError):
        limited.rate_limit_hit("refresh", "192.0.2.50", "198.51.100.9")


def test_ipv6_clients_count_by_their_64(limited):
    for suffix in ("1", "2", "3"):
        limited.rate_limit_hit("password_reset", "2001:db8:1:2::" + suffix)
    with pytest.raises(libstore.RateLimitedError):
        limited.rate_limit_hit("password_reset", "2001:db8:1:2:ffff::9")
    limited.rate_limit_hit("password_reset", "2001:db8:1:3::1")


def test_bad_arguments_are_validation_errors(limited):
    for action in ("logout", "", "LOGIN"):
        with pytest.raises(libstore.ValidationError) as caught:
            limited.rate_limit_hit(action, "203.0.113.9")
        assert caught.value.field == "action"
    for peer in ("a b", "x" * 65, "a,b", "nul\0"):
        with pytest.raises(libstore.ValidationError) as caught:
            limited.rate_limit_hit("login", peer)
        assert caught.value.field == "peer_address"
    with pytest.raises(TypeError):
        limited.rate_limit_hit("login", 5)
    # No IP peer (a Unix socket): one shared count.
    limited.rate_limit_hit("login", None)
    limited.rate_limit_hit("login", "")


def test_limit_zero_counts_nothing(test_database):
    store = open_store(test_database, rate_limit_per_minute=0)
    before = store.stats()["commands"].get("findAndModify", 0)
    for _ in range(100):
        store.rate_limit_hit("login", "203.0.113.9")
    assert store.stats()["commands"].get("findAndModify", 0) == before
    with pytest.raises(libstore.ValidationError):
        store.rate_limit_hit("logon", "203.0.113.9")


@pytest.mark.parametrize("kwargs, field", [
    ({"rate_limit_per_minute": -1}, "rate_limit_per_minute"),
    ({"rate_limit_per_minute": 1000001}, "rate_limit_per_minute"),
    ({"trusted_proxies": "10.0.0.1/8"}, "trusted_proxies"),
    ({"trusted_proxies": "10.0.0.0/8,"}, "trusted_proxies"),
    ({"trusted_proxies": "proxy.internal"}, "trusted_proxies"),
    ({"trusted_proxies": "::/129"}, "trusted_proxies"),
])
def test_bad_options_name_the_field(kwargs, field):
    with pytest.raises(libstore.ValidationError) as caught:
        libstore.Store("mongodb://127.0.0.1:9", secret=SECRET, **kwargs)
    assert caught.value.field == field


def test_options_of_the_wrong_type_are_type_errors():
    for kwargs in ({"rate_limit_per_minute": 2 ** 40}, {"rate_limit_per_minute": "60"},
                   {"trusted_proxies": ["10.0.0.1"]}):
        with pytest.raises(TypeError):
            libstore.Store("mongodb://127.0.0.1:9", secret=SECRET, **kwargs)


def test_rate_limit_hit_releases_the_gil():
    # Counts on an unreachable server block for the timeout each; four in parallel take about
    # one timeout, not four, only if the GIL is released while waiting.
    store = libstore.Store("mongodb://127.0.0.1:9", secret=SECRET, server_selection_timeout_ms=500)
    failures = []

    def hit():
        try:
            store.rate_limit_hit("login", "203.0.113.9")
        except libstore.UnavailableError:
            failures.append(1)

    threads = [threading.Thread(target=hit) for _ in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(failures) == 4
    assert time.monotonic() - started < 1.9


def test_the_http_table_names_the_four_endpoints():
    assert rate_limits.ACTIONS == {
        ("POST", "/auth/login"): "login",
        ("POST", "/auth/register"): "register",
        ("POST", "/auth/refresh"): "refresh",
        ("POST", "/auth/password-reset"): "password_reset",
    }


def test_repeated_forwarded_for_fields_are_joined_in_order():
    starlette = Headers(raw=[(b"x-forwarded-for", b"1.1.1.1"), (b"x-forwarded-for", b"2.2.2.2")])
    assert rate_limits.forwarded_for(starlette) == "1.1.1.1, 2.2.2.2"
    assert rate_limits.forwarded_for(Headers(raw=[])) is None
    assert rate_limits.forwarded_for({"X-Forwarded-For": "3.3.3.3"}) == "3.3.3.3"
    assert rate_limits.forwarded_for({}) is None


def test_a_flask_host_answers_429_with_retry_after(limited):
    app = flask.Flask("limits")
    app.register_blueprint(create_blueprint(limited))
    client = app.test_client()
    for number in range(3):
        response = client.post("/auth/login", json={"username": "nobody%d" % number,
                                                    "password": "password-123"})
        assert response.status_code == 401
    response = client.post("/auth/login", json={"username": "nobody", "password": "x" * 8})
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert response.headers["Cache-Control"] == "no-store"
    # Routes that are not rate-limited are not counted.
    assert client.get("/products").status_code == 200


@pytest.mark.parametrize("value, message", [
    ("ten", "LIBSTORE_RATE_LIMIT_PER_MINUTE"),
    ("-1", "LIBSTORE_RATE_LIMIT_PER_MINUTE"),
    ("1000001", "LIBSTORE_RATE_LIMIT_PER_MINUTE"),
    ("", "LIBSTORE_RATE_LIMIT_PER_MINUTE"),
    (" 60", "LIBSTORE_RATE_LIMIT_PER_MINUTE"),
    ("\u0663", "LIBSTORE_RATE_LIMIT_PER_MINUTE"),
])
def test_environment_refuses_bad_rate_limits(test_database, value, message):
    environ = {"MONGODB_URI": test_database.uri, "LIBSTORE_SECRET": SECRET,
               "LIBSTORE_RATE_LIMIT_PER_MINUTE": value}
    with pytest.raises(SystemExit, match=message):
        store_from_environ(environ)


@pytest.mark.parametrize("value", ["10.0.0.1/8", "proxy.internal", "10.0.0.0/8,,::1", "*"])
def test_environment_refuses_bad_trusted_proxies(test_database, value):
    environ = {"MONGODB_URI": test_database.uri, "LIBSTORE_SECRET": SECRET,
               "LIBSTORE_TRUSTED_PROXIES": value}
    with pytest.raises(SystemExit, match="LIBSTORE_TRUSTED_PROXIES: trusted_proxies"):
        store_from_environ(environ)


def test_environment_reads_both_variables(test_database):
    test_database.reset()
    wait_for_room_in_the_minute()
    store = store_from_environ({"MONGODB_URI": test_database.uri, "LIBSTORE_SECRET": SECRET,
                                "LIBSTORE_DB": test_database.database,
                                "LIBSTORE_RATE_LIMIT_PER_MINUTE": "1",
                                "LIBSTORE_TRUSTED_PROXIES": "10.0.0.0/8"})
    store.rate_limit_hit("login", "10.0.0.1", "198.51.100.1")
    store.rate_limit_hit("login", "10.0.0.1", "198.51.100.2")
    with pytest.raises(libstore.RateLimitedError):
        store.rate_limit_hit("login", "10.0.0.1", "198.51.100.2")
