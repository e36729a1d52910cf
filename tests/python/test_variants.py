"""Products with variants through the Python package: options, SKUs, the derived "from" price
and stock, cart and order lines per variant, and databases written before variants existed."""

import datetime

import bson
import pytest

import libstore
from test_orders import make_session


@pytest.fixture
def admin(store):
    return make_session(store, "variants_admin", admin=True)


@pytest.fixture
def ada(store):
    return make_session(store, "ada")


def tee(admin, **extra):
    fields = dict(name="Tee", price=10, options={"size": ["S", "M", "L"], "color": ["red"]},
                  variants=[{"sku": "TEE-S", "options": {"size": "S", "color": "red"}, "stock": 2},
                            {"sku": "TEE-M", "options": {"size": "M", "color": "red"},
                             "price": 12.5, "stock": 0},
                            {"options": {"color": "red", "size": "L"}, "price": 9, "stock": 4,
                             "in_stock": False}])
    fields.update(extra)
    return admin.create_product(**fields)


def variant_of(product, size):
    return next(v for v in product["variants"] if v["options"].get("size") == size)


def test_a_product_without_variants_gets_one_default_variant(admin):
    lamp = admin.create_product(name="Lamp", price=19.99, stock=3)
    assert lamp["options"] == {}
    [only] = lamp["variants"]
    assert only["options"] == {} and only["sku"] is None
    assert (only["price"], only["stock"], only["in_stock"]) == (19.99, 3, True)
    changed = admin.update_product(lamp["id"], price=21, stock=7)
    assert (changed["price"], changed["stock"]) == (21, 7)
    assert changed["variants"][0]["id"] == only["id"]
    assert (changed["variants"][0]["price"], changed["variants"][0]["stock"]) == (21, 7)


def test_price_is_from_the_purchasable_variants_and_stock_their_total(store, admin):
    shirt = tee(admin)
    assert list(shirt["options"]) == ["size", "color"]
    assert shirt["price"] == 10  # S; M is sold out, L switched off
    assert shirt["stock"] == 2  # S and M; L is switched off
    large = variant_of(shirt, "L")
    assert large["options"] == {"size": "L", "color": "red"}  # in the product's option order
    small = variant_of(shirt, "S")
    admin.update_variant(shirt["id"], small["id"], stock=0)
    hidden = admin.get_product(shirt["id"])
    assert hidden["stock"] == 0 and hidden["price"] == 9  # nothing purchasable: lowest of all
    with pytest.raises(libstore.NotFoundError):
        store.get_product(shirt["id"])
    assert store.list_products()["items"] == []
    admin.update_variant(shirt["id"], large["id"], in_stock=True)
    shown = store.get_product(shirt["id"])
    assert (shown["price"], shown["stock"]) == (9, 4)
    assert [v["stock"] for v in shown["variants"]] == [0, 0, 4]  # the page lists every variant


def test_variant_rules(admin):
    shirt = tee(admin)
    pid = shirt["id"]
    with pytest.raises(libstore.ConflictError) as taken:
        admin.create_variant(pid, sku="tee-s", options={"size": "S", "color": "red"}, stock=1)
    assert taken.value.field in ("options", "sku")
    with pytest.raises(libstore.ConflictError) as combination:
        admin.create_variant(pid, sku="OTHER", options={"size": "S", "color": "red"}, stock=1)
    assert combination.value.field == "options"
    with pytest.raises(libstore.ValidationError) as unknown:
        admin.create_variant(pid, options={"size": "XL", "color": "red"}, stock=1)
    assert unknown.value.field == "options"
    with pytest.raises(libstore.ValidationError) as missing:
        admin.create_variant(pid, options={"size": "S"}, stock=1)
    assert missing.value.field == "options"
    with pytest.raises(libstore.ValidationError) as bad_sku:
        admin.create_variant(pid, sku="no spaces", options={"size": "S", "color": "red"}, stock=1)
    assert bad_sku.value.field == "sku"
    with pytest.raises(libstore.ValidationError) as shared:
        admin.update_product(pid, price=3)
    assert shared.value.field == "price"
    with pytest.raises(libstore.ConflictError) as still_used:
        admin.update_product(pid, options={"size": ["S", "M"], "color": ["red"]})
    assert still_used.value.field == "options"
    widened = admin.update_product(pid, options={"size": ["S", "M", "L", "XL"], "color": ["red"]})
    assert widened["options"]["size"][-1] == "XL"
    added = admin.create_variant(pid, options={"size": "XL", "color": "red"}, stock=1)
    assert added["price"] == 10  # the product's "from" price at the time
    assert added["sku"] is None
    renamed = admin.update_variant(pid, added["id"], sku="TEE-XL", price=11)
    assert (renamed["sku"], renamed["price"]) == ("TEE-XL", 11)
    assert admin.update_variant(pid, added["id"], sku=None)["sku"] is None
    admin.delete_variant(pid, added["id"])
    with pytest.raises(libstore.NotFoundError):
        admin.update_variant(pid, added["id"], stock=3)
    with pytest.raises(libstore.NotFoundError):
        admin.delete_variant(pid, "0" * 24)


