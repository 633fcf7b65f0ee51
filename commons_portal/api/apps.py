from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "commons_portal.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        # The kernel's own endpoints, then each domain's `<app>/api/views.py`, which registers its
        # viewsets on the shared router (the kernel imports no domain app).
        from . import views  # noqa: F401

        autodiscover_modules("api.views")
