"""The stored search document of a model: its searched fields turned into a weighted French `tsvector`
by PostgreSQL itself (a generated column, so it can never fall behind the text) and indexed with GIN.

A search then reads the stored vector instead of computing one for every row at query time. On SQLite
(the embedded mode) the column stays empty and the search falls back to its simple matching.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Expression

# Created by this app's first migration: French stemming over unaccented words.
FRENCH_CONFIG = "french_unaccent"
FIELD_NAME = "search_document"


def weighted_vector(fields: tuple[str, ...]):
    """The first field (the title) weighs A, the others B."""
    vector = SearchVector(fields[0], weight="A", config=FRENCH_CONFIG)
    if len(fields) > 1:
        vector += SearchVector(*fields[1:], weight="B", config=FRENCH_CONFIG)
    return vector


class SearchDocument(Expression):
    """`weighted_vector(fields)` on PostgreSQL, NULL on other databases."""

    output_field = SearchVectorField()

    def __init__(self, *fields: str):
        super().__init__()
        self.fields = tuple(fields)
        self.vector = None

    def get_source_expressions(self):
        return [self.vector] if self.vector is not None else []

    def set_source_expressions(self, exprs):
        if exprs:
            (self.vector,) = exprs

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        clone = self.copy()
        clone.vector = weighted_vector(self.fields).resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return clone

    def as_sql(self, compiler, connection):
        return "NULL", []

    def as_postgresql(self, compiler, connection):
        return compiler.compile(self.vector)


def search_document_field(*fields: str) -> models.GeneratedField:
    return models.GeneratedField(
        expression=SearchDocument(*fields),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        editable=False,
    )


def search_document_index(name: str) -> GinIndex:
    return GinIndex(fields=[FIELD_NAME], name=name)


def stored_document(model, fields: tuple[str, ...]) -> str | None:
    """The name of `model`'s stored search document when it covers exactly `fields`, else None."""
    try:
        field = model._meta.get_field(FIELD_NAME)
    except FieldDoesNotExist:
        return None
    expression = getattr(field, "expression", None)
    if isinstance(expression, SearchDocument) and expression.fields == tuple(fields):
        return FIELD_NAME
    return None
