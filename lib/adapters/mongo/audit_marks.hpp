// The marks audited writes leave in their target documents (see core/ports/audit_repository.hpp):
// `audit_marks`, an array of the ids of audit entries whose change this document took and that
// are not committed yet.
#pragma once

#include <bson/bson.h>

#include <string>

#include "adapters/mongo/bson_writing.hpp"

namespace libstore::mongo {

inline constexpr const char *kAuditMarksField = "audit_marks";

// For a new document: audit_marks: [mark] (nothing when `mark` is empty).
inline void append_audit_mark_field(bson_t *document, const std::string &mark) {
    if (mark.empty()) {
        return;
    }
    bson_t marks;
    BSON_APPEND_ARRAY_BEGIN(document, kAuditMarksField, &marks);
    append_text(&marks, "0", mark);
    bson_append_array_end(document, &marks);
}

// For an update document: $addToSet: {audit_marks: mark} (nothing when `mark` is empty).
inline void append_audit_mark_update(bson_t *update, const std::string &mark) {
    if (mark.empty()) {
        return;
    }
    bson_t add;
    BSON_APPEND_DOCUMENT_BEGIN(update, "$addToSet", &add);
    append_text(&add, kAuditMarksField, mark);
    bson_append_document_end(update, &add);
}

}  // namespace libstore::mongo
