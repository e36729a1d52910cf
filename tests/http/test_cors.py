"""CORS and OPTIONS as http-headers.md has them: LIBSTORE_ALLOWED_ORIGINS, the headers an allowed
origin gets on every answer, Vary: Origin, preflights, plain OPTIONS and OPTIONS on no route.
Each configuration runs on hosts of its own, started with that environment."""

import pytest

from conftest import HOST_NAMES, USER_PASSWORD, register
from header_rules import (ALLOW_HEADERS, EXPOSE_HEADERS, ROUTE_METHODS, SOME_ID, admin_client,
                          cors_headers, fresh_client, running_host, vary_tokens)

SHOP = "https://shop.example"
ADMIN_SITE = "http://admin.example:8443"
# Items are trimmed and empty ones dropped.
LISTED = " %s , ,%s," % (SHOP, ADMIN_SITE)
OTHERS = ["https://evil.example", "https://SHOP.example", SHOP + "/", "null"]
PREFLIGHT_NAMES = {"access-control-allow-origin", "access-control-expose-headers",
                   "access-control-allow-methods", "access-control-allow-headers",
                   "access-control-max-age"}


@pytest.fixture(scope="module", params=HOST_NAMES)
def listed_host(request, test_database):
    with running_host(request.param, test_database, {"LIBSTORE_ALLOWED_ORIGINS": LISTED}) as host:
        yield host


@pytest.fixture(scope="module", params=HOST_NAMES)
def any_origin_host(request, test_database):
    env = {"LIBSTORE_ALLOWED_ORIGINS": "https://shop.example, *"}
    with running_host(request.param, test_database, env) as host:
        yield host


OFF_SETTINGS = {"unset": None, "empty": "", "no-items": " , "}


@pytest.fixture(scope="module", params=[(name, setting) for name in HOST_NAMES
                                        for setting in OFF_SETTINGS],
                ids=lambda param: "%s-%s" % param)
def cors_off_host(request, test_database):
    name, setting = request.param
    env = {"LIBSTORE_ALLOWED_ORIGINS": OFF_SETTINGS[setting]}
    with running_host(name, test_database, env) as host:
        yield host


def answers(host, database, operator_store, origin):
    """One answer of each kind, every request sent with `origin` (None: no Origin header):
    (label, response, cacheable) triples."""
    client = fresh_client(host, database)
    admin = admin_client(client, operator_store)
    headers = {"Origin": origin} if origin is not None else {}
    preflight = dict(headers, **{"Access-Control-Request-Method": "POST"})
    listing = client.get("/products", headers=headers)
    assert listing.status == 200, listing
    etag = listing.header("ETag")
    sent = [
        ("cacheable 200", client.get("/products", headers=headers), True),
        ("304", client.get("/products", headers=dict(headers, **{"If-None-Match": etag})), True),
        ("authenticated 200", admin.get("/products", headers=headers), False),
        ("health", client.get("/health", headers=headers), False),
        ("openapi", client.get("/openapi.json", headers=headers), False),
        ("201", admin.post("/categories", {"name": "Books"}, headers=headers), False),
        ("400", client.post("/auth/register", {}, headers=headers), False),
        ("401", client.get("/users/me", headers=headers), False),
        ("404 on a route", client.get("/products/" + SOME_ID, headers=headers), False),
        ("404 no route", client.get("/no/such/route", headers=headers), False),
        ("405", client.delete("/health", headers=headers), False),
        ("plain OPTIONS", client.request("OPTIONS", "/products", headers=headers), False),
        ("OPTIONS with a request method",
         client.request("OPTIONS", "/products", headers=preflight), False),
        ("OPTIONS no route", client.request("OPTIONS", "/no/such", headers=preflight), False),
    ]
    assert [label for label, response, _ in sent
            if response.status >= 500] == [], [response for _, response, _ in sent]
    return sent


# CORS off


