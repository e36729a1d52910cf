"""The shop a Flask tutorial has you write by hand with PyMongo: libstore's benchmark baseline.

Straightforward PyMongo calls, the way a competent developer following a tutorial would write
them, doing the same work as libstore for the operations the benchmark measures (API.md):

- register: validate, hash the password, insert (uniqueness by unique indexes) -> 1 round trip.
- login: find the user, read the account's recent failed logins (lockout after 5 in 15 minutes),
  verify the password, sign an HS256 JWT -> 2 round trips.
- every authenticated call: verify the JWT (HMAC-SHA256, expiry), then load the user (still
  there, active, token version) and look the token up in the revocation list -> 2 round trips
  (what flask-jwt-extended's user loader + token blocklist callback do).
- view product -> 1; list products (one page, sorted by name, keyset cursor) -> 1.
- add to cart: read the product, read the cart, write the cart (optimistic version check), read
  the products of every line to render prices -> 4 (+2 for the token).
- view cart: read the cart, read its products -> 2 (+2).
- place an order of N lines: take the cart atomically (find_one_and_update), one conditional
  stock decrement per line (find_one_and_update with {stock: {$gte: quantity}}, which also
  returns name and price for the snapshot; a short line puts back what was taken and restores the
  cart), insert the order -> N + 2 (+2).
  Unlike libstore this is not crash-safe: a process dying between a decrement and the insert
  loses that stock for good (libstore records the order as pending first and marks every stock
  change so store_recover() can undo it: two more round trips).
- cancel: read the order (owner check), move it to cancelled conditionally, put the stock of
  every line back -> N + 2 (+2); not crash-safe either.

Passwords: scrypt from the standard library (no bcrypt/argon2 package here). "interactive":
N=2**16, r=8, p=1 (64 MiB, like libsodium's Argon2id INTERACTIVE limits, the libstore default);
"minimum": N=2**4, r=1, p=1 (2 KiB; like libstore's "minimum", for tests and for measuring
everything but the hash). Tokens: HS256 JWT signed with hmac/hashlib (PyJWT is not available).

Money is kept as integer cents, timestamps as BSON dates rendered RFC 3339, exactly like libstore,
so both produce the same JSON. `create_app(shop)` puts the benchmarked operations behind Flask
routes; the benchmark calls the shop's methods directly, as it calls libstore's Store/Session
methods directly: the HTTP layer is left out on both sides.
"""

import base64
import datetime
import hashlib
import hmac
import json
import os
import re
import time

import pymongo
from bson import ObjectId
from bson.errors import InvalidId
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

PASSWORD_COSTS = {
    "interactive": {"n": 2 ** 16, "r": 8, "p": 1},
    "minimum": {"n": 2 ** 4, "r": 1, "p": 1},
}
TOKEN_LIFETIME = 900
MAX_FAILED_LOGINS = 5
LOCKOUT_WINDOW = datetime.timedelta(minutes=15)
MAX_LINE_QUANTITY = 1000
SAVE_ATTEMPTS = 8

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{3,32}$")
LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_RE = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                      r"@(" + LABEL + r"\.)+" + LABEL + "$")


