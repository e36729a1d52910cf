// Product images over the real adapters: the GridFS bucket's layout (file metadata, chunks),
// bytes that come back exactly, the product document's image list, deletion with the product,
// and recovery of the orphan files a crash between the two steps of an upload leaves.
#include <gtest/gtest.h>

#include <mongoc/mongoc.h>

#include <cstdint>
#include <ctime>
#include <memory>

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/client_pool.hpp"
#include "adapters/mongo/mongo_image_store.hpp"
#include "code_of.hpp"
#include "core/error.hpp"
#include "database_environment.hpp"

namespace libstore::testing {
namespace {

// A PNG of `size` bytes: signature, IHDR, one IDAT chunk filling the rest, IEND.
std::string png_of_size(std::size_t size) {
    auto chunk = [](const std::string &type, const std::string &data) {
        std::string bytes;
        auto length = static_cast<std::uint32_t>(data.size());
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes.push_back(static_cast<char>((length >> shift) & 0xFF));
        }
        return bytes + type + data + std::string(4, '\0');
    };
    std::string head = std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", std::string(13, '\1'));
    std::string tail = chunk("IEND", "");
    std::string pixels(size - head.size() - tail.size() - 12, '\0');
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        pixels[i] = static_cast<char>(i * 7 % 251);
    }
    return head + chunk("IDAT", pixels) + tail;
}

class ImagesIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        StoreConfig config = test_store_config();
        pool_ = std::make_shared<mongo::ClientPool>(config.uri, config.database,
                                                    config.server_selection_timeout_ms);
        files_ = std::make_unique<mongo::MongoImageStore>(pool_);
        Value admin = Value::object();
        admin.set("username", "root")
            .set("email", "root@example.com")
            .set("password", "password-123");
        store_->accounts().create_admin(admin);
        Value token = store_->accounts().login(
            Value::object().set("username", "root").set("password", "password-123"));
        admin_ = store_->accounts().open_session(token.find("access_token")->as_string());
        Value body = Value::object();
        body.set("name", "Lamp").set("price", 10).set("stock", 3);
        product_id_ = store_->catalog().create_product(admin_, body).find("id")->as_string();
    }

    Value upload(const std::string &data, const std::string &type = "image/png") {
        return store_->images().add(admin_, product_id_, type, data);
    }

    // Documents of `collection` matching {field: ObjectId(id)}.
    std::int64_t count(const char *collection, const char *field, const std::string &id) {
        auto client = pool_->acquire();
        auto handle = client.collection(collection);
        mongo::BsonDocument filter;
        bson_oid_t oid = mongo::oid_from_hex(id);
        BSON_APPEND_OID(filter.get(), field, &oid);
        bson_error_t error;
        std::int64_t found = mongoc_collection_count_documents(handle.get(), filter.get(), nullptr,
                                                               nullptr, nullptr, &error);
        EXPECT_GE(found, 0) << error.message;
        return found;
    }

    // Moves a file's uploadDate `ms` into the past, as if it had been there that long.
    void age_file(const std::string &id, std::int64_t ms) {
        auto client = pool_->acquire();
        auto handle = client.collection("images.files");
        mongo::BsonDocument filter;
        bson_oid_t oid = mongo::oid_from_hex(id);
        BSON_APPEND_OID(filter.get(), "_id", &oid);
        mongo::BsonDocument update;
        bson_t set;
        BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
        std::int64_t now_ms = static_cast<std::int64_t>(std::time(nullptr)) * 1000;
        BSON_APPEND_DATE_TIME(&set, "uploadDate", now_ms - ms);
        bson_append_document_end(update.get(), &set);
        bson_error_t error;
        ASSERT_TRUE(mongoc_collection_update_one(handle.get(), filter.get(), update.get(), nullptr,
                                                 nullptr, &error))
            << error.message;
    }

    std::shared_ptr<mongo::ClientPool> pool_;
    std::unique_ptr<mongo::MongoImageStore> files_;
    Session admin_;
    std::string product_id_;
};

TEST_F(ImagesIntegrationTest, AFileIsOneGridFsFileWithItsMetadataAndChunks) {
    std::string data = png_of_size(600 * 1024);  // three chunks of GridFS's 255 KiB
    Value uploaded = upload(data);
    std::string id = uploaded.find("id")->as_string();
    EXPECT_EQ(count("images.files", "_id", id), 1);
    EXPECT_EQ(count("images.chunks", "files_id", id), 3);

    auto stored = files_->get(id);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->data, data);
    EXPECT_EQ(stored->file.bytes, static_cast<std::int64_t>(data.size()));
    EXPECT_EQ(stored->file.content_type, "image/png");
    EXPECT_EQ(stored->file.product_id, product_id_);
    EXPECT_EQ(stored->file.sha256, uploaded.find("sha256")->as_string());
    EXPECT_EQ(stored->file.sha256.size(), 64u);

    // SHA-256 of the bytes, in hex: the same bytes give the same tag, others another.
    Value again = upload(data);
    EXPECT_EQ(again.find("sha256")->as_string(), stored->file.sha256);
    EXPECT_NE(upload(png_of_size(1000)).find("sha256")->as_string(), stored->file.sha256);
}

