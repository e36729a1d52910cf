"""HTTP caching of the public catalog reads: a strong ETag over the body's bytes, a public
lifetime, and ``304 Not Modified`` for a client that already holds the current answer.
Every other answer is ``no-store``: it is personal, or it changes the shop."""

import hashlib

from libstore.http.cors import add_vary

NO_STORE = "no-store"


def entity_tag(body):
    """The strong tag of a body: its SHA-256, hex, quoted."""
    return '"%s"' % hashlib.sha256(body).hexdigest()


def is_cacheable(route, request, status):
    return (route is not None and route.cacheable and request.method == "GET"
            and request.header("Authorization") is None and status == 200)


def matches(if_none_match, tag):
    """Whether an If-None-Match value names ``tag`` (weak comparison, RFC 9110 §13.1.2)."""
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*":
            return True
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate == tag:
            return True
    return False


def cache_public(request, headers, body, max_age):
    """Adds the public caching headers; True when the client's copy is current (answer 304)."""
    tag = entity_tag(body)
    headers["ETag"] = tag
    headers["Cache-Control"] = "public, max-age=%d" % max_age
    add_vary(headers, "Authorization")
    if_none_match = request.header("If-None-Match")
    return if_none_match is not None and matches(if_none_match, tag)
