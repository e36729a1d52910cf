// The filter of a product listing as a MongoDB query, shared by the listing and its facets so
// both always select the same products.
#pragma once

#include <bson/bson.h>

#include "core/catalog/product_query.hpp"

namespace libstore::mongo {

// The stored field a sort key orders by.
const char *product_sort_field(ProductSortKey key);

// Appends to `filter` the conditions of every filter of `query` (hidden products left out unless
// query.include_hidden; strictly after query.after when set). Every value is bound as a BSON
// scalar; search text is regex-escaped.
void append_product_filter(bson_t *filter, const ProductQuery &query);

}  // namespace libstore::mongo
