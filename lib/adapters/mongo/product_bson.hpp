// The stored form of a product, read back: shared by every repository that reads products.
#pragma once

#include <bson/bson.h>

#include "core/catalog/product.hpp"

namespace libstore::mongo {

Product product_from_bson(const bson_t *document);

}  // namespace libstore::mongo
