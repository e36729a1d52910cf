#include <gtest/gtest.h>

#include "core/value.hpp"

namespace libstore {
namespace {

TEST(Value, DefaultIsNull) {
    Value value;
    EXPECT_TRUE(value.is_null());
    EXPECT_EQ(value.type(), Value::Type::null);
}

TEST(Value, ScalarsKeepTheirType) {
    EXPECT_TRUE(Value(true).is_bool());
    EXPECT_TRUE(Value(3).is_integer());
    EXPECT_EQ(Value(std::int64_t{1} << 40).as_integer(), std::int64_t{1} << 40);
    EXPECT_TRUE(Value(1.5).is_real());
    EXPECT_TRUE(Value(1.5).is_number());
    EXPECT_EQ(Value("text").as_string(), "text");
}

TEST(Value, ObjectSetReplacesAndKeepsOrder) {
    Value object = Value::object();
    object.set("b", 1).set("a", 2).set("b", 3);
    ASSERT_EQ(object.as_object().size(), 2u);
    EXPECT_EQ(object.as_object()[0].first, "b");
    EXPECT_EQ(object.find("b")->as_integer(), 3);
    EXPECT_EQ(object.find("missing"), nullptr);
    EXPECT_EQ(Value(1).find("b"), nullptr);
}

TEST(Value, ArraysAndEquality) {
    Value array = Value::array();
    array.push_back("x");
    array.push_back(Value::object());
    Value same = Value::array();
    same.push_back("x");
    same.push_back(Value::object());
    EXPECT_EQ(array, same);
    same.push_back(nullptr);
    EXPECT_NE(array, same);
}

TEST(Value, TypeNames) {
    EXPECT_STREQ(Value::type_name(Value::Type::real), "number");
    EXPECT_STREQ(Value::type_name(Value::Type::object), "object");
}

}  // namespace
}  // namespace libstore
