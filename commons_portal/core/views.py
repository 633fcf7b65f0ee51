"""Pages of the kernel: home, health, legal pages and the error pages."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .context_processors import site_config
from .registry import navigation_for


@require_GET
@login_not_required
def home(request):
    return render(request, "core/home.html", {"journeys": navigation_for(request.user)})


@require_GET
@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html")


@require_GET
@login_not_required
def legal(request):
    return render(request, "core/legal.html")


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("healthz", "ok", 10)
    return "ok" if cache.get("healthz") == "ok" else "error"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    from commons_portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@require_GET
@login_not_required
@never_cache
def healthz(request):
    """Reports the database, the cache and the broker: 200 when all answer, 503 otherwise."""
    checks = {}
    for name, check in (("database", _check_database), ("cache", _check_cache), ("broker", _check_broker)):
        try:
            checks[name] = check()
        except Exception as error:  # noqa: BLE001  (any failure of a dependency is a failed check)
            checks[name] = f"error: {error.__class__.__name__}"
    healthy = all(not value.startswith("error") for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


@require_GET
@login_not_required
def bench_baseline(request):
    """The benchmarks' yardstick: same middleware and base template as every page, one trivial query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return render(request, "core/bench_baseline.html")


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # Rendered without the request's context processors: the database may be what failed.
    content = loader.get_template("500.html").render({"SITE_CONFIG": site_config()})
    return HttpResponseServerError(content)
