"""The Cart and Orders sections of API.md over HTTP."""

import concurrent.futures

import pytest

from test_accounts import assert_error


def create_product(admin, name, price, stock, **extra):
    body = {"name": name, "price": price, "stock": stock}
    body.update(extra)
    response = admin.post("/products", body)
    assert response.status == 201, response
    return response.json["id"]


def stock_of(admin, product_id):
    return admin.get("/products/" + product_id).json["stock"]


@pytest.fixture
def shop(admin, user_factory):
    """An admin, a shopper and two products."""
    _, ada = user_factory("ada")
    pen = create_product(admin, "Pen", 19.99, 10)
    ink = create_product(admin, "Ink", 5, 2)
    return admin, ada, pen, ink


def test_cart_needs_authentication(client):
    assert_error(client.get("/cart"), 401, "unauthenticated")
    assert_error(client.post("/cart/items", {"product_id": "0" * 24}), 401, "unauthenticated")
    assert_error(client.post("/orders"), 401, "unauthenticated")


def test_cart_lifecycle(shop):
    admin, ada, pen, ink = shop
    response = ada.get("/cart")
    assert response.status == 200
    assert response.json == {"items": [], "count": 0, "subtotal": 0, "voucher": None,
                             "discount": 0, "total_price": 0, "checkout_ready": False}
    ada.post("/cart/items", {"product_id": pen})
    response = ada.post("/cart/items", {"product_id": pen, "quantity": 2})
    assert response.status == 200
    assert response.json["count"] == 3
    assert response.json["total_price"] == 59.97
    assert b"59.97" in response.body and b"59.970000" not in response.body
    variant = admin.get("/products/" + pen).json["variants"][0]["id"]
    assert response.json["items"][0] == {"product_id": pen, "variant_id": variant, "sku": None,
                                         "options": {}, "name": "Pen", "unit_price": 19.99,
                                         "quantity": 3, "line_total": 59.97,
                                         "available": True, "problem": None,
                                         "available_quantity": None, "price_changed": False,
                                         "previous_unit_price": None}
    assert response.json["checkout_ready"] is True
    response = ada.put("/cart/items/" + pen, {"quantity": 1})
    assert response.status == 200 and response.json["count"] == 1
    ada.post("/cart/items", {"product_id": ink, "quantity": 2})
    response = ada.put("/cart/items/" + pen, {"quantity": 0})
    assert [item["product_id"] for item in response.json["items"]] == [ink]
    response = ada.delete("/cart/items/" + ink)
    assert response.status == 200 and response.json["items"] == []
    ada.post("/cart/items", {"product_id": ink})
    response = ada.delete("/cart")
    assert response.status == 200 and response.json["count"] == 0


@pytest.mark.parametrize("body, status, code, field", [
    ({"product_id": "PEN", "quantity": 0}, 400, "invalid_argument", "quantity"),
    ({"product_id": "PEN", "quantity": 1001}, 400, "invalid_argument", "quantity"),
    ({"product_id": "PEN", "quantity": "2"}, 400, "invalid_argument", "quantity"),
    ({"product_id": "PEN", "quantity": 11}, 409, "conflict", "quantity"),
    ({"product_id": "PEN", "price": 0.01}, 400, "invalid_argument", "price"),
    ({"product_id": {"$ne": None}}, 400, "invalid_argument", "product_id"),
    ({}, 400, "invalid_argument", "product_id"),
    ({"product_id": "nonsense"}, 404, "not_found", None),
    ({"product_id": "f" * 24}, 404, "not_found", None),
])
def test_cart_add_errors(shop, body, status, code, field):
    _, ada, pen, _ = shop
    body = {key: (pen if value == "PEN" else value) for key, value in body.items()}
    assert_error(ada.post("/cart/items", body), status, code, field)


def test_hidden_products_cannot_be_added(shop):
    admin, ada, pen, _ = shop
    admin.patch("/products/" + pen, {"in_stock": False})
    assert_error(ada.post("/cart/items", {"product_id": pen}), 404, "not_found")


def test_placing_an_order(shop):
    admin, ada, pen, ink = shop
    ada.post("/cart/items", {"product_id": pen, "quantity": 3})
    ada.post("/cart/items", {"product_id": ink, "quantity": 2})
    response = ada.post("/orders")
    assert response.status == 201, response
    order = response.json
    assert order["status"] == "placed"
    assert order["total_price"] == 69.97
    assert set(order) == {"id", "user_id", "items", "subtotal", "discount", "voucher_code",
                          "total_price", "status", "payment_reference", "created_at",
                          "updated_at"}
    assert stock_of(admin, pen) == 7
    assert ada.get("/cart").json["count"] == 0
    assert ada.get("/orders/" + order["id"]).json == order
    assert ada.get("/orders/%s/status" % order["id"]).json == {"status": "placed"}
    assert [o["id"] for o in ada.get("/orders").json["items"]] == [order["id"]]


