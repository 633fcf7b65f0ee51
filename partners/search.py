"""What the portal's search looks into in the partner ecosystem (all of it is public)."""

from django.utils.translation import gettext_lazy as _

from commons_portal.search.registry import SearchSource, register_source

from .models import Commons, Organisation, Partnership

register_source(
    SearchSource(
        key="organisations",
        label=_("Organisations partenaires"),
        queryset=lambda user: Organisation.objects.all(),
        fields=Organisation.SEARCH_FIELDS,
        url=Organisation.get_absolute_url,
        order=30,
    )
)
register_source(
    SearchSource(
        key="commons",
        label=_("Communs numériques"),
        queryset=lambda user: Commons.objects.all(),
        fields=Commons.SEARCH_FIELDS,
        url=Commons.get_absolute_url,
        order=40,
    )
)
register_source(
    SearchSource(
        key="partnerships",
        label=_("Partenariats et conventions"),
        queryset=lambda user: Partnership.objects.all(),
        fields=Partnership.SEARCH_FIELDS,
        url=Partnership.get_absolute_url,
        order=50,
    )
)
