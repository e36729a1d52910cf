"""Per-address rate limits on every host (API.md, "Hosts: the same everywhere"): the login,
register, refresh and password-reset endpoints answer 429 `rate_limited` with Retry-After past
LIBSTORE_RATE_LIMIT_PER_MINUTE requests a minute from one client address; X-Forwarded-For counts
only from LIBSTORE_TRUSTED_PROXIES; the counts live in the database, so host processes on one
database share them.

The suite's other hosts run with the limit off (tests/http/hosts.py); these start their own."""

import http.client
import time

import pytest

from conftest import HOST_NAMES, USER_PASSWORD
from hosts import HOSTS, Response
from openapi_document import document

LIMIT = 3

# path -> a body that reaches the endpoint (the answer does not matter, only that it is no 429
# before the limit and 429 after it).
ENDPOINTS = {
    "/auth/login": lambda n: {"username": "nobody%d" % n, "password": USER_PASSWORD},
    "/auth/register": lambda n: {"username": "limited%d" % n,
                                 "email": "limited%d@example.com" % n,
                                 "password": USER_PASSWORD},
    "/auth/refresh": lambda n: {"refresh_token": "not-a-token-%d" % n},
    "/auth/password-reset": lambda n: {"email": "nobody%d@example.com" % n},
}


def wait_for_room_in_the_minute():
    """The counts are per clock minute: a sequence that must stay inside one starts with at
    least 10 s of it left (a wait, never a timing assertion)."""
    left = 60 - time.time() % 60
    if left < 10:
        time.sleep(left + 0.5)


def start(host_name, database, **env):
    extra = {"LIBSTORE_RATE_LIMIT_PER_MINUTE": str(LIMIT)}
    extra.update(env)
    return HOSTS[host_name](database, extra_env=extra)


@pytest.fixture(scope="module", params=HOST_NAMES)
def limited_host(request, test_database):
    host = start(request.param, test_database)
    yield host
    host.stop()


@pytest.fixture(scope="module", params=HOST_NAMES)
def proxied_host(request, test_database):
    host = start(request.param, test_database, LIBSTORE_TRUSTED_PROXIES="127.0.0.1, ::1")
    yield host
    host.stop()


@pytest.fixture
def fresh_counts(test_database):
    test_database.reset()
    wait_for_room_in_the_minute()


def assert_rate_limited(response):
    assert response.status == 429, response
    assert response.json["error"]["code"] == "rate_limited"
    assert response.json["error"]["message"]
    assert 1 <= int(response.header("Retry-After")) <= 60
    assert response.header("Cache-Control") == "no-store"


def login_from(client, number, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else None
    return client.post("/auth/login", ENDPOINTS["/auth/login"](number), headers=headers)


@pytest.mark.parametrize("path", sorted(ENDPOINTS))
def test_rate_limit_answers_429_past_the_limit(limited_host, fresh_counts, path):
    client = limited_host.client()
    if path not in document()["paths"]:
        # Not an endpoint of this build (yet): a path no route matches is never counted.
        for number in range(LIMIT + 2):
            assert client.post(path, ENDPOINTS[path](number)).status == 404
        return
    for number in range(LIMIT):
        response = client.post(path, ENDPOINTS[path](number))
        assert response.status != 429, response
    assert_rate_limited(client.post(path, ENDPOINTS[path](LIMIT)))
    # Each endpoint has its own count, and routes that are not limited are not counted.
    other = "/auth/register" if path == "/auth/login" else "/auth/login"
    assert client.post(other, ENDPOINTS[other](99)).status != 429
    assert client.get("/products").status == 200


def test_rate_limit_ignores_forwarded_for_from_an_untrusted_peer(limited_host, fresh_counts):
    client = limited_host.client()
    for number in range(LIMIT):
        assert login_from(client, number, "198.51.100.%d" % number).status == 401
    assert_rate_limited(login_from(client, LIMIT, "198.51.100.200"))


def test_rate_limit_believes_forwarded_for_from_a_trusted_proxy(proxied_host, fresh_counts):
    client = proxied_host.client()
    for number in range(LIMIT):
        assert login_from(client, number, "198.51.100.7").status == 401
    assert_rate_limited(login_from(client, LIMIT, "198.51.100.7"))
    # What a client wrote left of the address the proxy appended does not change its count.
    assert_rate_limited(login_from(client, LIMIT, "203.0.113.1, 198.51.100.7"))
    # Another client behind the same proxy has a count of its own.
    assert login_from(client, LIMIT, "198.51.100.8").status == 401
    # Without the header the proxy itself is the client.
    assert login_from(client, LIMIT).status == 401


def test_rate_limit_reads_repeated_forwarded_for_fields_as_one_list(proxied_host, fresh_counts):
    client = proxied_host.client()
    for number in range(LIMIT):
        assert login_from(client, number, "198.51.100.9").status == 401
    # Two fields are one list, "203.0.113.1, 198.51.100.9": the client is the last one. A
    # host that read only the first field would count 203.0.113.1 instead.
    connection = http.client.HTTPConnection("127.0.0.1", proxied_host.port, timeout=30)
    try:
        body = b'{"username": "nobody", "password": "password-123"}'
        connection.putrequest("POST", "/auth/login")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(len(body)))
        connection.putheader("X-Forwarded-For", "203.0.113.1")
        connection.putheader("X-Forwarded-For", "198.51.100.9")
        connection.endheaders(body)
        reply = connection.getresponse()
        response = Response(reply.status, reply.getheaders(), reply.read())
    finally:
        connection.close()
    assert_rate_limited(response)


