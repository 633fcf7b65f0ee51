from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "commons_portal.search"
    label = "search"
    verbose_name = _("Recherche")

    def ready(self):
        from .backend import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="search_sqlite_functions")
        # Each domain's `<app>/search.py` registers its sources (the kernel imports no domain app).
        autodiscover_modules("search")
