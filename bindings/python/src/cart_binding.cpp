#include "cart_binding.hpp"

#include <pybind11/stl.h>

namespace py = pybind11;

namespace libstore::python {

void bind_cart(SessionClass &session_class) {
    session_class
        .def(
            "cart",
            [](PythonSession &self) {
                return from_value(
                    without_gil([&] { return self.store->cart().view(self.session); }));
            },
            R"doc(The caller's cart: {"items": [{product_id, variant_id, sku, options, name,
unit_price, quantity, line_total, available, problem, available_quantity, price_changed,
previous_unit_price}], "count", "subtotal", "voucher", "discount", "total_price",
"checkout_ready"} at current prices. Every line is shown; one that cannot be bought now has
available=False and problem "deleted", "hidden", "out_of_stock" or "short" (available_quantity:
the stock left), and count and the totals leave it out. checkout_ready: at least one line, all
available (place_order() raises ConflictError, field "items", with .details otherwise).)doc")
        .def(
            "add_to_cart",
            [](PythonSession &self, const py::args &args, const py::kwargs &kwargs) {
                Value body = request_value(args, kwargs);
                return from_value(
                    without_gil([&] { return self.store->cart().add_item(self.session, body); }));
            },
            R"doc(add_to_cart(product_id=, variant_id=None, quantity=1) -> cart. Adds to an existing
line of that variant (variant_id may be left out when the product has one variant); a line holds
1-1000 and at most the variant's stock (ConflictError); hidden or deleted products and variants
raise NotFoundError.)doc")
        .def(
            "set_cart_quantity",
            [](PythonSession &self, const std::string &product_id, const py::args &args,
               const py::kwargs &kwargs) {
                py::dict fields(kwargs);
                std::optional<std::string> variant_id;
                if (fields.contains("variant_id")) {
                    py::object given = fields.attr("pop")("variant_id");
                    if (!given.is_none()) {
                        variant_id = given.cast<std::string>();
                    }
                }
                Value body = request_value(args, fields.cast<py::kwargs>());
                return from_value(without_gil([&] {
                    return self.store->cart().set_quantity(self.session, product_id, variant_id,
                                                           body);
                }));
            },
            py::arg("product_id"),
            "set_cart_quantity(product_id, quantity=n, variant_id=None): set a line's quantity (0 "
            "removes it) -> cart. Without variant_id the line is the cart's only one of that "
            "product.")
        .def(
            "remove_from_cart",
            [](PythonSession &self, const std::string &product_id,
               const std::optional<std::string> &variant_id) {
                return from_value(without_gil([&] {
                    return self.store->cart().remove_item(self.session, product_id, variant_id);
                }));
            },
            py::arg("product_id"), py::arg("variant_id") = py::none(),
            "remove_from_cart(product_id, variant_id=None): remove a line -> cart.")
        .def(
            "clear_cart",
            [](PythonSession &self) {
                return from_value(
                    without_gil([&] { return self.store->cart().clear(self.session); }));
            },
            "Empty the cart -> cart.")
        .def(
            "prune_cart",
            [](PythonSession &self) {
                return from_value(
                    without_gil([&] { return self.store->cart().prune(self.session); }));
            },
            "Drop every line that cannot be bought now (available=False, a short line whole) -> "
            "cart; writes nothing when all are available.");
}

void bind_orders(StoreClass &store_class, SessionClass &session_class) {
    store_class.def(
        "recover",
        [](Store &store) { return from_value(without_gil([&] { return store.recover(); })); },
        R"doc(Operator action: roll back orders a crash left half-placed and complete half-done
cancellations (older than a minute), returning their stock exactly once. Also runs when a Store
opens. Returns {"orders_rolled_back", "cancellations_completed", "marks_cleared"}.)doc");
    store_class.def(
        "migrate",
        [](Store &store) { return from_value(without_gil([&] { return store.migrate(); })); },
        R"doc(Operator action: rewrite documents an older libstore stored into the current shape, in
place (products from before variants gain their default variant; cart and order lines their
variant_id). Old documents work without it; safe to run again. Returns {"products_upgraded",
"carts_upgraded", "orders_upgraded"}.)doc");

    session_class
        .def(
            "place_order",
            [](PythonSession &self, std::optional<std::string> idempotency_key,
               bool return_created) -> py::object {
                auto placement = without_gil(
                    [&] { return self.store->orders().place(self.session, idempotency_key); });
                py::object order = from_value(placement.order);
                if (return_created) {
                    return py::make_tuple(order, placement.created);
                }
                return order;
            },
            py::arg("idempotency_key") = py::none(), py::kw_only(),
            py::arg("return_created") = false,
            R"doc(Place an order from the cart -> order dict (or (order, created) with
return_created=True). All lines' stock is taken or none (ConflictError naming the product);
an empty cart raises ValidationError. The same idempotency_key returns the same order.)doc")
        .def(
            "orders",
            [](PythonSession &self, const py::args &args, const py::kwargs &kwargs) {
                Value query = request_value(args, kwargs);
                return from_value(
                    without_gil([&] { return self.store->orders().list(self.session, query); }));
            },
            R"doc(orders(status=, user_id= (admins), limit=, cursor=) -> {"items", "next_cursor"},
newest first.)doc")
        .def(
            "get_order",
            [](PythonSession &self, const std::string &order_id) {
                return from_value(
                    without_gil([&] { return self.store->orders().get(self.session, order_id); }));
            },
            py::arg("order_id"), "One order; someone else's raises NotFoundError.")
        .def(
            "order_status",
            [](PythonSession &self, const std::string &order_id) {
                return from_value(without_gil(
                    [&] { return self.store->orders().status(self.session, order_id); }));
            },
            py::arg("order_id"), R"doc({"status": ...} of one order.)doc")
        .def(
            "set_order_status",
            [](PythonSession &self, const std::string &order_id, const py::args &args,
               const py::kwargs &kwargs) {
                Value body = request_value(args, kwargs);
                return from_value(without_gil([&] {
                    return self.store->orders().change_status(self.session, order_id, body);
                }));
            },
            py::arg("order_id"),
            R"doc(Admin or manage_orders: set_order_status(order_id, status=..., payment_reference=None):
move an order (placed -> paid -> shipped -> delivered, or cancelled). payment_reference goes only
with "paid"; the same reference again returns the order unchanged (a replayed webhook), another one
on a paid order raises ConflictError (field payment_reference).)doc")
        .def(
            "order_events",
            [](PythonSession &self, const std::string &order_id) {
                return from_value(without_gil(
                    [&] { return self.store->orders().events(self.session, order_id); }));
            },
            py::arg("order_id"),
            R"doc(The order's history, oldest first -> {"items": [{type, status_from, status_to,
actor_id, at}]}; type is "placed", "status_changed" or "cancelled". Whoever may see the order may
see its events; someone else's raises NotFoundError.)doc")
        .def(
            "cancel_order",
            [](PythonSession &self, const std::string &order_id) {
                return from_value(without_gil(
                    [&] { return self.store->orders().cancel(self.session, order_id); }));
            },
            py::arg("order_id"), "Cancel a placed or paid order; its stock is returned.");
}

}  // namespace libstore::python
