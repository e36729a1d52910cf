"""The password-hashing limit on every host (LIBSTORE_PASSWORD_HASH_CONCURRENCY and _WAIT_MS):
past it, login and register answer 429 `rate_limited` (field "password") with Retry-After: 1
instead of queueing, and a refused registration stores nothing.

These hosts hash at a cost whose hash takes hundreds of milliseconds, one at a time, without
waiting, so requests sent together overlap and all but the first few are refused."""

import threading

import pytest

from conftest import HOST_NAMES, USER_PASSWORD
from hosts import HOSTS, CHost

CONCURRENT = 6

# Under a tool (valgrind in memcheck_httpd, a sanitizer) a hash at the moderate cost (256 MiB)
# takes up to minutes; the limit is the library's, checked under those tools by the C ABI suites.
pytestmark = pytest.mark.skipif(
    bool(CHost.wrapper), reason="LIBSTORE_TEST_HOST_WRAPPER: hashes at the moderate cost take "
    "up to minutes under valgrind or a sanitizer; the C ABI suites check the limit there")


@pytest.fixture(scope="module", params=HOST_NAMES)
def one_hash_host(request, test_database):
    test_database.reset()
    host = HOSTS[request.param](test_database, extra_env={
        "LIBSTORE_PASSWORD_COST": "moderate",
        "LIBSTORE_PASSWORD_HASH_CONCURRENCY": "1",
        "LIBSTORE_PASSWORD_HASH_WAIT_MS": "0",
    })
    yield host
    host.stop()


def send_together(host, path, bodies):
    """POSTs each body on its own connection, all released at once; the responses in order."""
    start = threading.Barrier(len(bodies))
    responses = [None] * len(bodies)

    def send(index):
        client = host.client()
        start.wait()
        responses[index] = client.post(path, bodies[index], timeout=120)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def assert_refused_for_want_of_a_turn(response):
    assert response.status == 429, response
    error = response.json["error"]
    assert error["code"] == "rate_limited"
    assert error["field"] == "password"
    assert response.header("Retry-After") == "1"


def test_a_login_flood_past_the_limit_is_answered_429(one_hash_host):
    bodies = [{"username": "made-up-%d" % i, "password": "wrong-password"}
              for i in range(CONCURRENT)]
    responses = send_together(one_hash_host, "/auth/login", bodies)
    statuses = sorted(response.status for response in responses)
    assert set(statuses) == {401, 429}, statuses
    for response in responses:
        if response.status == 429:
            assert_refused_for_want_of_a_turn(response)
    # The flood is over: the next login has its turn.
    assert one_hash_host.client().post("/auth/login", bodies[0]).status == 401


def test_a_registration_refused_for_want_of_a_turn_stores_nothing(one_hash_host):
    bodies = [{"username": "hashed%d" % i, "email": "hashed%d@example.com" % i,
               "password": USER_PASSWORD} for i in range(CONCURRENT)]
    responses = send_together(one_hash_host, "/auth/register", bodies)
    statuses = sorted(response.status for response in responses)
    assert set(statuses) == {201, 429}, statuses
    client = one_hash_host.client()
    for body, response in zip(bodies, responses):
        if response.status == 429:
            assert_refused_for_want_of_a_turn(response)
            # The name is still free: nothing was written.
            assert client.post("/auth/register", body).status == 201
        else:
            assert client.post("/auth/register", body).status == 409
