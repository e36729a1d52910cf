#include "events_binding.hpp"

#include <cstdint>

namespace py = pybind11;

namespace libstore::python {

void bind_events(StoreClass &store_class, SessionClass &session_class) {
    store_class.def(
        "events",
        [](Store &store, const py::object &after, const py::object &limit) {
            Value query = Value::object();
            query.set("after", to_value(after, "after")).set("limit", to_value(limit, "limit"));
            Value page = without_gil([&] { return store.events().list(query); });
            return from_value(*page.find("items"));
        },
        py::arg("after") = 0, py::arg("limit") = 100,
        R"doc(
The events feed for a trusted consumer in this process: up to `limit` (1..1000) events with ids
above `after`, in id order, each {"id", "type", "at", "data"}. Ids grow and the feed has no
holes, so remembering the last id handled and asking for what follows never misses an event.
ValidationError for a bad `after` or `limit`.
)doc");
    session_class.def(
        "events",
        [](PythonSession &self, const py::args &args, const py::kwargs &kwargs) {
            Value query = request_value(args, kwargs);
            return from_value(
                without_gil([&] { return self.store->events().list(self.session, query); }));
        },
        R"doc(Admin: events({"after": n, "limit": m}) -> {"items": [event...], "next_after"}: the
page GET /events answers (query values may be strings, as a URL has them). ForbiddenError for
anyone but an admin.)doc");
}

}  // namespace libstore::python
