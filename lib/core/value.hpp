// A JSON-shaped value: what every surface hands the core and gets back. The C ABI builds it from
// JSON text, the Python binding from dicts and lists; the core validates it and answers with one.
// Keeping it free of any JSON library lets the core hold every input rule once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace libstore {

class Value {
  public:
    enum class Type { null, boolean, integer, real, string, array, object };
    using Array = std::vector<Value>;
    using Object = std::vector<std::pair<std::string, Value>>;  // keeps insertion order

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : data_(b) {}
    Value(int i) : data_(static_cast<std::int64_t>(i)) {}
    Value(std::int64_t i) : data_(i) {}
    Value(double d) : data_(d) {}
    Value(std::string s) : data_(std::move(s)) {}
    Value(const char *s) : data_(std::string(s)) {}
    Value(Array a) : data_(std::move(a)) {}
    Value(Object o) : data_(std::move(o)) {}

    static Value object() { return Value(Object{}); }
    static Value array() { return Value(Array{}); }

    Type type() const { return static_cast<Type>(data_.index()); }
    bool is_null() const { return type() == Type::null; }
    bool is_bool() const { return type() == Type::boolean; }
    bool is_integer() const { return type() == Type::integer; }
    bool is_real() const { return type() == Type::real; }
    bool is_number() const { return is_integer() || is_real(); }
    bool is_string() const { return type() == Type::string; }
    bool is_array() const { return type() == Type::array; }
    bool is_object() const { return type() == Type::object; }

    // Accessors require the matching type (check first); they throw std::bad_variant_access.
    bool as_bool() const { return std::get<bool>(data_); }
    std::int64_t as_integer() const { return std::get<std::int64_t>(data_); }
    double as_real() const { return std::get<double>(data_); }
    const std::string &as_string() const { return std::get<std::string>(data_); }
    const Array &as_array() const { return std::get<Array>(data_); }
    Array &as_array() { return std::get<Array>(data_); }
    const Object &as_object() const { return std::get<Object>(data_); }
    Object &as_object() { return std::get<Object>(data_); }

    // Object member lookup; nullptr when absent or when this is not an object.
    const Value *find(std::string_view key) const;
    // Sets an object member, replacing an existing one of that key. Returns *this for chaining.
    Value &set(std::string key, Value value);
    // Appends to an array.
    void push_back(Value value) { as_array().push_back(std::move(value)); }

    static const char *type_name(Type type);

    friend bool operator==(const Value &a, const Value &b) { return a.data_ == b.data_; }
    friend bool operator!=(const Value &a, const Value &b) { return !(a == b); }

  private:
    std::variant<std::monostate, bool, std::int64_t, double, std::string, Array, Object> data_;
};

}  // namespace libstore
