// GET /products/facets as one aggregate over `products`: the listing's own filter ($match, from
// product_filter.hpp), then one $facet whose branches count categories (names joined from
// `categories` with $lookup), attribute values, option values of purchasable variants, and the
// price range. The server does the counting, so the answer is one small document however many
// products match.
#pragma once

#include <bson/bson.h>

#include "core/catalog/product_facets.hpp"
#include "core/catalog/product_query.hpp"

namespace libstore::mongo {

// Appends the stages to `pipeline` (an array document).
void append_product_facets_pipeline(bson_t *pipeline, const ProductQuery &query);

// The one document the pipeline returns, unsorted.
ProductFacets product_facets_from_bson(const bson_t *document);

}  // namespace libstore::mongo
