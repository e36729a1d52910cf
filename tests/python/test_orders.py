"""Cart and orders through the Python package: exact money, all-or-nothing placement,
idempotency, the status machine, and 64 threads racing for the last 10 units."""

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
    return make_session(store, "orders_admin", admin=True)


@pytest.fixture
def ada(store):
    return make_session(store, "ada")


def product(admin, name, price, stock):
    return admin.create_product(name=name, price=price, stock=stock)["id"]


def stock_of(admin, product_id):
    return admin.get_product(product_id)["stock"]


def test_cart_totals_are_exact(store, admin, ada):
    pen = product(admin, "Pen", 19.99, 10)
    cart = ada.add_to_cart(product_id=pen, quantity=3)
    assert cart["total_price"] == 59.97
    assert cart["count"] == 3
    variant = store.get_product(pen)["variants"][0]["id"]
    assert cart["items"] == [{"product_id": pen, "variant_id": variant,
                              "sku": None, "options": {}, "name": "Pen", "unit_price": 19.99,
                              "quantity": 3, "line_total": 59.97, "available": True,
                              "problem": None, "available_quantity": None,
                              "price_changed": False, "previous_unit_price": None}]
    assert cart["checkout_ready"] is True
    assert ada.cart() == cart


def test_cart_rules(admin, ada):
    pen = product(admin, "Pen", 1, 5)
    hidden = product(admin, "Gone", 1, 0)
    with pytest.raises(libstore.ConflictError):
        ada.add_to_cart(product_id=pen, quantity=6)
    with pytest.raises(libstore.ValidationError) as caught:
        ada.add_to_cart(product_id=pen, quantity=0)
    assert caught.value.field == "quantity"
    with pytest.raises(libstore.NotFoundError):
        ada.add_to_cart(product_id=hidden)
    with pytest.raises(libstore.NotFoundError):
        ada.add_to_cart(product_id="xyz")
    with pytest.raises(libstore.ValidationError) as caught:
        ada.add_to_cart(product_id={"$ne": None})
    assert caught.value.field == "product_id"
    ada.add_to_cart({"product_id": pen})
    assert ada.set_cart_quantity(pen, quantity=4)["count"] == 4
    assert ada.set_cart_quantity(pen, {"quantity": 0})["items"] == []
    ada.add_to_cart(product_id=pen, quantity=2)
    with pytest.raises(libstore.NotFoundError):
        ada.remove_from_cart("0" * 24)
    assert ada.remove_from_cart(pen)["count"] == 0
    ada.add_to_cart(product_id=pen)
    assert ada.clear_cart() == {"items": [], "count": 0, "subtotal": 0.0, "voucher": None,
                                "discount": 0.0, "total_price": 0.0, "checkout_ready": False}


def test_place_order_snapshots_prices_and_takes_stock(admin, ada):
    pen = product(admin, "Pen", 19.99, 10)
    ink = product(admin, "Ink", 0.1, 10)
    ada.add_to_cart(product_id=pen, quantity=3)
    ada.add_to_cart(product_id=ink, quantity=3)
    order = ada.place_order()
    assert order["status"] == "placed"
    assert order["total_price"] == 60.27
    assert set(order) == {"id", "user_id", "items", "subtotal", "discount", "voucher_code",
                          "total_price", "status", "payment_reference", "created_at",
                          "updated_at"}
    assert stock_of(admin, pen) == 7
    assert ada.cart()["count"] == 0
    admin.update_product(pen, price=30)
    assert ada.get_order(order["id"])["total_price"] == 60.27
    assert ada.order_status(order["id"]) == {"status": "placed"}
    assert [o["id"] for o in ada.orders()["items"]] == [order["id"]]


