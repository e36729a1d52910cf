// GET /products/facets in the core: the counting rules (over the fake repository, which counts
// in plain C++ what the Mongo aggregate counts), the documented order of every list, the answer's
// shape, and the query rules (the listing's filters; sort/limit/cursor ignored; include_hidden
// refused).
#include <gtest/gtest.h>

#include "catalog_test_support.hpp"
#include "core/catalog/catalog_service.hpp"
#include "core/catalog/product_facets.hpp"
#include "fakes/fake_audit.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/fake_category_repository.hpp"
#include "fakes/fake_product_repository.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

using Counts = std::vector<std::pair<std::string, std::int64_t>>;

// The (value, count) pairs of one list of {value, count}, in the order given.
Counts counts_of(const Value *list) {
    Counts result;
    for (const auto &entry : list->as_array()) {
        result.emplace_back(entry.find("value")->as_string(), entry.find("count")->as_integer());
    }
    return result;
}

class ProductFacetsTest : public ::testing::Test {
  protected:
    void SetUp() override { products.join_categories(categories); }

    std::string category(const std::string &name) {
        return catalog.create_category(admin, Value::object().set("name", name))
            .find("id")
            ->as_string();
    }

    std::string product(const std::string &name, double price, std::int64_t stock,
                        Value extra = Value::object()) {
        Value body = product_body(name, price, stock);
        for (auto &[key, value] : extra.as_object()) {
            body.set(key, value);
        }
        return catalog.create_product(admin, body).find("id")->as_string();
    }

    Value facets(Value query = Value::object()) { return catalog.product_facets(nullptr, query); }

    FakeCategoryRepository categories;
    FakeProductRepository products;
    ManualClock clock;
    FakeAuthenticator authenticator;
    FakeAuditRepository audit_entries;
    AuditTrail audit{audit_entries, clock};
    CatalogService catalog{categories, products, clock, authenticator, audit};
    Session admin = admin_session();
};

Value attributes(std::initializer_list<std::pair<const char *, const char *>> pairs) {
    Value object = Value::object();
    for (const auto &[key, text] : pairs) {
        object.set(key, text);
    }
    return object;
}

TEST_F(ProductFacetsTest, CountsProductsPerCategoryAttributeValueAndThePriceRange) {
    std::string books = category("books");
    std::string maps = category("Atlases");
    product("Hobbit", 12.5, 3,
            Value::object()
                .set("category_id", books)
                .set("attributes", attributes({{"author", "Tolkien"}, {"cover", "hard"}})));
    product("Silmarillion", 20, 1,
            Value::object()
                .set("category_id", books)
                .set("attributes", attributes({{"author", "Tolkien"}, {"cover", "soft"}})));
    product("Middle-earth", 35.99, 2,
            Value::object()
                .set("category_id", maps)
                .set("attributes", attributes({{"author", "Fonstad"}})));
    product("Bookmark", 1.25, 40);  // no category, no attributes

    Value answer = facets();
    EXPECT_EQ(answer.find("total")->as_integer(), 4);
    const auto &listed = answer.find("categories")->as_array();
    ASSERT_EQ(listed.size(), 2u);  // the bookmark is in none
    // By name, whatever the letter case: "Atlases" before "books".
    EXPECT_EQ(listed[0], Value::object().set("id", maps).set("name", "Atlases").set("count", 1));
    EXPECT_EQ(listed[1], Value::object().set("id", books).set("name", "books").set("count", 2));
    const Value *by_key = answer.find("attributes");
    ASSERT_EQ(by_key->as_object().size(), 2u);
    EXPECT_EQ(by_key->as_object()[0].first, "author");
    EXPECT_EQ(counts_of(by_key->find("author")), (Counts{{"Fonstad", 1}, {"Tolkien", 2}}));
    EXPECT_EQ(counts_of(by_key->find("cover")), (Counts{{"hard", 1}, {"soft", 1}}));
    EXPECT_EQ(answer.find("price")->find("min")->as_real(), 1.25);
    EXPECT_EQ(answer.find("price")->find("max")->as_real(), 35.99);
    EXPECT_EQ(*answer.find("options"), Value::object());
    EXPECT_EQ(products.facets_calls, 1);
}

