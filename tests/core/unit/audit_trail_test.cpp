// The audit log's rules over in-memory fakes: an entry is committed with its change or not at
// all, recovery settles entries a crash left pending by what their change left behind, and
// reading needs view_audit.
#include <gtest/gtest.h>

#include "code_of.hpp"
#include "core/accounts/role_change.hpp"
#include "core/audit/audit_log.hpp"
#include "core/audit/audit_trail.hpp"
#include "core/audit/change_summary.hpp"
#include "fakes/fake_audit.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

class AuditTrailTest : public ::testing::Test {
  protected:
    AuditEntry only_entry() {
        auto entries = entries_.committed();
        EXPECT_EQ(entries.size(), 1U);
        return entries.empty() ? AuditEntry{} : entries.front();
    }

    FakeAuditRepository entries_;
    ManualClock clock_;
    FakeAuthenticator authenticator_;
    AuditTrail trail_{entries_, clock_};
    AuditLog log_{entries_, authenticator_};
    Session admin_ = admin_session();
};

TEST_F(AuditTrailTest, AWriteIsCommittedWithTheTargetItCreatedAndItsMark) {
    std::string seen_mark;
    trail_.record(admin_, {"category.create", "category", "", "created"},
                  [&](const std::string &mark, AuditSubject &subject) {
                      seen_mark = mark;
                      subject.target_id = "00000000000000000000c0de";
                  });
    AuditEntry entry = only_entry();
    EXPECT_EQ(entry.id, seen_mark);
    EXPECT_EQ(entry.target_id, "00000000000000000000c0de");
    EXPECT_EQ(entry.actor_id, admin_.user_id);
    EXPECT_EQ(entry.at_ms, clock_.now_ms());
}

TEST_F(AuditTrailTest, AFailedWriteLeavesNoEntry) {
    EXPECT_EQ(code_of([&] {
                  trail_.record(admin_, {"product.update", "product", "x", "changed"},
                                [](const std::string &, AuditSubject &) {
                                    throw_not_found("product not found");
                                });
              }),
              ErrorCode::not_found);
    EXPECT_TRUE(entries_.entries.empty());
}

