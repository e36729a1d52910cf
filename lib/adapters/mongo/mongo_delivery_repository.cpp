#include "adapters/mongo/mongo_delivery_repository.hpp"

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/newest_first_keyset.hpp"

namespace libstore::mongo {

namespace {

constexpr const char *kPending = "pending";

DeliveryState state_from_name(const std::string &name) {
    for (auto state : {DeliveryState::delivered, DeliveryState::failed, DeliveryState::dropped}) {
        if (name == delivery_state_name(state)) {
            return state;
        }
    }
    return DeliveryState::pending;
}

bool holds(const bson_t *document, const char *key) {
    bson_iter_t iter;
    return bson_iter_init_find(&iter, document, key) && !BSON_ITER_HOLDS_NULL(&iter);
}

DeliveryJob job_from_bson(const bson_t *document) {
    DeliveryJob job;
    job.id = read_string_or(document, "_id", "");
    job.webhook_id = read_oid_hex(document, "webhook_id");
    job.event_id = read_int64(document, "event_id");
    job.event_type = read_string_or(document, "event_type", "");
    job.body = read_string_or(document, "body", "");
    job.state = state_from_name(read_string_or(document, "state", kPending));
    job.attempts = read_int64(document, "attempts");
    if (holds(document, "first_attempt_at")) {
        job.first_attempt_at_ms = read_date_ms(document, "first_attempt_at");
    }
    job.due_at_ms = read_date_ms(document, "due_at");
    job.holder = read_string_or(document, "holder", "");
    job.created_at_ms = read_date_ms(document, "created_at");
    return job;
}

DeliveryAttempt attempt_from_bson(const bson_t *document) {
    DeliveryAttempt attempt;
    attempt.id = read_oid_hex(document, "_id");
    attempt.webhook_id = read_oid_hex(document, "webhook_id");
    attempt.event_id = read_int64(document, "event_id");
    attempt.event_type = read_string_or(document, "event_type", "");
    attempt.at_ms = read_date_ms(document, "at");
    attempt.attempt = read_int64(document, "attempt");
    if (holds(document, "status_code")) {
        attempt.status_code = static_cast<int>(read_int64(document, "status_code"));
    }
    attempt.error = read_string(document, "error");
    attempt.delivered = read_bool(document, "delivered");
    attempt.response_body = read_string_or(document, "response_body", "");
    return attempt;
}

// {state: "pending", due_at: {$lte: now}}
void append_due(bson_t *filter, std::int64_t now_ms) {
    BSON_APPEND_UTF8(filter, "state", kPending);
    bson_t range;
    BSON_APPEND_DOCUMENT_BEGIN(filter, "due_at", &range);
    BSON_APPEND_DATE_TIME(&range, "$lte", now_ms);
    bson_append_document_end(filter, &range);
}

void append_sort_by_due(bson_t *options) {
    bson_t sort;
    BSON_APPEND_DOCUMENT_BEGIN(options, "sort", &sort);
    BSON_APPEND_INT32(&sort, "due_at", 1);
    bson_append_document_end(options, &sort);
}

void delete_many(mongoc_collection_t *collection, const bson_t *filter, const char *operation) {
    bson_error_t error;
    BsonDocument reply;
    if (!mongoc_collection_delete_many(collection, filter, nullptr, reply.get(), &error)) {
        throw_mongo_error(error, operation);
    }
}

}  // namespace

bool MongoDeliveryRepository::create(const DeliveryJob &job) {
    auto client = pool_->acquire();
    auto jobs = client.collection(collections::kWebhookDeliveries);
    BsonDocument document;
    append_text(document.get(), "_id", job.id);
    append_object_id(document.get(), "webhook_id", job.webhook_id);
    BSON_APPEND_INT64(document.get(), "event_id", job.event_id);
    append_text(document.get(), "event_type", job.event_type);
    append_text(document.get(), "body", job.body);
    BSON_APPEND_UTF8(document.get(), "state", kPending);
    BSON_APPEND_INT64(document.get(), "attempts", 0);
    BSON_APPEND_NULL(document.get(), "first_attempt_at");
    BSON_APPEND_DATE_TIME(document.get(), "due_at", job.due_at_ms);
    BSON_APPEND_NULL(document.get(), "holder");
    BSON_APPEND_DATE_TIME(document.get(), "created_at", job.created_at_ms);
    bson_error_t error;
    if (!mongoc_collection_insert_one(jobs.get(), document.get(), nullptr, nullptr, &error)) {
        if (is_duplicate_key(error)) {
            return false;
        }
        throw_mongo_error(error, "delivery job creation");
    }
    return true;
}

std::optional<DeliveryJob> MongoDeliveryRepository::take_due(std::int64_t now_ms,
                                                             std::int64_t lease_until_ms,
                                                             const std::string &holder) {
    auto client = pool_->acquire();
    auto jobs = client.collection(collections::kWebhookDeliveries);
    BsonDocument filter;
    append_due(filter.get(), now_ms);
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    BSON_APPEND_DATE_TIME(&set, "due_at", lease_until_ms);
    append_text(&set, "holder", holder);
    bson_append_document_end(update.get(), &set);
    BsonDocument options;
    append_sort_by_due(options.get());
    auto taken = find_one_and_update(jobs.get(), filter.get(), update.get(), "delivery lease", "",
                                     ReturnDocument::after, options.get());
    return taken ? std::optional<DeliveryJob>(job_from_bson(taken->get())) : std::nullopt;
}

bool MongoDeliveryRepository::finish(const std::string &job_id, const std::string &holder,
                                     const JobOutcome &outcome) {
    auto client = pool_->acquire();
    auto jobs = client.collection(collections::kWebhookDeliveries);
    BsonDocument filter;
    append_text(filter.get(), "_id", job_id);
    append_text(filter.get(), "holder", holder);
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    BSON_APPEND_UTF8(&set, "state", delivery_state_name(outcome.state));
    BSON_APPEND_INT64(&set, "attempts", outcome.attempts);
    BSON_APPEND_DATE_TIME(&set, "first_attempt_at", outcome.first_attempt_at_ms);
    BSON_APPEND_DATE_TIME(&set, "due_at", outcome.due_at_ms);
    BSON_APPEND_NULL(&set, "holder");
    bson_append_document_end(update.get(), &set);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_update_one(jobs.get(), filter.get(), update.get(), nullptr, reply.get(),
                                      &error)) {
        throw_mongo_error(error, "delivery outcome");
    }
    return read_int64(reply.get(), "matchedCount") > 0;
}

