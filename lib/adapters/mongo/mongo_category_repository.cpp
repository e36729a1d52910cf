#include "adapters/mongo/mongo_category_repository.hpp"

#include "adapters/mongo/audit_marks.hpp"
#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "core/error.hpp"

namespace libstore::mongo {

namespace {

Category category_from_bson(const bson_t *document) {
    Category category;
    category.id = read_oid_hex(document, "_id");
    category.name = read_string_or(document, "name", "");
    category.name_key = read_string_or(document, "name_lower", "");
    category.description = read_string(document, "description");
    category.created_at_ms = read_date_ms(document, "created_at");
    category.updated_at_ms = read_date_ms(document, "updated_at");
    return category;
}

void append_id_filter(bson_t *filter, const std::string &id) {
    append_object_id(filter, "_id", id);
}

[[noreturn]] void throw_name_taken() {
    throw_conflict("name", "a category with this name already exists");
}

}  // namespace

std::string MongoCategoryRepository::insert(const Category &category,
                                            const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto categories = client.collection(collections::kCategories);
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    BsonDocument document;
    BSON_APPEND_OID(document.get(), "_id", &oid);
    append_text(document.get(), "name", category.name);
    append_text(document.get(), "name_lower", category.name_key);
    append_optional_text(document.get(), "description", category.description);
    BSON_APPEND_DATE_TIME(document.get(), "created_at", category.created_at_ms);
    BSON_APPEND_DATE_TIME(document.get(), "updated_at", category.updated_at_ms);
    append_audit_mark_field(document.get(), audit_mark);
    bson_error_t error;
    if (!mongoc_collection_insert_one(categories.get(), document.get(), nullptr, nullptr, &error)) {
        if (is_duplicate_key(error)) {
            throw_name_taken();
        }
        throw_mongo_error(error, "category creation");
    }
    return oid_to_hex(oid);
}

std::optional<Category> MongoCategoryRepository::find(const std::string &id) {
    auto client = pool_->acquire();
    auto categories = client.collection(collections::kCategories);
    BsonDocument filter;
    append_id_filter(filter.get(), id);
    auto found = find_one(categories.get(), filter.get(), "category lookup");
    return found ? std::optional<Category>(category_from_bson(found->get())) : std::nullopt;
}

std::optional<Category> MongoCategoryRepository::update(const std::string &id,
                                                        const CategoryChanges &changes,
                                                        std::int64_t updated_at_ms,
                                                        const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto categories = client.collection(collections::kCategories);
    BsonDocument filter;
    append_id_filter(filter.get(), id);
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    if (changes.name) {
        append_text(&set, "name", *changes.name);
        append_text(&set, "name_lower", changes.name_key.value_or(""));
    }
    if (changes.description) {
        append_optional_text(&set, "description", *changes.description);
    }
    BSON_APPEND_DATE_TIME(&set, "updated_at", updated_at_ms);
    bson_append_document_end(update.get(), &set);
    append_audit_mark_update(update.get(), audit_mark);
    auto updated = find_one_and_update(categories.get(), filter.get(), update.get(),
                                       "category update", "name");
    return updated ? std::optional<Category>(category_from_bson(updated->get())) : std::nullopt;
}

bool MongoCategoryRepository::remove(const std::string &id) {
    auto client = pool_->acquire();
    auto categories = client.collection(collections::kCategories);
    BsonDocument filter;
    append_id_filter(filter.get(), id);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_delete_one(categories.get(), filter.get(), nullptr, reply.get(),
                                      &error)) {
        throw_mongo_error(error, "category deletion");
    }
    return read_int64(reply.get(), "deletedCount") > 0;
}

std::vector<Category> MongoCategoryRepository::list(const CategoryQuery &query,
                                                    std::int64_t fetch_limit) {
    auto client = pool_->acquire();
    auto categories = client.collection(collections::kCategories);
    BsonDocument filter;
    if (query.after_name_key) {
        bson_t range;
        BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "name_lower", &range);
        append_text(&range, "$gt", *query.after_name_key);
        bson_append_document_end(filter.get(), &range);
    }
    // name_lower is unique, so it orders the categories completely on its own.
    BsonDocument options;
    bson_t sort;
    BSON_APPEND_DOCUMENT_BEGIN(options.get(), "sort", &sort);
    BSON_APPEND_INT32(&sort, "name_lower", 1);
    bson_append_document_end(options.get(), &sort);
    BSON_APPEND_INT64(options.get(), "limit", fetch_limit);
    BSON_APPEND_BOOL(options.get(), "singleBatch", true);
    std::vector<Category> found;
    find_each(categories.get(), filter.get(), options.get(), "category listing",
              [&](const bson_t *document) { found.push_back(category_from_bson(document)); });
    return found;
}

}  // namespace libstore::mongo
