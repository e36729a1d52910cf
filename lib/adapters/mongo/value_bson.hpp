// Core Values as BSON and back, for documents that keep free-form data (an event's `data`).
#pragma once

#include <bson/bson.h>

#include "core/value.hpp"

namespace libstore::mongo {

void append_value(bson_t *document, const char *key, const Value &value);
// The value `iter` points at; types a Value cannot hold (dates, ObjectIds...) become strings or
// null, though append_value() never writes them.
Value value_from_iter(const bson_iter_t *iter);

}  // namespace libstore::mongo
