#include "adapters/mongo/mongo_event_store.hpp"

#include <memory>
#include <string>

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/mongo_unit_of_work.hpp"
#include "adapters/mongo/outbox_bson.hpp"
#include "adapters/mongo/value_bson.hpp"

namespace libstore::mongo {

namespace {

const char *holder_collection(OutboxHolder holder) {
    return holder == OutboxHolder::user ? collections::kUsers : collections::kOrders;
}

// True when every write error of a failed insert is a duplicate _id: already published.
bool only_duplicates(const bson_error_t &error, const bson_t *reply) {
    if (!is_duplicate_key(error)) {
        return false;
    }
    bson_iter_t iter, errors;
    if (bson_iter_init_find(&iter, reply, "writeConcernErrors")) {
        return false;
    }
    if (!bson_iter_init_find(&iter, reply, "writeErrors") || !BSON_ITER_HOLDS_ARRAY(&iter) ||
        !bson_iter_recurse(&iter, &errors)) {
        return true;  // a single duplicate reported without details
    }
    while (bson_iter_next(&errors)) {
        bson_iter_t code;
        if (!BSON_ITER_HOLDS_DOCUMENT(&errors) || !bson_iter_recurse(&errors, &code) ||
            !bson_iter_find(&code, "code") || bson_iter_as_int64(&code) != kDuplicateKeyCode) {
            return false;
        }
    }
    return true;
}

// Inserts the drafts as unsequenced events; ids already there are kept as they are.
void insert_events(mongoc_collection_t *events, const EventDrafts &drafts, const bson_t *session) {
    std::vector<BsonDocument> documents(drafts.size());
    // (A std::vector<const bson_t *> drops bson_t's alignment attribute, which -Werror refuses.)
    std::unique_ptr<const void *[]> pointers(new const void *[drafts.size()]);
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        bson_t *document = documents[i].get();
        append_text(document, "_id", drafts[i].id);
        append_text(document, "type", drafts[i].type);
        BSON_APPEND_DATE_TIME(document, "at", drafts[i].at_ms);
        append_value(document, "data", drafts[i].data);
        BSON_APPEND_BOOL(document, "unsequenced", true);
        pointers[i] = document;
    }
    BsonDocument options;
    if (session != nullptr) {
        bson_concat(options.get(), session);
    }
    BSON_APPEND_BOOL(options.get(), "ordered", false);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_insert_many(events, reinterpret_cast<const bson_t **>(pointers.get()),
                                       drafts.size(), options.get(), reply.get(), &error) &&
        !only_duplicates(error, reply.get())) {
        throw_mongo_error(error, "event relay", reply.get());
    }
}

Event event_from_bson(const bson_t *document) {
    Event event;
    event.id = read_int64(document, "seq");
    event.type = read_string_or(document, "type", "");
    event.at_ms = read_date_ms(document, "at");
    bson_iter_t iter;
    if (bson_iter_init_find(&iter, document, "data")) {
        event.data = value_from_iter(&iter);
    }
    return event;
}

std::int64_t highest_seq(mongoc_collection_t *events) {
    BsonDocument filter, options, range, sort, projection;
    bson_t greater;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "seq", &greater);
    BSON_APPEND_INT64(&greater, "$gt", 0);
    bson_append_document_end(filter.get(), &greater);
    BSON_APPEND_INT32(sort.get(), "seq", -1);
    BSON_APPEND_DOCUMENT(options.get(), "sort", sort.get());
    BSON_APPEND_INT32(projection.get(), "seq", 1);
    BSON_APPEND_DOCUMENT(options.get(), "projection", projection.get());
    BSON_APPEND_INT64(options.get(), "limit", 1);
    std::int64_t highest = 0;
    find_each(events, filter.get(), options.get(), "event feed",
              [&](const bson_t *document) { highest = read_int64(document, "seq"); });
    return highest;
}

// Gives the feed's next ids to events published since the last read (see the header).
void sequence(mongoc_collection_t *events) {
    BsonDocument filter, options, sort, projection;
    BSON_APPEND_BOOL(filter.get(), "unsequenced", true);
    BSON_APPEND_INT32(sort.get(), "at", 1);
    BSON_APPEND_INT32(sort.get(), "_id", 1);
    BSON_APPEND_DOCUMENT(options.get(), "sort", sort.get());
    BSON_APPEND_INT32(projection.get(), "_id", 1);
    BSON_APPEND_DOCUMENT(options.get(), "projection", projection.get());
    BSON_APPEND_INT64(options.get(), "limit", MongoEventStore::kSequencingBatch);
    std::vector<std::string> waiting;
    find_each(events, filter.get(), options.get(), "event sequencing", [&](const bson_t *document) {
        waiting.push_back(read_string_or(document, "_id", ""));
    });
    if (waiting.empty()) {
        return;
    }
    std::int64_t next = highest_seq(events) + 1;
    for (const auto &id : waiting) {
        BsonDocument match, update;
        append_text(match.get(), "_id", id);
        BSON_APPEND_BOOL(match.get(), "unsequenced", true);
        bson_t set, unset;
        BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
        BSON_APPEND_INT64(&set, "seq", next);
        bson_append_document_end(update.get(), &set);
        BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$unset", &unset);
        BSON_APPEND_UTF8(&unset, "unsequenced", "");
        bson_append_document_end(update.get(), &unset);
        BsonDocument reply;
        bson_error_t error;
        if (!mongoc_collection_update_one(events, match.get(), update.get(), nullptr, reply.get(),
                                          &error)) {
            if (is_duplicate_key(error)) {
                return;  // another reader gave `next` first; it goes on from there
            }
            throw_mongo_error(error, "event sequencing", reply.get());
        }
        if (read_int64(reply.get(), "modifiedCount") != 1) {
            return;  // another reader sequenced this one
        }
        ++next;
    }
}

}  // namespace

