#include "core/catalog/product_input.hpp"

#include <initializer_list>

#include "core/catalog/patch_body.hpp"
#include "core/catalog/variant_input.hpp"
#include "core/error.hpp"
#include "core/object_id.hpp"
#include "core/validation/case_folding.hpp"
#include "core/validation/object_reader.hpp"
#include "core/validation/web_url.hpp"

namespace libstore {

namespace {

constexpr TextLimits kNameLimits{1, kProductNameMaxChars};
constexpr TextLimits kDescriptionLimits{0, kProductDescriptionMaxChars};
// The backing array lives as long as kFields (a static), like a temporary bound to a reference.
const std::initializer_list<std::string_view> kFields = {
    "name",      "description", "price",      "stock",   "in_stock", "category_id",
    "image_url", "sizes",       "attributes", "options", "variants"};
const std::initializer_list<std::string_view> kChangeFields = {
    "name",        "description", "price", "stock",      "in_stock",
    "category_id", "image_url",   "sizes", "attributes", "options"};

Cents positive_price(Cents cents) {
    if (cents <= 0) {
        throw_invalid("price", "price must be greater than 0");
    }
    return cents;
}

std::string category_id_text(const Value &value) {
    std::string id = checked_text(value, "category_id", {1, 64});
    if (!is_object_id(id)) {
        throw_invalid("category_id", "category_id must be a 24-hex-character category id");
    }
    return id;
}

std::string image_url_text(const Value &value) {
    std::string url = checked_text(value, "image_url", {1, kImageUrlMaxChars});
    if (!is_web_url(url)) {
        throw_invalid("image_url", "image_url must be an http:// or https:// URL");
    }
    return url;
}

std::vector<std::string> size_list(const Value &value) {
    if (!value.is_array()) {
        throw_invalid("sizes", "sizes must be a list of strings");
    }
    const auto &items = value.as_array();
    if (items.size() > kMaxSizes) {
        throw_invalid("sizes", "sizes may hold at most " + std::to_string(kMaxSizes) + " entries");
    }
    std::vector<std::string> sizes;
    sizes.reserve(items.size());
    for (const auto &item : items) {
        std::string size = checked_text(item, "sizes", {1, kSizeMaxChars});
        for (const auto &earlier : sizes) {
            if (earlier == size) {
                throw_invalid("sizes", "sizes lists '" + size + "' twice");
            }
        }
        sizes.push_back(std::move(size));
    }
    return sizes;
}

ProductAttributes attribute_list(const Value &value) {
    if (!value.is_object()) {
        throw_invalid("attributes", "attributes must be an object of strings");
    }
    const auto &members = value.as_object();
    if (members.size() > kMaxAttributes) {
        throw_invalid("attributes",
                      "attributes may hold at most " + std::to_string(kMaxAttributes) + " keys");
    }
    ProductAttributes attributes;
    attributes.reserve(members.size());
    for (const auto &[key, text] : members) {
        if (!is_attribute_key(key)) {
            throw_invalid("attributes", "attribute keys must be 1 to 32 of [a-z0-9_]");
        }
        for (const auto &earlier : attributes) {
            if (earlier.first == key) {
                throw_invalid("attributes", "attribute '" + key + "' is given twice");
            }
        }
        if (!text.is_string()) {
            throw_invalid("attributes", "attribute '" + key + "' must be a string");
        }
        attributes.emplace_back(key,
                                checked_text(text, "attributes", {0, kAttributeValueMaxChars}));
    }
    return attributes;
}

std::vector<Variant> variant_list(const Value &value, const std::vector<ProductOption> &options,
                                  const ObjectReader &reader) {
    if (!value.is_array() || value.as_array().empty() || value.as_array().size() > kMaxVariants) {
        throw_invalid("variants", "variants must be a list of 1 to " +
                                      std::to_string(kMaxVariants) + " variants");
    }
    if (reader.has("stock")) {
        throw_invalid("stock", "a product given variants has their stock; leave stock out");
    }
    std::optional<Cents> default_price;
    if (auto price = reader.optional_money("price")) {
        default_price = positive_price(*price);
    }
    std::vector<Variant> variants;
    const auto &items = value.as_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
        std::string prefix = "variants[" + std::to_string(i) + "].";
        variants.push_back(parse_new_variant(items[i], options, default_price, prefix));
    }
    require_distinct_variants(variants);
    return variants;
}

}  // namespace

