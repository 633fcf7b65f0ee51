"""The HTML pages: the permission matrix, bad input, concurrent edits through the form, htmx fragments
and query counts."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from roadmaps.models import Axis, Indicator, Programme, Roadmap
from tests.utils import assert_queries_do_not_grow

from .factories import (
    ActionFactory,
    AxisFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ProgrammeFactory,
    roadmap_with_content,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "partner", "editor", "territorial_admin", "national_admin", "other_editor")


@pytest.fixture
def people(users, make_user):
    return {**users, "other_editor": make_user("editor", territory_code="R11")}


@pytest.fixture
def as_role(people, client_for):
    return lambda role: client_for(people[role])


@pytest.fixture
def objects():
    published = roadmap_with_content(axes=1, programmes=1, status=Roadmap.Status.VALIDATED, slug="publiee")
    draft = roadmap_with_content(axes=1, programmes=1, slug="brouillon")
    for roadmap in (published, draft):
        IndicatorFactory(roadmap=roadmap)
    return {"published": published, "draft": draft}


def _request(client, roadmap, action):
    axis = roadmap.axes.get()
    indicator = roadmap.indicators.get()
    slug = roadmap.slug
    requests = {
        "view": ("get", reverse("roadmaps:detail", args=[slug]), None),
        "indicator": ("get", reverse("roadmaps:indicator", args=[slug, indicator.pk]), None),
        "compare": ("get", reverse("roadmaps:compare", args=[slug]), None),
        "edit_page": ("get", reverse("roadmaps:edit", args=[slug]), None),
        "edit_axis": (
            "post",
            reverse("roadmaps:object_edit", args=[slug, "axe", axis.pk]),
            {"kind": axis.kind, "title": "Titre changé", "version": axis.version},
        ),
        "add_programme": (
            "post",
            reverse("roadmaps:object_add", args=[slug, "programme"]),
            {"parent": axis.pk, "quick": "1", "title": "Programme ajouté"},
        ),
        "add_value": (
            "post",
            reverse("roadmaps:indicator_value_add", args=[slug, indicator.pk]),
            {"school_year": "2025", "value": "50"},
        ),
        "validate": ("post", reverse("roadmaps:transition", args=[slug, "validate"]), {}),
        "new_version": ("post", reverse("roadmaps:new_version", args=[slug]), {}),
        "history": ("get", reverse("roadmaps:history", args=[slug]), None),
    }
    method, url, data = requests[action]
    return getattr(client, method)(url, data or {})


# Expected status by role, in the order of ROLES: anonymous, partner, editor, territorial admin,
# national admin, editor of another région académique.
MATRIX = {
    ("published", "view"): (200, 200, 200, 200, 200, 200),
    ("published", "indicator"): (200, 200, 200, 200, 200, 200),
    ("published", "compare"): (200, 200, 200, 200, 200, 200),
    ("published", "edit_page"): (302, 403, 403, 403, 403, 403),
    ("published", "edit_axis"): (302, 403, 403, 403, 403, 403),
    ("published", "add_programme"): (302, 403, 403, 403, 403, 403),
    ("published", "add_value"): (302, 403, 403, 403, 403, 403),
    ("published", "validate"): (302, 403, 403, 403, 403, 403),
    ("published", "new_version"): (302, 403, 302, 302, 302, 403),
    ("published", "history"): (302, 403, 200, 200, 200, 403),
    ("draft", "view"): (404, 404, 200, 200, 200, 404),
    ("draft", "indicator"): (404, 404, 200, 200, 200, 404),
    ("draft", "compare"): (404, 404, 200, 200, 200, 404),
    ("draft", "edit_page"): (302, 404, 200, 200, 200, 404),
    ("draft", "edit_axis"): (302, 404, 302, 302, 302, 404),
    ("draft", "add_programme"): (302, 404, 302, 302, 302, 404),
    ("draft", "add_value"): (302, 404, 302, 302, 302, 404),
    ("draft", "validate"): (302, 404, 302, 302, 302, 404),
    ("draft", "new_version"): (302, 404, 302, 302, 302, 404),
    ("draft", "history"): (302, 404, 200, 200, 200, 404),
}


@pytest.mark.parametrize(
    ("obj", "action", "role", "expected"),
    [(obj, action, role, statuses[i]) for (obj, action), statuses in MATRIX.items() for i, role in enumerate(ROLES)],
)
def test_permission_matrix(as_role, objects, obj, action, role, expected):
    response = _request(as_role(role), objects[obj], action)
    assert response.status_code == expected
    if expected == 302 and role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


def test_writes_refused_by_the_matrix_change_nothing(as_role, objects):
    """The other territory's editor (IDOR) and a partner cannot touch a draft they cannot see."""
    draft = objects["draft"]
    for role in ("partner", "other_editor"):
        _request(as_role(role), draft, "edit_axis")
        _request(as_role(role), draft, "add_programme")
    assert draft.axes.get().title != "Titre changé"
    assert draft.programmes.count() == 1


