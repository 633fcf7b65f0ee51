"""Cached fragments: served again while nothing changes, stale after any write, never shared between
people who may see different things."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.urls import reverse

from commons_portal.core.caching import cached_fragment, content_generation
from commons_portal.territories.models import Territory
from partners.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


class Renders:
    """A render function that counts its calls and shows what it read."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return "<p>" + ", ".join(Organisation.objects.order_by("name").values_list("name", flat=True)) + "</p>"


def _request(user=None, path="/annuaire/", csrf_secret=None, **headers):
    request = RequestFactory().get(path, **headers)
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    if csrf_secret:
        request.META["CSRF_COOKIE"] = csrf_secret
    return request


def test_a_fragment_is_rendered_once_while_nothing_changes():
    render = Renders()
    first = cached_fragment(_request(), "directory", render)
    second = cached_fragment(_request(), "directory", render)
    assert first == second
    assert render.calls == 1


def test_a_save_or_a_delete_makes_it_stale():
    render = Renders()
    organisation = OrganisationFactory(name="Atelier Canopé 25")
    assert "Atelier Canopé 25" in cached_fragment(_request(), "directory", render)

    organisation.name = "Atelier Canopé 39"
    organisation.save()
    assert "Atelier Canopé 39" in cached_fragment(_request(), "directory", render)

    organisation.delete()
    assert "Atelier" not in cached_fragment(_request(), "directory", render)
    assert render.calls == 3


def test_a_successful_write_request_makes_every_fragment_stale(client, make_user):
    """Even one that wrote with QuerySet.update(), which sends no signal."""
    user = make_user("editor")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    before = content_generation()
    response = client.post(reverse("accounts:logout"))
    assert response.status_code < 400
    assert content_generation() > before


def test_a_change_of_a_reference_table_counts_too():
    before = content_generation()
    Territory.objects.filter(code="R27").first().save()
    assert content_generation() > before


def test_each_person_has_their_own_fragments_anonymous_visitors_share_theirs(make_user):
    render = Renders()
    editor, partner = make_user("editor"), make_user("partner")
    cached_fragment(_request(), "directory", render)
    cached_fragment(_request(), "directory", render)
    assert render.calls == 1
    cached_fragment(_request(editor), "directory", render)
    cached_fragment(_request(partner), "directory", render)
    assert render.calls == 3
    cached_fragment(_request(editor), "directory", render)
    assert render.calls == 3


def test_the_address_the_parts_and_htmx_requests_make_different_fragments():
    render = Renders()
    cached_fragment(_request(path="/annuaire/"), "directory", render)
    cached_fragment(_request(path="/annuaire/?page=2"), "directory", render)
    cached_fragment(_request(path="/annuaire/"), "directory", render, parts=["R27"])
    cached_fragment(_request(path="/annuaire/", HTTP_HX_REQUEST="true"), "directory", render)
    assert render.calls == 4


def test_a_csrf_token_made_for_a_visitor_without_cookie_is_not_served_to_the_next_one():
    calls = []

    def render_with_token(request):
        def render():
            calls.append(1)
            return f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'

        return render

    first = _request()
    cached_fragment(first, "form", render_with_token(first))
    second = _request()
    cached_fragment(second, "form", render_with_token(second))
    assert len(calls) == 2

    # With a secret of their own, a visitor's fragment is kept for that secret only.
    third = _request(csrf_secret="a" * 32)
    cached_fragment(third, "form", render_with_token(third))
    cached_fragment(_request(csrf_secret="a" * 32), "form", render_with_token(third))
    cached_fragment(_request(csrf_secret="b" * 32), "form", render_with_token(third))
    assert len(calls) == 4


def test_the_cache_can_be_turned_off(settings):
    settings.PORTAL_FRAGMENT_CACHE = False
    render = Renders()
    cached_fragment(_request(), "directory", render)
    cached_fragment(_request(), "directory", render)
    assert render.calls == 2


def _get_counting(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)


def test_a_cached_page_is_served_without_its_reads_until_the_content_changes(client):
    url = reverse("partners:directory")
    OrganisationFactory(name="Atelier Canopé 25")
    first, cold = _get_counting(client, url)
    second, warm = _get_counting(client, url)
    assert "Atelier Canopé 25" in second
    assert warm < cold
    OrganisationFactory(name="Atelier Canopé 39")
    third, again = _get_counting(client, url)
    assert "Atelier Canopé 39" in third and again == cold


def test_anonymous_visitors_share_a_page_each_with_their_own_csrf_token():
    import re

    from django.conf import settings
    from django.middleware.csrf import _unmask_cipher_token
    from django.test import Client

    url = reverse("partners:directory")
    _get_counting(Client(), url)
    visitor = Client()
    page, warm = _get_counting(visitor, url)
    _cold_page, cold = _get_counting(Client(), url + "?page=1")
    assert warm < cold
    (token,) = set(re.findall(r'<meta name="csrf-token" content="([A-Za-z0-9]{64})"', page))
    assert _unmask_cipher_token(token) == visitor.cookies[settings.CSRF_COOKIE_NAME].value


def test_a_cached_page_is_never_shared_between_people(client, make_user):
    url = reverse("retex:report_list")
    anonymous, _ = _get_counting(client, url)
    client.force_login(make_user("editor"), backend="django.contrib.auth.backends.ModelBackend")
    editor, _ = _get_counting(client, url)
    assert 'name="status"' in editor and 'name="status"' not in anonymous  # the staff-only status filter


def test_a_page_with_a_flash_message_is_neither_served_from_nor_kept_in_the_cache(client, make_user):
    from types import SimpleNamespace

    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage

    client.force_login(make_user("editor"), backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("partners:directory")
    _get_counting(client, url)
    storage = CookieStorage(SimpleNamespace(COOKIES={}))
    client.cookies[CookieStorage.cookie_name] = storage._encode([Message(constants.SUCCESS, "Bravo")])
    with_message, _ = _get_counting(client, url)
    assert "Bravo" in with_message
    after, _ = _get_counting(client, url)
    assert "Bravo" not in after


def test_a_page_holding_a_token_elsewhere_is_not_kept():
    """A token the page carries outside the two known places (made by another call) would hand this
    visitor's CSRF secret to the next one: such a page is never kept."""
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from commons_portal.core.caching import cached_page

    calls = []

    @cached_page("odd")
    def view(request):
        calls.append(1)
        return HttpResponse(f'<div data-token="{get_token(request)}"></div>')

    secret = "c" * 32
    view(_request(csrf_secret=secret))
    view(_request(csrf_secret=secret))
    assert len(calls) == 2
