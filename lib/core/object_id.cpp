#include "core/object_id.hpp"

#include "core/error.hpp"

namespace libstore {

bool is_object_id(std::string_view text) {
    if (text.size() != 24) {
        return false;
    }
    // Lower case only: ids are compared as text (cart lines, echoed category ids), so a second
    // spelling of one ObjectId would name the same document under a different id.
    for (char c : text) {
        bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        if (!hex) {
            return false;
        }
    }
    return true;
}

void require_object_id(std::string_view text, const std::string &what) {
    if (!is_object_id(text)) {
        throw_not_found(what + " not found");
    }
}

}  // namespace libstore
