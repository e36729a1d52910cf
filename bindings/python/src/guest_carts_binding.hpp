// Guest carts on the Python Store (create_guest_cart, guest_session) and Session.merge_cart.
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_guest_carts(StoreClass &store_class, SessionClass &session_class);

}  // namespace libstore::python
