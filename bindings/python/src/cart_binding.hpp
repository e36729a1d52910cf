// The cart and orders on the Python Session class, and Store.recover().
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_cart(SessionClass &session_class);
void bind_orders(StoreClass &store_class, SessionClass &session_class);

}  // namespace libstore::python
