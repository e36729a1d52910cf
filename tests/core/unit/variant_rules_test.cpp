// Variants over in-memory fakes: the option and SKU rules, combinations, the derived "from" price
// and stock, the variant writes with their audit entries, and a concurrent change of the
// product's variants between the read and the write.
#include <gtest/gtest.h>

#include "catalog_test_support.hpp"
#include "core/catalog/catalog_service.hpp"
#include "core/catalog/variant_input.hpp"
#include "fakes/fake_audit.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/fake_category_repository.hpp"
#include "fakes/fake_product_repository.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

Value sizes(std::initializer_list<const char *> values) {
    Value list = Value::array();
    for (const char *value : values) {
        list.push_back(value);
    }
    return Value::object().set("size", std::move(list));
}

Value variant(const char *size, std::int64_t stock, const char *sku = nullptr) {
    Value body = Value::object();
    body.set("options", Value::object().set("size", size)).set("stock", stock);
    if (sku != nullptr) {
        body.set("sku", sku);
    }
    return body;
}

Value shirt_body() {
    Value variants = Value::array();
    variants.push_back(variant("S", 2, "SH-S"));
    variants.push_back(variant("M", 0, "SH-M").set("price", 12.5));
    return Value::object()
        .set("name", "Shirt")
        .set("price", 10)
        .set("options", sizes({"S", "M", "L"}))
        .set("variants", std::move(variants));
}

TEST(VariantInput, OptionRules) {
    EXPECT_EQ(parse_product_options(sizes({"S", "M"}), "options").at(0).values.size(), 2u);
    expect_invalid([] { parse_product_options(Value::object().set("Size", sizes({"S"})), "o"); },
                   "o");
    expect_invalid([] { parse_product_options(sizes({}), "options"); }, "options");
    expect_invalid([] { parse_product_options(sizes({"S", "S"}), "options"); }, "options");
    Value four = Value::object();
    for (const char *name : {"a", "b", "c", "d"}) {
        four.set(name, Value(Value::Array{Value("x")}));
    }
    expect_invalid([&] { parse_product_options(four, "options"); }, "options");
    Value many = Value::array();
    for (int i = 0; i <= 50; ++i) {
        many.push_back(std::to_string(i));
    }
    expect_invalid([&] { parse_product_options(Value::object().set("size", many), "options"); },
                   "options");
}

TEST(VariantInput, VariantOptionsNameEveryOptionWithAnOfferedValue) {
    std::vector<ProductOption> options = {{"size", {"S", "M"}}, {"color", {"red"}}};
    Value chosen = Value::object().set("color", "red").set("size", "M");
    VariantOptions parsed = parse_variant_options(chosen, options, "options");
    ASSERT_EQ(parsed.size(), 2u);
    EXPECT_EQ(parsed[0].first, "size");  // the product's order, not the body's
    EXPECT_EQ(options_key(parsed), "size=M;color=red");
    expect_invalid([&] { parse_variant_options(Value::object().set("size", "M"), options, "o"); },
                   "o");
    expect_invalid(
        [&] {
            parse_variant_options(Value::object().set("size", "XL").set("color", "red"), options,
                                  "options");
        },
        "options");
    expect_invalid(
        [&] {
            parse_variant_options(
                Value::object().set("size", "M").set("color", "red").set("fit", "slim"), options,
                "options");
        },
        "options");
}

TEST(VariantInput, SkuRules) {
    EXPECT_TRUE(is_sku("TEE-m_1.2"));
    EXPECT_FALSE(is_sku(""));
    EXPECT_FALSE(is_sku(std::string(65, 'a')));
    EXPECT_TRUE(is_sku(std::string(64, 'a')));
    for (const char *bad : {"a b", "a/b", "$x", "\xc3\xa9"}) {
        EXPECT_FALSE(is_sku(bad)) << bad;
    }
}

TEST(VariantInput, NewProductWithVariants) {
    Product shirt = parse_new_product(shirt_body());
    ASSERT_EQ(shirt.variants.size(), 2u);
    EXPECT_EQ(shirt.variants[0].price_cents, 1000);  // the product's price stands in
    EXPECT_EQ(shirt.variants[1].price_cents, 1250);
    EXPECT_EQ(shirt.price_cents, 1000);
    EXPECT_EQ(shirt.stock, 2);
    expect_invalid([] { parse_new_product(with(shirt_body(), "stock", 3)); }, "stock");
    expect_invalid([] { parse_new_product(with(shirt_body(), "variants", Value::array())); },
                   "variants");
    Value no_variants = shirt_body();
    no_variants.as_object().pop_back();
    expect_invalid([&] { parse_new_product(no_variants); }, "variants");
    Value bad_stock = shirt_body();
    bad_stock.as_object().back().second.as_array()[1].set("stock", -1);
    expect_invalid([&] { parse_new_product(bad_stock); }, "variants[1].stock");
    Value twice = shirt_body();
    twice.as_object().back().second.push_back(variant("S", 1));
    expect_error([&] { parse_new_product(twice); }, ErrorCode::conflict, "options");
    Value same_sku = shirt_body();
    same_sku.as_object().back().second.push_back(variant("L", 1, "sh-s"));
    expect_error([&] { parse_new_product(same_sku); }, ErrorCode::conflict, "sku");
    Value no_price = shirt_body();
    no_price.as_object().erase(no_price.as_object().begin() + 1);
    expect_invalid([&] { parse_new_product(no_price); }, "variants[0].price");
}

