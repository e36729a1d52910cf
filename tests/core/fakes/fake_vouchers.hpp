// An in-memory fake of the voucher port, with the same contract as the MongoDB adapter: every
// count moves only with its order's mark, the per-user tally refuses at its limit.
#pragma once

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/ports/voucher_repository.hpp"

namespace libstore::testing {

class FakeVoucherRepository final : public VoucherRepository {
  public:
    struct Counter {
        std::int64_t count = 0;
        std::set<std::string> redeemed_by;
        std::set<std::string> returned_to;
    };

    std::string insert(const Voucher &voucher, const std::string &) override {
        for (const auto &[id, existing] : vouchers_) {
            if (existing.code_key == voucher.code_key)
                throw_conflict("code", "a voucher with this code already exists");
        }
        char id[25];
        std::snprintf(id, sizeof id, "%024x", 0x100000u + ++next_id_);
        Voucher stored = voucher;
        stored.id = id;
        stored.uses = 0;
        vouchers_[stored.id] = stored;
        return stored.id;
    }
    std::optional<Voucher> find(const std::string &id) override {
        auto it = vouchers_.find(id);
        if (it == vouchers_.end())
            return std::nullopt;
        Voucher found = it->second;
        found.uses = counters_[id].count;
        return found;
    }
    std::optional<Voucher> find_by_code(const std::string &code_key) override {
        for (const auto &[id, voucher] : vouchers_) {
            if (voucher.code_key == code_key)
                return find(id);
        }
        return std::nullopt;
    }
    std::optional<Voucher> update(const Voucher &changed, const std::string &) override {
        auto it = vouchers_.find(changed.id);
        if (it == vouchers_.end())
            return std::nullopt;
        if (changed.max_uses && counters_[changed.id].count > *changed.max_uses)
            return std::nullopt;
        for (const auto &[id, existing] : vouchers_) {
            if (id != changed.id && existing.code_key == changed.code_key)
                throw_conflict("code", "a voucher with this code already exists");
        }
        Voucher stored = changed;
        stored.created_at_ms = it->second.created_at_ms;
        it->second = stored;
        return find(changed.id);
    }
    bool remove(const std::string &id) override { return vouchers_.erase(id) > 0; }
    std::vector<Voucher> list(const VoucherQuery &query, std::int64_t fetch_limit) override {
        std::vector<Voucher> all;
        for (const auto &[id, voucher] : vouchers_)
            all.push_back(*find(id));
        std::sort(all.begin(), all.end(), [](const Voucher &a, const Voucher &b) {
            return a.created_at_ms != b.created_at_ms ? a.created_at_ms > b.created_at_ms
                                                      : a.id > b.id;
        });
        std::vector<Voucher> page;
        for (const auto &voucher : all) {
            if (query.before &&
                (voucher.created_at_ms > query.before->at_ms ||
                 (voucher.created_at_ms == query.before->at_ms && voucher.id >= query.before->id)))
                continue;
            if (static_cast<std::int64_t>(page.size()) == fetch_limit)
                break;
            page.push_back(voucher);
        }
        return page;
    }
    std::int64_t user_uses(const std::string &voucher_id, const std::string &user_id) override {
        return tallies_[{voucher_id, user_id}].count;
    }
    std::optional<Voucher> redeem(UnitOfWork &, const std::string &voucher_id,
                                  const RedemptionCheck &check,
                                  const std::string &order_id) override {
        auto voucher = find(voucher_id);
        if (!voucher ||
            voucher_refusal(*voucher, check.subtotal_cents, check.now_ms) != VoucherRefusal::none)
            return std::nullopt;
        Counter &counter = counters_[voucher_id];
        if (!counter.redeemed_by.insert(order_id).second)
            return std::nullopt;
        ++counter.count;
        return find(voucher_id);
    }
    bool count_user_use(UnitOfWork &, const std::string &voucher_id, const std::string &user_id,
                        const std::optional<std::int64_t> &max_per_user,
                        const std::string &order_id) override {
        Counter &tally = tallies_[{voucher_id, user_id}];
        if ((max_per_user && tally.count >= *max_per_user) || tally.redeemed_by.count(order_id))
            return false;
        tally.redeemed_by.insert(order_id);
        ++tally.count;
        return true;
    }
    void undo_redeem(UnitOfWork &, const std::string &voucher_id, const std::string &user_id,
                     const std::string &order_id) override {
        for (Counter *counter : counters_of(voucher_id, user_id)) {
            if (counter->redeemed_by.erase(order_id))
                --counter->count;
        }
    }
    void give_back(UnitOfWork &, const std::string &voucher_id, const std::string &user_id,
                   const std::string &order_id) override {
        for (Counter *counter : counters_of(voucher_id, user_id)) {
            if (counter->returned_to.insert(order_id).second)
                --counter->count;
        }
    }
    void clear_marks(UnitOfWork &, const std::string &voucher_id, const std::string &user_id,
                     const std::string &order_id, VoucherMark kind) override {
        for (Counter *counter : counters_of(voucher_id, user_id)) {
            (kind == VoucherMark::redeemed ? counter->redeemed_by : counter->returned_to)
                .erase(order_id);
        }
    }
    std::vector<VoucherMarkRecord> marks(VoucherMark kind) override {
        std::vector<VoucherMarkRecord> records;
        auto of = [&](const Counter &counter) -> const std::set<std::string> & {
            return kind == VoucherMark::redeemed ? counter.redeemed_by : counter.returned_to;
        };
        for (const auto &[id, counter] : counters_) {
            for (const auto &order : of(counter))
                records.push_back(VoucherMarkRecord{order, id, std::nullopt});
        }
        for (const auto &[key, tally] : tallies_) {
            for (const auto &order : of(tally))
                records.push_back(VoucherMarkRecord{order, key.first, key.second});
        }
        return records;
    }

    // Every mark left on the voucher and the tallies, for tests that check none are left.
    std::size_t mark_count() {
        return marks(VoucherMark::redeemed).size() + marks(VoucherMark::returned).size();
    }

  private:
    std::vector<Counter *> counters_of(const std::string &voucher_id, const std::string &user_id) {
        std::vector<Counter *> counters{&counters_[voucher_id]};
        if (!user_id.empty())
            counters.push_back(&tallies_[{voucher_id, user_id}]);
        return counters;
    }

    std::map<std::string, Voucher> vouchers_;
    std::map<std::string, Counter> counters_;  // the voucher's uses and marks
    std::map<std::pair<std::string, std::string>, Counter> tallies_;
    unsigned next_id_ = 0;
};

}  // namespace libstore::testing
