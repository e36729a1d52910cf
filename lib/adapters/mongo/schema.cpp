#include "adapters/mongo/schema.hpp"

#include "adapters/mongo/collections.hpp"

namespace libstore::mongo {

using namespace collections;

const std::vector<IndexSpec> &schema_indexes() {
    static const std::vector<IndexSpec> indexes = {
        {kUsers, "username_lower_unique", {{"username_lower", 1}}, true},
        {kUsers, "email_lower_unique", {{"email_lower", 1}}, true},
        {kUsers, "role_id", {{"role", 1}, {"_id", 1}}},
        {kUsers, "is_active_id", {{"is_active", 1}, {"_id", 1}}},
        {kCategories, "name_lower_unique", {{"name_lower", 1}}, true},
        {kProducts, "category_id", {{"category_id", 1}, {"_id", 1}}},
        {kProducts, "name_id", {{"name", 1}, {"_id", 1}}},
        {kProducts, "price_id", {{"price_cents", 1}, {"_id", 1}}},
        {kProducts, "created_at_id", {{"created_at", 1}, {"_id", 1}}},
        {kProducts, "sizes", {{"sizes", 1}}},
        {kOrders, "idempotency_unique", {{"idempotency_id", 1}}, true},
        {kOrders, "user_created", {{"user_id", 1}, {"created_at", -1}, {"_id", -1}}},
        {kOrders, "created", {{"created_at", -1}, {"_id", -1}}},
        {kOrders, "status_updated", {{"status", 1}, {"updated_at", 1}}},
        {kRevokedTokens, "expires_at_ttl", {{"expires_at", 1}}, false, 0},
        {kLoginFailures, "expires_at_ttl", {{"expires_at", 1}}, false, 0},
        {kLoginFailures, "account", {{"account", 1}, {"expires_at", 1}}},
    };
    return indexes;
}

}  // namespace libstore::mongo
