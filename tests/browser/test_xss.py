"""A corpus of XSS payloads written into every text field of the demo data: no script runs on any page.

The demo data is loaded, then every plain and rich text column of the domain models gets a payload
appended; a crawler then opens every page reachable from the home page, anonymously and as the
national administrator (who sees the most), and checks that no payload ran. The browser context
bypasses the Content-Security-Policy, so escaping and sanitising are what is tested, not the CSP.
"""

from urllib.parse import urldefrag, urlparse

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Left

from commons_portal.core import demo
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

SHORT = '<img src=x onerror="window.__xss=1">'
LONG = "<script>window.__xss=1</script><svg onload=\"window.__xss=1\"></svg>{{ 7|add:'1' }}" + SHORT
DOMAINS = ("partners", "roadmaps", "retex", "accounts", "jobs")
SKIPPED_PATHS = ("/comptes/deconnexion", "/admin", "/api/", "/static/", "/media/")
MAX_PAGES = 40


def _poison_text_columns() -> int:
    """Append a payload to every free-text column of the domain models; returns the columns touched."""
    touched = 0
    for model in apps.get_models():
        if model._meta.app_label not in DOMAINS or model._meta.proxy or not model._meta.managed:
            continue
        updates = {}
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField) or field.choices or field.primary_key:
                continue
            if (
                isinstance(field, models.EmailField | models.URLField | models.SlugField)
                or field.name in {"password", "token_hash", "email"}
                or field.name.endswith(("_hash", "content_type", "file"))
            ):
                continue
            payload = LONG if isinstance(field, models.TextField) else SHORT
            if field.max_length and field.max_length < len(payload) + 5:
                continue
            keep = (field.max_length - len(payload)) if field.max_length else 100_000
            updates[field.name] = Concat(Left(field.name, keep), Value(payload), output_field=field)
        if updates:
            model.objects.update(**updates)
            touched += len(updates)
    return touched


def _crawl(page, start: str = "/") -> list[str]:
    origin = urlparse(page.url).netloc if page.url.startswith("http") else None
    seen, queue, visited = {start}, [start], []
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        response = page.goto(path)
        visited.append(path)
        assert response is None or response.status < 500, f"{path} answered {response.status}"
        assert page.evaluate("window.__xss") is None, f"a payload ran on {path}"
        origin = origin or urlparse(page.url).netloc
        for href in page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)"):
            url = urlparse(urldefrag(href)[0])
            if url.netloc != origin or url.path.startswith(SKIPPED_PATHS) or url.path.endswith((".pdf", ".json")):
                continue
            if "export" in url.path or "telecharger" in url.path or "download" in url.path:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return visited


def test_no_payload_runs_anywhere(page):
    call_command("load_demo", "--quiet-accounts")
    assert _poison_text_columns() > 20
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    anonymous_pages = _crawl(page)
    email = next(email for email, role in demo.load_accounts() if role == "Administrateur national")
    login(page, email, demo.demo_password())
    admin_pages = _crawl(page)
    assert len(anonymous_pages) > 5 and len(admin_pages) > 10
    assert not dialogs
