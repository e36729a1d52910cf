// The object behind Python's `libstore.Session`: a store and an authenticated caller. Python keeps
// the Store alive for as long as a Session refers to it (py::keep_alive).
#pragma once

#include "core/session.hpp"
#include "core/store.hpp"

namespace libstore::python {

struct PythonSession {
    Store *store;
    Session session;
};

}  // namespace libstore::python
