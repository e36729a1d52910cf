// libstore::Error -> the Python exception tree defined in libstore/errors.py.
#pragma once

#include <pybind11/pybind11.h>

namespace libstore::python {

void register_error_translation(pybind11::module_ &module);

}  // namespace libstore::python
