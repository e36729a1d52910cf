"""The route table of API.md: one entry per (method, path), each a handler over a Store.

A handler takes the Store and a :class:`~libstore.http.messages.Request` and returns a
:class:`~libstore.http.messages.Reply`; it only translates — parse, call one Store method, wrap
the result. Errors are raised as ``StoreError`` and mapped by :class:`~libstore.http.HttpHost`.
Paths use ``{name}`` for their parameters, as OpenAPI and Starlette do.
"""

from collections import namedtuple

from libstore.errors import UnavailableError
from libstore.http import caching, openapi_document
from libstore.http.bearer import optional_session, require_cart_session, require_session
from libstore.http.messages import Reply, accepted, created, no_content, ok
from libstore.http.request_parsing import MAX_IMAGE_BYTES, json_object, query_dict

Route = namedtuple("Route", "method path handler cacheable")
Route.__doc__ = """One operation: ``cacheable`` marks the public reads that get an ETag."""

ROUTES = []

# The order in which Allow and Access-Control-Allow-Methods list a path's methods.
METHOD_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _route(method, path, cacheable=False):
    def register(handler):
        ROUTES.append(Route(method, path, handler, cacheable))
        return handler

    return register


def methods_by_path():
    """``{path: [methods in METHOD_ORDER]}`` over the whole table."""
    table = {}
    for route in ROUTES:
        table.setdefault(route.path, set()).add(route.method)
    return {path: [m for m in METHOD_ORDER if m in methods] for path, methods in table.items()}


# Health and the contract itself

@_route("GET", "/health")
def health(store, request):
    try:
        store.ping()
    except UnavailableError:
        return Reply(503, {"status": "unavailable", "database": "unreachable"})
    return ok({"status": "ok", "database": "connected"})


@_route("GET", "/openapi.json")
def openapi(store, request):
    return Reply(200, openapi_document.document_bytes())


# Accounts

@_route("POST", "/auth/register")
def register_user(store, request):
    return created(store.register(json_object(request)))


@_route("POST", "/auth/login")
def login(store, request):
    return ok(store.login(json_object(request)))


@_route("POST", "/auth/logout")
def logout(store, request):
    require_session(store, request).logout()
    return no_content()


@_route("GET", "/users/me")
def me(store, request):
    return ok(require_session(store, request).me())


@_route("PATCH", "/users/me")
def update_me(store, request):
    session = require_session(store, request)
    return ok(session.update_me(json_object(request)))


@_route("DELETE", "/users/me")
def delete_me(store, request):
    require_session(store, request).delete_me()
    return no_content()


@_route("GET", "/users")
def list_users(store, request):
    session = require_session(store, request)
    return ok(session.list_users(query_dict(request)))


@_route("POST", "/users/{user_id}/deactivate")
def deactivate_user(store, request):
    session = require_session(store, request)
    return ok(session.deactivate_user(request.path_params["user_id"]))


@_route("POST", "/users/{user_id}/activate")
def activate_user(store, request):
    session = require_session(store, request)
    return ok(session.activate_user(request.path_params["user_id"]))


# Tokens: refresh, password reset, email verification

@_route("POST", "/auth/refresh")
def refresh_tokens(store, request):
    return ok(store.refresh(json_object(request)))


@_route("POST", "/auth/password-reset")
def request_password_reset(store, request):
    store.request_password_reset(json_object(request))
    return accepted()


@_route("POST", "/auth/password-reset/confirm")
def confirm_password_reset(store, request):
    store.reset_password(json_object(request))
    return no_content()


@_route("POST", "/users/me/email-verification")
def request_email_verification(store, request):
    require_session(store, request).request_email_verification()
    return accepted()


@_route("POST", "/auth/verify-email")
def verify_email(store, request):
    return ok(store.verify_email(json_object(request)))


@_route("PUT", "/users/{user_id}/role")
def set_user_role(store, request):
    session = require_session(store, request)
    return ok(session.set_user_role(request.path_params["user_id"], json_object(request)))


@_route("GET", "/audit")
def list_audit(store, request):
    return ok(require_session(store, request).audit(query_dict(request)))


@_route("GET", "/events")
def list_events(store, request):
    return ok(require_session(store, request).events(query_dict(request)))


# Catalog: reads are public (a token lets an admin see hidden products), writes are admins'

