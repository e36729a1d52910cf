#include "core/catalog/image_file.hpp"

namespace libstore {

Value image_file_value(const ImageFile &file) {
    Value value = Value::object();
    value.set("id", file.id)
        .set("content_type", file.content_type)
        .set("bytes", file.bytes)
        .set("sha256", file.sha256);
    return value;
}

}  // namespace libstore
