#include "adapters/mongo/mongo_voucher_repository.hpp"

#include "adapters/mongo/audit_marks.hpp"
#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/mongo_unit_of_work.hpp"
#include "adapters/mongo/newest_first_keyset.hpp"
#include "adapters/mongo/voucher_bson.hpp"
#include "core/error.hpp"

namespace libstore::mongo {

namespace {

const char *mark_field(VoucherMark kind) {
    return kind == VoucherMark::redeemed ? "redeemed_by" : "returned_to";
}

std::string tally_id(const std::string &voucher_id, const std::string &user_id) {
    return voucher_id + ":" + user_id;
}

[[noreturn]] void throw_code_taken() {
    throw_conflict("code", "a voucher with this code already exists");
}

void append_optional_int64(bson_t *document, const char *key,
                           const std::optional<std::int64_t> &value) {
    if (value) {
        BSON_APPEND_INT64(document, key, *value);
    } else {
        BSON_APPEND_NULL(document, key);
    }
}

void append_optional_date(bson_t *document, const char *key,
                          const std::optional<std::int64_t> &at_ms) {
    if (at_ms) {
        BSON_APPEND_DATE_TIME(document, key, *at_ms);
    } else {
        BSON_APPEND_NULL(document, key);
    }
}

// Every field an admin sets (all but uses and the marks).
void append_settable_fields(bson_t *document, const Voucher &voucher) {
    append_text(document, "code", voucher.code);
    append_text(document, "code_lower", voucher.code_key);
    BSON_APPEND_UTF8(document, "kind", voucher_kind_name(voucher.kind));
    BSON_APPEND_INT64(document, "value", voucher.value);
    BSON_APPEND_INT64(document, "min_subtotal_cents", voucher.min_subtotal_cents);
    append_optional_date(document, "starts_at", voucher.starts_at_ms);
    append_optional_date(document, "ends_at", voucher.ends_at_ms);
    append_optional_int64(document, "max_uses", voucher.max_uses);
    append_optional_int64(document, "max_uses_per_user", voucher.max_uses_per_user);
    BSON_APPEND_BOOL(document, "active", voucher.active);
    BSON_APPEND_DATE_TIME(document, "updated_at", voucher.updated_at_ms);
}

// {"$or": [{field: null}, {field: {op: value}}]} as element `key` of an $and array.
void append_null_or_date(bson_t *all, const char *key, const char *field, const char *op,
                         std::int64_t at_ms) {
    bson_t clause, either, branch, range;
    BSON_APPEND_DOCUMENT_BEGIN(all, key, &clause);
    BSON_APPEND_ARRAY_BEGIN(&clause, "$or", &either);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "0", &branch);
    BSON_APPEND_NULL(&branch, field);
    bson_append_document_end(&either, &branch);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "1", &branch);
    BSON_APPEND_DOCUMENT_BEGIN(&branch, field, &range);
    BSON_APPEND_DATE_TIME(&range, op, at_ms);
    bson_append_document_end(&branch, &range);
    bson_append_document_end(&either, &branch);
    bson_append_array_end(&clause, &either);
    bson_append_document_end(all, &clause);
}

// {"$or": [{max_uses: null}, {$expr: {$lt: ["$uses", "$max_uses"]}}]}
void append_use_left(bson_t *all, const char *key) {
    bson_t clause, either, branch, expr, less;
    BSON_APPEND_DOCUMENT_BEGIN(all, key, &clause);
    BSON_APPEND_ARRAY_BEGIN(&clause, "$or", &either);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "0", &branch);
    BSON_APPEND_NULL(&branch, "max_uses");
    bson_append_document_end(&either, &branch);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "1", &branch);
    BSON_APPEND_DOCUMENT_BEGIN(&branch, "$expr", &expr);
    BSON_APPEND_ARRAY_BEGIN(&expr, "$lt", &less);
    BSON_APPEND_UTF8(&less, "0", "$uses");
    BSON_APPEND_UTF8(&less, "1", "$max_uses");
    bson_append_array_end(&expr, &less);
    bson_append_document_end(&branch, &expr);
    bson_append_document_end(&either, &branch);
    bson_append_array_end(&clause, &either);
    bson_append_document_end(all, &clause);
}

// {field: {$ne: order}}: the order's mark is not there yet.
void append_no_mark(bson_t *filter, const char *field, const std::string &order_id) {
    bson_t condition;
    BSON_APPEND_DOCUMENT_BEGIN(filter, field, &condition);
    append_object_id(&condition, "$ne", order_id);
    bson_append_document_end(filter, &condition);
}

