"""No object of another territory or organisation is readable or writable through any route (IDOR).

The users of the matrix hold their roles on Bourgogne-Franche-Comté (R27), the partner in his own
organisation; the objects come from the domains' `build_world` (tests/<app>/routes.py), with twins in
Corse (R94) and in another organisation. Each request below is made by someone who must not reach the
object: the answer is a 403 or a 404 (never a page, never a redirect after a write), and the object is
unchanged. Routes that only accept POST are checked here for the roles the matrix cannot (a GET is a 405).
"""

import pytest
from django.urls import reverse

from commons_portal.accounts.models import Invitation
from commons_portal.jobs.models import PdfJob
from partners.models import CommonsAdoption, Contact, Organisation, Partnership, PartnershipDocument, PartnershipParty
from retex.models import DiagnosticRow, ExperienceReport, Session
from roadmaps.models import Action as RoadmapAction
from roadmaps.models import Axis, IndicatorValue, Roadmap
from tests.factories import territory

from .routes import World, world_builders

pytestmark = pytest.mark.django_db

REFUSED = (403, 404)
STAFF_ROLES = ("editor", "territorial_admin")  # R27 staff, who must not reach Corse's objects
LOGGED_IN_ROLES = ("partner", "editor", "territorial_admin")


def _retex_objects(prefix: str, code: str, author) -> dict:
    """A draft (with a file), a submitted and a published report of `author`, and an unpublished
    session with a diagnostic row and an action plan item, in the territory `code`."""
    from tests.retex.factories import (
        ActionPlanItemFactory,
        AttachmentFactory,
        DiagnosticRowFactory,
        EventFactory,
        ReportFactory,
        SessionFactory,
    )

    organisation = author.memberships.get().organisation
    place = {"territory": territory(code), "author": author, "organisation": organisation}
    draft = ReportFactory(**place)
    session = SessionFactory(event=EventFactory(territory=territory(code)))
    return {
        f"{prefix}draft": draft,
        f"{prefix}draft_attachment": AttachmentFactory(report=draft),
        f"{prefix}submitted": ReportFactory(**place, submitted=True),
        f"{prefix}published": ReportFactory(**place, published=True),
        f"{prefix}session": session,
        f"{prefix}diagnostic": DiagnosticRowFactory(session=session),
        f"{prefix}action_item": ActionPlanItemFactory(session=session),
    }


@pytest.fixture
def world(users, make_user):
    """The matrix's world, plus RETEX objects of the partner in R27 and of another partner in R94."""
    from tests.factories import UserFactory
    from tests.retex.factories import ReportFactory

    world = World(users=users)
    for build in world_builders():
        build(world, make_user)
    world.objects.update(_retex_objects("idor.retex.", "R27", users["partner"]))
    other_author = UserFactory(partner=True)
    world.objects.update(_retex_objects("idor.retex.other_", "R94", other_author))
    # Another partner's draft in the users' own territory: the partner must not reach it either.
    world.objects["idor.retex.foreign_draft"] = ReportFactory(
        territory=territory("R27"), author=other_author, organisation=other_author.memberships.get().organisation
    )
    return world


@pytest.fixture
def as_role(world, client_for):
    def make(role):
        client = client_for(world.users[role])
        client.raise_request_exception = False
        return client

    return make


def assert_refused(response, what: str):
    assert response.status_code in REFUSED, f"{what}: {response.status_code} (expected 403 or 404)"


def _snapshot(obj, *fields):
    obj.refresh_from_db()
    return {name: getattr(obj, name) for name in (*fields, "version") if hasattr(obj, name)}


# --- roadmaps: a draft of another territory, and a partner on the users' own draft -------------------------


