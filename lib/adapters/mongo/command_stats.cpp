#include "adapters/mongo/command_stats.hpp"

namespace libstore::mongo {

namespace {

// The driver runs a retried command on the thread of its first attempt, under the same
// operation id: a command that starts with the id of this thread's last failure is a retry.
thread_local std::int64_t last_failed_operation = -1;

Value counts_value(const std::map<std::string, std::int64_t> &counts) {
    Value object = Value::object();
    for (const auto &[name, count] : counts) {
        object.set(name, count);
    }
    return object;
}

}  // namespace

void CommandStats::command_started(const char *name, std::int64_t operation_id) {
    bool retry = operation_id == last_failed_operation;
    last_failed_operation = -1;
    std::lock_guard<std::mutex> lock(mutex_);
    ++commands_[name];
    if (retry) {
        ++retries_;
    }
}

void CommandStats::command_failed(const char *name, std::int64_t operation_id) {
    last_failed_operation = operation_id;
    std::lock_guard<std::mutex> lock(mutex_);
    ++failures_[name];
}

void CommandStats::transaction_started() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++transactions_started_;
}

void CommandStats::transaction_retried() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++transactions_retried_;
}

void CommandStats::transaction_committed() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++transactions_committed_;
}

void CommandStats::transaction_aborted() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++transactions_aborted_;
}

void CommandStats::pool_waited() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++pool_waits_;
}

Value CommandStats::snapshot() const {
    std::lock_guard<std::mutex> lock(mutex_);
    Value transactions = Value::object();
    transactions.set("started", transactions_started_)
        .set("committed", transactions_committed_)
        .set("aborted", transactions_aborted_)
        .set("retried", transactions_retried_);
    Value stats = Value::object();
    stats.set("commands", counts_value(commands_))
        .set("failures", counts_value(failures_))
        .set("retries", retries_)
        .set("transactions", std::move(transactions))
        .set("pool_waits", pool_waits_);
    return stats;
}

}  // namespace libstore::mongo
