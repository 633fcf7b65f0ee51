"""Pages of an API list read from `values()` rows rather than from model instances.

Building a model instance (and those of its `select_related` and prefetched relations) for each object
of a page, then walking DRF's field machinery on it, costs several times the query itself. For a
serializer made of columns, choices, annotations and relations shown by their id or slug, a list page
is the same JSON read from plain rows: `RowReader.for_list` returns a reader when it can give
exactly what the serializer gives, and None otherwise (the list is then serialised the usual way).
No more queries are run than the usual way: the page, its count, and the lists of related objects (one
statement for all of them on PostgreSQL, one query per list elsewhere).
"""

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import psycopg
from django.db import connections, models
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import F, Lookup, Value, Window
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor, ManyToManyDescriptor
from django.db.models.functions import RowNumber
from django.db.models.query_utils import DeferredAttribute
from rest_framework import fields, relations, serializers
from rest_framework.fields import empty

from commons_portal.permissions import may_ever

from .serializers import ABILITIES, AbilitiesField, ChoiceLabelField, PortalModelSerializer

# Serializers whose representation is each readable field's, in order (no object-wide step).
PLAIN_REPRESENTATIONS = (serializers.Serializer.to_representation, PortalModelSerializer.to_representation)
SKIP = object()  # the key is left out of the object, as DRF does for a read-only field it cannot reach

# Values of these types come from PostgreSQL as Python gives them: no converter to apply.
PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "CharField",
    "SlugField",
}


class PageIds(list):
    """The ids of a page's objects, given as one parameter."""


class AnyOf(Lookup):
    """`field = ANY(%s)`: a list of values as one array parameter (PostgreSQL)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*params, self.rhs]


@dataclass(frozen=True)
class _Column:
    """A field read from one value of the row (a column, possibly across foreign keys, or an annotation)."""

    name: str
    lookup: str
    field: fields.Field
    # The id of a nullable foreign key crossed on the way: when it is None, the object is not there.
    through_lookup: str | None = None
    # The value is shown as the row holds it (the field's representation would give it back unchanged).
    as_is: bool = False

    def prepare(self, links: dict):
        """How to read the field from a row of the page: None when the row's value is shown as it is."""
        lookup, field = self.lookup, self.field
        if self.as_is and self.through_lookup is None:
            return None
        if isinstance(field, ChoiceLabelField):
            labels = field.labels()  # once per page, not once per object

            def convert(value):
                return labels.get(value, value)
        else:
            convert = field.to_representation

        def read(row: dict) -> Any:
            value = row[lookup]
            return None if value is None else convert(value)

        if self.through_lookup is None:
            return read
        through_lookup = self.through_lookup

        def read_through(row: dict) -> Any:
            if row[through_lookup] is None:
                if field.default is not empty:
                    return field.get_default()
                return None if field.allow_null else SKIP
            return read(row)

        return read_through


@dataclass(frozen=True)
class _Related:
    """The related objects of a many-to-many relation, by id or slug, read with one query for the page."""

    name: str
    relation: models.ManyToManyField
    target_lookup: str
    # The order of the related objects: the list's prefetch's, or else the related model's.
    ordering: tuple[str, ...]

    def _ordering(self) -> list:
        """The order a prefetch gives the related objects in, then their ids."""
        target = self.relation.m2m_reverse_field_name()
        ordering = []
        pk_names = {"pk", self.relation.related_model._meta.pk.name}
        ids_last = bool(self.ordering) and self.ordering[-1].removeprefix("-") in pk_names
        for name in [*self.ordering] if ids_last else [*self.ordering, "pk"]:
            descending = name.startswith("-")
            expression = F(f"{target}__{name.removeprefix('-')}")
            ordering.append(expression.desc() if descending else expression.asc())
        return ordering

    def links(self, pks, *, relation: int = 0) -> models.QuerySet:
        """(relation, object id, related id or slug, position) of the objects `pks` (a `PageIds` list is
        sent as one array parameter)."""
        through = self.relation.remote_field.through
        source = through._meta.get_field(self.relation.m2m_field_name())
        target = self.relation.m2m_reverse_field_name()
        lookup = AnyOf.lookup_name if isinstance(pks, PageIds) else "in"
        return (
            through._default_manager.filter(**{f"{source.name}__{lookup}": pks})
            .annotate(relation=Value(relation), position=Window(RowNumber(), order_by=self._ordering()))
            .order_by()
            .values_list("relation", source.attname, f"{target}__{self.target_lookup}", "position")
        )

    def prepare(self, links: dict):
        values = links[self]
        return lambda row: list(values.get(row["pk"], ()))