def test_rate_limit_is_shared_by_two_host_processes(test_database, fresh_counts):
    """Limit 4: two requests to each host, and the fifth to either is 429."""
    names = ["c", "flask"] if {"c", "flask"} <= set(HOST_NAMES) else HOST_NAMES[:1] * 2
    hosts = []
    try:
        for name in names:
            hosts.append(start(name, test_database, LIBSTORE_RATE_LIMIT_PER_MINUTE="4"))
        wait_for_room_in_the_minute()
        clients = [host.client() for host in hosts]
        for number in range(4):
            assert login_from(clients[number % 2], number).status == 401
        assert_rate_limited(login_from(clients[0], 4))
        assert_rate_limited(login_from(clients[1], 5))
    finally:
        for host in hosts:
            host.stop()


@pytest.mark.parametrize("host_name", HOST_NAMES)
@pytest.mark.parametrize("variable, value, named", [
    ("LIBSTORE_RATE_LIMIT_PER_MINUTE", "ten", "LIBSTORE_RATE_LIMIT_PER_MINUTE"),
    ("LIBSTORE_RATE_LIMIT_PER_MINUTE", "-1", "LIBSTORE_RATE_LIMIT_PER_MINUTE"),
    ("LIBSTORE_RATE_LIMIT_PER_MINUTE", "1000001", "LIBSTORE_RATE_LIMIT_PER_MINUTE"),
    ("LIBSTORE_RATE_LIMIT_PER_MINUTE", "", "LIBSTORE_RATE_LIMIT_PER_MINUTE"),
    ("LIBSTORE_RATE_LIMIT_PER_MINUTE", "6 0", "LIBSTORE_RATE_LIMIT_PER_MINUTE"),
    ("LIBSTORE_TRUSTED_PROXIES", "proxy.internal", "trusted_proxies entry 'proxy.internal'"),
    ("LIBSTORE_TRUSTED_PROXIES", "10.0.0.1/8", "trusted_proxies entry '10.0.0.1/8'"),
    ("LIBSTORE_TRUSTED_PROXIES", "10.0.0.0/8,", "trusted_proxies has an empty entry"),
])
def test_rate_limit_settings_that_are_bad_stop_the_host(test_database, host_name, variable,
                                                        value, named):
    with pytest.raises(RuntimeError) as refused:
        HOSTS[host_name](test_database, extra_env={variable: value}).stop()
    assert "host exited" in str(refused.value)
    assert named in str(refused.value)


@pytest.mark.parametrize("forwarded_for", [
    "x" * 8000,
    ",".join(["10.0.0.1"] * 900),
    "198.51.100.1, , ,,, unknown, [::1, 999.1.1.1:99999",
    "\t198.51.100.1\t",
    "198.51.100.1%eth0, [fe80::1%eth0]:1",
])
def test_rate_limit_survives_hostile_forwarded_for(proxied_host, fresh_counts, forwarded_for):
    """Whatever a trusted proxy's X-Forwarded-For holds, the answer is the endpoint's own."""
    response = login_from(proxied_host.client(), 0, forwarded_for)
    assert response.status == 401, response
