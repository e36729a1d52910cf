// An in-memory AuditRepository. Target documents are not modelled: a test says which marks a
// target carries (`marks`) and which targets exist (`existing_targets`) when it needs recovery.
#pragma once

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

#include "core/ports/audit_repository.hpp"

namespace libstore::testing {

class FakeAuditRepository final : public AuditRepository {
  public:
    struct Stored {
        AuditEntry entry;
        bool pending = true;
    };

    std::string begin(const AuditEntry &entry) override {
        char id[25];
        std::snprintf(id, sizeof id, "%024x", 0xa0000 + ++next_id_);
        Stored stored{entry, true};
        stored.entry.id = id;
        entries[id] = stored;
        return id;
    }
    void commit(const AuditEntry &entry) override {
        auto &stored = entries.at(entry.id);
        stored.entry.target_id = entry.target_id;
        stored.entry.summary = entry.summary;
        stored.pending = false;
        marks.erase(entry.id);
    }
    void drop(const AuditEntry &entry) override {
        auto it = entries.find(entry.id);
        if (it != entries.end() && it->second.pending) {
            entries.erase(it);
        }
        marks.erase(entry.id);
    }
    std::vector<AuditEntry> stale_pending(std::int64_t before_ms) override {
        std::vector<AuditEntry> found;
        for (const auto &[id, stored] : entries) {
            if (stored.pending && stored.entry.at_ms <= before_ms) {
                found.push_back(stored.entry);
            }
        }
        return found;
    }
    std::optional<std::string> marked_target(const AuditEntry &entry) override {
        auto it = marks.find(entry.id);
        return it == marks.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    bool target_exists(const AuditEntry &entry) override {
        return existing_targets.count(entry.target_id) > 0;
    }
    std::vector<AuditEntry> list(const AuditQuery &query, std::int64_t limit) override {
        std::vector<AuditEntry> found;
        for (const auto &[id, stored] : entries) {
            const AuditEntry &entry = stored.entry;
            if (stored.pending || (query.actor_id && entry.actor_id != *query.actor_id) ||
                (query.action && entry.action != *query.action) ||
                (query.target_id && entry.target_id != *query.target_id)) {
                continue;
            }
            if (query.before_at_ms &&
                (entry.at_ms > *query.before_at_ms ||
                 (entry.at_ms == *query.before_at_ms && entry.id >= *query.before_id))) {
                continue;
            }
            found.push_back(entry);
        }
        std::sort(found.begin(), found.end(), [](const AuditEntry &a, const AuditEntry &b) {
            return a.at_ms != b.at_ms ? a.at_ms > b.at_ms : a.id > b.id;
        });
        if (static_cast<std::int64_t>(found.size()) > limit) {
            found.resize(static_cast<std::size_t>(limit));
        }
        return found;
    }

    // Committed entries, oldest first.
    std::vector<AuditEntry> committed() const {
        std::vector<AuditEntry> found;
        for (const auto &[id, stored] : entries) {
            if (!stored.pending) {
                found.push_back(stored.entry);
            }
        }
        return found;
    }

    std::map<std::string, Stored> entries;
    std::map<std::string, std::string> marks;  // entry id -> id of the target carrying it
    std::set<std::string> existing_targets;

  private:
    unsigned next_id_ = 0;
};

}  // namespace libstore::testing
