// Keyset paging of newest-first lists sorted by (time field, _id), both descending: orders and
// the audit log.
#pragma once

#include <bson/bson.h>

#include <cstdint>
#include <string>

namespace libstore::mongo {

// Adds to `filter`: strictly older than `at_ms`, or as old with an _id below `id`.
void append_older_than(bson_t *filter, const char *time_field, std::int64_t at_ms,
                       const std::string &id);

// Adds to `options`: sort {time_field: -1, _id: -1}, limit and batchSize `limit`.
void append_newest_first(bson_t *options, const char *time_field, std::int64_t limit);

}  // namespace libstore::mongo