def _roadmap_urls(roadmap):
    axis = roadmap.axes.first()
    indicator = roadmap.indicators.first()
    value = indicator.values.first()
    slug = roadmap.slug
    object_kwargs = {"slug": slug, "kind": "axe", "pk": axis.pk}
    return {
        "get": [
            reverse("roadmaps:detail", kwargs={"slug": slug}),
            reverse("roadmaps:edit", kwargs={"slug": slug}),
            reverse("roadmaps:delete", kwargs={"slug": slug}),
            reverse("roadmaps:compare", kwargs={"slug": slug}),
            reverse("roadmaps:history", kwargs={"slug": slug}),
            reverse("roadmaps:object_history", kwargs=object_kwargs),
            reverse("roadmaps:indicator", kwargs={"slug": slug, "pk": indicator.pk}),
            reverse("roadmaps:object_add", kwargs={"slug": slug, "kind": "axe"}),
            reverse("roadmaps:object_edit", kwargs=object_kwargs),
        ],
        "post": [
            (reverse("roadmaps:object_edit", kwargs=object_kwargs), {"title": "Piraté", "version": axis.version}),
            (reverse("roadmaps:object_add", kwargs={"slug": slug, "kind": "axe"}), {"title": "Axe pirate"}),
            (reverse("roadmaps:object_move", kwargs=object_kwargs), {"direction": "down"}),
            (reverse("roadmaps:object_delete", kwargs=object_kwargs), {}),
            (reverse("roadmaps:transition", kwargs={"slug": slug, "transition": "submit"}), {}),
            (reverse("roadmaps:transition", kwargs={"slug": slug, "transition": "validate"}), {}),
            (reverse("roadmaps:new_version", kwargs={"slug": slug}), {}),
            (
                reverse("roadmaps:indicator_value_add", kwargs={"slug": slug, "pk": indicator.pk}),
                {"value": "99", "school_year": "2025"},
            ),
            (
                reverse(
                    "roadmaps:indicator_value_delete",
                    kwargs={"slug": slug, "pk": indicator.pk, "value_pk": value.pk},
                ),
                {},
            ),
            (reverse("roadmaps:delete", kwargs={"slug": slug}), {}),
        ],
    }


def _roadmap_state(roadmap):
    roadmap.refresh_from_db()
    return {
        "roadmap": (roadmap.status, roadmap.version, roadmap.title),
        "axes": sorted(Axis.objects.filter(roadmap=roadmap).values_list("pk", "title", "position", "version")),
        "values": sorted(IndicatorValue.objects.filter(indicator__roadmap=roadmap).values_list("pk", "value")),
        "roadmaps": Roadmap.objects.count(),
    }


@pytest.mark.parametrize(
    ("role", "key"),
    [
        ("editor", "roadmaps.other_draft"),
        ("territorial_admin", "roadmaps.other_draft"),
        ("partner", "roadmaps.other_draft"),
        ("partner", "roadmaps.draft"),
    ],
)
def test_a_draft_roadmap_is_out_of_reach_outside_its_territory(world, as_role, role, key):
    roadmap = world.objects[key]
    urls = _roadmap_urls(roadmap)
    client = as_role(role)
    before = _roadmap_state(roadmap)
    for url in urls["get"]:
        assert_refused(client.get(url), f"GET {url} as {role}")
    for url, data in urls["post"]:
        assert_refused(client.post(url, data), f"POST {url} as {role}")
    assert _roadmap_state(roadmap) == before


def test_a_partner_cannot_write_a_published_roadmap(world, as_role):
    roadmap = world.objects["roadmaps.published"]
    axis = roadmap.axes.first()
    client = as_role("partner")
    before = _roadmap_state(roadmap)
    for url, data in [
        (reverse("roadmaps:object_edit", kwargs={"slug": roadmap.slug, "kind": "axe", "pk": axis.pk}), {"title": "X"}),
        (reverse("roadmaps:new_version", kwargs={"slug": roadmap.slug}), {}),
        (reverse("roadmaps:transition", kwargs={"slug": roadmap.slug, "transition": "archive"}), {}),
    ]:
        assert_refused(client.post(url, data), f"POST {url} as partner")
    assert _roadmap_state(roadmap) == before


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_an_import_cannot_land_in_another_territory(world, as_role, role):
    """The import form offers only the territories one writes in; the shipped model document parses
    (the control with R27), so the refusal for R94 is the territory's."""
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    import roadmaps

    model = (Path(roadmaps.__file__).parent / "demo" / "national-2023-2027.md").read_bytes()
    client = as_role(role)
    url = reverse("roadmaps:import")

    def upload(code):
        document = SimpleUploadedFile("fdr.md", model, "text/markdown")
        return client.post(url, {"territory": territory(code).pk, "document": document})

    assert upload("R27").status_code == 200
    assert client.session["roadmaps_import_preview"]["territory"] == territory("R27").pk
    count = Roadmap.objects.count()
    response = upload("R94")
    assert response.status_code < 500
    assert client.session["roadmaps_import_preview"]["territory"] != territory("R94").pk
    session = client.session
    session["roadmaps_import_preview"]["territory"] = territory("R94").pk  # a forged pending import
    session.save()
    assert_refused(client.post(url, {"confirm": "1"}), f"confirming an import into R94 as {role}")
    assert Roadmap.objects.count() == count


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_a_roadmap_cannot_be_created_in_another_territory(world, as_role, role):
    before = Roadmap.objects.count()
    response = as_role(role).post(
        reverse("roadmaps:create"),
        {"territory": territory("R94").pk, "title": "Feuille pirate", "period_start": 2025, "period_end": 2028},
    )
    assert response.status_code in (200, 400, 403), response.status_code
    assert Roadmap.objects.count() == before


