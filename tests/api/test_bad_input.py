"""Bad input gets a 4xx JSON error naming the field (or parameter), never a 500."""

import pytest

from .conftest import etag_of

pytestmark = pytest.mark.django_db

LIST = "/api/v1/organisations/"


@pytest.fixture
def admin_api(users, api_for):
    return api_for(users["national_admin"])


def post_raw(client, body: bytes, content_type="application/json"):
    return client.generic("POST", LIST, body, content_type=content_type)


def assert_error(response, status, field=None):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["detail"] and body["code"]
    if field is not None:
        assert field in body["errors"], body


def test_malformed_json(admin_api):
    assert_error(post_raw(admin_api, b'{"name": "Canop'), 400, field="body")


def test_body_that_is_not_an_object(admin_api):
    assert_error(post_raw(admin_api, b'["a list"]'), 400, field="non_field_errors")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": 12, "kind": "association"}, None),
        ({"name": "Canopé", "kind": "not-a-kind"}, "kind"),
        ({"name": ["a"], "kind": "association"}, "name"),
        ({"name": "Canopé", "kind": "association", "territories": "R27"}, "territories"),
        ({"name": "Canopé", "kind": "association", "territories": ["ZZ9"]}, "territories"),
        ({"name": "Canopé", "kind": "association", "website": "pas une adresse"}, "website"),
        ({"name": "Canopé", "kind": "association", "siren": "123456789"}, "siren"),
        ({"kind": "association"}, "name"),
    ],
)
def test_wrong_types_and_values(admin_api, payload, field):
    response = admin_api.post(LIST, payload, format="json")
    if field is None:  # a number is accepted as a name ("12"), which is fine: no error, no 500
        assert response.status_code == 201
    else:
        assert_error(response, 400, field=field)


def test_unknown_fields_are_refused_by_name(admin_api):
    response = admin_api.post(LIST, {"name": "Canopé", "kind": "association", "colour": "bleu"}, format="json")
    assert_error(response, 400, field="colour")


@pytest.mark.parametrize("field", ["name", "description", "acronym"])
def test_nul_bytes_in_strings(admin_api, field):
    payload = {"name": "Canopé", "kind": "association", field: "avant\x00après"}
    assert_error(admin_api.post(LIST, payload, format="json"), 400, field=field)


@pytest.mark.parametrize(
    "query",
    [
        {"search": "gouver\x00nance"},
        {"kind": "\x00"},
        {"territory": "R2\x007"},
        {"page_size": "\x00"},
    ],
)
def test_nul_bytes_in_parameters(admin_api, query):
    response = admin_api.get(LIST, query)
    assert_error(response, 400, field=next(iter(query)))


def test_nul_bytes_in_a_lookup(admin_api):
    assert_error(admin_api.get("/api/v1/territories/R2%007/"), 404)


@pytest.mark.parametrize("value", [10**30, -(10**30), "99999999999999999999999999"])
def test_huge_integers(admin_api, value):
    response = admin_api.get(f"/api/v1/organisations/{value}/")
    assert_error(response, 404)
    response = admin_api.get(LIST, {"page": value})
    assert_error(response, 404)
    response = admin_api.get(LIST, {"page_size": value})
    assert_error(response, 400, field="page_size")


def test_unknown_ids(admin_api):
    assert_error(admin_api.get("/api/v1/organisations/987654/"), 404)
    assert_error(admin_api.get("/api/v1/territories/R99/"), 404)
    assert_error(admin_api.patch("/api/v1/organisations/987654/", {}, format="json", HTTP_IF_MATCH="*"), 404)


@pytest.mark.parametrize("page_size", ["0", "201", "-1", "beaucoup"])
def test_oversized_or_bad_page_sizes(admin_api, page_size):
    assert_error(admin_api.get(LIST, {"page_size": page_size}), 400, field="page_size")


def test_largest_page_size_is_accepted(admin_api):
    assert admin_api.get(LIST, {"page_size": 200}).status_code == 200


def test_duplicate_siren_is_named(admin_api, organisations):
    organisations["bfc"].siren = "130018351"
    organisations["bfc"].save()
    response = admin_api.post(LIST, {"name": "Doublon", "kind": "region", "siren": "130018351"}, format="json")
    assert_error(response, 400, field="siren")


def test_wrong_type_on_update(admin_api, organisations):
    url = f"/api/v1/organisations/{organisations['bfc'].pk}/"
    response = admin_api.patch(url, {"territories": [1, 2]}, format="json", HTTP_IF_MATCH=etag_of(admin_api, url))
    assert_error(response, 400, field="territories")