// {$inc: {count_field: delta}, <op>: {field: order}}
void append_count_change(bson_t *update, const char *count_field, std::int64_t delta,
                         const char *mark_op, const char *field, const std::string &order_id) {
    bson_t increment, mark;
    BSON_APPEND_DOCUMENT_BEGIN(update, "$inc", &increment);
    BSON_APPEND_INT64(&increment, count_field, delta);
    bson_append_document_end(update, &increment);
    BSON_APPEND_DOCUMENT_BEGIN(update, mark_op, &mark);
    append_object_id(&mark, field, order_id);
    bson_append_document_end(update, &mark);
}

bool update_one(mongoc_collection_t *collection, const bson_t *filter, const bson_t *update,
                const bson_t *options, const std::string &operation, bson_error_t *error_out) {
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_update_one(collection, filter, update, options, reply.get(), &error)) {
        if (error_out != nullptr && is_duplicate_key(error)) {
            *error_out = error;
            return false;
        }
        throw_mongo_error(error, operation, reply.get());
    }
    return read_int64(reply.get(), "matchedCount") + read_int64(reply.get(), "upsertedCount") > 0;
}

// Moves the voucher's uses and the user's tally by `delta` where `filter_for` matches, with
// `mark_op` of the order's mark in `field` (one round trip each; a tally only when `user_id`).
template <typename FilterFor>
void change_both(MongoUnitOfWork &unit, const std::string &voucher_id, const std::string &user_id,
                 std::int64_t delta, const char *mark_op, const char *field,
                 const std::string &order_id, FilterFor &&filter_for,
                 const std::string &operation) {
    UnitOptions options(unit);
    {
        auto vouchers = unit.collection(collections::kVouchers);
        BsonDocument filter;
        append_object_id(filter.get(), "_id", voucher_id);
        filter_for(filter.get());
        BsonDocument update;
        append_count_change(update.get(), "uses", delta, mark_op, field, order_id);
        update_one(vouchers.get(), filter.get(), update.get(), options.get(), operation, nullptr);
    }
    if (user_id.empty()) {
        return;
    }
    auto tallies = unit.collection(collections::kVoucherUses);
    BsonDocument filter;
    append_text(filter.get(), "_id", tally_id(voucher_id, user_id));
    filter_for(filter.get());
    BsonDocument update;
    append_count_change(update.get(), "count", delta, mark_op, field, order_id);
    update_one(tallies.get(), filter.get(), update.get(), options.get(), operation, nullptr);
}

}  // namespace

std::string MongoVoucherRepository::insert(const Voucher &voucher, const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto vouchers = client.collection(collections::kVouchers);
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    BsonDocument document;
    BSON_APPEND_OID(document.get(), "_id", &oid);
    append_settable_fields(document.get(), voucher);
    BSON_APPEND_INT64(document.get(), "uses", 0);
    BSON_APPEND_DATE_TIME(document.get(), "created_at", voucher.created_at_ms);
    append_audit_mark_field(document.get(), audit_mark);
    bson_error_t error;
    if (!mongoc_collection_insert_one(vouchers.get(), document.get(), nullptr, nullptr, &error)) {
        if (is_duplicate_key(error)) {
            throw_code_taken();
        }
        throw_mongo_error(error, "voucher creation");
    }
    return oid_to_hex(oid);
}

std::optional<Voucher> MongoVoucherRepository::find(const std::string &id) {
    auto client = pool_->acquire();
    auto vouchers = client.collection(collections::kVouchers);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    auto found = find_one(vouchers.get(), filter.get(), "voucher lookup");
    return found ? std::optional<Voucher>(voucher_from_bson(found->get())) : std::nullopt;
}

std::optional<Voucher> MongoVoucherRepository::find_by_code(const std::string &code_key) {
    auto client = pool_->acquire();
    auto vouchers = client.collection(collections::kVouchers);
    BsonDocument filter;
    append_text(filter.get(), "code_lower", code_key);
    auto found = find_one(vouchers.get(), filter.get(), "voucher lookup");
    return found ? std::optional<Voucher>(voucher_from_bson(found->get())) : std::nullopt;
}

