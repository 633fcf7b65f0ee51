"""Rendered HTML kept in the cache until the portal's content changes.

Every write to the portal's content (a save, a delete or a many-to-many change of a model of the apps in
`CONTENT_APPS`, and any successful unsafe request, which covers bulk updates) moves a *content generation*
forward. Cached fragments are keyed on that generation, so a change is visible on the very next request:
there is no expiry to wait for and nothing to invalidate by hand. The key also holds who looks (anonymous
or the user and session, because a fragment may show their abilities or hold a CSRF token), the language
and the day (some pages say "à venir" or "passé").

Bulk writes that send no signal (`QuerySet.update()`, `bulk_create()`, raw SQL) outside a request call
`content_changed()` themselves.
"""

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

GENERATION_KEY = "portal:content-generation"
FRAGMENT_TIMEOUT = 60 * 60
# The apps whose models are the portal's content. Sessions, login attempts and PDF jobs are not: their
# frequent writes would empty the cache for nothing, and no cached fragment shows them.
CONTENT_APPS = {"accounts", "territories", "partners", "roadmaps", "retex"}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
_REQUEST_ATTR = "_portal_content_generation"


def _fresh_generation() -> int:
    # Microseconds since the epoch: a generation lost with the cache restarts above every earlier one,
    # so an entry of the past can never be taken for a current one.
    return time.time_ns() // 1000


def content_generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), None)
        value = cache.get(GENERATION_KEY) or _fresh_generation()
    return int(value)


def forget_fragments() -> None:
    """Make every cached fragment stale now."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the key was evicted
        cache.set(GENERATION_KEY, _fresh_generation(), None)


def content_changed() -> None:
    """Make every cached fragment stale: now (this transaction's own reads must not take an older
    fragment) and again after the commit (another request may have cached what it read before)."""
    forget_fragments()
    transaction.on_commit(forget_fragments)


def _model_changed(sender, **kwargs) -> None:
    if sender._meta.app_label in CONTENT_APPS:
        content_changed()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_model_changed, dispatch_uid=f"portal-content-changed-{id(signal)}")


class ContentChangeMiddleware:
    """A successful write request may have changed content without a signal (bulk updates): move the
    generation forward after it, and remember the generation for the rest of a read request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in UNSAFE_METHODS and response.status_code < 400:
            content_changed()
        return response


def _viewer_key(request, *, csrf_bound: bool = True) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        viewer = "anonymous"
    else:
        viewer = f"user-{user.pk}-{request.session.session_key or ''}"
    if not csrf_bound:
        return viewer
    # A fragment may hold a CSRF token, valid only with the secret it was made from.
    secret = request.META.get("CSRF_COOKIE") or ""
    return f"{viewer}-{secret}"


def _request_generation(request) -> int:
    generation = getattr(request, _REQUEST_ATTR, None)
    if generation is None:
        generation = content_generation()
        setattr(request, _REQUEST_ATTR, generation)
    return generation


def fragment_key(request, name: str, parts: Iterable[object] = (), *, csrf_bound: bool = True) -> str:
    raw = "|".join(
        [
            name,
            str(_request_generation(request)),
            _viewer_key(request, csrf_bound=csrf_bound),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            request.get_full_path(),
            # htmx asks the same address for a part of the page.
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-Target", ""),
            *(str(part) for part in parts),
        ]
    )
    return "portal:fragment:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_fragment(request, name: str, render: Callable[[], str], parts: Iterable[object] = ()) -> SafeString:
    """The HTML `render()` returns, from the cache while the content has not changed.

    `name` and `parts` say what the fragment shows beyond the request's path and query string (both are
    in the key already). `render` does the reads and the rendering; nothing it returns is escaped again,
    so it must come from a template.
    """
    if not getattr(settings, "PORTAL_FRAGMENT_CACHE", True):
        return mark_safe(render())  # noqa: S308  # nosec B308 B703 — rendered by a template
    key = fragment_key(request, name, parts)
    html = cache.get(key)
    if html is None:
        had_secret = bool(request.META.get("CSRF_COOKIE"))
        html = render()
        # A token made during the render for a visitor without a cookie belongs to that visitor only.
        if had_secret or not request.META.get("CSRF_COOKIE"):
            cache.set(key, html, FRAGMENT_TIMEOUT)
    return mark_safe(html)  # noqa: S308  # nosec B308 B703 — rendered by a template


