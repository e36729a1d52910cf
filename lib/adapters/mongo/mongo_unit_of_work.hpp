// The Mongo side of a unit of work: one pooled client held for the whole operation and, when the
// unit is a transaction, its mongoc_client_session_t. Repositories reach the database through it
// for every call of a unit: its collections, and its session added to each command's options.
#pragma once

#include <mongoc/mongoc.h>

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/client_pool.hpp"
#include "core/ports/unit_of_work.hpp"

namespace libstore::mongo {

class MongoUnitOfWork final : public UnitOfWork {
  public:
    // A unit of single steps on `client`, or of the transaction running on `session` (started
    // from `client`; the unit ends it before giving the client back).
    explicit MongoUnitOfWork(PooledClient client, mongoc_client_session_t *session = nullptr)
        : client_(std::move(client)), session_(session) {}
    ~MongoUnitOfWork() override;
    MongoUnitOfWork(const MongoUnitOfWork &) = delete;
    MongoUnitOfWork &operator=(const MongoUnitOfWork &) = delete;

    bool all_or_nothing() const override { return session_ != nullptr; }

    CollectionPtr collection(const char *name) const { return client_.collection(name); }
    // Adds the transaction's session to a command's options (nothing for single steps).
    void add_session(bson_t *options) const;

  private:
    PooledClient client_;
    mongoc_client_session_t *session_ = nullptr;
};

// The unit a repository was handed: always a MongoUnitOfWork, made by MongoDatabase.
MongoUnitOfWork &mongo_unit(UnitOfWork &work);

// Command options holding just the unit's session (empty for single steps).
class UnitOptions {
  public:
    explicit UnitOptions(const MongoUnitOfWork &unit) { unit.add_session(options_.get()); }
    bson_t *get() { return options_.get(); }

  private:
    BsonDocument options_;
};

}  // namespace libstore::mongo
