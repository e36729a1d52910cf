"""The development shop of the README (.ci/dev-shop, which .ci/shop runs after building): it
starts its own database over a data directory, and a stop and a start later every account,
product and order is still there, and so are the tokens (the secret is kept with the data)."""

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import USER_PASSWORD
from hosts import BUILD_DIR, SOURCE_DIR, Client, free_port
from database_server import URI_ENV

pytestmark = pytest.mark.skipif(bool(os.environ.get(URI_ENV)),
                                reason="the development shop runs its own database")


class DevShop:
    def __init__(self, data_dir, port, **extra_env):
        env = dict(os.environ, LIBSTORE_DATA_DIR=str(data_dir), PORT=str(port),
                   LIBSTORE_ADMIN="owner:owner-password-1", LIBSTORE_PASSWORD_COST="minimum",
                   LIBSTORE_BUILD_DIR=BUILD_DIR, LIBSTORE_PYTHON=sys.executable, **extra_env)
        for name in ("MONGODB_URI", "LIBSTORE_SECRET"):
            env.pop(name, None)
        self.log = open(str(data_dir) + "-shop-%d.log" % time.monotonic_ns(), "wb")
        self.process = subprocess.Popen(["bash", os.path.join(SOURCE_DIR, ".ci", "dev-shop")],
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.client = Client(port)
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.client.get("/health", timeout=5).status == 200:
                    return
            except OSError:
                pass
            assert self.process.poll() is None, "the shop exited: %s" % self.output()
            assert time.monotonic() < deadline, "the shop did not start: %s" % self.output()
            time.sleep(0.2)

    def output(self):
        self.log.flush()
        with open(self.log.name, "rb") as log:
            return log.read().decode("utf-8", "replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(30)
        self.log.close()
        return self.process.returncode


def login(client, username, password):
    response = client.post("/auth/login", {"username": username, "password": password})
    assert response.status == 200, response
    return client.with_token(response.json["access_token"])


def test_the_development_shop_keeps_its_data_across_a_restart(tmp_path):
    data_dir = tmp_path / "shop-data"
    port = free_port()
    shop = DevShop(data_dir, port)
    try:
        assert "DEVELOPMENT database" in shop.output()
        assert str(data_dir) in shop.output()
        owner = login(shop.client, "owner", "owner-password-1")
        product = owner.post("/products", {"name": "Kettle", "price": 25, "stock": 3})
        assert product.status == 201, product
        assert shop.client.post("/auth/register", {"username": "ada", "email": "ada@example.com",
                                                   "password": USER_PASSWORD}).status == 201
        ada = login(shop.client, "ada", USER_PASSWORD)
        assert ada.post("/cart/items", {"product_id": product.json["id"],
                                        "quantity": 2}).status == 200
        order = ada.post("/orders")
        assert order.status == 201, order
    finally:
        assert shop.stop() in (0, 143), shop.output()

    shop = DevShop(data_dir, port)
    try:
        # The same token still works: the secret lives with the data.
        assert ada.get("/users/me").json["username"] == "ada"
        orders = ada.get("/orders").json["items"]
        assert [o["id"] for o in orders] == [order.json["id"]]
        assert orders[0]["total_price"] == 50
        kettle = shop.client.get("/products/" + product.json["id"]).json
        assert kettle["stock"] == 1
        assert login(shop.client, "ada", USER_PASSWORD).get("/users/me").status == 200
    finally:
        assert shop.stop() in (0, 143), shop.output()


@pytest.mark.parametrize("host", ["fastapi", "c"])
def test_the_development_shop_serves_with_another_host(tmp_path, host):
    shop = DevShop(tmp_path / "shop-data", free_port(), LIBSTORE_HOST=host)
    try:
        assert "(%s host)" % host in shop.output()
        owner = login(shop.client, "owner", "owner-password-1")
        assert owner.get("/users/me").json["role"] == "admin"
    finally:
        assert shop.stop() in (0, 143), shop.output()


def test_the_development_shop_refuses_an_unknown_host(tmp_path):
    result = subprocess.run(["bash", os.path.join(SOURCE_DIR, ".ci", "dev-shop")],
                            env=dict(os.environ, LIBSTORE_HOST="django",
                                     LIBSTORE_DATA_DIR=str(tmp_path / "data"),
                                     LIBSTORE_PYTHON=sys.executable),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "LIBSTORE_HOST must be flask, fastapi or c" in result.stderr
