// The indexes every collection needs: uniqueness rules the core relies on, one index behind every
// list filter and sort, and TTL expiry for short-lived records.
#pragma once

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
};

const std::vector<IndexSpec> &schema_indexes();

}  // namespace libstore::mongo
