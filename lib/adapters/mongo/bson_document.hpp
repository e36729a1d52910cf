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

// A movable, owned copy of a document (e.g. one read from a cursor, whose memory the cursor
// reuses on the next step).
class BsonCopy {
  public:
    explicit BsonCopy(const bson_t *source) : document_(bson_copy(source)) {}
    ~BsonCopy() {
        if (document_ != nullptr) {
            bson_destroy(document_);
        }
    }
    BsonCopy(BsonCopy &&other) noexcept : document_(other.document_) { other.document_ = nullptr; }
    BsonCopy(const BsonCopy &) = delete;
    BsonCopy &operator=(const BsonCopy &) = delete;
    BsonCopy &operator=(BsonCopy &&) = delete;

    const bson_t *get() const { return document_; }

  private:
    bson_t *document_;
};

}  // namespace libstore::mongo
