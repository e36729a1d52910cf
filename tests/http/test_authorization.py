"""The authorization matrix of API.md: every endpoint as an anonymous caller, a client, another
client, a deactivated client, an admin, and a staff user for each permission (holding that one
only), each with the documented outcome — 401 without a token where one is needed, 403 for a
role, a missing permission or a deactivated account, 404 (never 403) for another client's order,
so objects do not leak. Runs against every host the suite starts.

One test per endpoint; inside it, each caller gets its own targets where the call changes
something (a fresh product to delete, a fresh account to log out), so the cells do not depend on
each other.
"""

import itertools

import pytest

from conftest import USER_PASSWORD, login, register
from image_samples import PNG

# Staff callers, each holding exactly one permission.
STAFF = {"catalog": "manage_catalog", "orders": "manage_orders", "users": "manage_users",
         "auditor": "view_audit"}
ROLES = ("anonymous", "client", "other", "inactive", "admin") + tuple(STAFF)
_counter = itertools.count()


def unique(prefix):
    return "%s%d" % (prefix, next(_counter))


class World:
    """An admin, client "ada" (with a placed order and a cart), client "bob", deactivated client
    "cat", a staff user per permission, a category, a visible and a hidden product."""

    def __init__(self, client, admin, operator_store):
        self.anonymous = client
        self.admin = admin
        self.operator_store = operator_store
        self.ada_user = register(client, "ada")
        self.ada = login(client, "ada", USER_PASSWORD)
        self.bob_user = register(client, "bob")
        self.bob = login(client, "bob", USER_PASSWORD)
        self.cat_user = register(client, "cat")
        self.cat = login(client, "cat", USER_PASSWORD)
        # Taken before the deactivation below: what a deactivated client still holds.
        self.cat_refresh_token = client.post("/auth/login", {
            "username": "cat", "password": USER_PASSWORD}).json["refresh_token"]
        assert admin.post("/users/%s/deactivate" % self.cat_user["id"]).status == 200
        self.category = admin.post("/categories", {"name": "Books"}).json["id"]
        self.product = self.new_product()
        self.hidden = admin.post("/products", {"name": "Hidden", "price": 1, "stock": 5,
                                               "in_stock": False}).json["id"]
        self.order = self.new_order()
        self.admin_id = admin.get("/users/me").json["id"]
        self.staff = {role: self.new_staff(role) for role in STAFF}

    def new_staff(self, role):
        """A fresh staff account holding the permission of `role`, logged in after the change
        (the change ends its earlier tokens)."""
        username = unique(role)
        user = register(self.anonymous, username)
        response = self.admin.put("/users/%s/role" % user["id"],
                                  {"role": "staff", "permissions": [STAFF[role]]})
        assert response.status == 200, response
        assert response.json["permissions"] == [STAFF[role]]
        return username, login(self.anonymous, username, USER_PASSWORD)

    def new_product(self):
        response = self.admin.post("/products", {"name": unique("Pen"), "price": 2.5,
                                                 "stock": 1000, "category_id": self.category})
        assert response.status == 201, response
        return response.json["id"]

    def new_shirt(self):
        """A product in two sizes: (its id, the id of its M variant)."""
        response = self.admin.post("/products", {
            "name": unique("Shirt"), "price": 5, "options": {"size": ["S", "M", "L"]},
            "variants": [{"options": {"size": "S"}, "stock": 3},
                         {"options": {"size": "M"}, "stock": 3}]})
        assert response.status == 201, response
        return response.json["id"], response.json["variants"][1]["id"]

    def new_order(self):
        assert self.ada.post("/cart/items", {"product_id": self.product}).status == 200
        response = self.ada.post("/orders")
        assert response.status == 201, response
        return response.json["id"]

    def new_image(self):
        """A fresh image of the visible product: (product id, image id)."""
        response = self.admin.request("POST", "/products/%s/images" % self.product, raw=PNG,
                                      headers={"Content-Type": "image/png"})
        assert response.status == 201, response
        return self.product, response.json["id"]

    def caller(self, role, fresh=False):
        """The client acting as `role`; `fresh` makes a new account of that role, for calls that
        end the caller's token or account."""
        if role == "anonymous":
            return self.anonymous
        if role == "inactive":
            return self.cat
        if role in STAFF:
            return self.new_staff(role)[1] if fresh else self.staff[role][1]
        if not fresh:
            return {"client": self.ada, "other": self.bob, "admin": self.admin}[role]
        username = unique(role)
        if role == "admin":
            self.operator_store.create_admin(username=username, email=username + "@example.com",
                                             password=USER_PASSWORD)
        else:
            register(self.anonymous, username)
        return login(self.anonymous, username, USER_PASSWORD)

    def refresh_token(self, role):
        """A refresh token of the role's account (the deactivated one's from before), or one
        that names nothing for the anonymous caller."""
        if role == "anonymous":
            return "r" * 43
        if role == "inactive":
            return self.cat_refresh_token
        username = {"client": "ada", "other": "bob", "admin": "root_admin"}.get(role) or \
            self.staff[role][0]
        password = "admin-password-123" if role == "admin" else USER_PASSWORD
        response = self.anonymous.post("/auth/login",
                                       {"username": username, "password": password})
        assert response.status == 200, response
        return response.json["refresh_token"]

    def new_guest_token(self):
        """A fresh guest cart's token, its cart holding the product."""
        response = self.anonymous.post("/carts")
        assert response.status == 201, response
        token = response.json["cart_token"]
        added = self.anonymous.request("POST", "/cart/items", body={"product_id": self.product},
                                       headers={"X-Cart-Token": token})
        assert added.status == 200, added
        return token
    def new_voucher(self):
        """A fresh 10 % voucher: (its id, its code)."""
        code = unique("VOUCHER")
        response = self.admin.post("/vouchers", {"code": code, "kind": "percent", "value": 10})
        assert response.status == 201, response
        return response.json["id"], response.json["code"]

    def new_webhook(self):
        """A fresh webhook's id."""
        response = self.admin.post("/webhooks", {"url": "https://hooks.example.com/" +
                                                 unique("in"), "events": ["*"]})
        assert response.status == 201, response
        return response.json["id"]

    def with_cart(self, role):
        """The caller with the product in its cart (when it may have a cart)."""
        caller = self.caller(role)
        if role not in ("anonymous", "inactive"):
            assert caller.post("/cart/items", {"product_id": self.product}).status == 200
        return caller


