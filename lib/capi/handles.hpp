// What the ABI's opaque handles are on the inside.
#pragma once

#include <memory>

#include "core/session.hpp"
#include "core/store.hpp"

struct store {
    std::unique_ptr<libstore::Store> core;
};

struct store_session {
    store *owner;
    libstore::Session session;
};
