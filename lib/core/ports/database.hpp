// Port: the database as a whole — reachability and schema (indexes).
#pragma once

namespace libstore {

class Database {
  public:
    virtual ~Database() = default;
    // One round trip; throws Error(unavailable) when the database cannot be reached.
    virtual void ping() = 0;
    // Creates collections' indexes; idempotent. Throws Error(unavailable) when unreachable.
    virtual void ensure_schema() = 0;
};

}  // namespace libstore
