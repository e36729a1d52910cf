"""Ids are 24 lower-case hex characters: an upper-case spelling names nothing (API.md, and the
pattern of api/openapi.json). Before, the library took it, stored it as text in a cart line
beside the lower-case one, and echoed it in a product's category_id."""

from test_accounts import assert_error


def test_an_upper_case_id_names_nothing(admin, user_factory):
    category = admin.post("/categories", {"name": "Lamps"}).json
    product = admin.post("/products", {"name": "Lamp", "price": 5, "stock": 3}).json
    _, shopper = user_factory("caser")
    assert shopper.post("/cart/items", {"product_id": product["id"], "quantity": 2}).status == 200

    upper = product["id"].upper()
    assert_error(shopper.post("/cart/items", {"product_id": upper, "quantity": 2}), 404,
                 "not_found")
    assert_error(shopper.put("/cart/items/" + upper, {"quantity": 3}), 404, "not_found")
    assert_error(admin.get("/products/" + upper), 404, "not_found")
    cart = shopper.get("/cart").json
    assert [(line["product_id"], line["quantity"]) for line in cart["items"]] == [
        (product["id"], 2)]

    made = admin.post("/products", {"name": "Shade", "price": 2, "stock": 1,
                                    "category_id": category["id"].upper()})
    assert_error(made, 400, "invalid_argument", "category_id")
