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
inline Value kwargs_value(const pybind11::kwargs &kwargs) {
    return to_value(kwargs);
}

// The request of a method called either with one dict (`store.register(body)`, what a web host
// does with a parsed JSON body, whatever its keys) or with keyword arguments
// (`store.register(username=...)`), or both: keywords override the dict's entries.
inline Value request_value(const pybind11::args &args, const pybind11::kwargs &kwargs) {
    if (args.size() > 1) {
        throw pybind11::type_error("expected at most one positional dict of fields");
    }
    Value request = Value::object();
    if (args.size() == 1) {
        if (!pybind11::isinstance<pybind11::dict>(args[0])) {
            throw pybind11::type_error("the positional argument must be a dict of fields");
        }
        request = to_value(args[0]);
    }
    Value keywords = to_value(kwargs);  // named: a temporary would die before the loop runs
    for (auto &member : keywords.as_object()) {
        request.set(member.first, std::move(member.second));
    }
    return request;
}

}  // namespace libstore::python
