#include "core/catalog/variant_input.hpp"

#include <algorithm>

#include "core/catalog/product_input.hpp"
#include "core/error.hpp"
#include "core/validation/case_folding.hpp"
#include "core/validation/object_reader.hpp"

namespace libstore {

namespace {

constexpr TextLimits kValueLimits{1, kOptionValueMaxChars};

Cents positive_price(Cents cents, const std::string &field) {
    if (cents <= 0) {
        throw_invalid(field, field + " must be greater than 0");
    }
    return cents;
}

std::string sku_text(const Value &value, const std::string &field) {
    if (!value.is_string() || !is_sku(value.as_string())) {
        throw_invalid(field, field + " must be 1 to 64 of A-Z a-z 0-9 . _ -");
    }
    return value.as_string();
}

const ProductOption *find_option(const std::vector<ProductOption> &options,
                                 const std::string &name) {
    for (const auto &option : options) {
        if (option.name == name) {
            return &option;
        }
    }
    return nullptr;
}

bool offers(const ProductOption &option, const std::string &value) {
    return std::find(option.values.begin(), option.values.end(), value) != option.values.end();
}

Variant parse_variant_fields(const Value &body, const std::vector<ProductOption> &options,
                             std::optional<Cents> default_price, const std::string &prefix) {
    ObjectReader reader(body, {"sku", "options", "price", "stock", "in_stock"});
    Variant variant;
    if (const Value *sku = reader.get("sku")) {
        variant.sku = sku_text(*sku, prefix + "sku");
    }
    const Value *chosen = reader.get("options");
    if (chosen != nullptr) {
        variant.options = parse_variant_options(*chosen, options, prefix + "options");
    } else if (!options.empty()) {
        throw_invalid(prefix + "options", prefix + "options is required: the product has options");
    }
    if (auto price = reader.optional_money("price")) {
        variant.price_cents = positive_price(*price, prefix + "price");
    } else if (default_price) {
        variant.price_cents = *default_price;
    } else {
        throw_invalid(prefix + "price", prefix + "price is required");
    }
    auto stock = reader.optional_integer("stock", 0, kMaxStock);
    if (!stock) {
        throw_invalid(prefix + "stock", prefix + "stock is required");
    }
    variant.stock = *stock;
    variant.in_stock = reader.optional_bool("in_stock").value_or(true);
    return variant;
}

}  // namespace

std::vector<ProductOption> parse_product_options(const Value &value, const std::string &field) {
    if (!value.is_object()) {
        throw_invalid(field, field + " must be an object of option name -> list of values");
    }
    const auto &members = value.as_object();
    if (members.size() > kMaxOptions) {
        throw_invalid(field,
                      field + " may hold at most " + std::to_string(kMaxOptions) + " options");
    }
    std::vector<ProductOption> options;
    for (const auto &[name, values] : members) {
        if (!is_attribute_key(name)) {
            throw_invalid(field, "option names must be 1 to 32 of [a-z0-9_]");
        }
        if (find_option(options, name) != nullptr) {
            throw_invalid(field, "option '" + name + "' is given twice");
        }
        if (!values.is_array() || values.as_array().empty() ||
            values.as_array().size() > kMaxOptionValues) {
            throw_invalid(field, "option '" + name + "' must list 1 to " +
                                     std::to_string(kMaxOptionValues) + " values");
        }
        ProductOption option{name, {}};
        for (const auto &item : values.as_array()) {
            std::string text = checked_text(item, field, kValueLimits);
            if (offers(option, text)) {
                throw_invalid(field, "option '" + name + "' lists '" + text + "' twice");
            }
            option.values.push_back(std::move(text));
        }
        options.push_back(std::move(option));
    }
    return options;
}

bool is_sku(const std::string &text) {
    if (text.empty() || text.size() > kSkuMaxChars) {
        return false;
    }
    for (char c : text) {
        bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '_' || c == '-';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

VariantOptions parse_variant_options(const Value &value, const std::vector<ProductOption> &options,
                                     const std::string &field) {
    if (!value.is_object()) {
        throw_invalid(field, field + " must be an object of option name -> value");
    }
    const auto &members = value.as_object();
    for (const auto &[name, text] : members) {
        const ProductOption *option = find_option(options, name);
        if (option == nullptr) {
            throw_invalid(field, "the product has no option '" + name + "'");
        }
        if (!text.is_string() || !offers(*option, text.as_string())) {
            throw_invalid(field, "'" + name + "' must be one of the product's values for it");
        }
    }
    VariantOptions chosen;
    for (const auto &option : options) {
        const Value *text = value.find(option.name);
        if (text == nullptr) {
            throw_invalid(field, field + " needs a value for '" + option.name + "'");
        }
        chosen.emplace_back(option.name, text->as_string());
    }
    if (chosen.size() != members.size()) {
        throw_invalid(field, field + " names an option twice");
    }
    return chosen;
}

Variant parse_new_variant(const Value &body, const std::vector<ProductOption> &options,
                          std::optional<Cents> default_price, const std::string &prefix) {
    try {
        return parse_variant_fields(body, options, default_price, prefix);
    } catch (const Error &error) {
        // The reader names a member by itself; inside a list it needs the list's prefix.
        if (prefix.empty() || error.field().rfind(prefix, 0) == 0) {
            throw;
        }
        std::string field =
            error.field().empty() ? prefix.substr(0, prefix.size() - 1) : prefix + error.field();
        throw Error(error.code(), field, error.what());
    }
}

VariantChanges parse_variant_changes(const Value &body, const std::vector<ProductOption> &options) {
    ObjectReader reader(body, {"sku", "options", "price", "stock", "in_stock"});
    for (const char *required : {"options", "price", "stock", "in_stock"}) {
        const Value *given = body.find(required);
        if (given != nullptr && given->is_null()) {
            throw_invalid(required, std::string(required) + " must not be null");
        }
    }
    VariantChanges changes;
    if (const Value *sku = body.find("sku")) {
        changes.sku = sku->is_null() ? std::optional<std::string>()
                                     : std::optional<std::string>(sku_text(*sku, "sku"));
    }
    if (const Value *chosen = reader.get("options")) {
        changes.options = parse_variant_options(*chosen, options, "options");
    }
    if (auto price = reader.optional_money("price")) {
        changes.price_cents = positive_price(*price, "price");
    }
    changes.stock = reader.optional_integer("stock", 0, kMaxStock);
    changes.in_stock = reader.optional_bool("in_stock");
    if (changes.empty()) {
        throw_invalid("", "give at least one field to change");
    }
    return changes;
}

void require_distinct_variants(const std::vector<Variant> &variants) {
    for (std::size_t i = 0; i < variants.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (options_key(variants[i].options) == options_key(variants[j].options)) {
                throw_conflict("options", "two variants have the same options");
            }
            if (variants[i].sku && variants[j].sku &&
                fold_case(*variants[i].sku) == fold_case(*variants[j].sku)) {
                throw_conflict("sku", "SKU '" + *variants[i].sku + "' is given twice");
            }
        }
    }
}

void require_options_cover(const std::vector<ProductOption> &options,
                           const std::vector<Variant> &variants) {
    for (const auto &variant : variants) {
        for (const auto &[name, value] : variant.options) {
            const ProductOption *option = find_option(options, name);
            if (option == nullptr || !offers(*option, value)) {
                throw_conflict("options", "variant " + variant.id + " has " + name + "=" + value +
                                              "; change or delete it first");
            }
        }
    }
}

}  // namespace libstore
