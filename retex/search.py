"""What the portal's search looks into in RETEX: the experience reports the visitor may see."""

from django.utils.translation import gettext_lazy as _

from commons_portal.search.registry import SearchSource, register_source

from .models import ExperienceReport

register_source(
    SearchSource(
        key="retex",
        label=_("Retours d'expérience"),
        queryset=lambda user: ExperienceReport.objects.visible_to(user),
        fields=ExperienceReport.SEARCH_FIELDS,
        url=ExperienceReport.get_absolute_url,
        order=60,
    )
)
