"""Store.product_facets() through the Python package: filters as keywords or a dict, the
answer's shape and order, the exception tree for bad filters and include_hidden, sessions, one
round trip, and calls from many threads."""

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
    return make_session(store, "facets_admin", admin=True)


@pytest.fixture
def shelves(admin):
    books = admin.create_category(name="books")["id"]
    atlases = admin.create_category(name="Atlases")["id"]
    admin.create_product(name="Hobbit", price=12.5, stock=3, category_id=books,
                         attributes={"author": "Tolkien"})
    admin.create_product(name="Silmarillion", price=20, stock=1, category_id=books,
                         attributes={"author": "Tolkien"})
    admin.create_product(name="Atlas", price=35.99, stock=2, category_id=atlases,
                         attributes={"author": "Fonstad"})
    admin.create_product(name="Sold out", price=1, stock=0, category_id=atlases,
                         attributes={"author": "Nobody"})
    return {"books": books, "atlases": atlases}


def test_counts_and_their_order(store, shelves):
    assert store.product_facets() == {
        "total": 3,
        "categories": [{"id": shelves["atlases"], "name": "Atlases", "count": 1},
                       {"id": shelves["books"], "name": "books", "count": 2}],
        "options": {},
        "attributes": {"author": [{"value": "Fonstad", "count": 1},
                                  {"value": "Tolkien", "count": 2}]},
        "price": {"min": 12.5, "max": 35.99},
    }


def test_filters_as_keywords_a_dict_or_url_strings(store, shelves):
    assert store.product_facets(category=shelves["books"])["total"] == 2
    assert store.product_facets({"attr.author": "Fonstad"})["total"] == 1
    assert store.product_facets({"max_price": "15"}, q="o")["price"] == {"min": 12.5,
                                                                         "max": 12.5}
    empty = store.product_facets(q="nothing like it")
    assert empty["total"] == 0 and empty["price"] == {"min": None, "max": None}
    # A listing's own parameters are accepted and change nothing.
    assert store.product_facets(sort="-price", limit=1) == store.product_facets()


@pytest.mark.parametrize("query, field", [
    ({"include_hidden": True}, "include_hidden"),
    ({"include_hidden": False}, "include_hidden"),
    ({"category": "123"}, "category"),
    ({"category": {"$ne": None}}, "category"),
    ({"min_price": -1}, "min_price"),
    ({"attr.Bad": "x"}, "attr.Bad"),
    ({"colour": "red"}, "colour"),
    ({"cursor": "nonsense"}, "cursor"),
])
def test_bad_filters_raise_validation_errors_naming_them(store, admin, query, field):
    for call in (store.product_facets, admin.product_facets):
        with pytest.raises(libstore.ValidationError) as caught:
            call(query)
        assert caught.value.field == field


def test_a_session_is_rechecked_and_changes_nothing(store, admin, shelves, test_database):
    from conftest import open_store

    assert admin.product_facets() == store.product_facets(session=admin) == store.product_facets()
    with pytest.raises(libstore.ValidationError) as caught:
        open_store(test_database).product_facets(session=admin)
    assert caught.value.field == "session"
    with pytest.raises(TypeError):
        store.product_facets(session="not a session")
    admin.logout()
    with pytest.raises(libstore.UnauthenticatedError):
        store.product_facets(session=admin)


def test_one_aggregate_and_nothing_else(store, shelves):
    before = store.stats()["commands"]
    store.product_facets(category=shelves["books"], min_price="1")
    after = store.stats()["commands"]
    sent = {name: after[name] - before.get(name, 0) for name in after
            if after[name] != before.get(name, 0)}
    assert sent == {"aggregate": 1}


def test_the_product_indexes_behind_it(store, test_database):
    indexes = test_database.client()[test_database.database]["products"].index_information()
    assert indexes["visible_price"]["key"] == [("in_stock", 1), ("stock", 1), ("price_cents", 1)]
    assert indexes["variant_options"]["key"] == [("variants.options.k", 1),
                                                 ("variants.options.v", 1)]


def test_from_many_threads(store, shelves):
    expected = store.product_facets()
    errors = []

    def read():
        try:
            for _ in range(10):
                assert store.product_facets() == expected
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
