#include "core/catalog/product_facets.hpp"

#include <algorithm>

#include "core/validation/case_folding.hpp"

namespace libstore {

namespace {

void sort_value_counts(ValueCounts &counts) {
    std::sort(counts.begin(), counts.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    for (auto &[name, values] : counts) {
        std::sort(values.begin(), values.end(),
                  [](const ValueCount &a, const ValueCount &b) { return a.value < b.value; });
    }
}

Value value_counts_value(const ValueCounts &counts) {
    Value object = Value::object();
    for (const auto &[name, values] : counts) {
        Value list = Value::array();
        for (const auto &entry : values) {
            list.push_back(Value::object().set("value", entry.value).set("count", entry.count));
        }
        object.set(name, std::move(list));
    }
    return object;
}

Value optional_money(const std::optional<Cents> &cents) {
    return cents ? money_value(*cents) : Value();
}

}  // namespace

void sort_product_facets(ProductFacets &facets) {
    std::vector<std::pair<std::string, CategoryFacet>> keyed;
    keyed.reserve(facets.categories.size());
    for (auto &category : facets.categories) {
        keyed.emplace_back(fold_case(category.name.value_or("")), std::move(category));
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first < b.first : a.second.id < b.second.id;
    });
    facets.categories.clear();
    for (auto &entry : keyed) {
        facets.categories.push_back(std::move(entry.second));
    }
    sort_value_counts(facets.options);
    sort_value_counts(facets.attributes);
}

Value product_facets_value(const ProductFacets &facets) {
    Value categories = Value::array();
    for (const auto &category : facets.categories) {
        categories.push_back(Value::object()
                                 .set("id", category.id)
                                 .set("name", category.name ? Value(*category.name) : Value())
                                 .set("count", category.count));
    }
    Value price = Value::object();
    price.set("min", optional_money(facets.min_price_cents))
        .set("max", optional_money(facets.max_price_cents));
    Value value = Value::object();
    value.set("total", facets.total)
        .set("categories", std::move(categories))
        .set("options", value_counts_value(facets.options))
        .set("attributes", value_counts_value(facets.attributes))
        .set("price", std::move(price));
    return value;
}

}  // namespace libstore
