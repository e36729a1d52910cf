// libstore._core: the compiled half of the `libstore` Python package. It binds the C++ façade
// directly (the C ABI wraps the same façade), so both surfaces share every rule. Each module of
// the API adds its methods to the Store and Session classes.
#include <pybind11/pybind11.h>

#include "accounts_binding.hpp"
#include "binding_helpers.hpp"
#include "cart_binding.hpp"
#include "catalog_binding.hpp"
#include "deliverer_binding.hpp"
#include "recoverer_binding.hpp"
#include "error_translation.hpp"
#include "events_binding.hpp"
#include "guest_carts_binding.hpp"
#include "images_binding.hpp"
#include "rate_limits_binding.hpp"
#include "store_binding.hpp"
#include "tokens_binding.hpp"
#include "version_info.hpp"
#include "vouchers_binding.hpp"
#include "webhooks_binding.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, module) {
    using namespace libstore::python;
    module.doc() = "libstore's compiled core; import `libstore` instead.";
    module.def(
        "version", [] { return STORE_VERSION_STRING; },
        "The libstore library version as 'MAJOR.MINOR.PATCH'.");
    register_error_translation(module);
    StoreClass store_class = bind_store(module);
    SessionClass session_class(module, "Session", R"doc(
An authenticated caller, made with Store.session(access_token). Every call re-checks the token,
so a logged-out token or a deactivated account is refused on the next call. Use from one
thread at a time.
)doc");
    bind_accounts(store_class, session_class);
    bind_tokens(store_class, session_class);
    bind_catalog(store_class, session_class);
    bind_images(store_class, session_class);
    bind_cart(session_class);
    bind_guest_carts(store_class, session_class);
    bind_orders(store_class, session_class);
    bind_rate_limits(store_class);
    bind_vouchers(session_class);
    bind_deliverer(module, store_class);
    bind_recoverer(module, store_class);
    bind_webhooks(store_class, session_class);
    bind_events(store_class, session_class);
}
