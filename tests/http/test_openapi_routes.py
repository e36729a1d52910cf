"""Every host's routes and methods are those of the OpenAPI document (api/openapi.json): the
document is the contract, so a route it lacks, or one it has that a host does not serve, is a
bug in one or the other. The Python hosts share one route table (libstore.http.routes); every
host, the C one included, is asked over HTTP which methods each documented path allows."""

from libstore.http import ROUTES
from openapi_document import concrete, document, operations, path_methods


def documented_operations():
    return {(method.upper(), path) for path, method in operations()}


def test_the_document_is_openapi_3_1_with_one_id_per_operation():
    spec = document()
    assert spec["openapi"].startswith("3.1.")
    ids = [operation["operationId"] for operation in operations(spec).values()]
    assert len(ids) == len(set(ids)), "operationIds repeat"
    assert len(ids) == len(documented_operations())


def test_the_python_hosts_route_table_is_the_document():
    served = {(route.method, route.path) for route in ROUTES}
    documented = documented_operations()
    assert served - documented == set(), "served but not documented"
    assert documented - served == set(), "documented but not served"


def test_every_documented_path_allows_exactly_its_documented_methods(client):
    for path, expected in path_methods().items():
        response = client.request("OPTIONS", concrete(path, "0" * 24))
        assert response.status == 204, (path, response)
        assert response.headers["Allow"] == expected, path


def test_an_undocumented_path_is_404(client):
    response = client.request("OPTIONS", "/products/%s/reviews" % ("0" * 24))
    assert response.status == 404
    assert response.json["error"]["code"] == "not_found"
