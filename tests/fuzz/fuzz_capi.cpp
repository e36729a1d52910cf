// The public C ABI with a store whose database is unreachable (127.0.0.1:9, 5 ms selection
// timeout): the first byte picks an entry point that takes JSON, an id or a token, the rest is
// "<first argument>\n<second argument>". Every call must return a status with a filled, clean
// store_error_t and NULL out-parameters — invalid input is STORE_EINVAL / ETOOLARGE /
// ENOTFOUND / EUNAUTHENTICATED before any database work, and whatever passes validation meets
// the dead database and is STORE_EUNAVAILABLE. Never STORE_EINTERNAL, never a crash.
#include <libstore/store.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "adapters/crypto/jwt_token_signer.hpp"
#include "fuzz_support.hpp"

namespace {

namespace fuzz = libstore::fuzz;

const char kSecret[] = "capi-fuzz-secret-0123456789abcdef0123456789";

struct Harness {
    store_t *store = nullptr;
    store_session_t *client = nullptr;
    store_session_t *admin = nullptr;

    Harness() {
        store_options_t options = STORE_OPTIONS_INIT;
        options.uri = "mongodb://127.0.0.1:9/?connectTimeoutMS=5";
        options.database = "fuzz";
        options.token_secret = kSecret;
        options.password_cost = STORE_PASSWORD_COST_MINIMUM;
        options.server_selection_timeout_ms = 5;
        store_error_t error;
        fuzz::check(store_open(&store, &options, &error) == STORE_OK, "store_open", error.message);
        client = session_for("client");
        admin = session_for("admin");
    }

    // A session from a token the store's own key signed (no database needed to open one).
    store_session_t *session_for(const char *role) {
        libstore::crypto::JwtTokenSigner signer(kSecret);
        libstore::TokenClaims claims;
        claims.subject = "0123456789abcdef01234567";
        claims.role = role;
        claims.issued_at = 1'700'000'000;
        claims.expires_at = 4'000'000'000;
        claims.token_id = "fuzz";
        std::string token = signer.sign(claims);
        store_session_t *session = nullptr;
        store_error_t error;
        fuzz::check(store_session_open(&session, store, token.c_str(), &error) == STORE_OK,
                    "store_session_open", error.message);
        return session;
    }
};

Harness &harness() {
    static Harness instance;
    return instance;
}

bool terminated(const char *text, std::size_t size) {
    return std::memchr(text, '\0', size) != nullptr;
}

// The contract of every call: a known status, mirrored and explained in `error`, no internal
// error, nothing returned on failure, clean strings.
void check_call(const char *name, store_status_t status, const store_error_t &error,
                const void *out, unsigned allowed_mask) {
    fuzz::check(status != STORE_EINTERNAL, name, std::string("STORE_EINTERNAL: ") + error.message);
    fuzz::check(status >= STORE_OK && status <= STORE_EINTERNAL, name, "unknown status");
    fuzz::check(
        ((1u << status) & allowed_mask) != 0, name,
        std::string("unexpected status ") + store_status_name(status) + ": " + error.message);
    fuzz::check(error.code == status, name, "error.code differs from the status");
    fuzz::check(terminated(error.field, sizeof error.field), name, "field not terminated");
    fuzz::check(terminated(error.message, sizeof error.message), name, "message not terminated");
    fuzz::check(libstore::is_clean_utf8(error.field) && libstore::is_clean_utf8(error.message),
                name, "error text is not clean UTF-8");
    if (status != STORE_OK) {
        fuzz::check(out == nullptr, name, "out-parameter set on failure");
        fuzz::check(error.message[0] != '\0', name, "failure without a message");
    }
}

constexpr unsigned bit(store_status_t status) {
    return 1u << status;
}

constexpr unsigned kInputErrors = bit(STORE_EINVAL) | bit(STORE_ETOOLARGE);
constexpr unsigned kDatabase = bit(STORE_EUNAVAILABLE);
// Selector values; new calls go at the end, so the seeds keep their meaning.
constexpr unsigned kCalls = 52;  // 43-44: the outbox's; 45-51: webhooks
constexpr unsigned kVoucherOutcomes =
    kInputErrors | bit(STORE_ENOTFOUND) | bit(STORE_ECONFLICT) | bit(STORE_EFORBIDDEN) | kDatabase;
constexpr unsigned kWebhookOutcomes =
    kInputErrors | bit(STORE_ENOTFOUND) | bit(STORE_EFORBIDDEN) | kDatabase;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    Harness &h = harness();
    auto input = fuzz::split_input(data, size);
    auto newline = input.text.find('\n');
    std::string first = input.text.substr(0, newline);
    std::string second = newline == std::string::npos ? "" : input.text.substr(newline + 1);
    const char *a = first.c_str();
    const char *b = second.c_str();
    store_error_t error;
    std::memset(&error, 0x5a, sizeof error);  // the library must overwrite all of it
    char *out = reinterpret_cast<char *>(0x1);
    store_status_t status;
    const char *name;
    unsigned allowed;

