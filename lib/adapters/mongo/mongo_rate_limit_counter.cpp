#include "adapters/mongo/mongo_rate_limit_counter.hpp"

#include <optional>

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"

namespace libstore::mongo {

namespace {

struct FindAndModifyOptionsDeleter {
    void operator()(mongoc_find_and_modify_opts_t *options) const {
        mongoc_find_and_modify_opts_destroy(options);
    }
};

// The "count" of a counter document, or nullopt when it has none.
std::optional<std::int64_t> count_of(const bson_t *document) {
    bson_iter_t count;
    if (!bson_iter_init_find(&count, document, "count") || !BSON_ITER_HOLDS_NUMBER(&count)) {
        return std::nullopt;
    }
    return bson_iter_as_int64(&count);
}

// findAndModify's lastErrorObject.n: how many documents the command wrote.
std::int64_t written(const bson_t *reply) {
    bson_iter_t iter;
    bson_iter_t n;
    if (bson_iter_init_find(&iter, reply, "lastErrorObject") && BSON_ITER_HOLDS_DOCUMENT(&iter) &&
        bson_iter_recurse(&iter, &n) && bson_iter_find(&n, "n") && BSON_ITER_HOLDS_NUMBER(&n)) {
        return bson_iter_as_int64(&n);
    }
    return 0;
}

}  // namespace

// {_id: "<key> <window start ms>", key, window_start, expires_at, count}, made by the first
// request of the window and bumped by the others: findAndModify with upsert and $inc returns the
// new count in the same round trip, and the server serialises the increments of one document.
std::int64_t MongoRateLimitCounter::increment(const std::string &key, std::int64_t window_start_ms,
                                              std::int64_t expires_at_ms) {
    auto client = pool_->acquire();
    auto counts = client.collection(collections::kRateLimits);
    BsonDocument filter;
    append_text(filter.get(), "_id", key + " " + std::to_string(window_start_ms));
    BsonDocument update;
    bson_t inc;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$inc", &inc);
    BSON_APPEND_INT64(&inc, "count", 1);
    bson_append_document_end(update.get(), &inc);
    bson_t on_insert;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$setOnInsert", &on_insert);
    append_text(&on_insert, "key", key);
    BSON_APPEND_DATE_TIME(&on_insert, "window_start", window_start_ms);
    BSON_APPEND_DATE_TIME(&on_insert, "expires_at", expires_at_ms);
    bson_append_document_end(update.get(), &on_insert);

    std::unique_ptr<mongoc_find_and_modify_opts_t, FindAndModifyOptionsDeleter> options(
        mongoc_find_and_modify_opts_new());
    mongoc_find_and_modify_opts_set_update(options.get(), update.get());
    mongoc_find_and_modify_opts_set_flags(
        options.get(), static_cast<mongoc_find_and_modify_flags_t>(
                           MONGOC_FIND_AND_MODIFY_UPSERT | MONGOC_FIND_AND_MODIFY_RETURN_NEW));
    // Two first requests of a window may both try to insert; the one that loses gets a
    // duplicate key and, tried again, finds the document and bumps it.
    for (int attempt = 0;; ++attempt) {
        BsonDocument reply;
        bson_error_t error;
        if (!mongoc_collection_find_and_modify_with_opts(counts.get(), filter.get(), options.get(),
                                                         reply.get(), &error)) {
            if (!is_duplicate_key(error) || attempt > 0) {
                throw_mongo_error(error, "rate limit count", reply.get());
            }
            continue;
        }
        bson_iter_t value;
        if (bson_iter_init_find(&value, reply.get(), "value") && BSON_ITER_HOLDS_DOCUMENT(&value)) {
            uint32_t length = 0;
            const uint8_t *data = nullptr;
            bson_iter_document(&value, &length, &data);
            bson_t document;
            if (bson_init_static(&document, data, length)) {
                if (auto count = count_of(&document)) {
                    return *count;
                }
            }
            throw Error(ErrorCode::internal, "", "rate limit count: no count in the reply");
        }
        // The write happened but no document came back: what SecantusDB (the test database)
        // answers now and then to concurrent upserts of one key. Trying again would count this
        // request twice, so the count is read instead; it may include later requests too,
        // which errs on the side of the limit. MongoDB itself always returns the document.
        if (written(reply.get()) < 1) {
            throw Error(ErrorCode::internal, "", "rate limit count: nothing written");
        }
        auto stored = find_one(counts.get(), filter.get(), "rate limit count");
        std::optional<std::int64_t> count = stored ? count_of(stored->get()) : std::nullopt;
        if (!count) {
            throw Error(ErrorCode::internal, "", "rate limit count: the counter vanished");
        }
        return *count;
    }
}

}  // namespace libstore::mongo
