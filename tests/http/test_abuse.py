"""Injection and abuse over HTTP: hostile input gets the documented 4xx and changes nothing.

Every request here is one a well-behaved client would never send: MongoDB operator objects and
`$`/`.` keys where strings belong, wrong JSON types, huge strings and arrays, deep nesting,
invalid UTF-8, NUL characters, malformed ids, impossible quantities and prices, forged and
expired tokens. Each must be answered with the status API.md documents (never a 500, never a
success), and a snapshot of every collection taken before and after must be identical. Runs
against every host the suite starts (the `client` fixture).
"""

import base64
import concurrent.futures
import contextlib
import hashlib
import hmac
import http.client
import json
import time
import urllib.parse

import pytest

from conftest import USER_PASSWORD
from hosts import SECRET, Response
from image_samples import GIF, JPEG, PNG, WEBP, png_of_size

OPERATORS = [
    {"$ne": None},
    {"$gt": ""},
    {"$where": "sleep(1000) || true"},
    {"$regex": ".*"},
    {"$in": ["admin", "client"]},
    {"$exists": True},
]
BAD_KEYS = ["$where", "$set", "a.b", "$", ".", "role", "is_active", "_id", "password_hash",
            "created_at", "user_id"]
HUGE = "x" * 200_000
NOT_STRINGS = [17, 1.5, True, [], ["a"], {}]
NOT_NUMBERS = ["5", "", True, [], [5], {}]
NOT_BOOLS = [1, 0, "true", "false", [], {}]
MALFORMED_IDS = ["123", "g" * 24, "0" * 23, "0" * 25, "%00", "%00" + "0" * 24, "%20" + "0" * 24,
                 "%7B%22%24ne%22%3Anull%7D", "%24where", "null", "undefined", "..",
                 "%E2%80%AE" + "0" * 21, "%FF" * 24]


def error_of(response, status, field=None, code=None):
    """Asserts the documented status and the API's error body; returns the error object."""
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status in statuses, response
    assert set(response.json) == {"error"}, response
    error = response.json["error"]
    assert set(error) == {"code", "message", "field"}, response
    assert isinstance(error["message"], str) and error["message"], response
    if code is not None:
        assert error["code"] == code, response
    if field is not None:
        assert error["field"] == field, response
    return error


def snapshot(test_database):
    """Every document of every collection, in _id order."""
    db = test_database.client()[test_database.database]
    return {name: list(db[name].find({}).sort("_id", 1))
            for name in sorted(db.list_collection_names()) if not name.startswith("system.")}


@contextlib.contextmanager
def unchanged(test_database, host):
    before = snapshot(test_database)
    yield
    after = snapshot(test_database)
    assert before.keys() == after.keys(), "collections changed"
    for name in before:
        assert before[name] == after[name], "collection %r changed" % name
    assert host.alive(), "the host died"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(header, payload, secret=SECRET):
    """A JWT over raw header and payload JSON, signed HS256 with `secret`."""
    signing_input = b64(json.dumps(header).encode()) + "." + b64(json.dumps(payload).encode())
    mac = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64(mac)


@pytest.fixture
def shop(client, admin, user_factory, host):
    """An admin, a client with a placed order and one item in the cart, a category and a
    product: the state every abusive request below must leave exactly as it is."""
    user, ada = user_factory("ada")
    category = admin.post("/categories", {"name": "Books"}).json["id"]
    product = admin.post("/products", {"name": "Pen", "price": 19.99, "stock": 10,
                                       "category_id": category}).json["id"]
    assert ada.post("/cart/items", {"product_id": product, "quantity": 2}).status == 200
    order = ada.post("/orders", headers={"Idempotency-Key": "first"})
    assert order.status == 201, order
    assert ada.post("/cart/items", {"product_id": product}).status == 200
    shirt = admin.post("/products", {"name": "Shirt", "price": 5, "options": {"size": ["S", "M"]},
                                     "variants": [{"sku": "SH-S", "options": {"size": "S"},
                                                   "stock": 3}]}).json
    voucher = admin.post("/vouchers", {"code": "ABUSE1", "kind": "fixed", "value": 5}).json
    webhook = admin.post("/webhooks", {"url": "https://hooks.example.com/abuse",
                                       "events": ["*"]}).json
    return {"voucher": voucher["id"], "webhook": webhook["id"], "admin": admin, "ada": ada, "anonymous": client, "user": user["id"],
            "category": category, "product": product, "order": order.json["id"], "host": host,
            "shirt": shirt["id"], "variant": shirt["variants"][0]["id"]}