# --- partners -----------------------------------------------------------------------------------------------


def _organisation_state(organisation):
    organisation.refresh_from_db()
    return (
        organisation.name,
        organisation.version,
        organisation.description,
        sorted(organisation.territories.values_list("code", flat=True)),
    )


@pytest.mark.parametrize(
    ("role", "key"),
    [
        ("partner", "partners.other_org"),
        ("editor", "partners.own_org"),
        ("editor", "partners.other_org"),
        ("territorial_admin", "partners.other_org"),
    ],
)
def test_an_organisation_page_is_written_only_by_its_members_and_its_territory_admins(world, as_role, role, key):
    organisation = world.objects[key]
    before = _organisation_state(organisation)
    client = as_role(role)
    url = reverse("partners:organisation_edit", kwargs={"slug": organisation.slug})
    assert_refused(client.get(url), f"GET {url} as {role}")
    data = {"name": "Organisation piratée", "kind": organisation.kind, "version": organisation.version}
    assert_refused(client.post(url, data), f"POST {url} as {role}")
    assert _organisation_state(organisation) == before


@pytest.mark.parametrize(
    ("role", "key"),
    [
        ("partner", "partners.own_org"),
        ("partner", "partners.other_org"),
        ("editor", "partners.own_org"),
        ("territorial_admin", "partners.other_org"),
    ],
)
def test_members_are_invited_only_by_the_organisations_admins(world, as_role, role, key):
    organisation = world.objects[key]
    url = reverse("partners:organisation_invite", kwargs={"slug": organisation.slug})
    response = as_role(role).post(url, {"email": "intrus@exemple.fr", "message": ""})
    assert_refused(response, f"POST {url} as {role}")
    assert not Invitation.objects.filter(email="intrus@exemple.fr").exists()


def test_a_partner_cannot_touch_contact_persons(world, as_role):
    contact = world.objects["partners.own_contact"]
    client = as_role("partner")
    assert_refused(client.get(reverse("partners:contact_export", kwargs={"pk": contact.pk})), "contact export")
    assert_refused(client.post(reverse("partners:contact_erase", kwargs={"pk": contact.pk})), "contact erase")
    url = reverse("partners:contact_create", kwargs={"slug": contact.organisation.slug})
    assert_refused(client.post(url, {"full_name": "Intrus", "purpose": "x", "consent_given": "on"}), "contact add")
    assert Contact.objects.filter(pk=contact.pk, full_name=contact.full_name).exists()
    assert not Contact.objects.filter(full_name="Intrus").exists()


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_cannot_read_or_erase_the_contacts_of_another_territorys_organisation(world, as_role, role):
    """Contact persons are personal data: the staff of Bourgogne-Franche-Comté have no business with
    those of a Corse organisation."""
    contact = world.objects["partners.other_contact"]
    client = as_role(role)
    assert_refused(client.get(reverse("partners:contact_export", kwargs={"pk": contact.pk})), f"export as {role}")
    url = reverse("partners:contact_create", kwargs={"slug": contact.organisation.slug})
    assert_refused(client.get(url), f"GET {url} as {role}")
    assert_refused(
        client.post(url, {"full_name": "Intrus", "purpose": "Test", "consent_given": "on"}), f"POST {url} as {role}"
    )
    assert_refused(client.post(reverse("partners:contact_erase", kwargs={"pk": contact.pk})), f"erase as {role}")
    assert Contact.objects.filter(pk=contact.pk, full_name=contact.full_name).exists()
    assert not Contact.objects.filter(full_name="Intrus").exists()


def _partnership_state(partnership):
    partnership.refresh_from_db()
    return (
        partnership.title,
        partnership.version,
        sorted(PartnershipParty.objects.filter(partnership=partnership).values_list("pk", flat=True)),
        sorted(PartnershipDocument.objects.filter(partnership=partnership).values_list("pk", flat=True)),
    )


