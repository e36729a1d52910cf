// The catalog over the real MongoDB adapters: storage layout, the unique name index, every
// filter and sort as a MongoDB query, keyset pages under concurrent inserts, and one round trip
// per page.
#include <gtest/gtest.h>

#include <mongoc/mongoc.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "code_of.hpp"
#include "core/error.hpp"
#include "database_environment.hpp"

namespace libstore::testing {
namespace {

using Names = std::vector<std::string>;

class CatalogIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        Value admin_body = Value::object();
        admin_body.set("username", "catalog_admin")
            .set("email", "catalog_admin@example.com")
            .set("password", "password-123");
        store_->accounts().create_admin(admin_body);
        Value token = store_->accounts().login(
            Value::object().set("username", "catalog_admin").set("password", "password-123"));
        admin_ = store_->accounts().open_session(token.find("access_token")->as_string());
    }

    CatalogService &catalog() { return store_->catalog(); }

    std::string category(const std::string &name) {
        return catalog()
            .create_category(admin_, Value::object().set("name", name))
            .find("id")
            ->as_string();
    }

    std::string product(const std::string &name, Value price, std::int64_t stock = 5,
                        Value extra = Value::object()) {
        Value body = Value::object();
        body.set("name", name).set("price", std::move(price)).set("stock", stock);
        for (auto &[key, value] : extra.as_object()) {
            body.set(key, value);
        }
        return catalog().create_product(admin_, body).find("id")->as_string();
    }

    Names public_names(Value query) {
        Names names;
        Value page = catalog().list_products(nullptr, query);
        for (const auto &item : page.find("items")->as_array()) {
            names.push_back(item.find("name")->as_string());
        }
        return names;
    }

    Session admin_;
};

// The stored document of a product, read with the driver directly.
template <typename Check>
void with_stored_product(const std::string &id, Check &&check) {
    mongoc_client_t *client = mongoc_client_new(test_store_config().uri.c_str());
    ASSERT_NE(client, nullptr);
    mongoc_collection_t *products =
        mongoc_client_get_collection(client, test_store_config().database.c_str(), "products");
    bson_t filter = BSON_INITIALIZER;
    bson_oid_t oid;
    bson_oid_init_from_string(&oid, id.c_str());
    BSON_APPEND_OID(&filter, "_id", &oid);
    mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(products, &filter, nullptr, nullptr);
    const bson_t *document = nullptr;
    bool found = mongoc_cursor_next(cursor, &document);
    EXPECT_TRUE(found);
    if (found) {
        check(document);
    }
    mongoc_cursor_destroy(cursor);
    bson_destroy(&filter);
    mongoc_collection_destroy(products);
    mongoc_client_destroy(client);
}

TEST_F(CatalogIntegrationTest, MoneyIsStoredAsInt64CentsAndShownExactly) {
    std::string books = category("Books");
    Value extra = Value::object();
    extra.set("category_id", books)
        .set("attributes", Value::object().set("author", "Tolkien"))
        .set("sizes", Value(Value::Array{Value("S"), Value("M")}));
    std::string id = product("Lamp", 19.99, 3, extra);
    with_stored_product(id, [&](const bson_t *document) {
        bson_iter_t iter;
        ASSERT_TRUE(bson_iter_init_find(&iter, document, "price_cents"));
        EXPECT_EQ(bson_iter_type(&iter), BSON_TYPE_INT64);
        EXPECT_EQ(bson_iter_int64(&iter), 1999);
        ASSERT_TRUE(bson_iter_init_find(&iter, document, "category_id"));
        EXPECT_EQ(bson_iter_type(&iter), BSON_TYPE_OID);
        ASSERT_TRUE(bson_iter_init_find(&iter, document, "created_at"));
        EXPECT_EQ(bson_iter_type(&iter), BSON_TYPE_DATE_TIME);
        ASSERT_TRUE(bson_iter_init_find(&iter, document, "name_lower"));
        EXPECT_STREQ(bson_iter_utf8(&iter, nullptr), "lamp");
    });
    Value shown = catalog().get_product(nullptr, id);
    EXPECT_EQ(shown.find("price")->as_real(), 19.99);
    EXPECT_EQ(shown.find("category_id")->as_string(), books);
    EXPECT_EQ(shown.find("attributes")->find("author")->as_string(), "Tolkien");
    EXPECT_EQ(shown.find("sizes")->as_array().size(), 2u);
    std::string field;
    EXPECT_EQ(code_of([&] { product("Bad", 19.999); }, &field), ErrorCode::invalid_argument);
    EXPECT_EQ(field, "price");
}

