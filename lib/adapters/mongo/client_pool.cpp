#include "adapters/mongo/client_pool.hpp"

#include <cstring>
#include <mutex>

#include "adapters/mongo/schema.hpp"
#include "core/error.hpp"

namespace libstore::mongo {

namespace {

// The driver logs connection failures (and, in Debian's build, debug chatter) to stderr.
// libstore reports every failure through its own errors, so the driver's log is silenced.
void discard_driver_log(mongoc_log_level_t, const char *, const char *, void *) {}

// mongoc_init() must run once per process before any other driver call. It is never paired with
// mongoc_cleanup(): other code in the host process may be using the driver too.
void initialize_driver_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        mongoc_init();
        mongoc_log_set_handler(discard_driver_log, nullptr);
    });
}

struct UriDeleter {
    void operator()(mongoc_uri_t *uri) const { mongoc_uri_destroy(uri); }
};

}  // namespace

ClientPool::ClientPool(const std::string &uri_string, std::string database,
                       std::int32_t server_selection_timeout_ms)
    : database_(std::move(database)) {
    initialize_driver_once();
    bson_error_t error;
    std::unique_ptr<mongoc_uri_t, UriDeleter> uri(
        mongoc_uri_new_with_error(uri_string.c_str(), &error));
    if (!uri) {
        throw_invalid("uri", std::string("invalid MongoDB connection string: ") + error.message);
    }
    // The store's timeout wins unless the connection string sets its own.
    if (!mongoc_uri_has_option(uri.get(), MONGOC_URI_SERVERSELECTIONTIMEOUTMS)) {
        mongoc_uri_set_option_as_int32(uri.get(), MONGOC_URI_SERVERSELECTIONTIMEOUTMS,
                                       server_selection_timeout_ms);
    }
    if (!mongoc_uri_has_option(uri.get(), MONGOC_URI_CONNECTTIMEOUTMS)) {
        mongoc_uri_set_option_as_int32(uri.get(), MONGOC_URI_CONNECTTIMEOUTMS,
                                       server_selection_timeout_ms);
    }
    pool_ = mongoc_client_pool_new_with_error(uri.get(), &error);
    if (!pool_) {
        throw_invalid("uri", std::string("cannot use MongoDB connection string: ") + error.message);
    }
    mongoc_client_pool_set_error_api(pool_, MONGOC_ERROR_API_VERSION_2);
    watch_commands_and_servers();
    mongoc_client_pool_set_appname(pool_, "libstore");
}

ClientPool::~ClientPool() {
    mongoc_client_pool_destroy(pool_);
}

PooledClient::PooledClient(ClientPool &pool)
    : pool_(pool), client_(mongoc_client_pool_try_pop(pool.pool_)) {
    if (client_ == nullptr) {
        pool.stats_.pool_waited();
        client_ = mongoc_client_pool_pop(pool.pool_);
    }
}

namespace {

void on_server_changed(const mongoc_apm_server_changed_t *event) {
    const mongoc_server_description_t *now = mongoc_apm_server_changed_get_new_description(event);
    if (std::strcmp(mongoc_server_description_type(now), "Unknown") == 0) {
        static_cast<ClientPool *>(mongoc_apm_server_changed_get_context(event))->forget_schema();
    }
}

struct ApmCallbacksDeleter {
    void operator()(mongoc_apm_callbacks_t *callbacks) const {
        mongoc_apm_callbacks_destroy(callbacks);
    }
};

void on_command_started(const mongoc_apm_command_started_t *event) {
    static_cast<ClientPool *>(mongoc_apm_command_started_get_context(event))
        ->stats()
        .command_started(mongoc_apm_command_started_get_command_name(event),
                         mongoc_apm_command_started_get_operation_id(event));
}

void on_command_failed(const mongoc_apm_command_failed_t *event) {
    static_cast<ClientPool *>(mongoc_apm_command_failed_get_context(event))
        ->stats()
        .command_failed(mongoc_apm_command_failed_get_command_name(event),
                        mongoc_apm_command_failed_get_operation_id(event));
}

}  // namespace

void ClientPool::watch_commands_and_servers() {
    std::unique_ptr<mongoc_apm_callbacks_t, ApmCallbacksDeleter> callbacks(
        mongoc_apm_callbacks_new());
    mongoc_apm_set_server_changed_cb(callbacks.get(), on_server_changed);
    mongoc_apm_set_command_started_cb(callbacks.get(), on_command_started);
    mongoc_apm_set_command_failed_cb(callbacks.get(), on_command_failed);
    mongoc_client_pool_set_apm_callbacks(pool_, callbacks.get(), this);
}

PooledClient ClientPool::acquire() {
    PooledClient client(*this);
    if (schema_ready_.load(std::memory_order_acquire)) {
        return client;
    }
    std::unique_lock<std::mutex> lock(schema_mutex_);
    if (creating_schema_) {
        // One attempt at a time, and callers who arrive meanwhile share its outcome: while the
        // database is down they fail together after one timeout rather than queueing for one
        // timeout each.
        schema_attempt_done_.wait(lock, [this] { return !creating_schema_; });
        if (!schema_ready_.load(std::memory_order_acquire)) {
            throw Error(last_schema_error_code_, "", last_schema_error_);
        }
        return client;
    }
    if (schema_ready_.load(std::memory_order_acquire)) {
        return client;
    }
    creating_schema_ = true;
    lock.unlock();
    std::exception_ptr failure;
    ErrorCode code = ErrorCode::internal;
    std::string message;
    try {
        create_indexes(client.get(), database_);
        schema_ready_.store(true, std::memory_order_release);
    } catch (const Error &error) {
        failure = std::current_exception();
        code = error.code();
        message = error.what();
    } catch (...) {
        failure = std::current_exception();
        message = "index creation failed";
    }
    lock.lock();
    creating_schema_ = false;
    last_schema_error_code_ = code;
    last_schema_error_ = message;
    schema_attempt_done_.notify_all();
    lock.unlock();
    if (failure) {
        std::rethrow_exception(failure);
    }
    return client;
}

PooledClient::~PooledClient() {
    if (client_ != nullptr) {
        mongoc_client_pool_push(pool_.pool_, client_);
    }
}

CollectionPtr PooledClient::collection(const char *name) const {
    return CollectionPtr(mongoc_client_get_collection(client_, pool_.database().c_str(), name));
}

}  // namespace libstore::mongo
