"""The Store handle, version and exception tree as a Python user sees them."""

import threading
import time

import pytest

import libstore
from conftest import SECRET, open_store


def test_version_matches_package():
    assert libstore.version() == libstore.__version__
    assert [int(part) for part in libstore.version().split(".")] >= [0, 1, 0]


def test_ping_reaches_database(store):
    assert store.ping() is None
    assert store.database == "libstore_test"


@pytest.mark.parametrize(
    "uri, kwargs, field",
    [
        ("", {}, "uri"),
        ("mongodb://", {}, "uri"),
        ("http://example", {}, "uri"),
        ("mongodb://127.0.0.1:9", {"secret": "short"}, "token_secret"),
        ("mongodb://127.0.0.1:9", {"database": "a.b"}, "database"),
        ("mongodb://127.0.0.1:9", {"password_cost": "cheap"}, "password_cost"),
        ("mongodb://127.0.0.1:9", {"transactions": "sometimes"}, "transactions"),
        ("mongodb://127.0.0.1:9", {"token_lifetime": 0}, "token_lifetime_seconds"),
    ],
)
def test_bad_options_raise_validation_error_naming_the_field(uri, kwargs, field):
    options = {"secret": SECRET}
    options.update(kwargs)
    with pytest.raises(libstore.ValidationError) as caught:
        libstore.Store(uri, **options)
    assert caught.value.field == field
    assert caught.value.code == "invalid_argument"
    assert isinstance(caught.value, ValueError)
    assert caught.value.message


def test_secret_is_required_keyword():
    with pytest.raises(TypeError):
        libstore.Store("mongodb://127.0.0.1:9")


def test_unreachable_database_raises_unavailable_within_timeout():
    store = libstore.Store("mongodb://127.0.0.1:9", secret=SECRET, server_selection_timeout_ms=300)
    started = time.monotonic()
    with pytest.raises(libstore.UnavailableError) as caught:
        store.ping()
    assert time.monotonic() - started < 5
    assert caught.value.code == "unavailable"
    assert isinstance(caught.value, ConnectionError)
    assert isinstance(caught.value, libstore.StoreError)


def test_exception_tree():
    assert issubclass(libstore.ValidationError, ValueError)
    assert issubclass(libstore.NotFoundError, LookupError)
    assert issubclass(libstore.UnavailableError, ConnectionError)
    for name in ("ValidationError", "NotFoundError", "ConflictError", "UnauthenticatedError",
                 "ForbiddenError", "RateLimitedError", "UnavailableError"):
        assert issubclass(getattr(libstore, name), libstore.StoreError)
    error = libstore.ConflictError("taken", field="username")
    assert error.to_dict() == {
        "error": {"code": "conflict", "message": "taken", "field": "username"}}


def test_ping_releases_the_gil():
    # Pings to an unreachable server block for the timeout each; run in parallel they take
    # about one timeout, not four, only if the GIL is released while waiting.
    store = libstore.Store("mongodb://127.0.0.1:9", secret=SECRET, server_selection_timeout_ms=500)
    failures = []

    def ping():
        try:
            store.ping()
        except libstore.UnavailableError:
            failures.append(1)

    threads = [threading.Thread(target=ping) for _ in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(failures) == 4
    assert time.monotonic() - started < 1.9


def wait_until_ping_succeeds(store, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            store.ping()
            return
        except libstore.UnavailableError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_store_survives_a_database_outage_and_recovers_by_itself(test_database):
    if not test_database.is_spawned:
        pytest.skip("needs a database the test can stop and restart")
    from database_server import TestDatabase

    own = TestDatabase.start()
    try:
        store = open_store(own, server_selection_timeout_ms=500)
        store.ping()
        own.stop_server()
        started = time.monotonic()
        with pytest.raises(libstore.UnavailableError):
            store.ping()
        assert time.monotonic() - started < 5
        own.restart()
        wait_until_ping_succeeds(store)
    finally:
        own.stop()


def test_stats_count_commands_on_the_client(store):
    before = store.stats()
    assert set(before) == {"commands", "failures", "retries", "transactions", "pool_waits",
                           "password_hashing"}
    assert set(before["password_hashing"]) == {"limit", "in_use", "waiting", "refused"}
    assert set(before["transactions"]) == {"started", "committed", "aborted", "retried"}
    store.ping()
    store.ping()
    after = store.stats()
    assert after["commands"]["ping"] == before["commands"].get("ping", 0) + 2
    assert store.stats()["commands"] == after["commands"], "reading stats sent a command"


def test_stats_count_waits_for_a_pooled_connection(test_database):
    # One connection for four threads that release the GIL: some calls must wait for it.
    separator = "&" if "?" in test_database.uri else "?"
    store = open_store(test_database, uri=test_database.uri + separator + "maxPoolSize=1")
    store.ping()
    start = threading.Barrier(4)

    def ping_often():
        start.wait()
        for _ in range(50):
            store.ping()

    threads = [threading.Thread(target=ping_often) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats = store.stats()
    assert stats["commands"]["ping"] == 201
    assert stats["pool_waits"] > 0
