"""The partner journey in a real browser: a territorial administrator creates an organisation and a
convention, invites a partner member by e-mail, the member opens the one-time link, creates their
account and completes the organisation's page; the directory, map and graph are accessible."""

import re

import pytest
from django.core import mail

from commons_portal.territories.services import territories_load
from partners.demo import load_demo
from tests.browser.conftest import assert_accessible, login, screenshot
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_creates_organisation_and_convention_then_invited_member_completes_the_page(page, browser):
    territories_load()
    admin = UserFactory(territorial_admin=True, territory_code="R27")
    login(page, admin.email, PASSWORD)

    # The organisation
    page.goto("/partenaires/")
    page.get_by_role("link", name="Créer une organisation").click()
    page.locator("#id_name").fill("Syndicat mixte numérique du Doubs")
    page.get_by_label("Sigle").fill("SMND")
    page.get_by_label("Type").select_option(label="Syndicat mixte")
    page.locator("#id_siren").fill("180 020 027")  # a typo: the checksum fails
    page.get_by_label("Territoires d'action").select_option(label="Doubs (département)")
    page.get_by_role("button", name="Créer l'organisation").click()
    assert "la clé de contrôle ne correspond pas" in page.locator("main").inner_text()
    assert page.get_by_label("Sigle").input_value() == "SMND"  # nothing typed is lost
    assert_accessible(page, "organisation form with an error")
    page.locator("#id_siren").fill("")
    page.get_by_role("button", name="Créer l'organisation").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Syndicat mixte numérique du Doubs")

    # The convention
    page.goto("/partenaires/conventions/")
    page.get_by_role("link", name="Créer une convention").click()
    page.get_by_label("Intitulé").fill("Convention pour un ENT libre dans le Doubs")
    page.get_by_label("Statut").select_option(label="Signée, en cours")
    page.locator("#id_territory").select_option(label="Bourgogne-Franche-Comté (région académique)")
    page.get_by_label("Date de début").fill("2025-09-01")
    page.get_by_label("Ambitions partagées").fill("Mutualiser l'ENT\nFormer ensemble les enseignants")
    page.get_by_label("Parties à la convention").select_option(label="Syndicat mixte numérique du Doubs (SMND)")
    page.get_by_role("button", name="Créer la convention").click()
    main = page.locator("main").inner_text()
    assert "Convention pour un ENT libre dans le Doubs" in main
    assert "Former ensemble les enseignants" in main
    assert_accessible(page, "convention page")

    # The invitation, from the organisation's page
    page.get_by_role("link", name="Syndicat mixte numérique du Doubs").first.click()
    page.get_by_label("Adresse électronique de la personne invitée").fill("membre@smnd.fr")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    page.get_by_text("Invitation envoyée à membre@smnd.fr").wait_for()
    assert_accessible(page, "organisation page as its administrator")
    link = re.search(r"https?://\S+/comptes/invitation/\S+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]

    # The member opens the link in a fresh browser, creates their account and completes the page
    context = browser.new_context(base_url=page.context._impl_obj._options.get("baseURL"), bypass_csp=True)
    member = context.new_page()
    member.goto(path)
    member.get_by_label("Prénom").fill("Marie")
    member.locator("#id_last_name").fill("Membre")
    member.locator("#id_password1").fill("un-mot-de-passe-solide-2026")
    member.get_by_label("Confirmation du mot de passe").fill("un-mot-de-passe-solide-2026")
    member.get_by_role("button", name="Créer mon compte").click()
    member.wait_for_load_state()
    member.goto("/partenaires/?q=SMND")
    member.get_by_role("link", name="Syndicat mixte numérique du Doubs").click()
    member.get_by_role("link", name="Modifier la fiche").click()
    assert member.get_by_label("Territoires d'action").count() == 0  # not theirs to change
    member.get_by_label("Description").fill("Nous mutualisons l'ENT des collèges du Doubs.")
    member.get_by_label("Site web").fill("https://smnd.example.fr")
    member.get_by_role("button", name="Enregistrer").click()
    assert "Nous mutualisons l'ENT des collèges du Doubs." in member.locator("main").inner_text()
    assert_accessible(member, "organisation page as its member")
    context.close()


def test_directory_map_and_graph_are_accessible(page):
    territories_load()
    load_demo()
    page.goto("/partenaires/")
    assert_accessible(page, "directory")
    screenshot(page, "partners-directory")
    page.goto("/partenaires/carte/")
    assert page.locator("a.partners-map__region").count() == 18
    assert_accessible(page, "map")
    screenshot(page, "partners-map")
    page.get_by_role("link", name=re.compile(r"^Hauts-de-France : \d+ organisations")).click()
    assert "Région Nord-Pas-de-Calais" in page.locator("main").inner_text()
    page.goto("/partenaires/graphe/")
    assert_accessible(page, "graph")
    screenshot(page, "partners-graph")
    page.get_by_label("Type d'organisation").select_option(label="Association d'élus")
    page.get_by_role("button", name="Afficher").click()
    page.get_by_text("Afficher la liste des liens").click()  # the text alternative, folded by default
    assert "Association des maires de France" in page.locator("main").inner_text()
    assert_accessible(page, "graph filtered")