TEST_F(ProductFacetsTest, HiddenProductsNeverCount) {
    std::string books = category("Books");
    product("Shown", 5, 1, Value::object().set("category_id", books));
    product("Sold out", 1, 0,
            Value::object()
                .set("category_id", books)
                .set("attributes", attributes({{"author", "Nobody"}})));
    product("Switched off", 99, 9,
            Value::object().set("category_id", books).set("in_stock", false));
    Value answer = facets();
    EXPECT_EQ(answer.find("total")->as_integer(), 1);
    EXPECT_EQ(answer.find("categories")->as_array()[0].find("count")->as_integer(), 1);
    EXPECT_EQ(*answer.find("attributes"), Value::object());
    EXPECT_EQ(answer.find("price")->find("min")->as_real(), 5.0);
    EXPECT_EQ(answer.find("price")->find("max")->as_real(), 5.0);
}

TEST_F(ProductFacetsTest, TheListingsFiltersNarrowEveryCount) {
    std::string books = category("Books");
    std::string toys = category("Toys");
    product("Red ball", 3, 5,
            Value::object()
                .set("category_id", toys)
                .set("attributes", attributes({{"colour", "red"}})));
    product("Red book", 15, 5,
            Value::object()
                .set("category_id", books)
                .set("attributes", attributes({{"colour", "red"}})));
    product("Blue book", 25, 5,
            Value::object()
                .set("category_id", books)
                .set("attributes", attributes({{"colour", "blue"}})));

    Value in_books = facets(Value::object().set("category", books));
    EXPECT_EQ(in_books.find("total")->as_integer(), 2);
    EXPECT_EQ(counts_of(in_books.find("attributes")->find("colour")),
              (Counts{{"blue", 1}, {"red", 1}}));
    EXPECT_EQ(in_books.find("price")->find("min")->as_real(), 15.0);

    Value red = facets(Value::object().set("attr.colour", "red"));
    EXPECT_EQ(red.find("total")->as_integer(), 2);
    EXPECT_EQ(red.find("categories")->as_array().size(), 2u);

    Value cheap = facets(Value::object().set("max_price", "20").set("q", "BOOK"));
    EXPECT_EQ(cheap.find("total")->as_integer(), 1);
    EXPECT_EQ(cheap.find("price")->find("max")->as_real(), 15.0);
}

TEST_F(ProductFacetsTest, NothingMatchingIsZeroWithNullPrices) {
    product("Lamp", 10, 1);
    Value answer = facets(Value::object().set("q", "no such thing"));
    EXPECT_EQ(answer, Value::object()
                          .set("total", 0)
                          .set("categories", Value::array())
                          .set("options", Value::object())
                          .set("attributes", Value::object())
                          .set("price", Value::object().set("min", nullptr).set("max", nullptr)));
}

TEST_F(ProductFacetsTest, SortLimitAndCursorAreCheckedAndIgnored) {
    for (int i = 0; i < 3; ++i) {
        product("Lamp " + std::to_string(i), 10 + i, 1);
    }
    Value page =
        catalog.list_products(nullptr, Value::object().set("limit", 1).set("sort", "-price"));
    Value query = Value::object()
                      .set("limit", "1")
                      .set("sort", "-price")
                      .set("cursor", page.find("next_cursor")->as_string());
    EXPECT_EQ(facets(query), facets());
    EXPECT_EQ(facets(query).find("total")->as_integer(), 3);
    expect_invalid([&] { facets(Value::object().set("sort", "colour")); }, "sort");
    expect_invalid([&] { facets(Value::object().set("limit", "0")); }, "limit");
    expect_invalid([&] { facets(Value::object().set("cursor", "garbage")); }, "cursor");
}

TEST_F(ProductFacetsTest, IncludeHiddenIsRefusedForEverybody) {
    product("Lamp", 10, 1);
    for (Value value : {Value(true), Value(false), Value("true")}) {
        expect_invalid([&] { facets(Value::object().set("include_hidden", value)); },
                       "include_hidden");
        expect_invalid(
            [&] { catalog.product_facets(&admin, Value::object().set("include_hidden", value)); },
            "include_hidden");
    }
    EXPECT_EQ(products.facets_calls, 0);
}

