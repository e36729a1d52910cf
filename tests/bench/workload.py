"""The benchmark's operations, once for each Python implementation.

`LibstorePython` drives libstore's Python package, `PyMongoPython` the hand-written PyMongo shop
(pymongo_shop.py). Both seed the same data as the C driver (c/bench_driver.c): an admin, 120
products (price 12.00 + i cents, stock 1 000 000, an 84-character description, sizes S/M/L, one
attribute) and one buyer per measured operation. Requests are dicts, as a web host passes a parsed
JSON body; an authenticated operation starts from the access token, as an HTTP request does
(libstore: `store.session(token)`; PyMongo: `shop.authenticate(token)`).
"""

import os

PRODUCT_COUNT = 120
PASSWORD = "password-123"
SECRET = "benchmark-secret-0123456789abcdef0123456789"
DESCRIPTION = "A product of the benchmark catalogue, described in about eighty characters of text."


def product_body(i):
    return {"name": "Product %03d" % i, "price": round(12 + i / 100.0, 2), "stock": 1000000,
            "description": DESCRIPTION, "sizes": ["S", "M", "L"],
            "attributes": {"material": "cotton"}}


class Workload(object):
    """What every implementation provides; the operations below are the measured ones."""

    name = None

    def __init__(self, uri, database, password_cost="minimum"):
        self.uri = uri
        self.database = database
        self.password_cost = password_cost
        self.tag = "%d_%s" % (os.getpid(), os.urandom(3).hex())
        self.users = 0
        self.products = []

    def _next_name(self, prefix):
        self.users += 1
        return "%s%s_%d" % (prefix, self.tag, self.users)

    def seed(self):
        admin = self._create_user(self._next_name("admin"), admin=True)
        for i in range(PRODUCT_COUNT):
            self.products.append(self._create_product(admin, product_body(i)))

    def new_buyer(self):
        """(username, access token) of a new client."""
        username = self._next_name("buyer")
        return username, self._create_user(username, admin=False)

    def registration(self):
        username = self._next_name("new")
        return {"username": username, "email": username + "@example.com", "password": PASSWORD}

    # Implementations provide: _create_user(username, admin) -> token,
    # _create_product(admin_token, body) -> id, close(), and the operations:
    # ping(), register(body), login(username), view_product(id), list_products(limit),
    # add_to_cart(token, product_id), view_cart(token), place_order(token) -> order id,
    # cancel_order(token, order_id).


class LibstorePython(Workload):
    name = "libstore (Python)"

    def __init__(self, uri, database, password_cost="minimum"):
        Workload.__init__(self, uri, database, password_cost)
        import libstore
        self.store = libstore.Store(uri, database=database, secret=SECRET,
                                    password_cost=password_cost,
                                    server_selection_timeout_ms=5000)

    def close(self):
        self.store = None

    def _create_user(self, username, admin):
        body = {"username": username, "email": username + "@example.com", "password": PASSWORD}
        if admin:
            self.store.create_admin(body)
        else:
            self.store.register(body)
        return self.login(username)

    def _create_product(self, admin_token, body):
        return self.store.session(admin_token).create_product(body)["id"]

    def ping(self):
        self.store.ping()

    def register(self, body):
        return self.store.register(body)

    def login(self, username):
        return self.store.login({"username": username, "password": PASSWORD})["access_token"]

    def view_product(self, product_id):
        return self.store.get_product(product_id)

    def list_products(self, limit):
        return self.store.list_products({"limit": limit})

    def add_to_cart(self, token, product_id):
        return self.store.session(token).add_to_cart({"product_id": product_id, "quantity": 1})

    def view_cart(self, token):
        return self.store.session(token).cart()

    def place_order(self, token):
        return self.store.session(token).place_order()["id"]

    def cancel_order(self, token, order_id):
        return self.store.session(token).cancel_order(order_id)


