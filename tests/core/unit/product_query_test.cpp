// Parsing of product list queries: strings from URLs and typed values alike, every parameter's
// rule, and cursors that only continue the order they were made for.
#include <gtest/gtest.h>

#include "catalog_test_support.hpp"
#include "core/catalog/product_query.hpp"
#include "core/page_cursor.hpp"

namespace libstore::testing {
namespace {

Value query(std::initializer_list<std::pair<const char *, Value>> members) {
    Value object = Value::object();
    for (const auto &[name, value] : members) {
        object.set(name, value);
    }
    return object;
}

TEST(ProductQuery, Defaults) {
    ProductQuery parsed = parse_product_query(Value::object());
    EXPECT_EQ(parsed.limit, 20);
    EXPECT_EQ(parsed.sort.key, ProductSortKey::name);
    EXPECT_FALSE(parsed.sort.descending);
    EXPECT_FALSE(parsed.include_hidden);
    EXPECT_FALSE(parsed.after);
    EXPECT_FALSE(parsed.text);
}

TEST(ProductQuery, UrlStringsAndTypedValuesMeanTheSame) {
    ProductQuery from_url = parse_product_query(query(
        {{"limit", "5"}, {"min_price", "10"}, {"max_price", "19.99"}, {"include_hidden", "true"}}));
    ProductQuery typed = parse_product_query(
        query({{"limit", 5}, {"min_price", 10}, {"max_price", 19.99}, {"include_hidden", true}}));
    for (const auto &parsed : {from_url, typed}) {
        EXPECT_EQ(parsed.limit, 5);
        EXPECT_EQ(parsed.min_price_cents, 1000);
        EXPECT_EQ(parsed.max_price_cents, 1999);
        EXPECT_TRUE(parsed.include_hidden);
    }
}

TEST(ProductQuery, AllFilters) {
    ProductQuery parsed = parse_product_query(query({{"category", "65a0c0ffee0000000000abcd"},
                                                     {"q", ".*"},
                                                     {"size", "M"},
                                                     {"sort", "-price"},
                                                     {"attr.author", "Tolkien"},
                                                     {"attr.year", "1954"}}));
    EXPECT_EQ(parsed.category_id, "65a0c0ffee0000000000abcd");
    EXPECT_EQ(parsed.text, ".*");
    EXPECT_EQ(parsed.size, "M");
    EXPECT_EQ(parsed.sort.key, ProductSortKey::price);
    EXPECT_TRUE(parsed.sort.descending);
    ASSERT_EQ(parsed.attributes.size(), 2u);
    EXPECT_EQ(parsed.attributes[1], (std::pair<std::string, std::string>{"year", "1954"}));
}

TEST(ProductQuery, EverySortOrder) {
    const std::pair<const char *, ProductSort> sorts[] = {
        {"name", {ProductSortKey::name, false}},
        {"-name", {ProductSortKey::name, true}},
        {"price", {ProductSortKey::price, false}},
        {"-price", {ProductSortKey::price, true}},
        {"created_at", {ProductSortKey::created_at, false}},
        {"-created_at", {ProductSortKey::created_at, true}},
    };
    for (const auto &[name, sort] : sorts) {
        ProductQuery parsed = parse_product_query(query({{"sort", name}}));
        EXPECT_EQ(parsed.sort.key, sort.key) << name;
        EXPECT_EQ(parsed.sort.descending, sort.descending) << name;
    }
}

TEST(ProductQuery, BadParametersAreNamed) {
    const std::pair<const char *, Value> cases[] = {
        {"limit", "0"},
        {"limit", 101},
        {"limit", "101"},
        {"limit", "ten"},
        {"limit", 2.5},
        {"min_price", "abc"},
        {"min_price", "1.999"},
        {"min_price", -1},
        {"max_price", "1e3"},
        {"sort", "popularity"},
        {"sort", ""},
        {"include_hidden", "yes"},
        {"include_hidden", 1},
        {"category", "nope"},
        {"cursor", "!!!"},
        {"size", std::string(21, 'x')},
        {"q", std::string(201, 'x')},
        {"q", Value::object().set("$ne", nullptr)},
        {"colour", "red"},
        {"attr.Author", "x"},
        {"attr.", "x"},
        {"attr.author", ""},
        {"attr.author", 5},
    };
    for (const auto &[name, value] : cases) {
        SCOPED_TRACE(name);
        expect_invalid([&] { parse_product_query(query({{name, value}})); }, name);
    }
}

TEST(ProductQuery, MinAboveMaxIsInvalid) {
    expect_invalid(
        [] {
            parse_product_query(query({{"min_price", "20"}, {"max_price", "10"}}));
        },
        "min_price");
}

TEST(ProductQuery, EmptySearchTextMeansNoSearch) {
    EXPECT_FALSE(parse_product_query(query({{"q", ""}})).text);
}

TEST(ProductQuery, CursorsRoundTripForEachSort) {
    Product last;
    last.id = "65a0c0ffee0000000000abcd";
    last.name_key = "odd \x1f name";  // the cursor separator inside a name must not break it
    last.price_cents = 1999;
    last.created_at_ms = 1'700'000'000'123;
    for (const char *sort : {"name", "-name", "price", "-price", "created_at", "-created_at"}) {
        ProductSort parsed_sort = parse_product_query(query({{"sort", sort}})).sort;
        std::string cursor = product_cursor(parsed_sort, last);
        ProductQuery next = parse_product_query(query({{"sort", sort}, {"cursor", cursor}}));
        ASSERT_TRUE(next.after) << sort;
        EXPECT_EQ(next.after->id, last.id);
        if (parsed_sort.key == ProductSortKey::name) {
            EXPECT_EQ(next.after->name_key, last.name_key);
        } else if (parsed_sort.key == ProductSortKey::price) {
            EXPECT_EQ(next.after->number, 1999);
        } else {
            EXPECT_EQ(next.after->number, 1'700'000'000'123);
        }
    }
}

TEST(ProductQuery, CursorOfAnotherSortOrForgedIsRefused) {
    Product last;
    last.id = "65a0c0ffee0000000000abcd";
    last.price_cents = 1999;
    std::string price_cursor = product_cursor({ProductSortKey::price, false}, last);
    expect_invalid(
        [&] {
            parse_product_query(query({{"sort", "-price"}, {"cursor", price_cursor}}));
        },
        "cursor");
    expect_invalid([&] { parse_product_query(query({{"cursor", price_cursor}})); }, "cursor");
    std::string forged = encode_page_cursor({"product", "price", "12x", last.id});
    expect_invalid(
        [&] {
            parse_product_query(query({{"sort", "price"}, {"cursor", forged}}));
        },
        "cursor");
    std::string bad_id = encode_page_cursor({"product", "price", "12", "zzz"});
    expect_invalid(
        [&] {
            parse_product_query(query({{"sort", "price"}, {"cursor", bad_id}}));
        },
        "cursor");
}

}  // namespace
}  // namespace libstore::testing
