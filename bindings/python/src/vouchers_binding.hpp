// Vouchers on the Python Session class: their administration and the cart's voucher.
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_vouchers(SessionClass &session_class);

}  // namespace libstore::python