def body_endpoints(shop):
    """(caller, method, path, a valid body, {field: kind}) for every endpoint that takes a body.
    Kinds: str (optional: str?), id (malformed is 404), ref (malformed is 400), money, int,
    bool, list, dict."""
    p, c, o = shop["product"], shop["category"], shop["order"]
    product_body = {"name": "Lamp", "price": 5, "stock": 1, "category_id": c,
                    "description": "d", "image_url": "https://example.com/a.png",
                    "sizes": ["S"], "attributes": {"author": "x"}, "in_stock": True}
    product_kinds = {"name": "str", "price": "money", "stock": "int", "category_id": "ref",
                     "description": "str?", "image_url": "str?", "sizes": "list",
                     "attributes": "dict", "in_stock": "bool"}
    voucher_body = {"code": "ABUSE2", "kind": "fixed", "value": 5, "min_subtotal": 1,
                    "starts_at": "2026-01-01T00:00:00Z", "ends_at": "2099-01-01T00:00:00Z",
                    "max_uses": 5, "max_uses_per_user": 1, "active": True}
    voucher_kinds = {"code": "str", "kind": "str", "value": "money", "min_subtotal": "money?",
                     "starts_at": "str?", "ends_at": "str?", "max_uses": "int?",
                     "max_uses_per_user": "int?", "active": "bool"}
    return [
        ("anonymous", "POST", "/auth/register",
         {"username": "eve", "email": "eve@example.com", "password": USER_PASSWORD,
          "name": "Eve", "phone": "+1 555", "address": "Street 1"},
         {"username": "str", "email": "str", "password": "str", "name": "str?",
          "phone": "str?", "address": "str?"}),
        ("anonymous", "POST", "/auth/login", {"username": "ada", "password": USER_PASSWORD},
         {"username": "str", "password": "str"}),
        ("anonymous", "POST", "/auth/login",
         {"email": "ada@example.com", "password": USER_PASSWORD},
         {"email": "str", "password": "str"}),
        ("ada", "PATCH", "/users/me",
         {"name": "A", "phone": "123", "address": "B", "email": "new@example.com",
          "password": "another-password"},
         {"name": "str?", "phone": "str?", "address": "str?", "email": "str",
          "password": "str"}),
        ("admin", "POST", "/categories", {"name": "Lamps", "description": "d"},
         {"name": "str", "description": "str?"}),
        ("admin", "PATCH", "/categories/" + c, {"name": "Lamps", "description": "d"},
         {"name": "str", "description": "str?"}),
        ("admin", "POST", "/products", product_body, product_kinds),
        ("admin", "PATCH", "/products/" + p, product_body, product_kinds),
        ("ada", "POST", "/cart/items", {"product_id": p, "quantity": 1},
         {"product_id": "id", "quantity": "int"}),
        ("ada", "PUT", "/cart/items/" + p, {"quantity": 1}, {"quantity": "int"}),
        ("admin", "POST", "/products/%s/variants" % shop["shirt"],
         {"sku": "SH-M", "options": {"size": "M"}, "price": 6, "stock": 1, "in_stock": True},
         {"sku": "str?", "options": "dict", "price": "money?", "stock": "int",
          "in_stock": "bool"}),
        ("admin", "PATCH", "/products/%s/variants/%s" % (shop["shirt"], shop["variant"]),
         {"sku": "SH-S2", "options": {"size": "S"}, "price": 6, "stock": 1, "in_stock": True},
         {"sku": "str?", "options": "dict", "price": "money", "stock": "int", "in_stock": "bool"}),
        ("admin", "PATCH", "/orders/%s/status" % o, {"status": "paid", "payment_reference": "pi_1"},
         {"status": "str", "payment_reference": "str?"}),
        ("admin", "PUT", "/users/%s/role" % shop["user"],
         {"role": "staff", "permissions": ["view_audit"]}, {"role": "str", "permissions": "list"}),
        # Tokens: valid in shape; every variant below breaks it, so none is ever looked up.
        ("anonymous", "POST", "/auth/refresh", {"refresh_token": "r" * 43},
         {"refresh_token": "str"}),
        ("anonymous", "POST", "/auth/password-reset", {"email": "ada@example.com"},
         {"email": "str"}),
        ("anonymous", "POST", "/auth/password-reset/confirm",
         {"token": "t" * 43, "password": "another-password"}, {"token": "str", "password": "str"}),
        ("anonymous", "POST", "/auth/verify-email", {"token": "t" * 43}, {"token": "str"}),
        # Guest carts: a well-formed token naming no cart merges nothing, so writes nothing.
        ("anonymous", "POST", "/auth/login",
         {"username": "ada", "password": USER_PASSWORD, "cart_token": "c" * 43},
         {"cart_token": "str?"}),
        ("ada", "POST", "/cart/merge", {"cart_token": "c" * 43}, {"cart_token": "str"}),
        ("admin", "POST", "/vouchers", voucher_body, voucher_kinds),
        ("admin", "PATCH", "/vouchers/" + shop["voucher"], voucher_body, voucher_kinds),
        ("ada", "PUT", "/cart/voucher", {"code": "ABUSE1"}, {"code": "str"}),
        ("admin", "POST", "/webhooks",
         {"url": "https://hooks.example.com/x", "events": ["order.placed"], "active": True},
         {"url": "str", "events": "list", "active": "bool"}),
        ("admin", "PATCH", "/webhooks/" + shop["webhook"],
         {"url": "https://hooks.example.com/y", "events": ["*"], "active": False},
         {"url": "str", "events": "list", "active": "bool"}),
    ]


def send(shop, caller, method, path, body=None, raw=None, headers=None):
    return shop[caller].request(method, path, body=body, raw=raw, headers=headers)


def with_field(body, field, value):
    changed = dict(body)
    changed[field] = value
    return changed


def test_operator_objects_in_every_field_are_400(shop, test_database):
    with unchanged(test_database, shop["host"]):
        for caller, method, path, body, kinds in body_endpoints(shop):
            for field in kinds:
                for operator in OPERATORS:
                    response = send(shop, caller, method, path, with_field(body, field, operator))
                    error_of(response, 400, field=field, code="invalid_argument")


def test_operator_objects_inside_lists_and_attributes_are_400(shop, test_database):
    with unchanged(test_database, shop["host"]):
        for operator in OPERATORS:
            for bad in ({"sizes": ["S", operator]}, {"attributes": {"author": operator}},
                        {"attributes": operator}):
                body = {"name": "Lamp", "price": 5, "stock": 1}
                body.update(bad)
                field = next(iter(bad))
                error_of(shop["admin"].post("/products", body), 400, field=field)
                error_of(shop["admin"].patch("/products/" + shop["product"], bad), 400,
                         field=field)


def test_dollar_and_dotted_keys_and_protected_fields_are_400(shop, test_database):
    with unchanged(test_database, shop["host"]):
        for caller, method, path, body, _ in body_endpoints(shop):
            for key in BAD_KEYS:
                if key in body:
                    continue  # a field of this very request ("role" of PUT /users/{id}/role)
                response = send(shop, caller, method, path, with_field(body, key, "admin"))
                error_of(response, 400, field=key, code="invalid_argument")
        # Attribute keys are user-chosen but still not operators or paths.
        for key in ["$where", "a.b", "$", "Author", "x" * 33, "", "a b", "\u00e9"]:
            body = {"name": "Lamp", "price": 5, "stock": 1, "attributes": {key: "x"}}
            error_of(shop["admin"].post("/products", body), 400, field="attributes")


def test_wrong_json_types_in_every_field_are_400(shop, test_database):
    wrong = {"str": NOT_STRINGS, "str?": NOT_STRINGS, "id": NOT_STRINGS, "ref": NOT_STRINGS,
             "money": NOT_NUMBERS, "money?": NOT_NUMBERS, "int": NOT_NUMBERS + [1.5],
             "int?": NOT_NUMBERS + [1.5],
             "bool": NOT_BOOLS,
             "list": ["S", 5, {}, [1], [None], [["S"]]],
             "dict": ["x", 5, [], {"author": 5}, {"author": ["x"]}, {"author": {}}]}
    with unchanged(test_database, shop["host"]):
        for caller, method, path, body, kinds in body_endpoints(shop):
            for field, kind in kinds.items():
                for value in wrong[kind]:
                    response = send(shop, caller, method, path, with_field(body, field, value))
                    error_of(response, 400, field=field, code="invalid_argument")
            # Required fields given as null are missing, not "cleared".
            for field, kind in kinds.items():
                if not kind.endswith("?") and method == "POST" and path != "/auth/login":
                    if kind in ("bool", "list", "dict", "ref") or (
                            path == "/cart/items" and field == "quantity"):
                        continue  # optional fields: null means absent
                    response = send(shop, caller, method, path, with_field(body, field, None))
                    error_of(response, 400, field=field)
        # A body that is JSON but not an object.
        for raw in [b"[]", b"[{}]", b"\"{}\"", b"42", b"null", b"true"]:
            for caller, method, path, _, _ in body_endpoints(shop):
                error_of(send(shop, caller, method, path, raw=raw), 400, code="invalid_argument")


