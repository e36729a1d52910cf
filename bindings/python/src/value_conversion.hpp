// Python objects <-> the core's Value. Translation only: the core validates what it receives.
#pragma once

#include <pybind11/pybind11.h>

#include "core/value.hpp"

namespace libstore::python {

// dict/list/tuple/str/int/float/bool/None -> Value. Raises Error(invalid_argument) naming the
// offending path for types JSON cannot hold (a set, bytes, a non-string key...).
Value to_value(pybind11::handle object, const std::string &path = "");

// Value -> plain Python objects (dict, list, str, int, float, bool, None).
pybind11::object from_value(const Value &value);

}  // namespace libstore::python