def test_skus_are_unique_in_the_shop_in_any_letter_case(admin):
    tee(admin)
    with pytest.raises(libstore.ConflictError) as duplicate:
        admin.create_product(name="Other", price=1, options={"size": ["S"]},
                             variants=[{"sku": "Tee-S", "options": {"size": "S"}, "stock": 1}])
    assert duplicate.value.field == "sku"
    lamp = admin.create_product(name="Lamp", price=1, stock=1)
    with pytest.raises(libstore.ConflictError):
        admin.update_variant(lamp["id"], lamp["variants"][0]["id"], sku="TEE-m")
    with pytest.raises(libstore.ConflictError):
        admin.create_product(name="Twice", price=1, options={"size": ["S", "M"]},
                             variants=[{"sku": "X1", "options": {"size": "S"}, "stock": 1},
                                       {"sku": "x1", "options": {"size": "M"}, "stock": 1}])


def test_the_last_variant_stays(admin):
    lamp = admin.create_product(name="Lamp", price=1, stock=1)
    with pytest.raises(libstore.ConflictError):
        admin.delete_variant(lamp["id"], lamp["variants"][0]["id"])


def test_cart_and_order_lines_are_per_variant(store, admin, ada):
    shirt = tee(admin, variants=[{"sku": "S1", "options": {"size": "S", "color": "red"},
                                  "stock": 5},
                                 {"sku": "M1", "options": {"size": "M", "color": "red"},
                                  "price": 12.5, "stock": 3}])
    pid = shirt["id"]
    small, medium = variant_of(shirt, "S"), variant_of(shirt, "M")
    with pytest.raises(libstore.ValidationError) as which:
        ada.add_to_cart(product_id=pid)
    assert which.value.field == "variant_id"
    with pytest.raises(libstore.ConflictError):
        ada.add_to_cart(product_id=pid, variant_id=medium["id"], quantity=4)
    ada.add_to_cart(product_id=pid, variant_id=small["id"], quantity=2)
    cart = ada.add_to_cart(product_id=pid, variant_id=medium["id"], quantity=3)
    assert [(i["sku"], i["quantity"], i["unit_price"]) for i in cart["items"]] == \
        [("S1", 2, 10), ("M1", 3, 12.5)]
    assert cart["total_price"] == 57.5
    with pytest.raises(libstore.ValidationError):
        ada.set_cart_quantity(pid, quantity=1)  # which of the two lines?
    cart = ada.set_cart_quantity(pid, quantity=1, variant_id=small["id"])
    assert cart["count"] == 4
    order = ada.place_order()
    assert [(i["variant_id"], i["sku"], i["options"], i["quantity"]) for i in order["items"]] == \
        [(small["id"], "S1", {"size": "S", "color": "red"}, 1),
         (medium["id"], "M1", {"size": "M", "color": "red"}, 3)]
    after = admin.get_product(pid)
    assert {v["sku"]: v["stock"] for v in after["variants"]} == {"S1": 4, "M1": 0}
    assert after["stock"] == 4 and after["price"] == 10
    ada.cancel_order(order["id"])
    back = admin.get_product(pid)
    assert {v["sku"]: v["stock"] for v in back["variants"]} == {"S1": 5, "M1": 3}
    ada.add_to_cart(product_id=pid, variant_id=small["id"])
    assert ada.remove_from_cart(pid, small["id"])["items"] == []


def test_a_variant_switched_off_cannot_be_added(admin, ada):
    shirt = tee(admin)
    large = variant_of(shirt, "L")
    with pytest.raises(libstore.NotFoundError):
        ada.add_to_cart(product_id=shirt["id"], variant_id=large["id"])
    with pytest.raises(libstore.NotFoundError):
        ada.add_to_cart(product_id=shirt["id"], variant_id="0" * 24)


def test_size_filter_matches_purchasable_variants(store, admin):
    tee(admin)
    admin.create_product(name="Old style", price=1, stock=1, sizes=["M"])
    assert [p["name"] for p in store.list_products(size="S")["items"]] == ["Tee"]
    assert [p["name"] for p in store.list_products(size="M")["items"]] == ["Old style"]
    assert store.list_products(size="L")["items"] == []  # switched off


def insert_old_product(test_database):
    """A product as libstore wrote it before variants existed."""
    db = test_database.client()[test_database.database]
    now = datetime.datetime.now(datetime.timezone.utc)
    product_id = bson.ObjectId()
    db.products.insert_one({"_id": product_id, "name": "Old lamp", "name_lower": "old lamp",
                            "description": None, "price_cents": 1999, "stock": 5,
                            "in_stock": True, "category_id": None, "image_url": None,
                            "sizes": [], "attributes": [], "created_at": now, "updated_at": now})
    return db, product_id


