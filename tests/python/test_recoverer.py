"""Store.start_recoverer(): crash recovery in the background from Python, its options, and the
hosts' LIBSTORE_RECOVER_INTERVAL / LIBSTORE_RECOVER_AGE. What a sweep puts right is tested where
a crash can be made (tests/core/integration/orders_test.cpp, tests/http/test_crash_recovery.py)."""

import time

import pytest

import libstore
from libstore.http.environment import recoverer_from_environ


def finds(store):
    return store.stats()["commands"].get("find", 0)


def test_a_recoverer_sweeps_on_its_interval_until_stopped(store):
    before = finds(store)
    with store.start_recoverer(interval=0.01, min_age=1) as recoverer:
        assert isinstance(recoverer, libstore.Recoverer)
        deadline = time.monotonic() + 10  # a wait for the condition, not a timing assertion
        while finds(store) - before < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert finds(store) - before >= 10
    stopped = finds(store)
    time.sleep(0.1)
    assert finds(store) == stopped
    recoverer.stop()  # stopping again is fine


@pytest.mark.parametrize("options, field", [
    ({"interval": 0}, "interval_ms"), ({"interval": 86401}, "interval_ms"),
    ({"min_age": 0.5}, "min_age_ms"), ({"min_age": 86401}, "min_age_ms"),
])
def test_bad_options_are_refused_by_name(store, options, field):
    with pytest.raises(libstore.ValidationError) as caught:
        store.start_recoverer(**options)
    assert caught.value.field == field


def test_the_environment_starts_one_unless_the_interval_is_zero(store):
    assert recoverer_from_environ(store, {"LIBSTORE_RECOVER_INTERVAL": "0"}) is None
    recoverer = recoverer_from_environ(store, {"LIBSTORE_RECOVER_INTERVAL": "5",
                                               "LIBSTORE_RECOVER_AGE": "2"})
    assert isinstance(recoverer, libstore.Recoverer)
    recoverer.stop()


@pytest.mark.parametrize("environ, message", [
    ({"LIBSTORE_RECOVER_INTERVAL": "soon"}, "LIBSTORE_RECOVER_INTERVAL must be a whole number"),
    ({"LIBSTORE_RECOVER_AGE": "-1"}, "LIBSTORE_RECOVER_AGE must be a whole number"),
    ({"LIBSTORE_RECOVER_AGE": "0"}, "LIBSTORE_RECOVER_AGE: "),
    ({"LIBSTORE_RECOVER_INTERVAL": "100000"}, "LIBSTORE_RECOVER_INTERVAL: "),
])
def test_the_environment_names_a_bad_variable(store, environ, message):
    with pytest.raises(SystemExit, match=message):
        recoverer_from_environ(store, environ)
