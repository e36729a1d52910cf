// The audit log over the real MongoDB adapters: entries written with their change, and a write
// cut short between its change and its commit settled by recovery from what it left in the
// database (its mark in the target document, or the target's absence).
#include <gtest/gtest.h>

#include <memory>

#include "adapters/mongo/client_pool.hpp"
#include "adapters/mongo/mongo_audit_repository.hpp"
#include "adapters/mongo/mongo_category_repository.hpp"
#include "database_environment.hpp"

namespace libstore::testing {
namespace {

class AuditIntegrationTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        StoreConfig config = test_store_config();
        pool_ = std::make_shared<mongo::ClientPool>(config.uri, config.database,
                                                    config.server_selection_timeout_ms);
        entries_ = std::make_unique<mongo::MongoAuditRepository>(pool_);
        categories_ = std::make_unique<mongo::MongoCategoryRepository>(pool_);
        Value admin = Value::object();
        admin.set("username", "root")
            .set("email", "root@example.com")
            .set("password", "password-123");
        store_->accounts().create_admin(admin);
        Value credentials = Value::object();
        credentials.set("username", "root").set("password", "password-123");
        Value token = store_->accounts().login(credentials);
        admin_ = store_->accounts().open_session(token.find("access_token")->as_string());
    }

    // A write's first step: its entry, pending.
    AuditEntry begin(const std::string &action, const std::string &target_id) {
        AuditEntry entry;
        entry.at_ms = 1'000;  // long ago: recovery takes it as abandoned
        entry.actor_id = admin_.user_id;
        entry.action = action;
        entry.target_type = "category";
        entry.target_id = target_id;
        entry.summary = action;
        entry.id = entries_->begin(entry);
        return entry;
    }

    Category category(const std::string &name) {
        Category made;
        made.name = name;
        made.name_key = name;
        return made;
    }

    std::vector<std::string> listed_actions() {
        std::vector<std::string> actions;
        Value page = store_->audit_log().list(admin_, Value::object());
        for (const auto &item : page.find("items")->as_array()) {
            actions.push_back(item.find("action")->as_string());
        }
        return actions;
    }

    std::shared_ptr<mongo::ClientPool> pool_;
    std::unique_ptr<mongo::MongoAuditRepository> entries_;
    std::unique_ptr<mongo::MongoCategoryRepository> categories_;
    Session admin_;
};

TEST_F(AuditIntegrationTest, WritesAreListedWithTheirChangeAndLeaveNoMarks) {
    Value body = Value::object();
    body.set("name", "Books");
    std::string id = store_->catalog().create_category(admin_, body).find("id")->as_string();
    body.set("name", "Paper");
    store_->catalog().update_category(admin_, id, body);
    EXPECT_EQ(listed_actions(), (std::vector<std::string>{"category.update", "category.create"}));
    AuditEntry probe;
    probe.target_type = "category";
    probe.id = "ffffffffffffffffffffffff";
    EXPECT_FALSE(entries_->marked_target(probe).has_value());
    Value report = store_->recover(0);
    EXPECT_EQ(report.find("audit_entries_committed")->as_integer(), 0);
    EXPECT_EQ(report.find("audit_entries_dropped")->as_integer(), 0);
}

TEST_F(AuditIntegrationTest, RecoverySettlesWritesCutShortByACrash) {
    // Created, then the process died before committing the entry.
    AuditEntry created = begin("category.create", "");
    std::string created_id = categories_->insert(category("lamps"), created.id);
    // Begun, then the process died before the change.
    AuditEntry never_changed = begin("category.update", created_id);
    // Deleted, then the process died before committing.
    std::string doomed = categories_->insert(category("desks"), "");
    AuditEntry deleted = begin("category.delete", doomed);
    ASSERT_TRUE(categories_->remove(doomed));
    // Begun, then the process died before deleting.
    AuditEntry not_deleted = begin("category.delete", created_id);

    EXPECT_TRUE(listed_actions().empty());  // pending entries are not shown
    ASSERT_EQ(entries_->marked_target(created), created_id);
    Value report = store_->recover(0);
    EXPECT_EQ(report.find("audit_entries_committed")->as_integer(), 2);
    EXPECT_EQ(report.find("audit_entries_dropped")->as_integer(), 2);
    EXPECT_EQ(listed_actions(), (std::vector<std::string>{"category.delete", "category.create"}));
    Value page = store_->audit_log().list(admin_, Value::object());
    EXPECT_EQ(page.find("items")->as_array()[1].find("target_id")->as_string(), created_id);
    EXPECT_FALSE(entries_->marked_target(created).has_value());  // the mark is gone
    Value again = store_->recover(0);
    EXPECT_EQ(again.find("audit_entries_committed")->as_integer(), 0);
    EXPECT_EQ(again.find("audit_entries_dropped")->as_integer(), 0);
    (void)never_changed;
    (void)deleted;
    (void)not_deleted;
}

}  // namespace
}  // namespace libstore::testing
