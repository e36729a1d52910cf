// ImageStore over a MongoDB GridFS bucket ("images": collections images.files and
// images.chunks), through mongoc_gridfs_bucket_t. A file document carries
//   metadata: {content_type, sha256, product_id: ObjectId}
// beside GridFS's own length, chunkSize and uploadDate; the file name is the id in hex.
#pragma once

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "core/ports/image_store.hpp"

namespace libstore::mongo {

class MongoImageStore final : public ImageStore {
  public:
    explicit MongoImageStore(std::shared_ptr<ClientPool> pool) : pool_(std::move(pool)) {}

    std::string put(const ImageFile &file, std::string_view data) override;
    std::optional<StoredImage> get(const std::string &id) override;
    bool remove(const std::string &id) override;
    std::vector<std::string> uploaded_before(std::int64_t before_ms, const std::string &after_id,
                                             std::int64_t limit) override;

  private:
    std::shared_ptr<ClientPool> pool_;
};

}  // namespace libstore::mongo
