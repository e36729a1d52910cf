"""libstore.flask and libstore.fastapi mounted inside a user's own app, and the settings they
take. (The HTTP suite in tests/http runs the ready-made example hosts over real HTTP; here the
pieces a user composes: a blueprint under a prefix, a router included in an existing app.)"""

import hashlib
import http.client
import json
import socket
import threading
import time

import fastapi
import flask
import pytest
import uvicorn

from libstore.fastapi import create_router
from libstore.flask import create_blueprint
from libstore.http import ROUTES, HostSettings
from libstore.http.environment import settings_from_environ

ADMIN = {"username": "owner", "email": "owner@example.com", "password": "owner-password-1"}


def seed_product(store):
    store.create_admin(ADMIN)
    token = store.login(username=ADMIN["username"], password=ADMIN["password"])["access_token"]
    return store.session(token).create_product(name="Lamp", price=12.5, stock=4)


def test_flask_blueprint_under_a_prefix_in_a_users_app(store):
    product = seed_product(store)
    app = flask.Flask("users_own_app")

    @app.get("/")
    def home():
        return "the user's page"

    app.register_blueprint(create_blueprint(store, url_prefix="/shop",
                                            allowed_origins=["https://shop.example"],
                                            cache_max_age=120))
    client = app.test_client()
    assert client.get("/").data == b"the user's page"
    response = client.get("/shop/products/" + product["id"],
                          headers={"Origin": "https://shop.example"})
    assert response.status_code == 200
    assert response.get_json()["name"] == "Lamp"
    assert response.headers["ETag"] == '"%s"' % hashlib.sha256(response.data).hexdigest()
    assert response.headers["Cache-Control"] == "public, max-age=120"
    assert response.headers["Access-Control-Allow-Origin"] == "https://shop.example"
    again = client.get("/shop/products/" + product["id"],
                       headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    missing = client.get("/shop/products/" + "0" * 24)
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"
    assert missing.headers["Cache-Control"] == "no-store"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """An ASGI app served by uvicorn in a thread of this process, on a free loopback port."""

    def __init__(self, app):
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            payload = None if body is None else json.dumps(body).encode()
            connection.request(method, path, body=payload, headers=headers or {})
            reply = connection.getresponse()
            return reply.status, reply.headers, reply.read()
        finally:
            connection.close()


def test_fastapi_router_included_in_a_users_app(store):
    product = seed_product(store)
    app = fastapi.FastAPI()

    @app.get("/")
    def home():
        return {"page": "the user's"}

    app.include_router(create_router(store, prefix="/shop", cache_max_age=5))
    with Served(app) as served:
        assert served.request("GET", "/")[0] == 200
        status, headers, body = served.request("GET", "/shop/products/" + product["id"])
        assert status == 200 and json.loads(body)["name"] == "Lamp"
        assert headers["ETag"] == '"%s"' % hashlib.sha256(body).hexdigest()
        assert headers["Cache-Control"] == "public, max-age=5"
        assert "Access-Control-Allow-Origin" not in headers  # CORS is off unless asked for
        status, _, body = served.request("POST", "/shop/auth/register",
                                         {"username": "ada", "password": "short"})
        assert status == 400
        error = json.loads(body)["error"]
        assert error["code"] == "invalid_argument" and error["field"] in ("email", "password")
        status, headers, _ = served.request("OPTIONS", "/shop/products/" + product["id"])
        assert status == 204 and headers["Allow"] == "GET, PATCH, DELETE"


def test_fastapi_router_runs_handlers_in_worker_threads(store):
    """Synchronous endpoints: the event loop's thread never runs a store call."""
    loop_threads = set()
    app = fastapi.FastAPI()

    @app.get("/loop")
    async def loop_thread():
        loop_threads.add(threading.get_ident())
        return {}

    original = store.ping
    store_threads = set()

    class Recording:
        def __getattr__(self, name):
            return getattr(store, name)

        def ping(self):
            store_threads.add(threading.get_ident())
            original()

    app.include_router(create_router(Recording()))
    with Served(app) as served:
        assert served.request("GET", "/loop")[0] == 200
        assert served.request("GET", "/health")[0] == 200
    assert store_threads and loop_threads and not store_threads & loop_threads


def test_every_route_is_served_by_both_adapters(store):
    flask_app = flask.Flask("routes")
    flask_app.register_blueprint(create_blueprint(store))
    flask_routes = {(method, rule.rule.replace("<", "{").replace(">", "}"))
                    for rule in flask_app.url_map.iter_rules() if rule.endpoint != "static"
                    for method in rule.methods - {"HEAD", "OPTIONS"}}
    router = create_router(store)
    fastapi_routes = {(method, route.path) for route in router.routes
                      for method in route.methods - {"HEAD", "OPTIONS"}}
    table = {(route.method, route.path) for route in ROUTES}
    assert flask_routes == table
    assert fastapi_routes == table


def test_host_settings_refuse_what_they_cannot_mean():
    assert HostSettings("https://a.example, ,https://b.example").allowed_origins == (
        "https://a.example", "https://b.example")
    assert HostSettings().allowed_origins == () and HostSettings().cache_max_age == 30
    for bad in (-1, 31536001, "30", 1.5, True):
        with pytest.raises(ValueError, match="cache_max_age"):
            HostSettings(cache_max_age=bad)
    assert HostSettings.from_environ({"LIBSTORE_CACHE_MAX_AGE": "0"}).cache_max_age == 0
    for bad in ("-5", "ten", "1e3", "99999999999", "", " 30", "\u0663"):
        with pytest.raises(SystemExit, match="LIBSTORE_CACHE_MAX_AGE"):
            settings_from_environ({"LIBSTORE_CACHE_MAX_AGE": bad})

