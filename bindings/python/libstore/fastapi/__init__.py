"""Serve libstore's HTTP API (``shared/API.md``) from FastAPI.

    from libstore.fastapi import create_app
    app = create_app(store)            # run with: uvicorn --no-proxy-headers module:app
    # or, inside an existing app:
    app.include_router(create_router(store))

Every route of :mod:`libstore.http.routes` becomes a synchronous endpoint, which FastAPI runs in
its thread pool; libstore releases the GIL around database and hashing work, so requests really
run in parallel. The answers (status, headers, JSON bytes, CORS and caching) come from
:class:`libstore.http.HttpHost`, so this host answers exactly as the Flask and C hosts do.

Run uvicorn with ``proxy_headers=False`` (``--no-proxy-headers``): the library reads
X-Forwarded-For itself, believing it only from the store's ``trusted_proxies`` (the per-address
rate limits, :mod:`libstore.http.rate_limits`); uvicorn's default handling would replace the peer
address with the header's for requests from 127.0.0.1 before the library sees them.

The contract is documented by ``GET /openapi.json`` (the repository's hand-kept document), not
by FastAPI's generated schema: the endpoints take the raw request, since the library itself
validates every field and names the one at fault.
"""

import anyio.from_thread
import fastapi
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from libstore.http import HttpHost, Request
from libstore.http.request_parsing import MAX_BODY_BYTES, body_too_large


async def _read_limited(request, limit):
    declared = request.headers.get("Content-Length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise body_too_large(limit)
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise body_too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _request(request):
    def read_body(limit=MAX_BODY_BYTES):
        # Endpoints run in a worker thread; the body arrives on the event loop.
        return anyio.from_thread.run(_read_limited, request, limit)

    client = request.client
    return Request(request.method, path_params=request.path_params,
                   query=request.query_params.multi_items(), headers=request.headers,
                   read_body=read_body, client_address=client.host if client else None)


def _response(reply):
    headers = dict(reply.headers)
    if reply.body is None:
        return Response(status_code=reply.status, headers=headers)
    return Response(reply.body_bytes(), status_code=reply.status, headers=headers,
                    media_type=reply.content_type)


def _endpoint(host, path, routes):
    by_method = {route.method: route for route in routes}

    def endpoint(request: fastapi.Request):
        if request.method == "OPTIONS":
            return _response(host.options(path, _request(request)))
        # HEAD is served by the GET handler; the server sends no body.
        method = "GET" if request.method == "HEAD" else request.method
        return _response(host.handle(by_method[method], _request(request)))

    endpoint.__name__ = "_".join(route.handler.__name__ for route in routes)
    return endpoint


def create_router(store, *, prefix="", allowed_origins=(), cache_max_age=None, settings=None):
    """An APIRouter serving the whole API over ``store``.

    ``allowed_origins`` (origins, or ``"*"``) turns CORS on; ``cache_max_age`` (seconds,
    default 30) is how long public catalog reads may be cached; or pass a
    :class:`libstore.http.HostSettings` as ``settings``. Errors the router's own routes raise
    are answered with the API's error body; :func:`create_app` also answers unknown URLs and
    wrong methods that way.
    """
    host = HttpHost(store, allowed_origins=allowed_origins, cache_max_age=cache_max_age,
                    settings=settings)
    router = fastapi.APIRouter(prefix=prefix, redirect_slashes=False)
    # One route per path, dispatching on the method, so that a wrong method's 405 lists all
    # of the path's methods (Starlette's would name only the first route's).
    for path, methods in host.methods_by_path.items():
        routes = [route for route in host.routes if route.path == path]
        head = ["HEAD"] if "GET" in methods else []
        router.add_api_route(path, _endpoint(host, path, routes),
                             methods=methods + head + ["OPTIONS"], include_in_schema=False)
    router.libstore_host = host
    return router


def create_app(store, **options):
    """A FastAPI app serving the API over ``store``; ``options`` are those of
    :func:`create_router`. FastAPI's generated schema and docs pages are off: the contract is
    ``GET /openapi.json``."""
    router = create_router(store, **options)
    host = router.libstore_host
    app = fastapi.FastAPI(openapi_url=None, docs_url=None, redoc_url=None,
                          redirect_slashes=False)
    app.include_router(router)

    @app.exception_handler(HTTPException)
    def http_error(request, error):
        allowed = None
        if error.status_code == 405:
            allowed = [m.strip() for m in (error.headers or {}).get("Allow", "").split(",")]
        reply = host.framework_error(_request(request), error.status_code, str(error.detail),
                                     allowed)
        return _response(reply)

    return app


__all__ = ["create_app", "create_router"]