std::vector<Event> MongoEventStore::read_after(std::int64_t after, std::int64_t limit) {
    auto client = pool_->acquire();
    auto events = client.collection(collections::kEvents);
    sequence(events.get());
    BsonDocument filter, options, sort;
    bson_t greater;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "seq", &greater);
    BSON_APPEND_INT64(&greater, "$gt", after);
    bson_append_document_end(filter.get(), &greater);
    BSON_APPEND_INT32(sort.get(), "seq", 1);
    BSON_APPEND_DOCUMENT(options.get(), "sort", sort.get());
    BSON_APPEND_INT64(options.get(), "limit", limit);
    std::vector<Event> run;
    bool gap = false;
    find_each(events.get(), filter.get(), options.get(), "event feed", [&](const bson_t *document) {
        Event event = event_from_bson(document);
        std::int64_t expected = run.empty() ? after + 1 : run.back().id + 1;
        if (gap || event.id != expected) {
            gap = true;  // the rest comes with the next read
            return;
        }
        run.push_back(std::move(event));
    });
    return run;
}

std::int64_t MongoEventStore::last_id() {
    auto client = pool_->acquire();
    auto events = client.collection(collections::kEvents);
    sequence(events.get());
    return highest_seq(events.get());
}

void MongoEventStore::relay(UnitOfWork &work, OutboxHolder holder, const std::string &holder_id,
                            const EventDrafts &drafts) {
    if (drafts.empty()) {
        return;
    }
    auto &unit = mongo_unit(work);
    UnitOptions session(unit);
    auto events = unit.collection(collections::kEvents);
    insert_events(events.get(), drafts, session.get());

    auto holders = unit.collection(holder_collection(holder));
    BsonDocument filter, update;
    append_object_id(filter.get(), "_id", holder_id);
    bson_t pull, outbox, id, ids;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$pull", &pull);
    BSON_APPEND_DOCUMENT_BEGIN(&pull, "outbox", &outbox);
    BSON_APPEND_DOCUMENT_BEGIN(&outbox, "_id", &id);
    BSON_APPEND_ARRAY_BEGIN(&id, "$in", &ids);
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        append_text(&ids, std::to_string(i).c_str(), drafts[i].id);
    }
    bson_append_array_end(&id, &ids);
    bson_append_document_end(&outbox, &id);
    bson_append_document_end(&pull, &outbox);
    bson_append_document_end(update.get(), &pull);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_update_one(holders.get(), filter.get(), update.get(), session.get(),
                                      reply.get(), &error)) {
        throw_mongo_error(error, "event relay", reply.get());
    }
}

void MongoEventStore::publish(const EventDrafts &drafts) {
    if (drafts.empty()) {
        return;
    }
    auto client = pool_->acquire();
    auto events = client.collection(collections::kEvents);
    insert_events(events.get(), drafts, nullptr);
}

std::vector<OutboxLeftover> MongoEventStore::leftovers(OutboxHolder holder,
                                                       std::int64_t before_ms) {
    auto client = pool_->acquire();
    auto holders = client.collection(holder_collection(holder));
    BsonDocument filter, options, projection;
    bson_t range;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "outbox.at", &range);
    BSON_APPEND_DATE_TIME(&range, "$lte", before_ms);
    bson_append_document_end(filter.get(), &range);
    BSON_APPEND_INT32(projection.get(), "outbox", 1);
    BSON_APPEND_DOCUMENT(options.get(), "projection", projection.get());
    std::vector<OutboxLeftover> found;
    find_each(holders.get(), filter.get(), options.get(), "event recovery scan",
              [&](const bson_t *document) {
                  OutboxLeftover leftover;
                  leftover.holder = holder;
                  leftover.holder_id = read_oid_hex(document, "_id");
                  leftover.drafts = outbox_of(document);
                  found.push_back(std::move(leftover));
              });
    return found;
}

}  // namespace libstore::mongo
