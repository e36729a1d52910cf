"""The Categories and Products sections of API.md over HTTP."""

from urllib.parse import quote, urlencode

import pytest

from conftest import USER_PASSWORD, login

PRODUCT_FIELDS = ["id", "name", "description", "price", "stock", "in_stock", "category_id",
                  "image_url", "sizes", "attributes", "options", "variants", "images",
                  "created_at", "updated_at"]


def assert_error(response, status, code, field=None):
    assert response.status == status, response
    assert response.json["error"]["code"] == code, response
    assert set(response.json["error"]) == {"code", "message", "field"}
    if field is not None:
        assert response.json["error"]["field"] == field, response


def get_json(client, path, query=None):
    response = client.get(path + ("?" + urlencode(query) if query else ""))
    assert response.status == 200, response
    return response.json


def names(page):
    return [item["name"] for item in page["items"]]


def create(client, path, body):
    response = client.post(path, body)
    assert response.status == 201, response
    return response.json


@pytest.fixture
def shopper(client):
    """A client (non-admin) authenticated over HTTP."""
    response = client.post("/auth/register", {"username": "shopper", "email": "s@example.com",
                                              "password": USER_PASSWORD})
    assert response.status == 201, response
    return login(client, "shopper", USER_PASSWORD)


@pytest.fixture
def operator(admin, operator_store):
    """The admin's session on the library directly, for fast bulk set-up."""
    from hosts import ADMIN_PASSWORD, ADMIN_USERNAME

    token = operator_store.login(username=ADMIN_USERNAME, password=ADMIN_PASSWORD)
    return operator_store.session(token["access_token"])


# Categories


def test_category_lifecycle(client, admin):
    created = create(admin, "/categories", {"name": "Books", "description": "Paper"})
    assert set(created) == {"id", "name", "description", "created_at", "updated_at"}
    assert created["created_at"].endswith("Z")
    assert client.get("/categories/" + created["id"]).json == created
    response = admin.patch("/categories/" + created["id"], {"name": "Novels"})
    assert response.status == 200 and response.json["name"] == "Novels"
    assert names(get_json(client, "/categories")) == ["Novels"]
    response = admin.delete("/categories/" + created["id"])
    assert response.status == 204 and response.body == b""
    assert_error(client.get("/categories/" + created["id"]), 404, "not_found")


def test_category_writes_need_an_admin(client, admin, shopper):
    category = create(admin, "/categories", {"name": "Books"})
    path = "/categories/" + category["id"]
    assert_error(client.post("/categories", {"name": "X"}), 401, "unauthenticated")
    assert_error(client.patch(path, {"name": "X"}), 401, "unauthenticated")
    assert_error(client.delete(path), 401, "unauthenticated")
    assert_error(shopper.post("/categories", {"name": "X"}), 403, "forbidden")
    assert_error(shopper.patch(path, {"name": "X"}), 403, "forbidden")
    assert_error(shopper.delete(path), 403, "forbidden")


def test_bad_token_on_a_public_read_is_401(client):
    assert_error(client.with_token("not-a-token").get("/products"), 401, "unauthenticated")


def test_category_name_conflicts_in_any_case(admin):
    create(admin, "/categories", {"name": "Books"})
    assert_error(admin.post("/categories", {"name": "BOOKS"}), 409, "conflict", "name")
    other = create(admin, "/categories", {"name": "Music"})
    assert_error(admin.patch("/categories/" + other["id"], {"name": "books"}), 409, "conflict",
                 "name")


@pytest.mark.parametrize("body, field", [
    ({}, "name"),
    ({"name": ""}, "name"),
    ({"name": "x" * 101}, "name"),
    ({"name": "A", "parent": "x"}, "parent"),
])
def test_category_validation(admin, body, field):
    assert_error(admin.post("/categories", body), 400, "invalid_argument", field)


def test_category_in_use_cannot_be_deleted(admin):
    category = create(admin, "/categories", {"name": "Lamps"})
    product = create(admin, "/products", {"name": "Lamp", "price": 5, "stock": 1,
                                          "category_id": category["id"]})
    assert_error(admin.delete("/categories/" + category["id"]), 409, "conflict")
    assert admin.delete("/products/" + product["id"]).status == 204
    assert admin.delete("/categories/" + category["id"]).status == 204


def test_categories_are_paged_by_name(client, admin):
    for name in ["delta", "Alpha", "charlie"]:
        create(admin, "/categories", {"name": name})
    first = get_json(client, "/categories", {"limit": 2})
    assert names(first) == ["Alpha", "charlie"]
    second = get_json(client, "/categories", {"limit": 2, "cursor": first["next_cursor"]})
    assert names(second) == ["delta"] and second["next_cursor"] is None