def test_a_frozen_roadmap_explains_why_it_cannot_be_edited(as_role, objects):
    response = _request(as_role("editor"), objects["published"], "edit_page")
    assert response.status_code == 403
    assert "validée" in response.content.decode()


def test_dashboard_is_for_people_who_write(as_role, objects):
    url = reverse("roadmaps:dashboard")
    assert as_role("anonymous").get(url).status_code == 302
    assert as_role("partner").get(url).status_code == 403
    response = as_role("editor").get(url)
    assert response.status_code == 200
    assert "brouillon" in response.content.decode().lower()
    other = as_role("other_editor").get(url)
    assert other.status_code == 200 and "Aucune feuille de route en cours" in other.content.decode()


def test_lists_show_drafts_only_inside_their_territory(as_role, objects):
    url = reverse("roadmaps:list")
    assert objects["draft"].title not in as_role("anonymous").get(url).content.decode()
    assert objects["draft"].title not in as_role("other_editor").get(url).content.decode()
    assert objects["draft"].title in as_role("editor").get(url).content.decode()
    assert objects["published"].title in as_role("anonymous").get(url).content.decode()


def test_public_page_carries_no_personal_data(client, make_user):
    editor = make_user("editor", first_name="Zoé", last_name="Confidentielle")
    roadmap = roadmap_with_content(axes=1, programmes=1)
    indicator = IndicatorFactory(roadmap=roadmap)
    IndicatorValueFactory(indicator=indicator, entered_by=editor)
    roadmap.validate(user=editor)
    for url in (roadmap.get_absolute_url(), indicator.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Confidentielle" not in page and editor.email not in page


# --- editing through the pages --------------------------------------------------------------------


@pytest.fixture
def editor_client(users, client_for):
    return client_for(users["editor"])


def test_edit_form_shows_errors_next_to_the_field_and_keeps_typed_values(editor_client):
    roadmap = roadmap_with_content(axes=1, programmes=2)
    first, second = roadmap.programmes.order_by("number")
    url = reverse("roadmaps:object_edit", args=[roadmap.slug, "programme", second.pk])
    data = {
        "title": first.title.upper(),
        "axis": second.axis_id,
        "description": "Ma description tapée",
        "status": "planned",
        "progress": "150",
        "version": second.version,
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ce titre est déjà utilisé dans cette feuille de route." in page
    assert "Ma description tapée" in page
    assert "inférieure ou égale à 100" in page
    second.refresh_from_db()
    assert second.description == ""


@pytest.mark.parametrize("title", ["", "   "])
def test_empty_titles_are_refused(editor_client, title):
    roadmap = roadmap_with_content(axes=1, programmes=0)
    response = editor_client.post(
        reverse("roadmaps:object_add", args=[roadmap.slug, "programme"]),
        {"parent": roadmap.axes.get().pk, "quick": "1", "title": title},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ce champ est obligatoire." in page or "Ce champ ne peut pas être vide." in page
    assert roadmap.programmes.count() == 0


def test_indicator_form_bad_input(editor_client):
    roadmap = roadmap_with_content(axes=1, programmes=1)
    IndicatorFactory(roadmap=roadmap, name="Taux existant")
    response = editor_client.post(
        reverse("roadmaps:object_add", args=[roadmap.slug, "indicateur"]),
        {
            "name": "taux existant",
            "unit": "parsecs",
            "direction": "up",
            "baseline_value": "douze",
            "baseline_date": "2025-09-01",
            "target_value": "80",
            "target_date": "2024-06-30",
            "source": "Ma source tapée",
            "frequency": "yearly",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sélectionnez un choix valide" in page  # unknown unit
    assert "Saisissez un nombre" in page  # non-numeric baseline
    assert "Ma source tapée" in page
    assert roadmap.indicators.count() == 1


def test_target_date_before_baseline_is_refused_next_to_the_field(editor_client):
    roadmap = roadmap_with_content(axes=1, programmes=1)
    response = editor_client.post(
        reverse("roadmaps:object_add", args=[roadmap.slug, "indicateur"]),
        {
            "name": "Taux d'équipement",
            "unit": "percent",
            "direction": "up",
            "baseline_value": "10",
            "baseline_date": "2025-09-01",
            "target_value": "80",
            "target_date": "2024-06-30",
            "frequency": "yearly",
        },
    )
    page = response.content.decode()
    assert "La date cible doit être postérieure à la date de référence." in page
    assert 'value="Taux d&#x27;équipement"' in page
    assert not Indicator.objects.filter(roadmap=roadmap).exists()


def test_indicator_values_accept_french_decimals_and_refuse_text(editor_client):
    indicator = IndicatorFactory(roadmap=roadmap_with_content(axes=1, programmes=1))
    url = reverse("roadmaps:indicator_value_add", args=[indicator.roadmap.slug, indicator.pk])
    response = editor_client.post(url, {"school_year": "2025", "value": "beaucoup", "comment": "Mon commentaire"})
    page = response.content.decode()
    assert "Saisissez un nombre, par exemple 42 ou 3,5." in page and "Mon commentaire" in page
    response = editor_client.post(url, {"value": "12"})
    assert "Indiquez une année scolaire ou une date de mesure." in response.content.decode()
    assert indicator.values.count() == 0
    response = editor_client.post(url, {"school_year": "2025", "value": "42,5"})
    assert response.status_code == 302
    value = indicator.values.get()
    assert (value.value, value.measured_on) == (Decimal("42.5"), datetime.date(2026, 6, 30))


def test_concurrent_edit_tells_the_second_writer_and_keeps_what_they_typed(users, client_for, make_user):
    roadmap = roadmap_with_content(axes=1, programmes=1)
    programme = roadmap.programmes.get()
    url = reverse("roadmaps:object_edit", args=[roadmap.slug, "programme", programme.pk])
    first, second = client_for(users["editor"]), client_for(make_user("editor"))
    common = {"axis": programme.axis_id, "status": "planned", "progress": "0", "version": programme.version}
    assert first.post(url, {**common, "title": "Version de la première"}).status_code == 302
    response = second.post(url, {**common, "title": "Version de la seconde", "description": "Texte de la seconde"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Modifié entre-temps par quelqu'un d'autre" in page
    assert "Version de la première" in page  # the saved version is shown
    assert "Texte de la seconde" in page  # and what was typed is kept
    programme.refresh_from_db()
    assert programme.title == "Version de la première"
    # The form now carries the saved version: submitting it again is a deliberate overwrite.
    assert f'name="version" value="{programme.version}"' in page
    retry = second.post(url, {**common, "version": programme.version, "title": "Version de la seconde"})
    assert retry.status_code == 302
    programme.refresh_from_db()
    assert programme.title == "Version de la seconde"


def test_htmx_writes_return_the_editor_fragment(editor_client):
    roadmap = roadmap_with_content(axes=1, programmes=2)
    axis = roadmap.axes.get()
    headers = {"HTTP_HX_REQUEST": "true"}
    response = editor_client.post(
        reverse("roadmaps:object_add", args=[roadmap.slug, "programme"]),
        {"parent": axis.pk, "quick": "1", "prefix": "p", "p-title": "Programme htmx"},
        **headers,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#editor-body"
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="editor-body"') and "<html" not in page
    assert "Programme 3 — Programme htmx" in page
    # A refused quick add answers with its own form and errors, in place.
    response = editor_client.post(
        reverse("roadmaps:object_add", args=[roadmap.slug, "programme"]),
        {"parent": axis.pk, "quick": "1", "prefix": "p", "p-title": ""},
        **headers,
    )
    assert "HX-Retarget" not in response and "roadmap-inline-form" in response.content.decode()
    last = roadmap.programmes.get(number=3)
    response = editor_client.post(
        reverse("roadmaps:object_move", args=[roadmap.slug, "programme", last.pk]), {"position": "1"}, **headers
    )
    assert response.status_code == 200
    last.refresh_from_db()
    assert last.number == 1


def test_keyboard_move_buttons_work_without_javascript(editor_client):
    roadmap = roadmap_with_content(axes=1, programmes=2)
    second = roadmap.programmes.get(number=2)
    response = editor_client.post(
        reverse("roadmaps:object_move", args=[roadmap.slug, "programme", second.pk]), {"direction": "up"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#programme-{second.pk}")
    second.refresh_from_db()
    assert second.number == 1
    response = editor_client.post(
        reverse("roadmaps:object_move", args=[roadmap.slug, "programme", second.pk]), {"position": "trois"}
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.number == 1


def test_create_from_national_and_next_version_through_the_pages(editor_client):
    national = roadmap_with_content(axes=2, programmes=1, validated=True, national=True)
    response = editor_client.post(
        reverse("roadmaps:create"),
        {
            "territory": Roadmap._meta.get_field("territory").related_model.objects.get(code="R27").pk,
            "title": "Déclinaison BFC",
            "period_start": "2024",
            "period_end": "2023",
            "national": national.pk,
        },
    )
    assert "La dernière année scolaire ne peut pas précéder la première." in response.content.decode()
    response = editor_client.post(
        reverse("roadmaps:create"),
        {
            "territory": Roadmap._meta.get_field("territory").related_model.objects.get(code="R27").pk,
            "title": "Déclinaison BFC",
            "period_start": "2024",
            "period_end": "2027",
            "national": national.pk,
        },
    )
    created = Roadmap.objects.get(title="Déclinaison BFC")
    assert response.status_code == 302
    assert created.axes.count() == 2 and created.parent == national


def test_import_review_then_confirm(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_importer import GOOD

    territory_pk = Roadmap._meta.get_field("territory").related_model.objects.get(code="R27").pk
    url = reverse("roadmaps:import")
    bad = SimpleUploadedFile("feuille.md", b"# Titre\n\n## Axe structurant 1 - A\n\n### Truc\n")
    response = editor_client.post(url, {"document": bad, "territory": territory_pk})
    assert "ligne 5 : titre de programme attendu" in response.content.decode()
    good = SimpleUploadedFile("feuille.md", GOOD.encode())
    response = editor_client.post(url, {"document": good, "territory": territory_pk})
    page = response.content.decode()
    assert "Vérifiez avant d'importer" in page and "Modalités de gouvernance" in page
    assert not Roadmap.objects.exists()
    response = editor_client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert Roadmap.objects.get().programmes.count() == 2


def test_compare_page_lists_the_differences(editor_client, users):
    v1 = roadmap_with_content(axes=1, programmes=1)
    v1.validate(user=users["editor"])
    editor_client.post(reverse("roadmaps:new_version", args=[v1.slug]))
    v2 = Roadmap.objects.get(previous_version=v1)
    editor_client.post(
        reverse("roadmaps:object_add", args=[v2.slug, "programme"]),
        {"parent": v2.axes.get().pk, "quick": "1", "title": "Programme de la v2"},
    )
    page = editor_client.get(reverse("roadmaps:compare", args=[v2.slug])).content.decode()
    assert "De la version 1 à la version 2" in page
    assert "Programme 2 — Programme de la v2" in page and "ajouté" in page


# --- query counts ----------------------------------------------------------------------------------


def _grow(roadmap):
    def grow():
        axis = AxisFactory(roadmap=roadmap, number=roadmap.axes.count() + 1)
        for _ in range(5):
            programme = ProgrammeFactory(axis=axis, number=Programme.objects.filter(roadmap=roadmap).count() + 1)
            ActionFactory(programme=programme)
        indicator = IndicatorFactory(roadmap=roadmap, programme=programme)
        for year in (2024, 2025, 2026):
            IndicatorValueFactory(indicator=indicator, school_year=year, measured_on=datetime.date(year + 1, 6, 30))

    return grow


def test_roadmap_page_queries_do_not_grow(client, users):
    roadmap = roadmap_with_content(axes=1, programmes=1, status=Roadmap.Status.VALIDATED)
    _grow(roadmap)()  # one of each kind first, so that every prefetch runs from the start
    assert_queries_do_not_grow(lambda: client.get(roadmap.get_absolute_url()), _grow(roadmap))


def test_editor_page_queries_do_not_grow(editor_client):
    roadmap = roadmap_with_content(axes=1, programmes=1)
    _grow(roadmap)()
    assert_queries_do_not_grow(lambda: editor_client.get(reverse("roadmaps:edit", args=[roadmap.slug])), _grow(roadmap))


def test_dashboard_queries_do_not_grow(editor_client):
    roadmap = roadmap_with_content(axes=1, programmes=1)
    _grow(roadmap)()
    assert_queries_do_not_grow(lambda: editor_client.get(reverse("roadmaps:dashboard")), _grow(roadmap))


def test_indicator_page_queries_do_not_grow(editor_client):
    indicator = IndicatorFactory(roadmap=roadmap_with_content(axes=1, programmes=1))

    def grow():
        for year in range(2024, 2027):
            IndicatorValueFactory(indicator=indicator, school_year=year, measured_on=datetime.date(year + 1, 6, 30))

    assert_queries_do_not_grow(lambda: editor_client.get(indicator.get_absolute_url()), grow)


def test_list_and_national_view_queries_do_not_grow(client):
    national = roadmap_with_content(axes=2, programmes=1, validated=True, national=True)
    first = roadmap_with_content(axes=1, programmes=1, validated=True, parent=national)
    Axis.objects.filter(roadmap=first).update(national_axis=national.axes.first())

    def grow():
        for _ in range(3):
            other = roadmap_with_content(axes=2, programmes=2, validated=True, parent=national)
            Axis.objects.filter(roadmap=other).update(national_axis=national.axes.last())

    assert_queries_do_not_grow(lambda: client.get(reverse("roadmaps:national")), grow)
    assert_queries_do_not_grow(lambda: client.get(reverse("roadmaps:list")), grow)


def test_inline_edit_form_is_a_fragment_for_htmx_and_a_page_without(editor_client):
    roadmap = roadmap_with_content(axes=1, programmes=1)
    stake = roadmap.axes.get().stakes.get()
    url = reverse("roadmaps:object_edit", args=[roadmap.slug, "enjeu", stake.pk])
    fragment = editor_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and f'id="enjeu-{stake.pk}-view"' in fragment and 'hx-post="' in fragment
    page = editor_client.get(url).content.decode()
    assert "<html" in page and 'hx-post="' not in page.split("<main")[1].split("</main>")[0]
    response = editor_client.post(url, {"text": "Enjeu réécrit", "version": stake.version})
    assert response.status_code == 302
    stake.refresh_from_db()
    assert stake.text == "Enjeu réécrit"


def test_workflow_and_delete_through_the_pages(editor_client, users, client_for):
    roadmap = roadmap_with_content(axes=1, programmes=1)
    assert editor_client.post(reverse("roadmaps:transition", args=[roadmap.slug, "submit"])).status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.IN_REVIEW
    editor_client.post(reverse("roadmaps:transition", args=[roadmap.slug, "reopen"]))
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.DRAFT
    assert editor_client.post(reverse("roadmaps:transition", args=[roadmap.slug, "fly"])).status_code == 404
    assert client_for(users["partner"]).post(reverse("roadmaps:delete", args=[roadmap.slug])).status_code == 404
    assert editor_client.get(reverse("roadmaps:delete", args=[roadmap.slug])).status_code == 200
    assert editor_client.post(reverse("roadmaps:delete", args=[roadmap.slug])).status_code == 302
    assert not Roadmap.objects.filter(pk=roadmap.pk).exists()


def test_a_second_new_version_leads_to_the_one_in_progress(editor_client, users):
    v1 = roadmap_with_content(axes=1, programmes=1, validated=True)
    editor_client.post(reverse("roadmaps:new_version", args=[v1.slug]))
    response = editor_client.post(reverse("roadmaps:new_version", args=[v1.slug]))
    v2 = Roadmap.objects.get(previous_version=v1)
    assert response["Location"] == reverse("roadmaps:edit", args=[v2.slug])
    assert Roadmap.objects.filter(previous_version=v1).count() == 1
