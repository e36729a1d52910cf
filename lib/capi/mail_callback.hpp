// The C caller's store_mail_fn as the core's MailHook: each message serialised to JSON text.
#pragma once

#include "core/ports/mail_hook.hpp"
#include "libstore/engine.h"

namespace libstore::capi {

class CallbackMailHook final : public MailHook {
  public:
    CallbackMailHook(store_mail_fn callback, void *user_data)
        : callback_(callback), user_data_(user_data) {}
    void send(const Value &message) override;

  private:
    store_mail_fn callback_;
    void *user_data_;
};

}  // namespace libstore::capi
