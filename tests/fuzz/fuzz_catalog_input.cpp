// The catalog input parsers (lib/core/catalog/*input*, product_query) behind
// store_product_create/update(), store_products_list(), store_category_create/update() and
// store_categories_list(), the variant bodies of store_product_variant_create/update(), and the
// facets query of store_products_facets() (through CatalogService over the fake repositories).
// The first byte picks the parser, the rest is JSON for the ABI's codec. Accepted input must obey
// API.md's rules, a page cursor made for an accepted product or category must parse back to the
// same position, and accepted facets must count what the listing lists, in the documented order.
#include <algorithm>
#include <cstdint>
#include <string>

#include "adapters/json/json_codec.hpp"
#include "core/catalog/catalog_service.hpp"
#include "core/catalog/category_input.hpp"
#include "core/catalog/product_input.hpp"
#include "core/catalog/product_query.hpp"
#include "core/catalog/variant_input.hpp"
#include "core/object_id.hpp"
#include "core/validation/case_folding.hpp"
#include "core/validation/text.hpp"
#include "core/validation/web_url.hpp"
#include "fakes/fake_audit.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/fake_category_repository.hpp"
#include "fakes/fake_product_repository.hpp"
#include "fakes/manual_clock.hpp"
#include "fuzz_support.hpp"

namespace {

using libstore::Cents;
using libstore::ErrorCode;
using libstore::Value;
namespace fuzz = libstore::fuzz;

const auto kInvalid = {ErrorCode::invalid_argument};
// Two variants with one combination or SKU are a conflict, not a malformed body.
const auto kInvalidOrConflict = {ErrorCode::invalid_argument, ErrorCode::conflict};

// The options the variant parsers are checked against.
const std::vector<libstore::ProductOption> kOptions = {{"size", {"S", "M", "L"}},
                                                       {"color", {"red", "blue"}}};

void check_text(const std::string &text, std::size_t min, std::size_t max, const char *what) {
    fuzz::check(libstore::is_clean_utf8(text), what, "not clean UTF-8");
    std::size_t length = libstore::utf8_length(text);
    fuzz::check(length >= min && length <= max, what, "length out of range");
}

void check_price(Cents cents) {
    fuzz::check(cents > 0 && cents <= libstore::kMaxPriceCents, "price out of range",
                std::to_string(cents));
}

void check_sizes(const std::vector<std::string> &sizes) {
    fuzz::check(sizes.size() <= libstore::kMaxSizes, "too many sizes");
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        check_text(sizes[i], 1, libstore::kSizeMaxChars, "size");
        for (std::size_t j = 0; j < i; ++j) {
            fuzz::check(sizes[i] != sizes[j], "duplicate size");
        }
    }
}

void check_attributes(const libstore::ProductAttributes &attributes) {
    fuzz::check(attributes.size() <= libstore::kMaxAttributes, "too many attributes");
    for (const auto &[key, value] : attributes) {
        fuzz::check(libstore::is_attribute_key(key), "bad attribute key", key);
        check_text(value, 0, libstore::kAttributeValueMaxChars, "attribute value");
    }
}

const libstore::ProductOption *find_option(const std::vector<libstore::ProductOption> &options,
                                           const std::string &name) {
    for (const auto &option : options) {
        if (option.name == name) {
            return &option;
        }
    }
    return nullptr;
}

// A variant's options name every product option once, in order, each with an offered value.
void check_variant_options(const libstore::VariantOptions &chosen,
                           const std::vector<libstore::ProductOption> &options) {
    fuzz::check(chosen.size() == options.size(), "a variant misses an option");
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        fuzz::check(chosen[i].first == options[i].name, "variant options out of order");
        const auto &values = options[i].values;
        fuzz::check(std::find(values.begin(), values.end(), chosen[i].second) != values.end(),
                    "a variant value the product does not offer", chosen[i].second);
    }
}

void check_sku(const std::optional<std::string> &sku) {
    if (sku) {
        fuzz::check(libstore::is_sku(*sku), "bad sku", *sku);
    }
}

void check_options(const std::vector<libstore::ProductOption> &options) {
    fuzz::check(options.size() <= libstore::kMaxOptions, "too many options");
    for (std::size_t i = 0; i < options.size(); ++i) {
        fuzz::check(libstore::is_attribute_key(options[i].name), "bad option name");
        fuzz::check(find_option(options, options[i].name) == &options[i], "option twice");
        const auto &values = options[i].values;
        fuzz::check(!values.empty() && values.size() <= libstore::kMaxOptionValues,
                    "option value count");
        for (std::size_t j = 0; j < values.size(); ++j) {
            check_text(values[j], 1, libstore::kOptionValueMaxChars, "option value");
            for (std::size_t k = 0; k < j; ++k) {
                fuzz::check(values[j] != values[k], "option value twice");
            }
        }
    }
}

