"""Vouchers through the Python package: administration, the cart's discount, money arithmetic
over many random carts against a reference in Python's decimal, 64 threads checking out with a
voucher limited to 10 uses, and one user's concurrent checkouts against max_uses_per_user."""

import random
import threading
from decimal import ROUND_HALF_UP, Decimal

import pytest

import libstore

PASSWORD = "password-123"
CENT = Decimal("0.01")


def make_session(store, username, admin=False):
    fields = dict(username=username, email=username + "@example.com", password=PASSWORD)
    store.create_admin(**fields) if admin else store.register(**fields)
    return store.session(store.login(username=username, password=PASSWORD)["access_token"])


@pytest.fixture
def admin(store):
    return make_session(store, "vouchers_admin", admin=True)


@pytest.fixture
def ada(store):
    return make_session(store, "ada")


def money(value):
    return Decimal(str(value)).quantize(CENT)


def test_administration(admin, ada):
    created = admin.create_voucher(code="welcome_5", kind="fixed", value=5, min_subtotal=10.5,
                                   ends_at="2099-01-01T00:00:00Z", max_uses_per_user=1)
    assert created["code"] == "WELCOME_5"
    assert created["value"] == 5.0 and created["min_subtotal"] == 10.5
    assert created["uses"] == 0 and created["active"] is True and created["max_uses"] is None
    assert admin.get_voucher(created["id"]) == created
    with pytest.raises(libstore.ConflictError) as caught:
        admin.create_voucher(code="Welcome_5", kind="percent", value=5)
    assert caught.value.field == "code"
    with pytest.raises(libstore.ValidationError) as caught:
        admin.create_voucher(code="OK1", kind="percent", value=5, color="red")
    assert caught.value.field == "color"
    with pytest.raises(libstore.ForbiddenError):
        ada.create_voucher(code="MINE", kind="percent", value=50)
    changed = admin.update_voucher(created["id"], kind="percent", value=15, ends_at=None)
    assert (changed["kind"], changed["value"], changed["ends_at"]) == ("percent", 15, None)
    page = admin.list_vouchers(limit=1)
    assert [v["id"] for v in page["items"]] == [created["id"]] and page["next_cursor"] is None
    admin.delete_voucher(created["id"])
    with pytest.raises(libstore.NotFoundError):
        admin.get_voucher(created["id"])


def test_apply_remove_and_the_order_snapshot(admin, ada):
    pen = admin.create_product(name="Pen", price=19.99, stock=10)["id"]
    voucher = admin.create_voucher(code="SAVE10", kind="percent", value=10)
    ada.add_to_cart(product_id=pen, quantity=3)
    cart = ada.apply_voucher("save10")
    assert (cart["subtotal"], cart["discount"], cart["total_price"]) == (59.97, 6.0, 53.97)
    assert cart["voucher"] == {"code": "SAVE10", "kind": "percent", "value": 10,
                               "applies": True, "reason": None}
    assert ada.remove_voucher()["voucher"] is None
    ada.apply_voucher("SAVE10")
    order = ada.place_order()
    assert (order["subtotal"], order["discount"], order["total_price"]) == (59.97, 6.0, 53.97)
    assert order["voucher_code"] == "SAVE10"
    assert admin.get_voucher(voucher["id"])["uses"] == 1
    ada.cancel_order(order["id"])
    assert admin.get_voucher(voucher["id"])["uses"] == 0


