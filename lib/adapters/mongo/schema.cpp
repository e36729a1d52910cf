#include "adapters/mongo/schema.hpp"

#include <map>

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"

namespace libstore::mongo {

using namespace collections;

const std::vector<IndexSpec> &schema_indexes() {
    static const std::vector<IndexSpec> indexes = {
        {kUsers, "username_lower_unique", {{"username_lower", 1}}, true},
        {kUsers, "email_lower_unique", {{"email_lower", 1}}, true},
        {kUsers, "role_id", {{"role", 1}, {"_id", 1}}},
        {kUsers, "is_active_id", {{"is_active", 1}, {"_id", 1}}},
        {kCategories, "name_lower_unique", {{"name_lower", 1}}, true},
        // Every product sort is (key, _id) for keyset pages; the category filter, the most
        // common one, gets an index per sort order too (and serves "is the category in use").
        {kProducts, "name_lower_id", {{"name_lower", 1}, {"_id", 1}}},
        {kProducts, "price_id", {{"price_cents", 1}, {"_id", 1}}},
        {kProducts, "created_at_id", {{"created_at", 1}, {"_id", 1}}},
        {kProducts, "category_name", {{"category_id", 1}, {"name_lower", 1}, {"_id", 1}}},
        {kProducts, "category_price", {{"category_id", 1}, {"price_cents", 1}, {"_id", 1}}},
        {kProducts, "category_created", {{"category_id", 1}, {"created_at", 1}, {"_id", 1}}},
        {kProducts, "sizes", {{"sizes", 1}}},
        {kProducts, "taken_by_order", {{"taken_by.order", 1}}},
        {kProducts, "returned_to_order", {{"returned_to.order", 1}}},
        {kProducts, "attributes", {{"attributes.k", 1}, {"attributes.v", 1}}},
        // SKUs are unique in the shop in any letter case: sku_keys holds a product's lower-cased
        // SKUs (none for products without any, which the index then leaves out).
        {kProducts, "sku_keys_unique", {{"sku_keys", 1}}, true, -1, true},
        // GET /products/facets (and public listings): every public query starts with the
        // visibility test, often with a price range; ?size= also looks into variant options.
        // A category filter uses the category_* indexes above.
        {kProducts, "visible_price", {{"in_stock", 1}, {"stock", 1}, {"price_cents", 1}}},
        {kProducts, "variant_options", {{"variants.options.k", 1}, {"variants.options.v", 1}}},
        {kOrders, "idempotency_unique", {{"idempotency_id", 1}}, true},
        {kOrders, "user_created", {{"user_id", 1}, {"created_at", -1}, {"_id", -1}}},
        {kOrders, "created", {{"created_at", -1}, {"_id", -1}}},
        {kOrders, "status_updated", {{"status", 1}, {"updated_at", 1}}},
        // Idle guest carts are dropped when their expiry passes; users' carts have no expiry.
        {kCarts, "expires_at_ttl", {{"expires_at", 1}}, false, 0},
        {kRevokedTokens, "expires_at_ttl", {{"expires_at", 1}}, false, 0},
        {kLoginFailures, "expires_at_ttl", {{"expires_at", 1}}, false, 0},
        {kLoginFailures, "account_at", {{"account", 1}, {"at", -1}}},
        // GET /audit: newest first, alone or by one filter; recovery finds pending entries.
        {kAudit, "pending_at_id", {{"pending", 1}, {"at", -1}, {"_id", -1}}},
        {kAudit, "actor_at_id", {{"actor_id", 1}, {"at", -1}, {"_id", -1}}},
        {kAudit, "action_at_id", {{"action", 1}, {"at", -1}, {"_id", -1}}},
        {kAudit, "target_at_id", {{"target_id", 1}, {"at", -1}, {"_id", -1}}},
        // Audit recovery looks for the documents an unsettled entry marked.
        {kUsers, "audit_marks", {{"audit_marks", 1}}},
        {kCategories, "audit_marks", {{"audit_marks", 1}}},
        {kProducts, "audit_marks", {{"audit_marks", 1}}},
        {kOrders, "audit_marks", {{"audit_marks", 1}}},
        // A rate-limit counter is looked up by _id; it is dropped once its window is over.
        {kRateLimits, "expires_at_ttl", {{"expires_at", 1}}, false, 0},
        {kRefreshTokens, "expires_at_ttl", {{"expires_at", 1}}, false, 0},
        {kRefreshTokens, "family", {{"family_id", 1}}},
        {kOneTimeTokens, "expires_at_ttl", {{"expires_at", 1}}, false, 0},
        {kOneTimeTokens, "user_kind", {{"user_id", 1}, {"kind", 1}}},
        // Image recovery: files old enough to be orphans, then which of them products list.
        {kImageFiles, "upload_date_id", {{"uploadDate", 1}, {"_id", 1}}},
        {kProducts, "images_id", {{"images.id", 1}}},
        // Vouchers: codes unique in any letter case, GET /vouchers newest first, recovery's
        // scan of the marks, audit recovery, and the carts a deleted voucher is taken off.
        {kVouchers, "code_lower_unique", {{"code_lower", 1}}, true},
        {kVouchers, "created_at_id", {{"created_at", -1}, {"_id", -1}}},
        {kVouchers, "redeemed_by", {{"redeemed_by", 1}}},
        {kVouchers, "returned_to", {{"returned_to", 1}}},
        {kVouchers, "audit_marks", {{"audit_marks", 1}}},
        {kVoucherUses, "redeemed_by", {{"redeemed_by", 1}}},
        {kVoucherUses, "returned_to", {{"returned_to", 1}}},
        {kCarts, "voucher_id", {{"voucher_id", 1}}},
        // Webhooks: GET /webhooks newest first, the dispatch's active ones, audit recovery; the
        // due jobs a sweep takes (earliest first) and a deleted webhook's jobs; each webhook's
        // log newest first, every attempt kept 30 days.
        {kWebhooks, "created_at_id", {{"created_at", -1}, {"_id", -1}}},
        {kWebhooks, "active", {{"active", 1}}},
        {kWebhooks, "audit_marks", {{"audit_marks", 1}}},
        {kWebhookDeliveries, "state_due", {{"state", 1}, {"due_at", 1}}},
        {kWebhookDeliveries, "webhook_id", {{"webhook_id", 1}}},
        {kWebhookAttempts, "webhook_at_id", {{"webhook_id", 1}, {"at", -1}, {"_id", -1}}},
        {kWebhookAttempts, "at_ttl", {{"at", 1}}, false, 30 * 24 * 3600},
        // The events feed: ids unique among the sequenced events, the sequencer's queue, and
        // recovery's scan of the outboxes a crash left drafts in.
        {kEvents, "seq_unique", {{"seq", 1}}, true, -1, false, true},
        {kEvents, "unsequenced", {{"unsequenced", 1}}, false, -1, false, true},
        {kUsers, "outbox_at", {{"outbox.at", 1}}, false, -1, false, true},
        {kOrders, "outbox_at", {{"outbox.at", 1}}, false, -1, false, true},
    };
    return indexes;
}

namespace {

void append_index(bson_t *array, const char *key, const IndexSpec &spec) {
    bson_t index;
    bson_t keys;
    BSON_APPEND_DOCUMENT_BEGIN(array, key, &index);
    BSON_APPEND_DOCUMENT_BEGIN(&index, "key", &keys);
    for (const auto &field : spec.keys) {
        BSON_APPEND_INT32(&keys, field.name, field.direction);
    }
    bson_append_document_end(&index, &keys);
    BSON_APPEND_UTF8(&index, "name", spec.name);
    if (spec.unique) {
        BSON_APPEND_BOOL(&index, "unique", true);
    }
    if (spec.sparse) {
        BSON_APPEND_BOOL(&index, "sparse", true);
    }
    if (spec.expire_after_seconds >= 0) {
        BSON_APPEND_INT32(&index, "expireAfterSeconds", spec.expire_after_seconds);
    }
    if (spec.strings_only) {
        bson_t partial, type;
        BSON_APPEND_DOCUMENT_BEGIN(&index, "partialFilterExpression", &partial);
        BSON_APPEND_DOCUMENT_BEGIN(&partial, spec.keys.front().name, &type);
        BSON_APPEND_UTF8(&type, "$type", "string");
        bson_append_document_end(&partial, &type);
        bson_append_document_end(&index, &partial);
    }
    bson_append_document_end(array, &index);
}

}  // namespace

void create_indexes(mongoc_client_t *client, const std::string &database) {
    std::map<std::string, std::vector<const IndexSpec *>> by_collection;
    for (const auto &spec : schema_indexes()) {
        by_collection[spec.collection].push_back(&spec);
    }
    for (const auto &[collection, specs] : by_collection) {
        BsonDocument command;
        BSON_APPEND_UTF8(command.get(), "createIndexes", collection.c_str());
        bson_t indexes;
        BSON_APPEND_ARRAY_BEGIN(command.get(), "indexes", &indexes);
        for (std::size_t i = 0; i < specs.size(); ++i) {
            append_index(&indexes, std::to_string(i).c_str(), *specs[i]);
        }
        bson_append_array_end(command.get(), &indexes);
        bson_error_t error;
        BsonDocument reply;
        bool ok = mongoc_client_write_command_with_opts(client, database.c_str(), command.get(),
                                                        nullptr, reply.get(), &error);
        if (!ok) {
            throw_mongo_error(error, "index creation on " + collection);
        }
    }
}

}  // namespace libstore::mongo
