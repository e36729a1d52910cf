#include "core/cart/guest_carts.hpp"

#include "core/cart/guest_cart_token.hpp"
#include "core/error.hpp"
#include "core/validation/object_reader.hpp"
#include "core/vouchers/cart_pricing.hpp"

namespace libstore {

namespace {

// The cart token of a body field: a string of a cart token's shape.
std::string body_cart_token(const Value &token) {
    if (!token.is_string() || !is_cart_token(token.as_string())) {
        throw_invalid("cart_token", "cart_token must be a cart token from POST /carts");
    }
    return token.as_string();
}

}  // namespace

Value GuestCarts::create() {
    Value cart = priced_cart_value(Cart{}, {}, std::nullopt, 0);  // the shape of every cart
    Value created = Value::object();
    created.set("cart_token", tokens_.generate()).set("cart", std::move(cart));
    return created;
}

Session GuestCarts::open_session(const std::string &cart_token) {
    if (!is_cart_token(cart_token)) {
        throw_unauthenticated("invalid cart token");
    }
    Session session;
    session.guest_cart_key = guest_cart_key(tokens_, cart_token);
    return session;
}

Value GuestCarts::merge(const Session &session, const std::string &cart_token) {
    if (!is_cart_token(cart_token)) {
        throw_invalid("cart_token", "cart_token must be a cart token from POST /carts");
    }
    return merge_.merge(session, guest_cart_key(tokens_, cart_token));
}

Value GuestCarts::merge_body(const Session &session, const Value &body) {
    ObjectReader reader(body, {"cart_token"});
    const Value *token = reader.get("cart_token");
    if (token == nullptr) {
        throw_invalid("cart_token", "cart_token is required");
    }
    return merge(session, body_cart_token(*token));
}

Value GuestCarts::login(const Value &body) {
    if (!body.is_object() || body.find("cart_token") == nullptr) {
        return accounts_.login(body);
    }
    const Value *token = body.find("cart_token");
    std::optional<std::string> cart_token;
    if (!token->is_null()) {
        cart_token = body_cart_token(*token);
    }
    Value credentials = Value::object();
    for (const auto &[field, value] : body.as_object()) {
        if (field != "cart_token") {
            credentials.set(field, value);
        }
    }
    Value answer = accounts_.login(credentials);
    if (cart_token) {
        try {
            Session user = accounts_.open_session(answer.find("access_token")->as_string());
            merge(user, *cart_token);
        } catch (const Error &) {
            // The login stands: the guest cart stays for a later POST /cart/merge.
        }
    }
    return answer;
}

}  // namespace libstore
