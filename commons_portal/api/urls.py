from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from .docs import redoc_csp
from .registry import router
from .views import MeView, not_found

app_name = "api"


def _public(patterns):
    """The API answers 401/403 in JSON itself: the site's login redirect does not apply to it."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _public(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            login_not_required(pattern.callback)
    return patterns


urlpatterns = _public(
    [
        path("v1/me/", MeView.as_view(), name="me"),
        path("v1/", include(router.urls)),
        path("schema/", SpectacularAPIView.as_view(), name="schema"),
        path(
            "docs/",
            SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
            name="docs",
        ),
        path(
            "redoc/",
            redoc_csp(SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")),
            name="redoc",
        ),
        re_path(r"^.*$", not_found, name="not-found"),
    ]
)