@pytest.mark.parametrize(
    ("role", "suffix"),
    [
        ("partner", "own_"),
        ("editor", "own_"),
        ("partner", "other_"),
        ("editor", "other_"),
        ("territorial_admin", "other_"),
    ],
)
def test_a_convention_is_written_only_by_the_admins_of_its_territory(world, as_role, role, suffix):
    from django.core.files.uploadedfile import SimpleUploadedFile

    partnership = world.objects[f"partners.{suffix}partnership"]
    party = world.objects[f"partners.{suffix}party"]
    document = world.objects[f"partners.{suffix}document"]
    before = _partnership_state(partnership)
    client = as_role(role)
    slug = {"slug": partnership.slug}
    edit = reverse("partners:partnership_edit", kwargs=slug)
    assert_refused(client.get(edit), f"GET {edit} as {role}")
    for url, data in [
        (edit, {"title": "Convention piratée", "version": partnership.version}),
        (reverse("partners:party_add", kwargs=slug), {"organisation": world.objects["partners.own_org"].pk}),
        (reverse("partners:party_remove", kwargs={"pk": party.pk}), {}),
        (
            reverse("partners:document_upload", kwargs=slug),
            {"title": "Pirate", "file": SimpleUploadedFile("p.pdf", b"%PDF-1.4\n%x\n", "application/pdf")},
        ),
        (reverse("partners:document_delete", kwargs={"pk": document.pk}), {}),
    ]:
        assert_refused(client.post(url, data), f"POST {url} as {role}")
    assert _partnership_state(partnership) == before


def test_a_partner_reads_only_the_documents_of_conventions_his_organisation_is_party_to(world, as_role):
    document = world.objects["partners.other_document"]
    response = as_role("partner").get(reverse("partners:document_download", kwargs={"pk": document.pk}))
    assert_refused(response, "another organisation's convention document")


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_do_not_read_the_documents_of_another_territorys_conventions(world, as_role, role):
    """Convention documents are not public: read by the staff of the convention's territory and by the
    members of its parties."""
    document = world.objects["partners.other_document"]
    response = as_role(role).get(reverse("partners:document_download", kwargs={"pk": document.pk}))
    if hasattr(response, "close"):
        response.close()
    assert_refused(response, f"Corse convention document as {role}")


def test_a_partner_does_not_write_the_commons_catalogue(world, as_role):
    commons = world.objects["partners.commons"]
    client = as_role("partner")
    slug = {"slug": commons.slug}
    for url, data in [
        (reverse("partners:commons_create"), {"name": "Commun pirate", "slug": "commun-pirate"}),
        (reverse("partners:commons_edit", kwargs=slug), {"name": "Commun piraté", "version": commons.version}),
        (
            reverse("partners:adoption_create", kwargs=slug),
            {"territory": territory("R27").pk, "adopted_on": "2025-01-01"},
        ),
    ]:
        assert_refused(client.post(url, data), f"POST {url} as partner")
    commons.refresh_from_db()
    assert commons.name != "Commun piraté"
    assert not CommonsAdoption.objects.filter(commons=commons).exists()


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_an_adoption_is_declared_only_for_a_territory_one_edits(world, as_role, role):
    commons = world.objects["partners.commons"]
    url = reverse("partners:adoption_create", kwargs={"slug": commons.slug})
    response = as_role(role).post(url, {"territory": territory("R94").pk, "adopted_on": "2025-01-01"})
    assert response.status_code in (400, 403), response.status_code
    assert not CommonsAdoption.objects.filter(commons=commons, territory__code="R94").exists()


@pytest.mark.parametrize("role", ("partner", "editor"))
def test_organisations_and_conventions_are_created_by_admins_only(world, as_role, role):
    client = as_role(role)
    organisations, partnerships = Organisation.objects.count(), Partnership.objects.count()
    assert_refused(
        client.post(reverse("partners:organisation_create"), {"name": "Pirate", "kind": "commune"}), "organisation"
    )
    assert_refused(client.post(reverse("partners:partnership_create"), {"title": "Pirate"}), "convention")
    assert (Organisation.objects.count(), Partnership.objects.count()) == (organisations, partnerships)


# --- RETEX --------------------------------------------------------------------------------------------------