class VariantServiceTest : public ::testing::Test {
  protected:
    std::string create_shirt() {
        return catalog.create_product(admin, shirt_body()).find("id")->as_string();
    }
    std::string variant_id(const std::string &product, std::size_t index) {
        return products.stored(product).variants.at(index).id;
    }

    FakeCategoryRepository categories;
    FakeProductRepository products;
    ManualClock clock;
    FakeAuthenticator authenticator;
    FakeAuditRepository audit_entries;
    AuditTrail audit{audit_entries, clock};
    CatalogService catalog{categories, products, clock, authenticator, audit};
    Session admin = admin_session();
    Session client = client_session();
};

TEST_F(VariantServiceTest, CreateUpdateDeleteWithTheirRules) {
    std::string id = create_shirt();
    Value large = catalog.create_variant(admin, id, variant("L", 4, "SH-L"));
    EXPECT_EQ(large.find("price")->as_real(), 10.0);
    EXPECT_EQ(catalog.get_product(nullptr, id).find("stock")->as_integer(), 6);
    expect_error([&] { catalog.create_variant(admin, id, variant("L", 1)); }, ErrorCode::conflict,
                 "options");
    expect_error([&] { catalog.create_variant(client, id, variant("L", 1)); }, ErrorCode::forbidden,
                 "");
    std::string large_id = large.find("id")->as_string();
    Value cheaper = catalog.update_variant(admin, id, large_id,
                                           Value::object().set("price", 8).set("sku", nullptr));
    EXPECT_TRUE(cheaper.find("sku")->is_null());
    EXPECT_EQ(catalog.get_product(nullptr, id).find("price")->as_real(), 8.0);
    expect_error(
        [&] { catalog.update_variant(admin, id, large_id, Value::object().set("sku", "sh-s")); },
        ErrorCode::conflict, "sku");
    catalog.delete_variant(admin, id, large_id);
    expect_error([&] { catalog.delete_variant(admin, id, large_id); }, ErrorCode::not_found, "");
    catalog.delete_variant(admin, id, variant_id(id, 1));
    expect_error([&] { catalog.delete_variant(admin, id, variant_id(id, 0)); }, ErrorCode::conflict,
                 "");
    // Each write is in the audit log, naming the product.
    std::size_t variant_entries = 0;
    for (const auto &entry : audit_entries.committed()) {
        if (entry.action.rfind("product.variant.", 0) == 0) {
            EXPECT_EQ(entry.target_id, id);
            ++variant_entries;
        }
    }
    EXPECT_EQ(variant_entries, 4u);  // create, update, two deletes
}

TEST_F(VariantServiceTest, ProductPriceAndStockOnlyWithOneVariant) {
    std::string id = create_shirt();
    expect_invalid([&] { catalog.update_product(admin, id, Value::object().set("price", 3)); },
                   "price");
    expect_error(
        [&] { catalog.update_product(admin, id, Value::object().set("options", sizes({"S"}))); },
        ErrorCode::conflict, "options");
    Value widened =
        catalog.update_product(admin, id, Value::object().set("options", sizes({"S", "M", "XL"})));
    EXPECT_EQ(widened.find("options")->find("size")->as_array().size(), 3u);
}

TEST_F(VariantServiceTest, AConcurrentChangeOfTheVariantsIsReadAgain) {
    std::string id = create_shirt();
    // Another writer moves the revision on right after each of the first two reads: those writes
    // are refused, the service reads again, and the third attempt applies.
    products.concurrent_changes_after_find = 2;
    Value large = catalog.create_variant(admin, id, variant("L", 1));
    EXPECT_EQ(products.stored(id).variants.size(), 3u);
    EXPECT_EQ(large.find("options")->find("size")->as_string(), "L");
    // A writer that never lets go: the caller is told to try again, nothing is written.
    products.concurrent_changes_after_find = 100;
    expect_error([&] { catalog.delete_variant(admin, id, large.find("id")->as_string()); },
                 ErrorCode::conflict, "");
    EXPECT_EQ(products.stored(id).variants.size(), 3u);
}

}  // namespace
}  // namespace libstore::testing
