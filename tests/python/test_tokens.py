"""Refresh tokens, password reset, email verification and the mail hook through the Python
package: Store(mail=callable), Store.refresh / request_password_reset / reset_password /
verify_email, Session.request_email_verification, and the example hosts' mail outbox."""

import json
import os
import threading

import pytest

import libstore
from conftest import open_store
from libstore.http import mail_outbox

PASSWORD = "password-123"


@pytest.fixture
def mail():
    return []


@pytest.fixture
def store(test_database, mail):
    test_database.reset()
    return open_store(test_database, mail=mail.append)


@pytest.fixture
def ada(store):
    return store.register(username="ada", email="Ada@example.com", password=PASSWORD)


def login(store, password=PASSWORD):
    return store.login(username="ada", password=password)


def test_login_and_refresh_take_a_dict_or_keywords(store, ada):
    tokens = login(store)
    assert tokens["refresh_expires_in"] == 30 * 24 * 3600
    renewed = store.refresh(refresh_token=tokens["refresh_token"])
    assert store.session(renewed["access_token"]).me()["id"] == ada["id"]
    again = store.refresh({"refresh_token": renewed["refresh_token"]})
    assert again["refresh_token"] not in (tokens["refresh_token"], renewed["refresh_token"])
    with pytest.raises(libstore.UnauthenticatedError):
        store.refresh(refresh_token=tokens["refresh_token"])
    with pytest.raises(libstore.UnauthenticatedError):
        store.session(again["access_token"]).me()


def test_refresh_lifetime_is_an_option(test_database, ada):
    store = open_store(test_database, refresh_token_lifetime=3600)
    assert login(store)["refresh_expires_in"] == 3600
    with pytest.raises(libstore.ValidationError) as raised:
        open_store(test_database, refresh_token_lifetime=0)
    assert raised.value.field == "refresh_token_lifetime_seconds"


def test_bad_refresh_bodies_name_the_field(store):
    for body, field in [({"refresh_token": 5}, "refresh_token"), ({}, "refresh_token"),
                        ({"refresh_token": "x", "extra": 1}, "extra")]:
        with pytest.raises(libstore.ValidationError) as raised:
            store.refresh(body)
        assert raised.value.field == field


def test_tokens_are_stored_only_as_digests(store, ada, test_database, mail):
    tokens = login(store)
    store.request_password_reset(email="ada@example.com")
    db = test_database.client()[test_database.database]
    stored = list(db.refresh_tokens.find({}))
    assert len(stored) == 1
    assert tokens["refresh_token"] not in json.dumps(stored, default=str)
    assert stored[0]["user_id"] == ada["id"] and stored[0]["spent"] is False
    mailed = list(db.one_time_tokens.find({}))
    assert len(mailed) == 1 and mail[0]["token"] not in json.dumps(mailed, default=str)
    indexes = {name: spec for name, spec in db.refresh_tokens.index_information().items()}
    assert indexes["expires_at_ttl"]["expireAfterSeconds"] == 0
    assert db.one_time_tokens.index_information()["expires_at_ttl"]["expireAfterSeconds"] == 0


def test_the_mail_hook_gets_a_dict(store, ada, mail):
    store.request_password_reset(email="ADA@example.com")
    store.request_password_reset(email="nobody@example.com")
    assert len(mail) == 1
    message = mail[0]
    assert set(message) == {"kind", "to", "token", "created_at"}
    assert message["kind"] == "password_reset" and message["to"] == "Ada@example.com"
    store.reset_password(token=message["token"], password="brand-new-pass")
    with pytest.raises(libstore.ValidationError) as raised:
        store.reset_password(token=message["token"], password="brand-new-pass")
    assert raised.value.field == "token"
    login(store, "brand-new-pass")


def test_email_verification(store, ada, mail):
    session = store.session(login(store)["access_token"])
    assert session.request_email_verification() is None
    assert mail[-1]["kind"] == "verify_email"
    user = store.verify_email(token=mail[-1]["token"])
    assert user["email_verified"] is True
    assert session.update_me(email="ada@elsewhere.org")["email_verified"] is False


def test_accounts_stored_before_verification_read_as_unverified(store, ada, test_database):
    db = test_database.client()[test_database.database]
    db.users.update_one({"username": "ada"}, {"$unset": {"email_verified": ""}})
    session = store.session(login(store)["access_token"])
    assert session.me()["email_verified"] is False


def test_a_failing_hook_is_printed_and_changes_nothing(test_database, ada, capfd):
    def broken(message):
        raise RuntimeError("the mail service is down")

    store = open_store(test_database, mail=broken)
    assert store.request_password_reset(email="ada@example.com") is None
    err = capfd.readouterr().err
    assert "Traceback" in err and "the mail service is down" in err


def test_a_hook_raising_system_exit_does_not_end_the_process(test_database, ada, capfd):
    def leaving(message):
        raise SystemExit(3)

    store = open_store(test_database, mail=leaving)
    store.request_password_reset(email="ada@example.com")
    assert "SystemExit" in capfd.readouterr().err


def test_the_hook_runs_on_the_calling_thread_with_the_gil(test_database, ada):
    seen = []
    store = open_store(test_database, mail=lambda message: seen.append(threading.get_ident()))
    callers = []

    def request():
        callers.append(threading.get_ident())
        store.request_password_reset(email="ada@example.com")

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(seen) == sorted(callers)


def test_mail_must_be_callable(test_database):
    with pytest.raises(TypeError):
        open_store(test_database, mail="not callable")


def test_the_outbox_writes_whole_files_with_unique_names(tmp_path):
    hook = mail_outbox.mail_hook_from_environ({"LIBSTORE_MAIL_DIR": str(tmp_path)})
    message = {"kind": "verify_email", "to": "a@example.com", "token": "t",
               "created_at": "2026-12-01T10:00:00.000Z"}
    hook(message)
    hook(message)
    names = sorted(os.listdir(tmp_path))
    assert len(names) == 2 and names[0] != names[1]
    for name in names:
        assert name.startswith("2026-12-01T100000.000Z-verify_email-") and name.endswith(".json")
        with open(tmp_path / name, encoding="utf-8") as handle:
            assert json.load(handle) == message


def test_the_outbox_prints_to_stderr_without_a_directory(capsys):
    hook = mail_outbox.mail_hook_from_environ({})
    hook({"kind": "password_reset", "to": "a@example.com", "token": "t", "created_at": "x"})
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and '"kind": "password_reset"' in err


def test_the_outbox_refuses_a_missing_directory(tmp_path):
    with pytest.raises(SystemExit):
        mail_outbox.mail_hook_from_environ({"LIBSTORE_MAIL_DIR": str(tmp_path / "missing")})
