// The indexes every collection needs: uniqueness rules the core relies on, one index behind every
// list filter and sort, and TTL expiry for short-lived records.
#pragma once

#include <mongoc/mongoc.h>

#include <string>
#include <vector>

namespace libstore::mongo {

struct IndexField {
    const char *name;
    int direction;  // 1 or -1
};

struct IndexSpec {
    const char *collection;
    const char *name;
    std::vector<IndexField> keys;
    bool unique = false;
    int expire_after_seconds = -1;  // >= 0 makes it a TTL index
    // Only documents whose first key holds a string are indexed (an array holding one, for a
    // multikey index), so a unique index ignores documents with none.
    bool strings_only = false;
    // Only documents holding the first key are indexed (unique among those that do).
    bool sparse = false;
};

const std::vector<IndexSpec> &schema_indexes();

// One createIndexes command per collection; existing identical indexes are a no-op on the
// server, so this is safe on every open. Throws Error(unavailable) when unreachable.
void create_indexes(mongoc_client_t *client, const std::string &database);

}  // namespace libstore::mongo
