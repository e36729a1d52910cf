"""Schemathesis hooks (loaded through SCHEMATHESIS_HOOKS by test_schemathesis.py): every test
case is sent with the token of an account registered for it alone.

The operations run this way end the caller's own token or account (POST /auth/logout,
DELETE /users/me, PATCH /users/me with a new password); a token shared between cases would
answer 401 from the first success on, and the success paths would go untested.
"""

import itertools
import os

import requests
import schemathesis

BASE_URL = os.environ["LIBSTORE_SCHEMATHESIS_BASE_URL"]
PASSWORD = "fresh-password-123"
_numbers = itertools.count(1)


def _post(path, body):
    response = requests.post(BASE_URL + path, json=body, timeout=30)
    if response.status_code not in (200, 201):
        raise RuntimeError("%s answered %d: %s" % (path, response.status_code, response.text))
    return response.json()


# refresh_interval=None: no caching, get() runs for every case.
@schemathesis.auth(refresh_interval=None)
class FreshAccount:
    def get(self, case, context):
        username = "fresh_%d" % next(_numbers)
        _post("/auth/register", {"username": username, "email": username + "@example.com",
                                 "password": PASSWORD})
        return _post("/auth/login", {"username": username, "password": PASSWORD})["access_token"]

    def set(self, case, token, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = "Bearer " + token