@pytest.mark.parametrize("origin", [SHOP, "https://evil.example", None])
def test_cors_off_sends_no_cors_header_and_no_vary_origin(cors_off_host, test_database,
                                                          operator_store, origin):
    for label, response, cacheable in answers(cors_off_host, test_database, operator_store,
                                              origin):
        assert cors_headers(response) == {}, (label, response.header_list)
        assert vary_tokens(response) == (["Authorization"] if cacheable else []), (
            label, response.header_list)


def test_cors_off_answers_options_with_allow_even_to_a_would_be_preflight(cors_off_host):
    response = cors_off_host.client().request(
        "OPTIONS", "/products/" + SOME_ID,
        headers={"Origin": SHOP, "Access-Control-Request-Method": "PATCH"})
    assert response.status == 204, response
    assert response.body == b""
    assert response.header("Allow") == "GET, PATCH, DELETE"
    assert response.header("Cache-Control") == "no-store"
    assert cors_headers(response) == {}


# CORS on: the headers of every answer


@pytest.mark.parametrize("origin", [SHOP, ADMIN_SITE])
def test_an_allowed_origin_gets_its_headers_on_every_answer(listed_host, test_database,
                                                            operator_store, origin):
    for label, response, cacheable in answers(listed_host, test_database, operator_store,
                                              origin):
        assert response.header("Access-Control-Allow-Origin") == origin, (
            label, response.header_list)
        assert response.header("Access-Control-Expose-Headers") == EXPOSE_HEADERS, label
        assert response.header("Access-Control-Allow-Credentials") is None, label
        assert vary_tokens(response) == (["Authorization", "Origin"] if cacheable
                                         else ["Origin"]), (label, response.header_list)


@pytest.mark.parametrize("origin", OTHERS + [None])
def test_other_origins_get_no_cors_header_but_vary_origin(listed_host, test_database,
                                                          operator_store, origin):
    for label, response, cacheable in answers(listed_host, test_database, operator_store,
                                              origin):
        assert cors_headers(response) == {}, (label, response.header_list)
        assert vary_tokens(response) == (["Authorization", "Origin"] if cacheable
                                         else ["Origin"]), (label, response.header_list)


def test_the_origin_changes_no_status_and_no_body(listed_host, test_database,
                                                                 operator_store):
    allowed = answers(listed_host, test_database, operator_store, SHOP)
    other = answers(listed_host, test_database, operator_store, "https://evil.example")
    for (label, mine, _), (_, theirs, _) in zip(allowed, other):
        assert mine.status == theirs.status, label
        if label not in {"201", "authenticated 200"}:  # new ids and timestamps
            assert mine.body == theirs.body, label


def test_a_rate_limited_answer_exposes_retry_after_to_an_allowed_origin(listed_host,
                                                                       test_database):
    client = fresh_client(listed_host, test_database)
    register(client, "ada")
    origin = {"Origin": SHOP}
    for _ in range(5):
        failed = client.post("/auth/login", {"username": "ada", "password": "bad-pass"},
                             headers=origin)
        assert failed.status == 401, failed
        assert failed.header("Access-Control-Allow-Origin") == SHOP
    response = client.post("/auth/login", {"username": "ada", "password": USER_PASSWORD},
                           headers=origin)
    assert response.status == 429, response
    assert int(response.header("Retry-After")) > 0
    assert response.header("Access-Control-Allow-Origin") == SHOP
    assert response.header("Access-Control-Expose-Headers") == EXPOSE_HEADERS


def test_any_origin_is_named_never_star(any_origin_host, test_database, operator_store):
    for origin in ["https://anything.example:3000", SHOP, "null"]:
        for label, response, cacheable in answers(any_origin_host, test_database,
                                                  operator_store, origin):
            assert response.header("Access-Control-Allow-Origin") == origin, (
                label, response.header_list)
            assert response.header("Access-Control-Expose-Headers") == EXPOSE_HEADERS
            assert vary_tokens(response) == (["Authorization", "Origin"] if cacheable
                                             else ["Origin"]), label
    for label, response, _ in answers(any_origin_host, test_database, operator_store, None):
        assert cors_headers(response) == {}, (label, response.header_list)
        assert "Origin" in vary_tokens(response), label


# Preflights


