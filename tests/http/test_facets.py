"""GET /products/facets (API.md "Products with variants") on every host: counts per category,
option value and attribute value, and the price range, over the publicly visible products
matching the listing's filters. Products of the variant shape and of the shape written before
variants (shape14.md) are also written straight into the database with pymongo, so the counting
rules are held against both whatever wrote them."""

import datetime
import hashlib
from urllib.parse import urlencode

import bson
import pytest


def facets(client, query=None):
    response = client.get("/products/facets" + ("?" + urlencode(query) if query else ""))
    assert response.status == 200, response
    assert set(response.json) == {"total", "categories", "options", "attributes", "price"}
    return response.json


def values(entries):
    return [(entry["value"], entry["count"]) for entry in entries]


def error_field(response):
    assert response.status == 400, response
    assert response.json["error"]["code"] == "invalid_argument", response
    return response.json["error"]["field"]


def product(admin, name, price, stock, **fields):
    response = admin.post("/products", dict(name=name, price=price, stock=stock, **fields))
    assert response.status == 201, response
    return response.json["id"]


def category(admin, name):
    response = admin.post("/categories", {"name": name})
    assert response.status == 201, response
    return response.json["id"]


def products_collection(test_database):
    return test_database.client()[test_database.database]["products"]


NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.timezone.utc)


def variant(size, colour, stock, in_stock=True, price_cents=1500):
    return {"_id": bson.ObjectId(), "options": [{"k": "size", "v": size},
                                                {"k": "colour", "v": colour}],
            "options_key": "size=%s,colour=%s" % (size, colour),
            "price_cents": bson.Int64(price_cents), "stock": bson.Int64(stock),
            "in_stock": in_stock}


def variant_document(name, category_id, variants, in_stock=True, attributes=()):
    """A product of the #14 shape, with the derived price_cents and stock as shape14.md has
    them."""
    purchasable = [v for v in variants if v["in_stock"] and v["stock"] > 0]
    return {"name": name, "name_lower": name.lower(), "in_stock": in_stock,
            "category_id": bson.ObjectId(category_id), "sizes": [],
            "attributes": [{"k": k, "v": v} for k, v in attributes],
            "options": [{"name": "size", "values": ["S", "M", "L", "XL"]},
                        {"name": "colour", "values": ["red", "blue"]}],
            "variants": variants,
            "price_cents": bson.Int64(min(v["price_cents"] for v in purchasable or variants)),
            "stock": bson.Int64(sum(v["stock"] for v in variants if v["in_stock"])),
            "revision": bson.Int64(1), "images": [], "created_at": NOW, "updated_at": NOW}


def old_document(name, category_id, price_cents, stock, sizes=(), attributes=()):
    """A product as written before variants: no options, variants, images or revision."""
    return {"name": name, "name_lower": name.lower(), "description": None,
            "price_cents": bson.Int64(price_cents), "stock": bson.Int64(stock),
            "in_stock": True, "category_id": bson.ObjectId(category_id), "image_url": None,
            "sizes": list(sizes), "attributes": [{"k": k, "v": v} for k, v in attributes],
            "created_at": NOW, "updated_at": NOW}


@pytest.fixture
def bookshop(admin):
    """Two categories, four visible products and two hidden ones, written over HTTP."""
    books, atlases = category(admin, "books"), category(admin, "Atlases")
    product(admin, "The Hobbit", 12.5, 3, category_id=books,
            attributes={"author": "Tolkien", "cover": "hard"})
    product(admin, "Silmarillion", 20, 1, category_id=books,
            attributes={"author": "Tolkien", "cover": "soft"})
    product(admin, "Middle-earth atlas", 35.99, 2, category_id=atlases,
            attributes={"author": "Fonstad"})
    product(admin, "Bookmark", 1.25, 40)
    product(admin, "Sold out", 0.5, 0, category_id=atlases, attributes={"author": "Nobody"})
    product(admin, "Switched off", 99, 4, category_id=books, in_stock=False,
            attributes={"cover": "gold"})
    return {"books": books, "atlases": atlases}


