"""Roles, staff permissions and the audit log over HTTP (API.md "Roles and permissions"), on every
host the suite starts. Who may call what is the authorization matrix (test_authorization.py);
this file holds the rules behind it: role changes end tokens, nobody changes their own role, the
last active admin stays, staff manage clients only, and every admin or staff write is in the
audit log with its change, filterable and paged, while failed writes and shoppers' own actions
are not."""

import threading

from conftest import USER_PASSWORD, login, register


def set_role(admin, user_id, role, permissions=None):
    body = {"role": role}
    if permissions is not None:
        body["permissions"] = permissions
    return admin.put("/users/%s/role" % user_id, body)


def make_staff(client, admin, username, permissions):
    user = register(client, username)
    response = set_role(admin, user["id"], "staff", permissions)
    assert response.status == 200, response
    return user, login(client, username, USER_PASSWORD)


def audit(caller, query=""):
    response = caller.get("/audit" + query)
    assert response.status == 200, response
    return response.json


def test_role_change_shows_in_the_user_and_ends_the_users_tokens(client, admin):
    user = register(client, "ada")
    ada = login(client, "ada", USER_PASSWORD)
    assert ada.get("/users/me").json["permissions"] == []
    response = set_role(admin, user["id"], "staff", ["view_audit", "manage_catalog"])
    assert response.status == 200, response
    assert response.json["role"] == "staff"
    assert response.json["permissions"] == ["manage_catalog", "view_audit"]  # API.md's order
    # The old token carried the old role: it is dead at once.
    assert ada.get("/users/me").status == 401
    ada = login(client, "ada", USER_PASSWORD)
    assert ada.post("/categories", {"name": "Lamps"}).status == 201
    assert ada.get("/audit").status == 200
    assert ada.get("/users").status == 403  # manage_users was not given
    # Back to client: the permissions go with the role.
    response = set_role(admin, user["id"], "client")
    assert response.json["role"] == "client" and response.json["permissions"] == []
    assert ada.get("/users/me").status == 401
    ada = login(client, "ada", USER_PASSWORD)
    assert ada.post("/categories", {"name": "Desks"}).status == 403


def test_an_admin_holds_every_permission(admin):
    assert admin.get("/users/me").json["permissions"] == [
        "manage_catalog", "manage_orders", "manage_users", "view_audit"]


def test_nobody_changes_their_own_role(admin):
    me = admin.get("/users/me").json
    response = set_role(admin, me["id"], "client")
    assert response.status == 403, response
    assert response.json["error"]["code"] == "forbidden"
    assert admin.get("/users/me").json["role"] == "admin"


def test_role_change_validation_names_the_field(client, admin):
    user = register(client, "ada")
    for body, field in [({"role": "root"}, "role"), ({}, "role"), ({"role": 5}, "role"),
                        ({"role": "client", "permissions": ["view_audit"]}, "permissions"),
                        ({"role": "admin", "permissions": ["view_audit"]}, "permissions"),
                        ({"role": "staff", "permissions": ["sudo"]}, "permissions"),
                        ({"role": "staff", "permissions": "view_audit"}, "permissions"),
                        ({"role": "staff", "permissions": ["view_audit", "view_audit"]},
                         "permissions"),
                        ({"role": "staff", "is_active": False}, "is_active")]:
        response = admin.put("/users/%s/role" % user["id"], body)
        assert response.status == 400, (body, response)
        assert response.json["error"]["field"] == field, (body, response)
    assert set_role(admin, "f" * 24, "client").status == 404
    assert client.get("/users/me").status == 401  # (anonymous: nothing changed for anybody)


