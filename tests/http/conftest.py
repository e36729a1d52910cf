"""Fixtures for the HTTP suite: a test database and a running host per session, a clean
database per test. LIBSTORE_TEST_HOSTS (comma-separated, default "flask,c,fastapi") picks the hosts."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

import libstore  # noqa: E402
from hosts import ADMIN_PASSWORD, ADMIN_USERNAME, HOSTS  # noqa: E402
from database_server import TestDatabase  # noqa: E402

HOST_NAMES = os.environ.get("LIBSTORE_TEST_HOSTS", "flask,c,fastapi").split(",")


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


@pytest.fixture(scope="session")
def operator_store(test_database):
    """The library opened directly on the hosts' database, for operator actions a host does not
    serve over HTTP (creating an admin)."""
    return libstore.Store(test_database.uri, database=test_database.database,
                          secret="operator-secret-0123456789abcdef0123456789",
                          password_cost="minimum", server_selection_timeout_ms=2000,
                          transactions=test_database.transactions)


def login(client, username, password):
    response = client.post("/auth/login", {"username": username, "password": password})
    assert response.status == 200, response
    return client.with_token(response.json["access_token"])


@pytest.fixture
def admin(client, operator_store):
    """A client authenticated as an admin (created as an operator would)."""
    operator_store.create_admin(username=ADMIN_USERNAME, email="root@example.com",
                                password=ADMIN_PASSWORD)
    return login(client, ADMIN_USERNAME, ADMIN_PASSWORD)


USER_PASSWORD = "password-123"


def register(client, username, **extra):
    body = {"username": username, "email": username + "@example.com", "password": USER_PASSWORD}
    body.update(extra)
    response = client.post("/auth/register", body)
    assert response.status == 201, response
    return response.json


@pytest.fixture
def user_factory(client):
    """Registers a client and returns (user, authenticated client)."""

    def make(username, **extra):
        user = register(client, username, **extra)
        return user, login(client, username, USER_PASSWORD)

    return make


# The contract checks (Schemathesis, the Postman collection) hold the hosts' HTTP answers to
# the document; how the library stores an order (transactions or the recorded sequence) cannot
# change them, so .ci/test's second pass over the database, which runs every other test again,
# leaves them out with LIBSTORE_TEST_CONTRACT_CHECKS=off, and so does the valgrind run of the C
# host (memcheck_httpd): generated requests meet the C host under a memory checker in the ASan
# run of .ci/sanitizers instead, which is many times faster than valgrind.
contract_check = pytest.mark.skipif(
    os.environ.get("LIBSTORE_TEST_CONTRACT_CHECKS", "on") == "off",
    reason="LIBSTORE_TEST_CONTRACT_CHECKS=off: the contract checks run in .ci/test's first pass")
