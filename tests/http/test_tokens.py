"""The Tokens section of API.md over HTTP: rotating refresh tokens and their families, password
reset and email verification end to end through each host's mail directory (LIBSTORE_MAIL_DIR,
one JSON file per message)."""

import os
import re
import threading

import pytest

from conftest import USER_PASSWORD, register
from test_accounts import assert_error

MESSAGE_KEYS = {"kind", "to", "token", "created_at"}
MAIL_FILE = re.compile(r"^[0-9T.Z-]+-(password_reset|verify_email)-[0-9a-f]+\.json$")


@pytest.fixture
def mailbox(host):
    """The host's mail directory, emptied for this test."""
    host.clear_mails()
    return host


def login_tokens(client, username="ada", password=USER_PASSWORD):
    response = client.post("/auth/login", {"username": username, "password": password})
    assert response.status == 200, response
    return response.json


def refresh(client, tokens):
    return client.post("/auth/refresh", {"refresh_token": tokens["refresh_token"]})


def me_status(client, tokens):
    return client.with_token(tokens["access_token"]).get("/users/me").status


def only_mail(mailbox, kind, to):
    """The one message in the mail directory, checked: exactly the message object, of `kind`,
    to `to`, in a file named <created_at>-<kind>-<random>.json, no temporary file left over."""
    names = os.listdir(mailbox.mail_dir)
    assert len(names) == 1, names
    assert MAIL_FILE.match(names[0]), names
    messages = mailbox.mails()
    assert len(messages) == 1
    message = messages[0]
    assert set(message) == MESSAGE_KEYS
    assert message["kind"] == kind and message["to"] == to
    assert message["created_at"].endswith("Z")
    assert names[0].startswith(message["created_at"].replace(":", ""))
    return message["token"]


def test_login_returns_a_refresh_token(client):
    register(client, "ada")
    tokens = login_tokens(client)
    assert isinstance(tokens["refresh_token"], str) and len(tokens["refresh_token"]) >= 43
    assert tokens["refresh_expires_in"] == 30 * 24 * 3600
    assert login_tokens(client)["refresh_token"] != tokens["refresh_token"]


def test_refresh_rotates_and_a_reused_token_ends_the_login(client):
    register(client, "ada")
    first = login_tokens(client)
    other_login = login_tokens(client)
    response = refresh(client, first)
    assert response.status == 200, response
    second = response.json
    assert set(second) == set(first)
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert me_status(client, second) == 200
    third = refresh(client, second).json
    assert me_status(client, third) == 200

    # The spent first token again: theft. Every token of that login dies.
    assert_error(refresh(client, first), 401, "unauthenticated")
    assert_error(refresh(client, third), 401, "unauthenticated")
    for tokens in (first, second, third):
        assert me_status(client, tokens) == 401
    # Another login of the same account is untouched.
    assert me_status(client, other_login) == 200
    assert refresh(client, other_login).status == 200


