// Accounts on the Python Store and Session classes.
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_accounts(StoreClass &store_class, SessionClass &session_class);

}  // namespace libstore::python