TEST_F(CatalogIntegrationTest, CategoryRulesHoldInTheDatabase) {
    std::string books = category("Books");
    std::string field;
    EXPECT_EQ(code_of([&] { category("bOOKS"); }, &field), ErrorCode::conflict);
    EXPECT_EQ(field, "name");
    std::string music = category("Music");
    EXPECT_EQ(
        code_of(
            [&] { catalog().update_category(admin_, music, Value::object().set("name", "BOOKS")); },
            &field),
        ErrorCode::conflict);
    EXPECT_EQ(field, "name");
    EXPECT_EQ(catalog().get_category(music).find("name")->as_string(), "Music");

    std::string lamp = product("Lamp", 5, 1, Value::object().set("category_id", books));
    EXPECT_EQ(code_of([&] { catalog().delete_category(admin_, books); }), ErrorCode::conflict);
    catalog().delete_product(admin_, lamp);
    catalog().delete_category(admin_, books);
    EXPECT_EQ(code_of([&] { catalog().get_category(books); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { catalog().get_product(&admin_, lamp); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { catalog().get_category("not-an-id"); }), ErrorCode::not_found);
    EXPECT_EQ(code_of([&] { catalog().get_product(nullptr, "65a0c0ffee0000000000abcd"); }),
              ErrorCode::not_found);
}

TEST_F(CatalogIntegrationTest, UpdateSetsOnlyGivenFields) {
    std::string id = product("Lamp", 10, 4, Value::object().set("description", "Brass"));
    Value updated = catalog().update_product(
        admin_, id, Value::object().set("name", "Desk LAMP").set("image_url", "https://x.io/a"));
    EXPECT_EQ(updated.find("name")->as_string(), "Desk LAMP");
    EXPECT_EQ(updated.find("description")->as_string(), "Brass");
    EXPECT_EQ(updated.find("stock")->as_integer(), 4);
    EXPECT_EQ(updated.find("price")->as_real(), 10.0);
    with_stored_product(id, [](const bson_t *document) {
        bson_iter_t iter;
        ASSERT_TRUE(bson_iter_init_find(&iter, document, "name_lower"));
        EXPECT_STREQ(bson_iter_utf8(&iter, nullptr), "desk lamp");
    });
    EXPECT_EQ(code_of([&] {
                  catalog().update_product(admin_, "65a0c0ffee0000000000abcd",
                                           Value::object().set("stock", 1));
              }),
              ErrorCode::not_found);
}

TEST_F(CatalogIntegrationTest, HiddenProductsAreForAdminsOnly) {
    product("Shown", 5, 2);
    std::string sold_out = product("Sold out", 5, 0);
    std::string off = product("Off", 5, 2, Value::object().set("in_stock", false));
    EXPECT_EQ(public_names(Value::object()), (Names{"Shown"}));
    Value all = catalog().list_products(&admin_, Value::object().set("include_hidden", "true"));
    EXPECT_EQ(all.find("items")->as_array().size(), 3u);
    for (const auto &id : {sold_out, off}) {
        EXPECT_EQ(code_of([&] { catalog().get_product(nullptr, id); }), ErrorCode::not_found);
        EXPECT_EQ(catalog().get_product(&admin_, id).find("id")->as_string(), id);
    }
}

TEST_F(CatalogIntegrationTest, EveryFilterAsADatabaseQuery) {
    std::string books = category("Books");
    std::string clothes = category("Clothes");
    Value hobbit = Value::object();
    hobbit.set("category_id", books)
        .set("description", "There and back again")
        .set("attributes", Value::object().set("author", "Tolkien").set("year", "1937"));
    product("The Hobbit", 12.5, 3, hobbit);
    Value silmarillion = Value::object();
    silmarillion.set("category_id", books)
        .set("attributes", Value::object().set("author", "Tolkien").set("year", "1977"));
    product("Silmarillion", 30, 1, silmarillion);
    Value shirt = Value::object();
    shirt.set("category_id", clothes)
        .set("sizes", Value(Value::Array{Value("S"), Value("M")}))
        .set("description", "Costs $20.* (ÉLAN)");
    product("Shirt a.*b", 20, 9, shirt);
    product("Shirt axxb", 21, 9, Value::object().set("category_id", clothes));

    EXPECT_EQ(public_names(Value::object().set("category", books)),
              (Names{"Silmarillion", "The Hobbit"}));
    EXPECT_TRUE(public_names(Value::object().set("category", "65a0c0ffee0000000000abcd")).empty());
    EXPECT_EQ(public_names(Value::object().set("q", "hobbit")), (Names{"The Hobbit"}));
    EXPECT_EQ(public_names(Value::object().set("q", "BACK again")), (Names{"The Hobbit"}));
    // Non-ASCII text passes through the escaping intact. (Whether "é" also finds "É" is the
    // server's regex engine's business; ASCII case-insensitivity is what every server gives.)
    EXPECT_EQ(public_names(Value::object().set("q", "(ÉLAN)")), (Names{"Shirt a.*b"}));
    // Regex characters are plain text: ".*" matches only a literal ".*".
    EXPECT_EQ(public_names(Value::object().set("q", "a.*b")), (Names{"Shirt a.*b"}));
    EXPECT_EQ(public_names(Value::object().set("q", "$20.*")), (Names{"Shirt a.*b"}));
    EXPECT_TRUE(public_names(Value::object().set("q", ".*")).size() == 1);
    EXPECT_TRUE(public_names(Value::object().set("q", "^The")).empty());
    EXPECT_EQ(public_names(Value::object().set("q", "(")), (Names{"Shirt a.*b"}));
    EXPECT_TRUE(public_names(Value::object().set("q", "[")).empty());
    EXPECT_TRUE(public_names(Value::object().set("q", "\\")).empty());
    EXPECT_EQ(public_names(Value::object().set("min_price", "20")),
              (Names{"Shirt a.*b", "Shirt axxb", "Silmarillion"}));
    EXPECT_EQ(public_names(Value::object().set("max_price", 20)),
              (Names{"Shirt a.*b", "The Hobbit"}));
    EXPECT_EQ(public_names(Value::object().set("min_price", "12.5").set("max_price", 12.5)),
              (Names{"The Hobbit"}));
    EXPECT_EQ(public_names(Value::object().set("size", "M")), (Names{"Shirt a.*b"}));
    EXPECT_TRUE(public_names(Value::object().set("size", "XL")).empty());
    EXPECT_EQ(public_names(Value::object().set("attr.author", "Tolkien")),
              (Names{"Silmarillion", "The Hobbit"}));
    EXPECT_EQ(public_names(Value::object().set("attr.author", "Tolkien").set("attr.year", "1937")),
              (Names{"The Hobbit"}));
    // A pair must match within one attribute: author=1937 is no match.
    EXPECT_TRUE(public_names(Value::object().set("attr.author", "1937")).empty());
    EXPECT_EQ(public_names(Value::object().set("category", clothes).set("sort", "-price")),
              (Names{"Shirt axxb", "Shirt a.*b"}));
}

TEST_F(CatalogIntegrationTest, EverySortOrderAsADatabaseQuery) {
    product("banana", 3, 1);
    product("Apple", 2, 1);
    product("cherry", 1, 1);
    EXPECT_EQ(public_names(Value::object()), (Names{"Apple", "banana", "cherry"}));
    EXPECT_EQ(public_names(Value::object().set("sort", "-name")),
              (Names{"cherry", "banana", "Apple"}));
    EXPECT_EQ(public_names(Value::object().set("sort", "price")),
              (Names{"cherry", "Apple", "banana"}));
    EXPECT_EQ(public_names(Value::object().set("sort", "-price")),
              (Names{"banana", "Apple", "cherry"}));
    // Creation may share a millisecond; the id (made in creation order) breaks the tie.
    EXPECT_EQ(public_names(Value::object().set("sort", "created_at")),
              (Names{"banana", "Apple", "cherry"}));
    EXPECT_EQ(public_names(Value::object().set("sort", "-created_at")),
              (Names{"cherry", "Apple", "banana"}));
}

// Pages through every sort order while products that sort before and after the current
// position are added between page fetches: every product that existed at the start is seen
// exactly once.
TEST_F(CatalogIntegrationTest, CursorPagesNeverSkipOrRepeatUnderInserts) {
    std::map<std::string, std::string> originals;  // id -> name
    const char *names[] = {"mango", "Mango", "kiwi",  "lime", "melon",  "nectarine",
                           "lemon", "MELON", "olive", "nut",  "lychee", "mint"};
    for (int i = 0; i < 12; ++i) {
        // Shared prices and names (in other letter cases) make the id tie-break matter.
        std::string id = product(names[i], 10 + (i % 3), 1);
        originals[id] = names[i];
    }
    int inserted = 0;
    for (const char *sort : {"name", "-name", "price", "-price", "created_at", "-created_at"}) {
        SCOPED_TRACE(sort);
        std::vector<std::string> added;
        std::multiset<std::string> seen;
        Value query = Value::object().set("sort", sort).set("limit", 4);
        int pages = 0;
        while (true) {
            Value page = catalog().list_products(nullptr, query);
            ++pages;
            for (const auto &item : page.find("items")->as_array()) {
                seen.insert(item.find("id")->as_string());
            }
            if (page.find("next_cursor")->is_null()) {
                break;
            }
            query.set("cursor", *page.find("next_cursor"));
            // Before and after the cursor in every order: lowest and highest names and prices,
            // and (being new) the latest creation time.
            ++inserted;
            added.push_back(product("aaa " + std::to_string(inserted), 1, 1));
            added.push_back(product("zzz " + std::to_string(inserted), 99, 1));
            added.push_back(product("mango", 10, 1));  // equal keys to an original, a later id
            ASSERT_LT(pages, 40);
        }
        EXPECT_GE(pages, 3);
        for (const auto &id : added) {
            catalog().delete_product(admin_, id);
        }
        for (const auto &[id, name] : originals) {
            EXPECT_EQ(seen.count(id), 1u) << name;
        }
        for (const auto &id : seen) {
            EXPECT_EQ(seen.count(id), 1u) << "repeated " << id;
        }
    }
}

TEST_F(CatalogIntegrationTest, APageOfOneHundredIsOneRoundTrip) {
    for (int i = 0; i < 105; ++i) {
        product("P" + std::to_string(1000 + i), 1 + i, 1);
    }
    count_from_here();
    Value page = catalog().list_products(nullptr, Value::object().set("limit", 100));
    EXPECT_EQ(page.find("items")->as_array().size(), 100u);
    EXPECT_TRUE(page.find("next_cursor")->is_string());
    EXPECT_EQ(round_trips("find"), 1);
    EXPECT_EQ(round_trips("getMore"), 0);
    EXPECT_EQ(round_trips("killCursors"), 0);

    // An admin's listing re-checks the session (its own round trip) and still reads one batch.
    count_from_here();
    catalog().list_products(&admin_, Value::object().set("limit", 100).set("sort", "-price"));
    EXPECT_EQ(round_trips("find"), 1);
    EXPECT_EQ(round_trips("getMore"), 0);

    count_from_here();
    Value rest = catalog().list_products(
        nullptr, Value::object().set("limit", 100).set("cursor", *page.find("next_cursor")));
    EXPECT_EQ(rest.find("items")->as_array().size(), 5u);
    EXPECT_EQ(round_trips("find"), 1);
}

TEST_F(CatalogIntegrationTest, CategoryListIsPagedByName) {
    for (const char *name : {"delta", "Alpha", "charlie", "Echo", "bravo"}) {
        category(name);
    }
    Names seen;
    Value query = Value::object().set("limit", "2");
    while (true) {
        Value page = catalog().list_categories(query);
        for (const auto &item : page.find("items")->as_array()) {
            seen.push_back(item.find("name")->as_string());
        }
        if (page.find("next_cursor")->is_null()) {
            break;
        }
        query.set("cursor", *page.find("next_cursor"));
        category("aardvark " + std::to_string(seen.size()));  // before the cursor: not shown
    }
    EXPECT_EQ(seen, (Names{"Alpha", "bravo", "charlie", "delta", "Echo"}));
}

}  // namespace
}  // namespace libstore::testing
