// A stored image file as the core sees it, and its API form.
#pragma once

#include <cstdint>
#include <string>

#include "core/value.hpp"

namespace libstore {

struct ImageFile {
    std::string id;  // 24-hex ObjectId; given by the image store
    std::string content_type;
    std::string sha256;      // hex digest of the bytes: the image's ETag
    std::string product_id;  // the product it was uploaded for
    std::int64_t bytes = 0;
    std::int64_t uploaded_at_ms = 0;
};

// {id, content_type, bytes, sha256}
Value image_file_value(const ImageFile &file);

}  // namespace libstore
