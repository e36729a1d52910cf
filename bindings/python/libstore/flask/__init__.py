"""Serve libstore's HTTP API (``shared/API.md``) from Flask.

    from libstore.flask import create_app
    app = create_app(store)           # a ready Flask app
    # or, inside an existing app:
    app.register_blueprint(create_blueprint(store))

The routes only translate: parse the request, call one Store method, map the result or the
``StoreError`` to a status code. Every rule lives in the library.
"""

import flask

from libstore.flask import (
    accounts_routes,
    cart_routes,
    catalog_routes,
    health_routes,
    order_routes,
)
from libstore.flask.http_errors import MAX_BODY_BYTES, register_error_handlers

_ROUTE_MODULES = (health_routes, accounts_routes, catalog_routes, cart_routes, order_routes)


def create_blueprint(store, *, name="libstore", url_prefix=None):
    """A blueprint serving the whole API over ``store``.

    It also installs app-wide JSON error handlers, so unknown URLs, wrong methods and oversized
    bodies answer with the API's error body rather than HTML.
    """
    blueprint = flask.Blueprint(name, __name__, url_prefix=url_prefix)
    register_error_handlers(blueprint)
    for module in _ROUTE_MODULES:
        module.register(blueprint, store)
    return blueprint


def create_app(store, *, import_name="libstore_shop"):
    """A Flask app serving the API over ``store``, with request bodies capped at 1 MiB."""
    app = flask.Flask(import_name)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.json.sort_keys = False
    app.json.ensure_ascii = False  # UTF-8 bodies, as the C host sends them
    # A path with "//" is not a route: answer 404 like every host, not a redirect.
    app.url_map.merge_slashes = False
    app.register_blueprint(create_blueprint(store))
    return app


__all__ = ["create_app", "create_blueprint", "MAX_BODY_BYTES"]
