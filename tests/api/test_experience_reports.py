"""Experience reports written through the API with the workflow of the pages: a partner writes a draft,
submits it, the reviewers of its territory publish it or return it with a comment; changing a published
report writes a new revision. Another person's draft is an unknown id; the public reads published
reports only, without their author; bad input is named by field."""

import pytest

from retex.models import ExperienceReport, ReportStatus
from tests.factories import UserFactory, territory
from tests.retex.factories import ReportFactory, theme

from .conftest import etag_of
from .conftest import expect as matrix_row

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "author", "other_partner", "editor", "other_editor", "national_admin")
LIST = "/api/v1/experience-reports/"


def expect(*statuses):
    return matrix_row(*statuses, roles=ROLES)


def url_of(report, action=""):
    return f"{LIST}{report.pk}/" + (f"{action}/" if action else "")


@pytest.fixture
def people(users):
    """The roles of the matrix: the partner who writes the reports, another partner, an editor of the
    reports' territory (R27) and one of another territory (Corse)."""
    return {
        "anonymous": None,
        "author": users["partner"],
        "other_partner": UserFactory(partner=True),
        "editor": users["editor"],
        "other_editor": UserFactory(editor=True, territory_code="R94"),
        "national_admin": users["national_admin"],
    }


def _report(author, status):
    traits = {status: True} if status != "draft" else {}
    return ReportFactory(author=author, **traits)


def _act(client, action, report, etag_client):
    url = url_of(report)
    if action == "retrieve":
        return client.get(url)
    if action == "update":
        return client.patch(url, {"title": "Nouveau titre"}, format="json", HTTP_IF_MATCH=etag_of(etag_client, url))
    if action == "destroy":
        return client.delete(url, HTTP_IF_MATCH=etag_of(etag_client, url))
    body = {"comment": "Précisez les chiffres."} if action == "return" else {}
    return client.post(url_of(report, action), body, format="json")


