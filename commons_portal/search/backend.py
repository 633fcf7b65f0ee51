"""Full-text search: PostgreSQL's French text search with unaccent (ranked, with highlighted excerpts);
on SQLite (the embedded mode), a simple accent- and case-insensitive "contains every word" fallback."""

import re
import unicodedata

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import CharField, F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .fields import FRENCH_CONFIG, stored_document, weighted_vector

MAX_QUERY_LENGTH = 200
EXCERPT_LENGTH = 220
# Markers that cannot occur in text, turned into <mark> after the excerpt is escaped.
_START, _STOP = "\x02", "\x03"


def fold(text: str) -> str:
    """Lower case without accents: "Numériques" → "numeriques"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("portal_fold", 1, fold, deterministic=True)


class Fold(Func):
    function = "portal_fold"
    output_field = CharField()


def uses_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _document(fields):
    parts = []
    for field in fields:
        parts += [Coalesce(F(field), Value(""), output_field=TextField()), Value(" ")]
    return Concat(*parts, output_field=TextField())


def filter_by_text(queryset: QuerySet, fields: tuple[str, ...], text: str, *, excerpt: bool = False) -> QuerySet:
    """`queryset` narrowed to the objects matching `text`, best first on PostgreSQL. With `excerpt`, each
    object gets a `search_excerpt` annotation (PostgreSQL's ts_headline) with markers around the hits."""
    text = text.strip()
    if not text:
        return queryset
    if uses_postgresql():
        query = SearchQuery(text, config=FRENCH_CONFIG, search_type="websearch")
        stored = stored_document(queryset.model, fields)
        if stored:
            # The vector PostgreSQL keeps up to date in the row, found through its GIN index.
            queryset = queryset.annotate(search_rank=SearchRank(F(stored), query)).filter(**{stored: query})
        else:
            vector = weighted_vector(fields)
            queryset = queryset.annotate(search_vector=vector, search_rank=SearchRank(vector, query)).filter(
                search_vector=query
            )
        if excerpt:
            queryset = queryset.annotate(
                search_excerpt=SearchHeadline(
                    _document(fields[1:] or fields),
                    query,
                    config=FRENCH_CONFIG,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
        return queryset.order_by("-search_rank", *queryset.query.order_by or queryset.model._meta.ordering)
    words = [fold(word) for word in text.split()][:10]
    folded = {f"_fold_{index}": Fold(field) for index, field in enumerate(fields)}
    queryset = queryset.annotate(**folded)
    for word in words:
        condition = Q()
        for name in folded:
            condition |= Q(**{f"{name}__contains": word})
        queryset = queryset.filter(condition)
    return queryset


def excerpt_html(obj, fields: tuple[str, ...], text: str) -> SafeString:
    """A short escaped excerpt of the object with the searched words in <mark>."""
    highlighted = getattr(obj, "search_excerpt", None)
    if highlighted is None:
        highlighted = _python_excerpt(" ".join(str(getattr(obj, f, "") or "") for f in fields[1:] or fields), text)
    escaped = str(escape(highlighted))
    # Reviewed: every character of the text is escaped above; only our own markers become <mark>.
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308  # nosec B308 B703


def _python_excerpt(document: str, text: str) -> str:
    document = " ".join(document.split())
    folded = fold(document)
    words = [fold(word) for word in text.split() if word.strip()]
    positions = [folded.find(word) for word in words if folded.find(word) >= 0]
    start = max(min(positions) - 60, 0) if positions else 0
    excerpt = document[start : start + EXCERPT_LENGTH]
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_LENGTH < len(document) else ""
    # Folding keeps one character per character for French text, so positions carry over.
    folded_excerpt = fold(excerpt)
    if len(folded_excerpt) == len(excerpt):
        spans = sorted(
            (match.start(), match.end())
            for word in set(words)
            for match in re.finditer(re.escape(word), folded_excerpt)
        )
        merged: list[list[int]] = []
        for begin, end in spans:
            if merged and begin <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([begin, end])
        for begin, end in reversed(merged):
            excerpt = excerpt[:begin] + _START + excerpt[begin:end] + _STOP + excerpt[end:]
    return prefix + excerpt + suffix
