from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from commons_portal.core import views as core_views

admin.site.site_header = _("Administration du portail des communs")
admin.site.site_title = _("Administration du portail des communs")

urlpatterns = [
    path("", include("commons_portal.core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("comptes/", include("commons_portal.accounts.urls")),
    path("feuilles-de-route/", include("roadmaps.urls")),
    path("partenaires/", include("partners.urls")),
    path("retex/", include("retex.urls")),
    path("syntheses/", include("commons_portal.jobs.urls")),
    path("api/", include("commons_portal.api.urls")),
    path("recherche/", include("commons_portal.search.urls")),
    path("donnees/", include("commons_portal.opendata.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "commons_portal.core.views.error_400"
handler403 = "commons_portal.core.views.error_403"
handler404 = "commons_portal.core.views.error_404"
handler500 = "commons_portal.core.views.error_500"

if getattr(settings, "BENCH_BASELINE", False):
    urlpatterns.append(path("bench/baseline/", core_views.bench_baseline, name="bench_baseline"))

if settings.DEBUG:
    # Error pages as a designer sees them, in embedded mode only.
    urlpatterns += [
        path("erreurs/403/", login_not_required(core_views.error_403)),
        path("erreurs/404/", login_not_required(core_views.error_404)),
        path("erreurs/500/", login_not_required(core_views.error_500)),
    ]
