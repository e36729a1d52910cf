"""The catalog through the Python package: dicts and keywords in, dicts out, the exception
tree, hidden products, filters, sorts, pages under concurrent inserts, round trips."""

import threading

import pytest

import libstore

PASSWORD = "password-123"


def make_session(store, username, admin):
    fields = dict(username=username, email=username + "@example.com", password=PASSWORD)
    store.create_admin(**fields) if admin else store.register(**fields)
    token = store.login(username=username, password=PASSWORD)["access_token"]
    return store.session(token)


@pytest.fixture
def admin(store):
    return make_session(store, "catalog_admin", admin=True)


@pytest.fixture
def client(store):
    return make_session(store, "catalog_client", admin=False)


def names(page):
    return [item["name"] for item in page["items"]]


# Categories


def test_category_crud(store, admin):
    created = admin.create_category(name="Books", description="Paper")
    assert set(created) == {"id", "name", "description", "created_at", "updated_at"}
    assert store.get_category(created["id"]) == created
    updated = admin.update_category(created["id"], description=None)
    assert updated["description"] is None and updated["name"] == "Books"
    assert names(store.list_categories()) == ["Books"]
    admin.delete_category(created["id"])
    with pytest.raises(libstore.NotFoundError):
        store.get_category(created["id"])


def test_category_name_is_unique_in_any_case(admin):
    admin.create_category({"name": "Books"})
    with pytest.raises(libstore.ConflictError) as caught:
        admin.create_category(name="bOoKs")
    assert caught.value.field == "name"
    assert caught.value.code == "conflict"


@pytest.mark.parametrize("fields, field", [
    ({}, "name"),
    ({"name": ""}, "name"),
    ({"name": "x" * 101}, "name"),
    ({"name": "A", "description": 3}, "description"),
    ({"name": "A", "slug": "a"}, "slug"),
])
def test_category_validation(admin, fields, field):
    with pytest.raises(libstore.ValidationError) as caught:
        admin.create_category(**fields)
    assert caught.value.field == field


def test_category_with_products_cannot_be_deleted(admin):
    category = admin.create_category(name="Lamps")
    product = admin.create_product(name="Lamp", price=5, stock=1, category_id=category["id"])
    with pytest.raises(libstore.ConflictError):
        admin.delete_category(category["id"])
    admin.delete_product(product["id"])
    admin.delete_category(category["id"])


def test_category_listing_pages(store, admin):
    for name in ["delta", "Alpha", "charlie", "Echo", "bravo"]:
        admin.create_category(name=name)
    first = store.list_categories(limit=2)
    assert names(first) == ["Alpha", "bravo"]
    second = store.list_categories(limit="2", cursor=first["next_cursor"])
    assert names(second) == ["charlie", "delta"]
    third = store.list_categories(limit=2, cursor=second["next_cursor"])
    assert names(third) == ["Echo"] and third["next_cursor"] is None


# Products


def test_product_shape_and_exact_money(store, admin):
    product = admin.create_product(name="Lamp", price=19.99, stock=3)
    assert list(product) == ["id", "name", "description", "price", "stock", "in_stock",
                             "category_id", "image_url", "sizes", "attributes", "options",
                             "variants", "images", "created_at", "updated_at"]
    assert product["price"] == 19.99
    assert (product["description"], product["category_id"], product["image_url"]) == (
        None, None, None)
    assert product["sizes"] == [] and product["attributes"] == {}
    assert product["in_stock"] is True
    assert store.get_product(product["id"]) == product
    with pytest.raises(libstore.ValidationError) as caught:
        admin.create_product(name="Bad", price=19.999, stock=1)
    assert caught.value.field == "price"


