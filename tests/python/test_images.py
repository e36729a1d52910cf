"""Product images through the Python package: bytes in, bytes out, the type and size rules
with the exception and field they raise, catalog managers only, the product's list, deletion
alone and with the product, and the GIL released while the database works."""

import struct
import threading
import time
import zlib

import pytest

import libstore

from conftest import SECRET

PASSWORD = "password-123"
MISSING = "0123456789abcdef01234567"


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(filler=0):
    pixels = zlib.compress(b"\x00\x00\x00\x00") + b"\x00" * filler
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


PNG = png()
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
WEBP = (b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11"
        b"\x88\x88\xfe\x07\x00")


def make_session(store, username, admin):
    fields = dict(username=username, email=username + "@example.com", password=PASSWORD)
    store.create_admin(**fields) if admin else store.register(**fields)
    token = store.login(username=username, password=PASSWORD)["access_token"]
    return store.session(token)


@pytest.fixture
def admin(store):
    return make_session(store, "images_admin", admin=True)


@pytest.fixture
def client(store):
    return make_session(store, "images_client", admin=False)


@pytest.fixture
def product(admin):
    return admin.create_product(name="Lamp", price=10, stock=3)


@pytest.mark.parametrize("content_type,data", [
    ("image/png", PNG), ("image/jpeg", JPEG), ("image/gif", GIF), ("image/webp", WEBP)])
def test_upload_and_download_each_type(store, admin, product, content_type, data):
    image = admin.add_product_image(product["id"], data, content_type)
    assert set(image) == {"id", "url", "content_type", "bytes", "sha256"}
    assert image["url"] == "/images/" + image["id"]
    assert image["content_type"] == content_type
    assert image["bytes"] == len(data)
    assert len(image["sha256"]) == 64
    got = store.get_image(image["id"])
    assert got == {"id": image["id"], "content_type": content_type, "bytes": len(data),
                   "sha256": image["sha256"], "data": data}
    assert isinstance(got["data"], bytes)


def test_bytes_like_objects_are_taken(store, admin, product):
    for data in (bytearray(PNG), memoryview(PNG)):
        image = admin.add_product_image(product["id"], data, "image/png")
        assert store.get_image(image["id"])["data"] == PNG
    with pytest.raises(TypeError):
        admin.add_product_image(product["id"], "not bytes", "image/png")


def test_the_product_lists_its_images_in_upload_order(store, admin, product):
    assert store.get_product(product["id"])["images"] == []
    first = admin.add_product_image(product["id"], PNG, "image/png")
    second = admin.add_product_image(product["id"], GIF, "image/gif")
    listed = store.get_product(product["id"])["images"]
    assert listed == [
        {"id": first["id"], "url": first["url"], "content_type": "image/png"},
        {"id": second["id"], "url": second["url"], "content_type": "image/gif"},
    ]


@pytest.mark.parametrize("content_type,data,field", [
    ("image/jpeg", PNG, "content_type"),        # a PNG declared as JPEG
    ("image/png", b"hello, world", "content_type"),  # text declared as PNG
    ("text/plain", PNG, "content_type"),
    ("image/png", PNG[:-1], "image"),           # truncated
    ("image/gif", GIF[:10], "image"),
    ("image/png", b"", "image"),
])
def test_refused_images_name_the_field(store, admin, product, content_type, data, field):
    with pytest.raises(libstore.ValidationError) as raised:
        admin.add_product_image(product["id"], data, content_type)
    assert raised.value.field == field
    assert store.get_product(product["id"])["images"] == []


def test_at_most_five_mebibytes(store, admin, product):
    exact = png(filler=5 * 1024 * 1024 - len(PNG))
    assert len(exact) == 5 * 1024 * 1024
    image = admin.add_product_image(product["id"], exact, "image/png")
    assert store.get_image(image["id"])["data"] == exact
    with pytest.raises(libstore.PayloadTooLargeError):
        admin.add_product_image(product["id"], exact + b"\x00", "image/png")


def test_writes_are_for_catalog_managers(store, admin, client, product):
    with pytest.raises(libstore.ForbiddenError):
        client.add_product_image(product["id"], PNG, "image/png")
    image = admin.add_product_image(product["id"], PNG, "image/png")
    with pytest.raises(libstore.ForbiddenError):
        client.delete_product_image(product["id"], image["id"])
    actions = [entry["action"] for entry in admin.audit()["items"]]
    assert actions[0] == "product.image.add"


def test_delete_and_not_found(store, admin, product):
    image = admin.add_product_image(product["id"], PNG, "image/png")
    with pytest.raises(libstore.NotFoundError):
        admin.add_product_image(MISSING, PNG, "image/png")
    with pytest.raises(libstore.NotFoundError):
        admin.delete_product_image(product["id"], MISSING)
    with pytest.raises(libstore.NotFoundError):
        admin.delete_product_image(MISSING, image["id"])
    admin.delete_product_image(product["id"], image["id"])
    assert store.get_product(product["id"])["images"] == []
    for image_id in (image["id"], "malformed", ""):
        with pytest.raises(libstore.NotFoundError):
            store.get_image(image_id)
    with pytest.raises(libstore.NotFoundError):
        admin.delete_product_image(product["id"], image["id"])


def test_deleting_the_product_deletes_its_images(store, admin, product):
    image = admin.add_product_image(product["id"], PNG, "image/png")
    admin.delete_product(product["id"])
    with pytest.raises(libstore.NotFoundError):
        store.get_image(image["id"])
    assert store.recover()["images_removed"] == 0


def test_get_image_releases_the_gil():
    # Each call blocks for the selection timeout; four in parallel take about one timeout, not
    # four, only if the GIL is released while waiting.
    store = libstore.Store("mongodb://127.0.0.1:9", secret=SECRET, server_selection_timeout_ms=500)
    failures = []

    def get():
        try:
            store.get_image(MISSING)
        except libstore.UnavailableError:
            failures.append(1)

    threads = [threading.Thread(target=get) for _ in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(failures) == 4
    assert time.monotonic() - started < 1.9
