"""Every API error is JSON with one shape, naming the field at fault:
`{"detail": "...", "code": "...", "errors": {"<field>": ["..."]}}` (`current` added on a 412)."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Cette modification entre en conflit avec des données existantes.")
    default_code = "conflict"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        "Cette modification demande l'en-tête If-Match avec l'ETag de la version lue, "
        "pour ne pas écraser la modification de quelqu'un d'autre."
    )
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "Quelqu'un a modifié cet élément depuis votre lecture : voici sa version actuelle ; "
        "reprenez votre modification à partir d'elle."
    )
    default_code = "precondition_failed"

    def __init__(self, *, current: dict, etag: str):
        super().__init__()
        self.current = current
        self.etag = etag


VALIDATION_DETAIL = _("Les données envoyées ne sont pas valides : voyez les champs en erreur.")


def _contains_nul(exc: Exception) -> bool:
    return "NUL" in str(exc) or "\x00" in str(exc)


def _translate(exc: Exception) -> Exception:
    """Database errors that bad input can still reach become client errors rather than 500s."""
    if isinstance(exc, ValueError | DataError) and _contains_nul(exc):
        return exceptions.ValidationError({"non_field_errors": [_("Le caractère nul (\\x00) n'est pas accepté.")]})
    if isinstance(exc, OverflowError):
        return exceptions.ValidationError({"non_field_errors": [_("Un nombre envoyé est trop grand.")]})
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    if isinstance(exc, IntegrityError):
        return Conflict()
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def portal_exception_handler(exc, context):
    exc = _translate(exc)
    if isinstance(exc, exceptions.ParseError):
        exc.detail = {"body": [exc.detail]}
        exc.is_parse_error = True
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        body = {"detail": str(VALIDATION_DETAIL), "code": "invalid", "errors": errors}
    elif getattr(exc, "is_parse_error", False):
        body = {"detail": str(_("Le corps de la requête n'est pas lisible.")), "code": "parse_error", "errors": data}
    else:
        detail = data.get("detail", "") if isinstance(data, dict) else data
        body = {"detail": str(detail), "code": getattr(detail, "code", None) or exc.default_code}
    if isinstance(exc, PreconditionFailed):
        body["current"] = exc.current
        response["ETag"] = exc.etag
    response.data = body
    return response