def test_a_database_written_before_variants_keeps_working_and_migrates(store, test_database,
                                                                      admin, ada):
    db, product_id = insert_old_product(test_database)
    pid = str(product_id)
    old = store.get_product(pid)
    assert old["variants"] == [{"id": pid, "sku": None, "options": {}, "price": 19.99,
                                "stock": 5, "in_stock": True}]
    # A cart line and an order line stored without variant_id, as before.
    user = bson.ObjectId(ada.user_id)
    db.carts.update_one({"_id": user}, {"$set": {"items": [{"product_id": product_id,
                                                             "quantity": 2}], "version": 1}},
                        upsert=True)
    cart = ada.cart()
    assert [(i["variant_id"], i["quantity"]) for i in cart["items"]] == [(pid, 2)]
    order = ada.place_order()
    assert order["items"][0]["variant_id"] == pid
    assert store.get_product(pid)["stock"] == 3
    stored = db.products.find_one({"_id": product_id})
    assert stored["variants"][0]["_id"] == product_id  # the write upgraded it in place
    # Another old product, untouched, an old cart and an old order line: the migration rewrites
    # them.
    bob = make_session(store, "bob")
    db.carts.update_one({"_id": bson.ObjectId(bob.user_id)},
                        {"$set": {"items": [{"product_id": product_id, "quantity": 1}],
                                  "version": 1}}, upsert=True)
    second = bson.ObjectId()
    db.products.insert_one({"_id": second, "name": "Old pen", "name_lower": "old pen",
                            "price_cents": 250, "stock": 1, "in_stock": True, "sizes": [],
                            "attributes": []})
    db.orders.update_one({"_id": bson.ObjectId(order["id"])},
                         {"$unset": {"items.0.variant_id": "", "items.0.sku": "",
                                     "items.0.options": ""}})
    assert ada.get_order(order["id"])["items"][0]["variant_id"] == pid
    report = store.migrate()
    assert report == {"products_upgraded": 1, "carts_upgraded": 1, "orders_upgraded": 1}
    assert db.carts.find_one({"_id": bson.ObjectId(bob.user_id)})["items"][0]["variant_id"] == \
        product_id
    assert bob.cart()["items"][0]["variant_id"] == pid
    assert store.migrate() == {"products_upgraded": 0, "carts_upgraded": 0, "orders_upgraded": 0}
    upgraded = db.products.find_one({"_id": second})
    assert upgraded["variants"][0]["_id"] == second and upgraded["variants"][0]["stock"] == 1
    assert upgraded["price_cents"] == 250 and upgraded["stock"] == 1
    assert db.orders.find_one({"_id": bson.ObjectId(order["id"])})["items"][0]["variant_id"] == \
        product_id
    ada.cancel_order(order["id"])
    assert store.get_product(pid)["stock"] == 5
    assert store.get_product(str(second))["price"] == 2.5


def test_an_image_upload_upgrades_a_product_written_before_variants(store, test_database,
                                                                    admin):
    db, product_id = insert_old_product(test_database)
    gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D" \
          b"\x01\x00;"
    image = admin.add_product_image(str(product_id), gif, "image/gif")
    stored = db.products.find_one({"_id": product_id})
    assert [entry["id"] for entry in stored["images"]] == [bson.ObjectId(image["id"])]
    assert stored["variants"][0]["_id"] == product_id and stored["variants"][0]["stock"] == 5
    assert (stored["price_cents"], stored["stock"]) == (1999, 5)
    assert store.migrate()["products_upgraded"] == 0


def test_a_cancellation_cut_short_before_variants_completes_once(store, test_database, ada):
    """A crash between giving back a line's stock and marking the order cancelled, under a
    libstore from before variants: the product carries a `returned_to` mark without a variant.
    Recovery after the upgrade finishes the cancellation without giving the stock back again."""
    db, product_id = insert_old_product(test_database)
    order_id = bson.ObjectId()
    long_ago = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
    db.products.update_one({"_id": product_id},
                           {"$set": {"stock": 7},
                            "$push": {"returned_to": {"order": order_id, "quantity": 2}}})
    db.orders.insert_one({"_id": order_id, "user_id": bson.ObjectId(ada.user_id),
                          "items": [{"product_id": product_id, "name": "Old lamp",
                                     "unit_price_cents": 1999, "quantity": 2}],
                          "total_cents": 3998, "status": "cancelling",
                          "idempotency_id": "order:" + str(order_id), "idempotency_key": None,
                          "created_at": long_ago, "updated_at": long_ago})
    report = store.recover()
    assert report["cancellations_completed"] == 1
    assert store.get_product(str(product_id))["stock"] == 7  # already given back: not again
    assert ada.get_order(str(order_id))["status"] == "cancelled"
    assert "returned_to" not in db.products.find_one({"_id": product_id}) or \
        db.products.find_one({"_id": product_id})["returned_to"] == []
