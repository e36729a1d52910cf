// An owned bson_t destroyed on every path. Also the right type for mongoc's `reply` out-params:
// the driver (re)initialises them, and an empty inline document owns no memory to leak.
#pragma once

#include <bson/bson.h>

namespace libstore::mongo {

class BsonDocument {
  public:
    BsonDocument() { bson_init(&document_); }
    ~BsonDocument() { bson_destroy(&document_); }
    BsonDocument(const BsonDocument &) = delete;
    BsonDocument &operator=(const BsonDocument &) = delete;

    bson_t *get() { return &document_; }
    const bson_t *get() const { return &document_; }

  private:
    bson_t document_;
};

}  // namespace libstore::mongo
