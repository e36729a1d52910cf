// Store.rate_limit_hit(): the call a host makes before each rate-limited endpoint.
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_rate_limits(StoreClass &store_class);

}  // namespace libstore::python