@pytest.fixture
def world(client, admin, operator_store):
    return World(client, admin, operator_store)


def outcome(anonymous, client, other, inactive, admin, **staff):
    """Expected statuses by caller. A staff user without the permission a call needs is treated
    like "other" (an active user who owns nothing here) unless `staff` names its role."""
    cells = dict(zip(ROLES, (anonymous, client, other, inactive, admin)))
    for role in STAFF:
        cells[role] = staff.pop(role, other)
    assert not staff, staff
    return cells


PUBLIC = outcome(200, 200, 200, 200, 200)
SESSION = outcome(401, 200, 200, 403, 200)
ADMIN_ONLY = outcome(401, 403, 403, 403, 200)


def admin_or(role, status=200):
    """Admins, and the staff user holding `role`'s permission."""
    return ADMIN_ONLY | {role: status}


def own_user(world, role, response):
    expected = {"client": "ada", "other": "bob"}.get(role) or (
        world.staff[role][0] if role in STAFF else None)
    if expected:
        assert response.json["username"] == expected


def own_orders(world, role, response):
    owners = {order["user_id"] for order in response.json["items"]}
    if role == "client":
        assert owners == {world.ada_user["id"]}
    elif role == "other":
        assert owners == set()  # bob ordered nothing; ada's orders never show up
    elif role in ("admin", "orders"):
        assert world.ada_user["id"] in owners  # order managers see every order
    elif role in STAFF:
        assert owners == set()


def own_cart(world, role, response):
    # Carts are per user: bob's and the admin's are empty though ada's is not.
    if role not in ("client", "anonymous", "inactive"):
        assert response.json["items"] == []


class RawBody:
    """A body sent as it is (an image), with its Content-Type, rather than as JSON."""

    def __init__(self, data, content_type):
        self.data = data
        self.content_type = content_type


def request_arguments(body):
    if isinstance(body, RawBody):
        return {"raw": body.data, "headers": {"Content-Type": body.content_type}}
    return {"body": body}


def same_for_everybody(world, response):
    # Whoever asks, the counts are those of the public listing: the hidden product is left out.
    listed = world.anonymous.get("/products?limit=100").json["items"]
    assert response.json["total"] == len(listed) >= 1


