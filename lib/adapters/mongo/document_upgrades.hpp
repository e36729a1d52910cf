// Rewrites documents stored in an older shape into the current one, in place (store_migrate()).
// Each collection is one updateMany whose filter matches only old documents, so running it again
// changes nothing and a run cut short is finished by the next. Readers never need it: every
// old shape still reads (and the first write to an old product upgrades it anyway).
#pragma once

#include "adapters/mongo/client_pool.hpp"
#include "core/value.hpp"

namespace libstore::mongo {

// {"products_upgraded", "carts_upgraded", "orders_upgraded"}: documents rewritten.
Value upgrade_documents(const PooledClient &client);

}  // namespace libstore::mongo