# Products


def test_product_create_get_update_delete(client, admin):
    product = create(admin, "/products", {"name": "Lamp", "price": 19.99, "stock": 3})
    assert list(product) == PRODUCT_FIELDS
    assert product["price"] == 19.99
    assert b'"price":19.99' in client.get("/products/" + product["id"]).body
    assert product["sizes"] == [] and product["attributes"] == {}
    assert product["description"] is None and product["category_id"] is None
    response = admin.patch("/products/" + product["id"], {"price": 24.5, "image_url": None})
    assert response.status == 200
    assert response.json["price"] == 24.5 and response.json["stock"] == 3
    assert admin.delete("/products/" + product["id"]).status == 204
    assert_error(client.get("/products/" + product["id"]), 404, "not_found")
    assert_error(admin.delete("/products/" + product["id"]), 404, "not_found")


def test_product_writes_need_an_admin(client, admin, shopper):
    product = create(admin, "/products", {"name": "Lamp", "price": 5, "stock": 1})
    body = {"name": "X", "price": 1, "stock": 1}
    assert_error(client.post("/products", body), 401, "unauthenticated")
    assert_error(shopper.post("/products", body), 403, "forbidden")
    assert_error(client.patch("/products/" + product["id"], {"stock": 0}), 401, "unauthenticated")
    assert_error(shopper.patch("/products/" + product["id"], {"stock": 0}), 403, "forbidden")
    assert_error(client.delete("/products/" + product["id"]), 401, "unauthenticated")
    assert_error(shopper.delete("/products/" + product["id"]), 403, "forbidden")
    assert client.get("/products/" + product["id"]).json["stock"] == 1


@pytest.mark.parametrize("field, value", [
    ("name", ""),
    ("price", 19.999),
    ("price", 0),
    ("price", "5"),
    ("stock", -1),
    ("stock", 1.5),
    ("category_id", "65a0c0ffee0000000000abcd"),
    ("category_id", "bad"),
    ("image_url", "javascript:alert(1)"),
    ("sizes", ["M", ""]),
    ("attributes", {"Bad-Key": "x"}),
    ("attributes", {"author": {"$ne": None}}),
    ("in_stock", "true"),
    ("description", "x" * 5001),
    ("role", "admin"),
    ("created_at", "2020-01-01T00:00:00Z"),
])
def test_each_bad_product_field_is_400_naming_it(admin, field, value):
    body = {"name": "Lamp", "price": 5, "stock": 1, field: value}
    assert_error(admin.post("/products", body), 400, "invalid_argument", field)


def test_bodies_that_are_not_objects_are_400(admin):
    assert_error(admin.post("/products", raw=b"{not json"), 400, "invalid_argument")
    assert_error(admin.post("/products", [1, 2]), 400, "invalid_argument")
    product = create(admin, "/products", {"name": "Lamp", "price": 5, "stock": 1})
    assert_error(admin.patch("/products/" + product["id"], {}), 400, "invalid_argument")


@pytest.mark.parametrize("path", ["/products/123", "/products/" + "z" * 24,
                                  "/products/65a0c0ffee0000000000abcd", "/categories/xyz",
                                  "/categories/65a0c0ffee0000000000abcd"])
def test_malformed_or_unknown_ids_are_404(client, admin, path):
    assert_error(client.get(path), 404, "not_found")
    assert_error(admin.delete(path), 404, "not_found")


def test_hidden_products_are_for_admins_only(client, admin, shopper):
    create(admin, "/products", {"name": "Shown", "price": 1, "stock": 1})
    sold_out = create(admin, "/products", {"name": "Sold out", "price": 1, "stock": 0})
    off = create(admin, "/products", {"name": "Off", "price": 1, "stock": 2, "in_stock": False})
    assert names(get_json(client, "/products")) == ["Shown"]
    assert names(get_json(shopper, "/products")) == ["Shown"]
    assert names(get_json(admin, "/products")) == ["Shown"]
    assert names(get_json(admin, "/products", {"include_hidden": "true"})) == [
        "Off", "Shown", "Sold out"]
    for hidden in (sold_out, off):
        assert_error(client.get("/products/" + hidden["id"]), 404, "not_found")
        assert_error(shopper.get("/products/" + hidden["id"]), 404, "not_found")
        assert admin.get("/products/" + hidden["id"]).status == 200
    assert_error(client.get("/products?include_hidden=true"), 401, "unauthenticated")
    assert_error(shopper.get("/products?include_hidden=true"), 403, "forbidden")


