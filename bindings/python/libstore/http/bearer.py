"""The caller of a request, from its ``Authorization: Bearer <token>`` header (or, on cart
routes, its ``X-Cart-Token`` header)."""

from libstore.errors import UnauthenticatedError


def bearer_token(request):
    """The request's access token, or None when there is no Authorization header."""
    header = request.header("Authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise UnauthenticatedError("Authorization header must be 'Bearer <access_token>'")
    return token


def require_session(store, request):
    """A Session for the request's token; UnauthenticatedError (401) when there is none."""
    token = bearer_token(request)
    if token is None:
        raise UnauthenticatedError("authentication required: send 'Authorization: Bearer <token>'")
    return store.session(token)


def optional_session(store, request):
    """A Session when the request carries a token, else None (anonymous)."""
    token = bearer_token(request)
    return None if token is None else store.session(token)


def require_cart_session(store, request):
    """The caller of a cart route: the bearer token's user when there is an Authorization header
    (it wins over X-Cart-Token), else the guest of ``X-Cart-Token``; 401 when neither is there."""
    if request.header("Authorization") is not None:
        return require_session(store, request)
    cart_token = request.header("X-Cart-Token")
    if cart_token is None:
        raise UnauthenticatedError("authentication required: send 'Authorization: Bearer "
                                   "<token>' or 'X-Cart-Token: <cart_token>'")
    return store.guest_session(cart_token)