def test_two_admins_demoting_each_other_at_once_leave_one_admin(client, operator_store,
                                                                test_database):
    """The last active admin cannot be demoted: raced, at most one of the two demotions wins, and
    an admin always remains."""
    users = test_database.client()[test_database.database]["users"]
    for round_number in range(6):
        names = ["boss_x%d" % round_number, "boss_y%d" % round_number]
        for name in names:
            operator_store.create_admin(username=name, email=name + "@example.com",
                                        password=USER_PASSWORD)
        sessions = [login(client, name, USER_PASSWORD) for name in names]
        ids = [session.get("/users/me").json["id"] for session in sessions]
        barrier = threading.Barrier(2)
        statuses = [None, None]

        def demote(index):
            barrier.wait()
            statuses[index] = set_role(sessions[index], ids[1 - index], "client").status

        threads = [threading.Thread(target=demote, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # At most one wins. The loser is refused by the count (409), or, when the winner's
        # demotion lands before the loser's own call re-checks its session, by its token, which
        # carried the admin role the winner just took away (401).
        assert statuses.count(200) <= 1 and set(statuses) <= {200, 401, 409}, statuses
        roles = [users.find_one({"username": name})["role"] for name in names]
        assert "admin" in roles, (statuses, roles)
        assert roles.count("admin") == (1 if 200 in statuses else 2), (statuses, roles)
        # Out of the way (as an operator would), so the next pair are the only active admins.
        users.update_many({"username": {"$in": names}}, {"$set": {"is_active": False}})


def test_staff_manage_clients_only(client, admin):
    _, manager = make_staff(client, admin, "manager", ["manage_users"])
    other_staff, _ = make_staff(client, admin, "cataloguer", ["manage_catalog"])
    ada = register(client, "ada")
    assert manager.post("/users/%s/deactivate" % ada["id"]).json["is_active"] is False
    assert manager.post("/users/%s/activate" % ada["id"]).json["is_active"] is True
    for action in ("deactivate", "activate"):
        response = manager.post("/users/%s/%s" % (other_staff["id"], action))
        assert response.status == 403, response
    assert manager.put("/users/%s/role" % ada["id"], {"role": "staff"}).status == 403
    # An admin does deactivate staff, and their tokens die.
    assert admin.post("/users/%s/deactivate" % other_staff["id"]).status == 200
    listed = manager.get("/users?role=staff").json["items"]
    assert {user["username"] for user in listed} == {"manager", "cataloguer"}


def test_order_managers_see_every_order_and_move_statuses(client, admin, user_factory):
    _, ada = user_factory("ada")
    product = admin.post("/products", {"name": "Pen", "price": 2, "stock": 5}).json["id"]
    assert ada.post("/cart/items", {"product_id": product}).status == 200
    order = ada.post("/orders").json
    _, clerk = make_staff(client, admin, "clerk", ["manage_orders"])
    assert [o["id"] for o in clerk.get("/orders").json["items"]] == [order["id"]]
    assert clerk.get("/orders/" + order["id"]).status == 200
    assert clerk.patch("/orders/%s/status" % order["id"], {"status": "paid"}).json["status"] == \
        "paid"
    assert clerk.post("/orders/%s/cancel" % order["id"]).json["status"] == "cancelled"
    assert admin.get("/products/" + product).json["stock"] == 5
    # A clerk is not a cataloguer.
    assert clerk.post("/products", {"name": "Ink", "price": 1, "stock": 1}).status == 403


def test_every_admin_and_staff_write_is_in_the_audit_log(client, admin, user_factory):
    admin_id = admin.get("/users/me").json["id"]
    ada_user, ada = user_factory("ada")
    category = admin.post("/categories", {"name": "Books"}).json["id"]
    assert admin.patch("/categories/" + category, {"description": "Paper"}).status == 200
    product = admin.post("/products", {"name": "Pen", "price": 2.5, "stock": 5}).json["id"]
    assert admin.patch("/products/" + product, {"price": 3, "stock": 7}).status == 200
    assert ada.post("/cart/items", {"product_id": product}).status == 200
    order = ada.post("/orders").json["id"]
    assert admin.patch("/orders/%s/status" % order, {"status": "paid"}).status == 200
    assert admin.post("/orders/%s/cancel" % order).status == 200
    assert admin.post("/users/%s/deactivate" % ada_user["id"]).status == 200
    assert admin.post("/users/%s/activate" % ada_user["id"]).status == 200
    staff, clerk = make_staff(client, admin, "clerk", ["manage_catalog"])
    assert clerk.delete("/products/" + product).status == 204
    assert admin.delete("/categories/" + category).status == 204

    entries = audit(admin, "?limit=100")["items"]
    expected = [  # newest first
        ("category.delete", admin_id, "category", category),
        ("product.delete", staff["id"], "product", product),
        ("user.role", admin_id, "user", staff["id"]),
        ("user.activate", admin_id, "user", ada_user["id"]),
        ("user.deactivate", admin_id, "user", ada_user["id"]),
        ("order.status", admin_id, "order", order),
        ("order.status", admin_id, "order", order),
        ("product.update", admin_id, "product", product),
        ("product.create", admin_id, "product", product),
        ("category.update", admin_id, "category", category),
        ("category.create", admin_id, "category", category),
    ]
    assert [(e["action"], e["actor_id"], e["target_type"], e["target_id"]) for e in entries] \
        == expected
    summaries = {(e["action"], e["summary"]) for e in entries}
    assert ("order.status", "placed -> paid") in summaries
    assert ("order.status", "paid -> cancelled") in summaries
    assert ("user.role", "client -> staff [manage_catalog]") in summaries
    update = next(e for e in entries if e["action"] == "product.update")
    assert "price=3" in update["summary"] and "stock=7" in update["summary"]
    assert set(entries[0]) == {"id", "at", "actor_id", "action", "target_type", "target_id",
                               "summary"}
    ats = [e["at"] for e in entries]
    assert ats == sorted(ats, reverse=True)


def test_failed_writes_and_shoppers_own_actions_leave_no_entry(client, admin, user_factory):
    _, ada = user_factory("ada")
    assert admin.post("/categories", {"name": "Books"}).status == 201
    assert admin.post("/categories", {"name": "BOOKS"}).status == 409  # duplicate
    assert admin.patch("/products/" + "f" * 24, {"price": 1}).status == 404
    assert admin.delete("/categories/" + "f" * 24).status == 404
    product = admin.post("/products", {"name": "Pen", "price": 2, "stock": 5}).json["id"]
    assert ada.post("/cart/items", {"product_id": product}).status == 200
    order = ada.post("/orders").json["id"]
    assert ada.post("/orders/%s/cancel" % order).status == 200  # the owner's own cancel
    assert admin.patch("/orders/%s/status" % order, {"status": "paid"}).status == 409
    actions = [e["action"] for e in audit(admin)["items"]]
    assert actions == ["product.create", "category.create"]


def test_audit_filters_and_cursor_pages(client, admin):
    _, clerk = make_staff(client, admin, "clerk", ["manage_catalog", "view_audit"])
    clerk_id = clerk.get("/users/me").json["id"]
    made = [clerk.post("/categories", {"name": "C%d" % i}).json["id"] for i in range(5)]
    assert clerk.patch("/categories/" + made[0], {"description": "x"}).status == 200
    by_clerk = audit(clerk, "?actor_id=" + clerk_id)["items"]
    assert [e["action"] for e in by_clerk] == ["category.update"] + ["category.create"] * 5
    assert [e["target_id"] for e in audit(clerk, "?target_id=" + made[0])["items"]] == \
        [made[0], made[0]]
    assert len(audit(clerk, "?action=category.create")["items"]) == 5
    assert audit(clerk, "?action=product.create")["items"] == []
    # Pages of two, newest first, no repeats, no gaps.
    seen, cursor = [], None
    while True:
        page = audit(clerk, "?limit=2&actor_id=%s%s" % (
            clerk_id, "&cursor=" + cursor if cursor else ""))
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [e["id"] for e in by_clerk]


def test_accounts_stored_before_roles_had_permissions_still_work(client, admin, test_database):
    register(client, "old")
    users = test_database.client()[test_database.database]["users"]
    users.update_one({"username": "old"}, {"$unset": {"permissions": ""}})
    old = login(client, "old", USER_PASSWORD)
    me = old.get("/users/me").json
    assert me["role"] == "client" and me["permissions"] == []
    assert set_role(admin, me["id"], "staff", ["view_audit"]).json["permissions"] == ["view_audit"]