bool is_attribute_key(std::string_view key) {
    if (key.empty() || key.size() > 32) {
        return false;
    }
    for (char c : key) {
        bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

Product parse_new_product(const Value &body) {
    ObjectReader reader(body, kFields);
    Product product;
    product.name = reader.required_string("name", kNameLimits);
    product.name_key = fold_case(product.name);
    product.description = reader.optional_string("description", kDescriptionLimits);
    product.in_stock = reader.optional_bool("in_stock").value_or(true);
    if (const Value *options = reader.get("options")) {
        product.options = parse_product_options(*options, "options");
    }
    if (const Value *variants = reader.get("variants")) {
        product.variants = variant_list(*variants, product.options, reader);
    } else {
        if (!product.options.empty()) {
            throw_invalid("variants", "a product with options needs its variants");
        }
        Variant only;
        only.price_cents = positive_price(reader.required_money("price"));
        only.stock = reader.required_integer("stock", 0, kMaxStock);
        product.variants.push_back(std::move(only));
    }
    derive_totals(product);
    if (const Value *value = reader.get("category_id")) {
        product.category_id = category_id_text(*value);
    }
    if (const Value *value = reader.get("image_url")) {
        product.image_url = image_url_text(*value);
    }
    if (const Value *value = reader.get("sizes")) {
        product.sizes = size_list(*value);
    }
    if (const Value *value = reader.get("attributes")) {
        product.attributes = attribute_list(*value);
    }
    return product;
}

ProductChanges parse_product_changes(const Value &body) {
    ObjectReader reader(body, kChangeFields);
    for (const char *required : {"name", "price", "stock", "in_stock"}) {
        if (sets_null(body, required)) {
            throw_invalid(required, std::string(required) + " must not be null");
        }
    }
    ProductChanges changes;
    if (auto name = reader.optional_string("name", kNameLimits)) {
        changes.name_key = fold_case(*name);
        changes.name = std::move(name);
    }
    if (sets_null(body, "description")) {
        changes.description = std::optional<std::string>();
    } else if (auto description = reader.optional_string("description", kDescriptionLimits)) {
        changes.description = std::move(description);
    }
    if (auto price = reader.optional_money("price")) {
        changes.price_cents = positive_price(*price);
    }
    changes.stock = reader.optional_integer("stock", 0, kMaxStock);
    changes.in_stock = reader.optional_bool("in_stock");
    if (sets_null(body, "category_id")) {
        changes.category_id = std::optional<std::string>();
    } else if (const Value *value = reader.get("category_id")) {
        changes.category_id = category_id_text(*value);
    }
    if (sets_null(body, "image_url")) {
        changes.image_url = std::optional<std::string>();
    } else if (const Value *value = reader.get("image_url")) {
        changes.image_url = image_url_text(*value);
    }
    if (sets_null(body, "sizes")) {
        changes.sizes = std::vector<std::string>();
    } else if (const Value *value = reader.get("sizes")) {
        changes.sizes = size_list(*value);
    }
    if (sets_null(body, "attributes")) {
        changes.attributes = ProductAttributes();
    } else if (const Value *value = reader.get("attributes")) {
        changes.attributes = attribute_list(*value);
    }
    if (sets_null(body, "options")) {
        changes.options = std::vector<ProductOption>();
    } else if (const Value *value = reader.get("options")) {
        changes.options = parse_product_options(*value, "options");
    }
    if (changes.empty()) {
        throw_invalid("", "give at least one field to change");
    }
    return changes;
}

}  // namespace libstore
