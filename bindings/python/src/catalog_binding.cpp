#include "catalog_binding.hpp"

#include <pybind11/stl.h>

#include "core/error.hpp"

namespace py = pybind11;

namespace libstore::python {

namespace {

// The caller of a public read: None is anonymous. A Session of another Store would be checked
// against the wrong accounts, so it is refused.
const Session *optional_caller(Store &store, const py::object &session) {
    if (session.is_none()) {
        return nullptr;
    }
    if (!py::isinstance<PythonSession>(session)) {
        throw py::type_error("session must be a libstore.Session or None");
    }
    PythonSession &caller = session.cast<PythonSession &>();
    if (caller.store != &store) {
        throw_invalid("session", "session belongs to another store");
    }
    return &caller.session;
}

}  // namespace

void bind_catalog(StoreClass &store_class, SessionClass &session_class) {
    store_class
        .def(
            "list_categories",
            [](Store &store, const py::args &args, const py::kwargs &query) {
                Value parsed = request_value(args, query);
                return from_value(
                    without_gil([&] { return store.catalog().list_categories(parsed); }));
            },
            R"doc(list_categories(limit=20, cursor=None) -> {"items": [category...], "next_cursor"}.
Categories sorted by name, case-insensitively. Pass the previous page's next_cursor as cursor.)doc")
        .def(
            "get_category",
            [](Store &store, const std::string &category_id) {
                return from_value(
                    without_gil([&] { return store.catalog().get_category(category_id); }));
            },
            py::arg("category_id"),
            R"doc(get_category(category_id) -> {id, name, description, created_at, updated_at}.
NotFoundError for unknown or malformed ids.)doc")
        .def(
            "list_products",
            [](Store &store, const py::args &args, const py::object &session,
               const py::kwargs &query) {
                const Session *caller = optional_caller(store, session);
                Value parsed = request_value(args, query);
                return from_value(
                    without_gil([&] { return store.catalog().list_products(caller, parsed); }));
            },
            py::arg("session") = py::none(),
            R"doc(list_products(query=None, *, session=None, **query) -> {"items": [product...], "next_cursor"}.

Filters: category (id), q (plain text in name or description, any case), min_price, max_price,
size, and attribute filters "attr.<key>" (pass those in a dict: list_products({"attr.author":
"Tolkien"})). sort: name (default), -name, price, -price, created_at, -created_at. limit 1-100
(default 20), cursor from the previous page. Values may be strings, as in a URL.
Hidden products (stock 0 or in_stock False) are left out; an admin's session may add
include_hidden=True. Unknown parameters raise ValidationError naming them.)doc")
        .def(
            "product_facets",
            [](Store &store, const py::args &args, const py::object &session,
               const py::kwargs &query) {
                const Session *caller = optional_caller(store, session);
                Value parsed = request_value(args, query);
                return from_value(
                    without_gil([&] { return store.catalog().product_facets(caller, parsed); }));
            },
            py::arg("session") = py::none(),
            R"doc(product_facets(query=None, *, session=None, **filters) -> {"total", "categories",
"options", "attributes", "price"}.

Counts over the publicly visible products matching the filters of list_products() (category,
q, min_price, max_price, size, "attr.<key>" in a dict); sort, limit and cursor are checked and
otherwise ignored, so a listing's query can be passed unchanged; include_hidden raises
ValidationError (facets are public). categories: [{id, name, count}] by name; options:
{name: [{value, count}]} counting products with a purchasable variant of that value;
attributes: {key: [{value, count}]}; values sorted by value. price: {"min", "max"} of the
products' prices, None when there are none. One round trip to the database.)doc")
        .def(
            "get_product",
            [](Store &store, const std::string &product_id, const py::object &session) {
                const Session *caller = optional_caller(store, session);
                return from_value(
                    without_gil([&] { return store.catalog().get_product(caller, product_id); }));
            },
            py::arg("product_id"), py::arg("session") = py::none(),
            R"doc(get_product(product_id, session=None) -> product dict. A hidden product raises
NotFoundError unless the session is an admin's.)doc");

    session_class
        .def(
            "list_products",
            [](PythonSession &self, const py::args &args, const py::kwargs &query) {
                Value parsed = request_value(args, query);
                return from_value(without_gil(
                    [&] { return self.store->catalog().list_products(&self.session, parsed); }));
            },
            "list_products(**query): Store.list_products() as this caller.")
        .def(
            "product_facets",
            [](PythonSession &self, const py::args &args, const py::kwargs &query) {
                Value parsed = request_value(args, query);
                return from_value(without_gil(
                    [&] { return self.store->catalog().product_facets(&self.session, parsed); }));
            },
            "product_facets(**filters): Store.product_facets() as this caller.")
        .def(
            "get_product",
            [](PythonSession &self, const std::string &product_id) {
                return from_value(without_gil(
                    [&] { return self.store->catalog().get_product(&self.session, product_id); }));
            },
            py::arg("product_id"), "get_product(product_id): Store.get_product() as this caller.")
        .def(
            "create_category",
            [](PythonSession &self, const py::args &args, const py::kwargs &fields) {
                Value body = request_value(args, fields);
                return from_value(without_gil(
                    [&] { return self.store->catalog().create_category(self.session, body); }));
            },
            R"doc(Admin: create_category(name=, description=None) -> category dict. name: 1-100
characters, unique in any letter case (ConflictError otherwise).)doc")
        .def(
            "update_category",
            [](PythonSession &self, const std::string &category_id, const py::args &args,
               const py::kwargs &changes) {
                Value body = request_value(args, changes);
                return from_value(without_gil([&] {
                    return self.store->catalog().update_category(self.session, category_id, body);
                }));
            },
            py::arg("category_id"),
            R"doc(Admin: update_category(category_id, name=, description=) -> category dict. At
least one field; description=None clears it.)doc")
        .def(
            "delete_category",
            [](PythonSession &self, const std::string &category_id) {
                without_gil(
                    [&] { self.store->catalog().delete_category(self.session, category_id); });
            },
            py::arg("category_id"),
            "Admin: delete a category. ConflictError while products still refer to it.")
        .def(
            "create_product",
            [](PythonSession &self, const py::args &args, const py::kwargs &fields) {
                Value body = request_value(args, fields);
                return from_value(without_gil(
                    [&] { return self.store->catalog().create_product(self.session, body); }));
            },
            R"doc(Admin: create_product(name=, price=, stock=, category_id=None, description=None,
image_url=None, sizes=None, attributes=None, in_stock=True) -> product dict.

price > 0 with at most 2 decimals; stock an integer >= 0; category_id an existing category;
image_url http(s); sizes a list of up to 50 strings of 1-20 characters; attributes a dict of up
to 20 string values with keys of 1-32 of [a-z0-9_]. Bad fields raise ValidationError naming
the field.)doc")
        .def(
            "update_product",
            [](PythonSession &self, const std::string &product_id, const py::args &args,
               const py::kwargs &changes) {
                Value body = request_value(args, changes);
                return from_value(without_gil([&] {
                    return self.store->catalog().update_product(self.session, product_id, body);
                }));
            },
            py::arg("product_id"),
            R"doc(Admin: update_product(product_id, **changes) -> product dict. The fields of
create_product(), at least one; None clears description, category_id, image_url, sizes and
attributes. Fields not given keep their values.)doc")
        .def(
            "delete_product",
            [](PythonSession &self, const std::string &product_id) {
                without_gil(
                    [&] { self.store->catalog().delete_product(self.session, product_id); });
            },
            py::arg("product_id"), "Admin: delete a product.")
        .def(
            "create_variant",
            [](PythonSession &self, const std::string &product_id, const py::args &args,
               const py::kwargs &fields) {
                Value body = request_value(args, fields);
                return from_value(without_gil([&] {
                    return self.store->catalog().create_variant(self.session, product_id, body);
                }));
            },
            py::arg("product_id"),
            R"doc(Admin: create_variant(product_id, options={...}, stock=, sku=None, price=None,
in_stock=True) -> variant dict {id, sku, options, price, stock, in_stock}. A value for every
option of the product, one variant per combination and SKUs unique in the shop (ConflictError);
price defaults to the product's.)doc")
        .def(
            "update_variant",
            [](PythonSession &self, const std::string &product_id, const std::string &variant_id,
               const py::args &args, const py::kwargs &changes) {
                Value body = request_value(args, changes);
                return from_value(without_gil([&] {
                    return self.store->catalog().update_variant(self.session, product_id,
                                                                variant_id, body);
                }));
            },
            py::arg("product_id"), py::arg("variant_id"),
            R"doc(Admin: update_variant(product_id, variant_id, **changes) -> variant dict. The
fields of create_variant(), at least one; sku=None clears the SKU.)doc")
        .def(
            "delete_variant",
            [](PythonSession &self, const std::string &product_id, const std::string &variant_id) {
                without_gil([&] {
                    self.store->catalog().delete_variant(self.session, product_id, variant_id);
                });
            },
            py::arg("product_id"), py::arg("variant_id"),
            "Admin: delete a variant (ConflictError for the product's last one).");
}

}  // namespace libstore::python
