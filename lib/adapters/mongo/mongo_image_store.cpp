#include "adapters/mongo/mongo_image_store.hpp"

#include <mongoc/mongoc.h>

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"

namespace libstore::mongo {

namespace {

struct StreamDeleter {
    void operator()(mongoc_stream_t *stream) const { mongoc_stream_destroy(stream); }
};
using StreamPtr = std::unique_ptr<mongoc_stream_t, StreamDeleter>;

// The bucket on a borrowed client, with the database handle it was made from.
class Bucket {
  public:
    Bucket(const PooledClient &client, const std::string &database)
        : database_(mongoc_client_get_database(client.get(), database.c_str())) {
        BsonDocument options;
        BSON_APPEND_UTF8(options.get(), "bucketName", collections::kImageBucket);
        bson_error_t error;
        bucket_ = mongoc_gridfs_bucket_new(database_, options.get(), nullptr, &error);
        if (bucket_ == nullptr) {
            mongoc_database_destroy(database_);
            throw_mongo_error(error, "opening the image bucket");
        }
    }
    ~Bucket() {
        mongoc_gridfs_bucket_destroy(bucket_);
        mongoc_database_destroy(database_);
    }
    Bucket(const Bucket &) = delete;
    Bucket &operator=(const Bucket &) = delete;

    mongoc_gridfs_bucket_t *get() const { return bucket_; }

