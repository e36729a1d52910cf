// Category bodies and queries.
#include <gtest/gtest.h>

#include "catalog_test_support.hpp"
#include "core/catalog/category_input.hpp"
#include "core/page_cursor.hpp"

namespace libstore::testing {
namespace {

TEST(CategoryInput, NameKeyIsCaseFolded) {
    Category category = parse_new_category(Value::object().set("name", "Électronique"));
    EXPECT_EQ(category.name, "Électronique");
    EXPECT_EQ(category.name_key, "électronique");
    EXPECT_FALSE(category.description);
}

TEST(CategoryInput, Rules) {
    expect_invalid([] { parse_new_category(Value::object().set("name", nullptr)); }, "name");
    expect_invalid([] { parse_new_category(Value::object().set("name", 3)); }, "name");
    expect_invalid(
        [] {
            parse_new_category(
                Value::object().set("name", "A").set("description", std::string(1001, 'x')));
        },
        "description");
    expect_invalid([] { parse_new_category(Value::object().set("name", "A").set("id", "x")); },
                   "id");
    expect_invalid([] { parse_category_changes(Value::object().set("name", nullptr)); }, "name");
}

TEST(CategoryInput, ChangesKeepAbsentFieldsAndClearNull) {
    CategoryChanges changes = parse_category_changes(Value::object().set("description", nullptr));
    EXPECT_FALSE(changes.name);
    ASSERT_TRUE(changes.description);
    EXPECT_FALSE(*changes.description);
}

TEST(CategoryInput, CursorsAreCheckedAndTagged) {
    Category last;
    last.name_key = "books";
    CategoryQuery query =
        parse_category_query(Value::object().set("cursor", category_cursor(last)));
    EXPECT_EQ(query.after_name_key, "books");
    expect_invalid([] { parse_category_query(Value::object().set("cursor", "%%")); }, "cursor");
    expect_invalid(
        [] {
            parse_category_query(Value::object().set(
                "cursor",
                encode_page_cursor({"product", "name", "00", "65a0c0ffee0000000000abcd"})));
        },
        "cursor");
}

}  // namespace
}  // namespace libstore::testing
