// The catalog of API.md: categories and products. Admins and staff holding manage_catalog
// ("catalog managers") write, each write recorded in the audit log; everybody reads, except that
// hidden products (switched off or out of stock) are shown to catalog managers only. Every method
// taking a session re-checks it first, so a revoked token or a deactivated admin is refused at
// once. Results are the API's JSON shapes (category_value, product_value, pages of them), which the
// C ABI and the Python module pass on unchanged.
#pragma once

#include <string>

#include "core/accounts/authenticator.hpp"
#include "core/audit/audit_trail.hpp"
#include "core/catalog/category.hpp"
#include "core/catalog/product.hpp"
#include "core/catalog/product_images.hpp"
#include "core/ports/category_repository.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/product_repository.hpp"
#include "core/session.hpp"
#include "core/value.hpp"

namespace libstore {

class CatalogService {
  public:
    // `images` (may be null where products carry no image files) removes a deleted product's
    // files.
    CatalogService(CategoryRepository &categories, ProductRepository &products, Clock &clock,
                   Authenticator &authenticator, AuditTrail &audit,
                   ProductImageService *images = nullptr);

    // Public. `query`: {limit?, cursor?}; sorted by name (case-insensitively).
    // {"items": [...], "next_cursor": ...}
    Value list_categories(const Value &query);
    // Public. Error(not_found) for unknown or malformed ids.
    Value get_category(const std::string &id);

    // Catalog managers. `body`: {name, description?}. Error(conflict, "name") when the name is
    // taken in any letter case.
    Value create_category(const Session &session, const Value &body);
    // Catalog managers. `changes`: {name?, description?}, at least one; description null clears it.
    Value update_category(const Session &session, const std::string &id, const Value &changes);
    // Catalog managers. Error(conflict) while products still refer to the category.
    void delete_category(const Session &session, const std::string &id);

    // `session` may be null (anonymous). `query`: see parse_product_query(). Only catalog managers
    // may ask for include_hidden: anonymous callers get Error(unauthenticated), clients
    // Error(forbidden).
    Value list_products(const Session *session, const Value &query);
    // `session` may be null. A hidden product is Error(not_found) for everybody but catalog
    // managers.
    Value get_product(const Session *session, const std::string &id);
    // Public, the same for every caller; `session` may be null and is re-checked when given.
    // `query`: the filters of list_products(); sort, limit and cursor are validated as there and
    // otherwise ignored (a storefront passes its listing's query unchanged); include_hidden is
    // Error(invalid_argument): facets count publicly visible products only. See
    // product_facets_value() for the answer.
    Value product_facets(const Session *session, const Value &query);

    // Catalog managers. `body`: see parse_new_product(). A category_id naming no category is
    // Error(invalid_argument, "category_id").
    Value create_product(const Session &session, const Value &body);
    // Catalog managers. `changes`: the fields of create, all optional, at least one; null clears
    // optional ones. Fields not given keep their value (stock included).
    Value update_product(const Session &session, const std::string &id, const Value &changes);
    // Catalog managers. The product's image files go with it.
    void delete_product(const Session &session, const std::string &id);

    // Catalog managers. `body`: {sku?, options, price?, stock, in_stock?} (see
    // parse_new_variant(); price defaults to the product's). The new variant. One variant per
    // combination of options and SKUs unique in the shop: Error(conflict).
    Value create_variant(const Session &session, const std::string &product_id, const Value &body);
    // Catalog managers. The fields of create, all optional, at least one; sku null clears it.
    Value update_variant(const Session &session, const std::string &product_id,
                         const std::string &variant_id, const Value &changes);
    // Catalog managers. Error(conflict) for a product's last variant.
    void delete_variant(const Session &session, const std::string &product_id,
                        const std::string &variant_id);

  private:
    // Whether an optional caller may manage the catalog, after re-checking it.
    bool caller_manages_catalog(const Session *session);
    // The caller as of now, refused unless they hold manage_catalog.
    Session catalog_manager(const Session &session);
    void require_category_exists(const std::string &category_id);
    // The product as stored, Error(not_found) when there is none.
    Product existing_product(const std::string &id);
    // Runs `write` (a revision-checked write of a product read just before) up to a few times,
    // re-reading when a concurrent change of the product's variants got in first.
    template <typename Write>
    Product write_at_revision(const std::string &product_id, Write &&write);

    CategoryRepository &categories_;
    ProductRepository &products_;
    Clock &clock_;
    Authenticator &authenticator_;
    AuditTrail &audit_;
    ProductImageService *images_;
};

}  // namespace libstore