def test_huge_strings_arrays_and_bodies(shop, test_database):
    with unchanged(test_database, shop["host"]):
        for caller, method, path, body, kinds in body_endpoints(shop):
            for field, kind in kinds.items():
                if kind in ("str", "str?", "ref"):
                    error_of(send(shop, caller, method, path, with_field(body, field, HUGE)),
                             400, field=field)
                elif kind == "id":
                    # An id that is not 24 hex characters names nothing.
                    error_of(send(shop, caller, method, path, with_field(body, field, HUGE)), 404)
        admin = shop["admin"]
        base = {"name": "Lamp", "price": 5, "stock": 1}
        error_of(admin.post("/products", dict(base, sizes=["S%d" % i for i in range(100_000)])),
                 400, field="sizes")
        error_of(admin.post("/products", dict(base, sizes=["x" * 21])), 400, field="sizes")
        error_of(admin.post("/products", dict(base, attributes={
            "k%d" % i: "v" for i in range(10_000)})), 400, field="attributes")
        error_of(admin.post("/products", dict(base, attributes={"k": "v" * 501})), 400,
                 field="attributes")
        many_keys = {"k%d" % i: i for i in range(50_000)}
        error_of(admin.post("/products", many_keys), 400, code="invalid_argument")
        # Just under the 1 MiB cap is a validation error; just over is 413.
        under = json.dumps({"name": "n" * (1024 * 1024 - 200), "price": 5, "stock": 1})
        error_of(admin.post("/products", raw=under.encode()), 400, field="name")
        for caller, method, path, _, _ in body_endpoints(shop):
            raw = b"{\"name\": \"" + b"n" * (1024 * 1024 + 1) + b"\"}"
            error_of(send(shop, caller, method, path, raw=raw), 413, code="payload_too_large")


def test_deep_nesting_is_400(shop, test_database):
    with unchanged(test_database, shop["host"]):
        for depth in (100, 1500, 100_000):
            for caller, method, path, body, kinds in body_endpoints(shop)[::3]:
                field = next(iter(kinds))
                nested = "[" * depth + "]" * depth
                raw = json.dumps(with_field(body, field, "@@")).replace('"@@"', nested)
                error_of(send(shop, caller, method, path, raw=raw.encode()), 400,
                         code="invalid_argument")
                objects = '{"a":' * depth + "1" + "}" * depth
                error_of(send(shop, caller, method, path, raw=objects.encode()), 400,
                         code="invalid_argument")


def test_invalid_utf8_lone_surrogates_and_nul_are_400(shop, test_database):
    bad_bytes = [b"\xff", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\xc0\xaf",
                 b"\xf8\x88\x80\x80\x80", b"\xf4\x90\x80\x80"]
    bad_escapes = ["\\ud800", "\\udc00", "\\ud800\\u0041", "\\u0000", "a\\u0000b"]
    with unchanged(test_database, shop["host"]):
        for caller, method, path, body, kinds in body_endpoints(shop):
            for field, kind in kinds.items():
                if kind not in ("str", "str?", "id", "ref"):
                    continue
                template = json.dumps(with_field(body, field, "@@")).encode()
                for sequence in bad_bytes:
                    raw = template.replace(b"@@", b"ok" + sequence + b"ok")
                    error_of(send(shop, caller, method, path, raw=raw), 400,
                             code="invalid_argument")
                for escape in bad_escapes:
                    raw = template.replace(b"@@", escape.encode())
                    # A NUL inside an id: the C ABI's parser refuses the body (400), a host
                    # that parses JSON itself passes a malformed id on (404). Both are right.
                    nul_in_id = kind == "id" and "\\u0000" in escape
                    error_of(send(shop, caller, method, path, raw=raw),
                             (400, 404) if nul_in_id else 400)
            # Invalid UTF-8 and NUL in keys.
            for key in [b"\xff", b"a\\u0000b", b"\\ud800"]:
                raw = json.dumps(body).encode()[:-1] + b", \"" + key + b"\": 1}"
                error_of(send(shop, caller, method, path, raw=raw), 400, code="invalid_argument")
            # Not JSON at all, NaN and Infinity, trailing garbage, duplicate keys.
            for raw in [b"{", b"{\"a\":}", b"{'a': 1}", b"{\"a\": NaN}", b"{\"a\": -Infinity}",
                        b"{\"a\": 1} x", b"\xef\xbb\xbf{}", b"{\"a\": 01}", b"{\"a\": 1e99999}"]:
                error_of(send(shop, caller, method, path, raw=raw), 400, code="invalid_argument")


def test_impossible_quantities_and_prices_are_400(shop, test_database):
    admin, ada, p = shop["admin"], shop["ada"], shop["product"]
    prices = [0, -1, -0.01, 0.001, 19.999, 19.990000001, 1e-9, 10_000_000.01, 1e300, 2 ** 63, 2 ** 64,
              -2 ** 63 - 1, "1e400", "-0.0", "NaN"]
    stocks = [-1, 1.5, 1_000_000_001, 1e10, 2 ** 63, 2 ** 64, -2 ** 63 - 1, 1e300, "1e400"]
    quantities = [0, -1, 1.5, 1001, 2 ** 31, 2 ** 63, 2 ** 64, 1e300, "1e400", "-0.5"]

    def raw_with(body, field, value):
        text = json.dumps(with_field(body, field, "@@"))
        literal = value if isinstance(value, str) else json.dumps(value)
        return text.replace('"@@"', literal).encode()

    with unchanged(test_database, shop["host"]):
        for value in prices:
            error_of(admin.post("/products", raw=raw_with({"name": "L", "stock": 1}, "price",
                                                          value)), 400, code="invalid_argument")
            error_of(admin.patch("/products/" + p, raw=raw_with({}, "price", value)), 400,
                     code="invalid_argument")
        for value in stocks:
            error_of(admin.post("/products", raw=raw_with({"name": "L", "price": 1}, "stock",
                                                          value)), 400, code="invalid_argument")
            error_of(admin.patch("/products/" + p, raw=raw_with({}, "stock", value)), 400,
                     code="invalid_argument")
        for value in quantities:
            error_of(ada.post("/cart/items", raw=raw_with({"product_id": p}, "quantity", value)),
                     400, code="invalid_argument")
            if value != 0:  # 0 removes the line: a legal request
                error_of(ada.put("/cart/items/" + p, raw=raw_with({}, "quantity", value)), 400,
                         code="invalid_argument")
        # Query-string numbers: negative, fractional, enormous, not numbers at all.
        for query in ["min_price=-1", "max_price=-0.01", "min_price=1.001", "max_price=1e400",
                      "min_price=NaN", "max_price=Infinity", "min_price=0x10", "min_price=5&"
                      "max_price=4", "limit=0", "limit=101", "limit=-1", "limit=1.5",
                      "limit=99999999999999999999", "limit=", "min_price=",
                      "min_price=99999999999999999999999999999"]:
            error_of(shop["anonymous"].get("/products?" + query), 400, code="invalid_argument")


