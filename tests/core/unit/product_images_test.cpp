// ProductImageService over in-memory fakes: who may upload and delete, the order of the two
// writes and what each failure leaves behind, deletion with the product, and orphan recovery.
#include <gtest/gtest.h>

#include "catalog_test_support.hpp"
#include "core/catalog/catalog_service.hpp"
#include "core/catalog/product_images.hpp"
#include "core/orders/order_service.hpp"
#include "fakes/fake_audit.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/fake_category_repository.hpp"
#include "fakes/fake_image_store.hpp"
#include "fakes/fake_product_repository.hpp"
#include "fakes/fake_tokens.hpp"
#include "fakes/manual_clock.hpp"
#include "image_samples.hpp"

namespace libstore::testing {
namespace {

constexpr const char *kMissingProduct = "0000000000000000000000ff";

class ProductImagesTest : public ::testing::Test {
  protected:
    std::string new_product() {
        return catalog.create_product(admin, product_body()).find("id")->as_string();
    }

    Value upload(const std::string &product_id, const std::string &data = sample_png(),
                 const std::string &type = "image/png") {
        return images.add(admin, product_id, type, data);
    }

    std::vector<std::string> listed(const std::string &product_id) {
        std::vector<std::string> ids;
        for (const auto &image : products.stored(product_id).images) {
            ids.push_back(image.id);
        }
        return ids;
    }

    std::vector<std::string> committed_actions() {
        std::vector<std::string> actions;
        for (const auto &entry : audit_entries.committed()) {
            actions.push_back(entry.action);
        }
        return actions;
    }

