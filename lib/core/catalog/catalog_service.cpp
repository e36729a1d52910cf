#include "core/catalog/catalog_service.hpp"

#include "core/audit/change_summary.hpp"
#include "core/catalog/category_input.hpp"
#include "core/catalog/product_input.hpp"
#include "core/catalog/product_query.hpp"
#include "core/error.hpp"
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

Value CatalogService::create_product(const Session &session, const Value &body) {
    Session caller = catalog_manager(session);
    Product product = parse_new_product(body);
    if (product.category_id) {
        require_category_exists(*product.category_id);
    }
    product.created_at_ms = product.updated_at_ms = clock_.now_ms();
    audit_.record(caller, {"product.create", "product", "", describe_fields("created", body)},
                  [&](const std::string &mark, AuditSubject &subject) {
                      product.id = products_.insert(product, mark);
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
    std::optional<Product> updated;
    audit_.record(caller, {"product.update", "product", id, describe_fields("changed", changes)},
                  [&](const std::string &mark, AuditSubject &) {
                      updated = products_.update(id, parsed, clock_.now_ms(), mark);
                      if (!updated) {
                          throw_not_found("product not found");
                      }
                  });
    return product_value(*updated);
}

void CatalogService::delete_product(const Session &session, const std::string &id) {
    Session caller = catalog_manager(session);
    require_object_id(id, "product");
    std::optional<Product> removed;
    audit_.record(caller, {"product.delete", "product", id, "deleted"},
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

}  // namespace libstore
