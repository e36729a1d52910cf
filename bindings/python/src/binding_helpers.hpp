// Shared shapes of the Python bindings: the classes every module adds methods to, and the one
// way to call into the core — convert arguments with the GIL held, run the core without it,
// convert the result back with it.
#pragma once

#include <pybind11/pybind11.h>

#include <utility>

#include "core/store.hpp"
#include "core/value.hpp"
#include "python_session.hpp"
#include "value_conversion.hpp"

namespace libstore::python {

using StoreClass = pybind11::class_<Store>;
using SessionClass = pybind11::class_<PythonSession>;

// Runs `body` (which must not touch Python objects) with the GIL released.
template <typename Body>
auto without_gil(Body &&body) {
    pybind11::gil_scoped_release release;
    return body();
}

// Keyword arguments -> a Value object for the core to validate (unknown names included).
inline Value kwargs_value(const pybind11::kwargs &kwargs) { return to_value(kwargs); }

}  // namespace libstore::python
