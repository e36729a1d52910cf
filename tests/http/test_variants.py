"""API.md "Products with variants" over HTTP, on every host: options and variants on products,
the variant endpoints, visibility by purchasable variant, ?size=, and cart and order lines per
variant."""

import pytest

from test_catalog import assert_error, create, get_json, names

SHIRT = {"name": "Shirt", "price": 10, "options": {"size": ["S", "M", "L"]},
         "variants": [{"sku": "SHIRT-S", "options": {"size": "S"}, "stock": 2},
                      {"sku": "SHIRT-M", "options": {"size": "M"}, "price": 12.5, "stock": 1}]}


@pytest.fixture
def shopper(user_factory):
    return user_factory("variant_shopper")[1]


def by_sku(product):
    return {v["sku"]: v for v in product["variants"]}


def test_products_list_their_options_and_variants(client, admin):
    shirt = create(admin, "/products", SHIRT)
    assert shirt["options"] == {"size": ["S", "M", "L"]}
    assert [(v["sku"], v["options"], v["price"], v["stock"], v["in_stock"])
            for v in shirt["variants"]] == [("SHIRT-S", {"size": "S"}, 10, 2, True),
                                            ("SHIRT-M", {"size": "M"}, 12.5, 1, True)]
    assert (shirt["price"], shirt["stock"]) == (10, 3)
    assert get_json(client, "/products/" + shirt["id"]) == shirt
    lamp = create(admin, "/products", {"name": "Lamp", "price": 3, "stock": 4})
    assert lamp["options"] == {} and len(lamp["variants"]) == 1
    assert lamp["variants"][0]["options"] == {} and lamp["variants"][0]["sku"] is None


def test_variant_endpoints(client, admin):
    shirt = create(admin, "/products", SHIRT)
    base = "/products/%s/variants" % shirt["id"]
    large = admin.post(base, {"sku": "SHIRT-L", "options": {"size": "L"}, "stock": 5})
    assert large.status == 201, large
    assert large.json["price"] == 10  # the product's price
    assert set(large.json) == {"id", "sku", "options", "price", "stock", "in_stock"}
    assert_error(admin.post(base, {"options": {"size": "L"}, "stock": 1}), 409, "conflict",
                 "options")
    assert_error(admin.post(base, {"sku": "shirt-l", "options": {"size": "S"}, "stock": 1}), 409,
                 "conflict")
    assert_error(admin.post(base, {"options": {"size": "XXL"}, "stock": 1}), 400,
                 "invalid_argument", "options")
    assert_error(admin.post(base, {"options": {"size": "S"}}), 400, "invalid_argument", "stock")
    changed = admin.patch("%s/%s" % (base, large.json["id"]), {"price": 15, "in_stock": False})
    assert changed.status == 200, changed
    assert (changed.json["price"], changed.json["in_stock"]) == (15, False)
    assert get_json(client, "/products/" + shirt["id"])["stock"] == 3  # L is switched off
    assert admin.delete("%s/%s" % (base, large.json["id"])).status == 204
    assert_error(admin.delete("%s/%s" % (base, large.json["id"])), 404, "not_found")
    assert_error(admin.patch("%s/%s" % (base, "f" * 24), {"stock": 1}), 404, "not_found")
    medium = by_sku(shirt)["SHIRT-M"]["id"]
    assert admin.delete("%s/%s" % (base, medium)).status == 204
    small = by_sku(shirt)["SHIRT-S"]["id"]
    assert_error(admin.delete("%s/%s" % (base, small)), 409, "conflict")
    # One variant left: the product's own price and stock are its again.
    patched = admin.patch("/products/" + shirt["id"], {"price": 9, "stock": 6})
    assert patched.status == 200, patched
    assert patched.json["variants"][0]["price"] == 9 and patched.json["variants"][0]["stock"] == 6


def test_price_and_stock_of_a_product_with_variants_are_theirs(admin):
    shirt = create(admin, "/products", SHIRT)
    assert_error(admin.patch("/products/" + shirt["id"], {"price": 1}), 400, "invalid_argument",
                 "price")
    assert_error(admin.patch("/products/" + shirt["id"], {"stock": 1}), 400, "invalid_argument",
                 "stock")
    assert_error(admin.post("/products", dict(SHIRT, stock=4)), 400, "invalid_argument", "stock")
    assert_error(admin.patch("/products/" + shirt["id"], {"options": {"size": ["S"]}}), 409,
                 "conflict", "options")


