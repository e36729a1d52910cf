"""The webhook administration of API.md over HTTP, on every host: create (201, the secret only
there), read, list, change, the delivery log, delete (204), and who may. Validation rows are in
test_abuse.py, the matrix in test_authorization.py; deliveries themselves (signatures, backoff,
leases) in core integration and tests/python."""

from test_accounts import assert_error


def test_administration(admin, user_factory):
    created = admin.post("/webhooks", {"url": "https://hooks.example.com/in",
                                       "events": ["order.placed", "order.cancelled"]})
    assert created.status == 201, created
    webhook = created.json
    assert webhook["secret"].startswith("whsec_")
    assert set(webhook) == {"id", "url", "events", "active", "created_at", "updated_at", "secret"}
    shown = admin.get("/webhooks/" + webhook["id"]).json
    assert shown == {k: v for k, v in webhook.items() if k != "secret"}
    page = admin.get("/webhooks?limit=1").json
    assert [w["id"] for w in page["items"]] == [webhook["id"]] and page["next_cursor"] is None
    changed = admin.patch("/webhooks/" + webhook["id"], {"events": ["*"], "active": False})
    assert changed.status == 200, changed
    assert (changed.json["events"], changed.json["active"]) == (["*"], False)
    assert admin.get("/webhooks/%s/deliveries?limit=5" % webhook["id"]).json == {
        "items": [], "next_cursor": None}
    _, ada = user_factory("ada")
    assert_error(ada.get("/webhooks"), 403, "forbidden")
    assert_error(admin.post("/webhooks", {"url": "http://127.0.0.1:9/", "events": ["*"]}), 400,
                 "invalid_argument")
    assert admin.delete("/webhooks/" + webhook["id"]).status == 204
    assert_error(admin.get("/webhooks/" + webhook["id"]), 404, "not_found")
    assert_error(admin.get("/webhooks/%s/deliveries" % webhook["id"]), 404, "not_found")
    actions = [e["action"] for e in admin.get("/audit?target_id=" + webhook["id"]).json["items"]]
    assert actions == ["webhook.delete", "webhook.update", "webhook.create"]