def test_counts_visible_products_per_category_attribute_and_price(client, bookshop):
    answer = facets(client)
    assert answer["total"] == 4
    # By name, whatever the letter case; the bookmark has no category and is in none.
    assert answer["categories"] == [
        {"id": bookshop["atlases"], "name": "Atlases", "count": 1},
        {"id": bookshop["books"], "name": "books", "count": 2}]
    assert list(answer["attributes"]) == ["author", "cover"]
    assert values(answer["attributes"]["author"]) == [("Fonstad", 1), ("Tolkien", 2)]
    assert values(answer["attributes"]["cover"]) == [("hard", 1), ("soft", 1)]
    assert answer["price"] == {"min": 1.25, "max": 35.99}
    assert answer["options"] == {}


def test_the_listings_filters_narrow_every_count(client, bookshop):
    in_books = facets(client, {"category": bookshop["books"]})
    assert in_books["total"] == 2
    assert [entry["id"] for entry in in_books["categories"]] == [bookshop["books"]]
    assert in_books["price"] == {"min": 12.5, "max": 20}
    tolkien = facets(client, {"attr.author": "Tolkien", "attr.cover": "soft"})
    assert tolkien["total"] == 1
    assert values(tolkien["attributes"]["author"]) == [("Tolkien", 1)]
    cheap = facets(client, {"min_price": "1", "max_price": "15"})
    assert cheap["total"] == 2
    assert cheap["price"] == {"min": 1.25, "max": 12.5}
    text = facets(client, {"q": "ATLAS"})
    assert text["total"] == 1 and text["categories"][0]["name"] == "Atlases"
    nothing = facets(client, {"q": "no such book"})
    assert nothing == {"total": 0, "categories": [], "options": {}, "attributes": {},
                       "price": {"min": None, "max": None}}


def test_the_total_is_what_the_listing_lists(client, bookshop):
    for query in [{}, {"category": bookshop["books"]}, {"attr.author": "Tolkien"},
                  {"q": "o", "max_price": "30"}, {"size": "S"}]:
        listed = client.get("/products?" + urlencode(dict(query, limit=100)))
        assert listed.status == 200, listed
        assert facets(client, query)["total"] == len(listed.json["items"]), query


def test_a_listings_query_string_passes_unchanged(client, bookshop):
    page = client.get("/products?limit=1&sort=-price")
    assert page.status == 200
    query = {"limit": "1", "sort": "-price", "cursor": page.json["next_cursor"]}
    assert facets(client, query) == facets(client)
    for bad in [{"sort": "colour"}, {"limit": "0"}, {"cursor": "nonsense"}]:
        assert error_field(client.get("/products/facets?" + urlencode(bad))) == list(bad)[0]


def test_include_hidden_is_refused_even_to_admins(client, admin, bookshop):
    for caller in (client, admin):
        for value in ("true", "false"):
            response = caller.get("/products/facets?include_hidden=" + value)
            assert error_field(response) == "include_hidden"


def test_bad_filters_are_400_naming_them(client):
    for query, field in [("category=123", "category"), ("min_price=-1", "min_price"),
                         ("min_price=5&max_price=1", "min_price"), ("max_price=1e3", "max_price"),
                         ("attr.Author=x", "attr.Author"), ("colour=red", "colour"),
                         ("size=" + "x" * 21, "size")]:
        assert error_field(client.get("/products/facets?" + query)) == field, query


def test_counts_follow_the_catalog(client, admin, bookshop):
    before = facets(client)
    hobbit = client.get("/products?q=hobbit").json["items"][0]["id"]
    assert admin.patch("/products/" + hobbit, {"stock": 0}).status == 200
    after = facets(client)
    assert after["total"] == before["total"] - 1
    assert values(after["attributes"]["author"]) == [("Fonstad", 1), ("Tolkien", 1)]
    assert "hard" not in dict(values(after["attributes"]["cover"]))


def test_the_route_is_not_a_product_id(client, bookshop):
    """/products/facets is its own route on every host, not /products/{product_id}."""
    assert client.get("/products/facets").status == 200
    response = client.request("OPTIONS", "/products/facets")
    assert response.status == 204 and response.header("Allow") == "GET"
    # The other methods of /products/{product_id} still read "facets" as a malformed id.
    assert client.request("PATCH", "/products/facets", body={}).status in (401, 404, 405)


