"""Fixtures for the Python-package suite: one test database per session, a fresh store per test."""

import pytest

import libstore
from database_server import TestDatabase

SECRET = "python-test-secret-0123456789abcdef0123456789"


@pytest.fixture(scope="session")
def test_database():
    database = TestDatabase.start()
    yield database
    database.stop()


def open_store(test_database, **overrides):
    options = dict(database=test_database.database, secret=SECRET, password_cost="minimum",
                   server_selection_timeout_ms=2000, transactions=test_database.transactions)
    uri = overrides.pop("uri", test_database.uri)
    options.update(overrides)
    return libstore.Store(uri, **options)


@pytest.fixture
def store(test_database):
    test_database.reset()
    return open_store(test_database)
