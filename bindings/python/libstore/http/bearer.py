"""The caller of a request, from its ``Authorization: Bearer <token>`` header."""

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
