#include "deliverer_binding.hpp"

#include <cstdio>
#include <memory>
#include <optional>

#include "core/background_sweeper.hpp"

namespace py = pybind11;

namespace libstore::python {

namespace {

// The thread runs without the GIL, and so does its error report: a sweep never waits for
// Python, and one still running while the interpreter shuts down cannot call into it.
void print_failure(const Error &error) {
    std::fprintf(stderr, "libstore deliverer: %s: %s\n", error_code_name(error.code()),
                 error.what());
}

std::unique_ptr<BackgroundSweeper> start_deliverer(Store &store, double idle_interval,
                                                   bool log_errors) {
    BackgroundSweeper::Options options;
    options.idle_ms = static_cast<std::int64_t>(idle_interval * 1000.0);
    BackgroundSweeper::ErrorHook on_error;
    if (log_errors) {
        on_error = print_failure;
    }
    return std::make_unique<BackgroundSweeper>(
        [&store](
            const BackgroundSweeper::StopRequested &stop_requested) -> std::optional<std::int64_t> {
            Value report = store.deliverer().sweep(stop_requested);
            const Value *due = report.find("next_due_in_ms");
            if (due == nullptr || !due->is_integer()) {
                return std::nullopt;
            }
            return due->as_integer();
        },
        options, std::move(on_error));
}

}  // namespace

void bind_deliverer(py::module_ &module, StoreClass &store_class) {
    py::class_<BackgroundSweeper>(module, "Deliverer", R"doc(
Webhooks delivered in the background: a native thread running Store.deliver() sweeps until
stop(), made by Store.start_deliverer(). Between sweeps it waits until the next delivery is due,
at most idle_interval seconds; while the database is unreachable it waits longer each time (up
to 30 s). Any number may run at once, in one process or many (deliveries are leased). Use as a
context manager, or call stop() before the Store goes away.
)doc")
        .def(
            "stop", [](BackgroundSweeper &deliverer) { without_gil([&] { deliverer.stop(); }); },
            "Stop after the sweep in progress and wait for the thread to end; safe to repeat.")
        .def("__enter__",
             [](BackgroundSweeper &deliverer) -> BackgroundSweeper & { return deliverer; })
        .def("__exit__", [](BackgroundSweeper &deliverer, const py::args &) {
            without_gil([&] { deliverer.stop(); });
        });

    store_class.def(
        "start_deliverer",
        [](Store &store, double idle_interval, bool log_errors) {
            return without_gil([&] { return start_deliverer(store, idle_interval, log_errors); });
        },
        py::arg("idle_interval") = 1.0, py::arg("log_errors") = true,
        py::keep_alive<0, 1>(),  // the Store lives as long as its deliverer
        R"doc(
Start delivering webhooks in the background; returns the Deliverer (stop() it when done).

idle_interval: the longest wait between sweeps in seconds (how soon a new event goes out),
0.001 to 30; ValidationError (field "idle_ms") otherwise. log_errors: print each failed sweep
to stderr (on the deliverer's own thread, without the GIL).
)doc");
}

}  // namespace libstore::python
