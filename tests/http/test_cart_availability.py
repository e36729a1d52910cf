"""The cart and the checkout tell one story (issue #22), on every host: every line stays in the
cart with `available` and its `problem` (deleted, hidden, out_of_stock, short), count and totals
cover the available lines only, `checkout_ready`; POST /orders refuses a cart that is not ready
with 409 (field items) and `details` naming each line, changing nothing; POST /cart/prune drops
the unavailable lines (guests too); price_changed tells of a price moved since the line was
added, without blocking. (The classifier's every case: tests/core/unit/line_availability_test.)"""

import pytest

from test_accounts import assert_error
from test_catalog import create
from test_guest_carts import new_guest
from test_orders import create_product, stock_of

SHIRT = {"name": "Shirt", "options": {"size": ["S", "M"]},
         "variants": [{"sku": "SHIRT-S", "options": {"size": "S"}, "price": 10, "stock": 5},
                      {"sku": "SHIRT-M", "options": {"size": "M"}, "price": 12.5, "stock": 5}]}


@pytest.fixture
def shop(admin, user_factory):
    """An admin, a shopper with 2 pens (19.99, stock 10) and 3 inks (5, stock 4) in the cart."""
    _, ada = user_factory("ada")
    pen = create_product(admin, "Pen", 19.99, 10)
    ink = create_product(admin, "Ink", 5, 4)
    assert ada.post("/cart/items", {"product_id": pen, "quantity": 2}).status == 200
    assert ada.post("/cart/items", {"product_id": ink, "quantity": 3}).status == 200
    return admin, ada, pen, ink


def line_of(cart, product_id):
    [line] = [item for item in cart["items"] if item["product_id"] == product_id]
    return line


def problems(cart):
    return {item["product_id"]: (item["problem"], item["available_quantity"])
            for item in cart["items"] if not item["available"]}


def assert_checkout_refused(admin, shopper, expected, stocks):
    """POST /orders is 409 (field items) naming exactly `expected` [(product_id, problem,
    available_quantity)], and nothing changed: no order, the stocks as they were, the cart
    still holding its lines."""
    before = shopper.get("/cart").json
    response = shopper.post("/orders")
    assert response.status == 409, response
    error = response.json["error"]
    assert set(error) == {"code", "message", "field", "details"}
    assert (error["code"], error["field"]) == ("conflict", "items")
    assert [(d["product_id"], d["problem"], d["available_quantity"])
            for d in error["details"]] == expected
    assert all(set(d) == {"product_id", "variant_id", "problem", "available_quantity"}
               for d in error["details"])
    assert shopper.get("/orders").json["items"] == []
    assert shopper.get("/cart").json == before
    for product_id, stock in stocks.items():
        assert stock_of(admin, product_id) == stock


def test_a_ready_cart_says_so_and_shows_every_field(shop):
    _, ada, pen, ink = shop
    cart = ada.get("/cart").json
    assert cart["checkout_ready"] is True and cart["count"] == 5 and cart["total_price"] == 54.98
    for item in cart["items"]:
        assert (item["available"], item["problem"], item["available_quantity"]) == \
            (True, None, None)
        assert (item["price_changed"], item["previous_unit_price"]) == (False, None)


def test_a_deleted_product_stays_in_the_cart_and_stops_checkout(shop):
    admin, ada, pen, ink = shop
    assert admin.delete("/products/" + ink).status == 204
    cart = ada.get("/cart").json
    line = line_of(cart, ink)
    assert line["available"] is False and line["problem"] == "deleted"
    assert (line["name"], line["sku"], line["options"], line["unit_price"],
            line["line_total"]) == (None, None, None, None, None)
    assert line["quantity"] == 3
    assert (cart["count"], cart["subtotal"], cart["total_price"]) == (2, 39.98, 39.98)
    assert cart["checkout_ready"] is False
    assert_checkout_refused(admin, ada, [(ink, "deleted", None)], {pen: 10})


def test_a_deleted_variant_is_deleted(admin, user_factory):
    _, ada = user_factory("ada")
    shirt = create(admin, "/products", SHIRT)
    small, medium = [v["id"] for v in shirt["variants"]]
    for variant in (small, medium):
        ada.post("/cart/items", {"product_id": shirt["id"], "variant_id": variant})
    base = "/products/%s/variants/" % shirt["id"]
    assert admin.delete(base + medium).status == 204
    cart = ada.get("/cart").json
    gone = [item for item in cart["items"] if item["variant_id"] == medium][0]
    assert (gone["available"], gone["problem"], gone["name"]) == (False, "deleted", None)
    assert cart["count"] == 1 and cart["total_price"] == 10
    response = ada.post("/orders")
    assert response.status == 409, response
    assert response.json["error"]["details"] == [
        {"product_id": shirt["id"], "variant_id": medium, "problem": "deleted",
         "available_quantity": None}]


def test_a_hidden_product_with_stock_is_hidden_not_out_of_stock(shop):
    admin, ada, pen, ink = shop
    assert admin.patch("/products/" + pen, {"in_stock": False}).status == 200
    cart = ada.get("/cart").json
    assert problems(cart) == {pen: ("hidden", None)}
    assert line_of(cart, pen)["name"] == "Pen"  # still there to be recognised
    assert cart["count"] == 3 and cart["total_price"] == 15
    assert_checkout_refused(admin, ada, [(pen, "hidden", None)], {ink: 4})