class ShopError(Exception):
    """An API.md error: HTTP status, code, message and the offending field."""

    def __init__(self, status, code, message, field=None):
        Exception.__init__(self, message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field


def invalid(field, message):
    return ShopError(400, "invalid_argument", message, field)


def unauthenticated(message="invalid access token"):
    return ShopError(401, "unauthenticated", message)


def not_found(message):
    return ShopError(404, "not_found", message)


def conflict(field, message):
    return ShopError(409, "conflict", message, field)


class Caller(object):
    __slots__ = ("user_id", "role", "token_id", "expires_at")

    def __init__(self, user_id, role, token_id, expires_at):
        self.user_id = user_id
        self.role = role
        self.token_id = token_id
        self.expires_at = expires_at


# -- helpers ------------------------------------------------------------------------------------

def utc_now():
    """Now as a naive UTC datetime at millisecond precision (what BSON stores)."""
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def rfc3339(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def money(cents):
    return cents / 100.0


def object_id(text, what):
    if not isinstance(text, str):
        raise not_found(what + " not found")
    try:
        return ObjectId(text)
    except (InvalidId, TypeError):
        raise not_found(what + " not found")


def only_fields(body, allowed):
    if not isinstance(body, dict):
        raise invalid(None, "the body must be a JSON object")
    for key in body:
        if key not in allowed:
            raise invalid(key, "unknown field '%s'" % key)


def text_field(body, key, low, high, required=True):
    value = body.get(key)
    if value is None:
        if required:
            raise invalid(key, key + " is required")
        return None
    if not isinstance(value, str):
        raise invalid(key, key + " must be a string")
    if not low <= len(value) <= high:
        raise invalid(key, "%s must be %d to %d characters" % (key, low, high))
    return value


def integer_field(body, key, low, high, default):
    value = body.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(key, key + " must be an integer")
    if not low <= value <= high:
        raise invalid(key, "%s must be between %d and %d" % (key, low, high))
    return value


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password, cost):
    params = PASSWORD_COSTS[cost]
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32,
                            maxmem=256 * params["r"] * params["n"] + (1 << 20), **params)
    return "scrypt$%d$%d$%d$%s$%s" % (params["n"], params["r"], params["p"], b64url(salt),
                                      b64url(digest))


def verify_password(stored, password):
    try:
        _, n, r, p, salt, digest = stored.split("$")
        n, r, p = int(n), int(r), int(p)
        expected = b64url_decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=b64url_decode(salt), n=n, r=r,
                                p=p, dklen=len(expected), maxmem=256 * r * n + (1 << 20))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored, cost):
    params = PASSWORD_COSTS[cost]
    return not stored.startswith("scrypt$%d$%d$%d$" % (params["n"], params["r"], params["p"]))


def user_json(user):
    return {
        "id": str(user["_id"]), "username": user["username"], "email": user["email"],
        "name": user.get("name"), "phone": user.get("phone"), "address": user.get("address"),
        "role": user["role"], "is_active": user["is_active"],
        "created_at": rfc3339(user["created_at"]),
    }


def product_json(product):
    return {
        "id": str(product["_id"]), "name": product["name"],
        "description": product.get("description"), "price": money(product["price_cents"]),
        "stock": product["stock"], "in_stock": product["in_stock"],
        "category_id": str(product["category_id"]) if product.get("category_id") else None,
        "image_url": product.get("image_url"), "sizes": product.get("sizes") or [],
        "attributes": product.get("attributes") or {},
        "created_at": rfc3339(product["created_at"]),
        "updated_at": rfc3339(product["updated_at"]),
    }


def order_json(order):
    return {
        "id": str(order["_id"]), "user_id": str(order["user_id"]),
        "items": [{"product_id": str(item["product_id"]), "name": item["name"],
                   "unit_price": money(item["unit_price_cents"]), "quantity": item["quantity"],
                   "line_total": money(item["unit_price_cents"] * item["quantity"])}
                  for item in order["items"]],
        "total_price": money(order["total_cents"]), "status": order["status"],
        "created_at": rfc3339(order["created_at"]), "updated_at": rfc3339(order["updated_at"]),
    }


def visible(product):
    return product["in_stock"] and product["stock"] > 0


# -- the shop -----------------------------------------------------------------------------------