void check_product(const libstore::Product &product) {
    check_text(product.name, 1, libstore::kProductNameMaxChars, "name");
    fuzz::check(product.name_key == libstore::fold_case(product.name), "name key");
    if (product.description) {
        check_text(*product.description, 0, libstore::kProductDescriptionMaxChars, "description");
    }
    check_price(product.price_cents);
    fuzz::check(product.stock >= 0 && product.stock <= libstore::kMaxStock, "stock out of range");
    if (product.category_id) {
        fuzz::check(libstore::is_object_id(*product.category_id), "category id");
    }
    if (product.image_url) {
        fuzz::check(libstore::is_web_url(*product.image_url), "image url");
        fuzz::check(product.image_url->size() <= libstore::kImageUrlMaxChars * 4, "url length");
    }
    check_sizes(product.sizes);
    check_attributes(product.attributes);
    check_options(product.options);
    fuzz::check(!product.variants.empty(), "a product without variants");
    for (std::size_t i = 0; i < product.variants.size(); ++i) {
        const auto &variant = product.variants[i];
        check_price(variant.price_cents);
        fuzz::check(variant.stock >= 0 && variant.stock <= libstore::kMaxStock, "variant stock");
        check_sku(variant.sku);
        check_variant_options(variant.options, product.options);
        for (std::size_t j = 0; j < i; ++j) {
            fuzz::check(libstore::options_key(variant.options) !=
                            libstore::options_key(product.variants[j].options),
                        "two variants with one combination");
        }
    }
    libstore::Product derived = product;
    libstore::derive_totals(derived);
    fuzz::check(derived.price_cents == product.price_cents && derived.stock == product.stock,
                "totals not derived from the variants");
}

// A cursor made for `product` under each sort parses back to that product's position.
void check_product_cursors(libstore::Product product, std::uint8_t salt) {
    product.id = "0123456789abcdef0123456" + std::string(1, "0123456789abcdef"[salt % 16]);
    product.created_at_ms = 1'790'000'000'000 + salt;
    for (const char *sort : {"name", "-name", "price", "-price", "created_at", "-created_at"}) {
        Value query = Value::object();
        query.set("sort", sort);
        auto parsed_sort = libstore::parse_product_query(query).sort;
        std::string cursor = libstore::product_cursor(parsed_sort, product);
        query.set("cursor", cursor);
        libstore::ProductQuery parsed;
        bool ok = fuzz::expect_clean_failure(
            kInvalid, [&] { parsed = libstore::parse_product_query(query); });
        fuzz::check(ok, "a product cursor does not parse back", cursor);
        fuzz::check(parsed.after.has_value() && parsed.after->id == product.id, "cursor id");
        if (parsed_sort.key == libstore::ProductSortKey::name) {
            fuzz::check(parsed.after->name_key == product.name_key, "cursor name key");
        } else if (parsed_sort.key == libstore::ProductSortKey::price) {
            fuzz::check(parsed.after->number == product.price_cents, "cursor price");
        } else {
            fuzz::check(parsed.after->number == product.created_at_ms, "cursor time");
        }
        // The same cursor under another sort is refused, never misread.
        Value other = Value::object();
        other.set("sort", parsed_sort.descending ? "name" : "-name").set("cursor", cursor);
        bool misread =
            fuzz::expect_clean_failure(kInvalid, [&] { libstore::parse_product_query(other); });
        fuzz::check(!misread, "a cursor was accepted under another sort", cursor);
    }
}

void check_product_query(const libstore::ProductQuery &query) {
    fuzz::check(query.limit >= 1 && query.limit <= 100, "limit out of range");
    if (query.category_id) {
        fuzz::check(libstore::is_object_id(*query.category_id), "category filter");
    }
    if (query.min_price_cents) {
        fuzz::check(*query.min_price_cents >= 0, "negative min_price");
    }
    if (query.max_price_cents) {
        fuzz::check(*query.max_price_cents >= 0, "negative max_price");
    }
    if (query.min_price_cents && query.max_price_cents) {
        fuzz::check(*query.min_price_cents <= *query.max_price_cents, "min above max");
    }
    if (query.text) {
        check_text(*query.text, 1, libstore::kProductNameMaxChars, "q");
    }
    for (const auto &[key, value] : query.attributes) {
        fuzz::check(libstore::is_attribute_key(key), "attribute filter key", key);
        check_text(value, 1, libstore::kAttributeValueMaxChars, "attribute filter value");
    }
    if (query.after) {
        fuzz::check(libstore::is_object_id(query.after->id), "cursor id");
        fuzz::check(libstore::is_clean_utf8(query.after->name_key), "cursor name key");
    }
}

