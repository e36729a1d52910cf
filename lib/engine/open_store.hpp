// The composition root: assembles a Store from the MongoDB and libsodium adapters. Both the C ABI
// and the Python module open stores through here.
#pragma once

#include <memory>

#include "core/ports/mail_hook.hpp"
#include "core/store.hpp"
#include "core/store_config.hpp"

namespace libstore {

// Validates `config` (Error(invalid_argument) naming the option), connects the adapters and
// creates indexes if the database is reachable. Never fails because the database is down.
// `mail` receives the messages the store wants sent; null drops them.
std::unique_ptr<Store> open_store(StoreConfig config, std::unique_ptr<MailHook> mail = nullptr);

}  // namespace libstore