def _report_state(report):
    report.refresh_from_db()
    return (report.status, report.title, report.version, report.review_comment, report.attachments.count())


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_reviewers_act_only_in_their_territory(world, as_role, role):
    report = world.objects["idor.retex.other_submitted"]
    before = _report_state(report)
    client = as_role(role)
    for name in ("retex:report_detail", "retex:report_review"):
        url = reverse(name, kwargs={"pk": report.pk})
        assert_refused(client.get(url), f"GET {url} as {role}")
    url = reverse("retex:report_review", kwargs={"pk": report.pk})
    assert_refused(client.post(url, {"decision": "publish", "comment": ""}), f"publish as {role}")
    assert_refused(client.post(url, {"decision": "return", "comment": "Non."}), f"return as {role}")
    assert _report_state(report) == before


@pytest.mark.parametrize(
    ("role", "key"),
    [
        ("partner", "idor.retex.foreign_draft"),
        ("partner", "idor.retex.other_draft"),
        ("editor", "idor.retex.draft"),
        ("territorial_admin", "idor.retex.draft"),
        ("national_admin", "idor.retex.draft"),
        ("editor", "idor.retex.other_draft"),
    ],
)
def test_nobody_reads_or_writes_another_persons_draft(world, as_role, role, key):
    report = world.objects[key]
    before = _report_state(report)
    client = as_role(role)
    attachment = report.attachments.first()
    for url in [
        reverse("retex:report_detail", kwargs={"pk": report.pk}),
        reverse("retex:report_step", kwargs={"pk": report.pk, "step": "identite"}),
        reverse("retex:report_step", kwargs={"pk": report.pk, "step": "verification"}),
    ]:
        assert_refused(client.get(url), f"GET {url} as {role}")
    if attachment is not None:
        download = reverse("retex:attachment_download", kwargs={"pk": report.pk, "attachment_pk": attachment.pk})
        response = client.get(download)
        if hasattr(response, "close"):
            response.close()
        assert_refused(response, f"GET {download} as {role}")
        delete = reverse("retex:attachment_delete", kwargs={"pk": report.pk, "attachment_pk": attachment.pk})
        assert_refused(client.post(delete), f"POST {delete} as {role}")
    step = reverse("retex:report_step", kwargs={"pk": report.pk, "step": "identite"})
    assert_refused(client.post(step, {"title": "Piraté", "version": report.version}), f"POST {step} as {role}")
    submit = reverse("retex:report_step", kwargs={"pk": report.pk, "step": "verification"})
    assert_refused(client.post(submit, {"version": report.version}), f"POST {submit} as {role}")
    assert _report_state(report) == before


@pytest.mark.parametrize("role", LOGGED_IN_ROLES)
def test_only_the_author_revises_a_published_report(world, as_role, role):
    report = world.objects["idor.retex.other_published"]
    count = ExperienceReport.objects.count()
    url = reverse("retex:report_revise", kwargs={"pk": report.pk})
    assert_refused(as_role(role).post(url), f"POST {url} as {role}")
    assert ExperienceReport.objects.count() == count


def test_a_partner_does_not_mark_adoptions(world, as_role):
    report = world.objects["idor.retex.published"]
    url = reverse("retex:report_adoption", kwargs={"pk": report.pk})
    assert_refused(as_role("partner").post(url, {"territories": [territory("R94").pk]}), "adoption as partner")
    assert not report.adopted_in.exists()


def test_a_partner_neither_reviews_nor_invites(world, as_role):
    client = as_role("partner")
    report = world.objects["idor.retex.submitted"]
    before = _report_state(report)
    url = reverse("retex:report_review", kwargs={"pk": report.pk})
    assert_refused(client.post(url, {"decision": "publish", "comment": ""}), "the author publishes his report")
    assert _report_state(report) == before
    response = client.post(reverse("retex:invite_partner"), {"email": "intrus@exemple.fr"})
    assert_refused(response, "partner invites")
    assert not Invitation.objects.filter(email="intrus@exemple.fr").exists()


def _session_state(session):
    session.refresh_from_db()
    return (
        session.restitution_status,
        session.title,
        session.version,
        sorted(DiagnosticRow.objects.filter(session=session).values_list("pk", "pain_points")),
        session.approvals.count(),
        RoadmapAction.objects.count(),
    )