def test_malformed_ids_in_paths_are_404(shop, test_database):
    admin, ada = shop["admin"], shop["ada"]
    with unchanged(test_database, shop["host"]):
        for bad in MALFORMED_IDS + ["f" * 24]:
            for caller, method, path, body in [
                    ("anonymous", "GET", "/categories/%s", None),
                    ("admin", "PATCH", "/categories/%s", {"name": "X"}),
                    ("admin", "DELETE", "/categories/%s", None),
                    ("anonymous", "GET", "/products/%s", None),
                    ("admin", "GET", "/products/%s", None),
                    ("admin", "PATCH", "/products/%s", {"name": "X"}),
                    ("admin", "DELETE", "/products/%s", None),
                    ("ada", "PUT", "/cart/items/%s", {"quantity": 1}),
                    ("admin", "POST", "/products/%s/variants", {"stock": 1}),
                    ("admin", "PATCH", "/products/%s/variants/" + shop["variant"], {"stock": 1}),
                    ("admin", "DELETE", "/products/%s/variants/" + shop["variant"], None),
                    ("admin", "PATCH", "/products/" + shop["shirt"] + "/variants/%s",
                     {"stock": 1}),
                    ("admin", "DELETE", "/products/" + shop["shirt"] + "/variants/%s", None),
                    ("ada", "DELETE", "/cart/items/%s", None),
                    ("ada", "GET", "/orders/%s", None),
                    ("ada", "GET", "/orders/%s/status", None),
                    ("ada", "GET", "/orders/%s/events", None),
                    ("admin", "GET", "/orders/%s/events", None),
                    ("ada", "POST", "/orders/%s/cancel", None),
                    ("admin", "GET", "/orders/%s", None),
                    ("admin", "PATCH", "/orders/%s/status", {"status": "paid"}),
                    ("admin", "POST", "/orders/%s/cancel", None),
                    ("admin", "POST", "/users/%s/deactivate", None),
                    ("admin", "POST", "/users/%s/activate", None),
                    ("admin", "PUT", "/users/%s/role", {"role": "client"}),
                    ("admin", "GET", "/vouchers/%s", None),
                    ("admin", "PATCH", "/vouchers/%s", {"value": 5}),
                    ("admin", "DELETE", "/vouchers/%s", None),
                    ("admin", "GET", "/webhooks/%s", None),
                    ("admin", "PATCH", "/webhooks/%s", {"active": False}),
                    ("admin", "DELETE", "/webhooks/%s", None),
                    ("admin", "GET", "/webhooks/%s/deliveries", None)]:
                response = send(shop, caller, method, path % bad, body=body)
                error_of(response, 404, code="not_found")
        # Ids inside bodies: a product to add is looked up (404), a category to file under is an
        # input rule (400).
        for bad in ["123", "g" * 24, "f" * 24, "0" * 25]:
            error_of(ada.post("/cart/items", {"product_id": bad}), 404)
            error_of(admin.post("/products", {"name": "L", "price": 1, "stock": 1,
                                              "category_id": bad}), 400, field="category_id")
        for query in ["user_id=123", "user_id=" + "g" * 24, "user_id[$ne]=x"]:
            error_of(admin.get("/orders?" + query), 400, code="invalid_argument")


def test_options_and_skus_outside_the_rules_are_refused(shop, test_database):
    admin, shirt = shop["admin"], shop["shirt"]
    variants = "/products/%s/variants" % shirt
    with unchanged(test_database, shop["host"]):
        for options, field in [
                ({"Size": ["S"]}, "options"), ({"si ze": ["S"]}, "options"),
                ({"a" * 33: ["S"]}, "options"), ({"$where": ["S"]}, "options"),
                ({"size.x": ["S"]}, "options"), ({"size": []}, "options"),
                ({"size": ["S", "S"]}, "options"), ({"size": [""]}, "options"),
                ({"size": ["x" * 51]}, "options"), ({"size": [str(i) for i in range(51)]},
                                                    "options"),
                ({"size": "S"}, "options"), ({"size": [{"$ne": None}]}, "options"),
                ({"a": ["1"], "b": ["1"], "c": ["1"], "d": ["1"]}, "options"),
                (["size"], "options")]:
            error_of(admin.post("/products", {"name": "X", "price": 1, "options": options,
                                              "variants": [{"stock": 1}]}), 400, field=field)
        for body, field in [
                ({"options": {"size": "XL"}, "stock": 1}, "options"),
                ({"options": {"size": "S", "color": "red"}, "stock": 1}, "options"),
                ({"options": {}, "stock": 1}, "options"),
                ({"options": {"size": {"$ne": None}}, "stock": 1}, "options"),
                ({"sku": "has space", "options": {"size": "M"}, "stock": 1}, "sku"),
                ({"sku": "x" * 65, "options": {"size": "M"}, "stock": 1}, "sku"),
                ({"sku": "", "options": {"size": "M"}, "stock": 1}, "sku"),
                ({"sku": "Ünï", "options": {"size": "M"}, "stock": 1}, "sku"),
                ({"sku": {"$gt": ""}, "options": {"size": "M"}, "stock": 1}, "sku"),
                ({"options": {"size": "M"}, "stock": -1}, "stock"),
                ({"options": {"size": "M"}, "stock": 1, "price": 0}, "price"),
                ({"options": {"size": "M"}, "stock": 1, "id": "f" * 24}, "id")]:
            error_of(admin.post(variants, body), 400, field=field)
        # Duplicate SKUs, in any letter case, here or in another product; duplicate combinations.
        error_of(admin.post(variants, {"sku": "sh-s", "options": {"size": "M"}, "stock": 1}), 409,
                 code="conflict")
        error_of(admin.post(variants, {"options": {"size": "S"}, "stock": 1}), 409,
                 field="options")
        error_of(admin.post("/products", {"name": "Y", "price": 1, "options": {"size": ["S"]},
                                          "variants": [{"sku": "SH-s", "options": {"size": "S"},
                                                        "stock": 1}]}), 409, field="sku")
        error_of(admin.post("/products", {"name": "Y", "price": 1, "options": {"size": ["S", "M"]},
                                          "variants": [{"sku": "D", "options": {"size": "S"},
                                                        "stock": 1},
                                                       {"sku": "d", "options": {"size": "M"},
                                                        "stock": 1}]}), 409, field="sku")
        error_of(admin.post("/products", {"name": "Y", "price": 1, "options": {"size": ["S"]},
                                          "variants": [{"options": {"size": "S"}, "stock": 1},
                                                       {"options": {"size": "S"}, "stock": 1}]}),
                 409, field="options")
        error_of(admin.post("/products", {"name": "Y", "price": 1, "variants": []}), 400,
                 field="variants")
        error_of(admin.post("/products", {"name": "Y", "price": 1, "options": {"size": ["S"]}}),
                 400, field="variants")
        error_of(shop["ada"].put("/cart/items/%s?variant_id=%s" % (shirt, "123"),
                                 {"quantity": 1}), 404)
        error_of(shop["ada"].put("/cart/items/%s?variant_id=%%24ne" % shirt, {"quantity": 1}), 404)


