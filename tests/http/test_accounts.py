"""The Accounts and Administration sections of API.md over HTTP."""

import time

import pytest

from conftest import USER_PASSWORD, login, register
from hosts import ADMIN_PASSWORD, ADMIN_USERNAME, HOSTS
from database_server import TestDatabase

USER_FIELDS = {"id", "username", "email", "name", "phone", "address", "role", "permissions",
               "is_active", "email_verified", "created_at"}


def assert_error(response, status, code, field=None):
    assert response.status == status, response
    assert response.json["error"]["code"] == code, response
    assert set(response.json["error"]) == {"code", "message", "field"}
    if field is not None:
        assert response.json["error"]["field"] == field, response


def test_register_returns_201_and_a_user_without_secrets(client):
    response = client.post("/auth/register", {"username": "ada", "email": "ada@example.com",
                                               "password": USER_PASSWORD, "name": "Ada"})
    assert response.status == 201
    assert set(response.json) == USER_FIELDS
    assert response.json["role"] == "client"
    assert response.json["is_active"] is True
    assert b"password" not in response.body


@pytest.mark.parametrize("override, field", [
    ({"username": "x"}, "username"),
    ({"username": "has space"}, "username"),
    ({"email": "nope"}, "email"),
    ({"password": "1234567"}, "password"),
    ({"role": "admin"}, "role"),
    ({"is_active": False}, "is_active"),
    ({"_id": "0123456789abcdef01234567"}, "_id"),
    ({"password_hash": "x"}, "password_hash"),
    ({"username": {"$ne": None}}, "username"),
    ({"password": {"$gt": ""}}, "password"),
])
def test_register_validation_names_the_field(client, override, field):
    body = {"username": "ada", "email": "ada@example.com", "password": USER_PASSWORD}
    body.update(override)
    assert_error(client.post("/auth/register", body), 400, "invalid_argument", field)


@pytest.mark.parametrize("raw", [b"not json", b"[1, 2]", b"\"text\"", b"{\"a\": NaN}",
                                 b"\xff\xfe", b""])
def test_malformed_bodies_are_400(client, raw):
    assert_error(client.request("POST", "/auth/register", raw=raw), 400, "invalid_argument")


def test_oversized_body_is_413(client):
    raw = b"{\"username\": \"" + b"a" * (1024 * 1024 + 10) + b"\"}"
    assert_error(client.request("POST", "/auth/register", raw=raw), 413, "payload_too_large")


def test_duplicates_are_409_case_insensitively(client):
    register(client, "Ada")
    response = client.post("/auth/register", {"username": "aDa", "email": "new@example.com",
                                               "password": USER_PASSWORD})
    assert_error(response, 409, "conflict", "username")
    response = client.post("/auth/register", {"username": "new", "email": "ADA@EXAMPLE.COM",
                                               "password": USER_PASSWORD})
    assert_error(response, 409, "conflict", "email")


def test_login_returns_a_bearer_token(client):
    register(client, "ada")
    response = client.post("/auth/login", {"username": "ada", "password": USER_PASSWORD})
    assert response.status == 200
    assert response.json["token_type"] == "Bearer"
    assert response.json["expires_in"] == 900
    assert set(response.json) == {"access_token", "token_type", "expires_in", "refresh_token",
                                  "refresh_expires_in"}
    response = client.post("/auth/login", {"email": "ADA@example.com", "password": USER_PASSWORD})
    assert response.status == 200


def test_wrong_credentials_are_401_whether_or_not_the_user_exists(client):
    register(client, "ada")
    known = client.post("/auth/login", {"username": "ada", "password": "wrong-password"})
    unknown = client.post("/auth/login", {"username": "ghost", "password": "wrong-password"})
    assert_error(known, 401, "unauthenticated")
    assert_error(unknown, 401, "unauthenticated")
    assert known.json == unknown.json


def test_five_failures_give_429_with_retry_after(client):
    register(client, "ada")
    for _ in range(5):
        assert client.post("/auth/login", {"username": "ada", "password": "bad-pass"}).status == 401
    response = client.post("/auth/login", {"username": "ada", "password": USER_PASSWORD})
    assert_error(response, 429, "rate_limited")
    assert 0 < int(response.headers["Retry-After"]) <= 900


def test_me_requires_a_valid_bearer_token(client):
    assert_error(client.get("/users/me"), 401, "unauthenticated")
    assert_error(client.get("/users/me", headers={"Authorization": "Basic abc"}), 401,
                 "unauthenticated")
    assert_error(client.with_token("garbage").get("/users/me"), 401, "unauthenticated")