@pytest.mark.parametrize("field, value", [
    ("name", ""),
    ("name", "x" * 201),
    ("price", 0),
    ("price", -5),
    ("price", "19.99"),
    ("stock", -1),
    ("stock", 2.5),
    ("stock", True),
    ("description", "x" * 5001),
    ("category_id", "65a0c0ffee0000000000abcd"),
    ("category_id", "nope"),
    ("image_url", "javascript:alert(1)"),
    ("sizes", "M"),
    ("sizes", ["M", "x" * 21]),
    ("sizes", ["S"] * 51),
    ("attributes", {"Author": "x"}),
    ("attributes", {"author": 5}),
    ("attributes", {"author": {"$ne": None}}),
    ("attributes", {"k%d" % i: "v" for i in range(21)}),
    ("attributes", ["author"]),
    ("in_stock", "yes"),
    ("colour", "red"),
    ("id", "65a0c0ffee0000000000abcd"),
])
def test_each_bad_product_field_is_named(admin, field, value):
    fields = dict(name="Lamp", price=5, stock=1)
    fields[field] = value
    with pytest.raises(libstore.ValidationError) as caught:
        admin.create_product(fields)
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_update_is_partial_with_the_same_rules(admin):
    product = admin.create_product(name="Lamp", price=5, stock=4, sizes=["M"],
                                   description="Brass")
    updated = admin.update_product(product["id"], price=7.5, sizes=None)
    assert updated["price"] == 7.5
    assert updated["sizes"] == []
    assert updated["stock"] == 4 and updated["description"] == "Brass"
    with pytest.raises(libstore.ValidationError) as caught:
        admin.update_product(product["id"])
    assert caught.value.field is None
    with pytest.raises(libstore.ValidationError) as caught:
        admin.update_product(product["id"], stock=-1)
    assert caught.value.field == "stock"


def test_writes_are_for_admins_only(store, admin, client):
    category = admin.create_category(name="Lamps")
    product = admin.create_product(name="Lamp", price=5, stock=1)
    calls = [
        lambda: client.create_category(name="X"),
        lambda: client.update_category(category["id"], name="X"),
        lambda: client.delete_category(category["id"]),
        lambda: client.create_product(name="X", price=1, stock=1),
        lambda: client.update_product(product["id"], stock=9),
        lambda: client.delete_product(product["id"]),
    ]
    for call in calls:
        with pytest.raises(libstore.ForbiddenError):
            call()
    assert store.get_product(product["id"])["stock"] == 1


def test_hidden_products_are_for_admins_only(store, admin, client):
    admin.create_product(name="Shown", price=1, stock=1)
    sold_out = admin.create_product(name="Sold out", price=1, stock=0)
    off = admin.create_product(name="Off", price=1, stock=3, in_stock=False)
    assert names(store.list_products()) == ["Shown"]
    assert names(client.list_products()) == ["Shown"]
    assert names(store.list_products(session=client)) == ["Shown"]
    assert names(admin.list_products()) == ["Shown"]
    assert names(admin.list_products(include_hidden=True)) == ["Off", "Shown", "Sold out"]
    assert names(store.list_products(session=admin, include_hidden="true")) == [
        "Off", "Shown", "Sold out"]
    for hidden in (sold_out, off):
        with pytest.raises(libstore.NotFoundError):
            store.get_product(hidden["id"])
        with pytest.raises(libstore.NotFoundError):
            client.get_product(hidden["id"])
        assert admin.get_product(hidden["id"])["id"] == hidden["id"]
        assert store.get_product(hidden["id"], session=admin)["id"] == hidden["id"]
    with pytest.raises(libstore.UnauthenticatedError):
        store.list_products(include_hidden=True)
    with pytest.raises(libstore.ForbiddenError):
        client.list_products(include_hidden=True)


@pytest.mark.parametrize("product_id", ["", "abc", "z" * 24, "65a0c0ffee0000000000abcd"])
def test_malformed_or_unknown_ids_are_not_found(store, admin, product_id):
    with pytest.raises(libstore.NotFoundError):
        store.get_product(product_id)
    with pytest.raises(libstore.NotFoundError):
        store.get_category(product_id)
    with pytest.raises(libstore.NotFoundError):
        admin.update_product(product_id, stock=1)
    with pytest.raises(libstore.NotFoundError):
        admin.delete_category(product_id)


@pytest.fixture
def shelf(admin):
    books = admin.create_category(name="Books")
    admin.create_product(name="The Hobbit", price=12.5, stock=3, category_id=books["id"],
                         description="There and back again",
                         attributes={"author": "Tolkien", "year": "1937"})
    admin.create_product(name="Silmarillion", price=30, stock=1, category_id=books["id"],
                         attributes={"author": "Tolkien", "year": "1977"})
    admin.create_product(name="Shirt a.*b", price=20, stock=9, sizes=["S", "M"],
                         description="Costs $20.*")
    admin.create_product(name="Shirt axxb", price=21, stock=9)
    return books