@_route("GET", "/categories", cacheable=True)
def list_categories(store, request):
    return ok(store.list_categories(query_dict(request)))


@_route("GET", "/categories/{category_id}", cacheable=True)
def get_category(store, request):
    return ok(store.get_category(request.path_params["category_id"]))


@_route("POST", "/categories")
def create_category(store, request):
    session = require_session(store, request)
    return created(session.create_category(json_object(request)))


@_route("PATCH", "/categories/{category_id}")
def update_category(store, request):
    session = require_session(store, request)
    return ok(session.update_category(request.path_params["category_id"], json_object(request)))


@_route("DELETE", "/categories/{category_id}")
def delete_category(store, request):
    require_session(store, request).delete_category(request.path_params["category_id"])
    return no_content()


@_route("GET", "/products", cacheable=True)
def list_products(store, request):
    query = query_dict(request)
    return ok(store.list_products(query, session=optional_session(store, request)))


# Before /products/{product_id}, so that a router trying routes in order serves it. Public and
# the same for everybody (no session is read), like the category list.
@_route("GET", "/products/facets", cacheable=True)
def product_facets(store, request):
    return ok(store.product_facets(query_dict(request)))


@_route("GET", "/products/{product_id}", cacheable=True)
def get_product(store, request):
    session = optional_session(store, request)
    return ok(store.get_product(request.path_params["product_id"], session=session))


@_route("POST", "/products")
def create_product(store, request):
    session = require_session(store, request)
    return created(session.create_product(json_object(request)))


@_route("PATCH", "/products/{product_id}")
def update_product(store, request):
    session = require_session(store, request)
    return ok(session.update_product(request.path_params["product_id"], json_object(request)))


@_route("DELETE", "/products/{product_id}")
def delete_product(store, request):
    require_session(store, request).delete_product(request.path_params["product_id"])
    return no_content()


@_route("POST", "/products/{product_id}/variants")
def create_variant(store, request):
    session = require_session(store, request)
    return created(session.create_variant(request.path_params["product_id"], json_object(request)))


@_route("PATCH", "/products/{product_id}/variants/{variant_id}")
def update_variant(store, request):
    session = require_session(store, request)
    params = request.path_params
    return ok(session.update_variant(params["product_id"], params["variant_id"],
                                     json_object(request)))


@_route("DELETE", "/products/{product_id}/variants/{variant_id}")
def delete_variant(store, request):
    params = request.path_params
    require_session(store, request).delete_variant(params["product_id"], params["variant_id"])
    return no_content()


# Product images: the body and the answer of GET are the image itself

# Images never change (a new upload is a new id), so any copy may be kept for a day.
IMAGE_CACHE_CONTROL = "public, max-age=86400, immutable"


@_route("POST", "/products/{product_id}/images")
def add_product_image(store, request):
    session = require_session(store, request)
    data = request.read_body(MAX_IMAGE_BYTES)
    content_type = request.header("Content-Type") or ""
    return created(session.add_product_image(request.path_params["product_id"], data,
                                             content_type))


@_route("DELETE", "/products/{product_id}/images/{image_id}")
def delete_product_image(store, request):
    session = require_session(store, request)
    session.delete_product_image(request.path_params["product_id"],
                                 request.path_params["image_id"])
    return no_content()


@_route("GET", "/images/{image_id}")
def get_image(store, request):
    image = store.get_image(request.path_params["image_id"])
    tag = '"%s"' % image["sha256"]
    headers = {"ETag": tag, "Cache-Control": IMAGE_CACHE_CONTROL}
    if_none_match = request.header("If-None-Match")
    if if_none_match is not None and caching.matches(if_none_match, tag):
        return Reply(304, headers=headers)
    return Reply(200, image["data"], headers=headers, content_type=image["content_type"])


# Cart

@_route("GET", "/cart")
def view_cart(store, request):
    return ok(require_cart_session(store, request).cart())


@_route("POST", "/cart/items")
def add_cart_item(store, request):
    session = require_cart_session(store, request)
    return ok(session.add_to_cart(json_object(request)))


@_route("PUT", "/cart/items/{product_id}")
def set_cart_quantity(store, request):
    session = require_cart_session(store, request)
    body = json_object(request)
    return ok(session.set_cart_quantity(request.path_params["product_id"], body,
                                        variant_id=query_dict(request).get("variant_id")))


