#include "capi/mail_callback.hpp"

#include "adapters/json/json_codec.hpp"

namespace libstore::capi {

void CallbackMailHook::send(const Value &message) {
    // The port must not throw: a message that cannot even be serialised (out of memory) is
    // dropped like one the host failed to deliver.
    std::string text;
    try {
        text = json::serialize(message);
    } catch (...) {
        return;
    }
    callback_(user_data_, text.c_str());
}

}  // namespace libstore::capi
