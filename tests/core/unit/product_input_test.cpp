// Validation of product bodies: every field's rule, each bad field named.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "catalog_test_support.hpp"
#include "core/catalog/product_input.hpp"

namespace libstore::testing {
namespace {

Value strings(std::initializer_list<const char *> texts) {
    Value array = Value::array();
    for (const char *text : texts) {
        array.push_back(text);
    }
    return array;
}

Value many_sizes(std::size_t count) {
    Value array = Value::array();
    for (std::size_t i = 0; i < count; ++i) {
        array.push_back("S" + std::to_string(i));
    }
    return array;
}

Value many_attributes(std::size_t count) {
    Value object = Value::object();
    for (std::size_t i = 0; i < count; ++i) {
        object.set("k" + std::to_string(i), "v");
    }
    return object;
}

TEST(ProductInput, AcceptsAFullProduct) {
    Value body = product_body("Tall Lamp", 19.99, 7);
    body.set("description", "Brass.")
        .set("category_id", "65a0c0ffee0000000000abcd")
        .set("image_url", "https://cdn.example.com/lamp.png")
        .set("sizes", strings({"S", "M"}))
        .set("attributes", Value::object().set("material", "brass").set("year", "1999"))
        .set("in_stock", false);
    Product product = parse_new_product(body);
    EXPECT_EQ(product.name, "Tall Lamp");
    EXPECT_EQ(product.name_key, "tall lamp");
    EXPECT_EQ(product.price_cents, 1999);
    EXPECT_EQ(product.stock, 7);
    EXPECT_FALSE(product.in_stock);
    EXPECT_EQ(product.category_id, "65a0c0ffee0000000000abcd");
    EXPECT_EQ(product.image_url, "https://cdn.example.com/lamp.png");
    EXPECT_EQ(product.sizes, (std::vector<std::string>{"S", "M"}));
    ASSERT_EQ(product.attributes.size(), 2u);
    EXPECT_EQ(product.attributes[0], (std::pair<std::string, std::string>{"material", "brass"}));
    EXPECT_EQ(product.description, "Brass.");
}

TEST(ProductInput, DefaultsForOptionalFields) {
    Product product = parse_new_product(product_body());
    EXPECT_TRUE(product.in_stock);
    EXPECT_FALSE(product.description);
    EXPECT_FALSE(product.category_id);
    EXPECT_FALSE(product.image_url);
    EXPECT_TRUE(product.sizes.empty());
    EXPECT_TRUE(product.attributes.empty());
}

TEST(ProductInput, MoneyIsExact) {
    EXPECT_EQ(parse_new_product(product_body("A", 19.99)).price_cents, 1999);
    EXPECT_EQ(parse_new_product(product_body("A", 0.01)).price_cents, 1);
    EXPECT_EQ(parse_new_product(with(product_body(), "price", 20)).price_cents, 2000);
    expect_invalid([] { parse_new_product(product_body("A", 19.999)); }, "price");
    expect_invalid([] { parse_new_product(product_body("A", 0.0)); }, "price");
    expect_invalid([] { parse_new_product(product_body("A", -1.5)); }, "price");
    expect_invalid([] { parse_new_product(with(product_body(), "price", "19.99")); }, "price");
}

TEST(ProductInput, EachBadFieldIsNamed) {
    struct Case {
        const char *field;
        Value value;
    };
    const Case cases[] = {
        {"name", ""},
        {"name", std::string(201, 'x')},
        {"name", 5},
        {"description", std::string(5001, 'x')},
        {"stock", -1},
        {"stock", 1.5},
        {"stock", "3"},
        {"stock", std::int64_t{2'000'000'000}},
        {"in_stock", "yes"},
        {"category_id", "not-an-id"},
        {"category_id", 12},
        {"image_url", "javascript:alert(1)"},
        {"image_url", "ftp://example.com/x.png"},
        {"sizes", "M"},
        {"sizes", strings({"M", ""})},
        {"sizes", strings({"M", "123456789012345678901"})},
        {"sizes", strings({"M", "M"})},
        {"sizes", many_sizes(51)},
        {"attributes", strings({"a"})},
        {"attributes", Value::object().set("Author", "x")},
        {"attributes", Value::object().set("a-b", "x")},
        {"attributes", Value::object().set(std::string(33, 'a'), "x")},
        {"attributes", Value::object().set("year", 1999)},
        {"attributes", Value::object().set("nested", Value::object())},
        {"attributes", Value::object().set("long", std::string(501, 'x'))},
        {"attributes", many_attributes(21)},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.field);
        expect_invalid([&] { parse_new_product(with(product_body(), c.field, c.value)); }, c.field);
    }
}

TEST(ProductInput, LimitsAreInclusive) {
    Value body = product_body(std::string(200, 'x'));
    body.set("description", std::string(5000, 'd'))
        .set("sizes", many_sizes(50))
        .set("attributes", many_attributes(20))
        .set("stock", 0);
    Product product = parse_new_product(body);
    EXPECT_EQ(product.sizes.size(), 50u);
    EXPECT_EQ(product.attributes.size(), 20u);
    EXPECT_EQ(product.stock, 0);
}

TEST(ProductInput, RequiredFieldsAndUnknownFields) {
    for (const char *field : {"name", "price", "stock"}) {
        Value body = product_body();
        auto &members = body.as_object();
        members.erase(std::remove_if(members.begin(), members.end(),
                                     [&](const auto &member) { return member.first == field; }),
                      members.end());
        expect_invalid([&] { parse_new_product(body); }, field);
    }
    expect_invalid([] { parse_new_product(with(product_body(), "colour", "red")); }, "colour");
    expect_invalid([] { parse_new_product(with(product_body(), "id", "x")); }, "id");
    expect_invalid([] { parse_new_product(with(product_body(), "created_at", "x")); },
                   "created_at");
    expect_invalid([] { parse_new_product(Value::array()); }, "");
}

TEST(ProductChanges, PartialAndClearing) {
    Value body = Value::object();
    body.set("price", 5).set("description", nullptr).set("sizes", nullptr);
    ProductChanges changes = parse_product_changes(body);
    EXPECT_EQ(changes.price_cents, 500);
    ASSERT_TRUE(changes.description);
    EXPECT_FALSE(*changes.description);
    ASSERT_TRUE(changes.sizes);
    EXPECT_TRUE(changes.sizes->empty());
    EXPECT_FALSE(changes.name);
    EXPECT_FALSE(changes.stock);
    EXPECT_FALSE(changes.category_id);
}

TEST(ProductChanges, SameRulesAtLeastOneFieldNoNullRequired) {
    expect_invalid([] { parse_product_changes(Value::object()); }, "");
    expect_invalid([] { parse_product_changes(Value::object().set("price", 0.001)); }, "price");
    expect_invalid([] { parse_product_changes(Value::object().set("stock", -3)); }, "stock");
    expect_invalid([] { parse_product_changes(Value::object().set("image_url", "file:///x")); },
                   "image_url");
    expect_invalid([] { parse_product_changes(Value::object().set("bogus", 1)); }, "bogus");
    for (const char *field : {"name", "price", "stock", "in_stock"}) {
        expect_invalid([&] { parse_product_changes(Value::object().set(field, nullptr)); }, field);
    }
    ProductChanges renamed = parse_product_changes(Value::object().set("name", "NEW Name"));
    EXPECT_EQ(renamed.name_key, "new name");
}

}  // namespace
}  // namespace libstore::testing
