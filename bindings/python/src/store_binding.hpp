// The Python `Store` class over libstore::Store.
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

// Defines the Store class: constructor, ping, properties.
StoreClass bind_store(pybind11::module_ &module);

}  // namespace libstore::python
