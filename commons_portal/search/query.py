"""Search across every registered source, within what the user may see."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .backend import MAX_QUERY_LENGTH, excerpt_html, filter_by_text
from .registry import SearchSource, search_sources

RESULTS_PER_SOURCE = 20


@dataclass
class SearchHit:
    title: str
    url: str
    excerpt: str


@dataclass
class SearchGroup:
    source: SearchSource
    hits: list[SearchHit] = field(default_factory=list)
    has_more: bool = False


def clean_query(text: str | None) -> str:
    """The searched text, or a ValidationError naming what is wrong with it."""
    text = (text or "").strip()
    if "\x00" in text:
        raise ValidationError(_("Le caractère nul (\\x00) n'est pas accepté."), code="null_characters")
    if len(text) > MAX_QUERY_LENGTH:
        raise ValidationError(
            _("La recherche est limitée à %(max)d caractères.") % {"max": MAX_QUERY_LENGTH}, code="max_length"
        )
    return text


def search(*, user, text: str, source_keys: list[str] | None = None) -> list[SearchGroup]:
    """The best hits of each source for `text` (one query per source, whatever the data)."""
    text = clean_query(text)
    if not text:
        return []
    user = user or AnonymousUser()
    groups = []
    for source in search_sources():
        if source_keys and source.key not in source_keys:
            continue
        objects = list(
            filter_by_text(source.queryset(user), source.fields, text, excerpt=True)[: RESULTS_PER_SOURCE + 1]
        )
        group = SearchGroup(source=source, has_more=len(objects) > RESULTS_PER_SOURCE)
        for obj in objects[:RESULTS_PER_SOURCE]:
            group.hits.append(
                SearchHit(title=str(obj), url=source.url(obj), excerpt=excerpt_html(obj, source.fields, text))
            )
        if group.hits:
            groups.append(group)
    return groups
