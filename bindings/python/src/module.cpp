// libstore._core: the compiled half of the `libstore` Python package. It binds the C++ façade
// directly (the C ABI wraps the same façade), so both surfaces share every rule.
#include <pybind11/pybind11.h>

#include "error_translation.hpp"
#include "store_binding.hpp"
#include "version_info.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, module) {
    module.doc() = "libstore's compiled core; import `libstore` instead.";
    module.def(
        "version", [] { return STORE_VERSION_STRING; },
        "The libstore library version as 'MAJOR.MINOR.PATCH'.");
    libstore::python::register_error_translation(module);
    libstore::python::bind_store(module);
}
