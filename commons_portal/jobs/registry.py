"""The registry of PDF kinds. The kernel imports no domain app: each domain describes its documents in a
`<app>/pdf.py` module (found by `JobsConfig.ready()`) and registers them here with `register_kind()`."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string


class PdfInputError(ValueError):
    """A request that cannot be honoured: the message is French and meant for the person who asked.
    `field` names the form field the message belongs next to ("kind", "object", "territory")."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class TerritoryUse:
    NONE = "none"  # the object says it all (a roadmap, a session)
    OPTIONAL = "optional"  # the object, seen from a territory when one is given
    SUBJECT = "subject"  # the territory is the subject (a synthesis of a territory, or "national")


@dataclass(frozen=True)
class PdfKind:
    """One kind of document.

    - `resolve_object(ref)` finds the object from an id or a slug, and raises `PdfInputError` otherwise
      (kinds whose subject is a territory have no object: `resolve_object` is None);
    - `build_context(obj, territory)` gathers what the template shows (the heavy queries, run in the worker);
    - `may_view(user, obj, territory)` answers through the permission module (`user.has_perm`); by
      default `user.has_perm(permission, obj)`;
    - `title(obj, territory)` is the document title (PDF metadata, file name, job list);
    - `content_hash(obj, territory)` identifies the content rendered; by default a hash of the HTML.
    """

    name: str
    label: str
    template: str
    build_context: Callable[[Any, Any], dict]
    title: Callable[[Any, Any], str]
    permission: str = ""
    resolve_object: Callable[[str], Any] | None = None
    territory_use: str = TerritoryUse.NONE
    may_view: Callable[[Any, Any, Any], bool] | None = None
    content_hash: Callable[[Any, Any], str] | None = None
    object_help: str = ""

    def user_may_view(self, user, obj, territory) -> bool:
        if self.may_view is not None:
            return bool(self.may_view(user, obj, territory))
        return bool(self.permission) and user.has_perm(self.permission, obj if obj is not None else territory)

    def render_html(self, obj, territory) -> str:
        context = self.build_context(obj, territory)
        context.setdefault("document_title", self.title(obj, territory))
        context.setdefault("kind", self)
        return render_to_string(self.template, context)

    def hash_of(self, obj, territory) -> str:
        if self.content_hash is not None:
            return self.content_hash(obj, territory)
        return hashlib.sha256(self.render_html(obj, territory).encode()).hexdigest()


_kinds: dict[str, PdfKind] = {}


def register_kind(kind: PdfKind) -> PdfKind:
    _kinds[kind.name] = kind
    return kind


def unregister_kind(name: str) -> None:
    """For tests that register a kind of their own."""
    _kinds.pop(name, None)


def get_kind(name: str) -> PdfKind:
    from django.utils.translation import gettext as _

    try:
        return _kinds[name]
    except (KeyError, TypeError):
        raise PdfInputError(
            _("Type de document inconnu : « %(name)s ». Types possibles : %(names)s.")
            % {"name": name, "names": ", ".join(sorted(_kinds)) or "—"},
            field="kind",
        ) from None


def kinds() -> list[PdfKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.label)
