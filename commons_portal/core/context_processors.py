from types import SimpleNamespace

from django.conf import settings

from commons_portal.permissions import scope_of

from .registry import navigation_for


def site_config() -> SimpleNamespace:
    """django-dsfr's SITE_CONFIG, from settings rather than a database row: no page pays a query."""
    return SimpleNamespace(
        site_title=settings.PORTAL_NAME,
        site_tagline=settings.PORTAL_TAGLINE,
        header_brand_html="Ministère<br>de l'Éducation<br>nationale",
        footer_brand_html="Ministère<br>de l'Éducation<br>nationale",
        footer_brand="Ministère de l'Éducation nationale",
        footer_description="",
        beta_tag=False,
        mourning=False,
        notice_title="",
        notice_description="",
        operator_logo_file=None,
        operator_logo_alt="",
        operator_logo_width=0,
    )


def portal(request):
    """What every page's layout needs: SITE_CONFIG, the navigation, and the user's scope (one query per
    request, shared with every permission check of the request)."""
    user = getattr(request, "user", None)
    return {
        "SITE_CONFIG": site_config(),
        "portal_scope": scope_of(user) if user else None,
        "portal_nav": navigation_for(user) if user else [],
    }
