#include "adapters/mongo/mongo_unit_of_work.hpp"

#include "core/error.hpp"

namespace libstore::mongo {

MongoUnitOfWork::~MongoUnitOfWork() {
    if (session_ != nullptr) {
        mongoc_client_session_destroy(session_);
    }
}

void MongoUnitOfWork::add_session(bson_t *options) const {
    if (session_ == nullptr) {
        return;
    }
    bson_error_t error;
    if (!mongoc_client_session_append(session_, options, &error)) {
        throw Error(ErrorCode::internal, "",
                    std::string("cannot add the transaction's session: ") + error.message);
    }
}

MongoUnitOfWork &mongo_unit(UnitOfWork &work) {
    return static_cast<MongoUnitOfWork &>(work);
}

}  // namespace libstore::mongo
