"""The events feed through the Python package: Store.events() for trusted consumers in the
process, Session.events() (the page GET /events answers) for admins."""

import threading

import pytest

import libstore

PASSWORD = "password-123"


def account(store, username, admin=False):
    body = dict(username=username, email=username + "@example.com", password=PASSWORD)
    user = store.create_admin(**body) if admin else store.register(**body)
    return user, store.session(store.login(username=username, password=PASSWORD)["access_token"])


def test_registrations_are_events_in_id_order(store):
    ada = store.register(username="ada", email="ada@example.com", password=PASSWORD)
    store.register(username="bob", email="bob@example.com", password=PASSWORD)
    events = store.events()
    assert [e["id"] for e in events] == [1, 2]
    assert events[0]["type"] == "user.registered"
    assert events[0]["data"] == {"user_id": ada["id"], "username": "ada",
                                 "email": "ada@example.com"}
    assert events[0]["at"].endswith("Z")
    assert [e["data"]["username"] for e in store.events(after=1)] == ["bob"]
    assert [e["id"] for e in store.events(limit=1)] == [1]
    assert store.events(after=2) == []


def test_bad_arguments_raise_validation_errors_naming_them(store):
    for kwargs, field in [(dict(after=-1), "after"), (dict(limit=0), "limit"),
                          (dict(limit=1001), "limit"), (dict(after="x"), "after")]:
        with pytest.raises(libstore.ValidationError) as raised:
            store.events(**kwargs)
        assert raised.value.field == field


def test_session_events_is_the_admins_page(store):
    _, root = account(store, "root", admin=True)
    _, ada = account(store, "ada")
    with pytest.raises(libstore.ForbiddenError):
        ada.events()
    page = root.events({"after": "1", "limit": "10"})
    assert page["next_after"] == 2
    assert [e["data"]["username"] for e in page["items"]] == ["ada"]
    with pytest.raises(libstore.ValidationError) as raised:
        root.events(cursor="x")
    assert raised.value.field == "cursor"


def test_readers_polling_while_threads_register_see_every_event_once_in_order(store):
    done = threading.Event()
    seen = []

    def read():
        last = 0
        while True:
            finished = done.is_set()
            batch = store.events(after=last, limit=5)
            for event in batch:
                assert event["id"] == last + 1
                last = event["id"]
                seen.append(event["data"]["username"])
            if finished and not batch:
                return

    def register(prefix):
        for i in range(6):
            store.register(username=f"{prefix}{i}", email=f"{prefix}{i}@example.com",
                           password=PASSWORD)

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=register, args=(f"w{n}_",)) for n in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    done.set()
    reader.join()
    assert sorted(seen) == sorted(f"w{n}_{i}" for n in range(4) for i in range(6))
