#include "accounts_binding.hpp"

#include <pybind11/stl.h>

namespace py = pybind11;

namespace libstore::python {

void bind_accounts(StoreClass &store_class, SessionClass &session_class) {
    store_class
        .def(
            "register",
            [](Store &store, const py::args &args, const py::kwargs &fields) {
                Value body = request_value(args, fields);
                return from_value(
                    without_gil([&] { return store.accounts().register_user(body); }));
            },
            R"doc(Register a client: register(username=, email=, password=, name=None, phone=None,
address=None) -> user dict. Duplicate username or email (case-insensitive) raises ConflictError;
bad input raises ValidationError naming the field.)doc")
        .def(
            "create_admin",
            [](Store &store, const py::args &args, const py::kwargs &fields) {
                Value body = request_value(args, fields);
                return from_value(without_gil([&] { return store.accounts().create_admin(body); }));
            },
            R"doc(Create an admin account (an operator action): same fields as register().)doc")
        .def(
            "login",
            [](Store &store, const py::args &args, const py::kwargs &credentials) {
                Value body = request_value(args, credentials);
                return from_value(without_gil([&] { return store.guest_carts().login(body); }));
            },
            R"doc(login(username= | email=, password=, cart_token=None) -> {"access_token", "token_type",
"expires_in"}. Wrong credentials raise UnauthenticatedError; an inactive account ForbiddenError;
five failures within 15 minutes RateLimitedError (see its retry_after). With cart_token the guest
cart is merged into the user's after the login (see Session.merge_cart); a cart_token that is not
a cart token's shape raises ValidationError first, and nothing the merge meets fails the login.)doc")
        .def(
            "session",
            [](Store &store, const std::string &access_token) {
                return PythonSession{&store, store.accounts().open_session(access_token)};
            },
            py::arg("access_token"), py::keep_alive<0, 1>(),
            R"doc(A Session for an access token. Checks its signature and expiry now
(UnauthenticatedError otherwise); the account itself is checked by every call.)doc");

    session_class
        .def_property_readonly(
            "user_id", [](const PythonSession &self) { return self.session.user_id; },
            "The caller's user id.")
        .def_property_readonly(
            "role",
            [](const PythonSession &self) { return std::string(role_name(self.session.role)); },
            "The caller's role when the session was made: 'client', 'staff' or 'admin'.")
        .def(
            "me",
            [](PythonSession &self) {
                return from_value(
                    without_gil([&] { return self.store->accounts().me(self.session); }));
            },
            "The caller's user dict.")
        .def(
            "update_me",
            [](PythonSession &self, const py::args &args, const py::kwargs &changes) {
                Value body = request_value(args, changes);
                return from_value(without_gil(
                    [&] { return self.store->accounts().update_me(self.session, body); }));
            },
            R"doc(update_me(name=, phone=, address=, email=, password=) -> user dict. A new
password ends every token of the account, this one included.)doc")
        .def(
            "delete_me",
            [](PythonSession &self) {
                without_gil([&] { self.store->accounts().delete_me(self.session); });
            },
            "Delete the caller's account, its cart and its tokens; its orders stay.")
        .def(
            "logout",
            [](PythonSession &self) {
                without_gil([&] { self.store->accounts().logout(self.session); });
            },
            "Revoke this session's token: every later use of it is refused.")
        .def(
            "list_users",
            [](PythonSession &self, const py::args &args, const py::kwargs &query) {
                Value parsed = request_value(args, query);
                return from_value(without_gil(
                    [&] { return self.store->accounts().list_users(self.session, parsed); }));
            },
            R"doc(Admin or manage_users: list_users(username=, email=, role=, is_active=, limit=,
cursor=) -> {"items": [...], "next_cursor": ...}.)doc")
        .def(
            "deactivate_user",
            [](PythonSession &self, const std::string &user_id) {
                return from_value(without_gil([&] {
                    return self.store->accounts().set_user_active(self.session, user_id, false);
                }));
            },
            py::arg("user_id"),
            "Admin or manage_users: deactivate a client (admins: also staff); their tokens stop "
            "working at once.")
        .def(
            "activate_user",
            [](PythonSession &self, const std::string &user_id) {
                return from_value(without_gil([&] {
                    return self.store->accounts().set_user_active(self.session, user_id, true);
                }));
            },
            py::arg("user_id"), "Admin or manage_users: reactivate a user.")
        .def(
            "set_user_role",
            [](PythonSession &self, const std::string &user_id, const py::args &args,
               const py::kwargs &fields) {
                Value body = request_value(args, fields);
                return from_value(without_gil(
                    [&] { return self.store->accounts().set_role(self.session, user_id, body); }));
            },
            py::arg("user_id"),
            R"doc(Admin: set_user_role(user_id, role='client'|'staff'|'admin', permissions=[...])
-> user dict. Permissions (staff only): manage_catalog, manage_orders, manage_users, view_audit.
The user's tokens stop working at once. Changing one's own role raises ForbiddenError; demoting
the last active admin ConflictError.)doc")
        .def(
            "audit",
            [](PythonSession &self, const py::args &args, const py::kwargs &query) {
                Value parsed = request_value(args, query);
                return from_value(without_gil(
                    [&] { return self.store->audit_log().list(self.session, parsed); }));
            },
            R"doc(Admin or view_audit: audit(actor_id=, action=, target_id=, limit=, cursor=) ->
{"items": [{id, at, actor_id, action, target_type, target_id, summary}], "next_cursor"}, newest
first.)doc");
}

}  // namespace libstore::python
