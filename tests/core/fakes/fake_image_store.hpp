// In-memory ImageStore: files by id in id order, each stamped with the fake clock's time.
#pragma once

#include <cstdio>
#include <map>

#include "core/ports/clock.hpp"
#include "core/ports/image_store.hpp"

namespace libstore::testing {

class FakeImageStore final : public ImageStore {
  public:
    explicit FakeImageStore(Clock &clock) : clock_(clock) {}

    std::string put(const ImageFile &file, std::string_view data) override {
        char id[25];
        std::snprintf(id, sizeof id, "%024x", 0x1000 + ++next_id_);
        StoredImage stored{file, std::string(data)};
        stored.file.id = id;
        stored.file.bytes = static_cast<std::int64_t>(data.size());
        stored.file.uploaded_at_ms = clock_.now_ms();
        files[id] = stored;
        return id;
    }

    std::optional<StoredImage> get(const std::string &id) override {
        auto it = files.find(id);
        return it == files.end() ? std::nullopt : std::optional<StoredImage>(it->second);
    }

    bool remove(const std::string &id) override {
        if (fail_removals) {
            throw Error(ErrorCode::unavailable, "", "image store unreachable");
        }
        return files.erase(id) > 0;
    }

    std::vector<std::string> uploaded_before(std::int64_t before_ms, const std::string &after_id,
                                             std::int64_t limit) override {
        std::vector<std::string> ids;
        for (const auto &[id, stored] : files) {
            if (id > after_id && stored.file.uploaded_at_ms < before_ms &&
                static_cast<std::int64_t>(ids.size()) < limit) {
                ids.push_back(id);
            }
        }
        return ids;
    }

    std::map<std::string, StoredImage> files;
    bool fail_removals = false;

  private:
    Clock &clock_;
    unsigned next_id_ = 0;
};

}  // namespace libstore::testing
