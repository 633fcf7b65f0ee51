"""The portal's frame in a real browser: home, login for each role, error pages, accessibility."""

import pytest

from commons_portal.accounts.models import Role
from commons_portal.core import demo
from commons_portal.territories.services import territories_load
from tests.browser.conftest import assert_accessible, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_is_accessible_and_leads_to_login(page):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Portail des communs")
    assert_accessible(page, "home")
    screenshot(page, "home")
    page.get_by_role("link", name="Se connecter").first.click()
    assert page.get_by_role("heading", name="Se connecter au portail").is_visible()
    assert_accessible(page, "login")
    screenshot(page, "login")


def test_each_demo_account_logs_in_and_sees_their_role(page):
    """The accounts `make run` prints, with the embedded-mode password."""
    territories_load()  # a transactional test before this one may have flushed the reference tree
    accounts = demo.load_accounts()
    assert {role for _, role in accounts} == {str(role.label) for role in Role}
    for email, role_label in accounts:
        login(page, email, demo.demo_password())
        page.goto("/comptes/mon-compte/")
        assert role_label in page.locator("main").inner_text()
        assert_accessible(page, f"profile as {role_label}")
        page.get_by_role("button", name="Se déconnecter").click()
        page.wait_for_load_state()


def test_wrong_password_keeps_email_and_says_why(page, make_user):
    user = make_user("editor")
    login(page, user.email, "pas-le-bon-mot-de-passe")
    assert "incorrect" in page.locator("main").inner_text()
    assert page.get_by_label("Adresse électronique").input_value() == user.email
    assert page.get_by_label("Mot de passe").input_value() == ""
    assert_accessible(page, "login error")


def test_error_pages_are_accessible(page):
    response = page.goto("/cette-page-n-existe-pas/")
    assert response.status == 404
    assert "Page non trouvée" in page.locator("main").inner_text()
    assert_accessible(page, "404")