@pytest.mark.parametrize("query, expected", [
    ({"q": "hobbit"}, ["The Hobbit"]),
    ({"q": "BACK AGAIN"}, ["The Hobbit"]),
    ({"q": "a.*b"}, ["Shirt a.*b"]),
    ({"q": ".*"}, ["Shirt a.*b"]),
    ({"q": "$20.*"}, ["Shirt a.*b"]),
    ({"q": "^Shirt"}, []),
    ({"q": "["}, []),
    ({"min_price": "20"}, ["Shirt a.*b", "Shirt axxb", "Silmarillion"]),
    ({"max_price": 20}, ["Shirt a.*b", "The Hobbit"]),
    ({"min_price": 12.5, "max_price": "12.50"}, ["The Hobbit"]),
    ({"size": "M"}, ["Shirt a.*b"]),
    ({"attr.author": "Tolkien"}, ["Silmarillion", "The Hobbit"]),
    ({"attr.author": "Tolkien", "attr.year": "1977"}, ["Silmarillion"]),
    ({"attr.author": "tolkien"}, []),
    ({"sort": "name"}, ["Shirt a.*b", "Shirt axxb", "Silmarillion", "The Hobbit"]),
    ({"sort": "-name"}, ["The Hobbit", "Silmarillion", "Shirt axxb", "Shirt a.*b"]),
    ({"sort": "price"}, ["The Hobbit", "Shirt a.*b", "Shirt axxb", "Silmarillion"]),
    ({"sort": "-price"}, ["Silmarillion", "Shirt axxb", "Shirt a.*b", "The Hobbit"]),
    ({"sort": "created_at"}, ["The Hobbit", "Silmarillion", "Shirt a.*b", "Shirt axxb"]),
    ({"sort": "-created_at"}, ["Shirt axxb", "Shirt a.*b", "Silmarillion", "The Hobbit"]),
])
def test_every_filter_and_sort(store, shelf, query, expected):
    assert names(store.list_products(query)) == expected


def test_category_filter(store, shelf):
    assert names(store.list_products(category=shelf["id"])) == ["Silmarillion", "The Hobbit"]


@pytest.mark.parametrize("query, field", [
    ({"limit": 0}, "limit"),
    ({"limit": 101}, "limit"),
    ({"limit": "0"}, "limit"),
    ({"limit": "101"}, "limit"),
    ({"sort": "rating"}, "sort"),
    ({"colour": "red"}, "colour"),
    ({"attr.Author": "x"}, "attr.Author"),
    ({"min_price": "cheap"}, "min_price"),
    ({"q": {"$regex": ".*"}}, "q"),
    ({"category": "nope"}, "category"),
    ({"cursor": "garbage!"}, "cursor"),
])
def test_bad_queries_are_named(store, query, field):
    with pytest.raises(libstore.ValidationError) as caught:
        store.list_products(query)
    assert caught.value.field == field


@pytest.mark.parametrize("sort", ["name", "-name", "price", "-price", "created_at",
                                  "-created_at"])
def test_pages_never_skip_or_repeat_under_inserts(store, admin, sort):
    originals = {admin.create_product(name="m%d" % (i % 4), price=10 + i % 3, stock=1)["id"]
                 for i in range(10)}
    seen = []
    query = {"sort": sort, "limit": 3}
    pages = 0
    while True:
        page = store.list_products(query)
        pages += 1
        seen.extend(item["id"] for item in page["items"])
        if page["next_cursor"] is None:
            break
        query["cursor"] = page["next_cursor"]
        # One that sorts before and one that sorts after the cursor, in every order.
        admin.create_product(name="a%d" % pages, price=1, stock=1)
        admin.create_product(name="z%d" % pages, price=99, stock=1)
        assert pages < 30
    assert pages >= 4
    assert len(seen) == len(set(seen)), "an item was repeated"
    assert originals <= set(seen), "an item was skipped"


def test_a_page_of_one_hundred_is_one_round_trip(store, admin, test_database):
    for i in range(101):
        admin.create_product(name="P%03d" % i, price=i + 1, stock=1)
    before = store.stats()["commands"]
    page = store.list_products(limit=100, sort="-price")
    after = store.stats()["commands"]
    assert len(page["items"]) == 100 and page["next_cursor"]
    sent = {name: after[name] - before.get(name, 0) for name in after
            if after[name] != before.get(name, 0)}
    assert sent == {"find": 1}


def test_session_of_another_store_is_refused(store, admin, test_database):
    from conftest import open_store

    other = open_store(test_database)
    with pytest.raises(libstore.ValidationError) as caught:
        other.list_products(session=admin)
    assert caught.value.field == "session"
    with pytest.raises(TypeError):
        store.list_products(session="not a session")


def test_listings_from_many_threads(store, admin):
    admin.create_product(name="Lamp", price=5, stock=1)
    errors = []

    def read():
        try:
            for _ in range(20):
                assert names(store.list_products()) == ["Lamp"]
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