std::optional<Voucher> MongoVoucherRepository::update(const Voucher &changed,
                                                      const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto vouchers = client.collection(collections::kVouchers);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", changed.id);
    if (changed.max_uses) {
        // Uses taken since the voucher was read must still fit under the new limit.
        bson_t range;
        BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "uses", &range);
        BSON_APPEND_INT64(&range, "$lte", *changed.max_uses);
        bson_append_document_end(filter.get(), &range);
    }
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    append_settable_fields(&set, changed);
    bson_append_document_end(update.get(), &set);
    append_audit_mark_update(update.get(), audit_mark);
    auto updated =
        find_one_and_update(vouchers.get(), filter.get(), update.get(), "voucher update", "code");
    return updated ? std::optional<Voucher>(voucher_from_bson(updated->get())) : std::nullopt;
}

bool MongoVoucherRepository::remove(const std::string &id) {
    auto client = pool_->acquire();
    auto vouchers = client.collection(collections::kVouchers);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_delete_one(vouchers.get(), filter.get(), nullptr, reply.get(), &error)) {
        throw_mongo_error(error, "voucher deletion");
    }
    return read_int64(reply.get(), "deletedCount") > 0;
}

std::vector<Voucher> MongoVoucherRepository::list(const VoucherQuery &query,
                                                  std::int64_t fetch_limit) {
    auto client = pool_->acquire();
    auto vouchers = client.collection(collections::kVouchers);
    BsonDocument filter;
    if (query.before) {
        append_older_than(filter.get(), "created_at", query.before->at_ms, query.before->id);
    }
    BsonDocument options;
    append_newest_first(options.get(), "created_at", fetch_limit);
    std::vector<Voucher> found;
    find_each(vouchers.get(), filter.get(), options.get(), "voucher listing",
              [&](const bson_t *document) { found.push_back(voucher_from_bson(document)); });
    return found;
}

std::int64_t MongoVoucherRepository::user_uses(const std::string &voucher_id,
                                               const std::string &user_id) {
    auto client = pool_->acquire();
    auto tallies = client.collection(collections::kVoucherUses);
    BsonDocument filter;
    append_text(filter.get(), "_id", tally_id(voucher_id, user_id));
    auto found = find_one(tallies.get(), filter.get(), "voucher use lookup");
    return found ? read_int64(found->get(), "count") : 0;
}

std::optional<Voucher> MongoVoucherRepository::redeem(UnitOfWork &work,
                                                      const std::string &voucher_id,
                                                      const RedemptionCheck &check,
                                                      const std::string &order_id) {
    auto &unit = mongo_unit(work);
    auto vouchers = unit.collection(collections::kVouchers);
    UnitOptions options(unit);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", voucher_id);
    BSON_APPEND_BOOL(filter.get(), "active", true);
    bson_t minimum;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "min_subtotal_cents", &minimum);
    BSON_APPEND_INT64(&minimum, "$lte", check.subtotal_cents);
    bson_append_document_end(filter.get(), &minimum);
    append_no_mark(filter.get(), "redeemed_by", order_id);
    bson_t all;
    BSON_APPEND_ARRAY_BEGIN(filter.get(), "$and", &all);
    append_null_or_date(&all, "0", "starts_at", "$lte", check.now_ms);
    append_null_or_date(&all, "1", "ends_at", "$gt", check.now_ms);
    append_use_left(&all, "2");
    bson_append_array_end(filter.get(), &all);
    BsonDocument update;
    append_count_change(update.get(), "uses", 1, "$push", "redeemed_by", order_id);
    auto after =
        find_one_and_update(vouchers.get(), filter.get(), update.get(), "voucher redemption", "",
                            ReturnDocument::after, options.get());
    return after ? std::optional<Voucher>(voucher_from_bson(after->get())) : std::nullopt;
}