def test_empty_cart_is_400_and_short_stock_is_409_changing_nothing(shop, user_factory):
    admin, ada, pen, ink = shop
    assert_error(ada.post("/orders"), 400, "invalid_argument")
    ada.post("/cart/items", {"product_id": pen, "quantity": 1})
    ada.post("/cart/items", {"product_id": ink, "quantity": 2})
    _, bob = user_factory("bob")
    bob.post("/cart/items", {"product_id": ink, "quantity": 1})
    assert bob.post("/orders").status == 201
    response = ada.post("/orders")
    assert response.status == 409, response
    error = response.json["error"]
    assert (error["code"], error["field"]) == ("conflict", "items")
    assert ink in error["message"]
    assert [(d["product_id"], d["problem"], d["available_quantity"])
            for d in error["details"]] == [(ink, "short", 1)]
    assert stock_of(admin, pen) == 10
    cart = ada.get("/cart").json
    assert [item["quantity"] for item in cart["items"]] == [1, 2]
    assert cart["count"] == 1 and cart["checkout_ready"] is False  # the short line not counted
    assert ada.get("/orders").json["items"] == []


def test_idempotency_key_returns_the_same_order_with_200(shop):
    admin, ada, pen, _ = shop
    ada.post("/cart/items", {"product_id": pen, "quantity": 2})
    first = ada.post("/orders", headers={"Idempotency-Key": "abc-123"})
    assert first.status == 201
    retry = ada.post("/orders", headers={"Idempotency-Key": "abc-123"})
    assert retry.status == 200
    assert retry.json == first.json
    assert stock_of(admin, pen) == 8
    assert_error(ada.post("/orders", headers={"Idempotency-Key": "x" * 300}), 400,
                 "invalid_argument", "idempotency_key")


def test_parallel_retries_of_one_checkout_yield_one_order(shop):
    """Six parallel retries of one checkout, as an impatient client sends them: every answer is
    that order (201 once, else 200) or 409 still-being-placed, never another error."""
    admin, ada, pen, _ = shop
    for attempt in range(4):
        assert ada.post("/cart/items", {"product_id": pen, "quantity": 1}).status == 200
        key = {"Idempotency-Key": "parallel-%d" % attempt}
        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(lambda _: ada.post("/orders", headers=key), range(6)))
        orders = [a for a in answers if a.status in (200, 201)]
        others = [a for a in answers if a.status not in (200, 201)]
        assert [a.status for a in orders].count(201) == 1, answers
        assert len({a.json["id"] for a in orders}) == 1, answers
        for answer in others:
            assert_error(answer, 409, "conflict", "idempotency_key")
    assert stock_of(admin, pen) == 10 - 4


def test_status_changes_and_cancellation(shop, user_factory):
    admin, ada, pen, _ = shop
    ada.post("/cart/items", {"product_id": pen, "quantity": 4})
    order_id = ada.post("/orders").json["id"]
    path = "/orders/%s/status" % order_id
    assert_error(ada.patch(path, {"status": "paid"}), 403, "forbidden")
    assert_error(admin.patch(path, {"status": "shipped"}), 409, "conflict")
    assert_error(admin.patch(path, {"status": "lost"}), 400, "invalid_argument", "status")
    assert_error(admin.patch(path, {"status": "paid", "note": "x"}), 400, "invalid_argument",
                 "note")
    response = admin.patch(path, {"status": "paid"})
    assert response.status == 200 and response.json["status"] == "paid"
    _, bob = user_factory("bob")
    assert_error(bob.get("/orders/" + order_id), 404, "not_found")
    assert_error(bob.post("/orders/%s/cancel" % order_id), 404, "not_found")
    response = ada.post("/orders/%s/cancel" % order_id)
    assert response.status == 200 and response.json["status"] == "cancelled"
    assert stock_of(admin, pen) == 10
    assert_error(ada.post("/orders/%s/cancel" % order_id), 409, "conflict")
    assert_error(ada.get("/orders/not-an-id"), 404, "not_found")


def test_admin_sees_all_orders_and_filters_by_user(shop, user_factory):
    admin, ada, pen, _ = shop
    bob_user, bob = user_factory("bob")
    for shopper in (ada, bob):
        shopper.post("/cart/items", {"product_id": pen})
        assert shopper.post("/orders").status == 201
    assert len(admin.get("/orders").json["items"]) == 2
    mine = admin.get("/orders?user_id=" + bob_user["id"]).json["items"]
    assert [o["user_id"] for o in mine] == [bob_user["id"]]
    assert_error(ada.get("/orders?user_id=" + bob_user["id"]), 403, "forbidden")
    page = ada.get("/orders?limit=1")
    assert page.status == 200 and page.json["next_cursor"] is None
    assert_error(ada.get("/orders?limit=0"), 400, "invalid_argument", "limit")


def test_inactive_users_are_refused_the_cart(shop, client):
    admin, ada, pen, _ = shop
    me = ada.get("/users/me").json
    admin.post("/users/%s/deactivate" % me["id"])
    assert_error(ada.get("/cart"), 403, "forbidden")
    assert_error(ada.post("/cart/items", {"product_id": pen}), 403, "forbidden")
    assert_error(ada.post("/orders"), 403, "forbidden")


def test_repeated_query_parameters_are_refused_everywhere(admin):
    assert_error(admin.get("/orders?limit=1&limit=2"), 400, "invalid_argument", "limit")
    assert_error(admin.get("/users?role=client&role=admin"), 400, "invalid_argument", "role")