    switch (input.selector % kCalls) {
        case 0:
            name = "store_register";
            status = store_register(&out, h.store, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 1:
            name = "store_login";
            status = store_login(&out, h.store, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 2: {
            name = "store_session_open";
            store_session_t *session = reinterpret_cast<store_session_t *>(0x1);
            status = store_session_open(&session, h.store, a, &error);
            // Only a token the store signed opens a session; the fuzzer has no such token.
            allowed = bit(STORE_EUNAUTHENTICATED) | bit(STORE_EINVAL);
            check_call(name, status, error, session, allowed);
            store_session_free(status == STORE_OK ? session : nullptr);
            return 0;
        }
        case 3:
            name = "store_categories_list";
            status = store_categories_list(&out, h.store, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 4:
            name = "store_category_get";
            status = store_category_get(&out, h.store, a, &error);
            allowed = bit(STORE_ENOTFOUND) | kDatabase;
            break;
        case 5:
            name = "store_products_list";
            status = store_products_list(&out, h.store, nullptr, a, &error);
            allowed = kInputErrors | bit(STORE_EUNAUTHENTICATED) | kDatabase;
            break;
        case 6:
            name = "store_product_get";
            status = store_product_get(&out, h.store, nullptr, a, &error);
            allowed = bit(STORE_ENOTFOUND) | kDatabase;
            break;
        case 7:
            name = "store_session_update_me";
            status = store_session_update_me(&out, h.client, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 8:
            name = "store_cart_add_item";
            status = store_cart_add_item(&out, h.client, a, &error);
            allowed = kInputErrors | bit(STORE_ENOTFOUND) | kDatabase;
            break;
        case 9:
            name = "store_cart_set_quantity";
            status = store_cart_set_quantity(&out, h.client, a, b, &error);
            allowed = kInputErrors | bit(STORE_ENOTFOUND) | kDatabase;
            break;
        case 10:
            name = "store_cart_remove_item";
            status = store_cart_remove_item(&out, h.client, a, &error);
            allowed = bit(STORE_ENOTFOUND) | kDatabase;
            break;
        case 11: {
            name = "store_order_place";
            int created = -1;
            status =
                store_order_place(&out, &created, h.client, first.empty() ? nullptr : a, &error);
            allowed = bit(STORE_EINVAL) | kDatabase;
            fuzz::check(created == -1 || status == STORE_OK, name, "out_created set on failure");
            break;
        }
        // The calls below re-check the caller's account before their input rules: with the
        // database down, only what the JSON codec refuses comes before STORE_EUNAVAILABLE.
        case 12:
            name = "store_product_create";
            status = store_product_create(&out, h.admin, a, &error);
            allowed = kInputErrors | bit(STORE_ECONFLICT) | kDatabase;
            break;
        case 13:
            name = "store_product_update";
            status = store_product_update(&out, h.admin, a, b, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 14:
            name = "store_category_create";
            status = store_category_create(&out, h.admin, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 15:
            name = "store_category_update";
            status = store_category_update(&out, h.admin, a, b, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 16:
            name = "store_users_list";
            status = store_users_list(&out, h.admin, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 17:
            name = "store_orders_list";
            status = store_orders_list(&out, h.client, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 18:
            name = "store_order_set_status";
            status = store_order_set_status(&out, h.admin, a, b, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 19:
            name = "store_user_set_role";
            status = store_user_set_role(&out, h.admin, a, b, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 20:
            name = "store_audit_list";
            status = store_audit_list(&out, h.admin, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        // Tokens: the bodies are checked before the database is asked about the token.
        case 21:
            name = "store_refresh";
            status = store_refresh(&out, h.store, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 22:
            name = "store_password_reset_request";
            out = nullptr;
            status = store_password_reset_request(h.store, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 23:
            name = "store_password_reset_confirm";
            out = nullptr;
            status = store_password_reset_confirm(h.store, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 24:
            name = "store_verify_email";
            status = store_verify_email(&out, h.store, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 25:
            name = "store_session_request_email_verification";
            out = nullptr;
            status = store_session_request_email_verification(h.client, &error);
            allowed = kDatabase;
            break;
        case 27:  // after the NULL-argument default (26), so the seeds keep their meaning
            name = "store_products_facets";
            status = store_products_facets(&out, h.store, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        // Variants: a product (or variant) id on the first line, JSON on the second.
        case 28:
            name = "store_product_variant_create";
            status = store_product_variant_create(&out, h.admin, a, b, &error);
            allowed = kInputErrors | bit(STORE_ENOTFOUND) | bit(STORE_ECONFLICT) | kDatabase;
            break;
        case 29:
            name = "store_product_variant_update";
            status = store_product_variant_update(&out, h.admin, "0123456789abcdef01234567", a, b,
                                                  &error);
            allowed = kInputErrors | bit(STORE_ENOTFOUND) | bit(STORE_ECONFLICT) | kDatabase;
            break;
        case 30:
            name = "store_cart_set_variant_quantity";
            status = store_cart_set_variant_quantity(&out, h.client, "0123456789abcdef01234567", a,
                                                     b, &error);
            allowed = kInputErrors | bit(STORE_ENOTFOUND) | kDatabase;
            break;
        case 31:
            name = "store_cart_remove_variant";
            status =
                store_cart_remove_variant(&out, h.client, "0123456789abcdef01234567", a, &error);
            allowed = kInputErrors | bit(STORE_ENOTFOUND) | kDatabase;
            break;
        // Guest carts: a cart token, or a merge of one, on the first line.
        case 32: {
            name = "store_guest_session_open";
            store_session_t *guest = reinterpret_cast<store_session_t *>(0x1);
            status = store_guest_session_open(&guest, h.store, a, &error);
            // Opening needs no database: a token of the right shape opens a guest session.
            check_call(name, status, error, guest, bit(STORE_OK) | bit(STORE_EUNAUTHENTICATED));
            if (status == STORE_OK) {
                status = store_cart_add_item(&out, guest, b, &error);
                check_call("store_cart_add_item (guest)", status, error, out,
                           kInputErrors | bit(STORE_ENOTFOUND) | kDatabase);
                store_free(out);
                store_session_free(guest);
            }
            return 0;
        }
        case 33:
            name = "store_cart_merge";
            status = store_cart_merge(&out, h.client, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 34:
            name = "store_cart_merge_json";
            status = store_cart_merge_json(&out, h.client, a, &error);
            allowed = kInputErrors | kDatabase;
            break;
        case 35: {
            // Any session call but the cart's refuses a guest before the database.
            name = "store_session_me (guest)";
            store_session_t *guest = nullptr;
            store_error_t open_error;
            fuzz::check(store_guest_session_open(&guest, h.store,
                                                 "ccccccccccccccccccccccccccccccccccccccccccc",
                                                 &open_error) == STORE_OK,
                        "store_guest_session_open", open_error.message);
            status = store_session_me(&out, guest, &error);
            store_session_free(guest);
            allowed = bit(STORE_EUNAUTHENTICATED);
            break;
        }
        // Vouchers: an id on the first line, JSON (or a code) on the second.
        case 36:
            name = "store_voucher_create";
            status = store_voucher_create(&out, h.admin, a, &error);
            allowed = kVoucherOutcomes;
            break;
        case 37:
            name = "store_voucher_list";
            status = store_voucher_list(&out, h.admin, a, &error);
            allowed = kVoucherOutcomes;
            break;
        case 38:
            name = "store_voucher_get";
            status = store_voucher_get(&out, h.admin, a, &error);
            allowed = kVoucherOutcomes;
            break;
        case 39:
            name = "store_voucher_update";
            status = store_voucher_update(&out, h.admin, a, b, &error);
            allowed = kVoucherOutcomes;
            break;
        case 40:
            name = "store_voucher_delete";
            out = nullptr;
            status = store_voucher_delete(h.admin, a, &error);
            allowed = kVoucherOutcomes;
            break;
        case 41:
            name = "store_cart_set_voucher";
            status = store_cart_set_voucher(&out, h.client, a, &error);
            allowed = kVoucherOutcomes;
            break;
        case 42:
            name = "store_cart_set_voucher_json";
            status = store_cart_set_voucher_json(&out, h.client, a, &error);
            allowed = kVoucherOutcomes;
            break;
        // Webhooks: an id on the first line, JSON on the second (or JSON alone on the first).
        case 45:
            name = "store_webhook_create";
            status = store_webhook_create(&out, h.admin, a, &error);
            allowed = kWebhookOutcomes;
            break;
        case 46:
            name = "store_webhooks_list";
            status = store_webhooks_list(&out, h.admin, a, &error);
            allowed = kWebhookOutcomes;
            break;
        case 47:
            name = "store_webhook_get";
            status = store_webhook_get(&out, h.admin, a, &error);
            allowed = kWebhookOutcomes;
            break;
        case 48:
            name = "store_webhook_update";
            status = store_webhook_update(&out, h.admin, a, b, &error);
            allowed = kWebhookOutcomes;
            break;
        case 49:
            name = "store_webhook_delete";
            out = nullptr;
            status = store_webhook_delete(h.admin, a, &error);
            allowed = kWebhookOutcomes;
            break;
        case 50:
            name = "store_webhook_deliveries";
            status = store_webhook_deliveries(&out, h.admin, a, b, &error);
            allowed = kWebhookOutcomes;
            break;
        case 51:
            name = "store_deliver";
            status = store_deliver(&out, h.store, &error);
            allowed = bit(STORE_OK) | kDatabase;
            break;
        default: {
            // NULL where the ABI forbids it is STORE_EINVAL, never a crash.
            name = "NULL arguments";
            switch (data[size > 1 ? 1 : 0] % 8) {
                case 0:
                    status = store_register(nullptr, h.store, a, &error);
                    break;
                case 1:
                    status = store_register(&out, nullptr, a, &error);
                    break;
                case 2:
                    status = store_cart_add_item(&out, nullptr, a, &error);
                    break;
                case 3:
                    status = store_cart_set_quantity(&out, h.client, nullptr, a, &error);
                    break;
                case 4:
                    status = store_category_get(&out, h.store, nullptr, &error);
                    break;
                case 5:
                    status = store_product_variant_delete(h.admin, "0123456789abcdef01234567",
                                                          nullptr, &error);
                    break;
                case 6:
                    status = store_migrate(&out, nullptr, &error);
                    break;
                default:
                    status = store_session_update_me(&out, h.client, nullptr, &error);
                    break;
            }
            if (out == reinterpret_cast<char *>(0x1)) {
                out = nullptr;  // not reset when out itself was NULL or came after the check
            }
            allowed = bit(STORE_EINVAL);
            break;
        }
    }
    check_call(name, status, error, out, allowed);
    // A call may fail without any error struct too.
    if (input.selector % kCalls == 0) {
        char *again = nullptr;
        store_status_t bare = store_register(&again, h.store, a, nullptr);
        fuzz::check(bare != STORE_EINTERNAL, "store_register without error struct");
        store_free(again);
    }
    store_free(out);
    return 0;
}
