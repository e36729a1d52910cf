// The X-Libstore-Signature header (API.md "Events and webhooks"): t=<unix seconds>,v1=<hex
// HMAC-SHA256(secret, "<t>.<body>")>. The key is the secret exactly as shown at creation
// ("whsec_..."), so a receiver needs no decoding step; the timestamp lets it refuse replays.
#pragma once

#include <cstdint>
#include <string>

#include "core/ports/message_signer.hpp"

namespace libstore {

std::string webhook_signature(MessageSigner &signer, const std::string &secret,
                              std::int64_t unix_seconds, const std::string &body);

}  // namespace libstore