def assert_preflight(response, origin, methods):
    assert response.status == 204, response
    assert response.body == b""
    assert set(cors_headers(response)) == PREFLIGHT_NAMES, response.header_list
    assert response.header("Access-Control-Allow-Origin") == origin
    assert response.header("Access-Control-Expose-Headers") == EXPOSE_HEADERS
    assert response.header("Access-Control-Allow-Methods") == methods
    assert response.header("Access-Control-Allow-Headers") == ALLOW_HEADERS
    assert response.header("Access-Control-Max-Age") == "600"
    assert response.header("Cache-Control") == "no-store"
    assert vary_tokens(response) == ["Origin"]


@pytest.mark.parametrize("path", sorted(ROUTE_METHODS))
def test_preflight_lists_the_methods_of_each_route(listed_host, path):
    methods = ROUTE_METHODS[path]
    asked = methods.split(", ")[-1]
    response = listed_host.client().request(
        "OPTIONS", path, headers={"Origin": SHOP, "Access-Control-Request-Method": asked,
                                  "Access-Control-Request-Headers": "authorization"})
    assert_preflight(response, SHOP, methods)


def test_preflight_lists_the_routes_methods_whatever_method_is_asked(listed_host):
    for asked in ["PUT", "GET", "TRACE"]:
        response = listed_host.client().request(
            "OPTIONS", "/products", headers={"Origin": ADMIN_SITE,
                                             "Access-Control-Request-Method": asked})
        assert_preflight(response, ADMIN_SITE, "GET, POST")


def test_preflight_from_any_origin_names_that_origin(any_origin_host):
    origin = "https://anything.example:3000"
    response = any_origin_host.client().request(
        "OPTIONS", "/cart/items/" + SOME_ID,
        headers={"Origin": origin, "Access-Control-Request-Method": "PUT"})
    assert_preflight(response, origin, "PUT, DELETE")


# Any other OPTIONS


PLAIN_OPTIONS = {
    "no origin": ({"Access-Control-Request-Method": "GET"}, False),
    "other origin": ({"Origin": "https://evil.example",
                      "Access-Control-Request-Method": "GET"}, False),
    "allowed origin, no request method": ({"Origin": SHOP}, True),
}


@pytest.mark.parametrize("case", sorted(PLAIN_OPTIONS))
def test_other_options_on_a_route_answer_204_with_allow(listed_host, case):
    headers, allowed = PLAIN_OPTIONS[case]
    client = listed_host.client()
    for path, methods in sorted(ROUTE_METHODS.items()):
        response = client.request("OPTIONS", path, headers=headers)
        assert response.status == 204, (path, response)
        assert response.body == b"", path
        assert response.header("Allow") == methods, (path, response.header_list)
        assert response.header("Cache-Control") == "no-store", path
        expected = ({"access-control-allow-origin": SHOP,
                     "access-control-expose-headers": EXPOSE_HEADERS} if allowed else {})
        assert cors_headers(response) == expected, (path, response.header_list)
        assert vary_tokens(response) == ["Origin"], path


@pytest.mark.parametrize("headers", [{}, {"Origin": SHOP},
                                     {"Origin": SHOP, "Access-Control-Request-Method": "GET"},
                                     {"Origin": "https://evil.example",
                                      "Access-Control-Request-Method": "GET"}],
                         ids=["no origin", "allowed", "allowed preflight", "other preflight"])
def test_options_on_no_route_is_the_apis_404(listed_host, headers):
    for path in ["/no/such/route", "/products/%s/nothing" % SOME_ID, "/openapi.yaml"]:
        response = listed_host.client().request("OPTIONS", path, headers=headers)
        assert response.status == 404, (path, response)
        assert response.json["error"]["code"] == "not_found"
        assert set(response.json["error"]) == {"code", "message", "field"}
        assert response.header("Cache-Control") == "no-store"
        assert response.header("Allow") is None
        allowed = headers.get("Origin") == SHOP
        expected = ({"access-control-allow-origin": SHOP,
                     "access-control-expose-headers": EXPOSE_HEADERS} if allowed else {})
        assert cors_headers(response) == expected, (path, response.header_list)