@pytest.fixture
def shelf(admin):
    books = create(admin, "/categories", {"name": "Books"})
    create(admin, "/products", {"name": "The Hobbit", "price": 12.5, "stock": 3,
                                "category_id": books["id"], "description": "There and back",
                                "attributes": {"author": "Tolkien", "year": "1937"}})
    create(admin, "/products", {"name": "Silmarillion", "price": 30, "stock": 1,
                                "category_id": books["id"],
                                "attributes": {"author": "Tolkien", "year": "1977"}})
    create(admin, "/products", {"name": "Shirt a.*b", "price": 20, "stock": 9,
                                "sizes": ["S", "M"]})
    create(admin, "/products", {"name": "Shirt axxb", "price": 21, "stock": 9})
    return books


@pytest.mark.parametrize("query, expected", [
    ("q=hobbit", ["The Hobbit"]),
    ("q=" + quote("THERE AND"), ["The Hobbit"]),
    ("q=" + quote(".*"), ["Shirt a.*b"]),
    ("q=" + quote("a.*b"), ["Shirt a.*b"]),
    ("q=" + quote("^S"), []),
    ("min_price=20", ["Shirt a.*b", "Shirt axxb", "Silmarillion"]),
    ("max_price=20.00", ["Shirt a.*b", "The Hobbit"]),
    ("min_price=12.5&max_price=12.5", ["The Hobbit"]),
    ("size=M", ["Shirt a.*b"]),
    ("attr.author=Tolkien", ["Silmarillion", "The Hobbit"]),
    ("attr.author=Tolkien&attr.year=1977", ["Silmarillion"]),
    ("sort=name", ["Shirt a.*b", "Shirt axxb", "Silmarillion", "The Hobbit"]),
    ("sort=-name", ["The Hobbit", "Silmarillion", "Shirt axxb", "Shirt a.*b"]),
    ("sort=price", ["The Hobbit", "Shirt a.*b", "Shirt axxb", "Silmarillion"]),
    ("sort=-price", ["Silmarillion", "Shirt axxb", "Shirt a.*b", "The Hobbit"]),
    ("sort=created_at", ["The Hobbit", "Silmarillion", "Shirt a.*b", "Shirt axxb"]),
    ("sort=-created_at", ["Shirt axxb", "Shirt a.*b", "Silmarillion", "The Hobbit"]),
    ("limit=1&sort=-price", ["Silmarillion"]),
])
def test_every_filter_and_sort(client, shelf, query, expected):
    response = client.get("/products?" + query)
    assert response.status == 200, response
    assert names(response.json) == expected


def test_category_filter(client, shelf):
    assert names(get_json(client, "/products", {"category": shelf["id"]})) == [
        "Silmarillion", "The Hobbit"]


@pytest.mark.parametrize("query, field", [
    ("limit=0", "limit"),
    ("limit=101", "limit"),
    ("limit=ten", "limit"),
    ("sort=rating", "sort"),
    ("colour=red", "colour"),
    ("attr.Bad=x", "attr.Bad"),
    ("min_price=1.999", "min_price"),
    ("include_hidden=yes", "include_hidden"),
    ("cursor=garbage!", "cursor"),
    ("sort=name&sort=-price", "sort"),
])
def test_bad_queries_are_400_naming_the_parameter(client, query, field):
    assert_error(client.get("/products?" + query), 400, "invalid_argument", field)


def test_category_list_limits(client):
    assert_error(client.get("/categories?limit=0"), 400, "invalid_argument", "limit")
    assert_error(client.get("/categories?limit=101"), 400, "invalid_argument", "limit")
    assert_error(client.get("/categories?q=x"), 400, "invalid_argument", "q")


@pytest.mark.parametrize("sort", ["name", "-price", "-created_at"])
def test_pages_never_skip_or_repeat_under_inserts(client, admin, sort):
    originals = {create(admin, "/products", {"name": "m%d" % (i % 3), "price": 10 + i % 2,
                                             "stock": 1})["id"] for i in range(8)}
    seen = []
    query = {"sort": sort, "limit": 3}
    pages = 0
    while True:
        page = get_json(client, "/products", query)
        pages += 1
        seen.extend(item["id"] for item in page["items"])
        if page["next_cursor"] is None:
            break
        query["cursor"] = page["next_cursor"]
        create(admin, "/products", {"name": "a%d" % pages, "price": 1, "stock": 1})
        create(admin, "/products", {"name": "z%d" % pages, "price": 99, "stock": 1})
        assert pages < 30
    assert pages >= 3
    assert len(seen) == len(set(seen)), "an item was repeated"
    assert originals <= set(seen), "an item was skipped"