@pytest.mark.parametrize(
    ("role", "prefix"),
    [("editor", "idor.retex.other_"), ("territorial_admin", "idor.retex.other_"), ("partner", "idor.retex.")],
)
def test_a_session_is_recorded_only_by_its_facilitators_and_its_territorys_editors(world, as_role, role, prefix):
    session = world.objects[f"{prefix}session"]
    row = world.objects[f"{prefix}diagnostic"]
    item = world.objects[f"{prefix}action_item"]
    before = _session_state(session)
    client = as_role(role)
    record = {"slug": session.slug, "section": "diagnostic", "record_pk": row.pk}
    promote = reverse("retex:action_promote", kwargs={"slug": session.slug, "item_pk": item.pk})
    for url in [
        reverse("retex:session_detail", kwargs={"slug": session.slug}),
        reverse("retex:session_record", kwargs={"slug": session.slug}),
        reverse("retex:record_edit", kwargs=record),
        promote,
    ]:
        assert_refused(client.get(url), f"GET {url} as {role}")
    for url, data in [
        (
            reverse("retex:record_add", kwargs={"slug": session.slug, "section": "diagnostic"}),
            {"diagnostic-pain_points": "x"},
        ),
        (
            reverse("retex:record_add", kwargs={"slug": session.slug, "section": "identite"}),
            {"identite-title": "Piraté"},
        ),
        (reverse("retex:record_edit", kwargs=record), {"diagnostic-pain_points": "Piraté"}),
        (reverse("retex:record_delete", kwargs=record), {}),
        (reverse("retex:session_approve", kwargs={"slug": session.slug}), {}),
        (promote, {"programme": world.objects["roadmaps.draft"].programmes.first().pk}),
    ]:
        assert_refused(client.post(url, data), f"POST {url} as {role}")
    assert _session_state(session) == before
    assert Session.objects.filter(pk=session.pk, restitution_status=before[0]).exists()


@pytest.mark.parametrize("role", ("partner", "editor"))
def test_partners_are_invited_by_administrators_only(world, as_role, role):
    assert_refused(as_role(role).post(reverse("retex:invite_partner"), {"email": "x@exemple.fr"}), role)
    assert not Invitation.objects.filter(email="x@exemple.fr").exists()


@pytest.mark.parametrize("role", ("territorial_admin",))
def test_an_administrator_invites_only_into_an_organisation_of_his_territory(world, as_role, role):
    other = world.objects["partners.other_org"]
    response = as_role(role).post(
        reverse("retex:invite_partner"), {"email": "x@exemple.fr", "organisation": other.pk, "message": ""}
    )
    assert response.status_code in (200, 400, 403), response.status_code
    assert not Invitation.objects.filter(email="x@exemple.fr").exists()


# --- PDF syntheses ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", LOGGED_IN_ROLES)
def test_a_synthesis_of_another_territorys_draft_is_out_of_reach(world, as_role, role):
    job = world.objects["jobs.other"]
    client = as_role(role)
    for name in ("jobs:detail", "jobs:download"):
        response = client.get(reverse(name, kwargs={"pk": job.pk}))
        if hasattr(response, "close"):
            response.close()
        assert_refused(response, f"{name} as {role}")
    assert job.title not in client.get(reverse("jobs:list")).content.decode()


@pytest.mark.parametrize("role", LOGGED_IN_ROLES)
def test_a_synthesis_of_another_territorys_draft_cannot_be_requested(world, as_role, role):
    count = PdfJob.objects.count()
    response = as_role(role).post(
        reverse("jobs:request"),
        {"kind": "roadmap", "object_ref": world.objects["roadmaps.other_draft"].slug, "territory": ""},
    )
    assert response.status_code in (200, 400, 403), response.status_code
    assert PdfJob.objects.count() == count


@pytest.mark.parametrize("role", LOGGED_IN_ROLES)
def test_the_api_neither_shows_nor_makes_a_synthesis_of_another_territorys_draft(world, as_role, role):
    client = as_role(role)
    job = world.objects["jobs.other"]
    assert client.get(reverse("api:pdfjob-detail", kwargs={"pk": job.pk})).status_code == 404
    assert f'"id":{job.pk},' not in client.get(reverse("api:pdfjob-list")).content.decode().replace(" ", "")
    count = PdfJob.objects.count()
    response = client.post(
        reverse("api:pdfjob-list"),
        {"kind": "roadmap", "object": world.objects["roadmaps.other_draft"].slug},
        content_type="application/json",
    )
    assert response.status_code in (400, 403, 404), response.status_code
    assert PdfJob.objects.count() == count