def test_a_nul_in_the_path_does_not_cut_it_short(shop, test_database):
    """/products/<id>%00/x is not /products/<id>: a NUL must not truncate the path a host routes
    on (a DELETE of one URL must never act on another)."""
    admin, p, o = shop["admin"], shop["product"], shop["order"]
    with unchanged(test_database, shop["host"]):
        for method, path in [("DELETE", "/products/%s%%00/x" % p),
                             ("DELETE", "/products/%s%%00" % p),
                             ("PATCH", "/orders/%s%%00/status" % o),
                             ("POST", "/orders/%s%%00/cancel" % o),
                             ("GET", "/orders/%s%%00/events" % o),
                             ("GET", "/products/%s%%00" % p)]:
            response = admin.request(method, path, body={"status": "paid"}
                                     if method == "PATCH" else None)
            error_of(response, 404, code="not_found")


def test_query_string_injection_is_400(shop, test_database):
    anonymous, admin, ada = shop["anonymous"], shop["admin"], shop["ada"]
    quote = urllib.parse.quote
    with unchanged(test_database, shop["host"]):
        for query, field in [("q[$regex]=.*", "q[$regex]"), ("category[$ne]=x", "category[$ne]"),
                             ("sort=$natural", "sort"), ("sort=name&sort=-price", "sort"),
                             ("attr.$where=1", None), ("attr.a.b=1", None),
                             ("attr.=x", None), ("attr.Author=x", None),
                             ("include_hidden=1", "include_hidden"), ("cursor=%FF%FE", "cursor"),
                             ("cursor=" + quote('{"$gt":""}'), "cursor"),
                             ("category=" + quote('{"$ne":null}'), "category"),
                             ("size=%00", "size"), ("q=%00", "q"), ("$where=1", "$where"),
                             ("q=" + "x" * 201, "q"), ("size=" + "x" * 21, "size")]:
            error_of(anonymous.get("/products?" + query), 400, field=field,
                     code="invalid_argument")
        for query, field in [("limit=0", "limit"), ("cursor=!!", "cursor"),
                             ("cursor=" + "A" * 5000, "cursor"), ("name[$ne]=x", "name[$ne]")]:
            error_of(anonymous.get("/categories?" + query), 400, field=field)
        for query, field in [("role[$ne]=client", "role[$ne]"), ("role=root", "role"),
                             ("is_active=yes", "is_active"), ("username=%00", "username"),
                             ("email=" + quote('{"$gt":""}') + "&email=x", "email"),
                             ("cursor=" + quote(b64(b"not-an-id")), "cursor"),
                             ("$where=1", "$where")]:
            error_of(admin.get("/users?" + query), 400, field=field)
        for query, field in [("status=pending", "status"), ("status=cancelling", "status"),
                             ("status[$ne]=x", "status[$ne]"), ("cursor=abc", "cursor"),
                             ("limit=1000", "limit")]:
            error_of(ada.get("/orders?" + query), 400, field=field)
        for query, field in [("actor_id=123", "actor_id"), ("actor_id[$ne]=x", "actor_id[$ne]"),
                             ("target_id=" + quote('{"$ne":null}'), "target_id"),
                             ("action=" + "x" * 65, "action"), ("action=%00", "action"),
                             ("cursor=abc", "cursor"), ("limit=0", "limit"),
                             ("action=a&action=b", "action")]:
            error_of(admin.get("/audit?" + query), 400, field=field)
        for query, field in [("after=-1", "after"), ("after=x", "after"),
                             ("after[$gt]=0", "after[$gt]"), ("limit=0", "limit"),
                             ("limit=1001", "limit"), ("after=1&after=2", "after"),
                             ("cursor=abc", "cursor")]:
            error_of(admin.get("/events?" + query), 400, field=field)


def test_facets_query_injection_is_400(shop, test_database):
    """GET /products/facets takes the listing's filters and refuses what the listing refuses,
    include_hidden included (facets are public); nothing changes and the host stays up."""
    anonymous, admin = shop["anonymous"], shop["admin"]
    quote = urllib.parse.quote
    with unchanged(test_database, shop["host"]):
        for query, field in [("q[$regex]=.*", "q[$regex]"), ("category[$ne]=x", "category[$ne]"),
                             ("category=" + quote('{"$ne":null}'), "category"),
                             ("attr.$where=1", None), ("attr.a.b=1", None), ("attr.=x", None),
                             ("attr.author[$ne]=x", None), ("min_price=" + quote("{}"), "min_price"),
                             ("max_price=NaN", "max_price"), ("max_price=1e400", "max_price"),
                             ("size=%00", "size"), ("q=%00", "q"),
                             ("$where=1", "$where"), ("sort=$natural", "sort"),
                             ("cursor=" + quote('{"$gt":""}'), "cursor"),
                             ("limit=101", "limit"), ("q=" + "x" * 201, "q"),
                             ("include_hidden=true", "include_hidden"),
                             ("include_hidden=false", "include_hidden"),
                             ("include_hidden[$ne]=1", "include_hidden[$ne]")]:
            for caller in (anonymous, admin):
                error_of(caller.get("/products/facets?" + query), 400, field=field,
                         code="invalid_argument")
        for pattern in (".*", "^", "(P+)+$", "[", '{"$ne": null}'):
            response = anonymous.get("/products/facets?q=" + quote(pattern))
            assert response.status == 200 and response.json["total"] == 0, pattern


