"""The RETEX journey in a real browser: a partner invited by link writes a report over two visits with an
attachment and submits it; a reviewer returns it with a comment; the partner corrects and resubmits; the
reviewer publishes; a facilitator records projections and an action plan and promotes an item into the
roadmap. Every page is checked with axe-core and photographed."""

import re

import pytest
from playwright.sync_api import expect

from commons_portal.accounts import services as account_services
from commons_portal.accounts.models import Role
from retex.models import ExperienceReport, ReportStatus
from retex.themes import themes_ensure
from tests.browser.conftest import assert_accessible, login, screenshot
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, territory
from tests.retex.factories import ReportFactory, SessionFactory, roadmap_programme

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def visit(browser, live_server):
    """Open a fresh browser (no cookies), as a person coming back another day would."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="fr-FR")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console",
            lambda m: errors.append(m.text) if m.type == "error" and "Content Security Policy" in m.text else None,
        )
        page.csp_errors = errors
        return page

    yield open_page
    for context in contexts:
        for page in context.pages:
            assert not page.csp_errors, page.csp_errors
        context.close()


def _continue(page):
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.wait_for_load_state()


def test_retex_journey(visit, tmp_path):
    themes_ensure()  # a transactional test starts from a flushed database
    reviewer = UserFactory(editor=True, territory_code="R27", first_name="Émilie")
    admin = UserFactory(territorial_admin=True, territory_code="R27")
    organisation = OrganisationFactory(name="Réseau Canopé Bourgogne", territories=[territory("R27")])
    _invitation, link = account_services.invitation_create(
        email="nouveau.partenaire@exemple.fr", role=Role.PARTNER, organisation=organisation, invited_by=admin
    )

    # First visit: the partner opens the one-time link, creates their account and starts a report.
    page = visit()
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.get_by_label("Prénom").fill("Paula")
    page.locator("#id_last_name").fill("Partenaire")
    page.locator("#id_password1").fill("un-long-mot-de-passe-2026")
    page.get_by_label("Confirmation du mot de passe").fill("un-long-mot-de-passe-2026")
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_load_state()
    page.goto("/retex/mes-retex/")
    assert_accessible(page, "my reports, empty")
    page.get_by_role("button", name="Rédiger un nouveau RETEX").click()
    expect(page.get_by_role("heading", name=re.compile("Identité et résumé"))).to_be_visible()
    page.get_by_role("textbox", name=re.compile("^Titre")).fill("Prêt de tablettes aux familles")
    page.get_by_role("textbox", name=re.compile("^Résumé")).fill("x" * 450)
    _continue(page)
    expect(page.locator("body")).to_contain_text("Le résumé doit tenir en 400 caractères")
    assert page.get_by_role("textbox", name=re.compile("^Titre")).input_value() == "Prêt de tablettes aux familles"
    assert_accessible(page, "step 1 with an error")
    screenshot(page, "retex-step-1-error")
    page.get_by_role("textbox", name=re.compile("^Résumé")).fill(
        "Des tablettes prêtées aux familles pendant l'année, avec une médiation."
    )
    page.get_by_label("Lien vers une ressource").fill("https://exemple.fr/tablettes")
    # htmx autosaves on change (progressive enhancement): the status line says so.
    page.get_by_role("textbox", name=re.compile("^Titre")).fill("Prêt de tablettes aux familles éloignées du numérique")
    page.get_by_role("textbox", name=re.compile("^Résumé")).focus()
    expect(page.locator("#autosave-status")).to_contain_text("Brouillon enregistré automatiquement")
    screenshot(page, "retex-step-1")
    _continue(page)
    expect(page.get_by_role("heading", name=re.compile("Thématiques et territoire"))).to_be_visible()
    page.get_by_text("#1 Garantir un égal accès au numérique pour tous").click()
    page.get_by_role("combobox", name=re.compile("^Territoire")).select_option(
        label="Bourgogne-Franche-Comté (région académique)"
    )
    assert_accessible(page, "step 2")
    screenshot(page, "retex-step-2")
    page.get_by_role("button", name="Enregistrer et reprendre plus tard").click()
    expect(page.locator("body")).to_contain_text("Brouillon enregistré")
    page.context.close()

    # Second visit, another day: log in, find the draft, finish it.
    page = visit()
    login(page, "nouveau.partenaire@exemple.fr", "un-long-mot-de-passe-2026")
    page.goto("/retex/mes-retex/")
    page.get_by_role("link", name="Prêt de tablettes aux familles éloignées du numérique").click()
    assert page.get_by_role("textbox", name=re.compile("^Résumé")).input_value().startswith("Des tablettes prêtées")
    page.get_by_role("button", name="Points forts").click()
    page.get_by_role("textbox", name=re.compile("^Points forts")).fill(
        "Lien renforcé avec les familles\nPartenariat avec les médiathèques"
    )
    assert_accessible(page, "step 3")
    screenshot(page, "retex-step-3")
    _continue(page)
    page.get_by_role("textbox", name=re.compile("^Irritants")).fill("Maintenance lourde des tablettes")
    assert_accessible(page, "step 4")
    screenshot(page, "retex-step-4")
    _continue(page)
    spoofed = tmp_path / "image.png"
    spoofed.write_bytes(b"<html><script>alert(1)</script></html>")
    page.get_by_label("Ajouter un fichier").set_input_files(str(spoofed))
    page.get_by_role("button", name="Joindre ce fichier").click()
    expect(page.locator("body")).to_contain_text("ne correspond pas à son extension")
    document = tmp_path / "bilan.pdf"
    document.write_bytes(PDF)
    page.get_by_label("Ajouter un fichier").set_input_files(str(document))
    page.get_by_role("button", name="Joindre ce fichier").click()
    expect(page.get_by_role("link", name=re.compile("bilan.pdf"))).to_be_visible()
    assert_accessible(page, "step 5")
    screenshot(page, "retex-step-5")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name=re.compile("Vérification et envoi"))).to_be_visible()
    assert_accessible(page, "step 6")
    screenshot(page, "retex-step-6")
    page.get_by_role("button", name="Soumettre le RETEX").click()
    expect(page.locator("body")).to_contain_text("RETEX soumis")
    expect(page.locator("body")).to_contain_text("Soumis, en relecture")
    report = ExperienceReport.objects.get(author__email="nouveau.partenaire@exemple.fr")
    assert report.status == ReportStatus.SUBMITTED and report.attachments.count() == 1

    # The reviewer returns it with a comment.
    reviewer_page = visit()
    login(reviewer_page, reviewer.email, PASSWORD)
    reviewer_page.goto("/retex/a-relire/")
    assert_accessible(reviewer_page, "review queue")
    reviewer_page.get_by_role("link", name="Prêt de tablettes aux familles éloignées du numérique").click()
    reviewer_page.get_by_text("Renvoyer pour modification").click()
    reviewer_page.get_by_role("button", name="Valider la décision").click()
    expect(reviewer_page.locator("body")).to_contain_text("le commentaire est obligatoire")
    assert_accessible(reviewer_page, "review with an error")
    screenshot(reviewer_page, "retex-review-error")
    reviewer_page.get_by_label("Commentaire pour l'auteur").fill("Indiquez le nombre de familles concernées.")
    reviewer_page.get_by_role("button", name="Valider la décision").click()
    expect(reviewer_page.locator("body")).to_contain_text("renvoyé à son auteur")

    # The partner sees the comment, corrects and resubmits.
    page.goto("/retex/mes-retex/")
    expect(page.locator("body")).to_contain_text("Indiquez le nombre de familles concernées.")
    page.get_by_role("link", name="Prêt de tablettes aux familles éloignées du numérique").click()
    page.get_by_role("textbox", name=re.compile("^Résumé")).fill(
        "120 familles ont reçu une tablette pendant l'année, avec une médiation."
    )
    page.get_by_role("button", name="Vérification et envoi").click()
    page.get_by_role("button", name="Soumettre le RETEX").click()
    expect(page.locator("body")).to_contain_text("RETEX soumis")

    # The reviewer publishes; the report is public.
    reviewer_page.goto(f"/retex/retex/{report.pk}/relecture/")
    reviewer_page.get_by_text("Publier", exact=True).click()
    reviewer_page.get_by_role("button", name="Valider la décision").click()
    expect(reviewer_page.locator("body")).to_contain_text("RETEX publié")
    public = visit()
    public.goto(f"/retex/retex/{report.pk}/")
    expect(public.locator("body")).to_contain_text("120 familles")
    assert_accessible(public, "public report")
    screenshot(public, "retex-public-report")

    # A facilitator (also an editor of the roadmap) records the session and promotes an action.
    programme = roadmap_programme(user=reviewer)
    session = SessionFactory(title="Atelier accompagnement", facilitators=[reviewer])
    reviewer_page.goto(f"/retex/sessions/{session.slug}/compte-rendu/")
    assert_accessible(reviewer_page, "session record")
    reviewer_page.locator("#section-participants summary").click()
    participants = reviewer_page.locator("#section-participants form")
    participants.get_by_label(re.compile("premier degré : participants")).fill("huit")
    participants.get_by_label(re.compile("premier degré : établissements")).fill("2")
    participants.get_by_role("button", name=re.compile("Enregistrer")).click()
    expect(reviewer_page.locator("#section-participants")).to_contain_text("Saisissez un nombre entier")
    assert reviewer_page.get_by_label(re.compile("premier degré : participants")).input_value() == "huit"
    assert_accessible(reviewer_page, "participants with an error")
    screenshot(reviewer_page, "retex-session-participants-error")
    reviewer_page.get_by_label(re.compile("premier degré : participants")).fill("8")
    reviewer_page.locator("#section-participants form").get_by_role("button", name=re.compile("Enregistrer")).click()
    expect(reviewer_page.locator("#section-participants table").first).to_contain_text("8")
    reviewer_page.locator("#section-projections summary").click()
    form = reviewer_page.locator("#section-projections form")
    form.get_by_label("Irritant principal").fill("La formation n'est pas reconnue")
    form.get_by_label("Besoin").fill("Valoriser les formateurs et les formés")
    form.get_by_label("Axe d'amélioration ou levier").fill("Des certifications prises en compte dans les carrières")
    form.get_by_role("button", name=re.compile("Enregistrer")).click()
    expect(reviewer_page.locator("#section-projections table")).to_contain_text("Valoriser les formateurs")
    reviewer_page.locator("#section-plan-action summary").click()
    form = reviewer_page.locator("#section-plan-action form")
    form.get_by_label("Levier de la projection mis en œuvre").select_option(index=1)
    form.get_by_label("Axe d'amélioration (quoi)").fill("Valoriser la formation")
    form.get_by_label("Actions à mener (comment)").fill("Intégrer des certifications dans les carrières")
    form.get_by_label("Acteurs mobilisés (qui)").fill("DAFPEN, DAN, DRH")
    form.get_by_label("Temporalité (quand)").fill("Rentrée 2027")
    form.get_by_role("button", name=re.compile("Enregistrer")).click()
    expect(reviewer_page.locator("#section-plan-action table")).to_contain_text("Valoriser la formation")
    reviewer_page.reload()
    assert_accessible(reviewer_page, "session record with records")
    screenshot(reviewer_page, "retex-session-record")
    reviewer_page.get_by_role("link", name=re.compile("Promouvoir dans la feuille de route")).click()
    reviewer_page.get_by_label("Programme de la feuille de route").select_option(index=1)
    assert_accessible(reviewer_page, "promote")
    reviewer_page.get_by_role("button", name="Ajouter l'action au programme").click()
    expect(reviewer_page.locator("body")).to_contain_text("ajoutée au programme")
    assert programme.actions.get().what == "Valoriser la formation"
    reviewer_page.locator("#section-plan-action details summary", has_text="Traçabilité").first.click()
    expect(reviewer_page.locator("#section-plan-action")).to_contain_text("promue dans la feuille de route")
    screenshot(reviewer_page, "retex-session-record-promoted")


def test_a_step_left_by_a_button_sends_no_autosave_behind_its_save(visit):
    """Leaving a field for a step button starts the autosave's delay; on a slow line the delay ends while the page's
    own save is still on its way. The autosave is dropped (the full save carries the same fields)."""
    themes_ensure()
    report = ReportFactory()
    page = visit()
    login(page, report.author.email, PASSWORD)
    step = f"/retex/retex/{report.pk}/etape/identite/"
    sent = []

    def slow_full_save(route):
        if route.request.method == "POST" and not route.request.header_value("hx-request"):
            page.wait_for_timeout(1000)  # longer than the autosave's 300 ms delay
        sent.append("autosave" if route.request.header_value("hx-request") else route.request.method)
        route.continue_()

    page.route(f"**{step}", slow_full_save)
    page.goto(step)
    page.get_by_role("textbox", name=re.compile("^Résumé")).fill("120 familles ont reçu une tablette.")
    page.get_by_role("button", name="Vérification et envoi").click()
    expect(page.get_by_role("heading", name=re.compile("Vérification et envoi"))).to_be_visible()
    page.wait_for_timeout(500)
    assert sent == ["GET", "POST"]
    page.get_by_role("button", name="Soumettre le RETEX").click()
    expect(page.locator("body")).to_contain_text("RETEX soumis")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.summary == "120 familles ont reçu une tablette."