def test_short_stock_changes_nothing(store, admin, ada):
    pen = product(admin, "Pen", 1, 10)
    ink = product(admin, "Ink", 1, 1)
    ada.add_to_cart(product_id=pen, quantity=2)
    ada.add_to_cart(product_id=ink, quantity=1)
    ink_variant = store.get_product(ink)["variants"][0]["id"]
    bob = make_session(store, "bob")
    bob.add_to_cart(product_id=ink)
    bob.place_order()
    with pytest.raises(libstore.ConflictError) as caught:
        ada.place_order()
    assert ink in caught.value.message and caught.value.field == "items"
    assert caught.value.details == [{"product_id": ink, "variant_id": ink_variant,
                                     "problem": "out_of_stock", "available_quantity": 0}]
    assert stock_of(admin, pen) == 10
    assert [item["quantity"] for item in ada.cart()["items"]] == [2, 1]
    assert ada.cart()["count"] == 2  # the ink line is kept, not counted
    assert ada.orders()["items"] == []


def test_empty_cart_is_a_validation_error(ada):
    with pytest.raises(libstore.ValidationError):
        ada.place_order()


def test_idempotency_key(admin, ada):
    pen = product(admin, "Pen", 1, 10)
    ada.add_to_cart(product_id=pen, quantity=2)
    order, created = ada.place_order("k-1", return_created=True)
    assert created
    again, created_again = ada.place_order("k-1", return_created=True)
    assert not created_again and again == order
    assert stock_of(admin, pen) == 8


def test_status_machine_and_cancel(store, admin, ada):
    pen = product(admin, "Pen", 1, 10)
    ada.add_to_cart(product_id=pen, quantity=4)
    order = ada.place_order()
    with pytest.raises(libstore.ForbiddenError):
        ada.set_order_status(order["id"], status="paid")
    with pytest.raises(libstore.ConflictError):
        admin.set_order_status(order["id"], status="delivered")
    assert admin.set_order_status(order["id"], status="paid")["status"] == "paid"
    bob = make_session(store, "bob")
    with pytest.raises(libstore.NotFoundError):
        bob.get_order(order["id"])
    with pytest.raises(libstore.NotFoundError):
        bob.cancel_order(order["id"])
    assert ada.cancel_order(order["id"])["status"] == "cancelled"
    assert stock_of(admin, pen) == 10
    with pytest.raises(libstore.ConflictError):
        ada.cancel_order(order["id"])


def test_recover_reports_nothing_to_do_on_a_clean_store(store):
    assert store.recover() == {"orders_rolled_back": 0, "cancellations_completed": 0,
                               "marks_cleared": 0, "audit_entries_committed": 0,
                               "audit_entries_dropped": 0, "images_removed": 0,
                               "events_relayed": 0}


def test_sixty_four_threads_buy_exactly_the_last_ten(store, admin):
    # On one variant of a product with two: the other variant's stock is not touched.
    shirt = admin.create_product(name="Last ten", price=4.99, options={"size": ["S", "M"]},
                                 variants=[{"options": {"size": "S"}, "stock": 10},
                                           {"options": {"size": "M"}, "stock": 5}])
    last = shirt["id"]
    small, medium = (v["id"] for v in shirt["variants"])
    buyers = [make_session(store, "buyer%d" % i) for i in range(64)]
    for buyer in buyers:
        buyer.add_to_cart(product_id=last, variant_id=small)
    outcomes = []
    start = threading.Barrier(len(buyers))

    def checkout(buyer):
        start.wait()
        try:
            buyer.place_order()
            outcomes.append("sold")
        except libstore.ConflictError:
            outcomes.append("refused")
        except Exception as error:  # reported by the assertion below
            outcomes.append(repr(error))

    threads = [threading.Thread(target=checkout, args=(buyer,)) for buyer in buyers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(outcomes)) == ["refused", "sold"]
    assert outcomes.count("sold") == 10
    shown = store.get_product(last, session=admin)
    assert {v["id"]: v["stock"] for v in shown["variants"]} == {small: 0, medium: 5}
    assert stock_of(admin, last) == 5
    orders = admin.orders(limit=100)["items"]
    assert sum(item["quantity"] for o in orders for item in o["items"]) == 10
    refused = [b for b in buyers if b.orders()["items"] == []]
    assert len(refused) == 54
    assert all(len(b.cart()["items"]) == 1 for b in refused)  # kept, shown out of stock
