"""Product images over HTTP, on every host: uploads of each type with the raw body, the public
download with its ETag, Cache-Control and 304, the product's list, deletion alone and with the
product, and the 404s (select with `-k images`)."""

import hashlib

import pytest

from image_samples import GIF, PNG, SAMPLES, png_of_size

MISSING = "0123456789abcdef01234567"


@pytest.fixture
def product(admin):
    created = admin.post("/products", {"name": "Lamp", "price": 10, "stock": 3})
    assert created.status == 201, created
    return created.json


def upload(caller, product_id, data, content_type):
    return caller.post("/products/%s/images" % product_id, raw=data,
                       headers={"Content-Type": content_type})


@pytest.mark.parametrize("content_type", sorted(SAMPLES))
def test_upload_and_download_each_type(client, admin, product, content_type):
    data = SAMPLES[content_type]
    uploaded = upload(admin, product["id"], data, content_type)
    assert uploaded.status == 201, uploaded
    image = uploaded.json
    sha256 = hashlib.sha256(data).hexdigest()
    assert image == {"id": image["id"], "url": "/images/" + image["id"],
                     "content_type": content_type, "bytes": len(data), "sha256": sha256}

    got = client.get(image["url"])
    assert got.status == 200, got
    assert got.body == data
    assert got.header("Content-Type") == content_type
    assert got.header("ETag") == '"%s"' % sha256
    assert got.header("Cache-Control") == "public, max-age=86400, immutable"


def test_if_none_match_is_304_without_a_body(client, admin, product):
    image = upload(admin, product["id"], PNG, "image/png").json
    tag = '"%s"' % image["sha256"]
    for if_none_match in (tag, "W/" + tag, '"other", ' + tag, "*"):
        again = client.get(image["url"], headers={"If-None-Match": if_none_match})
        assert again.status == 304, (if_none_match, again)
        assert again.body == b""
        assert again.header("ETag") == tag
        assert again.header("Cache-Control") == "public, max-age=86400, immutable"
    stale = client.get(image["url"], headers={"If-None-Match": '"%s"' % ("0" * 64)})
    assert stale.status == 200
    assert stale.body == PNG


def test_the_product_lists_its_images_in_upload_order(client, admin, product):
    assert client.get("/products/" + product["id"]).json["images"] == []
    first = upload(admin, product["id"], PNG, "image/png").json
    second = upload(admin, product["id"], GIF, "image/gif").json
    listed = client.get("/products/" + product["id"]).json["images"]
    assert listed == [
        {"id": first["id"], "url": first["url"], "content_type": "image/png"},
        {"id": second["id"], "url": second["url"], "content_type": "image/gif"},
    ]
    page = client.get("/products").json
    assert page["items"][0]["images"] == listed


def test_five_mebibytes_is_accepted(client, admin, product):
    data = png_of_size(5 * 1024 * 1024)
    uploaded = upload(admin, product["id"], data, "image/png")
    assert uploaded.status == 201, uploaded
    assert uploaded.json["bytes"] == len(data)
    assert client.get(uploaded.json["url"]).body == data


def test_delete_an_image(client, admin, product):
    image = upload(admin, product["id"], PNG, "image/png").json
    kept = upload(admin, product["id"], GIF, "image/gif").json
    deleted = admin.delete("/products/%s/images/%s" % (product["id"], image["id"]))
    assert deleted.status == 204, deleted
    assert deleted.body == b""
    gone = client.get(image["url"])
    assert gone.status == 404
    assert gone.json["error"]["code"] == "not_found"
    assert [i["id"] for i in client.get("/products/" + product["id"]).json["images"]] == [
        kept["id"]]
    again = admin.delete("/products/%s/images/%s" % (product["id"], image["id"]))
    assert again.status == 404


def test_deleting_the_product_deletes_its_images(client, admin, product):
    image = upload(admin, product["id"], PNG, "image/png").json
    assert admin.delete("/products/" + product["id"]).status == 204
    assert client.get(image["url"]).status == 404


def test_not_found(client, admin, product):
    image = upload(admin, product["id"], PNG, "image/png").json
    other = admin.post("/products", {"name": "Desk", "price": 50, "stock": 1}).json
    for path in ("/images/" + MISSING, "/images/not-an-id", "/images/" + "A" * 24):
        response = client.get(path)
        assert response.status == 404, path
        assert response.json["error"]["code"] == "not_found"
        assert response.header("Content-Type").startswith("application/json")
    missing = upload(admin, MISSING, PNG, "image/png")
    assert missing.status == 404
    for product_id, image_id in ((other["id"], image["id"]), (product["id"], MISSING),
                                 (MISSING, image["id"]), (product["id"], "bad")):
        response = admin.delete("/products/%s/images/%s" % (product_id, image_id))
        assert response.status == 404, (product_id, image_id)
    assert client.get(image["url"]).status == 200
