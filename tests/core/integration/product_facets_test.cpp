// GET /products/facets over the real adapters: the one aggregate counts what the core's rules
// (and the fake repository of the unit tests) count, over products written by the service, by
// hand in the documented variant shape (shape14.md), and in the shape written before variants;
// it selects exactly what the listing selects; it is one round trip; its indexes exist.
#include <gtest/gtest.h>

#include <mongoc/mongoc.h>

#include <set>

#include "database_environment.hpp"
#include "engine/open_store.hpp"

namespace libstore::testing {
namespace {

using Counts = std::vector<std::pair<std::string, std::int64_t>>;

Counts counts_of(const Value *list) {
    Counts result;
    if (list == nullptr) {
        return result;
    }
    for (const auto &entry : list->as_array()) {
        result.emplace_back(entry.find("value")->as_string(), entry.find("count")->as_integer());
    }
    return result;
}

class ProductFacetsIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store_->accounts().create_admin(Value::object()
                                            .set("username", "facets_admin")
                                            .set("email", "facets_admin@example.com")
                                            .set("password", "password-123"));
        Value token = store_->accounts().login(
            Value::object().set("username", "facets_admin").set("password", "password-123"));
        admin_ = store_->accounts().open_session(token.find("access_token")->as_string());
        client_ = mongoc_client_new(test_store_config().uri.c_str());
        ASSERT_NE(client_, nullptr);
        products_ =
            mongoc_client_get_collection(client_, test_store_config().database.c_str(), "products");
    }

    void TearDown() override {
        mongoc_collection_destroy(products_);
        mongoc_client_destroy(client_);
    }

    CatalogService &catalog() { return store_->catalog(); }

    std::string category(const std::string &name) {
        return catalog()
            .create_category(admin_, Value::object().set("name", name))
            .find("id")
            ->as_string();
    }

    std::string product(const std::string &name, double price, std::int64_t stock,
                        Value extra = Value::object()) {
        Value body = Value::object();
        body.set("name", name).set("price", price).set("stock", stock);
        for (auto &[key, value] : extra.as_object()) {
            body.set(key, value);
        }
        return catalog().create_product(admin_, body).find("id")->as_string();
    }

    // A document written straight into `products`, as (canonical extended) JSON.
    void insert_document(const std::string &json) {
        bson_error_t error;
        bson_t *document =
            bson_new_from_json(reinterpret_cast<const std::uint8_t *>(json.data()), -1, &error);
        ASSERT_NE(document, nullptr) << error.message << "\n" << json;
        bool inserted = mongoc_collection_insert_one(products_, document, nullptr, nullptr, &error);
        bson_destroy(document);
        ASSERT_TRUE(inserted) << error.message;
    }

    Value facets(Value query = Value::object()) { return catalog().product_facets(nullptr, query); }

    Session admin_;
    mongoc_client_t *client_ = nullptr;
    mongoc_collection_t *products_ = nullptr;
};

std::string oid(const std::string &hex) {
    return R"({"$oid": ")" + hex + R"("})";
}

std::string cents(std::int64_t value) {
    return R"({"$numberLong": ")" + std::to_string(value) + R"("})";
}

// A document of the product shape of #14: options, embedded variants and the derived
// price_cents and stock.
std::string variant_document(const std::string &name, bool in_stock, std::int64_t price,
                             std::int64_t stock, const std::string &category_id,
                             const std::string &variants) {
    return R"({"name": ")" + name + R"(", "name_lower": ")" + name + R"(", "price_cents": )" +
           cents(price) + R"(, "stock": )" + cents(stock) + R"(, "in_stock": )" +
           (in_stock ? "true" : "false") + R"(, "category_id": )" + oid(category_id) +
           R"(, "sizes": [], "attributes": [{"k": "brand", "v": "Acme"}],
              "options": [{"name": "size", "values": ["S", "M", "L", "XL"]},
                          {"name": "colour", "values": ["red", "blue"]}],
              "variants": [)" +
           variants + R"(], "revision": {"$numberLong": "1"},
              "created_at": {"$date": {"$numberLong": "1700000000000"}},
              "updated_at": {"$date": {"$numberLong": "1700000000000"}}})";
}

