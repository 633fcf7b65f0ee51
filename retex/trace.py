"""The traceability timeline: the chain of typed links through an object, upstream then downstream.

`chains_for(objects)` walks the links of many objects at once, level by level, and loads the linked
objects grouped by type: the number of queries depends on the depth of the chain, not on the data.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .models import TraceLink

MAX_DEPTH = 6
RECORD_ANCHORS = {
    "retex.diagnosticrow": "diagnostic",
    "retex.projection": "projection",
    "retex.actionplanitem": "action",
}


@dataclass
class Step:
    obj: object
    kind_label: str = ""  # how this step is linked to the previous one
    is_current: bool = False

    @property
    def type_label(self) -> str:
        return str(self.obj._meta.verbose_name).capitalize()

    @property
    def model_key(self) -> str:
        return f"{self.obj._meta.app_label}.{self.obj._meta.model_name}"

    @property
    def url(self) -> str:
        if self.model_key in RECORD_ANCHORS:
            return f"{self.obj.session.get_absolute_url()}#{RECORD_ANCHORS[self.model_key]}-{self.obj.pk}"
        get_url = getattr(self.obj, "get_absolute_url", None)
        try:
            return get_url() if get_url else ""
        except Exception:  # noqa: BLE001  (another app's object without a page: shown without a link)
            return ""


@dataclass
class Chain:
    steps: list[Step] = field(default_factory=list)

    def __bool__(self):
        return len(self.steps) > 1


def _key(obj) -> tuple[int, int]:
    return (ContentType.objects.get_for_model(obj).pk, obj.pk)


def _walk(frontier: set, direction: str) -> dict:
    """{node: [(neighbour, kind)]} following links `direction` ("up": towards sources)."""
    edges: dict = {}
    seen = set(frontier)
    for _depth in range(MAX_DEPTH):
        if not frontier:
            break
        if direction == "up":
            query = Q()
            for ct_id, obj_id in frontier:
                query |= Q(target_type_id=ct_id, target_id=obj_id)
        else:
            query = Q()
            for ct_id, obj_id in frontier:
                query |= Q(source_type_id=ct_id, source_id=obj_id)
        next_frontier = set()
        for link in TraceLink.objects.filter(query):
            source, target = (link.source_type_id, link.source_id), (link.target_type_id, link.target_id)
            node, neighbour = (target, source) if direction == "up" else (source, target)
            edges.setdefault(node, []).append((neighbour, link.get_kind_display()))
            if neighbour not in seen:
                seen.add(neighbour)
                next_frontier.add(neighbour)
        frontier = next_frontier
    return edges


def _load(nodes: set) -> dict:
    by_type: dict[int, list[int]] = {}
    for ct_id, obj_id in nodes:
        by_type.setdefault(ct_id, []).append(obj_id)
    loaded = {}
    for ct_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            continue
        queryset = model._default_manager.filter(pk__in=ids)
        if any(f.name == "session" for f in model._meta.fields):
            queryset = queryset.select_related("session")
        for obj in queryset:
            loaded[(ct_id, obj.pk)] = obj
    return loaded


def chains_for(objects) -> dict:
    """{object key: Chain} for each object; a Chain is falsy when the object has no link."""
    objects = list(objects)
    if not objects:
        return {}
    starts = {_key(obj): obj for obj in objects}
    up = _walk(set(starts), "up")
    down = _walk(set(starts), "down")
    nodes = set(starts)
    for edges in (up, down):
        for node, neighbours in edges.items():
            nodes.add(node)
            nodes.update(n for n, _kind in neighbours)
    loaded = {**_load(nodes - set(starts)), **starts}
    chains = {}
    for key in starts:
        ancestors = []
        node, visited = key, {key}
        while up.get(node):
            parent, kind = up[node][0]
            if parent in visited or parent not in loaded:
                break
            visited.add(parent)
            ancestors.append((parent, kind))
            node = parent
        steps = []
        # Farthest ancestor first; each step carries the kind of the link to the next one down.
        previous_kind = ""
        for parent, kind in reversed(ancestors):
            steps.append(Step(loaded[parent], previous_kind))
            previous_kind = kind
        steps.append(Step(loaded[key], previous_kind, is_current=True))
        queue = [key]
        while queue:
            node = queue.pop(0)
            for child, kind in down.get(node, []):
                if child in visited or child not in loaded:
                    continue
                visited.add(child)
                steps.append(Step(loaded[child], kind))
                queue.append(child)
        chains[key] = Chain(steps)
    return chains


def chain_key(obj) -> tuple[int, int]:
    return _key(obj)
