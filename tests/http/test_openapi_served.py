"""GET /openapi.json: every host serves the repository's api/openapi.json byte for byte, as JSON,
to anyone, never for a cache to keep."""

import json

from openapi_document import document_bytes as repository_document


def test_openapi_json_is_the_repository_file_unchanged(client):
    response = client.get("/openapi.json")
    assert response.status == 200, response
    assert response.body == repository_document()
    assert response.header("Content-Type").split(";")[0].strip() == "application/json"


def test_openapi_json_is_an_openapi_3_1_document(client):
    document = json.loads(client.get("/openapi.json").body)
    assert document["openapi"].startswith("3.1"), document.get("openapi")
    assert document["paths"]


def test_openapi_json_is_public_and_no_store(client, admin):
    anonymous = client.get("/openapi.json")
    assert anonymous.header("Cache-Control") == "no-store"
    assert anonymous.header("ETag") is None
    signed_in = admin.get("/openapi.json")
    assert signed_in.status == 200, signed_in
    assert signed_in.body == anonymous.body
    assert signed_in.header("Cache-Control") == "no-store"
