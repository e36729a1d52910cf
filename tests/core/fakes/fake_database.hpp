// An in-memory Database port: units of work are plain sequences of steps (never transactions),
// so the services take their recorded-sequence path over the fakes.
#pragma once

#include "core/ports/database.hpp"

namespace libstore::testing {

class StepsUnitOfWork final : public UnitOfWork {
  public:
    bool all_or_nothing() const override { return false; }
};

class FakeDatabase final : public Database {
  public:
    void ping() override {}
    void ensure_schema() override {}
    Value upgrade_documents() override { return Value::object(); }
    Value stats() override { return Value::object(); }
    void run_all_or_nothing(const UnitBody &work) override { run_steps(work); }
    void run_steps(const UnitBody &work) override {
        StepsUnitOfWork unit;
        work(unit);
    }
};

}  // namespace libstore::testing
