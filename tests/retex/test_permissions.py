"""The permission matrix of the RETEX pages: role × object × action → HTTP status.

Roles are on the région académique Bourgogne-Franche-Comté (R27); "author" is the partner who wrote the
report; the session's facilitator is a plain account.
"""

import pytest
from django.urls import reverse

from tests.conftest import MATRIX_ROLES
from tests.factories import UserFactory

from .factories import ReportFactory, SessionFactory

pytestmark = pytest.mark.django_db

ROLES = (*MATRIX_ROLES, "author", "other_territory_editor", "facilitator")


@pytest.fixture
def world(users):
    author = UserFactory(partner=True)
    facilitator = UserFactory()
    people = {
        **users,
        "author": author,
        "other_territory_editor": UserFactory(editor=True, territory_code="R94"),
        "facilitator": facilitator,
    }
    objects = {
        "draft": ReportFactory(author=author),
        "submitted": ReportFactory(author=author, submitted=True),
        "returned": ReportFactory(author=author, returned=True),
        "published": ReportFactory(author=author, published=True),
        "session": SessionFactory(facilitators=[facilitator]),
        "published_session": SessionFactory(published=True),
    }
    return people, objects


def step(report):
    return reverse("retex:report_step", args=[report.pk, "identite"])


def detail(report):
    return reverse("retex:report_detail", args=[report.pk])


def review(report):
    return reverse("retex:report_review", args=[report.pk])


def record(session):
    return reverse("retex:session_record", args=[session.slug])


# (object, url builder, expected status per role in ROLES order)
#           anon partner editor t_admin n_admin author other_ed facilitator
MATRIX = [
    ("draft", detail, (404, 404, 404, 404, 404, 200, 404, 404)),
    ("draft", step, (302, 404, 404, 404, 404, 200, 404, 404)),
    ("submitted", detail, (404, 404, 200, 200, 200, 200, 404, 404)),
    ("submitted", step, (302, 404, 403, 403, 403, 403, 404, 404)),
    ("submitted", review, (302, 404, 200, 200, 200, 403, 404, 404)),
    ("returned", step, (302, 404, 403, 403, 403, 200, 404, 404)),
    ("returned", review, (302, 404, 403, 403, 403, 403, 404, 404)),
    ("published", detail, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("published", step, (302, 403, 403, 403, 403, 403, 403, 403)),
    ("session", record, (302, 404, 200, 200, 200, 404, 404, 200)),
    ("session", lambda s: s.get_absolute_url(), (404, 404, 200, 200, 200, 404, 404, 200)),
    ("published_session", lambda s: s.get_absolute_url(), (200, 200, 200, 200, 200, 200, 200, 200)),
    ("published_session", record, (302, 403, 200, 200, 200, 403, 403, 403)),
]
PAGES = [
    ("retex:report_list", (200, 200, 200, 200, 200, 200, 200, 200)),
    ("retex:event_list", (200, 200, 200, 200, 200, 200, 200, 200)),
    ("retex:my_reports", (302, 200, 200, 200, 200, 200, 200, 200)),
    ("retex:review_queue", (302, 403, 200, 200, 200, 403, 200, 403)),
    ("retex:invite_partner", (302, 403, 403, 200, 200, 403, 403, 403)),
]


@pytest.mark.parametrize(("object_name", "url", "expected"), MATRIX)
def test_object_pages(world, client_for, object_name, url, expected):
    people, objects = world
    target = url(objects[object_name])
    for role, status in zip(ROLES, expected, strict=True):
        response = client_for(people[role]).get(target)
        assert response.status_code == status, f"{role} GET {target}: expected {status}, got {response.status_code}"


@pytest.mark.parametrize(("url_name", "expected"), PAGES)
def test_pages(world, client_for, url_name, expected):
    people, _objects = world
    for role, status in zip(ROLES, expected, strict=True):
        response = client_for(people[role]).get(reverse(url_name))
        assert response.status_code == status, f"{role} GET {url_name}: expected {status}, got {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_only_reviewers_of_the_territory_publish(world, client_for, role):
    people, objects = world
    report = objects["submitted"]
    client_for(people[role]).post(review(report), {"decision": "publish"})
    report.refresh_from_db()
    expected = "published" if role in ("editor", "territorial_admin", "national_admin") else "submitted"
    assert report.status == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_the_author_edits_a_returned_report(world, client_for, role):
    people, objects = world
    report = objects["returned"]
    client_for(people[role]).post(step(report), {"title": "Changé", "version": report.version})
    report.refresh_from_db()
    assert (report.title == "Changé") == (role == "author")


@pytest.mark.parametrize("role", ROLES)
def test_only_facilitators_and_territory_staff_record_a_session(world, client_for, role):
    people, objects = world
    session = objects["session"]
    url = reverse("retex:record_add", args=[session.slug, "projections"])
    data = {"projections-version": 1, "projections-pain_point": "a", "projections-need": "b", "projections-lever": "c"}
    client_for(people[role]).post(url, data)
    allowed = role in ("editor", "territorial_admin", "national_admin", "facilitator")
    assert session.projection_set.exists() == allowed