def test_a_product_shows_while_one_variant_is_purchasable(client, admin):
    shirt = create(admin, "/products", SHIRT)
    base = "/products/%s/variants/" % shirt["id"]
    variants = by_sku(shirt)
    assert admin.patch(base + variants["SHIRT-S"]["id"], {"stock": 0}).status == 200
    shown = get_json(client, "/products/" + shirt["id"])
    assert (shown["price"], shown["stock"]) == (12.5, 1)  # "from" the one left
    assert [v["stock"] for v in shown["variants"]] == [0, 1]
    assert admin.patch(base + variants["SHIRT-M"]["id"], {"in_stock": False}).status == 200
    assert_error(client.get("/products/" + shirt["id"]), 404, "not_found")
    assert names(get_json(client, "/products")) == []
    assert get_json(admin, "/products/" + shirt["id"])["stock"] == 0


def test_size_matches_a_purchasable_variant_or_v1_sizes(client, admin):
    create(admin, "/products", SHIRT)
    create(admin, "/products", {"name": "Socks", "price": 2, "stock": 9, "sizes": ["L"]})
    assert names(get_json(client, "/products", {"size": "M"})) == ["Shirt"]
    assert names(get_json(client, "/products", {"size": "L"})) == ["Socks"]  # no L shirt
    assert names(get_json(client, "/products", {"size": "XL"})) == []


def test_cart_and_orders_are_per_variant(client, admin, shopper):
    shirt = create(admin, "/products", SHIRT)
    variants = by_sku(shirt)
    small, medium = variants["SHIRT-S"]["id"], variants["SHIRT-M"]["id"]
    assert_error(shopper.post("/cart/items", {"product_id": shirt["id"]}), 400,
                 "invalid_argument", "variant_id")
    assert_error(shopper.post("/cart/items", {"product_id": shirt["id"], "variant_id": medium,
                                              "quantity": 2}), 409, "conflict", "quantity")
    assert_error(shopper.post("/cart/items", {"product_id": shirt["id"], "variant_id": "f" * 24}),
                 404, "not_found")
    for variant in (small, medium):
        response = shopper.post("/cart/items", {"product_id": shirt["id"], "variant_id": variant})
        assert response.status == 200, response
    cart = response.json
    assert [(i["variant_id"], i["sku"], i["options"], i["unit_price"]) for i in cart["items"]] == \
        [(small, "SHIRT-S", {"size": "S"}, 10), (medium, "SHIRT-M", {"size": "M"}, 12.5)]
    assert cart["total_price"] == 22.5
    path = "/cart/items/" + shirt["id"]
    assert_error(shopper.put(path, {"quantity": 2}), 400, "invalid_argument", "variant_id")
    response = shopper.put(path + "?variant_id=" + small, {"quantity": 2})
    assert response.status == 200, response
    assert response.json["count"] == 3
    response = shopper.delete(path + "?variant_id=" + medium)
    assert response.status == 200 and response.json["count"] == 2, response
    assert shopper.put(path, {"quantity": 1}).json["count"] == 1  # one line of it left
    order = shopper.post("/orders")
    assert order.status == 201, order
    [line] = order.json["items"]
    assert (line["variant_id"], line["sku"], line["options"], line["quantity"]) == \
        (small, "SHIRT-S", {"size": "S"}, 1)
    after = by_sku(get_json(client, "/products/" + shirt["id"]))
    assert (after["SHIRT-S"]["stock"], after["SHIRT-M"]["stock"]) == (1, 1)
    cancelled = shopper.post("/orders/%s/cancel" % order.json["id"])
    assert cancelled.status == 200, cancelled
    assert by_sku(get_json(client, "/products/" + shirt["id"]))["SHIRT-S"]["stock"] == 2


def test_skus_are_unique_across_products(admin):
    create(admin, "/products", SHIRT)
    other = dict(SHIRT, name="Other", variants=[{"sku": "Shirt-S", "options": {"size": "S"},
                                                 "stock": 1}])
    assert_error(admin.post("/products", other), 409, "conflict", "sku")
