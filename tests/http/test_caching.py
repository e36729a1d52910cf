"""Caching as http-headers.md has it: an anonymous GET of a catalog read answered 200 carries the
SHA-256 of its body as a strong ETag, Cache-Control: public, max-age=LIBSTORE_CACHE_MAX_AGE and
Vary: Authorization; If-None-Match naming that tag is a bodiless 304; everything else is
no-store. The hosts here run with CORS off (test_cors.py checks the merged Vary)."""

import hashlib
import re

import pytest

from conftest import HOST_NAMES, USER_PASSWORD, login, register
from header_rules import SOME_ID, admin_client, fresh_client, running_host, vary_tokens
from hosts import HOSTS

NO_CORS = {"LIBSTORE_ALLOWED_ORIGINS": None}


@pytest.fixture(scope="module", params=HOST_NAMES)
def default_host(request, test_database):
    env = dict(NO_CORS, LIBSTORE_CACHE_MAX_AGE=None)
    with running_host(request.param, test_database, env) as host:
        yield host


@pytest.fixture(scope="module", params=HOST_NAMES)
def tuned_host(request, test_database):
    env = dict(NO_CORS, LIBSTORE_CACHE_MAX_AGE="123")
    with running_host(request.param, test_database, env) as host:
        yield host


class Shop:
    """A clean database with one category and one product in it, seen through `host`."""

    def __init__(self, host, database, operator_store):
        self.client = fresh_client(host, database)
        self.admin = admin_client(self.client, operator_store)
        self.category = self.admin.post("/categories", {"name": "Books"}).json["id"]
        product = {"name": "Dune", "price": 9.5, "stock": 3, "category_id": self.category}
        self.product = self.admin.post("/products", product).json["id"]

    def paths(self):
        """One path of each cacheable kind."""
        return {"products": "/products", "product": "/products/" + self.product,
                "filtered products": "/products?category=%s&limit=5" % self.category,
                "categories": "/categories", "category": "/categories/" + self.category}


@pytest.fixture
def shop(default_host, test_database, operator_store):
    return Shop(default_host, test_database, operator_store)


CACHEABLE_KINDS = ["products", "product", "filtered products", "categories", "category"]


def etag_of(body):
    return '"%s"' % hashlib.sha256(body).hexdigest()


def assert_cacheable(response, max_age=30):
    assert response.status == 200, response
    assert re.fullmatch(r'"[0-9a-f]{64}"', response.header("ETag")), response.header_list
    assert response.header("ETag") == etag_of(response.body)
    assert response.header("Cache-Control") == "public, max-age=%d" % max_age
    assert vary_tokens(response) == ["Authorization"]


def assert_not_stored(response):
    assert response.header("Cache-Control") == "no-store", (response, response.header_list)
    assert response.header("ETag") is None, response.header_list


@pytest.mark.parametrize("kind", CACHEABLE_KINDS)
def test_an_anonymous_catalog_read_carries_the_sha256_of_its_body(shop, kind):
    response = shop.client.get(shop.paths()[kind])
    assert_cacheable(response)
    assert response.json  # the tag is that of a real answer, not of an empty one
    again = shop.client.get(shop.paths()[kind])
    assert again.header("ETag") == response.header("ETag")


def test_max_age_comes_from_libstore_cache_max_age(tuned_host, test_database, operator_store):
    shop = Shop(tuned_host, test_database, operator_store)
    for kind in CACHEABLE_KINDS:
        assert_cacheable(shop.client.get(shop.paths()[kind]), max_age=123)


@pytest.mark.parametrize("host_name", HOST_NAMES)
@pytest.mark.parametrize("max_age", ["0", "31536000"])
def test_max_age_takes_both_ends_of_its_range(test_database, operator_store, host_name,
                                              max_age):
    env = dict(NO_CORS, LIBSTORE_CACHE_MAX_AGE=max_age)
    with running_host(host_name, test_database, env) as host:
        shop = Shop(host, test_database, operator_store)
        assert_cacheable(shop.client.get("/products"), max_age=int(max_age))


@pytest.mark.parametrize("host_name", HOST_NAMES)
@pytest.mark.parametrize("max_age", ["abc", "-1", "31536001", "1.5", "30s", "", " "])
def test_a_bad_max_age_stops_the_host_naming_the_variable(test_database, host_name, max_age):
    with pytest.raises(RuntimeError) as refused:
        HOSTS[host_name](test_database, extra_env={"LIBSTORE_CACHE_MAX_AGE": max_age}).stop()
    assert "host exited" in str(refused.value)
    assert "LIBSTORE_CACHE_MAX_AGE" in str(refused.value)


# If-None-Match


MATCHING = {
    "the tag": "{tag}",
    "a list holding it": '"%s", {tag}, "x"' % ("0" * 64),
    "a list without spaces": '"%s",{tag}' % ("1" * 64),
    "weak": "W/{tag}",
    "weak in a list": '"abc", W/{tag}',
    "star": "*",
}


