// Images of products (API.md "Product images"): catalog managers upload and delete them, each
// write recorded in the audit log; everybody reads them. A file and the product's list of its
// images are two documents, written in an order that leaves at worst an orphan file, never a
// product pointing at nothing: upload stores the file, then lists it on the product; deletion
// unlists it, then removes the file. recover() removes the orphans a crash in between leaves.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/accounts/authenticator.hpp"
#include "core/audit/audit_trail.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/image_store.hpp"
#include "core/ports/opaque_tokens.hpp"
#include "core/ports/product_repository.hpp"
#include "core/session.hpp"
#include "core/value.hpp"

namespace libstore {

struct ProductImagePorts {
    ProductRepository &products;
    ImageStore &files;
    OpaqueTokens &digests;  // SHA-256 of the bytes, the ETag of GET /images/{id}
    Clock &clock;
    Authenticator &authenticator;
    AuditTrail &audit;
};

class ProductImageService {
  public:
    explicit ProductImageService(ProductImagePorts ports) : ports_(ports) {}

    // Catalog managers. Checks the bytes against `content_type` (see check_image()), stores
    // them and appends the image to the product. Error(not_found) for a malformed or unknown
    // product id (the stored file is removed again). {id, url, content_type, bytes, sha256}.
    Value add(const Session &session, const std::string &product_id, std::string_view content_type,
              std::string_view data);

    // Catalog managers. Error(not_found) unless the product lists the image.
    void remove(const Session &session, const std::string &product_id, const std::string &image_id);

    // Public. Error(not_found) for a malformed or unknown id.
    StoredImage get(const std::string &image_id);

    // Removes the files of a product that is gone. A file that cannot be removed now stays an
    // orphan for recover().
    void remove_files_of(const Product &removed);

    // Removes files uploaded at least `min_age_ms` ago that no product lists (younger ones may
    // belong to an upload still under way). {"images_removed": n}.
    Value recover(std::int64_t min_age_ms);

  private:
    ProductImagePorts ports_;
};

// {id, url, content_type, bytes, sha256}: what an upload answers.
Value uploaded_image_value(const ImageFile &file);

}  // namespace libstore