std::string variant(const char *size, const char *colour, std::int64_t stock, bool in_stock) {
    bson_oid_t id;
    bson_oid_init(&id, nullptr);
    char hex[25];
    bson_oid_to_string(&id, hex);
    return R"({"_id": )" + oid(hex) + R"(, "options": [{"k": "size", "v": ")" + size +
           R"("}, {"k": "colour", "v": ")" + colour + R"("}], "options_key": "size=)" + size +
           ",colour=" + colour + R"(", "price_cents": )" + cents(1500) + R"(, "stock": )" +
           cents(stock) + R"(, "in_stock": )" + (in_stock ? "true" : "false") + "}";
}

TEST_F(ProductFacetsIntegrationTest, CountsCategoriesAttributesAndPricesAsTheCoreDoes) {
    std::string books = category("books");
    std::string maps = category("Atlases");
    auto attributes = [](const char *author) { return Value::object().set("author", author); };
    product("Hobbit", 12.5, 3,
            Value::object().set("category_id", books).set("attributes", attributes("Tolkien")));
    product("Silmarillion", 20, 1,
            Value::object().set("category_id", books).set("attributes", attributes("Tolkien")));
    product("Middle-earth", 35.99, 2,
            Value::object().set("category_id", maps).set("attributes", attributes("Fonstad")));
    product("Bookmark", 1.25, 40);
    product("Sold out", 0.5, 0,
            Value::object().set("category_id", maps).set("attributes", attributes("Nobody")));
    product("Switched off", 99, 4,
            Value::object().set("category_id", books).set("in_stock", false));

    Value answer = facets();
    EXPECT_EQ(answer.find("total")->as_integer(), 4);
    Value::Array expected_categories{
        Value::object().set("id", maps).set("name", "Atlases").set("count", 1),
        Value::object().set("id", books).set("name", "books").set("count", 2)};
    EXPECT_EQ(*answer.find("categories"), Value(expected_categories));
    EXPECT_EQ(counts_of(answer.find("attributes")->find("author")),
              (Counts{{"Fonstad", 1}, {"Tolkien", 2}}));
    EXPECT_EQ(answer.find("attributes")->as_object().size(), 1u);
    EXPECT_EQ(*answer.find("price"), Value::object().set("min", 1.25).set("max", 35.99));
    EXPECT_EQ(*answer.find("options"), Value::object());

    Value nothing = facets(Value::object().set("q", "no such thing"));
    EXPECT_EQ(nothing.find("total")->as_integer(), 0);
    EXPECT_EQ(*nothing.find("price"), Value::object().set("min", nullptr).set("max", nullptr));
    EXPECT_TRUE(nothing.find("categories")->as_array().empty());
}

TEST_F(ProductFacetsIntegrationTest, OptionValuesCountProductsWithAPurchasableVariant) {
    std::string clothes = category("Clothes");
    // M twice in one product counts it once; a sold-out variant (M/blue) and a switched-off one
    // (L/blue) count for nothing.
    insert_document(
        variant_document("tshirt", true, 1500, 5, clothes,
                         variant("S", "red", 2, true) + "," + variant("M", "red", 3, true) + "," +
                             variant("M", "blue", 0, true) + "," + variant("L", "blue", 4, false)));
    insert_document(
        variant_document("hoodie", true, 4000, 1, clothes, variant("M", "blue", 1, true)));
    // A hidden product (switched off) counts nowhere, its variants neither.
    insert_document(
        variant_document("hidden", false, 100, 7, clothes, variant("XL", "red", 7, true)));
    // Written before variants: one default variant with no options; it counts everywhere else.
    insert_document(R"({"name": "Scarf", "name_lower": "scarf", "price_cents": )" + cents(900) +
                    R"(, "stock": )" + cents(2) + R"(, "in_stock": true, "category_id": )" +
                    oid(clothes) + R"(, "sizes": ["S"], "attributes": [{"k": "brand", "v": "Acme"}],
                       "created_at": {"$date": {"$numberLong": "1700000000000"}},
                       "updated_at": {"$date": {"$numberLong": "1700000000000"}}})");

    Value answer = facets();
    EXPECT_EQ(answer.find("total")->as_integer(), 3);
    const Value *options = answer.find("options");
    ASSERT_EQ(options->as_object().size(), 2u);
    EXPECT_EQ(options->as_object()[0].first, "colour");
    EXPECT_EQ(counts_of(options->find("size")), (Counts{{"M", 2}, {"S", 1}}));
    EXPECT_EQ(counts_of(options->find("colour")), (Counts{{"blue", 1}, {"red", 1}}));
    EXPECT_EQ(counts_of(answer.find("attributes")->find("brand")), (Counts{{"Acme", 3}}));
    EXPECT_EQ(answer.find("categories")->as_array()[0].find("count")->as_integer(), 3);
    EXPECT_EQ(*answer.find("price"), Value::object().set("min", 9.0).set("max", 40.0));

    Value cheap = facets(Value::object().set("max_price", "20"));
    EXPECT_EQ(cheap.find("total")->as_integer(), 2);
    EXPECT_EQ(counts_of(cheap.find("options")->find("size")), (Counts{{"M", 1}, {"S", 1}}));
}