def test_profile_view_update_and_delete(client, user_factory):
    user, ada = user_factory("ada")
    response = ada.get("/users/me")
    assert response.status == 200 and response.json == user
    response = ada.patch("/users/me", {"name": "Ada L.", "address": "12 Analytical St"})
    assert response.status == 200
    assert response.json["name"] == "Ada L."
    assert_error(ada.patch("/users/me", {"role": "admin"}), 400, "invalid_argument", "role")
    assert ada.get("/users/me").json["role"] == "client"
    response = ada.delete("/users/me")
    assert response.status == 204 and response.body == b""
    assert_error(ada.get("/users/me"), 401, "unauthenticated")
    assert_error(client.post("/auth/login", {"username": "ada", "password": USER_PASSWORD}), 401,
                 "unauthenticated")


def test_password_change_ends_old_tokens(client, user_factory):
    _, ada = user_factory("ada")
    assert ada.patch("/users/me", {"password": "brand-new-pass"}).status == 200
    assert_error(ada.get("/users/me"), 401, "unauthenticated")
    assert login(client, "ada", "brand-new-pass").get("/users/me").status == 200


def test_logout_is_204_and_the_token_is_refused_afterwards(client, user_factory):
    _, ada = user_factory("ada")
    response = ada.post("/auth/logout")
    assert response.status == 204
    assert_error(ada.get("/users/me"), 401, "unauthenticated")
    assert_error(ada.post("/auth/logout"), 401, "unauthenticated")


def test_admin_lists_filters_and_paginates_users(admin, user_factory):
    for name in ("ann", "ben", "cat"):
        user_factory(name)
    response = admin.get("/users?role=client&limit=2")
    assert response.status == 200
    first = response.json
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = admin.get("/users?role=client&limit=2&cursor=" + first["next_cursor"]).json
    names = [u["username"] for u in first["items"] + second["items"]]
    assert sorted(names) == ["ann", "ben", "cat"]
    assert second["next_cursor"] is None
    assert [u["username"] for u in admin.get("/users?username=BEN").json["items"]] == ["ben"]
    assert admin.get("/users?is_active=false").json["items"] == []
    assert_error(admin.get("/users?limit=0"), 400, "invalid_argument", "limit")
    assert_error(admin.get("/users?limit=101"), 400, "invalid_argument", "limit")
    assert_error(admin.get("/users?colour=red"), 400, "invalid_argument", "colour")


def test_clients_cannot_administer(user_factory):
    other, _ = user_factory("ben")
    _, ada = user_factory("ada")
    assert_error(ada.get("/users"), 403, "forbidden")
    assert_error(ada.post("/users/%s/deactivate" % other["id"]), 403, "forbidden")


def test_deactivation_refuses_the_users_next_call_and_login(client, admin, user_factory):
    user, ada = user_factory("ada")
    response = admin.post("/users/%s/deactivate" % user["id"])
    assert response.status == 200 and response.json["is_active"] is False
    assert_error(ada.get("/users/me"), 403, "forbidden")
    assert_error(client.post("/auth/login", {"username": "ada", "password": USER_PASSWORD}), 403,
                 "forbidden")
    response = admin.post("/users/%s/activate" % user["id"])
    assert response.status == 200 and response.json["is_active"] is True
    assert_error(ada.get("/users/me"), 401, "unauthenticated")  # old tokens stay dead
    assert login(client, "ada", USER_PASSWORD).get("/users/me").status == 200


def test_admins_cannot_be_deactivated_and_bad_ids_are_404(admin):
    me = admin.get("/users/me").json
    assert_error(admin.post("/users/%s/deactivate" % me["id"]), 403, "forbidden")
    assert_error(admin.post("/users/not-an-id/deactivate"), 404, "not_found")
    assert_error(admin.post("/users/%s/activate" % ("f" * 24)), 404, "not_found")


@pytest.mark.parametrize("host_name", sorted(HOSTS))
def test_host_bootstraps_the_admin_from_its_environment(test_database, host_name):
    database = TestDatabase.start() if test_database.is_spawned else test_database
    if not test_database.is_spawned:
        database.reset()
    host = HOSTS[host_name](database)
    try:
        client = host.client()
        admin = login(client, ADMIN_USERNAME, ADMIN_PASSWORD)
        me = admin.get("/users/me").json
        assert me["role"] == "admin"
    finally:
        host.stop()
        if database is not test_database:
            database.stop()
