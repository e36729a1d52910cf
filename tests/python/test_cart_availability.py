"""Cart lines that cannot be bought now, through the Python package: every line shown with its
availability, ConflictError.details when checkout refuses them, Session.prune_cart() for users
and guests, and price_changed, also for lines stored before the price was kept."""

import pytest

import libstore
from test_orders import make_session, product


@pytest.fixture
def admin(store):
    return make_session(store, "cart_admin", admin=True)


@pytest.fixture
def ada(store):
    return make_session(store, "ada")


def test_checkout_refusal_carries_details(admin, ada):
    pen = product(admin, "Pen", 1, 5)
    ink = product(admin, "Ink", 2, 5)
    ada.add_to_cart(product_id=pen, quantity=3)
    ada.add_to_cart(product_id=ink)
    admin.update_product(pen, stock=2)
    admin.update_product(ink, in_stock=False)
    cart = ada.cart()
    assert [(i["available"], i["problem"], i["available_quantity"]) for i in cart["items"]] == \
        [(False, "short", 2), (False, "hidden", None)]
    assert (cart["count"], cart["total_price"], cart["checkout_ready"]) == (0, 0, False)
    with pytest.raises(libstore.ConflictError) as raised:
        ada.place_order()
    error = raised.value
    assert error.field == "items"
    assert [(d["product_id"], d["problem"], d["available_quantity"]) for d in error.details] == \
        [(pen, "short", 2), (ink, "hidden", None)]
    assert error.to_dict()["error"]["details"] == error.details
    assert ada.orders()["items"] == [] and admin.get_product(pen)["stock"] == 2
    pruned = ada.prune_cart()
    assert pruned["items"] == [] and pruned["checkout_ready"] is False
    with pytest.raises(libstore.ValidationError) as empty:
        ada.place_order()
    assert empty.value.details is None and "details" not in empty.value.to_dict()["error"]


def test_errors_without_details_have_none(ada):
    with pytest.raises(libstore.NotFoundError) as raised:
        ada.add_to_cart(product_id="f" * 24)
    assert raised.value.details is None
    assert set(raised.value.to_dict()["error"]) == {"code", "message", "field"}
    assert libstore.ConflictError("x").details is None


def test_a_guest_session_prunes(store, admin):
    pen = product(admin, "Pen", 1, 5)
    ink = product(admin, "Ink", 2, 5)
    guest = store.guest_session(store.create_guest_cart()["cart_token"])
    guest.add_to_cart(product_id=pen)
    guest.add_to_cart(product_id=ink)
    admin.delete_product(ink)
    assert [i["problem"] for i in guest.cart()["items"]] == [None, "deleted"]
    assert [i["product_id"] for i in guest.prune_cart()["items"]] == [pen]


def test_price_changed_and_lines_stored_before_it(store, admin, ada, test_database):
    pen = product(admin, "Pen", 1, 5)
    ada.add_to_cart(product_id=pen)
    carts = test_database.client()[test_database.database].carts
    [stored] = carts.find_one({})["items"]
    assert stored["unit_price_cents"] == 100  # kept in cents, as every stored amount
    admin.update_product(pen, price=1.25)
    [line] = ada.cart()["items"]
    assert (line["price_changed"], line["previous_unit_price"], line["unit_price"]) == \
        (True, 1, 1.25)
    carts.update_one({}, {"$unset": {"items.0.unit_price_cents": ""}})  # as an older libstore
    [line] = ada.cart()["items"]
    assert (line["price_changed"], line["previous_unit_price"]) == (False, None)
    assert ada.place_order()["total_price"] == 1.25
