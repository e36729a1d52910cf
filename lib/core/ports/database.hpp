// Port: the database as a whole — reachability, schema (indexes) and what was sent to it.
#pragma once

#include "core/value.hpp"

namespace libstore {

class Database {
  public:
    virtual ~Database() = default;
    // One round trip; throws Error(unavailable) when the database cannot be reached.
    virtual void ping() = 0;
    // Creates collections' indexes; idempotent. Throws Error(unavailable) when unreachable.
    virtual void ensure_schema() = 0;
    // Counters of the commands sent so far, counted on the client (see store_stats()).
    virtual Value stats() = 0;
};

}  // namespace libstore
