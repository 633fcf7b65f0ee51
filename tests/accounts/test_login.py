"""Logging in and out, rate limiting, password reset by e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/comptes/connexion/"


def test_login_with_email_and_logout(client, make_user):
    user = make_user("editor", email="Emilie.Redactrice@ac-dijon.fr")
    response = client.post(LOGIN, {"username": "emilie.redactrice@ac-dijon.fr", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert user.email


def test_wrong_password_says_so_next_to_the_form_and_keeps_the_email(client, make_user):
    user = make_user("editor")
    response = client.post(LOGIN, {"username": user.email, "password": "mauvais"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Adresse électronique ou mot de passe incorrect" in content
    assert f'value="{user.email}"' in content
    assert "mauvais" not in content


def test_malformed_email_is_reported_next_to_the_field(client):
    response = client.post(LOGIN, {"username": "pas-une-adresse", "password": "x"})
    assert response.status_code == 200
    assert "Saisissez une adresse e-mail valide" in response.content.decode()
    assert 'value="pas-une-adresse"' in response.content.decode()


def test_unknown_email_gets_the_same_message_as_a_wrong_password(client):
    response = client.post(LOGIN, {"username": "inconnu@exemple.fr", "password": "x"})
    assert "Adresse électronique ou mot de passe incorrect" in response.content.decode()


def test_login_is_rate_limited_and_says_when_to_retry(client, make_user):
    user = make_user("editor")
    for _ in range(5):
        client.post(LOGIN, {"username": user.email, "password": "mauvais"})
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    content = response.content.decode()
    assert "réessayez à" in content
    assert re.search(r"\d\d:\d\d", content)
    assert int(response["Retry-After"]) == 15 * 60
    # Another address from the same machine is not blocked.
    other = make_user("editor")
    assert client.post(LOGIN, {"username": other.email, "password": PASSWORD}).status_code == 302


def test_password_reset_by_email(client, make_user):
    user = make_user("editor")
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "trop", "new_password2": "trop"})
    assert response.status_code == 200
    assert "Ce mot de passe est trop court" in response.content.decode()
    new_password = "un-nouveau-mot-de-passe-solide"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_for_unknown_email_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "personne@exemple.fr"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_used_reset_link_says_it_is_no_longer_valid(client):
    response = client.get("/comptes/mot-de-passe/nouveau/MQ/mauvais-jeton/")
    assert response.status_code == 200
    assert "Lien expiré ou déjà utilisé" in response.content.decode()


def test_download_my_data(role_client, users):
    response = role_client("editor").get(reverse("accounts:my_data"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = response.json()
    assert data["compte"]["adresse_electronique"] == users["editor"].email
    assert data["roles"][0]["role"] == "Rédacteur DRANE/DRASI"