TEST_F(ProductFacetsTest, BadFiltersAreRefusedNamingThem) {
    expect_invalid([&] { facets(Value::object().set("category", "not-an-id")); }, "category");
    expect_invalid([&] { facets(Value::object().set("min_price", "-1")); }, "min_price");
    expect_invalid([&] { facets(Value::object().set("min_price", "9").set("max_price", "1")); },
                   "min_price");
    expect_invalid([&] { facets(Value::object().set("attr.Bad Key", "x")); }, "attr.Bad Key");
    expect_invalid([&] { facets(Value::object().set("colour", "red")); }, "colour");
    expect_invalid([&] { facets(Value::object().set("size", Value::object())); }, "size");
    expect_invalid([&] { facets(Value("not an object")); }, "");
    EXPECT_EQ(products.facets_calls, 0);
}

TEST_F(ProductFacetsTest, ASessionIsRecheckedAndChangesNothing) {
    product("Lamp", 10, 1);
    int rechecks = authenticator.rechecks;
    EXPECT_EQ(catalog.product_facets(&admin, Value::object()), facets());
    EXPECT_EQ(authenticator.rechecks, rechecks + 1);
    authenticator.revoked = true;
    expect_error([&] { catalog.product_facets(&admin, Value::object()); },
                 ErrorCode::unauthenticated, "");
    EXPECT_NO_THROW(facets());  // anonymous callers have nothing to re-check
}

TEST_F(ProductFacetsTest, OptionValuesCountProductsWithAPurchasableVariant) {
    Value variants = Value::array();
    for (const auto &[size, stock] : {std::pair<const char *, int>{"S", 1}, {"M", 0}, {"L", 2}}) {
        variants.push_back(Value::object()
                               .set("options", Value::object().set("size", size))
                               .set("stock", stock)
                               .set("in_stock", std::string(size) != "L"));
    }
    Value sizes = Value::array();
    for (const char *size : {"S", "M", "L"}) {
        sizes.push_back(size);
    }
    Value body = Value::object()
                     .set("name", "Tee")
                     .set("price", 10)
                     .set("options", Value::object().set("size", sizes))
                     .set("variants", variants);
    catalog.create_product(admin, body);
    Value answer = facets();
    const auto &counted = answer.find("options")->find("size")->as_array();
    ASSERT_EQ(counted.size(), 1u);  // M is sold out, L switched off
    EXPECT_EQ(counted[0].find("value")->as_string(), "S");
    EXPECT_EQ(counted[0].find("count")->as_integer(), 1);
}

TEST(ProductFacetsOrder, EveryListIsSortedWhateverTheCountingOrder) {
    ProductFacets facets;
    facets.total = 3;
    facets.categories = {{"00000000000000000000000c", std::string("shoes"), 1},
                         {"00000000000000000000000b", std::string("Bags"), 2},
                         {"00000000000000000000000a", std::string("bags"), 1},
                         {"00000000000000000000000d", std::nullopt, 1}};
    facets.options = {{"size", {{"M", 2}, {"L", 1}, {"10", 1}}}, {"colour", {{"red", 3}}}};
    facets.attributes = {{"material", {{"wool", 1}, {"cotton", 2}}}};
    facets.min_price_cents = 150;
    facets.max_price_cents = 2999;
    sort_product_facets(facets);
    std::vector<std::string> ids;
    for (const auto &category : facets.categories) {
        ids.push_back(category.id);
    }
    // A category gone meanwhile (no name) sorts first; equal names fall back to the id.
    EXPECT_EQ(ids,
              (std::vector<std::string>{"00000000000000000000000d", "00000000000000000000000a",
                                        "00000000000000000000000b", "00000000000000000000000c"}));
    Value value = product_facets_value(facets);
    EXPECT_EQ(value.find("options")->as_object()[0].first, "colour");
    EXPECT_EQ(counts_of(value.find("options")->find("size")),
              (Counts{{"10", 1}, {"L", 1}, {"M", 2}}));
    EXPECT_EQ(counts_of(value.find("attributes")->find("material")),
              (Counts{{"cotton", 2}, {"wool", 1}}));
    EXPECT_TRUE(value.find("categories")->as_array()[0].find("name")->is_null());
    EXPECT_EQ(*value.find("price"), Value::object().set("min", 1.5).set("max", 29.99));
}

}  // namespace
}  // namespace libstore::testing