def test_a_hidden_variant_is_hidden(admin, user_factory):
    _, ada = user_factory("ada")
    shirt = create(admin, "/products", SHIRT)
    small = shirt["variants"][0]["id"]
    ada.post("/cart/items", {"product_id": shirt["id"], "variant_id": small, "quantity": 2})
    path = "/products/%s/variants/%s" % (shirt["id"], small)
    assert admin.patch(path, {"in_stock": False}).status == 200
    cart = ada.get("/cart").json
    assert problems(cart) == {shirt["id"]: ("hidden", None)}
    assert cart["checkout_ready"] is False and cart["count"] == 0
    response = ada.post("/orders")
    assert response.status == 409 and response.json["error"]["details"][0]["problem"] == "hidden"


def test_out_of_stock_and_short_lines(shop):
    admin, ada, pen, ink = shop
    assert admin.patch("/products/" + pen, {"stock": 0}).status == 200
    assert admin.patch("/products/" + ink, {"stock": 1}).status == 200
    cart = ada.get("/cart").json
    assert problems(cart) == {pen: ("out_of_stock", 0), ink: ("short", 1)}
    assert (cart["count"], cart["total_price"], cart["checkout_ready"]) == (0, 0, False)
    assert_checkout_refused(admin, ada, [(pen, "out_of_stock", 0), (ink, "short", 1)],
                            {pen: 0, ink: 1})
    # Lowering the quantity to what is left makes the line available again.
    assert ada.put("/cart/items/" + pen, {"quantity": 0}).status == 200
    fixed = ada.put("/cart/items/" + ink, {"quantity": 1}).json
    assert fixed["checkout_ready"] is True and problems(fixed) == {}
    assert ada.post("/orders").status == 201


def test_prune_drops_every_unavailable_line_and_checkout_then_works(shop):
    admin, ada, pen, ink = shop
    bolt = create_product(admin, "Bolt", 1, 5)
    ada.post("/cart/items", {"product_id": bolt, "quantity": 4})
    admin.delete("/products/" + pen)
    admin.patch("/products/" + bolt, {"stock": 2})
    assert problems(ada.get("/cart").json) == {pen: ("deleted", None), bolt: ("short", 2)}
    pruned = ada.post("/cart/prune")
    assert pruned.status == 200, pruned
    assert [item["product_id"] for item in pruned.json["items"]] == [ink]
    assert pruned.json["checkout_ready"] is True and pruned.json["count"] == 3
    assert ada.get("/cart").json == pruned.json
    again = ada.post("/cart/prune")  # nothing left to drop: the same cart
    assert again.status == 200 and again.json == pruned.json
    order = ada.post("/orders")
    assert order.status == 201, order
    assert order.json["total_price"] == 15 and stock_of(admin, ink) == 1


def test_prune_of_an_empty_cart_and_its_authentication(client, shop):
    _, ada, _, _ = shop
    assert_error(client.post("/cart/prune"), 401, "unauthenticated")
    ada.delete("/cart")
    pruned = ada.post("/cart/prune")
    assert pruned.status == 200 and pruned.json["items"] == []
    assert pruned.json["checkout_ready"] is False  # an empty cart is not ready
    assert_error(ada.post("/orders"), 400, "invalid_argument")


def test_a_guest_cart_shows_availability_and_prunes(client, admin):
    pen = create_product(admin, "Pen", 19.99, 10)
    ink = create_product(admin, "Ink", 5, 4)
    guest = new_guest(client)
    assert guest.request("GET", "/cart").json["checkout_ready"] is False
    guest.request("POST", "/cart/items", {"product_id": pen})
    guest.request("POST", "/cart/items", {"product_id": ink, "quantity": 2})
    admin.patch("/products/" + ink, {"in_stock": False})
    cart = guest.request("GET", "/cart").json
    assert problems(cart) == {ink: ("hidden", None)} and cart["count"] == 1
    pruned = guest.request("POST", "/cart/prune")
    assert pruned.status == 200, pruned
    assert [item["product_id"] for item in pruned.json["items"]] == [pen]
    assert pruned.json["checkout_ready"] is True


def test_price_changed_informs_without_blocking(shop):
    admin, ada, pen, ink = shop
    assert admin.patch("/products/" + pen, {"price": 25}).status == 200
    cart = ada.get("/cart").json
    line = line_of(cart, pen)
    assert (line["price_changed"], line["previous_unit_price"], line["unit_price"]) == \
        (True, 19.99, 25)
    assert line["available"] is True and line["line_total"] == 50
    assert line_of(cart, ink)["price_changed"] is False
    assert cart["checkout_ready"] is True and cart["total_price"] == 65
    # Adding more of it records the price the shopper sees now.
    refreshed = ada.post("/cart/items", {"product_id": pen}).json
    assert (line_of(refreshed, pen)["price_changed"],
            line_of(refreshed, pen)["previous_unit_price"]) == (False, None)
    admin.patch("/products/" + pen, {"price": 20})
    assert line_of(ada.get("/cart").json, pen)["previous_unit_price"] == 25
    order = ada.post("/orders")
    assert order.status == 201, order
    assert order.json["total_price"] == 75  # 3 × 20 + 3 × 5: the current prices


def test_the_voucher_prices_the_available_lines_only(shop):
    admin, ada, pen, ink = shop
    response = admin.post("/vouchers", {"code": "save10", "kind": "percent", "value": 10})
    assert response.status == 201, response
    assert ada.put("/cart/voucher", {"code": "SAVE10"}).status == 200
    admin.patch("/products/" + pen, {"stock": 0})
    cart = ada.get("/cart").json
    assert (cart["subtotal"], cart["discount"], cart["total_price"]) == (15, 1.5, 13.5)
    assert cart["voucher"]["applies"] is True
