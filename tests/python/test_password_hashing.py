"""The password-hashing limit from Python: a login past it raises RateLimitedError once its wait
is over, a waiting call releases the GIL, and the options are checked by name."""

import threading

import pytest

import libstore
from conftest import SECRET, open_store
from libstore.http.environment import store_from_environ

PASSWORD = "password-123"


def concurrent_logins(store, count):
    """`count` logins of ada started together; each thread's result or exception."""
    start = threading.Barrier(count)
    results = [None] * count

    def log_in(index):
        start.wait()
        try:
            results[index] = store.login(username="ada", password=PASSWORD)
        except libstore.StoreError as error:
            results[index] = error

    threads = [threading.Thread(target=log_in, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    return threads, results


def hashing_store(test_database, **options):
    test_database.reset()
    # A cost whose hash takes hundreds of milliseconds, so logins started together overlap.
    store = open_store(test_database, password_cost="moderate", rate_limit_per_minute=0,
                       password_hash_concurrency=1, **options)
    store.register(username="ada", email="ada@example.com", password=PASSWORD)
    return store


def test_past_the_limit_a_login_is_refused_after_its_wait(test_database):
    store = hashing_store(test_database, password_hash_wait_ms=0)
    assert store.stats()["password_hashing"]["limit"] == 1
    threads, results = concurrent_logins(store, 4)
    for thread in threads:
        thread.join()
    refused = [r for r in results if isinstance(r, libstore.StoreError)]
    assert all(isinstance(r, libstore.RateLimitedError) for r in refused), results
    assert all(r.field == "password" and r.retry_after == 1 for r in refused)
    assert 1 <= len(refused) < 4
    assert store.stats()["password_hashing"]["refused"] == len(refused)
    assert "access_token" in store.login(username="ada", password=PASSWORD)


def test_a_waiting_login_releases_the_gil_and_gets_its_turn(test_database):
    store = hashing_store(test_database, password_hash_wait_ms=30000)
    threads, results = concurrent_logins(store, 3)
    # This thread runs Python while the others wait for their turn: they hold no GIL.
    saw_a_waiter = False
    while any(thread.is_alive() for thread in threads):
        saw_a_waiter = saw_a_waiter or store.stats()["password_hashing"]["waiting"] > 0
    for thread in threads:
        thread.join()
    assert saw_a_waiter
    assert all("access_token" in result for result in results), results
    stats = store.stats()["password_hashing"]
    assert (stats["refused"], stats["in_use"], stats["waiting"]) == (0, 0, 0)


@pytest.mark.parametrize("option, value", [
    ("password_hash_concurrency", -1), ("password_hash_concurrency", 1025),
    ("password_hash_wait_ms", -1), ("password_hash_wait_ms", 60001),
])
def test_bad_options_are_refused_by_name(test_database, option, value):
    with pytest.raises(libstore.ValidationError) as caught:
        open_store(test_database, **{option: value})
    assert caught.value.field == option


def test_the_environment_sets_both_options(test_database):
    store = store_from_environ({"MONGODB_URI": test_database.uri, "LIBSTORE_SECRET": SECRET,
                                "LIBSTORE_DB": test_database.database,
                                "LIBSTORE_PASSWORD_HASH_CONCURRENCY": "3",
                                "LIBSTORE_PASSWORD_HASH_WAIT_MS": "0"})
    assert store.stats()["password_hashing"]["limit"] == 3


@pytest.mark.parametrize("variable, value, message", [
    ("LIBSTORE_PASSWORD_HASH_CONCURRENCY", "many", "must be a whole number"),
    ("LIBSTORE_PASSWORD_HASH_CONCURRENCY", "2000", "LIBSTORE_PASSWORD_HASH_CONCURRENCY: "),
    ("LIBSTORE_PASSWORD_HASH_WAIT_MS", "-1", "must be a whole number"),
    ("LIBSTORE_PASSWORD_HASH_WAIT_MS", "70000", "LIBSTORE_PASSWORD_HASH_WAIT_MS: "),
])
def test_the_environment_names_a_bad_variable(test_database, variable, value, message):
    environ = {"MONGODB_URI": test_database.uri, "LIBSTORE_SECRET": SECRET, variable: value}
    with pytest.raises(SystemExit, match=message):
        store_from_environ(environ)
