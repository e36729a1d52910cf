"""API.md "Guest carts" over HTTP, on every host: POST /carts, every cart route under
X-Cart-Token (the bearer token winning over it), orders and other routes 401 for a guest, expiry,
the merge at login and by POST /cart/merge (caps, dropped lines, the guest cart gone, a second
merge merging nothing). The racing merges and crash points are tested in the core and Python
suites, once."""

import datetime

import pytest

from conftest import USER_PASSWORD
from test_catalog import assert_error, create


class Guest:
    """Requests of a guest: X-Cart-Token on every one."""

    def __init__(self, client, token):
        self.client = client
        self.token = token

    def request(self, method, path, body=None, **extra):
        return self.client.request(method, path, body=body,
                                   headers={"X-Cart-Token": self.token}, **extra)


def new_guest(client):
    response = client.post("/carts")
    assert response.status == 201, response
    assert set(response.json) == {"cart_token", "cart"}
    assert response.json["cart"]["items"] == [] and len(response.json["cart_token"]) == 43
    assert response.header("Cache-Control") == "no-store"
    return Guest(client, response.json["cart_token"])


def lines(cart):
    return {item["product_id"]: item["quantity"] for item in cart["items"]}


@pytest.fixture
def products(admin):
    return {name: create(admin, "/products", {"name": name, "price": price, "stock": stock})["id"]
            for name, price, stock in (("Pen", 19.99, 10), ("Ink", 2, 3), ("Gone", 1, 5))}


def test_every_cart_route_takes_a_cart_token(client, products):
    pen = products["Pen"]
    guest = new_guest(client)
    assert guest.request("GET", "/cart").json["items"] == []  # nothing stored yet
    added = guest.request("POST", "/cart/items", {"product_id": pen, "quantity": 3})
    assert added.status == 200, added
    assert added.json["total_price"] == 59.97
    assert_error(guest.request("POST", "/cart/items", {"product_id": pen, "quantity": 8}), 409,
                 "conflict", "quantity")
    assert_error(guest.request("POST", "/cart/items", {"product_id": "f" * 24}), 404,
                 "not_found")
    changed = guest.request("PUT", "/cart/items/" + pen, {"quantity": 2})
    assert changed.status == 200 and lines(changed.json) == {pen: 2}, changed
    removed = guest.request("DELETE", "/cart/items/" + pen)
    assert removed.status == 200 and removed.json["items"] == [], removed
    guest.request("POST", "/cart/items", {"product_id": pen})
    cleared = guest.request("DELETE", "/cart")
    assert cleared.status == 200 and cleared.json["count"] == 0, cleared


def test_a_guest_gets_401_outside_the_cart(client, products):
    guest = new_guest(client)
    guest.request("POST", "/cart/items", {"product_id": products["Pen"]})
    for method, path in (("POST", "/orders"), ("GET", "/orders"), ("GET", "/users/me"),
                         ("POST", "/auth/logout")):
        assert_error(guest.request(method, path), 401, "unauthenticated")
    assert_error(guest.request("POST", "/cart/merge", {"cart_token": guest.token}), 401,
                 "unauthenticated")
    assert_error(Guest(client, "not-a-cart-token").request("GET", "/cart"), 401,
                 "unauthenticated")
    assert_error(client.get("/cart"), 401, "unauthenticated")


def test_with_both_headers_the_bearer_token_wins(client, products, user_factory):
    _, user = user_factory("both_headers")
    guest = new_guest(client)
    guest.request("POST", "/cart/items", {"product_id": products["Pen"]})
    both = user.request("GET", "/cart", headers={"X-Cart-Token": guest.token})
    assert both.status == 200 and both.json["items"] == [], both


def test_an_idle_guest_cart_expires(client, products, test_database):
    guest = new_guest(client)
    guest.request("POST", "/cart/items", {"product_id": products["Pen"]})
    carts = test_database.client()[test_database.database]["carts"]
    old = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
    assert carts.update_one({"_id": {"$type": "string"}},
                            {"$set": {"expires_at": old}}).matched_count == 1
    assert guest.request("GET", "/cart").json["items"] == []


