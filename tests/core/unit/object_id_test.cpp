// Ids are one spelling of an ObjectId: the core compares them as text.
#include <gtest/gtest.h>

#include "catalog_test_support.hpp"
#include "code_of.hpp"
#include "core/catalog/product_input.hpp"
#include "core/object_id.hpp"

namespace libstore::testing {
namespace {

TEST(ObjectId, TakesLowerCaseHexOnly) {
    EXPECT_TRUE(is_object_id("65a0c0ffee0000000000abcd"));
    // Upper case let POST /cart/items add a second line for one product (past its stock), and
    // POST /products echo a category_id that every later read gave in lower case.
    EXPECT_FALSE(is_object_id("65A0C0FFEE0000000000ABCD"));
    EXPECT_FALSE(is_object_id("65a0c0ffee0000000000abcD"));
    EXPECT_FALSE(is_object_id("65a0c0ffee0000000000abc"));
    EXPECT_FALSE(is_object_id("65a0c0ffee0000000000abcg"));
}

TEST(ObjectId, AnUpperCaseIdNamesNothing) {
    EXPECT_EQ(code_of([] { require_object_id("65A0C0FFEE0000000000ABCD", "product"); }),
              ErrorCode::not_found);
}

TEST(ObjectId, AnUpperCaseCategoryIdIsInvalid) {
    Value body = product_body();
    body.set("category_id", "65A0C0FFEE0000000000ABCD");
    std::string field;
    EXPECT_EQ(code_of([&] { parse_new_product(body); }, &field), ErrorCode::invalid_argument);
    EXPECT_EQ(field, "category_id");
}

}  // namespace
}  // namespace libstore::testing
