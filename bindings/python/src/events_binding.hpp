// The events feed on the Python Store (trusted consumers) and Session (admins, for hosts).
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_events(StoreClass &store_class, SessionClass &session_class);

}  // namespace libstore::python
