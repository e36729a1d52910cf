"""Hostile values through the Python binding: what JSON can carry into a Python host (lone
surrogates, deep nesting, huge integers, NaN) and what only Python can (sets, bytes, non-string
keys, self-referencing containers). Each is a ValidationError naming the input, never a
RuntimeError, a crash, or a RecursionError."""

import math

import pytest

import libstore

GOOD = {"username": "ada", "email": "ada@example.com", "password": "password-123"}


def nested_list(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("field, value", [
    ("username", "\ud800"),
    ("username", "ada\udfff"),
    ("name", "x" * 10 + "\udc80"),
    ("username", "ada\x00"),
    ("name", nested_list(5000)),
    ("name", nested_list(100_000)),
    ("name", 2 ** 64),
    ("name", -2 ** 63 - 1),
    ("name", math.nan),
    ("name", math.inf),
    ("name", {1, 2}),
    ("name", b"bytes"),
    ("name", object()),
    ("name", {1: "non-string key"}),
    ("name", {"\ud800": "surrogate key"}),
    ("name", {"$ne": None}),
])
def test_hostile_values_are_validation_errors(store, field, value):
    body = dict(GOOD)
    body[field] = value
    with pytest.raises(libstore.ValidationError) as raised:
        store.register(body)
    assert raised.value.code == "invalid_argument"
    assert raised.value.field is not None and raised.value.field.split(".")[0].split("[")[0] \
        in (field, "")


def test_self_referencing_containers_are_refused(store):
    loop = []
    loop.append(loop)
    with pytest.raises(libstore.ValidationError):
        store.register(dict(GOOD, name=loop))
    cycle = {}
    cycle["a"] = cycle
    with pytest.raises(libstore.ValidationError):
        store.list_products(cycle)


def test_nothing_was_stored(store, test_database):
    for body in [dict(GOOD, username="\ud800"), dict(GOOD, name=nested_list(3000))]:
        with pytest.raises(libstore.ValidationError):
            store.register(body)
    assert test_database.client()[test_database.database].users.count_documents({}) == 0
    assert store.register(GOOD)["username"] == "ada"


def test_a_checkout_refused_for_its_lines_stores_nothing(store, test_database):
    """ConflictError with details, never a partial order: no pending order, no stock taken, the
    cart as it was; prune_cart() takes no arguments."""
    store.create_admin(username="root", email="root@example.com", password="password-123")
    admin = store.session(store.login(username="root", password="password-123")["access_token"])
    store.register(GOOD)
    ada = store.session(store.login(username="ada", password="password-123")["access_token"])
    pen = admin.create_product(name="Pen", price=1, stock=3)["id"]
    ada.add_to_cart(product_id=pen, quantity=3)
    admin.update_product(pen, stock=1)
    database = test_database.client()[test_database.database]
    before = (list(database.carts.find({})), list(database.products.find({})))
    for key in [None, "a", "a", "b"]:
        with pytest.raises(libstore.ConflictError) as raised:
            ada.place_order(key)
        assert raised.value.details == [{"product_id": pen, "variant_id": raised.value.details[0]
                                         ["variant_id"], "problem": "short",
                                         "available_quantity": 1}]
    with pytest.raises(TypeError):
        ada.prune_cart("everything")
    assert database.orders.count_documents({}) == 0
    assert (list(database.carts.find({})), list(database.products.find({}))) == before
