// Port: one service operation's hold on the database. A multi-document operation asks the
// Database port for a unit of work and hands it to every repository call it makes, so they all
// run on one connection and, where the store uses transactions, in one transaction.
#pragma once

#include <functional>

namespace libstore {

class UnitOfWork {
  public:
    virtual ~UnitOfWork() = default;
    // True when every write made through this unit commits or vanishes together (a
    // transaction); false on the recorded-sequence path, where each write stands once made and
    // the service itself undoes what a failure leaves behind.
    virtual bool all_or_nothing() const = 0;
};

using UnitBody = std::function<void(UnitOfWork &)>;

}  // namespace libstore
