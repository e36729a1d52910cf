#include "recoverer_binding.hpp"

#include <cstdio>
#include <memory>

#include "core/background_recovery.hpp"

namespace py = pybind11;

namespace libstore::python {

namespace {

// As the deliverer's: told on the recoverer's own thread, without the GIL.
void print_failure(const Error &error) {
    std::fprintf(stderr, "libstore recoverer: %s: %s\n", error_code_name(error.code()),
                 error.what());
}

std::unique_ptr<BackgroundRecovery> start_recoverer(Store &store, double interval, double min_age,
                                                    bool log_errors) {
    BackgroundRecovery::Options options;
    options.interval_ms = static_cast<std::int64_t>(interval * 1000.0);
    options.min_age_ms = static_cast<std::int64_t>(min_age * 1000.0);
    BackgroundSweeper::ErrorHook on_error;
    if (log_errors) {
        on_error = print_failure;
    }
    return std::make_unique<BackgroundRecovery>(store, options, std::move(on_error));
}

}  // namespace

void bind_recoverer(py::module_ &module, StoreClass &store_class) {
    py::class_<BackgroundRecovery>(module, "Recoverer", R"doc(
Crash recovery in the background: a native thread running Store.recover(min_age) every
interval seconds until stop(), made by Store.start_recoverer(). A placement or cancellation cut
down by a crash is then finished or rolled back within min_age + interval seconds, with nobody
acting. Any number may run at once, in one process or many (a roll-back is claimed first).
Use as a context manager, or call stop() before the Store goes away.
)doc")
        .def(
            "stop", [](BackgroundRecovery &recoverer) { without_gil([&] { recoverer.stop(); }); },
            "Stop after the sweep in progress and wait for the thread to end; safe to repeat.")
        .def("__enter__",
             [](BackgroundRecovery &recoverer) -> BackgroundRecovery & { return recoverer; })
        .def("__exit__", [](BackgroundRecovery &recoverer, const py::args &) {
            without_gil([&] { recoverer.stop(); });
        });

    store_class.def(
        "start_recoverer",
        [](Store &store, double interval, double min_age, bool log_errors) {
            return without_gil(
                [&] { return start_recoverer(store, interval, min_age, log_errors); });
        },
        py::arg("interval") = 30.0, py::arg("min_age") = 60.0, py::arg("log_errors") = true,
        py::keep_alive<0, 1>(),  // the Store lives as long as its recoverer
        R"doc(
Start recovering in the background; returns the Recoverer (stop() it when done).

interval: seconds between sweeps, 0.001 to 86400 (ValidationError, field "interval_ms",
otherwise). min_age: work at least this many seconds old is put right, 1 to 86400 (field
"min_age_ms"); younger work may be a placement still running in another process. log_errors:
print each failed sweep to stderr (on the recoverer's own thread, without the GIL).
)doc");
}

}  // namespace libstore::python
