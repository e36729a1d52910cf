"""Cart: /cart and /cart/items/* of API.md."""

import flask

from libstore.flask.auth import require_session
from libstore.flask.http_errors import json_body


def register(blueprint, store):
    @blueprint.get("/cart")
    def view_cart():
        return flask.jsonify(require_session(store).cart())

    @blueprint.post("/cart/items")
    def add_cart_item():
        session = require_session(store)
        return flask.jsonify(session.add_to_cart(json_body()))

    @blueprint.put("/cart/items/<product_id>")
    def set_cart_quantity(product_id):
        session = require_session(store)
        return flask.jsonify(session.set_cart_quantity(product_id, json_body()))

    @blueprint.delete("/cart/items/<product_id>")
    def remove_cart_item(product_id):
        return flask.jsonify(require_session(store).remove_from_cart(product_id))

    @blueprint.delete("/cart")
    def clear_cart():
        return flask.jsonify(require_session(store).clear_cart())