def test_operator_looking_text_is_plain_text(shop):
    """Strings that look like operators or patterns are stored and matched literally."""
    admin, ada = shop["admin"], shop["ada"]
    weird = '{"$ne": null}'
    response = admin.post("/products", {"name": weird, "price": 1, "stock": 1,
                                        "description": "$where: 1"})
    assert response.status == 201 and response.json["name"] == weird
    for pattern, expected in [(".*", []), ("^", []), ("(P+)+$", []), ("$ne", [weird]),
                              ("PEN", ["Pen"]), ("[", [])]:
        response = ada.get("/products?q=" + urllib.parse.quote(pattern))
        assert response.status == 200
        assert sorted(item["name"] for item in response.json["items"]) == expected, pattern
    # An Idempotency-Key is an opaque string, never a query.
    assert ada.post("/orders", headers={"Idempotency-Key": weird.replace(" ", "")}).status == 201
    ada.post("/cart/items", {"product_id": shop["product"]})
    again = ada.post("/orders", headers={"Idempotency-Key": '{"$gt":""}'})
    assert again.status == 201, again  # a new order, not a match of the earlier keys
    # A login name that looks like an operator is just a wrong name.
    error_of(shop["anonymous"].post("/auth/login", {"username": weird,
                                                    "password": USER_PASSWORD}), 401)


def test_bad_idempotency_keys_are_400(shop, test_database):
    ada = shop["ada"]
    with unchanged(test_database, shop["host"]):
        for key in ["x" * 256, "with space", "tab\tinside", "caf\xe9"]:
            error_of(ada.post("/orders", headers={"Idempotency-Key": key}), 400,
                     code="invalid_argument")


def test_bad_payment_references_are_400(shop, test_database):
    path = "/orders/%s/status" % shop["order"]
    with unchanged(test_database, shop["host"]):
        for reference in ["", "x" * 256, "with space", "tab\tinside", "del\x7f", "bell\x07",
                          "caf\xe9", "\u202e", '{"$ne":null}'.replace(":", " "), 5, 1.5, True,
                          [], ["pi_1"], {"$ne": None}]:
            error_of(shop["admin"].patch(path, {"status": "paid", "payment_reference": reference}),
                     400, field="payment_reference", code="invalid_argument")
        for status in ["shipped", "delivered", "cancelled", "placed"]:
            error_of(shop["admin"].patch(path, {"status": status, "payment_reference": "pi_1"}),
                     400, field="payment_reference", code="invalid_argument")


def forged_tokens(shop):
    """Tokens that must all be refused: unsigned, wrongly signed, altered, expired, or signed
    correctly but with impossible claims."""
    login = shop["anonymous"].post("/auth/login", {"username": "ada", "password": USER_PASSWORD})
    real = login.json["access_token"]
    header, payload, signature = real.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    now = int(time.time())
    admin_claims = dict(claims, role="admin")
    hs256 = {"alg": "HS256", "typ": "JWT"}
    return {
        "alg none": sign({"alg": "none", "typ": "JWT"}, admin_claims).rsplit(".", 1)[0] + ".",
        "alg none, no signature": b64(json.dumps({"alg": "none"}).encode()) + "."
        + b64(json.dumps(admin_claims).encode()),
        "alg none with a valid MAC": sign({"alg": "none", "typ": "JWT"}, claims),
        "alg HS512": sign({"alg": "HS512", "typ": "JWT"}, claims),
        "alg lower case": sign({"alg": "hs256", "typ": "JWT"}, claims),
        "wrong key": sign(hs256, admin_claims, secret="not-the-secret-0123456789abcdef01234"),
        "changed payload": header + "." + b64(json.dumps(admin_claims).encode()) + "." + signature,
        "changed header": b64(json.dumps({"alg": "HS256", "kid": "x"}).encode()) + "." + payload
        + "." + signature,
        "cut signature": real[:-2],
        "extra segment": real + "." + signature,
        "expired": sign(hs256, dict(claims, iat=now - 3600, exp=now - 1800)),
        "expires now": sign(hs256, dict(claims, exp=now - 1)),
        "exp beyond int64 ms": sign(hs256, dict(claims, exp=2 ** 62)),
        "negative exp": sign(hs256, dict(claims, exp=-2 ** 62)),
        "exp as text": sign(hs256, dict(claims, exp=str(now + 900))),
        "unknown role": sign(hs256, dict(claims, role="root")),
        "no such user": sign(hs256, dict(claims, sub="f" * 24)),
        "sub an operator": sign(hs256, dict(claims, sub={"$ne": None})),
        "sub not an id": sign(hs256, dict(claims, sub="ada")),
        "no jti": sign(hs256, {k: v for k, v in claims.items() if k != "jti"}),
        "future version": sign(hs256, dict(claims, ver=claims["ver"] + 1)),
        "fid an operator": sign(hs256, dict(claims, fid={"$ne": None})),
        "fid a number": sign(hs256, dict(claims, fid=7)),
        "garbage": "not.a.token",
        "empty segments": "..",
        "huge": "a" * 8000 + "." + "b" * 8000 + "." + "c" * 43,
        "non-ASCII": "\xe9\xe9\xe9.\xe9.\xe9",
    }


def test_forged_expired_and_malformed_tokens_are_401(shop, test_database):
    tokens = forged_tokens(shop)
    anonymous = shop["anonymous"]
    with unchanged(test_database, shop["host"]):
        for name, token in tokens.items():
            forged = anonymous.with_token(token)
            for method, path, body in [("GET", "/users/me", None), ("GET", "/cart", None),
                                       ("POST", "/cart/prune", None),
                                       ("POST", "/auth/logout", None), ("GET", "/orders", None),
                                       ("POST", "/categories", {"name": "Forged"}),
                                       ("GET", "/users", None),
                                       ("DELETE", "/products/" + shop["product"], None),
                                       ("GET", "/products?include_hidden=true", None),
                                       ("POST", "/users/me/email-verification", None),
                                       ("DELETE", "/users/me", None)]:
                response = forged.request(method, path, body=body)
                assert response.status == 401, (name, method, path, response)
                error_of(response, 401, code="unauthenticated")
        for header in ["Bearer", "Bearer ", "Basic " + b64(b"ada:" + USER_PASSWORD.encode()),
                       "Token " + tokens["garbage"], "Bearer  ", "bearer"]:
            response = anonymous.get("/users/me", headers={"Authorization": header})
            error_of(response, 401, code="unauthenticated")