MATRIX = [
    # A draft: its author alone sees it; anyone else meets an unknown id.
    ("draft", "retrieve", expect(404, 200, 404, 404, 404, 404)),
    ("draft", "update", expect(401, 200, 404, 404, 404, 404)),
    ("draft", "destroy", expect(401, 204, 404, 404, 404, 404)),
    ("draft", "submit", expect(401, 200, 404, 404, 404, 404)),
    ("draft", "publish", expect(401, 403, 404, 404, 404, 404)),
    ("draft", "return", expect(401, 403, 404, 404, 404, 404)),
    # Submitted: the reviewers of its territory read it and publish or return it; nobody changes it.
    ("submitted", "retrieve", expect(404, 200, 404, 200, 404, 200)),
    ("submitted", "update", expect(401, 403, 404, 403, 404, 403)),
    ("submitted", "destroy", expect(401, 403, 404, 403, 404, 403)),
    ("submitted", "submit", expect(401, 403, 404, 403, 404, 403)),
    ("submitted", "publish", expect(401, 403, 404, 200, 404, 200)),
    ("submitted", "return", expect(401, 403, 404, 200, 404, 200)),
    # Returned: back in the author's hands, blocked from publication until resubmitted; never deleted.
    ("returned", "retrieve", expect(404, 200, 404, 200, 404, 200)),
    ("returned", "update", expect(401, 200, 404, 403, 404, 403)),
    ("returned", "destroy", expect(401, 403, 404, 403, 404, 403)),
    ("returned", "submit", expect(401, 200, 404, 403, 404, 403)),
    ("returned", "publish", expect(401, 403, 404, 403, 404, 403)),
    ("returned", "return", expect(401, 403, 404, 403, 404, 403)),
    # Published: everyone reads it; its author's change is a new revision (201).
    ("published", "retrieve", expect(200, 200, 200, 200, 200, 200)),
    ("published", "update", expect(401, 201, 403, 403, 403, 403)),
    ("published", "destroy", expect(401, 403, 403, 403, 403, 403)),
    ("published", "submit", expect(401, 403, 403, 403, 403, 403)),
    ("published", "publish", expect(401, 403, 403, 403, 403, 403)),
    ("published", "return", expect(401, 403, 403, 403, 403, 403)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("status", "action", "expected"), MATRIX, ids=lambda v: str(v)[:10])
def test_report_matrix(role, status, action, expected, people, api_for):
    report = _report(people["author"], status)
    before = ExperienceReport.objects.values_list("status", "version").get(pk=report.pk)
    response = _act(api_for(people[role]), action, report, api_for(people["author"]))
    assert response.status_code == expected[role], response.content
    if response.status_code >= 400:
        assert ExperienceReport.objects.values_list("status", "version").get(pk=report.pk) == before
    if response.status_code == 404:
        assert report.title not in response.content.decode()


@pytest.mark.parametrize(("role", "expected"), list(expect(401, 201, 201, 201, 201, 201).items()))
def test_create_a_draft(role, expected, people, api_for):
    payload = {"title": "Prêt de tablettes", "themes": [1, 2], "territory": "A03"}
    response = api_for(people[role]).post(LIST, payload, format="json")
    assert response.status_code == expected, response.content
    if expected == 201:
        body = response.json()
        report = ExperienceReport.objects.get(pk=body["id"])
        assert (report.author, report.status, report.territory.code) == (people[role], ReportStatus.DRAFT, "A03")
        assert body["themes"] == [1, 2] and body["status"] == "draft" and response["ETag"]
        membership = people[role].memberships.filter(organisation__isnull=False).first()
        assert body["organisation"] == (membership.organisation.slug if membership else None)
        assert body["abilities"] == {"view": True, "change": True, "delete": True}
        assert "author" not in body
    else:
        assert not ExperienceReport.objects.exists()


def test_the_whole_workflow(people, api_for):
    """Draft → submitted → returned → resubmitted → published → new revision → published in its place."""
    author, editor = api_for(people["author"]), api_for(people["editor"])
    created = author.post(LIST, {"title": "Prêt de tablettes"}, format="json").json()
    report = ExperienceReport.objects.get(pk=created["id"])
    url = url_of(report)
    complete = {
        "summary": "Des tablettes prêtées aux familles.",
        "territory": "R27",
        "themes": [1],
        "strengths": "Lien avec les familles",
        "pain_points": "Maintenance",
    }
    assert author.patch(url, complete, format="json", HTTP_IF_MATCH=etag_of(author, url)).status_code == 200
    submitted = author.post(url_of(report, "submit"))
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert submitted["ETag"] == etag_of(author, url)
    returned = editor.post(url_of(report, "return"), {"comment": "Précisez les chiffres."}, format="json")
    assert returned.status_code == 200, returned.content
    assert returned.json()["review_comment"] == "Précisez les chiffres."
    change = {"pain_points": "Maintenance : 2 h par semaine"}
    assert author.patch(url, change, format="json", HTTP_IF_MATCH=etag_of(author, url)).status_code == 200
    assert author.post(url_of(report, "submit")).status_code == 200
    published = editor.post(url_of(report, "publish"))
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert api_for(None).get(url).json()["pain_points"] == change["pain_points"]

    # Changing the published report writes a revision; the published one stays online meanwhile.
    revised = author.put(
        url,
        {**author.get(url).json(), "title": "Prêt de tablettes, 2e année"},
        format="json",
        HTTP_IF_MATCH=etag_of(author, url),
    )
    assert revised.status_code == 201, revised.content
    revision = ExperienceReport.objects.get(pk=revised.json()["id"])
    assert revised["Location"].endswith(url_of(revision))
    assert revised["ETag"] == etag_of(author, url_of(revision))
    assert (revision.status, revision.revision_of, revision.title) == ("draft", report, "Prêt de tablettes, 2e année")
    assert api_for(None).get(url).json()["title"] == "Prêt de tablettes"
    again = author.patch(url, {"title": "Encore"}, format="json", HTTP_IF_MATCH=etag_of(author, url))
    assert again.status_code == 403, "one pending revision at a time: it is the one to change"
    assert author.post(url_of(revision, "submit")).status_code == 200
    assert editor.post(url_of(revision, "publish")).status_code == 200
    report.refresh_from_db()
    assert report.status == ReportStatus.SUPERSEDED
    public = api_for(None).get(LIST).json()["results"]
    assert [item["id"] for item in public] == [revision.pk]


def test_deleting_a_draft_revision_keeps_the_published_report(people, api_for):
    author = api_for(people["author"])
    report = _report(people["author"], "published")
    url = url_of(report)
    revision_id = author.patch(url, {"title": "Révision"}, format="json", HTTP_IF_MATCH=etag_of(author, url)).json()[
        "id"
    ]
    revision_url = f"{LIST}{revision_id}/"
    assert author.delete(revision_url, HTTP_IF_MATCH=etag_of(author, revision_url)).status_code == 204
    assert list(ExperienceReport.objects.values_list("pk", "status")) == [(report.pk, ReportStatus.PUBLISHED)]


def test_if_match_is_required_and_checked(people, api_for):
    author = api_for(people["author"])
    report = _report(people["author"], "draft")
    url = url_of(report)
    assert author.patch(url, {"title": "Sans ETag"}, format="json").status_code == 428
    assert author.delete(url).status_code == 428
    etag = etag_of(author, url)
    assert author.patch(url, {"title": "Premier"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    stale = author.patch(url, {"title": "Second"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412, stale.content
    assert stale.json()["current"]["title"] == "Premier"
    assert author.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    fresh = author.patch(url, {"title": "Second"}, format="json", HTTP_IF_MATCH=stale["ETag"])
    assert fresh.status_code == 200 and fresh["ETag"] != stale["ETag"]
    # A workflow step moves the ETag too.
    author.post(url_of(report, "submit"))
    assert etag_of(author, url) != fresh["ETag"]


def assert_field_errors(response, fields):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and set(fields) <= set(body["errors"]), body
    return body["errors"]


def test_submit_names_each_missing_field(people, api_for):
    author = api_for(people["author"])
    created = author.post(LIST, {"link": "https://exemple.fr"}, format="json").json()
    report = ExperienceReport.objects.get(pk=created["id"])
    errors = assert_field_errors(author.post(url_of(report, "submit")), report.missing_for_submission())
    assert set(errors) == {"title", "summary", "territory", "strengths", "pain_points", "themes"}
    assert errors["title"] == ["Renseignez « titre » avant de soumettre."]
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


@pytest.mark.parametrize("body", [{}, {"comment": ""}, {"comment": "   "}, {"comment": None}])
def test_return_needs_a_comment(body, people, api_for):
    report = _report(people["author"], "submitted")
    response = api_for(people["editor"]).post(url_of(report, "return"), body, format="json")
    errors = assert_field_errors(response, ["comment"])
    assert errors["comment"] == ["Expliquez à l'auteur ce qu'il doit modifier : le commentaire est obligatoire."]
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"comment": "a\x00b"}, "comment"),
        ({"comment": "<script>alert(1)</script>"}, "comment"),
        ({"comment": ["x"]}, "comment"),
        ({"comment": "x", "decision": "publish"}, "decision"),
    ],
)
def test_return_bad_input(body, field, people, api_for):
    report = _report(people["author"], "submitted")
    assert_field_errors(api_for(people["editor"]).post(url_of(report, "return"), body, format="json"), [field])


def test_a_second_publication_is_refused(people, api_for):
    report = _report(people["author"], "submitted")
    editor = api_for(people["editor"])
    assert editor.post(url_of(report, "publish")).status_code == 200
    assert api_for(people["national_admin"]).post(url_of(report, "publish")).status_code == 403


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "a\x00b"}, "title"),
        ({"title": ["Titre"]}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"summary": "x" * 401}, "summary"),
        ({"strengths": "<b>gras</b>"}, "strengths"),
        ({"pain_points": {"a": 1}}, "pain_points"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"link": "https://exemple.fr/\x00"}, "link"),
        ({"themes": [99]}, "themes"),
        ({"themes": [10**30]}, "themes"),
        ({"themes": ["1\x00"]}, "themes"),
        ({"themes": 1}, "themes"),
        ({"territory": "D25"}, "territory"),
        ({"territory": "R27\x00"}, "territory"),
        ({"territory": 10**30}, "territory"),
        ({"colour": "bleu"}, "colour"),
        ({"author": 1}, "author"),
    ],
)
@pytest.mark.parametrize("method", ["post", "patch"])
def test_bad_input_names_the_field(method, payload, field, people, api_for):
    author = api_for(people["author"])
    if method == "post":
        response = author.post(LIST, payload, format="json")
    else:
        report = _report(people["author"], "draft")
        url = url_of(report)
        response = author.patch(url, payload, format="json", HTTP_IF_MATCH=etag_of(author, url))
    assert_field_errors(response, [field])
    assert ExperienceReport.objects.count() == (0 if method == "post" else 1)