# --- API ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ("anonymous", *LOGGED_IN_ROLES))
def test_the_api_never_shows_another_territorys_drafts(world, as_role, role):
    client = as_role(role)
    roadmap = world.objects["roadmaps.other_draft"]
    indicator = roadmap.indicators.first()
    for url in [
        reverse("api:roadmap-detail", kwargs={"slug": roadmap.slug}),
        reverse("api:programme-detail", kwargs={"pk": roadmap.programmes.first().pk}),
        reverse("api:indicator-detail", kwargs={"pk": indicator.pk}),
        reverse("api:indicatorvalue-detail", kwargs={"pk": indicator.values.first().pk}),
        reverse("api:experiencereport-detail", kwargs={"pk": world.objects["idor.retex.other_submitted"].pk}),
        reverse("api:experiencereport-detail", kwargs={"pk": world.objects["idor.retex.other_draft"].pk}),
        reverse("api:session-detail", kwargs={"slug": world.objects["idor.retex.other_session"].slug}),
    ]:
        assert client.get(url).status_code == 404, f"GET {url} as {role}"
    listed = client.get(reverse("api:roadmap-list"), {"page_size": 100}).content.decode()
    assert roadmap.slug not in listed
    reports = client.get(reverse("api:experiencereport-list"), {"page_size": 100}).content.decode()
    for key in ("idor.retex.other_submitted", "idor.retex.other_draft", "idor.retex.foreign_draft"):
        assert world.objects[key].title not in reports, f"{key} listed to {role}"


@pytest.mark.parametrize("role", ("anonymous", *LOGGED_IN_ROLES))
def test_the_api_does_not_write_another_territorys_indicator_values(world, as_role, role):
    client = as_role(role)
    indicator = world.objects["roadmaps.other_draft"].indicators.first()
    value = indicator.values.first()
    before = sorted(IndicatorValue.objects.values_list("pk", "value"))
    url = reverse("api:indicatorvalue-detail", kwargs={"pk": value.pk})
    headers = {"HTTP_IF_MATCH": "*"}
    assert client.patch(url, {"value": "1"}, content_type="application/json", **headers).status_code in (401, 403, 404)
    assert client.delete(url, **headers).status_code in (401, 403, 404)
    response = client.post(
        reverse("api:indicatorvalue-list"),
        {"indicator": indicator.pk, "value": "1", "school_year": 2025},
        content_type="application/json",
    )
    assert response.status_code in (400, 401, 403, 404), response.status_code
    assert sorted(IndicatorValue.objects.values_list("pk", "value")) == before


@pytest.mark.parametrize(
    ("role", "key"),
    [
        ("anonymous", "partners.own_org"),
        ("partner", "partners.other_org"),
        ("editor", "partners.own_org"),
        ("territorial_admin", "partners.other_org"),
    ],
)
def test_the_api_does_not_write_an_organisation_for_outsiders(world, as_role, role, key):
    organisation = world.objects[key]
    before = _organisation_state(organisation)
    client = as_role(role)
    url = reverse("api:organisation-detail", kwargs={"pk": organisation.pk})
    headers = {"HTTP_IF_MATCH": "*"}
    response = client.patch(url, {"name": "Piratée"}, content_type="application/json", **headers)
    assert response.status_code in (401, 403, 404), f"PATCH as {role}: {response.status_code}"
    assert client.delete(url, **headers).status_code in (401, 403, 404)
    assert _organisation_state(organisation) == before
    assert Organisation.objects.filter(pk=organisation.pk).exists()


# --- search and open data -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ("anonymous", *LOGGED_IN_ROLES))
def test_search_never_finds_what_one_may_not_read(world, as_role, role):
    client = as_role(role)
    hidden = [
        world.objects["roadmaps.other_draft"],
        world.objects["idor.retex.other_submitted"],
        world.objects["idor.retex.foreign_draft"],
    ]
    for obj in hidden:
        # The query is the title itself (echoed in the page's title and field): the hit would be a link.
        content = client.get(reverse("search:search"), {"q": obj.title}).content.decode()
        assert f'href="{obj.get_absolute_url()}"' not in content, f"{obj.title!r} found by {role}"


@pytest.mark.parametrize("role", ("anonymous", "partner"))
def test_open_data_exports_carry_no_contact_person(world, as_role, role):
    contact = world.objects["partners.own_contact"]
    response = as_role(role).get(reverse("opendata:export", kwargs={"key": "organisations"}), {"format": "csv"})
    assert response.status_code == 200
    assert contact.email not in response.content.decode("utf-8", errors="replace")


