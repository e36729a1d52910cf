"""GET /health and the error conventions of API.md."""

import time

import pytest

from hosts import HOSTS
from database_server import TestDatabase


def test_health_reports_connected(client):
    response = client.get("/health")
    assert response.status == 200
    assert response.json == {"status": "ok", "database": "connected"}
    assert response.headers["Content-Type"].startswith("application/json")


def test_unknown_route_is_json_404(client):
    response = client.get("/no/such/route")
    assert response.status == 404
    assert response.json["error"]["code"] == "not_found"
    assert set(response.json["error"]) == {"code", "message", "field"}


def test_wrong_method_is_json_405(client):
    response = client.request("DELETE", "/health")
    assert response.status == 405
    assert "error" in response.json
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    response = client.request("POST", "/products/" + "0" * 24)
    assert response.status == 405
    assert response.headers["Allow"] == "GET, HEAD, PATCH, DELETE, OPTIONS"


def wait_for_status(client, status, timeout):
    deadline = time.monotonic() + timeout
    while True:
        response = client.get("/health")
        if response.status == status or time.monotonic() > deadline:
            return response
        time.sleep(0.1)


@pytest.mark.parametrize("host_name", sorted(HOSTS))
def test_health_turns_503_during_an_outage_and_recovers(test_database, host_name):
    if not test_database.is_spawned:
        pytest.skip("needs a database the test can stop and restart")
    database = TestDatabase.start()
    host = HOSTS[host_name](database)
    try:
        client = host.client()
        assert client.get("/health").status == 200
        database.stop_server()
        started = time.monotonic()
        response = client.get("/health")
        elapsed = time.monotonic() - started
        assert response.status == 503
        assert response.json == {"status": "unavailable", "database": "unreachable"}
        assert elapsed < 5, "answered after %.1f s; the host's timeout is 1 s" % elapsed
        database.restart()
        response = wait_for_status(client, 200, timeout=15)
        assert response.status == 200, response
        assert host.alive()
    finally:
        host.stop()
        database.stop()


def test_a_long_query_string_gets_the_api_error_body(client):
    """A 40 KB cursor is a bad cursor (400 naming it), not the server's own HTML 414/431 —
    every host takes a request head of that size (the C host's connections were 32 KiB)."""
    response = client.get("/categories?limit=5&cursor=" + "A" * 40_000)
    assert response.status == 400, response
    assert response.json["error"]["field"] == "cursor"