class PyMongoPython(Workload):
    name = "Flask+PyMongo (Python)"

    def __init__(self, uri, database, password_cost="minimum", event_listeners=None):
        Workload.__init__(self, uri, database, password_cost)
        from pymongo_shop import PyMongoShop
        self.shop = PyMongoShop(uri, database, SECRET, password_cost=password_cost,
                                event_listeners=event_listeners)
        self.shop.create_indexes()

    def close(self):
        self.shop.close()

    def _create_user(self, username, admin):
        body = {"username": username, "email": username + "@example.com", "password": PASSWORD}
        if admin:
            self.shop.create_admin(body)
        else:
            self.shop.register(body)
        return self.login(username)

    def _create_product(self, admin_token, body):
        return self.shop.create_product(self.shop.authenticate(admin_token), body)["id"]

    def ping(self):
        self.shop.client.admin.command("ping")

    def register(self, body):
        return self.shop.register(body)

    def login(self, username):
        return self.shop.login({"username": username, "password": PASSWORD})["access_token"]

    def view_product(self, product_id):
        return self.shop.get_product(product_id)

    def list_products(self, limit):
        return self.shop.list_products({"limit": limit})

    def add_to_cart(self, token, product_id):
        return self.shop.add_to_cart(self.shop.authenticate(token),
                                     {"product_id": product_id, "quantity": 1})

    def view_cart(self, token):
        return self.shop.cart(self.shop.authenticate(token))

    def place_order(self, token):
        return self.shop.place_order(self.shop.authenticate(token))["id"]

    def cancel_order(self, token, order_id):
        return self.shop.cancel_order(self.shop.authenticate(token), order_id)


IMPLEMENTATIONS = {"libstore": LibstorePython, "pymongo": PyMongoPython}


class Operation(object):
    """One measured operation: the buyer state it starts from, the untimed preparation before
    each timed call, and the timed call. The C driver mirrors these exactly."""

    def __init__(self, key, label, lines=1):
        self.key = key
        self.label = label
        self.lines = lines

    def start(self, work):
        """A context for the timed calls: a buyer in the state this operation starts from."""
        username, token = work.new_buyer()
        context = {"username": username, "token": token, "order": None}
        if self.key == "add_to_cart":
            work.add_to_cart(token, work.products[1])  # the timed calls add to this line
        elif self.key == "view_cart":
            for i in range(3):
                work.add_to_cart(token, work.products[1 + i])
        return context

    def prepare(self, work, context):
        if self.key == "place_order":
            for i in range(self.lines):
                work.add_to_cart(context["token"], work.products[10 + i])
        elif self.key == "cancel_order":
            work.add_to_cart(context["token"], work.products[30])
            context["order"] = work.place_order(context["token"])
        elif self.key == "register":
            context["registration"] = work.registration()

    def run(self, work, context):
        key = self.key
        if key == "ping":
            work.ping()
        elif key == "register":
            work.register(context["registration"])
        elif key == "login":
            work.login(context["username"])
        elif key == "view_product":
            work.view_product(work.products[7])
        elif key == "list_products":
            work.list_products(100)
        elif key == "add_to_cart":
            work.add_to_cart(context["token"], work.products[1])
        elif key == "view_cart":
            work.view_cart(context["token"])
        elif key == "place_order":
            work.place_order(context["token"])
        elif key == "cancel_order":
            work.cancel_order(context["token"], context["order"])
        else:
            raise ValueError(key)


OPERATIONS = [
    Operation("ping", "ping (one round trip, for reference)"),
    Operation("register", "register"),
    Operation("login", "login"),
    Operation("view_product", "view product"),
    Operation("list_products", "list 100 products"),
    Operation("add_to_cart", "add to cart"),
    Operation("view_cart", "view cart (3 lines)"),
    Operation("place_order", "place order, 1 line", lines=1),
    Operation("place_order", "place order, 10 lines", lines=10),
    Operation("cancel_order", "cancel order (1 line)"),
]


def memory_cycle(work, token, count, sample):
    """`count` operations cycling through view product, list 20 products, add to cart, view cart
    and place order (as the C driver's --op memory); calls sample(i) after every 1000th."""
    products = work.products
    for i in range(1, count + 1):
        step = i % 5
        product = products[i % PRODUCT_COUNT]
        if step == 0:
            work.view_product(product)
        elif step == 1:
            work.list_products(20)
        elif step == 2:
            work.add_to_cart(token, product)
        elif step == 3:
            work.view_cart(token)
        else:
            work.place_order(token)
        if i % 1000 == 0:
            sample(i)
