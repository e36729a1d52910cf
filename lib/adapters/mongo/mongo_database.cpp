#include "adapters/mongo/mongo_database.hpp"

#include <cstring>
#include <exception>

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/mongo_unit_of_work.hpp"

namespace libstore::mongo {

void MongoDatabase::ping() {
    auto client = pool_->acquire_unprepared();
    BsonDocument command;
    BSON_APPEND_INT32(command.get(), "ping", 1);
    bson_error_t error;
    BsonDocument reply;
    bool ok = mongoc_client_command_simple(client.get(), pool_->database().c_str(), command.get(),
                                           nullptr, reply.get(), &error);
    if (!ok) {
        throw_mongo_error(error, "ping");
    }
}

void MongoDatabase::ensure_schema() {
    pool_->acquire();
}

Value MongoDatabase::stats() {
    return pool_->stats().snapshot();
}

bool MongoDatabase::uses_transactions(mongoc_client_t *client) {
    if (transactions_ == TransactionMode::never) {
        return false;
    }
    bson_error_t error;
    mongoc_server_description_t *server =
        mongoc_client_select_server(client, true, nullptr, &error);
    if (server == nullptr) {
        throw_mongo_error(error, "server selection");
    }
    const char *type = mongoc_server_description_type(server);
    bool supported = std::strcmp(type, "RSPrimary") == 0 || std::strcmp(type, "Mongos") == 0 ||
                     std::strcmp(type, "LoadBalancer") == 0;
    mongoc_server_description_destroy(server);
    if (!supported && transactions_ == TransactionMode::always) {
        throw Error(ErrorCode::unavailable, "",
                    std::string("the store is set to use transactions always, but the database "
                                "server (") +
                        type + ") runs none: use a replica set or mongos, or transactions=auto");
    }
    return supported;
}

namespace {

struct TransactionOptionsDeleter {
    void operator()(mongoc_transaction_opt_t *options) const {
        mongoc_transaction_opts_destroy(options);
    }
};

struct WriteConcernDeleter {
    void operator()(mongoc_write_concern_t *concern) const {
        mongoc_write_concern_destroy(concern);
    }
};

// What the C callback of mongoc_client_session_with_transaction() needs to run the unit's body
// and to carry its exception past the C code.
struct TransactionRun {
    MongoUnitOfWork &unit;
    const UnitBody &work;
    CommandStats &stats;
    std::exception_ptr failure;
    int attempts = 0;
};

// Runs the body once inside the transaction the driver started. An exception never crosses
// the driver: it is kept for the caller, and a transient one is handed to the driver as a reply
// labelled TransientTransactionError, so that it runs the whole transaction again (within its
// 120-second limit), as the convenient-transactions spec says.
bool run_transaction_body(mongoc_client_session_t *, void *context, bson_t **reply,
                          bson_error_t *error) {
    auto &run = *static_cast<TransactionRun *>(context);
    if (run.attempts++ > 0) {
        run.stats.transaction_retried();
    }
    run.stats.transaction_started();
    run.failure = nullptr;
    try {
        run.work(run.unit);
        return true;
    } catch (const TransientTransactionError &transient) {
        run.failure = std::current_exception();
        *reply = bson_new();
        bson_t labels;
        BSON_APPEND_ARRAY_BEGIN(*reply, "errorLabels", &labels);
        BSON_APPEND_UTF8(&labels, "0", "TransientTransactionError");
        bson_append_array_end(*reply, &labels);
        bson_set_error(error, MONGOC_ERROR_TRANSACTION, MONGOC_ERROR_TRANSACTION_INVALID_STATE,
                       "%s", transient.what());
        return false;
    } catch (...) {
        run.failure = std::current_exception();
        return false;
    }
}

}  // namespace

void MongoDatabase::run_all_or_nothing(const UnitBody &work) {
    PooledClient client = pool_->acquire();
    if (!uses_transactions(client.get())) {
        MongoUnitOfWork unit(std::move(client));
        work(unit);
        return;
    }
    bson_error_t error;
    mongoc_client_session_t *session = mongoc_client_start_session(client.get(), nullptr, &error);
    if (session == nullptr) {
        throw_mongo_error(error, "transaction start");
    }
    MongoUnitOfWork unit(std::move(client), session);
    std::unique_ptr<mongoc_transaction_opt_t, TransactionOptionsDeleter> options(
        mongoc_transaction_opts_new());
    std::unique_ptr<mongoc_write_concern_t, WriteConcernDeleter> majority(
        mongoc_write_concern_new());
    mongoc_write_concern_set_w(majority.get(), MONGOC_WRITE_CONCERN_W_MAJORITY);
    mongoc_transaction_opts_set_write_concern(options.get(), majority.get());

    TransactionRun run{unit, work, pool_->stats(), nullptr, 0};
    BsonDocument reply;
    bool committed = mongoc_client_session_with_transaction(
        session, run_transaction_body, options.get(), &run, reply.get(), &error);
    if (committed) {
        pool_->stats().transaction_committed();
        return;
    }
    pool_->stats().transaction_aborted();
    if (run.failure) {
        std::rethrow_exception(run.failure);
    }
    throw_mongo_error(error, "transaction commit", reply.get());
}

void MongoDatabase::run_steps(const UnitBody &work) {
    MongoUnitOfWork unit(pool_->acquire());
    work(unit);
}

}  // namespace libstore::mongo
