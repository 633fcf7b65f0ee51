"""The editor's journey in a real browser: log in, draft v2 from v1, add a programme and an indicator with
values, see the chart, validate, compare the editions; axe-core finds nothing on any page."""

import re

import pytest

from roadmaps import services
from roadmaps.importer import parse_markdown
from roadmaps.models import Roadmap
from tests.browser.conftest import assert_accessible, login, screenshot
from tests.factories import PASSWORD, territory
from tests.roadmaps.test_importer import GOOD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def v1(make_user):
    author = make_user("editor")
    roadmap = services.roadmap_create_from_import(
        parsed=parse_markdown(GOOD), territory=territory("R27"), user=author, slug="feuille-test"
    )
    roadmap.validate(user=author)
    return roadmap


def test_editor_journey(page, make_user, v1):
    editor = make_user("editor")
    login(page, editor.email, PASSWORD)

    page.goto(v1.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Feuille de route test"
    assert_accessible(page, "v1 page")
    page.get_by_role("button", name="Rédiger la version 2").click()
    page.wait_for_url(re.compile(r"/feuille-test-v2/edition/$"))
    assert "La version 2 est créée" in page.locator("body").inner_text()
    assert_accessible(page, "editor")

    # Add a programme to the first axis, inline (htmx): the page is not reloaded.
    page.evaluate("window.journeyMarker = 1")
    field = page.get_by_label("Nouveau programme de l'Axe structurant 1")
    field.fill("Communs numériques partagés")
    field.press("Enter")
    programme = page.locator("text=Programme 2 — Communs numériques partagés")
    programme.wait_for()
    assert page.evaluate("window.journeyMarker") == 1
    assert page.locator("text=Programme 3 — Former les enseignants").count() == 1  # renumbered

    # Move it with the keyboard alternative to drag and drop: up, then back down.
    page.get_by_role("button", name="Monter « Programme 2 »").focus()
    page.keyboard.press("Enter")
    page.locator("text=Programme 1 — Communs numériques partagés").wait_for()
    page.get_by_role("button", name="Descendre « Programme 1 »").click()
    page.locator("text=Programme 2 — Communs numériques partagés").wait_for()
    assert_accessible(page, "editor after inline changes")
    screenshot(page, "roadmap-editor")

    # Add an indicator with values and look at its chart.
    page.get_by_role("link", name="Ajouter un indicateur").click()
    assert_accessible(page, "indicator form")
    page.get_by_label("Nom").fill("Établissements utilisant un commun")
    page.get_by_label("Unité").select_option("percent")
    page.get_by_label("Valeur de référence").fill("10")
    page.get_by_label("Date de référence").fill("2024-09-01")
    page.get_by_label("Valeur cible").fill("60")
    page.get_by_label("Date cible").fill("2027-06-30")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r"/indicateurs/\d+/$"))
    for year, value in (("2024", "18"), ("2025", "27,5")):
        page.get_by_label("Année scolaire").select_option(year)
        page.locator("#id_value").fill(value)
        page.get_by_role("button", name="Enregistrer la valeur").click()
        page.locator(f"text={year}-{int(year) + 1} :").first.wait_for()
    chart = page.locator("svg.roadmap-chart")
    assert chart.is_visible()
    assert chart.locator("polyline").count() == 1 and chart.locator("circle").count() == 3
    assert "27,5 %" in page.locator("table").inner_text()
    assert_accessible(page, "indicator with chart")
    screenshot(page, "roadmap-indicator-chart")

    # Validate the new edition: it is then frozen and v1 archived.
    page.goto("/feuilles-de-route/feuille-test-v2/edition/")
    page.get_by_role("button", name="Valider cette version").click()
    page.wait_for_url(re.compile(r"/feuille-test-v2/$"))
    assert "VALIDÉE" in page.locator("main").inner_text().upper()
    assert Roadmap.objects.get(slug="feuille-test").status == Roadmap.Status.ARCHIVED
    assert_accessible(page, "validated v2")
    screenshot(page, "roadmap-page")

    # Compare the editions.
    page.get_by_role("link", name="Comparer les versions").click()
    main = page.locator("main").inner_text()
    assert "De la version 1 à la version 2" in main
    assert "Programme 2 — Communs numériques partagés" in main
    assert "Établissements utilisant un commun" in main
    assert_accessible(page, "edition diff")
    screenshot(page, "roadmap-diff")

    # The territory dashboard shows the new programme's status and the indicator against its trajectory.
    page.goto("/feuilles-de-route/tableau-de-bord/")
    main = page.locator("main").inner_text()
    assert "Établissements utilisant un commun" in main
    assert_accessible(page, "dashboard")
    screenshot(page, "roadmap-dashboard")


def test_public_visitor_reads_without_editing(page, v1):
    page.goto(v1.get_absolute_url())
    assert page.get_by_role("button", name="Rédiger la version 2").count() == 0
    page.goto("/feuilles-de-route/vue-nationale/")
    assert_accessible(page, "national view")


def test_drag_and_drop_reorders_and_history_and_import_are_accessible(page, make_user, users, v1):
    editor = make_user("editor")
    draft = services.roadmap_create_next_version(roadmap=v1, user=editor)
    services.programme_create(axis=draft.axes.order_by("position").first(), title="Deuxième", user=editor)
    login(page, editor.email, PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 3000})  # both items on screen during the drag
    page.goto(f"/feuilles-de-route/{draft.slug}/edition/")
    first = draft.programmes.get(number=1)
    second = draft.programmes.get(number=2)
    page.locator(f"#programme-{second.pk}-view .roadmap-drag-handle").drag_to(
        page.locator(f"#programme-{first.pk}-view")
    )
    page.locator("text=Programme 1 — Deuxième").wait_for()
    second.refresh_from_db()
    assert second.number == 1

    page.goto(f"/feuilles-de-route/{draft.slug}/historique/")
    assert "Deuxième" in page.locator("main").inner_text()
    assert_accessible(page, "roadmap history")
    page.goto(f"/feuilles-de-route/{draft.slug}/historique/programme/{second.pk}/")
    assert "Déplacé en position 1" in page.locator("main").inner_text()
    assert_accessible(page, "programme history")

    page.goto("/feuilles-de-route/importer/")
    assert_accessible(page, "import")
    page.set_input_files(
        "#id_document", files=[{"name": "f.md", "mimeType": "text/markdown", "buffer": b"# T\n\n## X\n"}]
    )
    page.get_by_label("Territoire").select_option(label=str(territory("R27")))
    page.get_by_role("button", name="Lire le document").click()
    assert "ligne 3 : section « X » inconnue" in page.locator("main").inner_text()
    assert_accessible(page, "import errors")
