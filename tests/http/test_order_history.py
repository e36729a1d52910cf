"""The "Order history and payment references" section of API.md v2 over HTTP, on every host."""

import concurrent.futures

import pytest

from test_accounts import assert_error
from test_orders import create_product, stock_of


@pytest.fixture
def placed(admin, user_factory):
    """An admin, a shopper and the shopper's placed order of two pens."""
    _, ada = user_factory("ada")
    pen = create_product(admin, "Pen", 2.5, 10)
    ada.post("/cart/items", {"product_id": pen, "quantity": 2})
    order = ada.post("/orders").json
    return admin, ada, order


def summary(response):
    assert response.status == 200, response
    return [(e["type"], e["status_from"], e["status_to"]) for e in response.json["items"]]


def test_events_record_each_change_oldest_first(placed, user_factory):
    admin, ada, order = placed
    events = "/orders/%s/events" % order["id"]
    assert order["payment_reference"] is None
    assert summary(ada.get(events)) == [("placed", None, "placed")]
    assert ada.get(events).json["items"][0]["actor_id"] == order["user_id"]
    admin.patch("/orders/%s/status" % order["id"], {"status": "paid"})
    assert ada.post("/orders/%s/cancel" % order["id"]).status == 200
    response = admin.get(events)
    assert summary(response) == [("placed", None, "placed"), ("status_changed", "placed", "paid"),
                                 ("cancelled", "paid", "cancelled")]
    assert response.json["items"][2]["actor_id"] == order["user_id"]
    assert response.headers.get("Cache-Control") == "no-store"
    _, bob = user_factory("bob")
    assert_error(bob.get(events), 404, "not_found")
    assert_error(ada.get("/orders/not-an-id/events"), 404, "not_found")
    assert_error(ada.get("/orders/%s/events" % ("f" * 24)), 404, "not_found")


def test_a_replayed_payment_is_a_200_no_op_and_another_reference_409(placed):
    admin, ada, order = placed
    path = "/orders/%s/status" % order["id"]
    paid = admin.patch(path, {"status": "paid", "payment_reference": "pi_3N8x2e"})
    assert paid.status == 200 and paid.json["payment_reference"] == "pi_3N8x2e"
    admin.patch(path, {"status": "shipped"})
    replay = admin.patch(path, {"status": "paid", "payment_reference": "pi_3N8x2e"})
    assert replay.status == 200 and replay.json == ada.get("/orders/" + order["id"]).json
    assert replay.json["status"] == "shipped"
    assert_error(admin.patch(path, {"status": "paid", "payment_reference": "pi_other"}), 409,
                 "conflict", "payment_reference")
    assert_error(admin.patch(path, {"status": "delivered", "payment_reference": "pi_3N8x2e"}),
                 400, "invalid_argument", "payment_reference")
    assert len(ada.get("/orders/%s/events" % order["id"]).json["items"]) == 3


def test_parallel_placements_with_one_key_yield_one_order(admin, user_factory):
    _, ada = user_factory("ada")
    pen = create_product(admin, "Pen", 2.5, 10)
    ada.post("/cart/items", {"product_id": pen, "quantity": 3})
    key = {"Idempotency-Key": "one-checkout"}
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: ada.post("/orders", headers=key), range(8)))
    orders = [a for a in answers if a.status in (200, 201)]
    assert [a.status for a in orders].count(201) == 1, answers
    assert len({a.json["id"] for a in orders}) == 1, answers
    for answer in answers:
        if answer.status not in (200, 201):
            assert_error(answer, 409, "conflict", "idempotency_key")
    assert len(ada.get("/orders").json["items"]) == 1
    assert stock_of(admin, pen) == 7