TEST_F(AuditTrailTest, RecoveryCommitsWhatHappenedAndDropsWhatDidNot) {
    // Three writes cut short between their change and their commit.
    auto begin = [&](const std::string &action, const std::string &target) {
        AuditEntry entry;
        entry.at_ms = clock_.now_ms();
        entry.actor_id = admin_.user_id;
        entry.action = action;
        entry.target_type = "product";
        entry.target_id = target;
        return entries_.begin(entry);
    };
    std::string created = begin("product.create", "");
    entries_.marks[created] = "00000000000000000000000a";  // the insert landed with its mark
    std::string never_written = begin("product.update", "00000000000000000000000b");
    std::string deleted = begin("product.delete", "00000000000000000000000c");  // target gone
    std::string not_deleted = begin("product.delete", "00000000000000000000000d");
    entries_.existing_targets.insert("00000000000000000000000d");

    Value young = trail_.recover(60'000);
    EXPECT_EQ(young.find("audit_entries_committed")->as_integer(), 0);  // maybe still running
    clock_.advance_ms(61'000);
    Value report = trail_.recover(60'000);
    EXPECT_EQ(report.find("audit_entries_committed")->as_integer(), 2);
    EXPECT_EQ(report.find("audit_entries_dropped")->as_integer(), 2);
    auto committed = entries_.committed();
    ASSERT_EQ(committed.size(), 2U);
    EXPECT_EQ(committed[0].id, created);
    EXPECT_EQ(committed[0].target_id, "00000000000000000000000a");
    EXPECT_EQ(committed[1].id, deleted);
    EXPECT_EQ(entries_.entries.count(never_written), 0U);
    EXPECT_EQ(entries_.entries.count(not_deleted), 0U);
    EXPECT_TRUE(entries_.marks.empty());
    // Settled once: running again changes nothing.
    Value again = trail_.recover(0);
    EXPECT_EQ(again.find("audit_entries_committed")->as_integer(), 0);
    EXPECT_EQ(again.find("audit_entries_dropped")->as_integer(), 0);
}

TEST_F(AuditTrailTest, ReadingNeedsViewAuditAndPagesNewestFirst) {
    for (int i = 0; i < 5; ++i) {
        clock_.advance_ms(1000);
        trail_.record(admin_, {"category.update", "category", "00000000000000000000000e", "x"},
                      [](const std::string &, AuditSubject &) {});
    }
    Session auditor = client_session();
    auditor.role = Role::staff;
    EXPECT_EQ(code_of([&] { log_.list(auditor, Value::object()); }), ErrorCode::forbidden);
    EXPECT_EQ(code_of([&] { log_.list(client_session(), Value::object()); }), ErrorCode::forbidden);
    auditor.permissions.add(Permission::view_audit);
    Value query = Value::object();
    query.set("limit", 2);
    std::vector<std::string> seen;
    for (;;) {
        Value page = log_.list(auditor, query);
        for (const auto &item : page.find("items")->as_array()) {
            seen.push_back(item.find("at")->as_string());
        }
        if (page.find("next_cursor")->is_null()) {
            break;
        }
        query.set("cursor", page.find("next_cursor")->as_string());
    }
    ASSERT_EQ(seen.size(), 5U);
    EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend()));
    EXPECT_EQ(code_of([&] { log_.list(admin_, Value::object().set("actor_id", "nope")); }),
              ErrorCode::invalid_argument);
    EXPECT_EQ(code_of([&] { log_.list(admin_, Value::object().set("cursor", "!!")); }),
              ErrorCode::invalid_argument);
    EXPECT_EQ(code_of([&] { log_.list(admin_, Value::object().set("sort", "at")); }),
              ErrorCode::invalid_argument);
}

TEST(ChangeSummary, ListsFieldsWithShortValues) {
    Value body = Value::object();
    body.set("name", "Pen").set("price", 19.99).set("stock", 3).set("in_stock", false);
    body.set("description", std::string(500, 'x'));
    std::string text = describe_fields("changed", body);
    EXPECT_EQ(text.rfind("changed: name='Pen', price=19.99, stock=3, in_stock=false, ", 0), 0U);
    EXPECT_LT(text.size(), 200U);
    EXPECT_EQ(describe_fields("deleted", Value::object()), "deleted");
}

TEST(RoleChange, ValidatesRoleAndPermissions) {
    auto field_of = [](Value body) {
        std::string field;
        code_of([&] { parse_role_change(body); }, &field);
        return field;
    };
    Value staff = Value::object().set("role", "staff");
    RoleChange parsed =
        parse_role_change(Value::object()
                              .set("role", "staff")
                              .set("permissions", Value::Array{"view_audit", "manage_catalog"}));
    EXPECT_EQ(parsed.role, Role::staff);
    EXPECT_TRUE(parsed.permissions.has(Permission::view_audit));
    EXPECT_FALSE(parsed.permissions.has(Permission::manage_users));
    EXPECT_EQ(parsed.permissions.names(),
              (std::vector<std::string>{"manage_catalog", "view_audit"}));
    EXPECT_EQ(field_of(Value::object()), "role");
    EXPECT_EQ(field_of(Value::object().set("role", "root")), "role");
    EXPECT_EQ(
        field_of(
            Value::object().set("role", "client").set("permissions", Value::Array{"view_audit"})),
        "permissions");
    EXPECT_EQ(field_of(Value::object().set("role", "staff").set("permissions", "view_audit")),
              "permissions");
    EXPECT_EQ(field_of(Value::object()
                           .set("role", "staff")
                           .set("permissions", Value::Array{"view_audit", "view_audit"})),
              "permissions");
    EXPECT_EQ(field_of(Value::object().set("role", "staff").set("permissions", Value::Array{5})),
              "permissions");
    EXPECT_EQ(field_of(Value::object().set("role", "staff").set("is_active", true)), "is_active");
    EXPECT_EQ(describe_role(Role::staff, parsed.permissions), "staff [manage_catalog, view_audit]");
    EXPECT_EQ(describe_role(Role::admin, {}), "admin");
}

}  // namespace
}  // namespace libstore::testing
