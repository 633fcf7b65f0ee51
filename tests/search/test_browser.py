"""Search, open data and the API documentation in a real browser: the header search bar, the open data
pages, an export download and an import with its preview, with zero axe-core violations; the API
docs run under the site's strict Content-Security-Policy."""

import pytest

from tests.browser.conftest import assert_accessible, login, screenshot
from tests.factories import PASSWORD, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_header_search_finds_without_accents(page):
    OrganisationFactory(name="Réseau Canopé", description="La gouvernance des communs numériques éducatifs.")
    page.goto("/")
    page.get_by_label("Rechercher dans le portail").fill("communs numeriques")
    page.get_by_label("Rechercher dans le portail").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Réseau Canopé").is_visible()
    assert page.locator("mark").first.inner_text().lower().startswith("commun")
    assert_accessible(page, "search results")
    screenshot(page, "search-results")


def test_open_data_export_and_import(page, make_user):
    OrganisationFactory(name="Réseau Canopé", slug="reseau-canope")
    page.goto("/donnees/")
    assert_accessible(page, "open data index")
    page.get_by_role("link", name="Organisations partenaires").click()
    page.wait_for_load_state()
    assert_accessible(page, "dataset page")
    screenshot(page, "opendata-dataset")
    page.get_by_label("JSON").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger").click()
    assert download.value.suggested_filename.startswith("organisations-")

    admin = make_user("national_admin")
    login(page, admin.email, PASSWORD)
    page.goto("/donnees/organisations/import/")
    assert_accessible(page, "import page")
    page.get_by_label("Fichier à importer").set_input_files(
        files=[
            {
                "name": "organisations.csv",
                "mimeType": "text/csv",
                "buffer": b"slug,name,kind\nnouvelle,Nouvelle association,association\n",
            }
        ]
    )
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.wait_for_load_state()
    assert page.get_by_text("1 ligne(s) à créer").is_visible()
    assert_accessible(page, "import preview")
    screenshot(page, "opendata-import-preview")
    page.get_by_role("button", name="Confirmer l'import").click()
    page.wait_for_load_state()
    assert page.get_by_text("Import terminé").is_visible()


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_api_docs_under_the_strict_csp(browser, live_server, path):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")  # CSP enforced, not bypassed
    docs = context.new_page()
    violations = []
    docs.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    docs.goto(path)
    docs.wait_for_selector(".swagger-ui .opblock" if path == "/api/docs/" else ".api-content h2", timeout=30_000)
    context.close()
    # Redoc's footer points at its logo on cdn.redoc.ly: the policy blocks it, so no request leaves the
    # server; anything else blocked (a script, a style) would break the page and fails the test.
    assert [text for text in violations if "cdn.redoc.ly" not in text] == []