def test_login_with_a_cart_token_merges_the_guest_cart(client, admin, products, user_factory):
    pen, ink, gone = products["Pen"], products["Ink"], products["Gone"]
    _, user = user_factory("merging_shopper")
    user.post("/cart/items", {"product_id": pen, "quantity": 4})
    guest = new_guest(client)
    for product_id, quantity in ((pen, 9), (ink, 2), (gone, 1)):
        guest.request("POST", "/cart/items", {"product_id": product_id, "quantity": quantity})
    assert admin.delete("/products/" + gone).status == 204
    body = {"username": "merging_shopper", "password": USER_PASSWORD, "cart_token": guest.token}
    logged_in = client.post("/auth/login", body)
    assert logged_in.status == 200, logged_in
    assert lines(user.get("/cart").json) == {pen: 10, ink: 2}  # 4 + 9 capped at stock 10
    assert guest.request("GET", "/cart").json["items"] == []
    # The spent token merges nothing; a malformed one is 400 before the password is checked.
    assert client.post("/auth/login", body).status == 200
    assert lines(user.get("/cart").json) == {pen: 10, ink: 2}
    assert_error(client.post("/auth/login", dict(body, password="wrong-pass", cart_token="x")),
                 400, "invalid_argument", "cart_token")


def test_cart_merge_route(client, admin, products, user_factory):
    pen, ink = products["Pen"], products["Ink"]
    _, user = user_factory("merge_route")
    guest = new_guest(client)
    guest.request("POST", "/cart/items", {"product_id": pen, "quantity": 2})
    guest.request("POST", "/cart/items", {"product_id": ink, "quantity": 1})
    assert admin.patch("/products/" + ink, {"in_stock": False}).status == 200
    merged = user.post("/cart/merge", {"cart_token": guest.token})
    assert merged.status == 200, merged
    assert lines(merged.json) == {pen: 2}  # the hidden product's line dropped
    assert guest.request("GET", "/cart").json["items"] == []
    again = user.post("/cart/merge", {"cart_token": guest.token})
    assert again.status == 200 and lines(again.json) == {pen: 2}, again
    assert_error(user.post("/cart/merge", {}), 400, "invalid_argument", "cart_token")
    assert_error(user.post("/cart/merge", {"cart_token": "short"}), 400, "invalid_argument",
                 "cart_token")
    assert_error(user.post("/cart/merge", {"cart_token": guest.token, "x": 1}), 400,
                 "invalid_argument", "x")


def test_a_guest_cart_takes_a_voucher_and_the_merge_carries_it(client, admin, products,
                                                               user_factory):
    pen = products["Pen"]
    _, user = user_factory("voucher_guest")
    code = admin.post("/vouchers", {"code": "GUEST5", "kind": "fixed", "value": 5}).json["code"]
    guest = new_guest(client)
    guest.request("POST", "/cart/items", {"product_id": pen, "quantity": 2})
    cart = guest.request("PUT", "/cart/voucher", {"code": "guest5"}).json
    assert (cart["subtotal"], cart["discount"], cart["total_price"]) == (39.98, 5, 34.98)
    assert guest.request("GET", "/cart").json == cart
    assert guest.request("DELETE", "/cart/voucher").json["voucher"] is None
    guest.request("PUT", "/cart/voucher", {"code": code})
    body = {"username": "voucher_guest", "password": USER_PASSWORD, "cart_token": guest.token}
    assert client.post("/auth/login", body).status == 200
    merged = user.get("/cart").json
    assert merged["voucher"]["code"] == "GUEST5" and merged["total_price"] == 34.98
    order = user.post("/orders").json
    assert (order["voucher_code"], order["total_price"]) == ("GUEST5", 34.98)
