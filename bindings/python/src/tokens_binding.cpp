#include "tokens_binding.hpp"

namespace py = pybind11;

namespace libstore::python {

void bind_tokens(StoreClass &store_class, SessionClass &session_class) {
    store_class
        .def(
            "refresh",
            [](Store &store, const py::args &args, const py::kwargs &fields) {
                Value body = request_value(args, fields);
                return from_value(without_gil([&] { return store.accounts().refresh(body); }));
            },
            R"doc(refresh(refresh_token=) -> the login dict, with a new access token and a new
refresh token of the same login; the one presented is spent. Presenting a spent token again
raises UnauthenticatedError and ends that login's every token; a deactivated account raises
ForbiddenError.)doc")
        .def(
            "request_password_reset",
            [](Store &store, const py::args &args, const py::kwargs &fields) {
                Value body = request_value(args, fields);
                without_gil([&] { store.accounts().request_password_reset(body); });
            },
            R"doc(request_password_reset(email=) -> None, whatever the address. For an active
account with it, a single-use token valid 30 minutes goes to the mail hook (kind
"password_reset").)doc")
        .def(
            "reset_password",
            [](Store &store, const py::args &args, const py::kwargs &fields) {
                Value body = request_value(args, fields);
                without_gil([&] { store.accounts().reset_password(body); });
            },
            R"doc(reset_password(token=, password=) -> None. Sets the password (registration
rules) and ends every token of the account. An unknown, used or expired token raises
ValidationError for field "token".)doc")
        .def(
            "verify_email",
            [](Store &store, const py::args &args, const py::kwargs &fields) {
                Value body = request_value(args, fields);
                return from_value(without_gil([&] { return store.accounts().verify_email(body); }));
            },
            R"doc(verify_email(token=) -> user dict with email_verified True. A token that is
unknown, used, expired or was sent to an address the account has changed since raises
ValidationError for field "token".)doc");

    session_class.def(
        "request_email_verification",
        [](PythonSession &self) {
            without_gil([&] { self.store->accounts().request_email_verification(self.session); });
        },
        R"doc(Mail the caller a verification token (kind "verify_email", valid 24 hours) for
their current address, through the store's mail hook.)doc");
}

}  // namespace libstore::python
