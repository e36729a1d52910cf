// Refresh tokens, password reset and email verification on Store and Session.
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_tokens(StoreClass &store_class, SessionClass &session_class);

}  // namespace libstore::python