@dataclass(frozen=True)
class _Constant:
    name: str
    value: Any

    def prepare(self, links: dict):
        value = self.value
        return (lambda row: dict(value)) if isinstance(value, dict) else (lambda row: value)


class Rows:
    """The rows of a list, sliced by the paginator; `counted` is the queryset itself, whose count leaves
    out the columns and annotations the rows select."""

    def __init__(self, rows: models.QuerySet, queryset: models.QuerySet):
        self._rows, self.counted = rows, queryset
        self.ordered = rows.ordered

    def count(self) -> int:
        return self.counted.count()

    def __getitem__(self, index):
        return self._rows[index]

    def __iter__(self):
        return iter(self._rows)


class _PreparingCursor(psycopg.Cursor):
    def execute(self, query, params=None, **kwargs):
        return super().execute(query, params, **{**kwargs, "prepare": True})


def _prepared_fetch(connection, sql: str, params: list) -> list[tuple]:
    """The rows of `sql`, on a cursor that sends its parameters apart from the statement (Django's own
    binds them into the text): psycopg then prepares a statement run again and again on a connection, and
    PostgreSQL no longer plans it each time (planning took as long as running it). Django's cursor wrapper
    keeps it in the connection's query log like any other query. (Django leaves psycopg's automatic
    preparation off: this statement is prepared by name.)"""
    connection.ensure_connection()
    wrapper = CursorDebugWrapper if connection.queries_logged else CursorWrapper
    with wrapper(_PreparingCursor(connection.connection), connection) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class RowReader:
    def __init__(self, parts: list, lookups: list[str]):
        self.parts = parts
        self.lookups = lookups
        self.related = [part for part in parts if isinstance(part, _Related)]

    @cached_property
    def links_statement(self) -> tuple[str, list]:
        """One PostgreSQL statement for the related objects of every many-to-many relation of a page, made
        once (building and compiling the queries took more time than running them)."""
        statements, params = [], []
        for index, part in enumerate(self.related):
            sql, part_params = part.links(PageIds(), relation=index).query.sql_with_params()
            statements.append(f"({sql})")
            params.extend(part_params)
        return " UNION ALL ".join(statements) + " ORDER BY 1, 4", params

    def _links(self, pks: list, using: str) -> dict:
        """For each many-to-many relation: object id -> related ids or slugs, in order."""
        links: dict = {part: {} for part in self.related}
        if not self.related or not pks:
            return links
        connection = connections[using]
        if connection.vendor == "postgresql":
            sql, params = self.links_statement
            found = _prepared_fetch(connection, sql, [pks if isinstance(param, PageIds) else param for param in params])
        else:
            found = [link for index, part in enumerate(self.related) for link in part.links(pks, relation=index)]
            found.sort(key=lambda link: (link[0], link[3]))
        for index, pk, value, _position in found:
            links[self.related[index]].setdefault(pk, []).append(value)
        return links

    def rows(self, queryset: models.QuerySet) -> "Rows":
        """The rows to paginate (the queryset's filters, ordering and annotations; no prefetching)."""
        return Rows(queryset.prefetch_related(None).values(*self.lookups), queryset)

    def represent(self, rows, using: str) -> list[dict]:
        rows = list(rows)
        pks = [row["pk"] for row in rows]
        links = self._links(pks, using)
        readers = [(part.name, getattr(part, "lookup", None), part.prepare(links)) for part in self.parts]
        objects = []
        for row in rows:
            item = {}
            for name, lookup, read in readers:
                if read is None:
                    item[name] = row[lookup]
                    continue
                value = read(row)
                if value is not SKIP:
                    item[name] = value
            objects.append(item)
        return objects

    @classmethod
    def for_list(cls, serializer_class: type, queryset: models.QuerySet, user) -> "RowReader | None":
        """A reader giving exactly what `serializer_class` gives `user` for the objects of `queryset`, or
        None when one of its fields needs the object itself. Made once per kind of list (building a
        serializer's fields costs more than reading a page)."""
        lookups = queryset._prefetch_related_lookups
        plain = all(_plain_prefetch(lookup) for lookup in lookups)
        key = (
            serializer_class,
            queryset.model,
            tuple(queryset.query.annotations),
            plain,
            tuple(_prefetch_ordering(lookup) for lookup in lookups),
            tuple(may_ever(user, action) for action in ABILITIES),
        )
        try:
            return _READERS[key]
        except KeyError:
            reader = _READERS[key] = cls._build(serializer_class, queryset, user) if plain else None
            return reader

    @classmethod
    def _build(cls, serializer_class: type, queryset, user) -> "RowReader | None":
        if serializer_class.to_representation not in PLAIN_REPRESENTATIONS:
            return None
        parts, lookups = [], ["pk"]
        for field in serializer_class()._readable_fields:
            part = _part_for(field, queryset.model, queryset, user)
            if part is None:
                return None
            parts.append(part)
            for name in ("lookup", "through_lookup"):
                lookup = getattr(part, name, None)
                if lookup is not None and lookup not in lookups:
                    lookups.append(lookup)
        return cls(parts, lookups)


