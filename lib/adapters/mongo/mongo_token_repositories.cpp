#include "adapters/mongo/mongo_token_repositories.hpp"

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/revocation_keys.hpp"

namespace libstore::mongo {

namespace {

RefreshToken refresh_token_from_bson(const bson_t *document) {
    RefreshToken token;
    token.digest = read_string_or(document, "_id", "");
    token.user_id = read_string_or(document, "user_id", "");
    token.family_id = read_string_or(document, "family_id", "");
    token.token_version = read_int64(document, "token_version", 0);
    token.created_at_ms = read_date_ms(document, "created_at");
    token.expires_at_ms = read_date_ms(document, "expires_at");
    token.spent = read_bool(document, "spent", false);
    return token;
}

OneTimeToken one_time_token_from_bson(const bson_t *document, OneTimeTokenKind kind) {
    OneTimeToken token;
    token.digest = read_string_or(document, "_id", "");
    token.kind = kind;
    token.user_id = read_string_or(document, "user_id", "");
    token.email_lower = read_string_or(document, "email_lower", "");
    token.created_at_ms = read_date_ms(document, "created_at");
    token.expires_at_ms = read_date_ms(document, "expires_at");
    return token;
}

void insert_document(const char *collection_name, const BsonDocument &document, ClientPool &pool,
                     const std::string &operation) {
    auto client = pool.acquire();
    auto collection = client.collection(collection_name);
    bson_error_t error;
    if (!mongoc_collection_insert_one(collection.get(), document.get(), nullptr, nullptr, &error)) {
        throw_mongo_error(error, operation);
    }
}

}  // namespace

void MongoRefreshTokenRepository::insert(const RefreshToken &token) {
    BsonDocument document;
    append_text(document.get(), "_id", token.digest);
    append_text(document.get(), "user_id", token.user_id);
    append_text(document.get(), "family_id", token.family_id);
    // The family's key in revoked_tokens, for find()'s $lookup.
    append_text(document.get(), "family_key", family_revocation_key(token.family_id));
    BSON_APPEND_INT64(document.get(), "token_version", token.token_version);
    BSON_APPEND_DATE_TIME(document.get(), "created_at", token.created_at_ms);
    BSON_APPEND_DATE_TIME(document.get(), "expires_at", token.expires_at_ms);
    BSON_APPEND_BOOL(document.get(), "spent", token.spent);
    insert_document(collections::kRefreshTokens, document, *pool_, "refresh token issue");
}

std::optional<RefreshTokenLookup> MongoRefreshTokenRepository::find(const std::string &digest) {
    auto client = pool_->acquire();
    auto tokens = client.collection(collections::kRefreshTokens);
    BsonDocument pipeline;
    bson_t stage, body;
    BSON_APPEND_DOCUMENT_BEGIN(pipeline.get(), "0", &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$match", &body);
    append_text(&body, "_id", digest);
    bson_append_document_end(&stage, &body);
    bson_append_document_end(pipeline.get(), &stage);
    BSON_APPEND_DOCUMENT_BEGIN(pipeline.get(), "1", &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$lookup", &body);
    BSON_APPEND_UTF8(&body, "from", collections::kRevokedTokens);
    BSON_APPEND_UTF8(&body, "localField", "family_key");
    BSON_APPEND_UTF8(&body, "foreignField", "_id");
    BSON_APPEND_UTF8(&body, "as", "revocations");
    bson_append_document_end(&stage, &body);
    bson_append_document_end(pipeline.get(), &stage);

    std::optional<RefreshTokenLookup> found;
    aggregate_each(
        tokens.get(), pipeline.get(), "token refresh check", [&](const bson_t *document) {
            RefreshTokenLookup lookup;
            lookup.token = refresh_token_from_bson(document);
            bool revoked = false;
            for_each_document_in(document, "revocations", [&](const bson_t *) { revoked = true; });
            lookup.family_revoked = revoked;
            found = std::move(lookup);
        });
    return found;
}

bool MongoRefreshTokenRepository::spend(const std::string &digest) {
    auto client = pool_->acquire();
    auto tokens = client.collection(collections::kRefreshTokens);
    // The filter carries the condition: the server applies one update to a matching document
    // at a time, so of two racing callers only the first still matches spent == false.
    BsonDocument filter;
    append_text(filter.get(), "_id", digest);
    BSON_APPEND_BOOL(filter.get(), "spent", false);
    BsonDocument changes;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(changes.get(), "$set", &set);
    BSON_APPEND_BOOL(&set, "spent", true);
    bson_append_document_end(changes.get(), &set);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_update_one(tokens.get(), filter.get(), changes.get(), nullptr,
                                      reply.get(), &error)) {
        throw_mongo_error(error, "token refresh");
    }
    return read_int64(reply.get(), "modifiedCount") == 1;
}

void MongoRefreshTokenRepository::remove_family(const std::string &family_id) {
    auto client = pool_->acquire();
    auto tokens = client.collection(collections::kRefreshTokens);
    BsonDocument filter;
    append_text(filter.get(), "family_id", family_id);
    bson_error_t error;
    if (!mongoc_collection_delete_many(tokens.get(), filter.get(), nullptr, nullptr, &error)) {
        throw_mongo_error(error, "token family revocation");
    }
}

void MongoOneTimeTokenRepository::insert(const OneTimeToken &token) {
    BsonDocument document;
    append_text(document.get(), "_id", token.digest);
    BSON_APPEND_UTF8(document.get(), "kind", one_time_token_kind_name(token.kind));
    append_text(document.get(), "user_id", token.user_id);
    append_text(document.get(), "email_lower", token.email_lower);
    BSON_APPEND_DATE_TIME(document.get(), "created_at", token.created_at_ms);
    BSON_APPEND_DATE_TIME(document.get(), "expires_at", token.expires_at_ms);
    BSON_APPEND_BOOL(document.get(), "used", false);
    insert_document(collections::kOneTimeTokens, document, *pool_, "mailed token issue");
}

std::optional<OneTimeToken> MongoOneTimeTokenRepository::consume(const std::string &digest,
                                                                 OneTimeTokenKind kind) {
    auto client = pool_->acquire();
    auto tokens = client.collection(collections::kOneTimeTokens);
    BsonDocument filter;
    append_text(filter.get(), "_id", digest);
    BSON_APPEND_UTF8(filter.get(), "kind", one_time_token_kind_name(kind));
    BSON_APPEND_BOOL(filter.get(), "used", false);
    BsonDocument changes;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(changes.get(), "$set", &set);
    BSON_APPEND_BOOL(&set, "used", true);
    bson_append_document_end(changes.get(), &set);
    auto updated =
        find_one_and_update(tokens.get(), filter.get(), changes.get(), "mailed token use");
    return updated ? std::optional<OneTimeToken>(one_time_token_from_bson(updated->get(), kind))
                   : std::nullopt;
}

void MongoOneTimeTokenRepository::remove_for_user(const std::string &user_id,
                                                  OneTimeTokenKind kind) {
    auto client = pool_->acquire();
    auto tokens = client.collection(collections::kOneTimeTokens);
    BsonDocument filter;
    append_text(filter.get(), "user_id", user_id);
    BSON_APPEND_UTF8(filter.get(), "kind", one_time_token_kind_name(kind));
    bson_error_t error;
    if (!mongoc_collection_delete_many(tokens.get(), filter.get(), nullptr, nullptr, &error)) {
        throw_mongo_error(error, "mailed token removal");
    }
}

}  // namespace libstore::mongo