class PyMongoShop(object):
    def __init__(self, uri, database, secret, password_cost="interactive",
                 server_selection_timeout_ms=5000, event_listeners=None):
        if len(secret) < 32:
            raise ValueError("the token secret must be at least 32 bytes")
        self.client = pymongo.MongoClient(
            uri, serverSelectionTimeoutMS=server_selection_timeout_ms,
            event_listeners=event_listeners or [])
        self.db = self.client[database]
        self.secret = secret.encode("utf-8")
        self.password_cost = password_cost
        self._dummy_hash = hash_password("dummy password for timing", password_cost)

    def close(self):
        self.client.close()

    def create_indexes(self):
        db = self.db
        db.users.create_index("username_lower", unique=True)
        db.users.create_index("email_lower", unique=True)
        db.products.create_index([("name_lower", 1), ("_id", 1)])
        db.orders.create_index([("user_id", 1), ("created_at", -1)])
        db.login_failures.create_index([("account", 1), ("at", -1)])
        db.login_failures.create_index("expires_at", expireAfterSeconds=0)
        db.revoked_tokens.create_index("expires_at", expireAfterSeconds=0)

    # -- accounts -------------------------------------------------------------------------------

    def register(self, body, role="client"):
        only_fields(body, {"username", "email", "password", "name", "phone", "address"})
        username = text_field(body, "username", 3, 32)
        if not USERNAME_RE.match(username):
            raise invalid("username", "username may contain only letters, digits, '_', '.' "
                                      "and '-'")
        email = text_field(body, "email", 3, 254)
        if not EMAIL_RE.match(email):
            raise invalid("email", "email must be a valid address")
        password = text_field(body, "password", 8, 128)
        user = {
            "username": username, "username_lower": username.lower(),
            "email": email, "email_lower": email.lower(),
            "name": text_field(body, "name", 1, 100, required=False),
            "phone": text_field(body, "phone", 3, 32, required=False),
            "address": text_field(body, "address", 1, 500, required=False),
            "role": role, "is_active": True, "created_at": utc_now(),
            "password_hash": hash_password(password, self.password_cost), "token_version": 0,
        }
        try:
            user["_id"] = self.db.users.insert_one(user).inserted_id
        except DuplicateKeyError as error:
            field = "email" if "email_lower" in str(error) else "username"
            raise conflict(field, field + " is already taken")
        return user_json(user)

    def create_admin(self, body):
        return self.register(body, role="admin")

    def login(self, body):
        only_fields(body, {"username", "email", "password"})
        if ("username" in body) == ("email" in body):
            raise invalid("username", "give a username or an email")
        by_email = "email" in body
        login = text_field(body, "email" if by_email else "username", 1, 254)
        password = text_field(body, "password", 1, 1024)
        user = self.db.users.find_one({("email_lower" if by_email else "username_lower"):
                                       login.lower()})
        if user is not None:
            account = "user:%s" % user["_id"]
        else:
            account = ("email:" if by_email else "username:") + login.lower()
        now = utc_now()
        failures = list(self.db.login_failures.find(
            {"account": account, "at": {"$gte": now - LOCKOUT_WINDOW}},
            sort=[("at", -1)], limit=MAX_FAILED_LOGINS))
        if len(failures) >= MAX_FAILED_LOGINS:
            retry = failures[-1]["at"] + LOCKOUT_WINDOW - now
            error = ShopError(429, "rate_limited", "too many failed logins")
            error.retry_after = max(1, int(retry.total_seconds() + 0.999))
            raise error
        if user is None:
            verify_password(self._dummy_hash, password)
            ok = False
        else:
            ok = verify_password(user["password_hash"], password)
        if not ok:
            self.db.login_failures.insert_one(
                {"account": account, "at": now, "expires_at": now + LOCKOUT_WINDOW})
            raise unauthenticated("invalid username, email or password")
        if not user["is_active"]:
            raise ShopError(403, "forbidden", "this account is deactivated")
        if needs_rehash(user["password_hash"], self.password_cost):
            self.db.users.update_one({"_id": user["_id"]}, {"$set": {
                "password_hash": hash_password(password, self.password_cost)}})
        if failures:
            self.db.login_failures.delete_many({"account": account})
        issued = int(time.time())
        claims = {"sub": str(user["_id"]), "role": user["role"], "iat": issued,
                  "exp": issued + TOKEN_LIFETIME, "jti": os.urandom(16).hex(),
                  "ver": user.get("token_version", 0)}
        return {"access_token": self._sign(claims), "token_type": "Bearer",
                "expires_in": TOKEN_LIFETIME}

    def _sign(self, claims):
        header = b64url(b'{"alg":"HS256","typ":"JWT"}')
        payload = b64url(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
        signing_input = header + "." + payload
        signature = hmac.new(self.secret, signing_input.encode("ascii"), hashlib.sha256).digest()
        return signing_input + "." + b64url(signature)

    def authenticate(self, token):
        """The caller of a request from its bearer token: what every authenticated route runs."""
        parts = token.split(".") if isinstance(token, str) and len(token) <= 4096 else []
        if len(parts) != 3:
            raise unauthenticated()
        try:
            signature = b64url_decode(parts[2])
            expected = hmac.new(self.secret, (parts[0] + "." + parts[1]).encode("ascii"),
                                hashlib.sha256).digest()
            if not hmac.compare_digest(signature, expected):
                raise unauthenticated()
            header = json.loads(b64url_decode(parts[0]))
            claims = json.loads(b64url_decode(parts[1]))
        except (ValueError, UnicodeError):
            raise unauthenticated()
        if not isinstance(header, dict) or header.get("alg") != "HS256" or \
                not isinstance(claims, dict):
            raise unauthenticated()
        if not isinstance(claims.get("exp"), int) or claims["exp"] <= time.time():
            raise unauthenticated("access token expired")
        try:
            user_id = ObjectId(claims.get("sub"))
        except (InvalidId, TypeError):
            raise unauthenticated()
        user = self.db.users.find_one({"_id": user_id})
        if user is None:
            raise unauthenticated("this account no longer exists")
        if self.db.revoked_tokens.find_one({"_id": claims.get("jti")}) is not None:
            raise unauthenticated("access token was revoked (logged out)")
        if not user["is_active"]:
            raise ShopError(403, "forbidden", "this account is deactivated")
        if user.get("token_version", 0) != claims.get("ver"):
            raise unauthenticated("access token is no longer valid; log in again")
        return Caller(user["_id"], user["role"], claims.get("jti"), claims["exp"])

    # -- catalog --------------------------------------------------------------------------------

    def create_product(self, caller, body):
        """Admin: a product (the benchmark seeds with it; it is not measured)."""
        if caller.role != "admin":
            raise ShopError(403, "forbidden", "this operation requires the admin role")
        only_fields(body, {"name", "price", "stock", "description", "sizes", "attributes",
                           "in_stock"})
        name = text_field(body, "name", 1, 200)
        price = body.get("price")
        if isinstance(price, bool) or not isinstance(price, (int, float)) or price <= 0:
            raise invalid("price", "price must be a positive number")
        stock = integer_field(body, "stock", 0, 2 ** 62, None)
        now = utc_now()
        product = {
            "name": name, "name_lower": name.lower(),
            "description": text_field(body, "description", 0, 5000, required=False),
            "price_cents": int(round(price * 100)), "stock": stock,
            "in_stock": bool(body.get("in_stock", True)), "category_id": None,
            "image_url": None, "sizes": list(body.get("sizes") or []),
            "attributes": dict(body.get("attributes") or {}),
            "created_at": now, "updated_at": now,
        }
        product["_id"] = self.db.products.insert_one(product).inserted_id
        return product_json(product)

    def get_product(self, product_id):
        product = self.db.products.find_one({"_id": object_id(product_id, "product")})
        if product is None or not visible(product):
            raise not_found("product not found")
        return product_json(product)

    def list_products(self, query=None):
        query = dict(query or {})
        only_fields(query, {"limit", "cursor"})
        limit = query.get("limit", 20)
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            raise invalid("limit", "limit must be an integer")
        if not 1 <= limit <= 100:
            raise invalid("limit", "limit must be between 1 and 100")
        conditions = [{"in_stock": True}, {"stock": {"$gt": 0}}]
        if query.get("cursor"):
            try:
                name_key, last_id = json.loads(b64url_decode(query["cursor"]))
                last_id = ObjectId(last_id)
            except (ValueError, TypeError, InvalidId):
                raise invalid("cursor", "cursor is malformed or expired")
            conditions.append({"$or": [{"name_lower": {"$gt": name_key}},
                                       {"name_lower": name_key, "_id": {"$gt": last_id}}]})
        found = list(self.db.products.find({"$and": conditions},
                                           sort=[("name_lower", 1), ("_id", 1)],
                                           limit=limit + 1))
        next_cursor = None
        if len(found) > limit:
            found = found[:limit]
            last = found[-1]
            next_cursor = b64url(json.dumps([last["name_lower"], str(last["_id"])]).encode())
        return {"items": [product_json(p) for p in found], "next_cursor": next_cursor}

    # -- cart -----------------------------------------------------------------------------------

    def _cart_json(self, items):
        products = {}
        if items:
            ids = [item["product_id"] for item in items]
            products = {p["_id"]: p for p in self.db.products.find({"_id": {"$in": ids}})}
        lines = []
        count = 0
        total = 0
        for item in items:
            product = products.get(item["product_id"])
            if product is None:
                continue  # deleted since it was added; checkout will name it
            line_total = product["price_cents"] * item["quantity"]
            lines.append({"product_id": str(product["_id"]), "name": product["name"],
                          "unit_price": money(product["price_cents"]),
                          "quantity": item["quantity"], "line_total": money(line_total)})
            count += item["quantity"]
            total += line_total
        return {"items": lines, "count": count, "total_price": money(total)}

    def cart(self, caller):
        cart = self.db.carts.find_one({"_id": caller.user_id})
        return self._cart_json(cart["items"] if cart else [])

    def add_to_cart(self, caller, body):
        only_fields(body, {"product_id", "quantity"})
        product_id = body.get("product_id")
        if product_id is None:
            raise invalid("product_id", "product_id is required")
        if not isinstance(product_id, str):
            raise invalid("product_id", "product_id must be a string")
        quantity = integer_field(body, "quantity", 1, MAX_LINE_QUANTITY, 1)
        product_oid = object_id(product_id, "product")
        for _ in range(SAVE_ATTEMPTS):
            product = self.db.products.find_one({"_id": product_oid})
            if product is None or not visible(product):
                raise not_found("product not found")
            cart = self.db.carts.find_one({"_id": caller.user_id})
            version = cart["version"] if cart else 0
            items = cart["items"] if cart else []
            line = next((item for item in items if item["product_id"] == product_oid), None)
            total = quantity + (line["quantity"] if line else 0)
            if total > MAX_LINE_QUANTITY:
                raise conflict("quantity", "a cart line holds at most %d items"
                               % MAX_LINE_QUANTITY)
            if total > product["stock"]:
                raise conflict("quantity", "only %d of '%s' in stock"
                               % (product["stock"], product["name"]))
            if line:
                line["quantity"] = total
            else:
                items.append({"product_id": product_oid, "quantity": total})
            if version == 0:
                try:
                    self.db.carts.insert_one({"_id": caller.user_id, "items": items,
                                              "version": 1})
                except DuplicateKeyError:
                    continue  # created concurrently: read again
            else:
                saved = self.db.carts.update_one({"_id": caller.user_id, "version": version},
                                                 {"$set": {"items": items},
                                                  "$inc": {"version": 1}})
                if saved.matched_count == 0:
                    continue  # changed concurrently: read again
            return self._cart_json(items)
        raise conflict(None, "the cart is being changed concurrently; try again")

    # -- orders ---------------------------------------------------------------------------------

    def place_order(self, caller):
        cart = self.db.carts.find_one_and_update(
            {"_id": caller.user_id}, {"$set": {"items": []}, "$inc": {"version": 1}},
            return_document=ReturnDocument.BEFORE)
        lines = cart["items"] if cart else []
        if not lines:
            raise invalid(None, "the cart is empty")
        items = []
        total = 0
        for line in lines:
            product = self.db.products.find_one_and_update(
                {"_id": line["product_id"], "in_stock": True,
                 "stock": {"$gte": line["quantity"]}},
                {"$inc": {"stock": -line["quantity"]}}, return_document=ReturnDocument.AFTER)
            if product is None:
                for taken in items:  # all or nothing: put back what was taken
                    self.db.products.update_one({"_id": taken["product_id"]},
                                                {"$inc": {"stock": taken["quantity"]}})
                self.db.carts.update_one({"_id": caller.user_id},
                                         {"$push": {"items": {"$each": lines}},
                                          "$inc": {"version": 1}}, upsert=True)
                raise conflict("product_id", "not enough stock of product %s for %d item(s); "
                               "nothing was ordered" % (line["product_id"], line["quantity"]))
            items.append({"product_id": product["_id"], "name": product["name"],
                          "unit_price_cents": product["price_cents"],
                          "quantity": line["quantity"]})
            total += product["price_cents"] * line["quantity"]
        now = utc_now()
        order = {"user_id": caller.user_id, "items": items, "total_cents": total,
                 "status": "placed", "created_at": now, "updated_at": now}
        order["_id"] = self.db.orders.insert_one(order).inserted_id
        return order_json(order)

    def cancel_order(self, caller, order_id):
        oid = object_id(order_id, "order")
        order = self.db.orders.find_one({"_id": oid})
        if order is None or (caller.role != "admin" and order["user_id"] != caller.user_id):
            raise not_found("order not found")
        if order["status"] not in ("placed", "paid"):
            raise conflict("status", "an order that is %s cannot be cancelled" % order["status"])
        cancelled = self.db.orders.find_one_and_update(
            {"_id": oid, "status": {"$in": ["placed", "paid"]}},
            {"$set": {"status": "cancelled", "updated_at": utc_now()}},
            return_document=ReturnDocument.AFTER)
        if cancelled is None:
            raise conflict("status", "the order changed status meanwhile; it cannot be cancelled")
        for item in order["items"]:
            self.db.products.update_one({"_id": item["product_id"]},
                                        {"$inc": {"stock": item["quantity"]}})
        return order_json(cancelled)


# -- the Flask host -----------------------------------------------------------------------------

def create_app(shop):
    """The benchmarked operations behind the API.md routes (not used by the benchmark itself)."""
    import flask

    app = flask.Flask(__name__)

    def body():
        data = flask.request.get_json(silent=True)
        if not isinstance(data, dict):
            raise invalid(None, "the body must be a JSON object")
        return data

    def caller():
        scheme, _, token = flask.request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise unauthenticated("authentication required")
        return shop.authenticate(token.strip())

    @app.errorhandler(ShopError)
    def shop_error(error):
        return {"error": {"code": error.code, "message": error.message,
                          "field": error.field}}, error.status

    app.add_url_rule("/auth/register", "register",
                     lambda: (shop.register(body()), 201), methods=["POST"])
    app.add_url_rule("/auth/login", "login", lambda: shop.login(body()), methods=["POST"])
    app.add_url_rule("/products", "products",
                     lambda: shop.list_products(flask.request.args.to_dict()))
    app.add_url_rule("/products/<product_id>", "product", shop.get_product)
    app.add_url_rule("/cart", "cart", lambda: shop.cart(caller()))
    app.add_url_rule("/cart/items", "add_to_cart",
                     lambda: shop.add_to_cart(caller(), body()), methods=["POST"])
    app.add_url_rule("/orders", "place_order",
                     lambda: (shop.place_order(caller()), 201), methods=["POST"])
    app.add_url_rule("/orders/<order_id>/cancel", "cancel_order",
                     lambda order_id: shop.cancel_order(caller(), order_id), methods=["POST"])
    return app