_READERS: dict[tuple, RowReader | None] = {}


def _plain_prefetch(lookup) -> bool:
    """A prefetch that keeps every related object (a filtered one would show fewer than the relation has),
    in an order given by fields."""
    if isinstance(lookup, str) or lookup.queryset is None:
        return True
    query = lookup.queryset.query
    return not query.where and all(isinstance(name, str) for name in query.order_by)


def _prefetch_ordering(lookup) -> tuple[str, tuple[str, ...]] | None:
    """The relation a prefetch reads, and the order its queryset asks for (None: the model's own)."""
    if isinstance(lookup, str) or lookup.queryset is None or not lookup.queryset.query.order_by:
        return None
    return lookup.prefetch_through, tuple(lookup.queryset.query.order_by)


def _unchanged(field: fields.Field, base: type, *methods: str) -> bool:
    return all(getattr(type(field), method) is getattr(base, method) for method in methods)


def _part_for(field: fields.Field, model, queryset: models.QuerySet, user):
    if isinstance(field, AbilitiesField):
        # A visitor who is not logged in may only read, and a list shows them what they may read
        # (`visible_to`): no rule needs the object. For anyone else, the rules do.
        if any(may_ever(user, action) for action in ABILITIES if action != "view"):
            return None
        return _Constant(field.field_name, {action: may_ever(user, action) for action in ABILITIES})
    if isinstance(field, relations.ManyRelatedField):
        return _many_related(field, model, queryset)
    if isinstance(field, relations.RelatedField):
        return _related(field, model)
    if isinstance(field, (serializers.BaseSerializer, fields.SerializerMethodField, fields.HiddenField)):
        return None
    if not isinstance(field, ChoiceLabelField) and not _unchanged(field, fields.Field, "get_attribute"):
        return None
    return _column(field, model, queryset)


