"""The README's production commands (gunicorn for Flask, uvicorn workers for FastAPI) serve the
shop: every worker process opens its own Store after the fork, they share the token secret, so
a token made by one worker is good at every other, and the processes stop cleanly."""

import pytest

from conftest import USER_PASSWORD, register
from hosts import GunicornHost, UvicornWorkersHost


@pytest.mark.parametrize("server", [GunicornHost, UvicornWorkersHost], ids=lambda s: s.name)
def test_production_server_serves_across_workers(test_database, server):
    test_database.reset()
    host = server(test_database)
    try:
        client = host.client()
        assert client.get("/health").status == 200
        register(client, "ada")
        login = client.post("/auth/login", {"username": "ada", "password": USER_PASSWORD})
        assert login.status == 200, login
        ada = client.with_token(login.json["access_token"])
        # A new connection per request: the kernel spreads them over the workers.
        for _ in range(20):
            response = ada.get("/users/me")
            assert response.status == 200, response
            assert response.json["username"] == "ada"
        assert client.get("/products").status == 200
    finally:
        host.stop()
