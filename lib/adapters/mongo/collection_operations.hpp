// The handful of collection calls the repositories make, with mongo-c-driver's error handling
// done once: failures become core Errors (see mongo_error.hpp), results become owned documents.
#pragma once

#include <mongoc/mongoc.h>

#include <memory>
#include <optional>
#include <string>

#include "adapters/mongo/bson_document.hpp"

namespace libstore::mongo {

struct CursorDeleter {
    void operator()(mongoc_cursor_t *cursor) const { mongoc_cursor_destroy(cursor); }
};
using CursorPtr = std::unique_ptr<mongoc_cursor_t, CursorDeleter>;

CursorPtr open_find(mongoc_collection_t *collection, const bson_t *filter, const bson_t *options);
// `pipeline` is the array document of stages; `options` may be null.
CursorPtr open_aggregate(mongoc_collection_t *collection, const bson_t *pipeline,
                         const bson_t *options = nullptr);
// Throws the cursor's error, if it has one, as a core Error.
void check_cursor(mongoc_cursor_t *cursor, const std::string &operation);

// Calls `visit(const bson_t *)` for each document (valid only during the call).
template <typename Visit>
void drain(CursorPtr cursor, const std::string &operation, Visit &&visit) {
    const bson_t *document;
    while (mongoc_cursor_next(cursor.get(), &document)) {
        visit(document);
    }
    check_cursor(cursor.get(), operation);
}

template <typename Visit>
void find_each(mongoc_collection_t *collection, const bson_t *filter, const bson_t *options,
               const std::string &operation, Visit &&visit) {
    drain(open_find(collection, filter, options), operation, std::forward<Visit>(visit));
}

template <typename Visit>
void aggregate_each(mongoc_collection_t *collection, const bson_t *pipeline,
                    const std::string &operation, Visit &&visit) {
    drain(open_aggregate(collection, pipeline), operation, std::forward<Visit>(visit));
}

// `options` (may be null) are added to the command, e.g. a unit of work's session.
std::optional<BsonCopy> find_one(mongoc_collection_t *collection, const bson_t *filter,
                                 const std::string &operation, const bson_t *options = nullptr);

enum class ReturnDocument { before, after };

// findAndModify returning the document after (or before) the update. nullopt when nothing
// matched. A duplicate key is thrown as Error(conflict, duplicate_field). `options` (may be null)
// are added to the command.
std::optional<BsonCopy> find_one_and_update(mongoc_collection_t *collection, const bson_t *filter,
                                            const bson_t *update, const std::string &operation,
                                            const char *duplicate_field = "",
                                            ReturnDocument returned = ReturnDocument::after,
                                            const bson_t *options = nullptr);

// findAndModify with remove: the document as it was, or nullopt when nothing matched.
std::optional<BsonCopy> find_one_and_delete(mongoc_collection_t *collection, const bson_t *filter,
                                            const std::string &operation);

}  // namespace libstore::mongo