# (name, request maker (world, role) -> (caller, method, path, body), expected, check)
MATRIX = [
    ("GET /health", lambda w, r: (w.caller(r), "GET", "/health", None), PUBLIC, None),
    ("GET /openapi.json", lambda w, r: (w.caller(r), "GET", "/openapi.json", None), PUBLIC,
     None),
    # Accounts
    ("POST /auth/register", lambda w, r: (w.caller(r), "POST", "/auth/register", {
        "username": unique("new"), "email": unique("new") + "@example.com",
        "password": USER_PASSWORD}), outcome(201, 201, 201, 201, 201), None),
    ("POST /auth/login (own credentials)", lambda w, r: (w.anonymous, "POST", "/auth/login", {
        "username": {"anonymous": "nobody", "client": "ada", "other": "bob", "inactive": "cat",
                     "admin": "root_admin"}.get(r) or w.staff[r][0],
        "password": "admin-password-123" if r == "admin" else USER_PASSWORD}),
     outcome(401, 200, 200, 403, 200), None),
    ("POST /auth/logout", lambda w, r: (w.caller(r, fresh=True), "POST", "/auth/logout", None),
     outcome(401, 204, 204, 403, 204), None),
    # Tokens: refresh, password reset and verification take no session; the token decides.
    ("POST /auth/refresh (own refresh token)", lambda w, r: (
        w.anonymous, "POST", "/auth/refresh", {"refresh_token": w.refresh_token(r)}),
     outcome(401, 200, 200, 403, 200), None),
    ("POST /auth/password-reset", lambda w, r: (w.caller(r), "POST", "/auth/password-reset", {
        "email": ({"anonymous": "nobody", "client": "ada", "other": "bob", "inactive": "cat",
                   "admin": "root"}.get(r) or w.staff[r][0]) + "@example.com"}),
     outcome(202, 202, 202, 202, 202), None),
    ("POST /auth/password-reset/confirm (unknown token)", lambda w, r: (
        w.caller(r), "POST", "/auth/password-reset/confirm",
        {"token": "t" * 43, "password": "another-password"}), outcome(400, 400, 400, 400, 400),
     None),
    ("POST /users/me/email-verification", lambda w, r: (
        w.caller(r), "POST", "/users/me/email-verification", None),
     outcome(401, 202, 202, 403, 202), None),
    ("POST /auth/verify-email (unknown token)", lambda w, r: (
        w.caller(r), "POST", "/auth/verify-email", {"token": "t" * 43}),
     outcome(400, 400, 400, 400, 400), None),
    ("GET /users/me", lambda w, r: (w.caller(r), "GET", "/users/me", None), SESSION, own_user),
    ("PATCH /users/me", lambda w, r: (w.caller(r), "PATCH", "/users/me", {"name": "New name"}),
     SESSION, own_user),
    ("DELETE /users/me", lambda w, r: (w.caller(r, fresh=True), "DELETE", "/users/me", None),
     outcome(401, 204, 204, 403, 204), None),
    ("GET /users", lambda w, r: (w.caller(r), "GET", "/users", None), admin_or("users"), None),
    ("POST /users/{client}/deactivate", lambda w, r: (
        w.caller(r), "POST", "/users/%s/deactivate" % register(w.anonymous, unique("u"))["id"],
        None), admin_or("users"), None),
    ("POST /users/{admin}/deactivate", lambda w, r: (
        w.caller(r), "POST", "/users/%s/deactivate" % w.admin_id, None),
     outcome(401, 403, 403, 403, 403), None),
    ("POST /users/{staff}/deactivate", lambda w, r: (
        w.caller(r), "POST", "/users/%s/deactivate" % w.admin.get(
            "/users?username=" + w.new_staff("auditor")[0]).json["items"][0]["id"], None),
     ADMIN_ONLY, None),
    ("POST /users/{client}/activate", lambda w, r: (
        w.caller(r), "POST", "/users/%s/activate" % w.cat_user["id"], None), admin_or("users"),
     None),
    ("PUT /users/{client}/role", lambda w, r: (
        w.caller(r), "PUT", "/users/%s/role" % register(w.anonymous, unique("u"))["id"],
        {"role": "staff", "permissions": ["view_audit"]}), ADMIN_ONLY, None),
    ("PUT /users/{admin}/role (the admin's own)", lambda w, r: (
        w.caller(r), "PUT", "/users/%s/role" % w.admin_id, {"role": "client"}),
     outcome(401, 403, 403, 403, 403), None),
    ("GET /audit", lambda w, r: (w.caller(r), "GET", "/audit", None), admin_or("auditor"), None),
    ("GET /events", lambda w, r: (w.caller(r), "GET", "/events", None), ADMIN_ONLY, None),
    # Categories
    ("GET /categories", lambda w, r: (w.caller(r), "GET", "/categories", None), PUBLIC, None),
    ("GET /categories/{id}", lambda w, r: (w.caller(r), "GET", "/categories/" + w.category,
                                           None), PUBLIC, None),
    ("POST /categories", lambda w, r: (w.caller(r), "POST", "/categories",
                                       {"name": unique("Cat")}),
     outcome(401, 403, 403, 403, 201, catalog=201), None),
    ("PATCH /categories/{id}", lambda w, r: (w.caller(r), "PATCH", "/categories/" + w.category,
                                             {"description": "changed"}), admin_or("catalog"),
     None),
    ("DELETE /categories/{id}", lambda w, r: (
        w.caller(r), "DELETE", "/categories/" + w.admin.post(
            "/categories", {"name": unique("Empty")}).json["id"], None),
     outcome(401, 403, 403, 403, 204, catalog=204), None),
    # Products
    ("GET /products", lambda w, r: (w.caller(r), "GET", "/products", None), SESSION | {
        "anonymous": 200}, None),
    ("GET /products?include_hidden=true", lambda w, r: (
        w.caller(r), "GET", "/products?include_hidden=true", None), admin_or("catalog"), None),
    # Facets are public and the same for everybody: a token is not even read.
    ("GET /products/facets", lambda w, r: (w.caller(r), "GET", "/products/facets", None), PUBLIC,
     lambda w, r, response: same_for_everybody(w, response)),
    ("GET /products/facets?include_hidden=true", lambda w, r: (
        w.caller(r), "GET", "/products/facets?include_hidden=true", None),
     outcome(400, 400, 400, 400, 400), None),
    ("GET /products/{visible}", lambda w, r: (w.caller(r), "GET", "/products/" + w.product,
                                              None), SESSION | {"anonymous": 200}, None),
    ("GET /products/{hidden}", lambda w, r: (w.caller(r), "GET", "/products/" + w.hidden, None),
     outcome(404, 404, 404, 403, 200, catalog=200), None),
    ("POST /products", lambda w, r: (w.caller(r), "POST", "/products",
                                     {"name": unique("P"), "price": 1, "stock": 1}),
     outcome(401, 403, 403, 403, 201, catalog=201), None),
    ("PATCH /products/{id}", lambda w, r: (w.caller(r), "PATCH", "/products/" + w.product,
                                           {"description": "changed"}), admin_or("catalog"),
     None),
    ("DELETE /products/{id}", lambda w, r: (w.caller(r), "DELETE",
                                            "/products/" + w.new_product(), None),
     outcome(401, 403, 403, 403, 204, catalog=204), None),
    ("POST /products/{id}/variants", lambda w, r: (
        w.caller(r), "POST", "/products/%s/variants" % w.new_shirt()[0],
        {"options": {"size": "L"}, "stock": 1}), outcome(401, 403, 403, 403, 201, catalog=201),
     None),
    ("PATCH /products/{id}/variants/{id}", lambda w, r: (
        w.caller(r), "PATCH", "/products/%s/variants/%s" % w.new_shirt(), {"stock": 7}),
     admin_or("catalog"), None),
    ("DELETE /products/{id}/variants/{id}", lambda w, r: (
        w.caller(r), "DELETE", "/products/%s/variants/%s" % w.new_shirt(), None),
     outcome(401, 403, 403, 403, 204, catalog=204), None),
    # Product images
    ("POST /products/{id}/images", lambda w, r: (
        w.caller(r), "POST", "/products/%s/images" % w.product, RawBody(PNG, "image/png")),
     outcome(401, 403, 403, 403, 201, catalog=201), None),
    ("DELETE /products/{id}/images/{image_id}", lambda w, r: (
        w.caller(r), "DELETE", "/products/%s/images/%s" % w.new_image(), None),
     outcome(401, 403, 403, 403, 204, catalog=204), None),
    ("GET /images/{id}", lambda w, r: (w.caller(r), "GET", "/images/" + w.new_image()[1], None),
     PUBLIC, None),
    # Cart
    ("GET /cart", lambda w, r: (w.caller(r), "GET", "/cart", None), SESSION, own_cart),
    ("POST /cart/items", lambda w, r: (w.caller(r), "POST", "/cart/items",
                                       {"product_id": w.product}), SESSION, None),
    ("PUT /cart/items/{id}", lambda w, r: (w.caller(r), "PUT", "/cart/items/" + w.product,
                                           {"quantity": 3}), SESSION, None),
    ("DELETE /cart/items/{id}", lambda w, r: (w.with_cart(r), "DELETE",
                                              "/cart/items/" + w.product, None), SESSION, None),
    ("DELETE /cart", lambda w, r: (w.with_cart(r), "DELETE", "/cart", None), SESSION, None),
    ("POST /cart/prune", lambda w, r: (w.with_cart(r), "POST", "/cart/prune", None), SESSION,
     None),
    # Guest carts (a guest caller on every row: test_a_guest_reaches_only_the_cart_routes)
    ("POST /carts", lambda w, r: (w.caller(r), "POST", "/carts", None),
     outcome(201, 201, 201, 201, 201), None),
    ("POST /cart/merge", lambda w, r: (w.caller(r), "POST", "/cart/merge",
                                       {"cart_token": w.new_guest_token()}), SESSION, None),
    ("PUT /cart/voucher", lambda w, r: (w.with_cart(r), "PUT", "/cart/voucher",
                                        {"code": w.new_voucher()[1]}), SESSION, None),
    ("DELETE /cart/voucher", lambda w, r: (w.with_cart(r), "DELETE", "/cart/voucher", None),
     SESSION, None),
    # Vouchers
    ("GET /vouchers", lambda w, r: (w.caller(r), "GET", "/vouchers", None), admin_or("catalog"),
     None),
    ("POST /vouchers", lambda w, r: (w.caller(r), "POST", "/vouchers", {
        "code": unique("NEW"), "kind": "fixed", "value": 1}),
     outcome(401, 403, 403, 403, 201, catalog=201), None),
    ("GET /vouchers/{id}", lambda w, r: (w.caller(r), "GET", "/vouchers/" + w.new_voucher()[0],
                                         None), admin_or("catalog"), None),
    ("PATCH /vouchers/{id}", lambda w, r: (w.caller(r), "PATCH",
                                           "/vouchers/" + w.new_voucher()[0], {"value": 20}),
     admin_or("catalog"), None),
    ("DELETE /vouchers/{id}", lambda w, r: (w.caller(r), "DELETE",
                                            "/vouchers/" + w.new_voucher()[0], None),
     outcome(401, 403, 403, 403, 204, catalog=204), None),
    # Webhooks (admins only: staff of every permission 403)
    ("GET /webhooks", lambda w, r: (w.caller(r), "GET", "/webhooks", None),
     outcome(401, 403, 403, 403, 200), None),
    ("POST /webhooks", lambda w, r: (w.caller(r), "POST", "/webhooks", {
        "url": "https://hooks.example.com/new", "events": ["order.placed"]}),
     outcome(401, 403, 403, 403, 201), None),
    ("GET /webhooks/{id}", lambda w, r: (w.caller(r), "GET", "/webhooks/" + w.new_webhook(),
                                         None), outcome(401, 403, 403, 403, 200), None),
    ("PATCH /webhooks/{id}", lambda w, r: (w.caller(r), "PATCH", "/webhooks/" + w.new_webhook(),
                                           {"active": False}),
     outcome(401, 403, 403, 403, 200), None),
    ("DELETE /webhooks/{id}", lambda w, r: (w.caller(r), "DELETE",
                                            "/webhooks/" + w.new_webhook(), None),
     outcome(401, 403, 403, 403, 204), None),
    ("GET /webhooks/{id}/deliveries", lambda w, r: (
        w.caller(r), "GET", "/webhooks/%s/deliveries" % w.new_webhook(), None),
     outcome(401, 403, 403, 403, 200), None),
    # Orders
    ("POST /orders", lambda w, r: (w.with_cart(r), "POST", "/orders", None),
     outcome(401, 201, 201, 403, 201), None),
    ("GET /orders", lambda w, r: (w.caller(r), "GET", "/orders", None), SESSION, own_orders),
    ("GET /orders?user_id={client}", lambda w, r: (
        w.caller(r), "GET", "/orders?user_id=" + w.ada_user["id"], None), admin_or("orders"),
     None),
    ("GET /orders/{id}", lambda w, r: (w.caller(r), "GET", "/orders/" + w.order, None),
     outcome(401, 200, 404, 403, 200, orders=200), None),
    ("GET /orders/{id}/status", lambda w, r: (w.caller(r), "GET",
                                              "/orders/%s/status" % w.order, None),
     outcome(401, 200, 404, 403, 200, orders=200), None),
    ("GET /orders/{id}/events", lambda w, r: (w.caller(r), "GET",
                                              "/orders/%s/events" % w.order, None),
     outcome(401, 200, 404, 403, 200, orders=200), None),
    ("PATCH /orders/{id}/status", lambda w, r: (w.caller(r), "PATCH",
                                                "/orders/%s/status" % w.new_order(),
                                                {"status": "paid"}), admin_or("orders"), None),
    ("PATCH /orders/{id}/status (payment_reference)", lambda w, r: (
        w.caller(r), "PATCH", "/orders/%s/status" % w.new_order(),
        {"status": "paid", "payment_reference": "pi_matrix"}), admin_or("orders"), None),
    ("POST /orders/{id}/cancel", lambda w, r: (w.caller(r), "POST",
                                               "/orders/%s/cancel" % w.new_order(), None),
     outcome(401, 200, 404, 403, 200, orders=200), None),
]

