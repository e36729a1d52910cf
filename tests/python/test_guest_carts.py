"""Guest carts through the Python package: a guest session's cart, the digest-only storage, the
expiry, the merge at login and by Session.merge_cart, and 16 threads racing to merge one guest
cart (merged once)."""

import datetime
import threading

import pytest

import libstore

PASSWORD = "password-123"


def make_session(store, username, admin=False):
    fields = dict(username=username, email=username + "@example.com", password=PASSWORD)
    store.create_admin(**fields) if admin else store.register(**fields)
    return store.session(store.login(username=username, password=PASSWORD)["access_token"])


@pytest.fixture
def admin(store):
    return make_session(store, "guest_admin", admin=True)


@pytest.fixture
def ada(store):
    return make_session(store, "ada")


def product(admin, name, price, stock):
    return admin.create_product(name=name, price=price, stock=stock)["id"]


def lines(cart):
    return {item["product_id"]: item["quantity"] for item in cart["items"]}


def new_guest(store):
    token = store.create_guest_cart()["cart_token"]
    return token, store.guest_session(token)


def test_a_guest_cart_keeps_the_cart_rules(store, admin):
    pen = product(admin, "Pen", 19.99, 5)
    created = store.create_guest_cart()
    assert created["cart"]["items"] == [] and len(created["cart_token"]) == 43
    guest = store.guest_session(created["cart_token"])
    assert guest.add_to_cart(product_id=pen, quantity=3)["total_price"] == 59.97
    with pytest.raises(libstore.ConflictError):
        guest.add_to_cart(product_id=pen, quantity=3)
    assert lines(guest.set_cart_quantity(pen, quantity=1)) == {pen: 1}
    assert guest.remove_from_cart(pen)["items"] == []
    guest.add_to_cart(product_id=pen)
    assert guest.clear_cart()["items"] == []
    for refused in (guest.me, guest.place_order, guest.orders):
        with pytest.raises(libstore.UnauthenticatedError):
            refused()
    with pytest.raises(libstore.UnauthenticatedError):
        store.guest_session("not-a-cart-token")


def test_only_the_digest_of_the_token_is_stored(store, admin, test_database):
    pen = product(admin, "Pen", 1, 5)
    token, guest = new_guest(store)
    guest.add_to_cart(product_id=pen)
    carts = test_database.client()[test_database.database]["carts"]
    stored = carts.find_one({"_id": {"$type": "string"}})
    assert stored is not None and stored["_id"].startswith("guest:")
    assert token not in repr(stored)
    assert isinstance(stored["expires_at"], datetime.datetime)


def test_an_idle_guest_cart_expires(store, admin, test_database):
    pen = product(admin, "Pen", 1, 5)
    token, guest = new_guest(store)
    guest.add_to_cart(product_id=pen)
    carts = test_database.client()[test_database.database]["carts"]
    old = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
    carts.update_one({"_id": {"$type": "string"}}, {"$set": {"expires_at": old}})
    assert guest.cart()["items"] == []  # expired: empty even before the TTL sweep
    try:
        test_database.client().admin.command("secantusAdmin.pruneTtl")
    except Exception as error:  # a real MongoDB sweeps on its own schedule
        pytest.skip(f"no immediate TTL sweep on this server: {error}")
    assert carts.count_documents({"_id": {"$type": "string"}}) == 0


def test_login_with_a_cart_token_merges_it(store, admin):
    pen = product(admin, "Pen", 1, 10)
    ink = product(admin, "Ink", 2, 3)
    hidden = product(admin, "Hidden", 3, 3)
    ada = make_session(store, "ada")
    ada.add_to_cart(product_id=pen, quantity=4)
    token, guest = new_guest(store)
    guest.add_to_cart(product_id=pen, quantity=9)
    guest.add_to_cart(product_id=ink, quantity=2)
    guest.add_to_cart(product_id=hidden, quantity=1)
    admin.update_product(hidden, in_stock=False)
    store.login(username="ada", password=PASSWORD, cart_token=token)
    assert lines(ada.cart()) == {pen: 10, ink: 2}
    assert guest.cart()["items"] == []
    # A malformed token is refused before the password is looked at; a spent one merges nothing.
    with pytest.raises(libstore.ValidationError) as refused:
        store.login(username="ada", password="wrong-password", cart_token="bad")
    assert refused.value.field == "cart_token"
    store.login(username="ada", password=PASSWORD, cart_token=token)
    assert lines(ada.cart()) == {pen: 10, ink: 2}


def test_merge_cart_takes_a_token_or_a_body(store, admin, ada):
    pen = product(admin, "Pen", 1, 100)
    token, guest = new_guest(store)
    guest.add_to_cart(product_id=pen, quantity=2)
    assert lines(ada.merge_cart(token)) == {pen: 2}
    assert lines(ada.merge_cart(cart_token=token)) == {pen: 2}
    assert lines(ada.merge_cart({"cart_token": token})) == {pen: 2}
    with pytest.raises(libstore.ValidationError) as refused:
        ada.merge_cart(cart_token=token, extra=1)
    assert refused.value.field == "extra"
    with pytest.raises(libstore.ValidationError):
        ada.merge_cart("short")
    with pytest.raises(libstore.UnauthenticatedError):
        guest.merge_cart(token)


def test_sixteen_threads_merging_one_guest_cart_merge_it_once(store, admin, ada):
    pen = product(admin, "Pen", 1, 100)
    ada.add_to_cart(product_id=pen, quantity=1)
    token, guest = new_guest(store)
    guest.add_to_cart(product_id=pen, quantity=5)
    start = threading.Barrier(16)
    errors = []

    def merge():
        start.wait()
        try:
            ada.merge_cart(token)
        except libstore.ConflictError:
            pass  # "changed concurrently; try again" is an allowed answer
        except Exception as error:  # anything else fails the test
            errors.append(error)

    threads = [threading.Thread(target=merge) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert lines(ada.cart()) == {pen: 6}
    assert guest.cart()["items"] == []


def test_the_guest_cart_lifetime_is_a_store_option(test_database):
    from conftest import open_store

    test_database.reset()
    store = open_store(test_database, guest_cart_lifetime=3600)
    admin_session = make_session(store, "lifetime_admin", admin=True)
    pen = product(admin_session, "Pen", 1, 5)
    token, guest = new_guest(store)
    before = datetime.datetime.now(datetime.timezone.utc)
    guest.add_to_cart(product_id=pen)
    carts = test_database.client()[test_database.database]["carts"]
    expires = carts.find_one({"_id": {"$type": "string"}})["expires_at"]
    expires = expires.replace(tzinfo=datetime.timezone.utc)
    assert datetime.timedelta(minutes=59) < expires - before < datetime.timedelta(minutes=61)
    with pytest.raises(libstore.ValidationError) as refused:
        open_store(test_database, guest_cart_lifetime=0)
    assert refused.value.field == "guest_cart_lifetime_seconds"
