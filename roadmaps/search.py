"""What the portal's search looks into in roadmaps: the roadmaps and programmes the visitor may see."""

from django.utils.translation import gettext_lazy as _

from commons_portal.search.registry import SearchSource, register_source

from .models import Programme, Roadmap, visible_roadmaps_q

register_source(
    SearchSource(
        key="roadmaps",
        label=_("Feuilles de route"),
        queryset=lambda user: Roadmap.objects.visible_to(user).select_related("territory"),
        fields=Roadmap.SEARCH_FIELDS,
        url=Roadmap.get_absolute_url,
        order=10,
    )
)
register_source(
    SearchSource(
        key="programmes",
        label=_("Programmes"),
        queryset=lambda user: Programme.objects.filter(visible_roadmaps_q(user, "roadmap__")).select_related("roadmap"),
        fields=Programme.SEARCH_FIELDS,
        url=lambda programme: f"{programme.roadmap.get_absolute_url()}#programme-{programme.pk}",
        order=20,
    )
)
