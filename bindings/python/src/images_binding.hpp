// Product images' Python methods: the public download on Store, upload and deletion on Session
// (catalog managers). The image itself is bytes both ways.
#pragma once

#include "binding_helpers.hpp"

namespace libstore::python {

void bind_images(StoreClass &store_class, SessionClass &session_class);

}  // namespace libstore::python
