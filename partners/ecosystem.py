"""The ecosystem map (organisations and commons per région académique) and the graph of who works
with whom, both computed here and drawn as SVG by the templates: no tile server, no outside request."""

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commons_portal.territories.models import Territory

from .links import all_links
from .models import CommonsAdoption, Organisation

SHAPES_FILE = Path(__file__).parent / "data" / "france-regions.json"

# A blue ramp from the DSFR palette; class 0 is "none".
MAP_COLOURS = ["#f6f6f6", "#e3e3fd", "#cacafb", "#8585f6", "#6a6af4", "#000091"]
MAP_TEXT_COLOURS = ["#161616", "#161616", "#161616", "#161616", "#ffffff", "#ffffff"]

# The overseas régions académiques are not in the shape set: they are drawn as labelled boxes in an
# inset column, as official maps of France often do.
OVERSEAS = ["01", "02", "03", "04", "06"]
INSET_X, INSET_WIDTH, INSET_HEIGHT, INSET_TOP, INSET_GAP = -125.0, 120.0, 70.0, 20.0, 18.0


@dataclass
class RegionFigure:
    territory: Territory
    organisations: int = 0
    commons: int = 0
    path: str = ""
    box: tuple[float, float, float, float] | None = None  # x, y, w, h for overseas insets
    label_x: float = 0.0
    label_y: float = 0.0
    level: int = 0

    @property
    def fill(self) -> str:
        return MAP_COLOURS[self.level]

    @property
    def text_colour(self) -> str:
        return MAP_TEXT_COLOURS[self.level]

    @property
    def directory_url(self) -> str:
        return f"{reverse('partners:directory')}?territory={self.territory.code}"

    @property
    def commons_url(self) -> str:
        return f"{reverse('partners:commons_list')}?territory={self.territory.code}"


@dataclass
class MapData:
    regions: list[RegionFigure]
    national_organisations: int
    measure: str
    view_box: str
    legend: list[tuple[str, str]] = field(default_factory=list)
    source: str = ""
    licence: str = ""


_NUMBER = re.compile(r"[MLHVZmlhvz]|-?\d*\.?\d+(?:e-?\d+)?")


def _path_box_centre(path: str) -> tuple[float, float]:
    """Centre of a path's bounding box (the shape set uses M, L, H, V, l, h, v, z only)."""
    xs, ys = [], []
    x = y = 0.0
    command, numbers = "M", []

    def flush():
        nonlocal x, y
        i = 0
        while i < len(numbers):
            if command in "ML":
                x, y = numbers[i], numbers[i + 1]
                i += 2
            elif command in "ml":
                x, y = x + numbers[i], y + numbers[i + 1]
                i += 2
            elif command == "H":
                x = numbers[i]
                i += 1
            elif command == "h":
                x += numbers[i]
                i += 1
            elif command == "V":
                y = numbers[i]
                i += 1
            elif command == "v":
                y += numbers[i]
                i += 1
            else:
                i += 1
            xs.append(x)
            ys.append(y)

    for token in _NUMBER.findall(path):
        if token.isalpha():
            flush()
            command, numbers = token, []
        else:
            numbers.append(float(token))
    flush()
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


@cache
def region_shapes() -> dict:
    """{INSEE code: (path, label x, label y)}, the view box, source and licence of the shape set."""
    data = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    shapes = {}
    for location in data["locations"]:
        x, y = _path_box_centre(location["path"])
        shapes[location["insee"]] = (location["path"], round(x, 1), round(y, 1))
    return {"shapes": shapes, "view_box": data["viewBox"], "source": data["source"], "licence": data["licence"]}


def _level(value: int, maximum: int) -> int:
    if value <= 0 or maximum <= 0:
        return 0
    return max(1, math.ceil(5 * value / maximum))


