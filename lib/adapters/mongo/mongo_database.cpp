#include "adapters/mongo/mongo_database.hpp"

#include <chrono>
#include <cstring>

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/document_upgrades.hpp"
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

Value MongoDatabase::upgrade_documents() {
    return mongo::upgrade_documents(pool_->acquire());
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

// The convenient-transactions spec's limit on retrying one transaction.
constexpr auto kTransactionRetryLimit = std::chrono::seconds(120);

void abort_if_open(mongoc_client_session_t *session) {
    if (mongoc_client_session_in_transaction(session)) {
        bson_error_t ignored;
        mongoc_client_session_abort_transaction(session, &ignored);
    }
}

enum class CommitOutcome { committed, retry_transaction };

// Commits, retrying an unknown commit result while the server keeps answering (a write-concern
// timeout, a step-down); a transient failure asks for the whole transaction again. An
// unreachable server is `unavailable` at once: callers wait one server-selection timeout for an
// unreachable database, never the spec's two minutes, and a retry with the same
// Idempotency-Key settles what became of the order.
CommitOutcome commit(mongoc_client_session_t *session,
                     std::chrono::steady_clock::time_point deadline) {
    for (;;) {
        BsonDocument reply;
        bson_error_t error;
        if (mongoc_client_session_commit_transaction(session, reply.get(), &error)) {
            return CommitOutcome::committed;
        }
        bool in_time = std::chrono::steady_clock::now() < deadline;
        if (!is_unreachable(error) && in_time) {
            if (mongoc_error_has_label(reply.get(), "UnknownTransactionCommitResult") &&
                error.code != kMaxTimeMsExpiredCode) {
                continue;
            }
            if (mongoc_error_has_label(reply.get(), "TransientTransactionError")) {
                return CommitOutcome::retry_transaction;
            }
        }
        throw_mongo_error(error, "transaction commit");
    }
}

}  // namespace

// The loop of the convenient-transactions spec (what mongoc_client_session_with_transaction()
// does), written out so that an unreachable server ends it at once instead of after two
// minutes of commit retries, which libmongoc offers no way to bound: start, run the body,
// commit; a TransientTransactionError anywhere runs it all again, an unknown commit result
// commits again, both until the limit.
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

    CommandStats &stats = pool_->stats();
    auto deadline = std::chrono::steady_clock::now() + kTransactionRetryLimit;
    for (int attempt = 0;; ++attempt) {
        if (attempt > 0) {
            stats.transaction_retried();
        }
        stats.transaction_started();
        if (!mongoc_client_session_start_transaction(session, options.get(), &error)) {
            stats.transaction_aborted();
            throw_mongo_error(error, "transaction start");
        }
        try {
            work(unit);
            if (commit(session, deadline) == CommitOutcome::committed) {
                stats.transaction_committed();
                return;
            }
        } catch (const TransientTransactionError &) {
            abort_if_open(session);
            if (std::chrono::steady_clock::now() >= deadline) {
                stats.transaction_aborted();
                throw;
            }
        } catch (...) {
            abort_if_open(session);
            stats.transaction_aborted();
            throw;
        }
    }
}

void MongoDatabase::run_steps(const UnitBody &work) {
    MongoUnitOfWork unit(pool_->acquire());
    work(unit);
}

}  // namespace libstore::mongo
