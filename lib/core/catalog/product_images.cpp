#include "core/catalog/product_images.hpp"

#include <algorithm>

#include "core/catalog/image_type.hpp"
#include "core/catalog/product.hpp"
#include "core/error.hpp"
#include "core/events/product_events.hpp"
#include "core/object_id.hpp"

namespace libstore {

namespace {

// Recovery reads orphan candidates in pages of this many ids, one round trip each way.
constexpr std::int64_t kRecoveryPage = 500;

// Removes a file whose product does not list it; an error leaves it to recovery, since the
// caller's answer no longer depends on it.
void remove_quietly(ImageStore &files, const std::string &id) {
    try {
        files.remove(id);
    } catch (const Error &) {
        // An orphan now: recover() removes it once it is old enough.
    }
}

}  // namespace

Value uploaded_image_value(const ImageFile &file) {
    Value value = image_file_value(file);
    value.set("url", image_url_path(file.id));
    return value;
}

Value ProductImageService::add(const Session &session, const std::string &product_id,
                               std::string_view content_type, std::string_view data) {
    Session caller = ports_.authenticator.recheck(session);
    require_permission(caller, Permission::manage_catalog);
    require_object_id(product_id, "product");
    ImageFile file;
    file.content_type = check_image(content_type, data);
    file.sha256 = ports_.digests.digest(std::string(data));
    file.product_id = product_id;
    file.bytes = static_cast<std::int64_t>(data.size());
    file.id = ports_.files.put(file, data);
    std::string summary = "added image " + file.id + " (" + file.content_type + ", " +
                          std::to_string(file.bytes) + " bytes)";
    try {
        ports_.audit.record(
            caller, {"product.image.add", "product", product_id, summary},
            product_updated_event({"images"}), [&](const std::string &mark, AuditSubject &) {
                auto updated = ports_.products.add_image(product_id, {file.id, file.content_type},
                                                         ports_.clock.now_ms(), mark);
                if (!updated) {
                    throw_not_found("product not found");
                }
            });
    } catch (...) {
        remove_quietly(ports_.files, file.id);
        throw;
    }
    return uploaded_image_value(file);
}

void ProductImageService::remove(const Session &session, const std::string &product_id,
                                 const std::string &image_id) {
    Session caller = ports_.authenticator.recheck(session);
    require_permission(caller, Permission::manage_catalog);
    require_object_id(product_id, "product");
    require_object_id(image_id, "image");
    ports_.audit.record(
        caller, {"product.image.delete", "product", product_id, "deleted image " + image_id},
        product_updated_event({"images"}), [&](const std::string &mark, AuditSubject &) {
            auto updated =
                ports_.products.remove_image(product_id, image_id, ports_.clock.now_ms(), mark);
            if (!updated) {
                throw_not_found("the product has no such image");
            }
        });
    remove_quietly(ports_.files, image_id);
}

StoredImage ProductImageService::get(const std::string &image_id) {
    require_object_id(image_id, "image");
    auto found = ports_.files.get(image_id);
    if (!found) {
        throw_not_found("image not found");
    }
    return std::move(*found);
}

void ProductImageService::remove_files_of(const Product &removed) {
    for (const auto &image : removed.images) {
        remove_quietly(ports_.files, image.id);
    }
}

Value ProductImageService::recover(std::int64_t min_age_ms) {
    std::int64_t before_ms = ports_.clock.now_ms() - min_age_ms;
    std::int64_t removed = 0;
    std::string after;
    for (;;) {
        auto candidates = ports_.files.uploaded_before(before_ms, after, kRecoveryPage);
        if (candidates.empty()) {
            break;
        }
        after = candidates.back();
        auto listed = ports_.products.listed_images(candidates);
        for (const auto &id : candidates) {
            if (std::find(listed.begin(), listed.end(), id) == listed.end() &&
                ports_.files.remove(id)) {
                ++removed;
            }
        }
        if (static_cast<std::int64_t>(candidates.size()) < kRecoveryPage) {
            break;
        }
    }
    Value report = Value::object();
    report.set("images_removed", removed);
    return report;
}

}  // namespace libstore
