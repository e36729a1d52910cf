#include "core/catalog/catalog_service.hpp"

#include "core/audit/change_summary.hpp"
#include "core/catalog/category_input.hpp"
#include "core/catalog/product_facets.hpp"
#include "core/catalog/product_input.hpp"
#include "core/catalog/product_query.hpp"
#include "core/catalog/variant_input.hpp"
#include "core/error.hpp"
#include "core/events/product_events.hpp"
#include "core/object_id.hpp"
#include "core/page_cursor.hpp"

namespace libstore {

CatalogService::CatalogService(CategoryRepository &categories, ProductRepository &products,
                               Clock &clock, Authenticator &authenticator, AuditTrail &audit,
                               ProductImageService *images)
    : categories_(categories),
      products_(products),
      clock_(clock),
      authenticator_(authenticator),
      audit_(audit),
      images_(images) {}

bool CatalogService::caller_manages_catalog(const Session *session) {
    if (session == nullptr) {
        return false;
    }
    return authenticator_.recheck(*session).may(Permission::manage_catalog);
}

Session CatalogService::catalog_manager(const Session &session) {
    Session caller = authenticator_.recheck(session);
    require_permission(caller, Permission::manage_catalog);
    return caller;
}

void CatalogService::require_category_exists(const std::string &category_id) {
    if (!categories_.find(category_id)) {
        throw_invalid("category_id", "category_id names no existing category");
    }
}

Product CatalogService::existing_product(const std::string &id) {
    auto product = products_.find(id);
    if (!product) {
        throw_not_found("product not found");
    }
    return *product;
}

namespace {

constexpr int kRevisionAttempts = 4;

const Variant &existing_variant(const Product &product, const std::string &variant_id) {
    require_object_id(variant_id, "variant");
    const Variant *variant = find_variant(product, variant_id);
    if (variant == nullptr) {
        throw_not_found("variant not found");
    }
    return *variant;
}

// Checks a change of the product-level price, stock or options against its variants.
void check_product_changes(const ProductChanges &changes, const Product &product) {
    if ((changes.price_cents || changes.stock) && product.variants.size() != 1) {
        throw_invalid(changes.price_cents ? "price" : "stock",
                      "the product has " + std::to_string(product.variants.size()) +
                          " variants: change their price and stock at "
                          "/products/{id}/variants/{variant_id}");
    }
    if (changes.options) {
        require_options_cover(*changes.options, product.variants);
    }
}

}  // namespace

template <typename Write>
Product CatalogService::write_at_revision(const std::string &product_id, Write &&write) {
    for (int attempt = 0; attempt < kRevisionAttempts; ++attempt) {
        Product product = existing_product(product_id);
        if (auto written = write(product)) {
            return *written;
        }
    }
    existing_product(product_id);  // gone meanwhile: not found
    throw_conflict("", "the product is being changed concurrently; try again");
}

// Categories

Value CatalogService::list_categories(const Value &query) {
    CategoryQuery parsed = parse_category_query(query);
    // One more than asked tells whether another page follows, without a count.
    auto found = categories_.list(parsed, parsed.limit + 1);
    std::string next_cursor;
    if (static_cast<std::int64_t>(found.size()) > parsed.limit) {
        found.resize(static_cast<std::size_t>(parsed.limit));
        next_cursor = category_cursor(found.back());
    }
    Value::Array items;
    items.reserve(found.size());
    for (const auto &category : found) {
        items.push_back(category_value(category));
    }
    return page_value(std::move(items), next_cursor);
}

Value CatalogService::get_category(const std::string &id) {
    require_object_id(id, "category");
    auto category = categories_.find(id);
    if (!category) {
        throw_not_found("category not found");
    }
    return category_value(*category);
}

Value CatalogService::create_category(const Session &session, const Value &body) {
    Session caller = catalog_manager(session);
    Category category = parse_new_category(body);
    category.created_at_ms = category.updated_at_ms = clock_.now_ms();
    audit_.record(caller, {"category.create", "category", "", describe_fields("created", body)},
                  [&](const std::string &mark, AuditSubject &subject) {
                      category.id = categories_.insert(category, mark);
                      subject.target_id = category.id;
                  });
    return category_value(category);
}

Value CatalogService::update_category(const Session &session, const std::string &id,
                                      const Value &changes) {
    Session caller = catalog_manager(session);
    require_object_id(id, "category");
    CategoryChanges parsed = parse_category_changes(changes);
    std::optional<Category> updated;
    audit_.record(caller, {"category.update", "category", id, describe_fields("changed", changes)},
                  [&](const std::string &mark, AuditSubject &) {
                      updated = categories_.update(id, parsed, clock_.now_ms(), mark);
                      if (!updated) {
                          throw_not_found("category not found");
                      }
                  });
    return category_value(*updated);
}

void CatalogService::delete_category(const Session &session, const std::string &id) {
    Session caller = catalog_manager(session);
    require_object_id(id, "category");
    // Checked before removing: deleting first would leave products pointing at nothing.
    if (products_.any_in_category(id)) {
        throw_conflict("", "the category still has products; move or delete them first");
    }
    audit_.record(caller, {"category.delete", "category", id, "deleted"},
                  [&](const std::string &, AuditSubject &) {
                      if (!categories_.remove(id)) {
                          throw_not_found("category not found");
                      }
                  });
}

// Products

Value CatalogService::list_products(const Session *session, const Value &query) {
    bool manager = caller_manages_catalog(session);
    ProductQuery parsed = parse_product_query(query);
    if (parsed.include_hidden && !manager) {
        if (session == nullptr) {
            throw_unauthenticated("include_hidden is for catalog managers: authenticate first");
        }
        throw_forbidden("include_hidden requires the manage_catalog permission");
    }
    auto found = products_.list(parsed, parsed.limit + 1);
    std::string next_cursor;
    if (static_cast<std::int64_t>(found.size()) > parsed.limit) {
        found.resize(static_cast<std::size_t>(parsed.limit));
        next_cursor = product_cursor(parsed.sort, found.back());
    }
    Value::Array items;
    items.reserve(found.size());
    for (const auto &product : found) {
        items.push_back(product_value(product));
    }
    return page_value(std::move(items), next_cursor);
}

Value CatalogService::get_product(const Session *session, const std::string &id) {
    bool manager = caller_manages_catalog(session);
    require_object_id(id, "product");
    auto product = products_.find(id);
    // A hidden product answers exactly like a missing one, so its existence does not leak.
    if (!product || (!manager && !is_publicly_visible(*product))) {
        throw_not_found("product not found");
    }
    return product_value(*product);
}

Value CatalogService::product_facets(const Session *session, const Value &query) {
    if (session != nullptr) {
        authenticator_.recheck(*session);
    }
    // Even include_hidden=false is refused: a caller asking at all expects hidden products to
    // be countable, and the answer must not depend on who asks (it is cached publicly).
    if (query.is_object() && query.find("include_hidden") != nullptr) {
        throw_invalid("include_hidden",
                      "facets count publicly visible products only; include_hidden is not "
                      "accepted here");
    }
    ProductQuery parsed = parse_product_query(query);
    // A cursor pages a listing; the facets describe all of it.
    parsed.after.reset();
    ProductFacets facets = products_.facets(parsed);
    sort_product_facets(facets);
    return product_facets_value(facets);
}

Value CatalogService::create_product(const Session &session, const Value &body) {
    Session caller = catalog_manager(session);
    Product product = parse_new_product(body);
    if (product.category_id) {
        require_category_exists(*product.category_id);
    }
    product.created_at_ms = product.updated_at_ms = clock_.now_ms();
    audit_.record(caller, {"product.create", "product", "", describe_fields("created", body)},
                  product_created_event(), [&](const std::string &mark, AuditSubject &subject) {
                      product = products_.insert(product, mark);
                      subject.target_id = product.id;
                  });
    return product_value(product);
}

Value CatalogService::update_product(const Session &session, const std::string &id,
                                     const Value &changes) {
    Session caller = catalog_manager(session);
    require_object_id(id, "product");
    ProductChanges parsed = parse_product_changes(changes);
    if (parsed.category_id && *parsed.category_id) {
        require_category_exists(**parsed.category_id);
    }
    // Price, stock and options depend on the variants: read, check, and write at that revision.
    bool checked = parsed.price_cents || parsed.stock || parsed.options;
    std::optional<Product> updated;
    audit_.record(
        caller, {"product.update", "product", id, describe_fields("changed", changes)},
        product_updated_event(changed_fields(changes)),
        [&](const std::string &mark, AuditSubject &) {
            if (!checked) {
                updated = products_.update(id, parsed, clock_.now_ms(), mark, std::nullopt);
                if (!updated) {
                    throw_not_found("product not found");
                }
                return;
            }
            updated = write_at_revision(id, [&](const Product &product) {
                check_product_changes(parsed, product);
                return products_.update(id, parsed, clock_.now_ms(), mark, product.revision);
            });
        });
    return product_value(*updated);
}

void CatalogService::delete_product(const Session &session, const std::string &id) {
    Session caller = catalog_manager(session);
    require_object_id(id, "product");
    std::optional<Product> removed;
    audit_.record(caller, {"product.delete", "product", id, "deleted"}, product_deleted_event(),
                  [&](const std::string &, AuditSubject &) {
                      removed = products_.take(id);
                      if (!removed) {
                          throw_not_found("product not found");
                      }
                  });
    // After the product: while it lists a file, the file must exist.
    if (images_ != nullptr) {
        images_->remove_files_of(*removed);
    }
}

// Variants

Value CatalogService::create_variant(const Session &session, const std::string &product_id,
                                     const Value &body) {
    Session caller = catalog_manager(session);
    require_object_id(product_id, "product");
    std::string created_id;
    std::optional<Product> updated;
    audit_.record(
        caller, {"product.variant.create", "product", product_id, describe_fields("created", body)},
        product_updated_event({"variants"}), [&](const std::string &mark, AuditSubject &) {
            updated = write_at_revision(product_id, [&](const Product &product) {
                Variant variant = parse_new_variant(body, product.options, product.price_cents);
                if (product.variants.size() >= kMaxVariants) {
                    throw_conflict(
                        "", "a product has at most " + std::to_string(kMaxVariants) + " variants");
                }
                auto variants = product.variants;
                variants.push_back(variant);
                require_distinct_variants(variants);
                return products_.add_variant(product_id, variant, product.revision, clock_.now_ms(),
                                             mark);
            });
        });
    // The one id that was not there before.
    const Variant *created = &updated->variants.back();
    return variant_value(*created);
}

Value CatalogService::update_variant(const Session &session, const std::string &product_id,
                                     const std::string &variant_id, const Value &changes) {
    Session caller = catalog_manager(session);
    require_object_id(product_id, "product");
    require_object_id(variant_id, "variant");
    std::optional<Product> updated;
    audit_.record(caller,
                  {"product.variant.update", "product", product_id,
                   "variant " + variant_id + " " + describe_fields("changed", changes)},
                  product_updated_event({"variants"}),
                  [&](const std::string &mark, AuditSubject &) {
                      updated = write_at_revision(product_id, [&](const Product &product) {
                          existing_variant(product, variant_id);
                          VariantChanges parsed = parse_variant_changes(changes, product.options);
                          auto variants = product.variants;
                          for (auto &variant : variants) {
                              if (variant.id != variant_id) {
                                  continue;
                              }
                              if (parsed.sku) {
                                  variant.sku = *parsed.sku;
                              }
                              if (parsed.options) {
                                  variant.options = *parsed.options;
                              }
                          }
                          require_distinct_variants(variants);
                          return products_.update_variant(product_id, variant_id, parsed,
                                                          product.revision, clock_.now_ms(), mark);
                      });
                  });
    return variant_value(existing_variant(*updated, variant_id));
}

void CatalogService::delete_variant(const Session &session, const std::string &product_id,
                                    const std::string &variant_id) {
    Session caller = catalog_manager(session);
    require_object_id(product_id, "product");
    require_object_id(variant_id, "variant");
    audit_.record(
        caller,
        {"product.variant.delete", "product", product_id, "variant " + variant_id + " deleted"},
        product_updated_event({"variants"}), [&](const std::string &mark, AuditSubject &) {
            write_at_revision(product_id, [&](const Product &product) {
                existing_variant(product, variant_id);
                if (product.variants.size() == 1) {
                    throw_conflict("",
                                   "a product keeps at least one variant; delete "
                                   "the product instead");
                }
                return products_.remove_variant(product_id, variant_id, product.revision,
                                                clock_.now_ms(), mark);
            });
        });
}

}  // namespace libstore
