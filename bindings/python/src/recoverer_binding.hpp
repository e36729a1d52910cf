// The Python `Recoverer` class (crash recovery in the background) and Store.start_recoverer.
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_recoverer(pybind11::module_ &module, StoreClass &store_class);

}  // namespace libstore::python