def test_anonymous_answers_are_cacheable(client, admin, bookshop):
    response = client.get("/products/facets?category=" + bookshop["books"])
    assert response.status == 200
    tag = response.header("ETag")
    assert tag == '"%s"' % hashlib.sha256(response.body).hexdigest()
    assert response.header("Cache-Control").startswith("public, max-age=")
    again = client.get("/products/facets?category=" + bookshop["books"],
                       headers={"If-None-Match": tag})
    assert again.status == 304 and again.body == b""
    assert admin.get("/products/facets").header("Cache-Control") == "no-store"
    product(admin, "Unfinished Tales", 15, 2, category_id=bookshop["books"])
    changed = client.get("/products/facets?category=" + bookshop["books"],
                         headers={"If-None-Match": tag})
    assert changed.status == 200 and changed.json["total"] == 3


def test_option_values_count_products_with_a_purchasable_variant(client, admin, test_database):
    clothes = category(admin, "Clothes")
    products_collection(test_database).insert_many([
        # M twice counts the T-shirt once; M/blue is sold out and L/blue switched off.
        variant_document("T-shirt", clothes, [
            variant("S", "red", 2), variant("M", "red", 3), variant("M", "blue", 0),
            variant("L", "blue", 4, in_stock=False)], attributes=[("brand", "Acme")]),
        variant_document("Hoodie", clothes, [variant("M", "blue", 1, price_cents=4000)]),
        # A product switched off counts nowhere, whatever its variants hold.
        variant_document("Hidden", clothes, [variant("XL", "red", 7)], in_stock=False),
        # Every variant sold out: the product is hidden.
        variant_document("Gone", clothes, [variant("XL", "blue", 0)]),
    ])
    answer = facets(client)
    assert answer["total"] == 2
    assert list(answer["options"]) == ["colour", "size"]
    assert values(answer["options"]["size"]) == [("M", 2), ("S", 1)]
    assert values(answer["options"]["colour"]) == [("blue", 1), ("red", 1)]
    assert answer["categories"] == [{"id": clothes, "name": "Clothes", "count": 2}]
    assert answer["price"] == {"min": 15, "max": 40}
    cheap = facets(client, {"max_price": "20"})
    assert cheap["total"] == 1
    assert values(cheap["options"]["size"]) == [("M", 1), ("S", 1)]


def test_documents_written_before_variants_count(client, admin, test_database):
    shelf = category(admin, "Shelf")
    products_collection(test_database).insert_many([
        old_document("Old lamp", shelf, 1999, 3, sizes=["S"], attributes=[("material", "tin")]),
        old_document("Old sold out", shelf, 500, 0, attributes=[("material", "wood")]),
        variant_document("New lamp", shelf, [variant("M", "red", 1, price_cents=2500)],
                         attributes=[("material", "tin")]),
    ])
    answer = facets(client)
    assert answer["total"] == 2
    assert answer["categories"] == [{"id": shelf, "name": "Shelf", "count": 2}]
    assert values(answer["attributes"]["material"]) == [("tin", 2)]
    assert answer["price"] == {"min": 19.99, "max": 25}
    # The old document's one default variant has no options.
    assert values(answer["options"]["size"]) == [("M", 1)]
    assert facets(client, {"size": "S"})["total"] == 1  # its v1 sizes still filter


def test_option_values_of_variants_made_through_the_api(client, admin):
    def shirt(name, variants):
        response = admin.post("/products", {"name": name, "price": 10,
                                            "options": {"size": ["S", "M", "L"]},
                                            "variants": variants})
        assert response.status == 201, response
        return response.json

    tee = shirt("Tee", [{"options": {"size": "S"}, "stock": 1},
                        {"options": {"size": "M"}, "stock": 0},
                        {"options": {"size": "L"}, "stock": 2, "in_stock": False}])
    shirt("Polo", [{"options": {"size": "M"}, "stock": 4, "price": 25}])
    answer = facets(client)
    assert values(answer["options"]["size"]) == [("M", 1), ("S", 1)]  # sold out, switched off
    assert answer["price"] == {"min": 10, "max": 25}
    assert values(facets(client, {"size": "M"})["options"]["size"]) == [("M", 1)]
    medium = next(v for v in tee["variants"] if v["options"] == {"size": "M"})
    response = admin.patch("/products/%s/variants/%s" % (tee["id"], medium["id"]), {"stock": 3})
    assert response.status == 200, response
    assert values(facets(client)["options"]["size"]) == [("M", 2), ("S", 1)]
