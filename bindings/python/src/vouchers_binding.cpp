#include "vouchers_binding.hpp"

#include <pybind11/stl.h>

namespace py = pybind11;

namespace libstore::python {

void bind_vouchers(SessionClass &session_class) {
    session_class
        .def(
            "create_voucher",
            [](PythonSession &self, const py::args &args, const py::kwargs &fields) {
                Value body = request_value(args, fields);
                return from_value(
                    without_gil([&] { return self.store->vouchers().create(self.session, body); }));
            },
            R"doc(Catalog managers: create_voucher(code=, kind="percent"|"fixed", value=,
min_subtotal=0, starts_at=None, ends_at=None, max_uses=None, max_uses_per_user=None, active=True)
-> voucher dict. code: 3-32 of [A-Za-z0-9_-], unique in any letter case (ConflictError), shown
upper-case; percent value an integer 1-100, fixed value money > 0; dates RFC 3339.)doc")
        .def(
            "list_vouchers",
            [](PythonSession &self, const py::args &args, const py::kwargs &query) {
                Value parsed = request_value(args, query);
                return from_value(
                    without_gil([&] { return self.store->vouchers().list(self.session, parsed); }));
            },
            R"doc(Catalog managers: list_vouchers(limit=20, cursor=None) -> {"items", "next_cursor"},
newest first.)doc")
        .def(
            "get_voucher",
            [](PythonSession &self, const std::string &voucher_id) {
                return from_value(without_gil(
                    [&] { return self.store->vouchers().get(self.session, voucher_id); }));
            },
            py::arg("voucher_id"), "Catalog managers: one voucher; NotFoundError when unknown.")
        .def(
            "update_voucher",
            [](PythonSession &self, const std::string &voucher_id, const py::args &args,
               const py::kwargs &changes) {
                Value body = request_value(args, changes);
                return from_value(without_gil(
                    [&] { return self.store->vouchers().update(self.session, voucher_id, body); }));
            },
            py::arg("voucher_id"),
            R"doc(Catalog managers: update_voucher(voucher_id, **fields) -> voucher dict. Any field
of create_voucher but uses; None clears a date or a limit; max_uses below the uses already made
raises ConflictError.)doc")
        .def(
            "delete_voucher",
            [](PythonSession &self, const std::string &voucher_id) {
                without_gil([&] { self.store->vouchers().remove(self.session, voucher_id); });
            },
            py::arg("voucher_id"),
            "Catalog managers: delete a voucher; carts holding it show none, orders keep theirs.")
        .def(
            "apply_voucher",
            [](PythonSession &self, const py::args &args, const py::kwargs &kwargs) {
                Value body;
                if (args.size() == 1 && kwargs.empty() && py::isinstance<py::str>(args[0])) {
                    body = Value::object();
                    body.set("code", args[0].cast<std::string>());
                } else {
                    body = request_value(args, kwargs);
                }
                return from_value(without_gil(
                    [&] { return self.store->vouchers().apply_to_cart(self.session, body); }));
            },
            R"doc(apply_voucher(code) or apply_voucher({"code": ...}) -> cart with the voucher on it. Unknown or inactive code:
NotFoundError; not valid yet, expired, used up, the caller's own limit reached or the subtotal
under min_subtotal: ConflictError (field "code").)doc")
        .def(
            "remove_voucher",
            [](PythonSession &self) {
                return from_value(without_gil(
                    [&] { return self.store->vouchers().remove_from_cart(self.session); }));
            },
            "Take the voucher off the cart -> cart.");
}

}  // namespace libstore::python