def test_money_over_many_random_carts_matches_decimal(admin, ada):
    rng = random.Random(15)
    products = []
    for i in range(12):
        price = money(rng.randint(1, 99999) / 100)
        products.append((admin.create_product(name="P%d" % i, price=float(price),
                                              stock=100000)["id"], price))
    vouchers = []
    for i in range(10):
        kind = rng.choice(["percent", "fixed"])
        value = rng.randint(1, 100) if kind == "percent" else float(money(rng.randint(1, 50000) / 100))
        minimum = money(rng.choice([0, rng.randint(0, 200000) / 100]))
        admin.create_voucher(code="RND%d" % i, kind=kind, value=value, min_subtotal=float(minimum))
        vouchers.append(("RND%d" % i, kind, Decimal(str(value)), minimum))
    for round_ in range(60):
        ada.clear_cart()
        subtotal = Decimal(0)
        for product_id, price in rng.sample(products, rng.randint(1, 4)):
            quantity = rng.randint(1, 7)
            ada.add_to_cart(product_id=product_id, quantity=quantity)
            subtotal += price * quantity
        code, kind, value, minimum = rng.choice(vouchers)
        if subtotal < minimum:
            with pytest.raises(libstore.ConflictError):
                ada.apply_voucher(code)
            continue
        if kind == "percent":
            discount = (subtotal * value / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        else:
            discount = min(value, subtotal)
        cart = ada.apply_voucher(code)
        assert money(cart["subtotal"]) == subtotal, (round_, code)
        assert money(cart["discount"]) == discount, (round_, code, subtotal)
        assert money(cart["total_price"]) == subtotal - discount, (round_, code)
        if round_ % 6 == 0:  # placing snapshots the same amounts (and gives the use back after)
            order = ada.place_order()
            assert money(order["discount"]) == discount
            assert money(order["total_price"]) == subtotal - discount
            ada.cancel_order(order["id"])


def race(sessions, action):
    outcomes = []
    start = threading.Barrier(len(sessions))

    def run(session):
        start.wait()
        try:
            outcomes.append(action(session))
        except libstore.ConflictError as error:
            outcomes.append("refused:" + str(error.field))
        except Exception as error:  # reported by the assertions of the callers
            outcomes.append(repr(error))

    threads = [threading.Thread(target=run, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_sixty_four_threads_and_a_voucher_of_ten_uses(store, admin):
    pen = admin.create_product(name="Pen", price=2.5, stock=1000)["id"]
    voucher = admin.create_voucher(code="TEN", kind="fixed", value=1, max_uses=10)
    buyers = [make_session(store, "vbuyer%d" % i) for i in range(64)]
    for buyer in buyers:
        buyer.add_to_cart(product_id=pen)
        buyer.apply_voucher("TEN")
    outcomes = race(buyers, lambda b: b.place_order()["voucher_code"])
    assert outcomes.count("TEN") == 10
    assert outcomes.count("refused:voucher") == 54, sorted(set(outcomes))
    assert admin.get_voucher(voucher["id"])["uses"] == 10
    assert admin.get_product(pen)["stock"] == 990
    refused = [b for b in buyers if b.orders()["items"] == []]
    assert len(refused) == 54
    assert all(b.cart()["count"] == 1 and b.cart()["voucher"]["reason"] == "used_up"
               for b in refused)


def test_one_users_concurrent_checkouts_stay_within_their_limit(store, admin):
    pen = admin.create_product(name="Pen", price=2.5, stock=1000)["id"]
    voucher = admin.create_voucher(code="TWICE", kind="percent", value=50, max_uses_per_user=2)
    # Several sessions of one user, each checking out the cart it filled and put the voucher on.
    make_session(store, "eager")
    sessions = [store.session(store.login(username="eager", password=PASSWORD)["access_token"])
                for _ in range(8)]

    def checkout(session):
        results = []
        for _ in range(3):
            try:
                session.add_to_cart(product_id=pen)
                session.apply_voucher("TWICE")
                results.append(session.place_order()["voucher_code"])
            except (libstore.ConflictError, libstore.ValidationError):
                results.append("refused")
        return results

    outcomes = race(sessions, checkout)
    assert all(isinstance(o, list) for o in outcomes), outcomes
    orders = sessions[0].orders(limit=100)["items"]
    with_voucher = [o for o in orders if o["voucher_code"] == "TWICE"]
    assert 1 <= len(with_voucher) <= 2
    assert admin.get_voucher(voucher["id"])["uses"] == len(with_voucher)
