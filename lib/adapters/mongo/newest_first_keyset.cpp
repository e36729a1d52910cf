#include "adapters/mongo/newest_first_keyset.hpp"

#include "adapters/mongo/bson_writing.hpp"

namespace libstore::mongo {

void append_older_than(bson_t *filter, const char *time_field, std::int64_t at_ms,
                       const std::string &id) {
    bson_t any, older, same_time, range, id_range;
    BSON_APPEND_ARRAY_BEGIN(filter, "$or", &any);
    BSON_APPEND_DOCUMENT_BEGIN(&any, "0", &older);
    BSON_APPEND_DOCUMENT_BEGIN(&older, time_field, &range);
    BSON_APPEND_DATE_TIME(&range, "$lt", at_ms);
    bson_append_document_end(&older, &range);
    bson_append_document_end(&any, &older);
    BSON_APPEND_DOCUMENT_BEGIN(&any, "1", &same_time);
    BSON_APPEND_DATE_TIME(&same_time, time_field, at_ms);
    BSON_APPEND_DOCUMENT_BEGIN(&same_time, "_id", &id_range);
    append_object_id(&id_range, "$lt", id);
    bson_append_document_end(&same_time, &id_range);
    bson_append_document_end(&any, &same_time);
    bson_append_array_end(filter, &any);
}

void append_newest_first(bson_t *options, const char *time_field, std::int64_t limit) {
    bson_t sort;
    BSON_APPEND_DOCUMENT_BEGIN(options, "sort", &sort);
    BSON_APPEND_INT32(&sort, time_field, -1);
    BSON_APPEND_INT32(&sort, "_id", -1);
    bson_append_document_end(options, &sort);
    BSON_APPEND_INT64(options, "limit", limit);
    BSON_APPEND_INT64(options, "batchSize", limit);
}

}  // namespace libstore::mongo