def test_malformed_oversized_and_unknown_cart_tokens_change_nothing(shop, test_database):
    """X-Cart-Token values that are not a cart token's shape are 401 on every cart route; a
    well-formed one naming no cart reads as an empty cart and, refused by the rules, writes
    nothing; a guest placing an order is 401."""
    anonymous = shop["anonymous"]
    with unchanged(test_database, shop["host"]):
        for value in ["", "x", "c" * 42, "c" * 44, "c" * 42 + "=", "c" * 8000, '{"$ne": null}',
                      "c" * 21 + "." + "c" * 21, "\u00e9" * 43, "../" * 14 + "c"]:
            for method, path, body in [("GET", "/cart", None), ("DELETE", "/cart", None),
                                       ("POST", "/cart/items", {"product_id": shop["product"]}),
                                       ("PUT", "/cart/items/" + shop["product"],
                                        {"quantity": 1}), ("POST", "/cart/prune", None)]:
                response = anonymous.request(method, path, body=body,
                                             headers={"X-Cart-Token": value})
                error_of(response, 401, code="unauthenticated")
        unknown = {"X-Cart-Token": "c" * 43}
        assert anonymous.get("/cart", headers=unknown).json["items"] == []
        pruned = anonymous.post("/cart/prune", headers=unknown)  # nothing to drop: no write
        assert pruned.status == 200 and pruned.json["items"] == [], pruned
        error_of(anonymous.post("/cart/items", {"product_id": "f" * 24}, headers=unknown), 404)
        error_of(anonymous.post("/cart/items", {"product_id": shop["product"], "quantity": 11},
                                headers=unknown), 409, field="quantity")
        error_of(anonymous.post("/orders", headers=unknown), 401, code="unauthenticated")
        error_of(anonymous.post("/cart/merge", {"cart_token": "c" * 43}, headers=unknown), 401)


def test_malformed_oversized_and_unknown_tokens_change_nothing(shop, test_database):
    """Refresh, reset and verification tokens that are empty, oversized, of the wrong type,
    unknown, or an access token in the wrong place: 400 naming the field (401 for a refresh
    token that is well-formed but unknown), and nothing is written."""
    anonymous = shop["anonymous"]
    access_token = anonymous.post("/auth/login", {"username": "ada",
                                                  "password": USER_PASSWORD}).json["access_token"]
    with unchanged(test_database, shop["host"]):
        # An access token is no refresh token: longer than any refresh token can be.
        for value in ["", "r" * 257, HUGE, access_token]:
            error_of(anonymous.post("/auth/refresh", {"refresh_token": value}), 400,
                     field="refresh_token", code="invalid_argument")
            error_of(anonymous.post("/auth/password-reset/confirm",
                                    {"token": value, "password": "another-password"}),
                     400, field="token", code="invalid_argument")
            error_of(anonymous.post("/auth/verify-email", {"token": value}), 400, field="token",
                     code="invalid_argument")
        for value in ["r" * 43, access_token[:43], "\u00e9" * 3 + "x", "../../etc/passwd",
                      '{"$ne": null}', "caf\xe9"]:
            error_of(anonymous.post("/auth/refresh", {"refresh_token": value}), 401,
                     code="unauthenticated")
            error_of(anonymous.post("/auth/password-reset/confirm",
                                    {"token": value, "password": "another-password"}),
                     400, field="token", code="invalid_argument")
            error_of(anonymous.post("/auth/verify-email", {"token": value}), 400, field="token",
                     code="invalid_argument")
        for body in [{}, {"token": "t" * 43}, {"password": "another-password"}]:
            error_of(anonymous.post("/auth/password-reset/confirm", body), 400,
                     code="invalid_argument")
        error_of(anonymous.post("/auth/password-reset", {}), 400, field="email")
        error_of(anonymous.post("/auth/password-reset", {"email": "e" * 255}), 400,
                 field="email")
        error_of(anonymous.post("/auth/verify-email", {"token": "t" * 43, "email": "x"}), 400,
                 field="email")


HOSTILE_HEADER_VALUES = ['{"$ne": null}', "*" * 20_000, '"' * 3000, "W/" * 5000, ",,,,,",
                         "W/", '"unterminated', "\t \t", "null", "../../etc/passwd",
                         "https://evil.example, https://shop.example"]


def test_hostile_cache_and_cors_headers_change_nothing(shop, test_database):
    """If-None-Match, Origin and the preflight's request headers are parsed by every host:
    junk there is a plain, uncached or unmatched request — never a 5xx, a 304 for a tag nobody
    sent, or CORS headers for an origin nobody allowed (the suite's hosts allow none)."""
    anonymous = shop["anonymous"]
    product = "/products/" + shop["product"]
    with unchanged(test_database, shop["host"]):
        for value in HOSTILE_HEADER_VALUES:
            for path in ("/products", product, "/categories", "/health"):
                response = anonymous.get(path, headers={"If-None-Match": value,
                                                        "Origin": value})
                assert response.status == 200, (value[:40], path, response)
                assert response.json is not None
                assert not any(name.startswith("access-control-")
                               for name in response.headers), (value[:40], path)
            response = anonymous.request("OPTIONS", product, headers={
                "Origin": value, "Access-Control-Request-Method": value,
                "Access-Control-Request-Headers": value})
            assert response.status == 204, (value[:40], response)
            assert response.headers["Allow"] == "GET, PATCH, DELETE"
        # OPTIONS asks about the route, not the object: a malformed id still names the route.
        for path in ("/products/%00", "/products/" + "%FF" * 24, "/products/%24where"):
            response = anonymous.request("OPTIONS", path,
                                         headers={"Access-Control-Request-Method": "DELETE"})
            assert response.status == 204 and response.headers["Allow"] == "GET, PATCH, DELETE"
        response = anonymous.request("OPTIONS", "/no/such/route",
                                     headers={"Access-Control-Request-Method": "DELETE"})
        error_of(response, 404, code="not_found")


# Product images: the body is the file itself, so the abuse is in its bytes and its type.

def post_image(caller, path, data, content_type):
    """POST `data` as it is, with `content_type` as its Content-Type (None: no such header)."""
    connection = http.client.HTTPConnection("127.0.0.1", caller.port, timeout=60)
    headers = {"Authorization": "Bearer " + caller.token} if caller.token else {}
    if content_type is not None:
        headers["Content-Type"] = content_type
    try:
        connection.request("POST", path, body=data, headers=headers)
        reply = connection.getresponse()
        return Response(reply.status, reply.getheaders(), reply.read())
    finally:
        connection.close()


