#include "adapters/mongo/mongo_user_repository.hpp"

#include <algorithm>
#include <cstring>

#include "adapters/mongo/audit_marks.hpp"
#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/mongo_unit_of_work.hpp"
#include "adapters/mongo/outbox_bson.hpp"
#include "adapters/mongo/revocation_keys.hpp"
#include "core/error.hpp"
#include "core/validation/case_folding.hpp"

namespace libstore::mongo {

namespace {

User user_from_bson(const bson_t *document) {
    User user;
    user.id = read_oid_hex(document, "_id");
    user.username = read_string_or(document, "username", "");
    user.email = read_string_or(document, "email", "");
    user.name = read_string(document, "name");
    user.phone = read_string(document, "phone");
    user.address = read_string(document, "address");
    user.role = parse_role_name(read_string_or(document, "role", "client")).value_or(Role::client);
    // Accounts stored before roles had permissions have none.
    for (const auto &name : read_string_list(document, "permissions")) {
        if (auto permission = parse_permission(name)) {
            user.permissions.add(*permission);
        }
    }
    user.is_active = read_bool(document, "is_active", false);
    user.created_at_ms = read_date_ms(document, "created_at");
    user.password_hash = read_string_or(document, "password_hash", "");
    user.token_version = read_int64(document, "token_version", 0);
    // Absent in accounts stored before verification existed: unverified.
    user.email_verified = read_bool(document, "email_verified", false);
    return user;
}

void append_permissions(bson_t *document, PermissionSet permissions) {
    bson_t names;
    BSON_APPEND_ARRAY_BEGIN(document, "permissions", &names);
    std::size_t index = 0;
    for (const auto &name : permissions.names()) {
        append_text(&names, std::to_string(index++).c_str(), name);
    }
    bson_append_array_end(document, &names);
}

// $inc: {token_version: 1}: every token issued before dies.
void append_token_version_bump(bson_t *update) {
    bson_t increment;
    BSON_APPEND_DOCUMENT_BEGIN(update, "$inc", &increment);
    BSON_APPEND_INT64(&increment, "token_version", 1);
    bson_append_document_end(update, &increment);
}

// The unique index a duplicate-key error names tells which field was taken.
const char *duplicate_field(const bson_error_t &error) {
    return std::strstr(error.message, "email_lower") != nullptr ? "email" : "username";
}

}  // namespace

User MongoUserRepository::insert(UnitOfWork &work, const User &user, const EventDrafts &outbox) {
    auto &unit = mongo_unit(work);
    auto users = unit.collection(collections::kUsers);
    UnitOptions options(unit);
    bson_oid_t oid;
    if (user.id.empty()) {
        bson_oid_init(&oid, nullptr);
    } else {
        oid = oid_from_hex(user.id);
    }
    BsonDocument document;
    BSON_APPEND_OID(document.get(), "_id", &oid);
    append_text(document.get(), "username", user.username);
    append_text(document.get(), "username_lower", fold_case(user.username));
    append_text(document.get(), "email", user.email);
    append_text(document.get(), "email_lower", fold_case(user.email));
    append_optional_text(document.get(), "name", user.name);
    append_optional_text(document.get(), "phone", user.phone);
    append_optional_text(document.get(), "address", user.address);
    BSON_APPEND_UTF8(document.get(), "role", role_name(user.role));
    append_permissions(document.get(), user.permissions);
    BSON_APPEND_BOOL(document.get(), "is_active", user.is_active);
    BSON_APPEND_DATE_TIME(document.get(), "created_at", user.created_at_ms);
    append_text(document.get(), "password_hash", user.password_hash);
    BSON_APPEND_INT64(document.get(), "token_version", 0);
    BSON_APPEND_BOOL(document.get(), "email_verified", false);
    if (!outbox.empty()) {
        append_outbox(document.get(), outbox);
    }
    bson_error_t error;
    BsonDocument reply;
    if (!mongoc_collection_insert_one(users.get(), document.get(), options.get(), reply.get(),
                                      &error)) {
        if (is_duplicate_key(error)) {
            const char *field = duplicate_field(error);
            throw_conflict(field, std::string(field) + " is already taken");
        }
        throw_mongo_error(error, "user registration", reply.get());
    }
    User stored = user;
    stored.id = oid_to_hex(oid);
    stored.token_version = 0;
    return stored;
}

std::optional<User> MongoUserRepository::find_by_id(const std::string &id) {
    auto client = pool_->acquire();
    auto users = client.collection(collections::kUsers);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    auto found = find_one(users.get(), filter.get(), "user lookup");
    return found ? std::optional<User>(user_from_bson(found->get())) : std::nullopt;
}

std::optional<User> MongoUserRepository::find_by_login(const std::string &login_lower,
                                                       bool is_email) {
    auto client = pool_->acquire();
    auto users = client.collection(collections::kUsers);
    BsonDocument filter;
    append_text(filter.get(), is_email ? "email_lower" : "username_lower", login_lower);
    auto found = find_one(users.get(), filter.get(), "login");
    return found ? std::optional<User>(user_from_bson(found->get())) : std::nullopt;
}

std::optional<AccountState> MongoUserRepository::find_with_revocation(
    const std::string &id, const std::string &token_id, const std::string &family_id) {
    auto client = pool_->acquire();
    auto users = client.collection(collections::kUsers);
    // One round trip: the user, joined with the revocation records of this token and of its
    // login if any ($lookup matches an array localField element by element).
    bson_oid_t oid = oid_from_hex(id);
    BsonDocument pipeline;
    bson_t stage, body, literal, lookup;
    BSON_APPEND_DOCUMENT_BEGIN(pipeline.get(), "0", &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$match", &body);
    BSON_APPEND_OID(&body, "_id", &oid);
    bson_append_document_end(&stage, &body);
    bson_append_document_end(pipeline.get(), &stage);
    BSON_APPEND_DOCUMENT_BEGIN(pipeline.get(), "1", &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$addFields", &body);
    bson_t keys;
    BSON_APPEND_DOCUMENT_BEGIN(&body, "revocation_keys", &literal);
    BSON_APPEND_ARRAY_BEGIN(&literal, "$literal", &keys);
    append_text(&keys, "0", token_id);
    if (!family_id.empty()) {
        append_text(&keys, "1", family_revocation_key(family_id));
    }
    bson_append_array_end(&literal, &keys);
    bson_append_document_end(&body, &literal);
    bson_append_document_end(&stage, &body);
    bson_append_document_end(pipeline.get(), &stage);
    BSON_APPEND_DOCUMENT_BEGIN(pipeline.get(), "2", &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$lookup", &lookup);
    BSON_APPEND_UTF8(&lookup, "from", collections::kRevokedTokens);
    BSON_APPEND_UTF8(&lookup, "localField", "revocation_keys");
    BSON_APPEND_UTF8(&lookup, "foreignField", "_id");
    BSON_APPEND_UTF8(&lookup, "as", "revocations");
    bson_append_document_end(&stage, &lookup);
    bson_append_document_end(pipeline.get(), &stage);

    std::optional<AccountState> state;
    aggregate_each(users.get(), pipeline.get(), "session check", [&](const bson_t *document) {
        AccountState found;
        found.user = user_from_bson(document);
        bson_iter_t iter;
        bson_iter_t revocations;
        found.token_revoked =
            bson_iter_init_find(&iter, document, "revocations") && BSON_ITER_HOLDS_ARRAY(&iter) &&
            bson_iter_recurse(&iter, &revocations) && bson_iter_next(&revocations);
        state = std::move(found);
    });
    return state;
}

std::optional<User> MongoUserRepository::update(const std::string &id,
                                                const AccountUpdate &update) {
    auto client = pool_->acquire();
    auto users = client.collection(collections::kUsers);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    BsonDocument changes;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(changes.get(), "$set", &set);
    if (update.name) {
        append_optional_text(&set, "name", *update.name);
    }
    if (update.phone) {
        append_optional_text(&set, "phone", *update.phone);
    }
    if (update.address) {
        append_optional_text(&set, "address", *update.address);
    }
    if (update.email) {
        append_text(&set, "email", *update.email);
        append_text(&set, "email_lower", fold_case(*update.email));
    }
    if (update.password_hash) {
        append_text(&set, "password_hash", *update.password_hash);
    }
    if (update.email_verified) {
        BSON_APPEND_BOOL(&set, "email_verified", *update.email_verified);
    }
    bson_append_document_end(changes.get(), &set);
    if (update.bump_token_version) {
        append_token_version_bump(changes.get());
    }
    auto updated =
        find_one_and_update(users.get(), filter.get(), changes.get(), "profile update", "email");
    return updated ? std::optional<User>(user_from_bson(updated->get())) : std::nullopt;
}

std::optional<User> MongoUserRepository::set_active(const std::string &id, bool active,
                                                    Role expected_role,
                                                    const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto users = client.collection(collections::kUsers);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    BSON_APPEND_UTF8(filter.get(), "role", role_name(expected_role));
    BsonDocument changes;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(changes.get(), "$set", &set);
    BSON_APPEND_BOOL(&set, "is_active", active);
    bson_append_document_end(changes.get(), &set);
    if (!active) {
        append_token_version_bump(changes.get());
    }
    append_audit_mark_update(changes.get(), audit_mark);
    auto updated = find_one_and_update(users.get(), filter.get(), changes.get(),
                                       active ? "user activation" : "user deactivation");
    return updated ? std::optional<User>(user_from_bson(updated->get())) : std::nullopt;
}

std::optional<User> MongoUserRepository::set_role(const std::string &id, Role from, Role to,
                                                  PermissionSet permissions,
                                                  const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto users = client.collection(collections::kUsers);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    BSON_APPEND_UTF8(filter.get(), "role", role_name(from));
    BsonDocument changes;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(changes.get(), "$set", &set);
    BSON_APPEND_UTF8(&set, "role", role_name(to));
    append_permissions(&set, permissions);
    bson_append_document_end(changes.get(), &set);
    append_token_version_bump(changes.get());
    append_audit_mark_update(changes.get(), audit_mark);
    auto updated = find_one_and_update(users.get(), filter.get(), changes.get(), "role change");
    return updated ? std::optional<User>(user_from_bson(updated->get())) : std::nullopt;
}

std::int64_t MongoUserRepository::count_active_admins() {
    auto client = pool_->acquire();
    auto users = client.collection(collections::kUsers);
    BsonDocument filter;
    BSON_APPEND_UTF8(filter.get(), "role", "admin");
    BSON_APPEND_BOOL(filter.get(), "is_active", true);
    bson_error_t error;
    std::int64_t count = mongoc_collection_count_documents(users.get(), filter.get(), nullptr,
                                                           nullptr, nullptr, &error);
    if (count < 0) {
        throw_mongo_error(error, "admin count");
    }
    return count;
}

std::optional<User> MongoUserRepository::set_email_verified(const std::string &id,
                                                            const std::string &email_lower) {
    auto client = pool_->acquire();
    auto users = client.collection(collections::kUsers);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    append_text(filter.get(), "email_lower", email_lower);
    BsonDocument changes;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(changes.get(), "$set", &set);
    BSON_APPEND_BOOL(&set, "email_verified", true);
    bson_append_document_end(changes.get(), &set);
    auto updated =
        find_one_and_update(users.get(), filter.get(), changes.get(), "email verification");
    return updated ? std::optional<User>(user_from_bson(updated->get())) : std::nullopt;
}

bool MongoUserRepository::remove(const std::string &id) {
    auto client = pool_->acquire();
    auto users = client.collection(collections::kUsers);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_delete_one(users.get(), filter.get(), nullptr, reply.get(), &error)) {
        throw_mongo_error(error, "account deletion");
    }
    if (read_int64(reply.get(), "deletedCount") == 0) {
        return false;
    }
    // The cart document is keyed by the user's id.
    auto carts = client.collection(collections::kCarts);
    if (!mongoc_collection_delete_one(carts.get(), filter.get(), nullptr, nullptr, &error)) {
        throw_mongo_error(error, "account deletion (cart)");
    }
    return true;
}

std::vector<User> MongoUserRepository::list(const UserQuery &query, std::int64_t limit) {
    auto client = pool_->acquire();
    auto users = client.collection(collections::kUsers);
    BsonDocument filter;
    if (query.username_lower) {
        append_text(filter.get(), "username_lower", *query.username_lower);
    }
    if (query.email_lower) {
        append_text(filter.get(), "email_lower", *query.email_lower);
    }
    if (query.role) {
        BSON_APPEND_UTF8(filter.get(), "role", role_name(*query.role));
    }
    if (query.is_active) {
        BSON_APPEND_BOOL(filter.get(), "is_active", *query.is_active);
    }
    if (query.after_id) {
        bson_t range;
        bson_oid_t after = oid_from_hex(*query.after_id);
        BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "_id", &range);
        BSON_APPEND_OID(&range, "$gt", &after);
        bson_append_document_end(filter.get(), &range);
    }
    BsonDocument options;
    bson_t sort;
    BSON_APPEND_DOCUMENT_BEGIN(options.get(), "sort", &sort);
    BSON_APPEND_INT32(&sort, "_id", 1);
    bson_append_document_end(options.get(), &sort);
    BSON_APPEND_INT64(options.get(), "limit", limit);
    BSON_APPEND_INT64(options.get(), "batchSize", limit);
    std::vector<User> result;
    find_each(users.get(), filter.get(), options.get(), "user listing",
              [&](const bson_t *document) { result.push_back(user_from_bson(document)); });
    return result;
}

void MongoRevokedTokenRepository::revoke(const std::string &token_id, const std::string &user_id,
                                         std::int64_t expires_at_ms) {
    auto client = pool_->acquire();
    auto revoked = client.collection(collections::kRevokedTokens);
    BsonDocument document;
    append_text(document.get(), "_id", token_id);
    append_text(document.get(), "user_id", user_id);
    BSON_APPEND_DATE_TIME(document.get(), "expires_at", expires_at_ms);
    bson_error_t error;
    if (!mongoc_collection_insert_one(revoked.get(), document.get(), nullptr, nullptr, &error) &&
        !is_duplicate_key(error)) {  // revoking twice is revoking once
        throw_mongo_error(error, "logout");
    }
}

void MongoRevokedTokenRepository::revoke_family(const std::string &family_id,
                                                const std::string &user_id,
                                                std::int64_t expires_at_ms) {
    revoke(family_revocation_key(family_id), user_id, expires_at_ms);
}

std::vector<std::int64_t> MongoLoginFailureRepository::recent(const std::string &account,
                                                              std::int64_t since_ms, int limit) {
    auto client = pool_->acquire();
    auto failures = client.collection(collections::kLoginFailures);
    BsonDocument filter;
    append_text(filter.get(), "account", account);
    bson_t range;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "at", &range);
    BSON_APPEND_DATE_TIME(&range, "$gte", since_ms);
    bson_append_document_end(filter.get(), &range);
    BsonDocument options;
    bson_t sort;
    BSON_APPEND_DOCUMENT_BEGIN(options.get(), "sort", &sort);
    BSON_APPEND_INT32(&sort, "at", -1);
    bson_append_document_end(options.get(), &sort);
    BSON_APPEND_INT64(options.get(), "limit", limit);
    std::vector<std::int64_t> times;
    find_each(failures.get(), filter.get(), options.get(), "login failure check",
              [&](const bson_t *document) { times.push_back(read_date_ms(document, "at")); });
    // Newest `limit` failures, returned oldest first: the lockout ends when the oldest of them
    // leaves the window.
    std::reverse(times.begin(), times.end());
    return times;
}

void MongoLoginFailureRepository::record(const std::string &account, std::int64_t at_ms,
                                         std::int64_t expires_at_ms) {
    auto client = pool_->acquire();
    auto failures = client.collection(collections::kLoginFailures);
    BsonDocument document;
    append_text(document.get(), "account", account);
    BSON_APPEND_DATE_TIME(document.get(), "at", at_ms);
    BSON_APPEND_DATE_TIME(document.get(), "expires_at", expires_at_ms);
    bson_error_t error;
    if (!mongoc_collection_insert_one(failures.get(), document.get(), nullptr, nullptr, &error)) {
        throw_mongo_error(error, "login failure record");
    }
}

void MongoLoginFailureRepository::clear(const std::string &account) {
    auto client = pool_->acquire();
    auto failures = client.collection(collections::kLoginFailures);
    BsonDocument filter;
    append_text(filter.get(), "account", account);
    bson_error_t error;
    if (!mongoc_collection_delete_many(failures.get(), filter.get(), nullptr, nullptr, &error)) {
        throw_mongo_error(error, "login failure reset");
    }
}

}  // namespace libstore::mongo