def test_two_clients_racing_one_refresh_token(client):
    register(client, "ada")
    tokens = login_tokens(client)
    barrier = threading.Barrier(2)
    responses = [None, None]

    def present(index):
        barrier.wait()
        responses[index] = refresh(client, tokens)

    racers = [threading.Thread(target=present, args=(i,)) for i in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    statuses = sorted(response.status for response in responses)
    assert statuses == [200, 401], responses
    winner = next(response.json for response in responses if response.status == 200)
    # The loser presented a spent token: the winner's new tokens die with the family.
    assert me_status(client, winner) == 401
    assert_error(refresh(client, winner), 401, "unauthenticated")


def test_logout_ends_the_logins_refresh_tokens(client):
    register(client, "ada")
    first = login_tokens(client)
    second = refresh(client, first).json
    other_login = login_tokens(client)
    assert client.with_token(first["access_token"]).post("/auth/logout").status == 204
    assert_error(refresh(client, second), 401, "unauthenticated")
    assert me_status(client, second) == 401
    assert refresh(client, other_login).status == 200


def test_password_change_deactivation_and_deletion_end_refresh_tokens(client, admin):
    user = register(client, "ada")
    tokens = login_tokens(client)
    ada = client.with_token(tokens["access_token"])
    assert ada.patch("/users/me", {"password": "another-password"}).status == 200
    assert_error(refresh(client, tokens), 401, "unauthenticated")

    tokens = login_tokens(client, password="another-password")
    assert admin.post("/users/%s/deactivate" % user["id"]).status == 200
    assert_error(refresh(client, tokens), 403, "forbidden")
    assert admin.post("/users/%s/activate" % user["id"]).status == 200
    fresh = login_tokens(client, password="another-password")
    assert client.with_token(fresh["access_token"]).delete("/users/me").status == 204
    assert_error(refresh(client, fresh), 401, "unauthenticated")


def test_unknown_and_malformed_refresh_tokens(client):
    assert_error(client.post("/auth/refresh", {"refresh_token": "x" * 43}), 401,
                 "unauthenticated")
    assert_error(client.post("/auth/refresh", {"refresh_token": ""}), 400, "invalid_argument",
                 "refresh_token")
    assert_error(client.post("/auth/refresh", {}), 400, "invalid_argument", "refresh_token")
    assert_error(client.post("/auth/refresh", {"refresh_token": 5}), 400, "invalid_argument",
                 "refresh_token")


def test_password_reset_end_to_end_through_the_mail_directory(client, mailbox):
    register(client, "ada")
    before = login_tokens(client)
    response = client.post("/auth/password-reset", {"email": "ADA@example.com"})
    assert response.status == 202 and response.json == {}, response
    token = only_mail(mailbox, "password_reset", "ada@example.com")

    assert_error(client.post("/auth/password-reset/confirm",
                             {"token": token, "password": "short"}),
                 400, "invalid_argument", "password")
    response = client.post("/auth/password-reset/confirm",
                           {"token": token, "password": "brand-new-password"})
    assert response.status == 204 and response.body == b"", response
    # Single use.
    assert_error(client.post("/auth/password-reset/confirm",
                             {"token": token, "password": "third-password"}),
                 400, "invalid_argument", "token")
    # Every token of the account is dead; only the new password logs in.
    assert me_status(client, before) == 401
    assert_error(refresh(client, before), 401, "unauthenticated")
    assert_error(client.post("/auth/login", {"username": "ada", "password": USER_PASSWORD}),
                 401, "unauthenticated")
    login_tokens(client, password="brand-new-password")


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, mailbox):
    register(client, "ada")
    known = client.post("/auth/password-reset", {"email": "ada@example.com"})
    unknown = client.post("/auth/password-reset", {"email": "nobody@example.com"})
    malformed_address = client.post("/auth/password-reset", {"email": "not an address"})
    for response in (known, unknown, malformed_address):
        assert response.status == 202, response
        assert response.body == known.body
        assert response.header("Content-Type") == known.header("Content-Type")
    assert [m["to"] for m in mailbox.mails()] == ["ada@example.com"]


def test_a_deactivated_account_gets_no_reset_mail(client, admin, mailbox):
    user = register(client, "ada")
    assert admin.post("/users/%s/deactivate" % user["id"]).status == 200
    assert client.post("/auth/password-reset", {"email": "ada@example.com"}).status == 202
    assert mailbox.mails() == []


def test_unknown_reset_tokens_are_400(client):
    assert_error(client.post("/auth/password-reset/confirm",
                             {"token": "x" * 43, "password": "brand-new-password"}),
                 400, "invalid_argument", "token")


def test_email_verification_end_to_end(client, mailbox):
    register(client, "ada")
    ada = client.with_token(login_tokens(client)["access_token"])
    assert ada.get("/users/me").json["email_verified"] is False
    response = ada.post("/users/me/email-verification")
    assert response.status == 202 and response.json == {}, response
    token = only_mail(mailbox, "verify_email", "ada@example.com")
    response = client.post("/auth/verify-email", {"token": token})
    assert response.status == 200, response
    assert response.json["username"] == "ada"
    assert response.json["email_verified"] is True
    assert ada.get("/users/me").json["email_verified"] is True
    assert_error(client.post("/auth/verify-email", {"token": token}), 400, "invalid_argument",
                 "token")
    # A new address is unverified again.
    changed = ada.patch("/users/me", {"email": "ada@elsewhere.org"})
    assert changed.status == 200 and changed.json["email_verified"] is False


def test_a_verification_token_is_refused_once_the_address_changed(client, mailbox):
    register(client, "ada")
    ada = client.with_token(login_tokens(client)["access_token"])
    assert ada.post("/users/me/email-verification").status == 202
    token = only_mail(mailbox, "verify_email", "ada@example.com")
    assert ada.patch("/users/me", {"email": "ada@elsewhere.org"}).status == 200
    assert_error(client.post("/auth/verify-email", {"token": token}), 400, "invalid_argument",
                 "token")
    assert ada.get("/users/me").json["email_verified"] is False


def test_email_verification_needs_a_session(client):
    assert_error(client.post("/users/me/email-verification"), 401, "unauthenticated")
