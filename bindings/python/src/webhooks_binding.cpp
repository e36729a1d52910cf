#include "webhooks_binding.hpp"

#include <pybind11/stl.h>

namespace py = pybind11;

namespace libstore::python {

void bind_webhooks(StoreClass &store_class, SessionClass &session_class) {
    store_class.def(
        "deliver",
        [](Store &store) {
            return from_value(without_gil([&] { return store.deliverer().sweep(); }));
        },
        R"doc(One webhook delivery sweep (trusted, no session): hands new events to the webhooks
that want them and sends the deliveries that are due (at most 50). -> {"dispatched",
"attempted", "delivered", "retried", "failed", "next_due_in_ms"} (None when nothing waits).
Safe to call from any number of threads and processes at once.)doc");
    session_class
        .def(
            "create_webhook",
            [](PythonSession &self, const py::args &args, const py::kwargs &fields) {
                Value body = request_value(args, fields);
                return from_value(
                    without_gil([&] { return self.store->webhooks().create(self.session, body); }));
            },
            R"doc(Admins: create_webhook(url=, events=[type... | "*"], active=True) -> webhook dict
with its "secret" ("whsec_..."), shown only here: signatures are HMAC-SHA256 keyed with it.
Loopback and private URLs raise ValidationError (field "url") unless the store allows them.)doc")
        .def(
            "list_webhooks",
            [](PythonSession &self, const py::args &args, const py::kwargs &query) {
                Value parsed = request_value(args, query);
                return from_value(
                    without_gil([&] { return self.store->webhooks().list(self.session, parsed); }));
            },
            R"doc(Admins: list_webhooks(limit=20, cursor=None) -> {"items", "next_cursor"}, newest
first.)doc")
        .def(
            "get_webhook",
            [](PythonSession &self, const std::string &webhook_id) {
                return from_value(without_gil(
                    [&] { return self.store->webhooks().get(self.session, webhook_id); }));
            },
            py::arg("webhook_id"), "Admins: one webhook (no secret); NotFoundError when unknown.")
        .def(
            "update_webhook",
            [](PythonSession &self, const std::string &webhook_id, const py::args &args,
               const py::kwargs &changes) {
                Value body = request_value(args, changes);
                return from_value(without_gil(
                    [&] { return self.store->webhooks().update(self.session, webhook_id, body); }));
            },
            py::arg("webhook_id"),
            R"doc(Admins: update_webhook(webhook_id, url=?, events=?, active=?) -> webhook dict.
Reactivated, a webhook gets the events recorded from then on.)doc")
        .def(
            "delete_webhook",
            [](PythonSession &self, const std::string &webhook_id) {
                without_gil([&] { self.store->webhooks().remove(self.session, webhook_id); });
            },
            py::arg("webhook_id"), "Admins: delete a webhook with its pending deliveries and log.")
        .def(
            "webhook_deliveries",
            [](PythonSession &self, const std::string &webhook_id, const py::args &args,
               const py::kwargs &query) {
                Value parsed = request_value(args, query);
                return from_value(without_gil([&] {
                    return self.store->webhooks().deliveries(self.session, webhook_id, parsed);
                }));
            },
            py::arg("webhook_id"),
            R"doc(Admins: webhook_deliveries(webhook_id, limit=20, cursor=None) -> {"items":
[{event_id, event_type, at, attempt, status_code, error, delivered, response_body}...],
"next_cursor"}: the delivery attempts, newest first (kept 30 days).)doc");
}

}  // namespace libstore::python