def test_forged_truncated_and_oversized_images_are_refused(shop, test_database):
    admin, path = shop["admin"], "/products/%s/images" % shop["product"]
    refused = [
        (PNG, "image/jpeg", "content_type"),          # a PNG declared as JPEG
        (JPEG, "image/png", "content_type"),
        (GIF, "image/webp", "content_type"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/png", "content_type"),  # text
        (b"just text", "image/gif", "content_type"),
        (PNG, "image/svg+xml", "content_type"),
        (PNG, "text/plain", "content_type"),
        (PNG, "application/json", "content_type"),
        (PNG, '{"$ne": null}', "content_type"),
        (PNG, "", "content_type"),
        (PNG, None, "content_type"),                  # no Content-Type at all
        (PNG[:-5], "image/png", "image"),             # truncated: no whole IEND
        (PNG[:20], "image/png", "image"),
        (PNG[:4], "image/png", "image"),
        (JPEG[:-2], "image/jpeg", "image"),           # no EOI
        (GIF[:-1], "image/gif", "image"),             # no trailer
        (WEBP[:-4], "image/webp", "image"),           # RIFF size says more
        (b"", "image/png", "image"),                  # empty body
    ]
    with unchanged(test_database, shop["host"]):
        for data, content_type, field in refused:
            response = post_image(admin, path, data, content_type)
            error_of(response, 400, field=field, code="invalid_argument")
        # The image route takes 5 MiB; one byte more is 413, before the library sees it.
        over = png_of_size(5 * 1024 * 1024 + 1)
        error_of(post_image(admin, path, over, "image/png"), 413, code="payload_too_large")
        # Every other route keeps its 1 MiB.
        json_over = b"{\"name\": \"" + b"n" * (1024 * 1024 + 1) + b"\"}"
        error_of(admin.post("/products", raw=json_over), 413, code="payload_too_large")
        two_mib = b"{\"name\": \"" + b"n" * (2 * 1024 * 1024) + b"\"}"
        for method, other in (("POST", "/products"), ("PATCH", "/products/" + shop["product"]),
                              ("POST", "/categories")):
            error_of(admin.request(method, other, raw=two_mib), 413, code="payload_too_large")
        # An image is no JSON body for the other routes either.
        error_of(post_image(admin, "/products", PNG, "image/png"), 400, code="invalid_argument")
        for caller in ("anonymous", "ada"):
            status = 401 if caller == "anonymous" else 403
            error_of(post_image(shop[caller], path, PNG, "image/png"), status)
        for bad in MALFORMED_IDS:
            error_of(post_image(admin, "/products/%s/images" % bad, PNG, "image/png"), 404,
                     code="not_found")
        for bad in MALFORMED_IDS + ["f" * 24]:
            error_of(shop["anonymous"].get("/images/" + bad), 404, code="not_found")
            error_of(admin.delete("/products/%s/images/%s" % (shop["product"], bad)), 404,
                     code="not_found")
            error_of(admin.delete("/products/%s/images/%s" % (bad, "f" * 24)), 404,
                     code="not_found")
    # A product that does not exist: the file stored first is removed again, chunks and all.
    error_of(post_image(admin, "/products/%s/images" % ("f" * 24), PNG, "image/png"), 404,
             code="not_found")
    db = test_database.client()[test_database.database]
    assert db["images.files"].count_documents({}) == 0
    assert db["images.chunks"].count_documents({}) == 0


def test_hostile_if_none_match_on_an_image_changes_nothing(shop, test_database):
    admin = shop["admin"]
    image = post_image(admin, "/products/%s/images" % shop["product"], PNG, "image/png").json
    with unchanged(test_database, shop["host"]):
        for value in HOSTILE_HEADER_VALUES:
            response = shop["anonymous"].get(image["url"], headers={"If-None-Match": value})
            assert response.status in (200, 304), (value, response)
            assert response.body in (PNG, b"")


def test_webhook_targets_and_events_outside_the_rules_are_refused(shop, test_database):
    admin = shop["admin"]
    with unchanged(test_database, shop["host"]):
        for body, field in [
                ({"url": "ftp://hooks.example.com/", "events": ["*"]}, "url"),
                ({"url": "https://user:pw@hooks.example.com/", "events": ["*"]}, "url"),
                ({"url": "http://127.0.0.1:8080/", "events": ["*"]}, "url"),
                ({"url": "http://localhost/", "events": ["*"]}, "url"),
                ({"url": "http://169.254.169.254/latest", "events": ["*"]}, "url"),
                ({"url": "http://[::1]/", "events": ["*"]}, "url"),
                ({"url": "https://h.example.com/" + "a" * 2048, "events": ["*"]}, "url"),
                ({"url": "https://hooks.example.com/", "events": ["order.shipped"]}, "events"),
                ({"url": "https://hooks.example.com/", "events": ["*", "*"]}, "events"),
                ({"url": "https://hooks.example.com/", "events": []}, "events"),
                ({"url": "https://hooks.example.com/", "events": ["*"], "secret": "x"},
                 "secret")]:
            error_of(admin.post("/webhooks", body), 400, field=field, code="invalid_argument")
        error_of(admin.patch("/webhooks/" + shop["webhook"], {}), 400, code="invalid_argument")


def test_a_checkout_refused_for_its_lines_changes_nothing_however_sent(shop, test_database):
    """A cart holding a hidden line: checkouts sent again, in parallel, with keys new, reused
    and malformed, are each 409 (field items, details naming the line) or 400 for the bad key,
    and write nothing; the error's details say no more than the line and its problem."""
    ada, admin = shop["ada"], shop["admin"]
    assert admin.patch("/products/" + shop["product"], {"in_stock": False}).status == 200
    variant = admin.get("/products/" + shop["product"]).json["variants"][0]["id"]
    with unchanged(test_database, shop["host"]):
        def refused(headers):
            response = ada.post("/orders", headers=headers)
            assert response.status == 409, response
            error = response.json["error"]
            assert set(error) == {"code", "message", "field", "details"}, response
            assert (error["code"], error["field"]) == ("conflict", "items")
            assert error["details"] == [{"product_id": shop["product"],
                                         "variant_id": variant, "problem": "hidden",
                                         "available_quantity": None}], response
        for headers in [None, {"Idempotency-Key": "second"}, {"Idempotency-Key": "second"}]:
            refused(headers)
        with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(refused, [{"Idempotency-Key": "k%d" % i} for i in range(6)]))
        error_of(ada.post("/orders", headers={"Idempotency-Key": "x" * 300}), 400,
                 field="idempotency_key")
        # The key of the order placed before answers with that order, not with the refusal.
        earlier = ada.post("/orders", headers={"Idempotency-Key": "first"})
        assert earlier.status == 200 and earlier.json["id"] == shop["order"], earlier
    pruned = ada.post("/cart/prune")
    assert pruned.status == 200 and pruned.json["items"] == [], pruned
