// The catalog's Python methods: reads on Store (public) and on Session (as that caller),
// writes on Session (admins).
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_catalog(StoreClass &store_class, SessionClass &session_class);

}  // namespace libstore::python
