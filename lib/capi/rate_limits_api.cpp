#include "libstore/rate_limits.h"

#include <optional>
#include <string_view>

#include "capi/arguments.hpp"
#include "capi/error_guard.hpp"
#include "capi/handles.hpp"

using libstore::capi::core_of;
using libstore::capi::guard;
using libstore::capi::require_argument;

extern "C" {

store_status_t store_rate_limit_hit(store_t *store, const char *action, const char *peer_address,
                                    const char *forwarded_for, store_error_t *error) {
    return guard(error, [&] {
        auto &limits = core_of(store).rate_limits();
        require_argument(action, "action");
        require_argument(peer_address, "peer_address");
        std::optional<std::string_view> forwarded;
        if (forwarded_for != nullptr) {
            forwarded = forwarded_for;
        }
        limits.hit(action, peer_address, forwarded);
    });
}

}  // extern "C"