def _column(field: fields.Field, model, queryset: models.QuerySet):
    """A field whose source is a column of the model, of a model reached through foreign keys, or an
    annotation of the queryset."""
    attrs = field.source_attrs
    if attrs == ["pk"]:
        return _Column(field.field_name, "pk", field, as_is=_as_is(field, model._meta.pk))
    if len(attrs) == 1 and attrs[0] in queryset.query.annotations:
        output_field = queryset.query.annotations[attrs[0]].output_field
        return _Column(field.field_name, attrs[0], field, as_is=_as_is(field, output_field))
    through_lookup = None
    for depth, attr in enumerate(attrs):
        descriptor = getattr(model, attr, None)
        if depth < len(attrs) - 1:
            if type(descriptor) is not ForwardManyToOneDescriptor:
                return None
            if descriptor.field.null and through_lookup is None:
                through_lookup = "__".join([*attrs[:depth], descriptor.field.attname])
            model = descriptor.field.related_model
        elif type(descriptor) is not DeferredAttribute or isinstance(descriptor.field, models.FileField):
            return None
    return _Column(field.field_name, "__".join(attrs), field, through_lookup, _as_is(field, descriptor.field))


# Representations that give back a value of these column types unchanged (`str(text)`, `int(number)`...).
AS_IS = {
    fields.CharField.to_representation: {"CharField", "SlugField", "TextField", "EmailField", "URLField"},
    fields.IntegerField.to_representation: PLAIN_TYPES - {"CharField", "SlugField"},
    fields.BooleanField.to_representation: {"BooleanField"},
}


def _as_is(field: fields.Field, model_field) -> bool:
    if isinstance(field, ChoiceLabelField):
        return False
    if type(field).to_representation is fields.ReadOnlyField.to_representation:
        return True
    return model_field.get_internal_type() in AS_IS.get(type(field).to_representation, ())


def _related(field: relations.RelatedField, model):
    """A foreign key shown by the related object's id or slug."""
    if len(field.source_attrs) != 1:
        return None
    descriptor = getattr(model, field.source_attrs[0], None)
    if type(descriptor) is not ForwardManyToOneDescriptor:
        return None
    if isinstance(field, relations.PrimaryKeyRelatedField) and _unchanged(
        field, relations.PrimaryKeyRelatedField, "to_representation", "use_pk_only_optimization"
    ):
        if field.pk_field is not None:
            return None
        return _Column(field.field_name, descriptor.field.attname, fields.ReadOnlyField(), as_is=True)
    if isinstance(field, relations.SlugRelatedField) and _unchanged(
        field, relations.SlugRelatedField, "to_representation"
    ):
        lookup = f"{field.source_attrs[0]}__{field.slug_field}"
        return _Column(field.field_name, lookup, fields.ReadOnlyField(), as_is=True)
    return None


def _many_related(field: relations.ManyRelatedField, model, queryset: models.QuerySet):
    """A many-to-many relation shown as the list of the related objects' ids or slugs."""
    child = field.child_relation
    if len(field.source_attrs) != 1 or not _unchanged(field, relations.ManyRelatedField, "to_representation"):
        return None
    descriptor = getattr(model, field.source_attrs[0], None)
    if type(descriptor) is not ManyToManyDescriptor or descriptor.reverse:
        return None
    relation = descriptor.field
    related = relation.related_model._meta
    orderings = dict(filter(None, map(_prefetch_ordering, queryset._prefetch_related_lookups)))
    ordering = orderings.get(field.source_attrs[0], tuple(related.ordering))
    if not all(isinstance(name, str) for name in ordering):
        return None
    if isinstance(child, relations.PrimaryKeyRelatedField) and _unchanged(
        child, relations.PrimaryKeyRelatedField, "to_representation"
    ):
        if child.pk_field is not None:
            return None
        target_lookup = "pk"
    elif isinstance(child, relations.SlugRelatedField) and _unchanged(
        child, relations.SlugRelatedField, "to_representation"
    ):
        target_lookup = child.slug_field
    else:
        return None
    source = relation.remote_field.through._meta.get_field(relation.m2m_field_name())
    target_field = related.pk if target_lookup == "pk" else related.get_field(target_lookup)
    if {source.target_field.get_internal_type(), target_field.get_internal_type()} - PLAIN_TYPES:
        return None
    source.register_lookup(AnyOf)
    return _Related(field.field_name, relation, target_lookup, ordering)
