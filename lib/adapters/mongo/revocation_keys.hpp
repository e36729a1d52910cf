// How revoked_tokens names what it revokes: a token by its id (jti), a whole login by its
// family. Token ids are hex, so a family's key never equals one.
#pragma once

#include <string>

namespace libstore::mongo {

inline std::string family_revocation_key(const std::string &family_id) {
    return "family:" + family_id;
}

}  // namespace libstore::mongo