def map_data(measure: str = "organisations") -> MapData:
    """Figures per région académique, in three queries whatever the data."""
    measure = measure if measure in ("organisations", "commons") else "organisations"
    regions = list(Territory.objects.regions().order_by("name"))
    step = Territory.steplen
    region_by_path = {region.path: region for region in regions}
    organisations, commons, national = defaultdict(set), defaultdict(set), set()
    for organisation_id, path in Organisation.territories.through.objects.values_list(
        "organisation_id", "territory__path"
    ):
        if len(path) == step:
            national.add(organisation_id)
        elif path[: 2 * step] in region_by_path:
            organisations[path[: 2 * step]].add(organisation_id)
    for commons_id, path in CommonsAdoption.objects.values_list("commons_id", "territory__path"):
        if path[: 2 * step] in region_by_path:
            commons[path[: 2 * step]].add(commons_id)

    shapes = region_shapes()
    figures = []
    for region in regions:
        figure = RegionFigure(
            territory=region, organisations=len(organisations[region.path]), commons=len(commons[region.path])
        )
        if region.official_code in shapes["shapes"]:
            figure.path, figure.label_x, figure.label_y = shapes["shapes"][region.official_code]
        elif region.official_code in OVERSEAS:
            index = OVERSEAS.index(region.official_code)
            top = INSET_TOP + index * (INSET_HEIGHT + INSET_GAP)
            figure.box = (INSET_X, top, INSET_WIDTH, INSET_HEIGHT)
            figure.label_x, figure.label_y = INSET_X + INSET_WIDTH / 2, top + INSET_HEIGHT / 2
        figures.append(figure)
    maximum = max((getattr(f, measure) for f in figures), default=0)
    for figure in figures:
        figure.level = _level(getattr(figure, measure), maximum)
    legend = [(MAP_COLOURS[0], str(_("aucun")))]
    if maximum:
        bounds = [0] + [math.floor(maximum * i / 5) for i in range(1, 6)]
        for level in range(1, 6):
            low, high = bounds[level - 1] + 1, bounds[level]
            if high >= low:
                legend.append((MAP_COLOURS[level], f"{low}" if low == high else f"{low} – {high}"))
    x, y, width, height = (float(v) for v in shapes["view_box"].split())
    view_box = f"{INSET_X - 10:g} {y:g} {width + (x - INSET_X) + 10:g} {height:g}"
    return MapData(
        regions=figures,
        national_organisations=len(national),
        measure=measure,
        view_box=view_box,
        legend=legend,
        source=shapes["source"],
        licence=shapes["licence"],
    )


# --- graph --------------------------------------------------------------------------------------

GRAPH_SIZE = 960
GRAPH_RADIUS = 300
KIND_COLOURS = {
    Organisation.Kind.STATE: "#000091",
    Organisation.Kind.REGION: "#6a6af4",
    Organisation.Kind.DEPARTEMENT: "#009081",
    Organisation.Kind.COMMUNE: "#18753c",
    Organisation.Kind.EPCI: "#66673d",
    Organisation.Kind.ELECTED_ASSOCIATION: "#a94645",
    Organisation.Kind.PUBLIC_OPERATOR: "#ce0500",
    Organisation.Kind.HIGHER_EDUCATION: "#716043",
    Organisation.Kind.ASSOCIATION: "#a558a0",
    Organisation.Kind.COMPANY: "#b34000",
    Organisation.Kind.SYNDICAT_MIXTE: "#3558a2",
    Organisation.Kind.OTHER: "#666666",
}


@dataclass
class GraphNode:
    organisation: Organisation
    x: float = 0.0
    y: float = 0.0
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"
    rotation: float = 0.0  # labels run along the radius, so that neighbours do not overlap
    degree: int = 0
    partners: list = field(default_factory=list)  # [(GraphNode, [links])]

    @property
    def radius(self) -> float:
        return 6 + min(self.degree, 12)

    @property
    def colour(self) -> str:
        return KIND_COLOURS.get(self.organisation.kind, "#666666")

    @property
    def label(self) -> str:
        organisation = self.organisation
        text = organisation.acronym or organisation.name
        return text if len(text) <= 28 else text[:27] + "…"


