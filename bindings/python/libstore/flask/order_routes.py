"""Orders: /orders/* of API.md."""

import flask

from libstore.flask.auth import require_session
from libstore.flask.http_errors import json_body
from libstore.flask.query_args import query_args


def register(blueprint, store):
    @blueprint.post("/orders")
    def place_order():
        session = require_session(store)
        key = flask.request.headers.get("Idempotency-Key")
        order, created = session.place_order(key, return_created=True)
        return flask.jsonify(order), 201 if created else 200

    @blueprint.get("/orders")
    def list_orders():
        session = require_session(store)
        return flask.jsonify(session.orders(query_args()))

    @blueprint.get("/orders/<order_id>")
    def get_order(order_id):
        return flask.jsonify(require_session(store).get_order(order_id))

    @blueprint.get("/orders/<order_id>/status")
    def get_order_status(order_id):
        return flask.jsonify(require_session(store).order_status(order_id))

    @blueprint.patch("/orders/<order_id>/status")
    def set_order_status(order_id):
        session = require_session(store)
        return flask.jsonify(session.set_order_status(order_id, json_body()))

    @blueprint.post("/orders/<order_id>/cancel")
    def cancel_order(order_id):
        return flask.jsonify(require_session(store).cancel_order(order_id))
