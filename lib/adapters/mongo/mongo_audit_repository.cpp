#include "adapters/mongo/mongo_audit_repository.hpp"

#include "adapters/mongo/audit_marks.hpp"
#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/newest_first_keyset.hpp"
#include "core/object_id.hpp"

namespace libstore::mongo {

namespace {

AuditEntry entry_from_bson(const bson_t *document) {
    AuditEntry entry;
    entry.id = read_oid_hex(document, "_id");
    entry.at_ms = read_date_ms(document, "at");
    entry.actor_id = read_string_or(document, "actor_id", "");
    entry.action = read_string_or(document, "action", "");
    entry.target_type = read_string_or(document, "target_type", "");
    entry.target_id = read_string_or(document, "target_id", "");
    entry.summary = read_string_or(document, "summary", "");
    return entry;
}

// The collection holding an entry's target; null for a type this version does not know.
const char *target_collection(const std::string &target_type) {
    if (target_type == "user") {
        return collections::kUsers;
    }
    if (target_type == "category") {
        return collections::kCategories;
    }
    if (target_type == "product") {
        return collections::kProducts;
    }
    if (target_type == "order") {
        return collections::kOrders;
    }
    if (target_type == "voucher") {
        return collections::kVouchers;
    }
    if (target_type == "webhook") {
        return collections::kWebhooks;
    }
    return nullptr;
}

void append_entry_id(bson_t *filter, const std::string &id) {
    append_object_id(filter, "_id", id);
}

// Removes the entry's mark from whichever document of its target type carries it.
void pull_mark(PooledClient &client, const AuditEntry &entry) {
    const char *name = target_collection(entry.target_type);
    if (name == nullptr) {
        return;
    }
    auto targets = client.collection(name);
    BsonDocument filter;
    if (is_object_id(entry.target_id)) {
        append_object_id(filter.get(), "_id", entry.target_id);
    }
    append_text(filter.get(), kAuditMarksField, entry.id);
    BsonDocument update;
    bson_t pull;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$pull", &pull);
    append_text(&pull, kAuditMarksField, entry.id);
    bson_append_document_end(update.get(), &pull);
    bson_error_t error;
    if (!mongoc_collection_update_one(targets.get(), filter.get(), update.get(), nullptr, nullptr,
                                      &error)) {
        throw_mongo_error(error, "audit mark removal");
    }
}

}  // namespace

std::string MongoAuditRepository::begin(const AuditEntry &entry) {
    auto client = pool_->acquire();
    auto audit = client.collection(collections::kAudit);
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    BsonDocument document;
    BSON_APPEND_OID(document.get(), "_id", &oid);
    BSON_APPEND_DATE_TIME(document.get(), "at", entry.at_ms);
    append_text(document.get(), "actor_id", entry.actor_id);
    append_text(document.get(), "action", entry.action);
    append_text(document.get(), "target_type", entry.target_type);
    if (entry.target_id.empty()) {
        BSON_APPEND_NULL(document.get(), "target_id");
    } else {
        append_text(document.get(), "target_id", entry.target_id);
    }
    append_text(document.get(), "summary", entry.summary);
    BSON_APPEND_BOOL(document.get(), "pending", true);
    bson_error_t error;
    if (!mongoc_collection_insert_one(audit.get(), document.get(), nullptr, nullptr, &error)) {
        throw_mongo_error(error, "audit entry");
    }
    return oid_to_hex(oid);
}

void MongoAuditRepository::commit(const AuditEntry &entry) {
    auto client = pool_->acquire();
    auto audit = client.collection(collections::kAudit);
    BsonDocument filter;
    append_entry_id(filter.get(), entry.id);
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    BSON_APPEND_BOOL(&set, "pending", false);
    if (!entry.target_id.empty()) {
        append_text(&set, "target_id", entry.target_id);
    }
    append_text(&set, "summary", entry.summary);
    bson_append_document_end(update.get(), &set);
    bson_error_t error;
    if (!mongoc_collection_update_one(audit.get(), filter.get(), update.get(), nullptr, nullptr,
                                      &error)) {
        throw_mongo_error(error, "audit entry commit");
    }
    if (!is_removal(entry.action)) {
        pull_mark(client, entry);
    }
}

void MongoAuditRepository::drop(const AuditEntry &entry) {
    auto client = pool_->acquire();
    if (!is_removal(entry.action)) {
        pull_mark(client, entry);
    }
    auto audit = client.collection(collections::kAudit);
    BsonDocument filter;
    append_entry_id(filter.get(), entry.id);
    BSON_APPEND_BOOL(filter.get(), "pending", true);
    bson_error_t error;
    if (!mongoc_collection_delete_one(audit.get(), filter.get(), nullptr, nullptr, &error)) {
        throw_mongo_error(error, "audit entry removal");
    }
}

std::vector<AuditEntry> MongoAuditRepository::stale_pending(std::int64_t before_ms) {
    auto client = pool_->acquire();
    auto audit = client.collection(collections::kAudit);
    BsonDocument filter;
    BSON_APPEND_BOOL(filter.get(), "pending", true);
    bson_t range;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "at", &range);
    BSON_APPEND_DATE_TIME(&range, "$lte", before_ms);
    bson_append_document_end(filter.get(), &range);
    std::vector<AuditEntry> entries;
    find_each(audit.get(), filter.get(), nullptr, "audit recovery",
              [&](const bson_t *document) { entries.push_back(entry_from_bson(document)); });
    return entries;
}

std::optional<std::string> MongoAuditRepository::marked_target(const AuditEntry &entry) {
    const char *name = target_collection(entry.target_type);
    if (name == nullptr) {
        return std::nullopt;
    }
    auto client = pool_->acquire();
    auto targets = client.collection(name);
    BsonDocument filter;
    append_text(filter.get(), kAuditMarksField, entry.id);
    auto found = find_one(targets.get(), filter.get(), "audit recovery");
    if (!found) {
        return std::nullopt;
    }
    return read_oid_hex(found->get(), "_id");
}

bool MongoAuditRepository::target_exists(const AuditEntry &entry) {
    const char *name = target_collection(entry.target_type);
    if (name == nullptr || !is_object_id(entry.target_id)) {
        return false;
    }
    auto client = pool_->acquire();
    auto targets = client.collection(name);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", entry.target_id);
    return find_one(targets.get(), filter.get(), "audit recovery").has_value();
}

std::vector<AuditEntry> MongoAuditRepository::list(const AuditQuery &query, std::int64_t limit) {
    auto client = pool_->acquire();
    auto audit = client.collection(collections::kAudit);
    BsonDocument filter;
    BSON_APPEND_BOOL(filter.get(), "pending", false);
    if (query.actor_id) {
        append_text(filter.get(), "actor_id", *query.actor_id);
    }
    if (query.action) {
        append_text(filter.get(), "action", *query.action);
    }
    if (query.target_id) {
        append_text(filter.get(), "target_id", *query.target_id);
    }
    if (query.before_at_ms && query.before_id) {
        append_older_than(filter.get(), "at", *query.before_at_ms, *query.before_id);
    }
    BsonDocument options;
    append_newest_first(options.get(), "at", limit);
    std::vector<AuditEntry> entries;
    find_each(audit.get(), filter.get(), options.get(), "audit listing",
              [&](const bson_t *document) { entries.push_back(entry_from_bson(document)); });
    return entries;
}

}  // namespace libstore::mongo
