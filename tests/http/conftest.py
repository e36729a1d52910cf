"""Fixtures for the HTTP suite: a test database and a running host per session, a clean
database per test. LIBSTORE_TEST_HOSTS (comma-separated, default "flask") picks the hosts."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from hosts import HOSTS  # noqa: E402
from standin import TestDatabase  # noqa: E402

HOST_NAMES = os.environ.get("LIBSTORE_TEST_HOSTS", "flask").split(",")


@pytest.fixture(scope="session")
def test_database():
    database = TestDatabase.start()
    yield database
    database.stop()


@pytest.fixture(scope="session", params=HOST_NAMES)
def host(request, test_database):
    started = HOSTS[request.param](test_database)
    yield started
    started.stop()


@pytest.fixture
def client(host, test_database):
    test_database.reset()
    return host.client()
