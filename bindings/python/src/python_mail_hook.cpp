#include "python_mail_hook.hpp"

#include "value_conversion.hpp"

namespace py = pybind11;

namespace libstore::python {

PythonMailHook::~PythonMailHook() {
    py::gil_scoped_acquire acquire;
    callable_ = py::object();
}

void PythonMailHook::send(const Value &message) {
    py::gil_scoped_acquire acquire;
    try {
        callable_(from_value(message));
    } catch (py::error_already_set &error) {
        // traceback.print_exception rather than PyErr_Print: a SystemExit raised by the hook
        // must not end the process either.
        try {
            py::module_::import("traceback")
                .attr("print_exception")(error.type(), error.value(), error.trace());
        } catch (py::error_already_set &) {
            PyErr_Clear();
        }
    }
}

}  // namespace libstore::python
