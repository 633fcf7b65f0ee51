"""The map of régions académiques as an SVG string, for other renderers (the ecosystem PDF report)."""

from django.template.loader import render_to_string

from .ecosystem import map_data


def ecosystem_map_svg(*, territory=None, measure: str = "organisations") -> str:
    """The same SVG as the map page (organisations or adopted commons per région académique)."""
    return render_to_string("partners/_map_svg.html", {"map": map_data(measure)})
