"""Optimistic concurrency for API writes: reads carry an ETag; changing or deleting needs `If-Match`
with it. Missing → 428; stale → 412 with the current representation, so nothing is silently
overwritten and the second writer can redo their change on the current version."""

import hashlib

from django.db import transaction
from rest_framework.response import Response

from .exceptions import PreconditionFailed, PreconditionRequired

GUARDED_ACTIONS = ("update", "partial_update", "destroy")


def etag_for(obj, version: int | None = None) -> str | None:
    """A strong ETag from the object's `version` counter (or the `version` given, for objects whose
    counter lives on their container), or its last modification time (None for objects that have
    neither)."""
    if version is None:
        version = getattr(obj, "version", None)
    updated_at = getattr(obj, "updated_at", None)
    if version is None and updated_at is None:
        return None
    token = str(version) if version is not None else updated_at.isoformat()
    digest = hashlib.sha256(f"{obj._meta.label}:{obj.pk}:{token}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def locked(obj):
    """`obj` read again with its row locked until the end of the transaction (a no-op on SQLite, which
    serialises writes): of two simultaneous writes, the second sees what the first wrote."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def _matches(header: str, etag: str) -> bool:
    candidates = [value.strip().removeprefix("W/") for value in header.split(",")]
    return "*" in candidates or etag in candidates


class ETagMixin:
    """Details carry an ETag, so that a client can tell whether an object changed."""

    def etag(self, obj) -> str | None:
        """The object's ETag; a viewset whose objects share their container's counter overrides it."""
        return etag_for(obj)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        instance = getattr(self, "_etag_instance", None)
        etag = self.etag(instance) if instance is not None else None
        if etag and 200 <= response.status_code < 300 and request.method != "DELETE":
            response["ETag"] = etag
        return response

    def answer(self, obj, status: int = 200) -> Response:
        """`obj` as the answer, with its ETag (a detail, or what an action left)."""
        self._etag_instance = obj
        return Response(self.get_serializer(obj).data, status=status)

    def retrieve(self, request, *args, **kwargs):
        return self.answer(self.get_object())


class OptimisticConcurrencyMixin(ETagMixin):
    def get_object(self):
        obj = super().get_object()
        if self.action in GUARDED_ACTIONS:
            obj = locked(obj)  # from the check to the write
            current = self.etag(obj)
            header = self.request.headers.get("If-Match")
            if not header:
                raise PreconditionRequired()
            if not _matches(header, current):
                raise PreconditionFailed(current=self.get_serializer(obj).data, etag=current)
        return obj

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        return super().update(request, *args, **kwargs)

    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        return super().destroy(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = self.create_object(serializer.validated_data)
        self._etag_instance = serializer.instance

    def perform_update(self, serializer):
        serializer.instance = self.update_object(serializer.instance, serializer.validated_data)
        self._etag_instance = serializer.instance

    # Where a domain calls its services (which bump `version` and record history); by default the
    # serializer saves.
    def create_object(self, data):
        return self.get_serializer().create(data)

    def update_object(self, instance, data):
        return self.get_serializer().update(instance, data)
