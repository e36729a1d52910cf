"""Accounts: /auth/* and /users/* of API.md."""

import flask

from libstore.flask.auth import require_session
from libstore.flask.http_errors import json_body
from libstore.flask.query_args import query_args


def _no_content():
    return flask.Response(status=204)


def register(blueprint, store):
    @blueprint.post("/auth/register")
    def register_user():
        return flask.jsonify(store.register(json_body())), 201

    @blueprint.post("/auth/login")
    def login():
        return flask.jsonify(store.login(json_body()))

    @blueprint.post("/auth/logout")
    def logout():
        require_session(store).logout()
        return _no_content()

    @blueprint.get("/users/me")
    def me():
        return flask.jsonify(require_session(store).me())

    @blueprint.patch("/users/me")
    def update_me():
        session = require_session(store)
        return flask.jsonify(session.update_me(json_body()))

    @blueprint.delete("/users/me")
    def delete_me():
        require_session(store).delete_me()
        return _no_content()

    @blueprint.get("/users")
    def list_users():
        session = require_session(store)
        return flask.jsonify(session.list_users(query_args()))

    @blueprint.post("/users/<user_id>/deactivate")
    def deactivate_user(user_id):
        return flask.jsonify(require_session(store).deactivate_user(user_id))

    @blueprint.post("/users/<user_id>/activate")
    def activate_user(user_id):
        return flask.jsonify(require_session(store).activate_user(user_id))
