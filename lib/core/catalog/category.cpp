#include "core/catalog/category.hpp"

#include "core/timestamp.hpp"

namespace libstore {

Value category_value(const Category &category) {
    Value value = Value::object();
    value.set("id", category.id)
        .set("name", category.name)
        .set("description", category.description ? Value(*category.description) : Value())
        .set("created_at", format_rfc3339(category.created_at_ms))
        .set("updated_at", format_rfc3339(category.updated_at_ms));
    return value;
}

}  // namespace libstore