def test_a_territorial_admin_cannot_import_changes_to_another_territorys_organisation(world, as_role):
    from django.core.files.uploadedfile import SimpleUploadedFile

    other = world.objects["partners.other_org"]
    before = _organisation_state(other)
    client = as_role("territorial_admin")
    header = "id,name,kind\n"
    body = f"{header}{other.pk},Organisation piratée,{other.kind}\n".encode()
    url = reverse("opendata:import", kwargs={"key": "organisations"})
    response = client.post(url, {"file": SimpleUploadedFile("o.csv", body, "text/csv")})
    assert response.status_code < 500
    token = client.session.get("opendata_import", {}).get("token")
    if token:
        client.post(url, {"confirm": "1", "token": token})
    assert _organisation_state(other) == before


# --- the API's roadmap parts, workshop records and invitations of another territory -------------------------


def _api_twins(world):
    """Corse's (R94) objects the API writes, with how to try to create one beside them."""
    from commons_portal.accounts.services import invitation_create
    from retex.models import FlagshipProposal
    from roadmaps.models import GovernanceBody, Phase
    from tests.retex.factories import ProjectionFactory
    from tests.roadmaps.factories import ActionFactory

    roadmap = world.objects["roadmaps.other_draft"]
    axis = roadmap.axes.first()
    programme = roadmap.programmes.first()
    session = world.objects["retex.other_session"]
    invitation, _link = invitation_create(
        email="corse@example.org", role="editor", territory=territory("R94"), invited_by=world.users["national_admin"]
    )
    return [
        ("axes", axis, {"roadmap": roadmap.slug, "title": "Intrus"}),
        ("stakes", axis.stakes.first(), {"axis": axis.pk, "text": "Intrus"}),
        ("programmes", programme, {"axis": axis.pk, "title": "Intrus"}),
        ("objectives", programme.objectives.first(), {"programme": programme.pk, "text": "Intrus"}),
        ("actions", ActionFactory(programme=programme), {"programme": programme.pk, "what": "Intrus"}),
        ("indicators", roadmap.indicators.first(), {"roadmap": roadmap.slug, "name": "Intrus"}),
        (
            "governance-bodies",
            GovernanceBody.objects.create(roadmap=roadmap, acronym="CODIR"),
            {"roadmap": roadmap.slug, "acronym": "INTRUS"},
        ),
        (
            "phases",
            Phase.objects.create(roadmap=roadmap, number=1, title="Analyse"),
            {"roadmap": roadmap.slug, "number": 2, "title": "Intrus"},
        ),
        ("diagnostic-rows", world.objects["retex.other_diagnostic"], {"session": session.slug, "pain_points": "I"}),
        (
            "projections",
            ProjectionFactory(session=session),
            {"session": session.slug, "pain_point": "I", "need": "I", "lever": "I"},
        ),
        (
            "action-plan-items",
            world.objects["retex.other_action_item"],
            {"session": session.slug, "what": "I", "how": "I", "who": "I", "when": "I"},
        ),
        ("flagship-proposals", FlagshipProposal.objects.create(session=session, summary="Corse"), None),
        ("invitations", invitation, {"email": "intrus@example.org", "role": "editor", "territory": "R94"}),
    ]


@pytest.mark.parametrize("role", LOGGED_IN_ROLES)
def test_the_api_neither_shows_nor_writes_another_territorys_parts_records_and_invitations(world, as_role, role):
    client = as_role(role)
    for prefix, obj, create in _api_twins(world):
        model = type(obj)
        before = model.objects.count()
        url = f"/api/v1/{prefix}/{obj.pk}/"
        assert_refused(client.get(url), f"GET {url}")
        patched = client.patch(url, {}, content_type="application/json", HTTP_IF_MATCH="*")
        if prefix == "invitations":  # an invitation is never changed, only revoked
            assert patched.status_code in (*REFUSED, 405), f"PATCH {url}"
        else:
            assert_refused(patched, f"PATCH {url}")
        assert_refused(client.delete(url, HTTP_IF_MATCH="*"), f"DELETE {url}")
        listed = client.get(f"/api/v1/{prefix}/", {"page_size": 200})
        assert listed.status_code in (200, 403), prefix
        if listed.status_code == 200:
            assert obj.pk not in {item["id"] for item in listed.json()["results"]}, prefix
        if create is not None:
            response = client.post(f"/api/v1/{prefix}/", create, content_type="application/json")
            assert response.status_code in (400, 403), f"POST {prefix}: {response.status_code}"
        assert model.objects.count() == before and model.objects.filter(pk=obj.pk).exists(), prefix
