#include "adapters/mongo/mongo_webhook_repository.hpp"

#include "adapters/mongo/audit_marks.hpp"
#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/newest_first_keyset.hpp"

namespace libstore::mongo {

namespace {

Webhook webhook_from_bson(const bson_t *document) {
    Webhook webhook;
    webhook.id = read_oid_hex(document, "_id");
    webhook.url = read_string_or(document, "url", "");
    webhook.events = read_string_list(document, "events");
    webhook.active = read_bool(document, "active", true);
    webhook.sealed_secret = read_string_or(document, "secret_sealed", "");
    webhook.cursor = read_int64(document, "cursor");
    webhook.created_at_ms = read_date_ms(document, "created_at");
    webhook.updated_at_ms = read_date_ms(document, "updated_at");
    return webhook;
}

// Every field an admin changes, and the cursor a reactivation restarts.
void append_changeable_fields(bson_t *document, const Webhook &webhook) {
    append_text(document, "url", webhook.url);
    bson_t events;
    BSON_APPEND_ARRAY_BEGIN(document, "events", &events);
    for (std::size_t i = 0; i < webhook.events.size(); ++i) {
        append_text(&events, std::to_string(i).c_str(), webhook.events[i]);
    }
    bson_append_array_end(document, &events);
    BSON_APPEND_BOOL(document, "active", webhook.active);
    BSON_APPEND_INT64(document, "cursor", webhook.cursor);
    BSON_APPEND_DATE_TIME(document, "updated_at", webhook.updated_at_ms);
}

std::vector<Webhook> find_webhooks(ClientPool &pool, const bson_t *filter, const bson_t *options,
                                   const std::string &operation) {
    auto client = pool.acquire();
    auto webhooks = client.collection(collections::kWebhooks);
    std::vector<Webhook> found;
    find_each(webhooks.get(), filter, options, operation,
              [&](const bson_t *document) { found.push_back(webhook_from_bson(document)); });
    return found;
}

}  // namespace

std::string MongoWebhookRepository::insert(const Webhook &webhook, const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto webhooks = client.collection(collections::kWebhooks);
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    BsonDocument document;
    BSON_APPEND_OID(document.get(), "_id", &oid);
    append_changeable_fields(document.get(), webhook);
    append_text(document.get(), "secret_sealed", webhook.sealed_secret);
    BSON_APPEND_DATE_TIME(document.get(), "created_at", webhook.created_at_ms);
    append_audit_mark_field(document.get(), audit_mark);
    bson_error_t error;
    if (!mongoc_collection_insert_one(webhooks.get(), document.get(), nullptr, nullptr, &error)) {
        throw_mongo_error(error, "webhook creation");
    }
    return oid_to_hex(oid);
}

std::optional<Webhook> MongoWebhookRepository::find(const std::string &id) {
    auto client = pool_->acquire();
    auto webhooks = client.collection(collections::kWebhooks);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    auto found = find_one(webhooks.get(), filter.get(), "webhook lookup");
    return found ? std::optional<Webhook>(webhook_from_bson(found->get())) : std::nullopt;
}

std::optional<Webhook> MongoWebhookRepository::update(const Webhook &changed,
                                                      const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto webhooks = client.collection(collections::kWebhooks);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", changed.id);
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    append_changeable_fields(&set, changed);
    bson_append_document_end(update.get(), &set);
    append_audit_mark_update(update.get(), audit_mark);
    auto found = find_one_and_update(webhooks.get(), filter.get(), update.get(), "webhook update");
    return found ? std::optional<Webhook>(webhook_from_bson(found->get())) : std::nullopt;
}

bool MongoWebhookRepository::remove(const std::string &id) {
    auto client = pool_->acquire();
    auto webhooks = client.collection(collections::kWebhooks);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_delete_one(webhooks.get(), filter.get(), nullptr, reply.get(), &error)) {
        throw_mongo_error(error, "webhook deletion");
    }
    return read_int64(reply.get(), "deletedCount") > 0;
}

std::vector<Webhook> MongoWebhookRepository::list(const WebhookQuery &query,
                                                  std::int64_t fetch_limit) {
    BsonDocument filter;
    if (query.before) {
        append_older_than(filter.get(), "created_at", query.before->at_ms, query.before->id);
    }
    BsonDocument options;
    append_newest_first(options.get(), "created_at", fetch_limit);
    return find_webhooks(*pool_, filter.get(), options.get(), "webhook listing");
}

std::vector<Webhook> MongoWebhookRepository::active() {
    BsonDocument filter;
    BSON_APPEND_BOOL(filter.get(), "active", true);
    return find_webhooks(*pool_, filter.get(), nullptr, "active webhooks");
}

bool MongoWebhookRepository::advance_cursor(const std::string &id, std::int64_t from,
                                            std::int64_t to) {
    auto client = pool_->acquire();
    auto webhooks = client.collection(collections::kWebhooks);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    BSON_APPEND_INT64(filter.get(), "cursor", from);
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    BSON_APPEND_INT64(&set, "cursor", to);
    bson_append_document_end(update.get(), &set);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_update_one(webhooks.get(), filter.get(), update.get(), nullptr,
                                      reply.get(), &error)) {
        throw_mongo_error(error, "webhook cursor");
    }
    return read_int64(reply.get(), "modifiedCount") > 0;
}

}  // namespace libstore::mongo
