// In-memory fakes of the token ports, with the MongoDB adapters' contracts (spend returns the
// record as it was; consume uses a token up once), plus a mail hook that keeps what it is sent.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/ports/mail_hook.hpp"
#include "core/ports/one_time_token_repository.hpp"
#include "core/ports/opaque_tokens.hpp"
#include "core/ports/refresh_token_repository.hpp"
#include "fakes/fake_accounts.hpp"

namespace libstore::testing {

class FakeRefreshTokenRepository final : public RefreshTokenRepository {
  public:
    // Family revocations are FakeRevokedTokenRepository's, kept in the user fake.
    explicit FakeRefreshTokenRepository(FakeUserRepository &users) : users_(users) {}
    void insert(const RefreshToken &token) override { tokens[token.digest] = token; }
    std::optional<RefreshTokenLookup> find(const std::string &digest) override {
        auto it = tokens.find(digest);
        if (it == tokens.end()) {
            return std::nullopt;
        }
        return RefreshTokenLookup{it->second,
                                  users_.revoked_families.count(it->second.family_id) > 0};
    }
    bool spend(const std::string &digest) override {
        auto it = tokens.find(digest);
        if (it == tokens.end() || it->second.spent) {
            return false;
        }
        it->second.spent = true;
        return true;
    }
    void remove_family(const std::string &family_id) override {
        for (auto it = tokens.begin(); it != tokens.end();) {
            it = it->second.family_id == family_id ? tokens.erase(it) : std::next(it);
        }
    }

    std::map<std::string, RefreshToken> tokens;  // by digest

  private:
    FakeUserRepository &users_;
};

class FakeOneTimeTokenRepository final : public OneTimeTokenRepository {
  public:
    void insert(const OneTimeToken &token) override { tokens[token.digest] = {token, false}; }
    std::optional<OneTimeToken> consume(const std::string &digest, OneTimeTokenKind kind) override {
        auto it = tokens.find(digest);
        if (it == tokens.end() || it->second.used || it->second.token.kind != kind) {
            return std::nullopt;
        }
        it->second.used = true;
        return it->second.token;
    }
    void remove_for_user(const std::string &user_id, OneTimeTokenKind kind) override {
        for (auto it = tokens.begin(); it != tokens.end();) {
            bool match = it->second.token.user_id == user_id && it->second.token.kind == kind;
            it = match ? tokens.erase(it) : std::next(it);
        }
    }

    struct Stored {
        OneTimeToken token;
        bool used;
    };
    std::map<std::string, Stored> tokens;  // by digest
};

// Predictable tokens ("token-1", "token-2", ...) and a reversible digest, counting the work.
class FakeOpaqueTokens final : public OpaqueTokens {
  public:
    std::string generate() override {
        ++generated;
        return "token-" + std::to_string(generated);
    }
    std::string digest(const std::string &token) override {
        ++digests;
        return "digest:" + token;
    }

    int generated = 0;
    int digests = 0;
};

class RecordingMailHook final : public MailHook {
  public:
    void send(const Value &message) override { messages.push_back(message); }

    std::vector<Value> messages;
};

}  // namespace libstore::testing
