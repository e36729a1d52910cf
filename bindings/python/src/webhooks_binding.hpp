// Webhooks on the Python classes: their administration on Session, delivery sweeps on Store.
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_webhooks(StoreClass &store_class, SessionClass &session_class);

}  // namespace libstore::python