def _messages_involved(request) -> bool:
    """Flash messages waiting for this visitor, or added by this request: a page that shows them is
    neither served from the cache nor kept in it."""
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    session = getattr(request, "session", None)
    return bool(
        getattr(storage, "_queued_messages", None)
        or request.COOKIES.get(CookieStorage.cookie_name)
        or (session is not None and session.get(SessionStorage.session_key))
    )


# Where a page holds its CSRF token: `{% csrf_token %}` and the base template's meta tag for htmx.
_CSRF_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value="|<meta name="csrf-token" content=")([A-Za-z0-9]{64})"')
_CSRF_MARK = b"\x00portal-csrf-token\x00"


_TOKEN_LIKE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def _without_csrf_tokens(request, content: bytes) -> bytes | None:
    """The page with its CSRF tokens replaced by a mark, or None if a token of this visitor's secret
    remains anywhere else (a page shared by visitors must never carry one's secret to another)."""
    stripped = _CSRF_TOKEN.sub(rb"\1" + _CSRF_MARK + b'"', content)
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        for candidate in _TOKEN_LIKE.findall(stripped):
            if _unmask_cipher_token(candidate.decode()) == secret:
                return None
    return stripped


def may_use_kept_response(request) -> bool:
    """A plain GET, with the cache on: not a conditional request (it runs its own checks), not a page
    showing flash messages."""
    return (
        request.method == "GET"
        and getattr(settings, "PORTAL_FRAGMENT_CACHE", True)
        and "HTTP_IF_NONE_MATCH" not in request.META
        and not _messages_involved(request)
    )


def kept_response(request, key: str) -> HttpResponse | None:
    """The answer kept under `key`, with the visitor's own CSRF token put back; None if there is none."""
    kept = cache.get(key)
    if kept is None:
        return None
    content, headers = kept
    if _CSRF_MARK in content:
        content = content.replace(_CSRF_MARK, get_token(request).encode())
    return HttpResponse(content, headers=headers)


def keep_response(request, key: str, response) -> None:
    """Keep a rendered plain 200 under `key` (its CSRF tokens taken out)."""
    if response.status_code != 200 or response.streaming or response.cookies or _messages_involved(request):
        return
    content = _without_csrf_tokens(request, response.content)
    if content is not None:
        cache.set(key, (content, dict(response.headers)), FRAGMENT_TIMEOUT)


def cached_page(name: str):
    """A GET view whose whole answer is kept like a fragment (same key: the content generation, who looks,
    the address, the language and the day). Anonymous visitors share one copy: the CSRF tokens are taken
    out when it is kept and each visitor's own token is put back when it is served. Only a plain 200 is
    kept; conditional requests and pages that show flash messages always run the view. Meant for the
    session-authenticated HTML pages: the visitor is known before the view runs (the API, which
    authenticates inside its views, uses `kept_response` and `keep_response` after authentication)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not may_use_kept_response(request):
                return view(request, *args, **kwargs)
            key = fragment_key(request, f"page:{name}", csrf_bound=False)
            kept = kept_response(request, key)
            if kept is not None:
                return kept
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            keep_response(request, key, response)
            return response

        return wrapper

    return decorator


def kept_count(queryset, key: str | None = None) -> int:
    """`queryset.count()`, kept until the content changes: a list's total is counted again only after a
    write. Counting the rows of a large filtered list (18,000 indicator values of the published
    roadmaps) costs more than reading and serialising a page of it. The key is `key` (a `fragment_key`,
    which holds the content generation, the viewer and the address) or else the query itself (its SQL and
    parameters, so what the viewer may see and every filter are in it) and the content generation.
    `PORTAL_COUNT_CACHE = False` counts every time."""
    if not getattr(settings, "PORTAL_COUNT_CACHE", True):
        return queryset.count()
    if key is None:
        try:
            sql, params = queryset.query.get_compiler(queryset.db).as_sql()
        except EmptyResultSet:  # a filter that nothing can match
            return queryset.count()
        raw = f"{content_generation()}|{queryset.db}|{sql}|{params!r}"
        key = "portal:count:" + hashlib.sha256(raw.encode()).hexdigest()
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, FRAGMENT_TIMEOUT)
    return count
