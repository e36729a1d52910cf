// The Python `Deliverer` class (webhooks delivered in the background) and Store.start_deliverer.
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_deliverer(pybind11::module_ &module, StoreClass &store_class);

}  // namespace libstore::python
