"""The catalog: /categories and /products of API.md.

Reads are public (a token, when sent, lets an admin see hidden products); writes need an
admin's token. Query strings go to the library as strings; it parses and validates them.
"""

import flask

from libstore.flask.auth import optional_session, require_session
from libstore.flask.http_errors import json_body
from libstore.flask.query_args import query_args


def _no_content():
    return flask.Response(status=204)


def register(blueprint, store):
    @blueprint.get("/categories")
    def list_categories():
        return flask.jsonify(store.list_categories(query_args()))

    @blueprint.get("/categories/<category_id>")
    def get_category(category_id):
        return flask.jsonify(store.get_category(category_id))

    @blueprint.post("/categories")
    def create_category():
        session = require_session(store)
        return flask.jsonify(session.create_category(json_body())), 201

    @blueprint.patch("/categories/<category_id>")
    def update_category(category_id):
        session = require_session(store)
        return flask.jsonify(session.update_category(category_id, json_body()))

    @blueprint.delete("/categories/<category_id>")
    def delete_category(category_id):
        require_session(store).delete_category(category_id)
        return _no_content()

    @blueprint.get("/products")
    def list_products():
        query = query_args()
        return flask.jsonify(store.list_products(query, session=optional_session(store)))

    @blueprint.get("/products/<product_id>")
    def get_product(product_id):
        return flask.jsonify(store.get_product(product_id, session=optional_session(store)))

    @blueprint.post("/products")
    def create_product():
        session = require_session(store)
        return flask.jsonify(session.create_product(json_body())), 201

    @blueprint.patch("/products/<product_id>")
    def update_product(product_id):
        session = require_session(store)
        return flask.jsonify(session.update_product(product_id, json_body()))

    @blueprint.delete("/products/<product_id>")
    def delete_product(product_id):
        require_session(store).delete_product(product_id)
        return _no_content()
