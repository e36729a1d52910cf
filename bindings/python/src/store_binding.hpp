// The Python `Store` class over libstore::Store.
#pragma once

#include <pybind11/pybind11.h>

namespace libstore::python {

void bind_store(pybind11::module_ &module);

}  // namespace libstore::python