TEST_F(ProductFacetsIntegrationTest, SelectsExactlyWhatTheListingSelects) {
    std::string books = category("Books");
    std::string toys = category("Toys");
    for (int i = 0; i < 12; ++i) {
        Value extra = Value::object();
        extra.set("category_id", i % 3 == 0 ? toys : books)
            .set("attributes", Value::object().set("colour", i % 2 == 0 ? "red" : "blue"))
            .set("sizes", Value(Value::Array{Value(i % 4 == 0 ? "S" : "M")}));
        product((i % 2 == 0 ? "Red thing " : "Blue (thing) ") + std::to_string(i), 1 + i,
                i == 5 ? 0 : 3, extra);
    }
    std::vector<Value> queries = {
        Value::object(),
        Value::object().set("category", books),
        Value::object().set("attr.colour", "red"),
        Value::object().set("q", "(THING)"),
        Value::object().set("min_price", "3").set("max_price", "9.5"),
        Value::object().set("size", "S"),
        Value::object().set("category", toys).set("attr.colour", "blue").set("sort", "-price"),
    };
    for (const auto &query : queries) {
        Value listing = query;
        listing.set("limit", 100);
        std::int64_t listed = static_cast<std::int64_t>(
            catalog().list_products(nullptr, listing).find("items")->as_array().size());
        Value answer = facets(query);
        EXPECT_EQ(answer.find("total")->as_integer(), listed);
        std::int64_t in_categories = 0;
        for (const auto &entry : answer.find("categories")->as_array()) {
            in_categories += entry.find("count")->as_integer();
        }
        EXPECT_EQ(in_categories, listed);  // every product here has a category
    }
}

TEST_F(ProductFacetsIntegrationTest, IsOneAggregateAndNothingElse) {
    std::string books = category("Books");
    for (int i = 0; i < 30; ++i) {
        product("Book " + std::to_string(i), 2 + i, 1,
                Value::object()
                    .set("category_id", books)
                    .set("attributes", Value::object().set("shelf", std::to_string(i % 5))));
    }
    count_from_here();
    Value answer = facets(Value::object().set("category", books).set("min_price", "5"));
    EXPECT_EQ(answer.find("total")->as_integer(), 27);
    EXPECT_EQ(round_trips("aggregate"), 1);
    EXPECT_EQ(total_round_trips(), 1);
}

TEST_F(ProductFacetsIntegrationTest, ItsIndexesAreCreatedAndOpeningAgainKeepsThem) {
    auto names = [&] {
        std::set<std::string> found;
        mongoc_cursor_t *indexes = mongoc_collection_find_indexes_with_opts(products_, nullptr);
        const bson_t *index;
        while (mongoc_cursor_next(indexes, &index)) {
            bson_iter_t iter;
            if (bson_iter_init_find(&iter, index, "name")) {
                found.insert(bson_iter_utf8(&iter, nullptr));
            }
        }
        bson_error_t error;
        EXPECT_FALSE(mongoc_cursor_error(indexes, &error)) << error.message;
        mongoc_cursor_destroy(indexes);
        return found;
    };
    auto before = names();
    for (const char *name : {"visible_price", "variant_options", "attributes", "category_name"}) {
        EXPECT_EQ(before.count(name), 1u) << name;
    }
    auto again = open_store(test_store_config());  // ensure_schema once more
    EXPECT_EQ(names(), before);
}

}  // namespace
}  // namespace libstore::testing
