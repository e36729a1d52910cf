"""The events feed over HTTP (API.md "Events and webhooks": GET /events), on every host: one
scenario per rule — a registration, an order's life, a product's life, paging, and who may read
it (the full caller matrix is in test_authorization.py)."""

from test_accounts import assert_error
from test_orders import create_product


def feed(admin, query=""):
    response = admin.get("/events" + query)
    assert response.status == 200, response
    assert response.headers.get("Cache-Control") == "no-store"
    return response.json


def after_now(admin):
    """The feed's last id: only what happens from here on is read after it."""
    return feed(admin, "?limit=1000")["next_after"]


def test_a_registration_is_a_user_registered_event(client, admin):
    start = after_now(admin)
    user = client.post("/auth/register", {"username": "ada", "email": "ada@example.com",
                                          "password": "password-123"}).json
    page = feed(admin, "?after=%d" % start)
    assert [e["type"] for e in page["items"]] == ["user.registered"]
    event = page["items"][0]
    assert event["id"] == start + 1 == page["next_after"]
    assert event["data"] == {"user_id": user["id"], "username": "ada",
                             "email": "ada@example.com"}
    assert event["at"].endswith("Z")


def test_an_order_placed_paid_and_cancelled_is_three_events_in_order(admin, user_factory):
    _, ada = user_factory("ada")
    pen = create_product(admin, "Pen", 2.5, 10)
    ada.post("/cart/items", {"product_id": pen, "quantity": 2})
    start = after_now(admin)
    order = ada.post("/orders").json
    assert admin.patch("/orders/%s/status" % order["id"],
                       {"status": "paid", "payment_reference": "pi_1"}).status == 200
    assert ada.post("/orders/%s/cancel" % order["id"]).status == 200
    events = feed(admin, "?after=%d" % start)["items"]
    assert [e["type"] for e in events] == ["order.placed", "order.status_changed",
                                           "order.cancelled"]
    assert events[0]["data"] == order
    assert events[1]["data"] == {"order_id": order["id"], "user_id": order["user_id"],
                                 "status_from": "placed", "status_to": "paid",
                                 "payment_reference": "pi_1"}
    assert events[2]["data"] == {"order_id": order["id"], "user_id": order["user_id"],
                                 "status_from": "paid"}


def test_a_product_created_updated_and_deleted_is_three_events(admin):
    start = after_now(admin)
    pen = create_product(admin, "Pen", 2.5, 10)
    assert admin.patch("/products/" + pen, {"name": "Ink pen"}).status == 200
    assert admin.delete("/products/" + pen).status == 204
    events = feed(admin, "?after=%d" % start)["items"]
    assert [(e["type"], e["data"]) for e in events] == [
        ("product.created", {"product_id": pen}),
        ("product.updated", {"product_id": pen, "fields": ["name"]}),
        ("product.deleted", {"product_id": pen})]


def test_paging_with_after_and_limit(client, admin, user_factory):
    start = after_now(admin)
    for name in ("amy", "ann", "ava"):
        user_factory(name)
    first = feed(admin, "?after=%d&limit=2" % start)
    assert [e["id"] for e in first["items"]] == [start + 1, start + 2]
    rest = feed(admin, "?after=%d&limit=2" % first["next_after"])
    assert [e["data"]["username"] for e in rest["items"]] == ["ava"]
    empty = feed(admin, "?after=%d" % rest["next_after"])
    assert empty == {"items": [], "next_after": rest["next_after"]}
    assert_error(admin.get("/events?limit=1001"), 400, "invalid_argument")


def test_only_admins_read_the_feed(client, user_factory):
    assert_error(client.get("/events"), 401, "unauthenticated")
    _, ada = user_factory("ada")
    assert_error(ada.get("/events"), 403, "forbidden")
