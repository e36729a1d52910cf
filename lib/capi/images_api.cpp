#include "libstore/images.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>

#include "adapters/json/json_codec.hpp"
#include "capi/arguments.hpp"
#include "capi/error_guard.hpp"
#include "capi/handles.hpp"

using libstore::capi::core_of;
using libstore::capi::guard;
using libstore::capi::require_argument;
using libstore::capi::reset_out;
namespace json = libstore::json;

namespace {

// A copy the caller frees with store_free() (malloc'd, like every string the ABI returns).
void *copy_for_caller(const std::string &bytes) {
    void *copy = std::malloc(bytes.empty() ? 1 : bytes.size());
    if (copy == nullptr) {
        throw std::bad_alloc();
    }
    if (!bytes.empty()) {
        std::memcpy(copy, bytes.data(), bytes.size());
    }
    return copy;
}

}  // namespace

extern "C" {

store_status_t store_product_image_add(char **out_image_json, store_session_t *session,
                                       const char *product_id, const char *content_type,
                                       const void *data, size_t length, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_image_json, "out_image_json");
        auto &core = core_of(session);
        require_argument(product_id, "product_id");
        require_argument(content_type, "content_type");
        if (data == nullptr && length > 0) {
            libstore::throw_invalid("data", "data must not be NULL when length is not 0");
        }
        std::string_view bytes(static_cast<const char *>(data), data == nullptr ? 0 : length);
        *out_image_json = json::serialize_for_caller(
            core.images().add(session->session, product_id, content_type, bytes));
    });
}

store_status_t store_image_get(void **out_data, size_t *out_length, char **out_info_json,
                               store_t *store, const char *image_id, store_error_t *error) {
    return guard(error, [&] {
        reset_out(out_data, "out_data");
        require_argument(out_length, "out_length");
        *out_length = 0;
        if (out_info_json != nullptr) {
            *out_info_json = nullptr;
        }
        auto &core = core_of(store);
        require_argument(image_id, "image_id");
        libstore::StoredImage image = core.images().get(image_id);
        char *info = out_info_json != nullptr
                         ? json::serialize_for_caller(libstore::image_file_value(image.file))
                         : nullptr;
        void *data;
        try {
            data = copy_for_caller(image.data);
        } catch (...) {
            std::free(info);
            throw;
        }
        *out_data = data;
        *out_length = image.data.size();
        if (out_info_json != nullptr) {
            *out_info_json = info;
        }
    });
}

store_status_t store_product_image_delete(store_session_t *session, const char *product_id,
                                          const char *image_id, store_error_t *error) {
    return guard(error, [&] {
        auto &core = core_of(session);
        require_argument(product_id, "product_id");
        require_argument(image_id, "image_id");
        core.images().remove(session->session, product_id, image_id);
    });
}

}  // extern "C"