@dataclass
class GraphEdge:
    source: GraphNode
    target: GraphNode
    links: list

    @property
    def width(self) -> float:
        return min(1 + len(self.links), 6)

    @property
    def description(self) -> str:
        return "; ".join(sorted({f"{link.kind} : {link.title}" for link in self.links}))


@dataclass
class GraphData:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    kinds: list[tuple[str, str, str]]  # value, label, colour
    size: int = GRAPH_SIZE

    @property
    def view_box(self) -> str:
        """The circle and its labels, with room for long labels on both sides."""
        margin = 200  # radial labels
        top = GRAPH_SIZE / 2 - GRAPH_RADIUS - margin
        side = GRAPH_SIZE / 2 - GRAPH_RADIUS - margin
        return f"{side:g} {top:g} {2 * (GRAPH_RADIUS + margin):g} {2 * (GRAPH_RADIUS + margin):g}"


def graph_data(*, territory: Territory | None = None, kind: str = "") -> GraphData:
    """Organisations linked by the registered providers, laid out on a circle grouped by kind (a
    deterministic layout: the same data always draws the same picture)."""
    organisations = Organisation.objects.only("pk", "name", "acronym", "kind", "slug")
    if territory is not None and not territory.is_national:
        organisations = organisations.in_territory(territory)
    if kind:
        organisations = organisations.filter(kind=kind)
    links = all_links()
    linked_ids = {link.source for link in links} | {link.target for link in links}
    order = {value: i for i, value in enumerate(Organisation.Kind.values)}
    selected = sorted(
        (o for o in organisations.filter(pk__in=linked_ids)),
        key=lambda o: (order.get(o.kind, 99), o.name.lower()),
    )
    nodes = {o.pk: GraphNode(organisation=o) for o in selected}
    pairs: dict[tuple[int, int], list] = defaultdict(list)
    for link in links:
        if link.source in nodes and link.target in nodes and link.source != link.target:
            pairs[tuple(sorted((link.source, link.target)))].append(link)
    edges = []
    for (source, target), pair_links in sorted(pairs.items()):
        edge = GraphEdge(source=nodes[source], target=nodes[target], links=pair_links)
        edges.append(edge)
        nodes[source].degree += 1
        nodes[target].degree += 1
        nodes[source].partners.append((nodes[target], pair_links))
        nodes[target].partners.append((nodes[source], pair_links))
    # Drop organisations left without a link by the filters.
    kept = [node for node in nodes.values() if node.degree]
    # Circular layout, a small gap between kinds so that groups read as arcs.
    groups = []
    for node in kept:
        if not groups or groups[-1][0] != node.organisation.kind:
            groups.append((node.organisation.kind, []))
        groups[-1][1].append(node)
    slots = len(kept) + len(groups)
    centre = GRAPH_SIZE / 2
    slot = 0
    for _kind, members in groups:
        for node in members:
            angle = 2 * math.pi * slot / max(slots, 1) - math.pi / 2
            node.x = round(centre + GRAPH_RADIUS * math.cos(angle), 1)
            node.y = round(centre + GRAPH_RADIUS * math.sin(angle), 1)
            node.label_x = round(centre + (GRAPH_RADIUS + 24) * math.cos(angle), 1)
            node.label_y = round(centre + (GRAPH_RADIUS + 24) * math.sin(angle), 1)
            right_side = math.cos(angle) >= -1e-9
            node.anchor = "start" if right_side else "end"
            node.rotation = round(math.degrees(angle) + (0 if right_side else 180), 1)
            node.partners.sort(key=lambda item: item[0].organisation.name.lower())
            slot += 1
        slot += 1
    kinds_present = {node.organisation.kind for node in kept}
    kinds = [
        (value, label, KIND_COLOURS[value]) for value, label in Organisation.Kind.choices if value in kinds_present
    ]
    return GraphData(nodes=kept, edges=[e for e in edges if e.source.degree and e.target.degree], kinds=kinds)