@_route("DELETE", "/cart/items/{product_id}")
def remove_cart_item(store, request):
    session = require_cart_session(store, request)
    return ok(session.remove_from_cart(request.path_params["product_id"],
                                       query_dict(request).get("variant_id")))


@_route("DELETE", "/cart")
def clear_cart(store, request):
    return ok(require_cart_session(store, request).clear_cart())


@_route("POST", "/cart/prune")
def prune_cart(store, request):
    return ok(require_cart_session(store, request).prune_cart())


# Guest carts (the cart routes above also take X-Cart-Token)

@_route("POST", "/carts")
def create_guest_cart(store, request):
    return created(store.create_guest_cart())


@_route("POST", "/cart/merge")
def merge_cart(store, request):
    session = require_session(store, request)
    return ok(session.merge_cart(json_object(request)))


@_route("PUT", "/cart/voucher")
def set_cart_voucher(store, request):
    session = require_cart_session(store, request)
    return ok(session.apply_voucher(json_object(request)))


@_route("DELETE", "/cart/voucher")
def remove_cart_voucher(store, request):
    return ok(require_cart_session(store, request).remove_voucher())


# Vouchers (catalog managers)

@_route("GET", "/vouchers")
def list_vouchers(store, request):
    return ok(require_session(store, request).list_vouchers(query_dict(request)))


@_route("POST", "/vouchers")
def create_voucher(store, request):
    session = require_session(store, request)
    return created(session.create_voucher(json_object(request)))


@_route("GET", "/vouchers/{voucher_id}")
def get_voucher(store, request):
    return ok(require_session(store, request).get_voucher(request.path_params["voucher_id"]))


@_route("PATCH", "/vouchers/{voucher_id}")
def update_voucher(store, request):
    session = require_session(store, request)
    return ok(session.update_voucher(request.path_params["voucher_id"], json_object(request)))


@_route("DELETE", "/vouchers/{voucher_id}")
def delete_voucher(store, request):
    require_session(store, request).delete_voucher(request.path_params["voucher_id"])
    return no_content()


# Webhooks (admins)

@_route("GET", "/webhooks")
def list_webhooks(store, request):
    return ok(require_session(store, request).list_webhooks(query_dict(request)))


@_route("POST", "/webhooks")
def create_webhook(store, request):
    session = require_session(store, request)
    return created(session.create_webhook(json_object(request)))


@_route("GET", "/webhooks/{webhook_id}")
def get_webhook(store, request):
    return ok(require_session(store, request).get_webhook(request.path_params["webhook_id"]))


@_route("PATCH", "/webhooks/{webhook_id}")
def update_webhook(store, request):
    session = require_session(store, request)
    return ok(session.update_webhook(request.path_params["webhook_id"], json_object(request)))


@_route("DELETE", "/webhooks/{webhook_id}")
def delete_webhook(store, request):
    require_session(store, request).delete_webhook(request.path_params["webhook_id"])
    return no_content()


@_route("GET", "/webhooks/{webhook_id}/deliveries")
def list_webhook_deliveries(store, request):
    session = require_session(store, request)
    return ok(session.webhook_deliveries(request.path_params["webhook_id"], query_dict(request)))


# Orders

@_route("POST", "/orders")
def place_order(store, request):
    session = require_session(store, request)
    key = request.header("Idempotency-Key")
    order, was_created = session.place_order(key, return_created=True)
    return Reply(201 if was_created else 200, order)


@_route("GET", "/orders")
def list_orders(store, request):
    session = require_session(store, request)
    return ok(session.orders(query_dict(request)))


@_route("GET", "/orders/{order_id}")
def get_order(store, request):
    return ok(require_session(store, request).get_order(request.path_params["order_id"]))


@_route("GET", "/orders/{order_id}/status")
def get_order_status(store, request):
    session = require_session(store, request)
    return ok(session.order_status(request.path_params["order_id"]))


@_route("GET", "/orders/{order_id}/events")
def get_order_events(store, request):
    session = require_session(store, request)
    return ok(session.order_events(request.path_params["order_id"]))


@_route("PATCH", "/orders/{order_id}/status")
def set_order_status(store, request):
    session = require_session(store, request)
    return ok(session.set_order_status(request.path_params["order_id"], json_object(request)))


@_route("POST", "/orders/{order_id}/cancel")
def cancel_order(store, request):
    session = require_session(store, request)
    return ok(session.cancel_order(request.path_params["order_id"]))
