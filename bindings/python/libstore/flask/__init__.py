"""Serve libstore's HTTP API (``shared/API.md``) from Flask.

    from libstore.flask import create_app
    app = create_app(store)           # a ready Flask app
    # or, inside an existing app:
    app.register_blueprint(create_blueprint(store))

Every route of :mod:`libstore.http.routes` becomes a view; the answers (status, headers, JSON
bytes, CORS and caching) come from :class:`libstore.http.HttpHost`, so this host answers
exactly as the FastAPI and C hosts do. Every rule lives in the library.
"""

import flask
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from libstore.http import HttpHost, Request
from libstore.http.request_parsing import LARGEST_BODY_BYTES, MAX_BODY_BYTES, body_too_large


def _flask_path(path):
    return path.replace("{", "<").replace("}", ">")


def _read_body(limit=MAX_BODY_BYTES):
    # The app caps every request at the largest route limit; each route's own limit is held
    # here, from Content-Length before reading and from the bytes read after.
    declared = flask.request.content_length
    if declared is not None and declared > limit:
        raise body_too_large(limit)
    try:
        data = flask.request.get_data(cache=True)
    except RequestEntityTooLarge:
        raise body_too_large(limit) from None
    if len(data) > limit:
        raise body_too_large(limit)
    return data


def _request(path_params):
    incoming = flask.request
    return Request(incoming.method, path_params=path_params,
                   query=incoming.args.items(multi=True), headers=incoming.headers,
                   read_body=_read_body, client_address=incoming.remote_addr)


def _response(reply):
    response = flask.Response(reply.body_bytes(), status=reply.status,
                              content_type=reply.content_type if reply.body is not None else None)
    if reply.body is None:
        response.headers.remove("Content-Type")
    for name, value in reply.headers.items():
        response.headers[name] = value
    return response


def _view(host, route):
    def view(**path_params):
        return _response(host.handle(route, _request(path_params)))

    view.__name__ = route.handler.__name__
    return view


def _options_view(host, path):
    def view(**path_params):
        return _response(host.options(path, _request(path_params)))

    return view


def create_blueprint(store, *, name="libstore", url_prefix=None, allowed_origins=(),
                     cache_max_age=None, settings=None):
    """A blueprint serving the whole API over ``store``.

    ``allowed_origins`` (origins, or ``"*"``) turns CORS on; ``cache_max_age`` (seconds,
    default 30) is how long public catalog reads may be cached; or pass a
    :class:`libstore.http.HostSettings` as ``settings``. The blueprint also installs app-wide
    error handlers, so unknown URLs, wrong methods and oversized bodies answer with the API's
    JSON error body rather than HTML.
    """
    host = HttpHost(store, allowed_origins=allowed_origins, cache_max_age=cache_max_age,
                    settings=settings)
    blueprint = flask.Blueprint(name, __name__, url_prefix=url_prefix)
    for route in host.routes:
        blueprint.add_url_rule(_flask_path(route.path), endpoint=route.handler.__name__,
                               view_func=_view(host, route), methods=[route.method],
                               provide_automatic_options=False)
    for number, path in enumerate(host.methods_by_path):
        blueprint.add_url_rule(_flask_path(path), endpoint="options_%d" % number,
                               view_func=_options_view(host, path), methods=["OPTIONS"],
                               provide_automatic_options=False)

    @blueprint.app_errorhandler(HTTPException)
    def http_error(error):
        allowed = error.valid_methods if error.code == 405 else None
        message = body_too_large(LARGEST_BODY_BYTES).message if error.code == 413 else (
            error.description)
        return _response(host.framework_error(_request({}), error.code, message, allowed))

    return blueprint


def create_app(store, *, import_name="libstore_shop", **options):
    """A Flask app serving the API over ``store``, with request bodies capped at 1 MiB (5 MiB
    for image uploads).

    ``options`` are those of :func:`create_blueprint`. An app of your own that registers the
    blueprint needs ``MAX_CONTENT_LENGTH`` of at least ``LARGEST_BODY_BYTES`` (or None) for
    image uploads; every route checks its own limit."""
    app = flask.Flask(import_name)
    app.config["MAX_CONTENT_LENGTH"] = LARGEST_BODY_BYTES
    # A path with "//" is not a route: answer 404 like every host, not a redirect.
    app.url_map.merge_slashes = False
    app.register_blueprint(create_blueprint(store, **options))
    return app


__all__ = ["create_app", "create_blueprint", "MAX_BODY_BYTES", "LARGEST_BODY_BYTES"]
