"""Home, health, legal and error pages."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.utils import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_home_is_public_and_in_french(client):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="fr"' in content
    assert "Portail des communs numériques" in content
    assert content.count("<main") == 1


def test_pages_load_nothing_from_outside_the_server(client):
    content = client.get("/").content.decode()
    for attribute in ('src="http', "src='http", 'href="http://', "url(http"):
        assert attribute not in content.replace('href="https://www.info.gouv.fr', "")


def test_strict_csp_and_security_headers(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_inline_script_in_pages(client):
    import re

    content = client.get(reverse("accounts:login")).content.decode()
    for tag in re.findall(r"<script[^>]*>", content):
        assert "src=" in tag, f"inline script: {tag}"


def test_healthz_reports_each_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert body["checks"]["broker"] in {"ok", "in-process"}


def test_healthz_says_503_when_the_broker_is_down(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from commons_portal.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["checks"]["broker"].startswith("error")


def test_404_page_in_portal_style(client):
    response = client.get("/pas-de-page-ici/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()


def test_403_page_in_portal_style(role_client):
    response = role_client("partner").get(reverse("accounts:invitation_create"))
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


@override_settings(DEBUG=False)
def test_500_page_renders_without_the_database():
    from commons_portal.core.views import error_500

    response = error_500(None)
    assert response.status_code == 500
    assert "Erreur inattendue" in response.content.decode()


def test_legal_and_accessibility_pages_are_public(client):
    assert client.get(reverse("core:legal")).status_code == 200
    assert client.get(reverse("core:accessibility")).status_code == 200


def test_private_pages_send_anonymous_users_to_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_home_query_count_does_not_grow(role_client, make_user):
    client = role_client("editor")
    assert_queries_do_not_grow(lambda: client.get("/"), lambda: [make_user("partner") for _ in range(5)])
