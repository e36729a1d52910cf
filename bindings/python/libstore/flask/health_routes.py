"""GET /health: is the database reachable?"""

import flask

from libstore.errors import UnavailableError


def register(blueprint, store):
    @blueprint.get("/health")
    def health():
        try:
            store.ping()
        except UnavailableError:
            return flask.jsonify({"status": "unavailable", "database": "unreachable"}), 503
        return flask.jsonify({"status": "ok", "database": "connected"})