ERROR_CODES = {401: "unauthenticated", 403: "forbidden", 404: "not_found"}


@pytest.mark.parametrize("name, make, expected, check", MATRIX, ids=[row[0] for row in MATRIX])
def test_authorization_matrix(world, name, make, expected, check):
    assert set(expected) == set(ROLES)
    failures = []
    for role in ROLES:
        caller, method, path, body = make(world, role)
        response = caller.request(method, path, **request_arguments(body))
        if response.status != expected[role]:
            failures.append("%s as %s: %d, expected %d: %r" % (
                name, role, response.status, expected[role], response.body[:200]))
            continue
        if response.status in ERROR_CODES:
            assert response.json["error"]["code"] == ERROR_CODES[response.status], response
        elif check is not None:
            check(world, role, response)
    assert not failures, "\n".join(failures)


class GuestCaller:
    """A guest: every request carries X-Cart-Token (and no bearer token)."""

    def __init__(self, client, token):
        self.client = client
        self.token = token

    def request(self, method, path, body=None, raw=None, headers=None):
        return self.client.request(method, path, body=body, raw=raw,
                                   headers=dict(headers or {}, **{"X-Cart-Token": self.token}))


# The rows a guest may use: the cart routes (its own cart, which holds the product).
GUEST_CART_ROWS = {"GET /cart", "POST /cart/items", "PUT /cart/items/{id}",
                   "DELETE /cart/items/{id}", "DELETE /cart", "POST /cart/prune",
                   "PUT /cart/voucher", "DELETE /cart/voucher"}