// A small shop over the fakes: two categories, products with attributes, one hidden.
struct FacetsShop {
    FacetsShop() {
        products.join_categories(categories);
        auto category = [&](const char *name) {
            return catalog.create_category(admin, Value::object().set("name", name))
                .find("id")
                ->as_string();
        };
        std::string books = category("Books"), toys = category("toys");
        const struct {
            const char *name;
            double price;
            std::int64_t stock;
            const std::string *category;
            const char *author;
        } items[] = {{"Red ball", 3, 5, &toys, "acme"},
                     {"Hobbit", 12.5, 2, &books, "tolkien"},
                     {"Atlas", 35.99, 1, &books, "x"},
                     {"Sold out", 1, 0, &books, "tolkien"},
                     {"Bookmark", 0.5, 9, nullptr, "acme"}};
        for (const auto &item : items) {
            Value body = Value::object();
            body.set("name", item.name)
                .set("price", item.price)
                .set("stock", item.stock)
                .set("attributes", Value::object().set("author", item.author))
                .set("sizes", Value(Value::Array{Value("S")}));
            if (item.category != nullptr) {
                body.set("category_id", *item.category);
            }
            catalog.create_product(admin, body);
        }
    }

    libstore::testing::FakeCategoryRepository categories;
    libstore::testing::FakeProductRepository products;
    libstore::testing::ManualClock clock;
    libstore::testing::FakeAuthenticator authenticator;
    libstore::testing::FakeAuditRepository audit_entries;
    libstore::AuditTrail audit{audit_entries, clock};
    libstore::CatalogService catalog{categories, products, clock, authenticator, audit};
    libstore::Session admin = libstore::testing::admin_session();
};

void check_value_counts(const Value &counts, std::int64_t total, const char *what) {
    fuzz::check(counts.is_object(), what, "not an object");
    const std::string *previous_name = nullptr;
    for (const auto &[name, list] : counts.as_object()) {
        fuzz::check(previous_name == nullptr || *previous_name < name, what, "names out of order");
        previous_name = &name;
        const std::string *previous = nullptr;
        for (const auto &entry : list.as_array()) {
            const std::string &value = entry.find("value")->as_string();
            std::int64_t count = entry.find("count")->as_integer();
            fuzz::check(count >= 1 && count <= total, what, "count out of range");
            fuzz::check(previous == nullptr || *previous < value, what, "values out of order");
            previous = &value;
        }
    }
}

