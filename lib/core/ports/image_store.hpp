// Port: where image files are kept (MongoDB GridFS in production, bucket "images"). A file is
// written whole or not at all and never changes; products list the files that belong to them
// (Product::images), and a file no product lists is an orphan that recovery removes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/image_file.hpp"

namespace libstore {

struct StoredImage {
    ImageFile file;
    std::string data;
};

class ImageStore {
  public:
    virtual ~ImageStore() = default;

    // Stores `data` as a new file described by `file` (its id, bytes and uploaded_at are
    // ignored) and returns the id given to it.
    virtual std::string put(const ImageFile &file, std::string_view data) = 0;

    // The file and its bytes; nullopt when there is none with that id.
    virtual std::optional<StoredImage> get(const std::string &id) = 0;

    // False when there was none with that id.
    virtual bool remove(const std::string &id) = 0;

    // Ids of up to `limit` files uploaded before `before_ms`, in id order, strictly after
    // `after_id` ("" for the first).
    virtual std::vector<std::string> uploaded_before(std::int64_t before_ms,
                                                     const std::string &after_id,
                                                     std::int64_t limit) = 0;
};

}  // namespace libstore
