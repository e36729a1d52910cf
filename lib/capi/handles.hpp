// What the ABI's opaque handles are on the inside.
#pragma once

#include <memory>
#include <utility>

#include "capi/arguments.hpp"
#include "core/session.hpp"
#include "core/store.hpp"

struct store {
    std::unique_ptr<libstore::Store> core;
};

struct store_session {
    store *owner;
    libstore::Session session;
};

namespace libstore::capi {

// The core behind a handle; a NULL handle is an invalid argument naming it.
inline Store &core_of(::store *store) {
    require_argument(store, "store");
    return *store->core;
}

inline Store &core_of(::store_session *session) {
    require_argument(session, "session");
    return *session->owner->core;
}

// A new session handle of `owner` for `session`, owned by the caller (store_session_free()).
inline ::store_session *new_session_handle(::store *owner, Session session) {
    return new ::store_session{owner, std::move(session)};
}

}  // namespace libstore::capi
