"""The difference between two editions of a roadmap: added, changed and removed axes, programmes,
actions and indicators. Objects are matched by title first (a renumbered programme is the same
programme), then by number for what is left (a retitled programme is changed, not removed and added)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import Roadmap


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    kind: str  # "added" | "changed" | "removed"
    title: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Section:
    title: str
    entries: list[Entry] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for entry in self.entries if entry.kind == kind)

    @property
    def added(self) -> int:
        return self.count("added")

    @property
    def changed(self) -> int:
        return self.count("changed")

    @property
    def removed(self) -> int:
        return self.count("removed")


@dataclass
class EditionDiff:
    old: Roadmap
    new: Roadmap
    sections: list[Section]

    @property
    def is_empty(self) -> bool:
        return not any(section.entries for section in self.sections)


AXIS_FIELDS = ("kind", "number", "title", "framing", "strategic_approach")
PROGRAMME_FIELDS = ("number", "title", "description", "status", "progress", "weight")
ACTION_FIELDS = ("what", "how", "who", "when", "start_date", "end_date", "success_indicators", "progress")
INDICATOR_FIELDS = (
    "name",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "source",
    "frequency",
)


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _display(obj, name: str) -> str:
    display = getattr(obj, f"get_{name}_display", None)
    value = display() if display else getattr(obj, name)
    return "" if value is None else str(value)


def _match(old_items, new_items, title, number=None):
    """Pairs (old, new) matched by title then by number; unmatched ones get None on the other side."""
    pairs, left, right = [], list(old_items), list(new_items)
    by_title = {_norm(title(item)): item for item in right}
    for item in list(left):
        match = by_title.get(_norm(title(item)))
        if match is not None and match in right:
            pairs.append((item, match))
            left.remove(item)
            right.remove(match)
    if number is not None:
        by_number = {number(item): item for item in right}
        for item in list(left):
            match = by_number.get(number(item))
            if match is not None and match in right:
                pairs.append((item, match))
                left.remove(item)
                right.remove(match)
    pairs += [(item, None) for item in left]
    pairs += [(None, item) for item in right]
    return pairs


def _entries(pairs, fields, describe) -> list[Entry]:
    entries = []
    for old, new in pairs:
        if old is None:
            entries.append(Entry("added", describe(new)))
        elif new is None:
            entries.append(Entry("removed", describe(old)))
        else:
            changes = [
                Change(str(new._meta.get_field(name).verbose_name), _display(old, name), _display(new, name))
                for name in fields
                if _display(old, name) != _display(new, name)
            ]
            if changes:
                entries.append(Entry("changed", describe(new), changes))
    return entries


def roadmap_diff(old: Roadmap, new: Roadmap) -> EditionDiff:
    """Both roadmaps should come from `Roadmap.objects.with_tree()`: the diff then runs no query."""
    old_axes, new_axes = list(old.axes.all()), list(new.axes.all())
    axis_pairs = _match(old_axes, new_axes, lambda a: a.title, lambda a: (a.kind, a.number))

    def programmes(roadmap_axes):
        return [programme for axis in roadmap_axes for programme in axis.programmes.all()]

    programme_pairs = _match(programmes(old_axes), programmes(new_axes), lambda p: p.title, lambda p: p.number)
    action_pairs = []
    for old_programme, new_programme in programme_pairs:
        old_actions = list(old_programme.actions.all()) if old_programme else []
        new_actions = list(new_programme.actions.all()) if new_programme else []
        action_pairs += _match(old_actions, new_actions, lambda a: a.what)
    indicator_pairs = _match(list(old.indicators.all()), list(new.indicators.all()), lambda i: i.name)

    def action_title(action):
        return f"{action.what} ({_('programme')} {action.programme.number})"

    sections = [
        Section(str(_("Axes")), _entries(axis_pairs, AXIS_FIELDS, str)),
        Section(str(_("Programmes")), _entries(programme_pairs, PROGRAMME_FIELDS, str)),
        Section(str(_("Actions")), _entries(action_pairs, ACTION_FIELDS, action_title)),
        Section(str(_("Indicateurs")), _entries(indicator_pairs, INDICATOR_FIELDS, str)),
    ]
    return EditionDiff(old=old, new=new, sections=sections)