bool MongoVoucherRepository::count_user_use(UnitOfWork &work, const std::string &voucher_id,
                                            const std::string &user_id,
                                            const std::optional<std::int64_t> &max_per_user,
                                            const std::string &order_id) {
    auto &unit = mongo_unit(work);
    auto tallies = unit.collection(collections::kVoucherUses);
    BsonDocument filter;
    append_text(filter.get(), "_id", tally_id(voucher_id, user_id));
    append_no_mark(filter.get(), "redeemed_by", order_id);
    if (max_per_user) {
        bson_t range;
        BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "count", &range);
        BSON_APPEND_INT64(&range, "$lt", *max_per_user);
        bson_append_document_end(filter.get(), &range);
    }
    BsonDocument update;
    append_count_change(update.get(), "count", 1, "$push", "redeemed_by", order_id);
    bson_t on_insert;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$setOnInsert", &on_insert);
    append_object_id(&on_insert, "voucher_id", voucher_id);
    append_object_id(&on_insert, "user_id", user_id);
    bson_append_document_end(update.get(), &on_insert);
    // A tally at its limit does not match, so the upsert tries to insert a second document with
    // its _id: the duplicate key is the refusal. On the recorded sequence a duplicate key can
    // also be a first use racing another one; the tally exists then, so one more try decides.
    // (In a transaction, that race is a write conflict, and the transaction runs again.)
    int attempts = unit.all_or_nothing() ? 1 : 2;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        UnitOptions options(unit);
        BSON_APPEND_BOOL(options.get(), "upsert", true);
        bson_error_t duplicate;
        if (update_one(tallies.get(), filter.get(), update.get(), options.get(),
                       "voucher use count", &duplicate)) {
            return true;
        }
    }
    return false;
}

void MongoVoucherRepository::undo_redeem(UnitOfWork &work, const std::string &voucher_id,
                                         const std::string &user_id, const std::string &order_id) {
    change_both(
        mongo_unit(work), voucher_id, user_id, -1, "$pull", "redeemed_by", order_id,
        [&](bson_t *filter) { append_object_id(filter, "redeemed_by", order_id); },
        "voucher use undo");
}

void MongoVoucherRepository::give_back(UnitOfWork &work, const std::string &voucher_id,
                                       const std::string &user_id, const std::string &order_id) {
    change_both(
        mongo_unit(work), voucher_id, user_id, -1, "$push", "returned_to", order_id,
        [&](bson_t *filter) { append_no_mark(filter, "returned_to", order_id); },
        "voucher use return");
}

void MongoVoucherRepository::clear_marks(UnitOfWork &work, const std::string &voucher_id,
                                         const std::string &user_id, const std::string &order_id,
                                         VoucherMark kind) {
    auto &unit = mongo_unit(work);
    UnitOptions options(unit);
    BsonDocument update;
    bson_t pull;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$pull", &pull);
    append_object_id(&pull, mark_field(kind), order_id);
    bson_append_document_end(update.get(), &pull);
    {
        auto vouchers = unit.collection(collections::kVouchers);
        BsonDocument filter;
        append_object_id(filter.get(), "_id", voucher_id);
        update_one(vouchers.get(), filter.get(), update.get(), options.get(),
                   "voucher mark clean-up", nullptr);
    }
    if (user_id.empty()) {
        return;
    }
    auto tallies = unit.collection(collections::kVoucherUses);
    BsonDocument filter;
    append_text(filter.get(), "_id", tally_id(voucher_id, user_id));
    update_one(tallies.get(), filter.get(), update.get(), options.get(), "voucher mark clean-up",
               nullptr);
}

std::vector<VoucherMarkRecord> MongoVoucherRepository::marks(VoucherMark kind) {
    auto client = pool_->acquire();
    std::string first = std::string(mark_field(kind)) + ".0";
    BsonDocument filter;
    bson_t exists;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), first.c_str(), &exists);
    BSON_APPEND_BOOL(&exists, "$exists", true);
    bson_append_document_end(filter.get(), &exists);
    std::vector<VoucherMarkRecord> records;
    auto collect = [&](const bson_t *document, const std::string &voucher_id,
                       const std::optional<std::string> &user_id) {
        bson_iter_t iter, element;
        if (!bson_iter_init_find(&iter, document, mark_field(kind)) ||
            !BSON_ITER_HOLDS_ARRAY(&iter) || !bson_iter_recurse(&iter, &element)) {
            return;
        }
        while (bson_iter_next(&element)) {
            if (BSON_ITER_HOLDS_OID(&element)) {
                records.push_back(
                    VoucherMarkRecord{oid_to_hex(*bson_iter_oid(&element)), voucher_id, user_id});
            }
        }
    };
    auto vouchers = client.collection(collections::kVouchers);
    find_each(vouchers.get(), filter.get(), nullptr, "voucher mark scan",
              [&](const bson_t *document) {
                  collect(document, read_oid_hex(document, "_id"), std::nullopt);
              });
    auto tallies = client.collection(collections::kVoucherUses);
    find_each(tallies.get(), filter.get(), nullptr, "voucher mark scan",
              [&](const bson_t *document) {
                  collect(document, read_oid_hex(document, "voucher_id"),
                          read_oid_hex(document, "user_id"));
              });
    return records;
}

}  // namespace libstore::mongo