// Facets of an accepted query count exactly the products the listing lists.
void check_facets(const Value &query) {
    static FacetsShop shop;
    Value facets;
    bool accepted = fuzz::expect_clean_failure(
        kInvalid, [&] { facets = shop.catalog.product_facets(nullptr, query); });
    if (!accepted) {
        return;
    }
    fuzz::check(query.find("include_hidden") == nullptr, "include_hidden accepted");
    // The same filters as one listing page; a cursor was made for some page of it only.
    Value listing = Value::object();
    for (const auto &[name, value] : query.as_object()) {
        if (name != "cursor" && name != "limit") {
            listing.set(name, value);
        }
    }
    listing.set("limit", 100);
    std::int64_t total = facets.find("total")->as_integer();
    auto listed = shop.catalog.list_products(nullptr, listing).find("items")->as_array();
    fuzz::check(total == static_cast<std::int64_t>(listed.size()), "total is not the listing's");
    std::int64_t in_categories = 0;
    for (const auto &entry : facets.find("categories")->as_array()) {
        in_categories += entry.find("count")->as_integer();
    }
    fuzz::check(in_categories <= total, "more products in categories than in total");
    check_value_counts(*facets.find("options"), total, "options");
    check_value_counts(*facets.find("attributes"), total, "attributes");
    const Value *price = facets.find("price");
    fuzz::check(price->find("min")->is_null() == (total == 0), "price min vs total");
    fuzz::check(price->find("max")->is_null() == (total == 0), "price max vs total");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    auto input = fuzz::split_input(data, size);
    Value body;
    if (!fuzz::expect_clean_failure({ErrorCode::invalid_argument, ErrorCode::too_large}, [&] {
            body = libstore::json::parse(input.text.c_str(), "body");
        })) {
        return 0;
    }
    switch (input.selector % 9) {
        case 0: {
            libstore::Product product;
            if (fuzz::expect_clean_failure(kInvalidOrConflict,
                                           [&] { product = libstore::parse_new_product(body); })) {
                check_product(product);
                check_product_cursors(product, static_cast<std::uint8_t>(input.selector));
            }
            break;
        }
        case 1: {
            libstore::ProductChanges changes;
            if (fuzz::expect_clean_failure(
                    kInvalid, [&] { changes = libstore::parse_product_changes(body); })) {
                fuzz::check(!changes.empty(), "empty change accepted");
                if (changes.name) {
                    check_text(*changes.name, 1, libstore::kProductNameMaxChars, "name");
                    fuzz::check(changes.name_key == libstore::fold_case(*changes.name), "key");
                }
                if (changes.price_cents) {
                    check_price(*changes.price_cents);
                }
                if (changes.stock) {
                    fuzz::check(*changes.stock >= 0 && *changes.stock <= libstore::kMaxStock,
                                "stock out of range");
                }
                if (changes.category_id && *changes.category_id) {
                    fuzz::check(libstore::is_object_id(**changes.category_id), "category id");
                }
                if (changes.image_url && *changes.image_url) {
                    fuzz::check(libstore::is_web_url(**changes.image_url), "image url");
                }
                if (changes.sizes) {
                    check_sizes(*changes.sizes);
                }
                if (changes.attributes) {
                    check_attributes(*changes.attributes);
                }
            }
            break;
        }
        case 2: {
            libstore::ProductQuery query;
            if (fuzz::expect_clean_failure(kInvalid,
                                           [&] { query = libstore::parse_product_query(body); })) {
                check_product_query(query);
            }
            break;
        }
        case 3: {
            libstore::Category category;
            if (fuzz::expect_clean_failure(
                    kInvalid, [&] { category = libstore::parse_new_category(body); })) {
                check_text(category.name, 1, libstore::kCategoryNameMaxChars, "category name");
                fuzz::check(category.name_key == libstore::fold_case(category.name), "key");
                Value query = Value::object();
                query.set("cursor", libstore::category_cursor(category));
                libstore::CategoryQuery parsed;
                bool ok = fuzz::expect_clean_failure(
                    kInvalid, [&] { parsed = libstore::parse_category_query(query); });
                fuzz::check(ok && parsed.after_name_key == category.name_key,
                            "category cursor does not round-trip");
            }
            break;
        }
        case 4: {
            libstore::CategoryChanges changes;
            if (fuzz::expect_clean_failure(
                    kInvalid, [&] { changes = libstore::parse_category_changes(body); })) {
                fuzz::check(!changes.empty(), "empty change accepted");
                if (changes.name) {
                    check_text(*changes.name, 1, libstore::kCategoryNameMaxChars, "name");
                }
            }
            break;
        }
        case 6:
            check_facets(body);
            break;
        case 5: {
            libstore::CategoryQuery query;
            if (fuzz::expect_clean_failure(kInvalid,
                                           [&] { query = libstore::parse_category_query(body); })) {
                fuzz::check(query.limit >= 1 && query.limit <= 100, "limit out of range");
                if (query.after_name_key) {
                    fuzz::check(libstore::is_clean_utf8(*query.after_name_key), "cursor key");
                }
            }
            break;
        }
        case 7: {
            libstore::Variant variant;
            if (fuzz::expect_clean_failure(kInvalid, [&] {
                    variant = libstore::parse_new_variant(body, kOptions, 1999);
                })) {
                check_price(variant.price_cents);
                fuzz::check(variant.stock >= 0 && variant.stock <= libstore::kMaxStock, "stock");
                check_sku(variant.sku);
                check_variant_options(variant.options, kOptions);
            }
            break;
        }
        case 8: {
            libstore::VariantChanges changes;
            if (fuzz::expect_clean_failure(
                    kInvalid, [&] { changes = libstore::parse_variant_changes(body, kOptions); })) {
                fuzz::check(!changes.empty(), "empty change accepted");
                if (changes.sku) {
                    check_sku(*changes.sku);
                }
                if (changes.options) {
                    check_variant_options(*changes.options, kOptions);
                }
                if (changes.price_cents) {
                    check_price(*changes.price_cents);
                }
            }
            break;
        }
    }
    return 0;
}
