#include "guest_carts_binding.hpp"

namespace py = pybind11;

namespace libstore::python {

void bind_guest_carts(StoreClass &store_class, SessionClass &session_class) {
    store_class
        .def(
            "create_guest_cart",
            [](Store &store) {
                return from_value(without_gil([&] { return store.guest_carts().create(); }));
            },
            R"doc(A new guest cart -> {"cart_token", "cart"}. Writes nothing: the cart appears with
its first change, and a token naming no stored cart reads as an empty cart. An idle guest cart is
dropped after 30 days (every change starts that over).)doc")
        .def(
            "guest_session",
            [](Store &store, const std::string &cart_token) {
                return PythonSession{&store, without_gil([&] {
                                         return store.guest_carts().open_session(cart_token);
                                     })};
            },
            py::arg("cart_token"), py::keep_alive<0, 1>(),
            R"doc(A Session for a guest cart token: its cart methods work on the guest cart (same
rules as a user's cart); every other method raises UnauthenticatedError, as does a token that is
not a cart token's shape.)doc");

    session_class.def(
        "merge_cart",
        [](PythonSession &self, const py::args &args, const py::kwargs &kwargs) {
            if (args.size() == 1 && kwargs.empty() && py::isinstance<py::str>(args[0])) {
                std::string cart_token = args[0].cast<std::string>();
                return from_value(without_gil(
                    [&] { return self.store->guest_carts().merge(self.session, cart_token); }));
            }
            Value body = request_value(args, kwargs);
            return from_value(without_gil(
                [&] { return self.store->guest_carts().merge_body(self.session, body); }));
        },
        R"doc(merge_cart(cart_token) or merge_cart(cart_token=) or merge_cart({"cart_token": ...}): merge the guest cart of cart_token into the caller's cart -> the caller's cart.
Quantities of a variant add up, capped at its stock and at 1000; lines of hidden or deleted
products and variants are dropped; the guest cart is gone afterwards. A token naming no stored
cart merges nothing; a malformed one raises ValidationError (field cart_token). Merging the same
guest cart twice, or from two threads at once, merges it once.)doc");
}

}  // namespace libstore::python