def test_read_only_fields_are_not_written(people, api_for):
    author = api_for(people["author"])
    report = _report(people["author"], "draft")
    url = url_of(report)
    payload = {"status": "published", "published_at": "2020-01-01T00:00:00Z", "version": 10**30, "organisation": "x"}
    response = author.patch(url, payload, format="json", HTTP_IF_MATCH=etag_of(author, url))
    assert response.status_code == 200, response.content
    report.refresh_from_db()
    assert (report.status, report.published_at) == (ReportStatus.DRAFT, None)


def test_the_public_reads_published_reports_without_their_author(people, api_for):
    published = _report(people["author"], "published")
    for status in ("draft", "submitted", "returned"):
        _report(people["author"], status)
    ReportFactory(published=True, territory=territory("R94"), themes=[theme(2)])
    body = api_for(None).get(LIST).json()
    assert {item["status"] for item in body["results"]} == {"published"}
    assert len(body["results"]) == 2
    detail = api_for(None).get(url_of(published)).json()
    assert detail["organisation"] == published.organisation.slug
    text = str(body) + str(detail)
    assert people["author"].email not in text and people["author"].last_name not in text
    assert "author" not in detail
    assert detail["abilities"] == {"view": True, "change": False, "delete": False}


def test_deleting_a_draft_removes_its_attachments(people, api_for, django_capture_on_commit_callbacks):
    from retex.models import Attachment
    from tests.retex.factories import AttachmentFactory

    attachment = AttachmentFactory(report=_report(people["author"], "draft"))
    storage, name = attachment.file.storage, attachment.file.name
    author = api_for(people["author"])
    url = url_of(attachment.report)
    with django_capture_on_commit_callbacks(execute=True):
        assert author.delete(url, HTTP_IF_MATCH=etag_of(author, url)).status_code == 204
    assert not Attachment.objects.exists()
    assert not storage.exists(name)