  private:
    mongoc_database_t *database_;
    mongoc_gridfs_bucket_t *bucket_ = nullptr;
};

bson_value_t id_value(const bson_oid_t &oid) {
    bson_value_t value;
    value.value_type = BSON_TYPE_OID;
    bson_oid_copy(&oid, &value.value.v_oid);
    return value;
}

ImageFile file_from_bson(const bson_t *document) {
    ImageFile file;
    file.id = read_oid_hex(document, "_id");
    file.bytes = read_int64(document, "length");
    file.uploaded_at_ms = read_date_ms(document, "uploadDate");
    bson_t metadata;
    if (read_subdocument(document, "metadata", &metadata)) {
        file.content_type = read_string_or(&metadata, "content_type", "");
        file.sha256 = read_string_or(&metadata, "sha256", "");
        file.product_id = read_oid_hex(&metadata, "product_id");
    }
    return file;
}

bool is_file_not_found(const bson_error_t &error) {
    return error.domain == MONGOC_ERROR_GRIDFS &&
           error.code == MONGOC_ERROR_GRIDFS_BUCKET_FILE_NOT_FOUND;
}

}  // namespace

std::string MongoImageStore::put(const ImageFile &file, std::string_view data) {
    auto client = pool_->acquire();
    Bucket bucket(client, pool_->database());
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    bson_value_t id = id_value(oid);
    std::string name = oid_to_hex(oid);
    BsonDocument options;
    bson_t metadata;
    BSON_APPEND_DOCUMENT_BEGIN(options.get(), "metadata", &metadata);
    append_text(&metadata, "content_type", file.content_type);
    append_text(&metadata, "sha256", file.sha256);
    append_object_id(&metadata, "product_id", file.product_id);
    bson_append_document_end(options.get(), &metadata);
    bson_error_t error;
    StreamPtr stream(mongoc_gridfs_bucket_open_upload_stream_with_id(
        bucket.get(), &id, name.c_str(), options.get(), &error));
    if (!stream) {
        throw_mongo_error(error, "image upload");
    }
    // The chunks go out as they fill; the file document is written on close, so a failure
    // before that leaves no file (and abort_upload removes the chunks already written).
    std::size_t written = 0;
    while (written < data.size()) {
        ssize_t step = mongoc_stream_write(stream.get(), const_cast<char *>(data.data() + written),
                                           data.size() - written, 0);
        if (step <= 0) {
            mongoc_gridfs_bucket_stream_error(stream.get(), &error);
            mongoc_gridfs_bucket_abort_upload(stream.get());
            throw_mongo_error(error, "image upload");
        }
        written += static_cast<std::size_t>(step);
    }
    if (mongoc_stream_close(stream.get()) != 0) {
        mongoc_gridfs_bucket_stream_error(stream.get(), &error);
        throw_mongo_error(error, "image upload");
    }
    return name;
}

std::optional<StoredImage> MongoImageStore::get(const std::string &id) {
    auto client = pool_->acquire();
    Bucket bucket(client, pool_->database());
    bson_oid_t oid = oid_from_hex(id);
    BsonDocument filter;
    BSON_APPEND_OID(filter.get(), "_id", &oid);
    BsonDocument options;
    BSON_APPEND_INT64(options.get(), "limit", 1);
    std::optional<StoredImage> found;
    drain(CursorPtr(mongoc_gridfs_bucket_find(bucket.get(), filter.get(), options.get())),
          "image lookup", [&](const bson_t *document) {
              found = StoredImage{file_from_bson(document), {}};
          });
    if (!found) {
        return std::nullopt;
    }
    bson_value_t file_id = id_value(oid);
    bson_error_t error;
    StreamPtr stream(mongoc_gridfs_bucket_open_download_stream(bucket.get(), &file_id, &error));
    if (!stream) {
        if (is_file_not_found(error)) {
            return std::nullopt;  // deleted since the lookup
        }
        throw_mongo_error(error, "image download");
    }
    std::string &data = found->data;
    data.resize(static_cast<std::size_t>(found->file.bytes));
    std::size_t read = 0;
    while (read < data.size()) {
        ssize_t step =
            mongoc_stream_read(stream.get(), data.data() + read, data.size() - read, 0, 0);
        if (step < 0) {
            mongoc_gridfs_bucket_stream_error(stream.get(), &error);
            throw_mongo_error(error, "image download");
        }
        if (step == 0) {
            throw Error(ErrorCode::internal, "", "image " + id + " is missing chunks");
        }
        read += static_cast<std::size_t>(step);
    }
    return found;
}

bool MongoImageStore::remove(const std::string &id) {
    auto client = pool_->acquire();
    Bucket bucket(client, pool_->database());
    bson_value_t file_id = id_value(oid_from_hex(id));
    bson_error_t error;
    if (!mongoc_gridfs_bucket_delete_by_id(bucket.get(), &file_id, &error)) {
        if (is_file_not_found(error)) {
            return false;
        }
        throw_mongo_error(error, "image deletion");
    }
    return true;
}

std::vector<std::string> MongoImageStore::uploaded_before(std::int64_t before_ms,
                                                          const std::string &after_id,
                                                          std::int64_t limit) {
    auto client = pool_->acquire();
    Bucket bucket(client, pool_->database());
    BsonDocument filter;
    bson_t range;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "uploadDate", &range);
    BSON_APPEND_DATE_TIME(&range, "$lt", before_ms);
    bson_append_document_end(filter.get(), &range);
    if (!after_id.empty()) {
        BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "_id", &range);
        append_object_id(&range, "$gt", after_id);
        bson_append_document_end(filter.get(), &range);
    }
    BsonDocument options;
    bson_t sort, projection;
    BSON_APPEND_DOCUMENT_BEGIN(options.get(), "sort", &sort);
    BSON_APPEND_INT32(&sort, "_id", 1);
    bson_append_document_end(options.get(), &sort);
    BSON_APPEND_DOCUMENT_BEGIN(options.get(), "projection", &projection);
    BSON_APPEND_INT32(&projection, "_id", 1);
    bson_append_document_end(options.get(), &projection);
    BSON_APPEND_INT64(options.get(), "limit", limit);
    std::vector<std::string> ids;
    drain(CursorPtr(mongoc_gridfs_bucket_find(bucket.get(), filter.get(), options.get())),
          "orphan image search",
          [&](const bson_t *document) { ids.push_back(read_oid_hex(document, "_id")); });
    return ids;
}

}  // namespace libstore::mongo
