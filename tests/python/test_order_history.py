"""Order events and payment references through the Python package: the history of every change,
the replayed payment that writes nothing, orders stored before events were kept, and parallel
placements with one Idempotency-Key."""

import datetime
import threading

import bson
import pytest

import libstore
from test_orders import make_session


@pytest.fixture
def admin(store):
    return make_session(store, "history_admin", admin=True)


@pytest.fixture
def ada(store):
    return make_session(store, "ada")


def place(admin, buyer, quantity=1):
    pen = admin.create_product(name="Pen", price=2.5, stock=50)["id"]
    buyer.add_to_cart(product_id=pen, quantity=quantity)
    return buyer.place_order(), pen


def summary(events):
    return [(e["type"], e["status_from"], e["status_to"], e["actor_id"]) for e in events["items"]]


def test_every_change_is_an_event_of_who_made_it(store, admin, ada):
    order, _ = place(admin, ada)
    assert order["payment_reference"] is None
    assert "events" not in order
    admin.set_order_status(order["id"], status="paid", payment_reference="pi_3N8x2e")
    admin.set_order_status(order["id"], {"status": "shipped"})
    events = ada.order_events(order["id"])
    assert summary(events) == [("placed", None, "placed", ada.user_id),
                               ("status_changed", "placed", "paid", admin.user_id),
                               ("status_changed", "paid", "shipped", admin.user_id)]
    times = [e["at"] for e in events["items"]]
    assert times == sorted(times) and times[0] == order["created_at"]

    second, _ = place(admin, ada)
    ada.cancel_order(second["id"])
    assert summary(ada.order_events(second["id"]))[-1] == ("cancelled", "placed", "cancelled",
                                                           ada.user_id)
    bob = make_session(store, "bob")
    with pytest.raises(libstore.NotFoundError):
        bob.order_events(order["id"])
    with pytest.raises(libstore.NotFoundError):
        ada.order_events("nope")


def test_a_replayed_payment_answers_the_order_and_another_reference_conflicts(admin, ada):
    order, _ = place(admin, ada)
    paid = admin.set_order_status(order["id"], status="paid", payment_reference="pi_1")
    assert paid["payment_reference"] == "pi_1"
    assert admin.set_order_status(order["id"], status="paid", payment_reference="pi_1") == paid
    with pytest.raises(libstore.ConflictError) as caught:
        admin.set_order_status(order["id"], status="paid", payment_reference="pi_2")
    assert caught.value.field == "payment_reference"
    with pytest.raises(libstore.ConflictError) as caught:
        admin.set_order_status(order["id"], status="paid")
    assert caught.value.field == "status"
    for bad in ("", "x" * 256, "two words", "ctl\x1f", "caf\u00e9", 7, ["pi_1"]):
        with pytest.raises(libstore.ValidationError) as caught:
            admin.set_order_status(order["id"], status="paid", payment_reference=bad)
        assert caught.value.field == "payment_reference"
    with pytest.raises(libstore.ValidationError) as caught:
        admin.set_order_status(order["id"], status="shipped", payment_reference="pi_1")
    assert caught.value.field == "payment_reference"
    assert len(ada.order_events(order["id"])["items"]) == 2
    assert len(admin.audit(target_id=order["id"])["items"]) == 1


def test_orders_stored_before_events_show_a_placed_event(store, test_database, admin, ada):
    db = test_database.client()[test_database.database]
    order, _ = place(admin, ada)
    oid = bson.ObjectId(order["id"])
    db.orders.update_one({"_id": oid}, {"$unset": {"events": ""}})
    assert summary(ada.order_events(order["id"])) == [("placed", None, "placed", ada.user_id)]
    assert ada.order_events(order["id"])["items"][0]["at"] == order["created_at"]
    # A cancellation an older libstore began and a crash cut short: recovery completes it, with
    # an event of no known actor.
    long_ago = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)
    db.orders.update_one({"_id": oid}, {"$set": {"status": "cancelling", "updated_at": long_ago}})
    assert store.recover()["cancellations_completed"] == 1
    assert summary(ada.order_events(order["id"])) == [
        ("placed", None, "placed", ada.user_id), ("cancelled", "placed", "cancelled", None)]


def test_parallel_placements_with_one_key_yield_one_order(admin, ada):
    place(admin, ada)  # an earlier order, so "one order" below means one more
    pen = admin.create_product(name="Ink", price=1, stock=10)["id"]
    ada.add_to_cart(product_id=pen, quantity=2)
    answers, wrong = [], []
    barrier = threading.Barrier(8)

    def attempt():
        barrier.wait()
        try:
            answers.append(ada.place_order("one-key", return_created=True))
        except libstore.ConflictError as error:
            if error.field != "idempotency_key":
                wrong.append(error)
        except libstore.StoreError as error:
            wrong.append(error)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
    assert [created for _, created in answers].count(True) == 1
    assert len({order["id"] for order, _ in answers}) == 1
    assert len(ada.orders()["items"]) == 2
    assert admin.get_product(pen)["stock"] == 8
