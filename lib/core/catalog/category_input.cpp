#include "core/catalog/category_input.hpp"

#include "core/catalog/cursor_text.hpp"
#include "core/catalog/patch_body.hpp"
#include "core/error.hpp"
#include "core/validation/case_folding.hpp"
#include "core/validation/object_reader.hpp"

namespace libstore {

namespace {

constexpr TextLimits kNameLimits{1, kCategoryNameMaxChars};
constexpr TextLimits kDescriptionLimits{0, kCategoryDescriptionMaxChars};
constexpr const char *kCursorTag = "category";

}  // namespace

Category parse_new_category(const Value &body) {
    ObjectReader reader(body, {"name", "description"});
    Category category;
    category.name = reader.required_string("name", kNameLimits);
    category.name_key = fold_case(category.name);
    category.description = reader.optional_string("description", kDescriptionLimits);
    return category;
}

CategoryChanges parse_category_changes(const Value &body) {
    ObjectReader reader(body, {"name", "description"});
    CategoryChanges changes;
    if (sets_null(body, "name")) {
        throw_invalid("name", "name must not be null");
    }
    if (auto name = reader.optional_string("name", kNameLimits)) {
        changes.name_key = fold_case(*name);
        changes.name = std::move(name);
    }
    if (sets_null(body, "description")) {
        changes.description = std::optional<std::string>();
    } else if (auto description = reader.optional_string("description", kDescriptionLimits)) {
        changes.description = std::move(description);
    }
    if (changes.empty()) {
        throw_invalid("", "give at least one field to change: name, description");
    }
    return changes;
}

CategoryQuery parse_category_query(const Value &query) {
    ObjectReader reader(query, {"limit", "cursor"});
    CategoryQuery parsed;
    parsed.limit = reader.page_limit();
    if (auto cursor = reader.optional_string("cursor", {1, 8192})) {
        auto parts = decode_page_cursor(*cursor, 2);
        if (parts[0] != kCursorTag) {
            throw_invalid("cursor", "cursor is malformed or expired");
        }
        parsed.after_name_key = cursor_text_decode(parts[1]);
    }
    return parsed;
}

std::string category_cursor(const Category &last) {
    return encode_page_cursor({kCursorTag, cursor_text_encode(last.name_key)});
}

}  // namespace libstore