TEST_F(ImagesIntegrationTest, TheProductListsItsImagesInUploadOrder) {
    std::string first = upload(png_of_size(100)).find("id")->as_string();
    std::string gif("GIF89a\1\0\1\0\0\0\0\x3B", 14);
    std::string second = upload(gif, "image/gif").find("id")->as_string();
    EXPECT_EQ(count("products", "images.id", first), 1);
    Value product = store_->catalog().get_product(nullptr, product_id_);
    const auto &images = product.find("images")->as_array();
    ASSERT_EQ(images.size(), 2u);
    EXPECT_EQ(images[0].find("id")->as_string(), first);
    EXPECT_EQ(images[1].find("id")->as_string(), second);
    EXPECT_EQ(images[1].find("content_type")->as_string(), "image/gif");
    EXPECT_EQ(images[1].find("url")->as_string(), "/images/" + second);

    store_->images().remove(admin_, product_id_, first);
    EXPECT_EQ(count("images.files", "_id", first), 0);
    EXPECT_EQ(count("images.chunks", "files_id", first), 0);
    product = store_->catalog().get_product(nullptr, product_id_);
    ASSERT_EQ(product.find("images")->as_array().size(), 1u);
    EXPECT_EQ(code_of([&] { store_->images().get(first); }), ErrorCode::not_found);
}

TEST_F(ImagesIntegrationTest, AnUploadForAMissingProductKeepsNoFile) {
    const std::string missing = "0123456789abcdef01234567";
    EXPECT_EQ(
        code_of([&] { store_->images().add(admin_, missing, "image/png", png_of_size(100)); }),
        ErrorCode::not_found);
    std::int64_t tomorrow_ms = (static_cast<std::int64_t>(std::time(nullptr)) + 86'400) * 1000;
    EXPECT_TRUE(files_->uploaded_before(tomorrow_ms, "", 10).empty());
}

TEST_F(ImagesIntegrationTest, DeletingTheProductDeletesItsFiles) {
    std::string id = upload(png_of_size(300 * 1024)).find("id")->as_string();
    store_->catalog().delete_product(admin_, product_id_);
    EXPECT_EQ(count("images.files", "_id", id), 0);
    EXPECT_EQ(count("images.chunks", "files_id", id), 0);
}

TEST_F(ImagesIntegrationTest, RecoveryRemovesOldFilesNoProductLists) {
    std::string listed = upload(png_of_size(100)).find("id")->as_string();
    // What a crash between the steps leaves: the file stored, the product never told.
    ImageFile orphan;
    orphan.content_type = "image/png";
    orphan.sha256 = "0";
    orphan.product_id = product_id_;
    std::string old_orphan = files_->put(orphan, png_of_size(300 * 1024));
    std::string young_orphan = files_->put(orphan, png_of_size(100));
    age_file(old_orphan, 10 * 60 * 1000);
    age_file(listed, 10 * 60 * 1000);

    Value report = store_->recover();
    EXPECT_EQ(report.find("images_removed")->as_integer(), 1);
    EXPECT_EQ(count("images.files", "_id", old_orphan), 0);
    EXPECT_EQ(count("images.chunks", "files_id", old_orphan), 0);
    EXPECT_EQ(count("images.files", "_id", young_orphan), 1);
    EXPECT_EQ(count("images.files", "_id", listed), 1);
    EXPECT_EQ(store_->recover().find("images_removed")->as_integer(), 0);
}

TEST_F(ImagesIntegrationTest, ProductsWrittenBeforeImagesHaveNone) {
    auto client = pool_->acquire();
    auto products = client.collection("products");
    mongo::BsonDocument filter;
    bson_oid_t oid = mongo::oid_from_hex(product_id_);
    BSON_APPEND_OID(filter.get(), "_id", &oid);
    mongo::BsonDocument update;
    bson_t unset;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$unset", &unset);
    BSON_APPEND_UTF8(&unset, "images", "");
    bson_append_document_end(update.get(), &unset);
    bson_error_t error;
    ASSERT_TRUE(mongoc_collection_update_one(products.get(), filter.get(), update.get(), nullptr,
                                             nullptr, &error))
        << error.message;
    Value product = store_->catalog().get_product(nullptr, product_id_);
    EXPECT_EQ(*product.find("images"), Value::array());
    // The first upload gives the old document its list.
    std::string id = upload(png_of_size(100)).find("id")->as_string();
    product = store_->catalog().get_product(nullptr, product_id_);
    ASSERT_EQ(product.find("images")->as_array().size(), 1u);
    EXPECT_EQ(product.find("images")->as_array()[0].find("id")->as_string(), id);
}

}  // namespace
}  // namespace libstore::testing