def test_a_guest_reaches_only_the_cart_routes(world):
    """The guest column of the matrix: the anonymous caller's request with a cart token, which
    is the anonymous outcome everywhere but on the cart routes (200)."""
    failures = []
    guest = GuestCaller(world.anonymous, world.new_guest_token())
    for name, make, expected, _ in MATRIX:
        _, method, path, body = make(world, "anonymous")
        response = guest.request(method, path, **request_arguments(body))
        wanted = 200 if name in GUEST_CART_ROWS else expected["anonymous"]
        if response.status != wanted:
            failures.append("%s as a guest: %d, expected %d: %r" % (
                name, response.status, wanted, response.body[:200]))
    assert not failures, "\n".join(failures)


def test_another_clients_order_is_indistinguishable_from_a_missing_one(world):
    """Object-level: bob learns nothing about ada's order, not even that it exists."""
    missing = "f" * 24
    for path in ["/orders/%s", "/orders/%s/status", "/orders/%s/events"]:
        theirs = world.bob.get(path % world.order)
        nothing = world.bob.get(path % missing)
        assert theirs.status == nothing.status == 404
        assert theirs.json == nothing.json
    theirs = world.bob.post("/orders/%s/cancel" % world.order)
    nothing = world.bob.post("/orders/%s/cancel" % missing)
    assert theirs.status == nothing.status == 404 and theirs.json == nothing.json
    assert world.ada.get("/orders/%s/status" % world.order).json == {"status": "placed"}
