#include "rate_limits_binding.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <string_view>

namespace py = pybind11;

namespace libstore::python {

void bind_rate_limits(StoreClass &store_class) {
    store_class.def(
        "rate_limit_hit",
        [](Store &store, const std::string &action, const std::optional<std::string> &peer_address,
           const std::optional<std::string> &forwarded_for) {
            std::string peer = peer_address.value_or("");
            std::optional<std::string_view> forwarded;
            if (forwarded_for) {
                forwarded = *forwarded_for;
            }
            without_gil([&] { store.rate_limits().hit(action, peer, forwarded); });
        },
        py::arg("action"), py::arg("peer_address"), py::arg("forwarded_for") = py::none(),
        R"doc(
Count one request to a rate-limited endpoint, before running it (the library cannot see the
socket: the host reports the address, the library decides).

action: "login", "register", "refresh" or "password_reset" (ValidationError otherwise).
peer_address: the TCP peer's IP address as the server reports it; None or "" when there is none
(a Unix socket). forwarded_for: the X-Forwarded-For header (repeated fields joined by ", "), or
None; believed only from the store's trusted_proxies. Returns None within the limit; raises
RateLimitedError (retry_after: seconds until the minute ends) over it. With the limit 0 nothing
is counted.
)doc");
}

}  // namespace libstore::python
