// Product writes' events over the real adapters: each carried by the write's audit entry and
// published as the entry commits, so a crash between the write and the commit is settled by
// recovery with exactly one event when the write happened and none when it did not.
#include <gtest/gtest.h>

#include <stdexcept>

#include "adapters/mongo/client_pool.hpp"
#include "adapters/mongo/mongo_audit_repository.hpp"
#include "adapters/mongo/mongo_category_repository.hpp"
#include "adapters/mongo/mongo_product_repository.hpp"
#include "core/catalog/catalog_service.hpp"
#include "core/events/event.hpp"
#include "database_environment.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

// The process dies as it publishes an entry's event (the write done, the entry pending).
class CrashingPublisher final : public EventOutbox {
  public:
    void relay(UnitOfWork &, OutboxHolder, const std::string &, const EventDrafts &) override {}
    void publish(const EventDrafts &) override { throw std::runtime_error("crash"); }
    std::vector<OutboxLeftover> leftovers(OutboxHolder, std::int64_t) override { return {}; }
};

class ProductEventsIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store_->accounts().create_admin(registration("catalog_admin"));
        admin_ = login("catalog_admin");
    }
    std::vector<Event> events_of(const std::string &type) {
        std::vector<Event> found;
        for (const auto &event : store_->event_feed().read_after(0, 1000)) {
            if (event.type == type) {
                found.push_back(event);
            }
        }
        return found;
    }
    Value pen() {
        Value body = Value::object();
        body.set("name", "Pen").set("price", 1.5).set("stock", 3);
        return body;
    }
    Session admin_;
};

TEST_F(ProductEventsIntegrationTest, CreatedUpdatedDeletedAreEventsWithTheProductId) {
    auto &catalog = store_->catalog();
    std::string id = catalog.create_product(admin_, pen()).find("id")->as_string();
    Value changes = Value::object();
    changes.set("name", "Ink pen").set("description", "blue");
    catalog.update_product(admin_, id, changes);
    Value missing = Value::object();
    missing.set("name", "x");
    EXPECT_THROW(catalog.update_product(admin_, "0123456789abcdef01234567", missing), Error);
    catalog.delete_product(admin_, id);

    auto created = events_of(kEventProductCreated);
    auto updated = events_of(kEventProductUpdated);
    auto deleted = events_of(kEventProductDeleted);
    ASSERT_EQ(created.size(), 1u);
    ASSERT_EQ(updated.size(), 1u);  // the failed update emits nothing
    ASSERT_EQ(deleted.size(), 1u);
    EXPECT_EQ(created[0].data.find("product_id")->as_string(), id);
    EXPECT_EQ(updated[0].data.find("product_id")->as_string(), id);
    Value fields = Value::array();
    fields.push_back("name");
    fields.push_back("description");
    EXPECT_EQ(*updated[0].data.find("fields"), fields);
    EXPECT_EQ(deleted[0].data.find("product_id")->as_string(), id);
    EXPECT_LT(created[0].id, updated[0].id);
    EXPECT_LT(updated[0].id, deleted[0].id);
}

TEST_F(ProductEventsIntegrationTest, AWriteCutShortBeforeItsEventIsSettledByRecovery) {
    StoreConfig config = test_store_config();
    auto pool = std::make_shared<mongo::ClientPool>(config.uri, config.database,
                                                    config.server_selection_timeout_ms);
    mongo::MongoAuditRepository entries(pool);
    mongo::MongoCategoryRepository categories(pool);
    mongo::MongoProductRepository products(pool);
    ManualClock clock(1'000'000);  // long ago: recovery takes its entries as abandoned
    CrashingPublisher crashing;
    AuditTrail trail(entries, clock, &crashing);
    CatalogService catalog(categories, products, clock, store_->accounts(), trail, nullptr);

    EXPECT_THROW(catalog.create_product(admin_, pen()), std::runtime_error);
    Value listed = store_->catalog().list_products(&admin_, Value::object());
    ASSERT_EQ(listed.find("items")->as_array().size(), 1u);  // the write happened
    std::string id = listed.find("items")->as_array()[0].find("id")->as_string();
    EXPECT_TRUE(events_of(kEventProductCreated).empty());
    Value changes = Value::object();
    changes.set("name", "Ink pen");
    EXPECT_THROW(catalog.update_product(admin_, id, changes), std::runtime_error);
    // Another product, made as usual, then deleted by a write cut short the same way.
    std::string doomed = store_->catalog().create_product(admin_, pen()).find("id")->as_string();
    EXPECT_THROW(catalog.delete_product(admin_, doomed), std::runtime_error);
    EXPECT_TRUE(events_of(kEventProductDeleted).empty());

    Value report = store_->recover(0);
    EXPECT_EQ(report.find("audit_entries_committed")->as_integer(), 3);
    auto created = events_of(kEventProductCreated);
    ASSERT_EQ(created.size(), 2u);
    EXPECT_EQ(created[0].data.find("product_id")->as_string(), doomed);  // published first
    EXPECT_EQ(created[1].data.find("product_id")->as_string(), id);
    auto updated = events_of(kEventProductUpdated);
    ASSERT_EQ(updated.size(), 1u);
    EXPECT_EQ(updated[0].data.find("product_id")->as_string(), id);
    auto deleted = events_of(kEventProductDeleted);
    ASSERT_EQ(deleted.size(), 1u);
    EXPECT_EQ(deleted[0].data.find("product_id")->as_string(), doomed);
    // Settled once: recovering again publishes nothing more.
    std::size_t all = store_->event_feed().read_after(0, 1000).size();
    store_->recover(0);
    EXPECT_EQ(store_->event_feed().read_after(0, 1000).size(), all);
}

}  // namespace
}  // namespace libstore::testing
