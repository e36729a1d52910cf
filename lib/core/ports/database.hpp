// Port: the database as a whole — reachability, schema (indexes) and what was sent to it.
#pragma once

#include "core/ports/unit_of_work.hpp"
#include "core/value.hpp"

namespace libstore {

class Database {
  public:
    virtual ~Database() = default;
    // One round trip; throws Error(unavailable) when the database cannot be reached.
    virtual void ping() = 0;
    // Creates collections' indexes; idempotent. Throws Error(unavailable) when unreachable.
    virtual void ensure_schema() = 0;
    // Rewrites documents stored in an older shape into the current one (see store_migrate());
    // safe to run again. A report of what it rewrote.
    virtual Value upgrade_documents() = 0;
    // Counters of the commands sent so far, counted on the client (see store_stats()).
    virtual Value stats() = 0;

    // Runs `work` as one all-or-nothing unit: a transaction (w: majority) when the store uses
    // them, and then `work` may run more than once (a transient conflict runs it again from the
    // start), so it must act only through the unit. Otherwise it runs once, on the recorded-
    // sequence path. An exception thrown by `work` aborts the transaction and propagates.
    virtual void run_all_or_nothing(const UnitBody &work) = 0;
    // Runs `work` once with a unit of single steps (one connection, no transaction), for the
    // reads of an operation that takes part in all-or-nothing ones.
    virtual void run_steps(const UnitBody &work) = 0;
};

}  // namespace libstore