    FakeCategoryRepository categories;
    FakeProductRepository products;
    ManualClock clock;
    FakeImageStore files{clock};
    FakeOpaqueTokens digests;
    FakeAuthenticator authenticator;
    FakeAuditRepository audit_entries;
    AuditTrail audit{audit_entries, clock};
    ProductImageService images{
        ProductImagePorts{products, files, digests, clock, authenticator, audit}};
    CatalogService catalog{categories, products, clock, authenticator, audit, &images};
    Session admin = admin_session();
    Session client = client_session();
};

TEST_F(ProductImagesTest, UploadStoresTheFileAndListsItOnTheProduct) {
    std::string product_id = new_product();
    Value first = upload(product_id);
    Value second = upload(product_id, sample_gif(), "image/gif");
    std::string id = first.find("id")->as_string();
    EXPECT_EQ(first.find("url")->as_string(), "/images/" + id);
    EXPECT_EQ(first.find("content_type")->as_string(), "image/png");
    EXPECT_EQ(first.find("bytes")->as_integer(), static_cast<std::int64_t>(sample_png().size()));
    EXPECT_EQ(first.find("sha256")->as_string(), digests.digest(sample_png()));
    EXPECT_EQ(listed(product_id), (std::vector<std::string>{id, second.find("id")->as_string()}));

    StoredImage stored = images.get(id);
    EXPECT_EQ(stored.data, sample_png());
    EXPECT_EQ(stored.file.content_type, "image/png");
    EXPECT_EQ(stored.file.product_id, product_id);

    Value product = catalog.get_product(nullptr, product_id);
    const auto &shown = product.find("images")->as_array();
    ASSERT_EQ(shown.size(), 2u);
    EXPECT_EQ(shown[0].find("id")->as_string(), id);
    EXPECT_EQ(shown[0].find("url")->as_string(), "/images/" + id);
    EXPECT_EQ(shown[1].find("content_type")->as_string(), "image/gif");
    EXPECT_EQ(committed_actions(), (std::vector<std::string>{"product.create", "product.image.add",
                                                             "product.image.add"}));
}

TEST_F(ProductImagesTest, OnlyCatalogManagersWrite) {
    std::string product_id = new_product();
    expect_error([&] { images.add(client, product_id, "image/png", sample_png()); },
                 ErrorCode::forbidden, "");
    std::string id = upload(product_id).find("id")->as_string();
    expect_error([&] { images.remove(client, product_id, id); }, ErrorCode::forbidden, "");
    Session staff = client;
    staff.role = Role::staff;
    staff.permissions.add(Permission::manage_catalog);
    images.remove(staff, product_id, id);
    authenticator.revoked = true;
    expect_error([&] { upload(product_id); }, ErrorCode::unauthenticated, "");
    EXPECT_TRUE(files.files.empty());
}

TEST_F(ProductImagesTest, RefusedBytesStoreNothing) {
    std::string product_id = new_product();
    expect_invalid([&] { upload(product_id, sample_png(), "image/jpeg"); }, "content_type");
    expect_invalid([&] { upload(product_id, sample_png().substr(0, 20)); }, "image");
    expect_invalid([&] { upload(product_id, ""); }, "image");
    EXPECT_TRUE(files.files.empty());
    EXPECT_TRUE(listed(product_id).empty());
}

TEST_F(ProductImagesTest, AMissingProductLeavesNoFile) {
    expect_error([&] { upload(kMissingProduct); }, ErrorCode::not_found, "");
    expect_error([&] { upload("not-an-id"); }, ErrorCode::not_found, "");
    EXPECT_TRUE(files.files.empty());
    EXPECT_TRUE(committed_actions().empty());
}

TEST_F(ProductImagesTest, DeleteUnlistsThenRemovesTheFile) {
    std::string product_id = new_product();
    std::string other_id = new_product();
    std::string id = upload(product_id).find("id")->as_string();
    expect_error([&] { images.remove(admin, other_id, id); }, ErrorCode::not_found, "");
    expect_error([&] { images.remove(admin, product_id, "bad"); }, ErrorCode::not_found, "");
    EXPECT_EQ(files.files.count(id), 1u);

    images.remove(admin, product_id, id);
    EXPECT_TRUE(listed(product_id).empty());
    EXPECT_EQ(files.files.count(id), 0u);
    expect_error([&] { images.get(id); }, ErrorCode::not_found, "");
    expect_error([&] { images.remove(admin, product_id, id); }, ErrorCode::not_found, "");
    EXPECT_EQ(committed_actions().back(), "product.image.delete");
}

TEST_F(ProductImagesTest, AFileThatCannotBeRemovedIsLeftForRecovery) {
    std::string product_id = new_product();
    std::string id = upload(product_id).find("id")->as_string();
    files.fail_removals = true;
    images.remove(admin, product_id, id);  // unlisted: the answer no longer depends on the file
    EXPECT_TRUE(listed(product_id).empty());
    EXPECT_EQ(files.files.count(id), 1u);
    files.fail_removals = false;
    clock.advance_ms(OrderService::kDefaultRecoveryAgeMs + 1);
    EXPECT_EQ(
        images.recover(OrderService::kDefaultRecoveryAgeMs).find("images_removed")->as_integer(),
        1);
    EXPECT_TRUE(files.files.empty());
}

TEST_F(ProductImagesTest, DeletingTheProductDeletesItsFiles) {
    std::string product_id = new_product();
    std::string kept_product = new_product();
    upload(product_id);
    upload(product_id, sample_webp(), "image/webp");
    std::string kept = upload(kept_product).find("id")->as_string();
    catalog.delete_product(admin, product_id);
    ASSERT_EQ(files.files.size(), 1u);
    EXPECT_EQ(files.files.begin()->first, kept);
}

TEST_F(ProductImagesTest, RecoveryRemovesOldOrphansOnly) {
    std::string product_id = new_product();
    std::string listed_id = upload(product_id).find("id")->as_string();
    // Orphans as a crash between the two steps leaves them: a file no product lists.
    ImageFile orphan;
    orphan.content_type = "image/png";
    std::string old_orphan = files.put(orphan, sample_png());
    clock.advance_ms(10 * 60 * 1000);
    std::string young_orphan = files.put(orphan, sample_png());
    clock.advance_ms(1000);

    Value report = images.recover(5 * 60 * 1000);
    EXPECT_EQ(report.find("images_removed")->as_integer(), 1);
    EXPECT_EQ(files.files.count(old_orphan), 0u);
    EXPECT_EQ(files.files.count(young_orphan), 1u);
    EXPECT_EQ(files.files.count(listed_id), 1u);
}

}  // namespace
}  // namespace libstore::testing