std::optional<std::int64_t> MongoDeliveryRepository::next_due_at() {
    auto client = pool_->acquire();
    auto jobs = client.collection(collections::kWebhookDeliveries);
    BsonDocument filter;
    BSON_APPEND_UTF8(filter.get(), "state", kPending);
    BsonDocument options;
    append_sort_by_due(options.get());
    BSON_APPEND_INT64(options.get(), "limit", 1);
    bson_t projection;
    BSON_APPEND_DOCUMENT_BEGIN(options.get(), "projection", &projection);
    BSON_APPEND_INT32(&projection, "due_at", 1);
    bson_append_document_end(options.get(), &projection);
    std::optional<std::int64_t> due;
    find_each(jobs.get(), filter.get(), options.get(), "next delivery",
              [&](const bson_t *document) { due = read_date_ms(document, "due_at"); });
    return due;
}

void MongoDeliveryRepository::record(const DeliveryAttempt &attempt) {
    auto client = pool_->acquire();
    auto log = client.collection(collections::kWebhookAttempts);
    BsonDocument document;
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    BSON_APPEND_OID(document.get(), "_id", &oid);
    append_object_id(document.get(), "webhook_id", attempt.webhook_id);
    BSON_APPEND_INT64(document.get(), "event_id", attempt.event_id);
    append_text(document.get(), "event_type", attempt.event_type);
    BSON_APPEND_DATE_TIME(document.get(), "at", attempt.at_ms);
    BSON_APPEND_INT64(document.get(), "attempt", attempt.attempt);
    if (attempt.status_code) {
        BSON_APPEND_INT32(document.get(), "status_code", *attempt.status_code);
    } else {
        BSON_APPEND_NULL(document.get(), "status_code");
    }
    append_optional_text(document.get(), "error", attempt.error);
    BSON_APPEND_BOOL(document.get(), "delivered", attempt.delivered);
    append_text(document.get(), "response_body", attempt.response_body);
    bson_error_t error;
    if (!mongoc_collection_insert_one(log.get(), document.get(), nullptr, nullptr, &error)) {
        throw_mongo_error(error, "delivery log");
    }
}

std::vector<DeliveryAttempt> MongoDeliveryRepository::attempts(const std::string &webhook_id,
                                                               const WebhookQuery &query,
                                                               std::int64_t fetch_limit) {
    auto client = pool_->acquire();
    auto log = client.collection(collections::kWebhookAttempts);
    BsonDocument filter;
    append_object_id(filter.get(), "webhook_id", webhook_id);
    if (query.before) {
        append_older_than(filter.get(), "at", query.before->at_ms, query.before->id);
    }
    BsonDocument options;
    append_newest_first(options.get(), "at", fetch_limit);
    std::vector<DeliveryAttempt> found;
    find_each(log.get(), filter.get(), options.get(), "delivery log",
              [&](const bson_t *document) { found.push_back(attempt_from_bson(document)); });
    return found;
}

void MongoDeliveryRepository::remove_webhook(const std::string &webhook_id) {
    auto client = pool_->acquire();
    BsonDocument filter;
    append_object_id(filter.get(), "webhook_id", webhook_id);
    auto jobs = client.collection(collections::kWebhookDeliveries);
    delete_many(jobs.get(), filter.get(), "delivery jobs deletion");
    auto log = client.collection(collections::kWebhookAttempts);
    delete_many(log.get(), filter.get(), "delivery log deletion");
}

std::optional<DeliveryJob> MongoDeliveryRepository::find(const std::string &job_id) {
    auto client = pool_->acquire();
    auto jobs = client.collection(collections::kWebhookDeliveries);
    BsonDocument filter;
    append_text(filter.get(), "_id", job_id);
    auto found = find_one(jobs.get(), filter.get(), "delivery job lookup");
    return found ? std::optional<DeliveryJob>(job_from_bson(found->get())) : std::nullopt;
}

}  // namespace libstore::mongo
