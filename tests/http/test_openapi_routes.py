"""Every host's routes and methods are those of the OpenAPI document (api/openapi.json): the
document is the contract, so a route it lacks, or one it has that a host does not serve, is a
bug in one or the other. The Python hosts share one route table (libstore.http.routes); every
host, the C one included, is asked over HTTP which methods each documented path allows."""

import json
import os
import re

import pytest

from hosts import SOURCE_DIR
from libstore.http import ROUTES

METHODS = ("get", "post", "put", "patch", "delete")
METHOD_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")


def document():
    with open(os.path.join(SOURCE_DIR, "api", "openapi.json"), encoding="utf-8") as source:
        return json.load(source)


def documented_operations():
    return {(method.upper(), path) for path, item in document()["paths"].items()
            for method in item if method in METHODS}


def test_the_document_is_openapi_3_1_with_one_id_per_operation():
    spec = document()
    assert spec["openapi"].startswith("3.1.")
    ids = [operation["operationId"] for item in spec["paths"].values()
           for method, operation in item.items() if method in METHODS]
    assert len(ids) == len(set(ids)), "operationIds repeat"
    assert len(ids) == len(documented_operations())


def test_the_python_hosts_route_table_is_the_document():
    served = {(route.method, route.path) for route in ROUTES}
    documented = documented_operations()
    assert served - documented == set(), "served but not documented"
    assert documented - served == set(), "documented but not served"


def test_every_documented_path_allows_exactly_its_documented_methods(client):
    spec = document()
    for path, item in spec["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "0" * 24, path)
        response = client.request("OPTIONS", concrete)
        assert response.status == 204, (path, response)
        expected = ", ".join(m for m in METHOD_ORDER if m.lower() in item)
        assert response.headers["Allow"] == expected, path


def test_an_undocumented_path_is_404(client):
    response = client.request("OPTIONS", "/products/%s/reviews" % ("0" * 24))
    assert response.status == 404
    assert response.json["error"]["code"] == "not_found"