@pytest.mark.parametrize("field", sorted(MATCHING))
@pytest.mark.parametrize("kind", CACHEABLE_KINDS)
def test_if_none_match_naming_the_tag_is_a_bodiless_304(shop, kind, field):
    path = shop.paths()[kind]
    first = shop.client.get(path)
    tag = first.header("ETag")
    response = shop.client.get(path, headers={"If-None-Match": MATCHING[field].format(tag=tag)})
    assert response.status == 304, response
    assert response.body == b""
    assert response.header("ETag") == tag
    assert response.header("Cache-Control") == "public, max-age=30"
    assert vary_tokens(response) == ["Authorization"]


NOT_MATCHING = {
    "another tag": '"%s"' % ("0" * 64),
    "another weak tag": 'W/"%s"' % ("0" * 64),
    "a list of others": '"a", "b"',
    "the tag cut short": "{short}",
    "empty": "",
}


@pytest.mark.parametrize("field", sorted(NOT_MATCHING))
def test_if_none_match_naming_other_tags_gets_the_answer(shop, field):
    path = shop.paths()["product"]
    tag = shop.client.get(path).header("ETag")
    value = NOT_MATCHING[field].format(short=tag[:-2] + '"')
    response = shop.client.get(path, headers={"If-None-Match": value})
    assert_cacheable(response)
    assert response.header("ETag") == tag
    assert response.json["id"] == shop.product


def test_changed_data_gets_a_new_tag_and_a_200(shop):
    paths = shop.paths()
    before = {kind: shop.client.get(paths[kind]) for kind in CACHEABLE_KINDS}
    assert shop.admin.patch("/products/" + shop.product, {"name": "Dune Messiah"}).status == 200
    assert shop.admin.patch("/categories/" + shop.category, {"name": "Novels"}).status == 200
    for kind in CACHEABLE_KINDS:
        old = before[kind].header("ETag")
        response = shop.client.get(paths[kind], headers={"If-None-Match": old})
        assert_cacheable(response)
        assert response.header("ETag") != old, kind
        assert response.body != before[kind].body, kind
        current = shop.client.get(paths[kind], headers={"If-None-Match": response.header("ETag")})
        assert current.status == 304, (kind, current)


def test_a_new_product_changes_the_listings_tag(shop):
    old = shop.client.get("/products").header("ETag")
    assert shop.admin.post("/products", {"name": "Emma", "price": 3, "stock": 1}).status == 201
    response = shop.client.get("/products", headers={"If-None-Match": old})
    assert_cacheable(response)
    assert sorted(item["name"] for item in response.json["items"]) == ["Dune", "Emma"]


# no-store


@pytest.mark.parametrize("kind", CACHEABLE_KINDS)
def test_authenticated_reads_are_no_store_without_a_tag(shop, kind):
    register(shop.client, "ada")
    shopper = login(shop.client, "ada", USER_PASSWORD)
    path = shop.paths()[kind]
    anonymous_tag = shop.client.get(path).header("ETag")
    for caller in (shop.admin, shopper):
        for headers in ({}, {"If-None-Match": anonymous_tag}, {"If-None-Match": "*"}):
            response = caller.get(path, headers=headers)
            assert response.status == 200, (kind, response)
            assert response.json, kind
            assert_not_stored(response)


@pytest.mark.parametrize("request_line", [
    ("GET", "/products/" + SOME_ID), ("GET", "/products/not-an-id"),
    ("GET", "/categories/" + SOME_ID), ("GET", "/products?limit=abc"),
    ("GET", "/categories?limit=0")], ids=lambda line: " ".join(line))
def test_errors_on_cacheable_routes_are_no_store(shop, request_line):
    method, path = request_line
    for headers in ({}, {"If-None-Match": "*"}):
        response = shop.client.request(method, path, headers=headers)
        assert response.status in (400, 404), response
        assert response.json["error"]["code"] in ("invalid_argument", "not_found")
        assert_not_stored(response)


def test_a_refused_token_on_a_cacheable_route_is_no_store(shop):
    response = shop.client.with_token("not-a-token").get("/products")
    assert response.status == 401, response
    assert_not_stored(response)


def test_writes_heads_and_options_are_no_store(shop):
    product = "/products/" + shop.product
    answers = [
        shop.admin.post("/products", {"name": "Emma", "price": 3, "stock": 1}),
        shop.admin.patch(product, {"stock": 5}),
        shop.client.request("HEAD", "/products"),
        shop.client.request("HEAD", product),
        shop.client.request("OPTIONS", "/products"),
        shop.admin.delete(product),
    ]
    assert [response.status for response in answers] == [201, 200, 200, 200, 204, 204]
    for response in answers:
        assert_not_stored(response)


def test_other_reads_are_no_store(shop):
    register(shop.client, "ada")
    ada = login(shop.client, "ada", USER_PASSWORD)
    answers = [shop.client.get("/health"), shop.client.get("/openapi.json"),
               ada.get("/users/me"), ada.get("/cart"), ada.get("/orders"),
               shop.admin.get("/users"), shop.client.get("/no/such/route")]
    assert [response.status for response in answers] == [200, 200, 200, 200, 200, 200, 404]
    for response in answers:
        assert_not_stored(response)
        assert vary_tokens(response) == []
