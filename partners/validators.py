"""Checks on French company identifiers, with the checksum (Luhn) verified by python-stdnum."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.fr import siren, siret


def _check(module, value: str, *, length: int, label: str) -> str:
    compact = module.compact(value or "")
    if not compact:
        return ""
    if not compact.isdigit() or len(compact) != length:
        raise ValidationError(
            _("Un numéro %(label)s compte exactement %(length)s chiffres."),
            code="invalid_length",
            params={"label": label, "length": length},
        )
    try:
        module.validate(compact)
    except stdnum_exceptions.ValidationError as error:
        raise ValidationError(
            _("Ce numéro %(label)s n'est pas valide (la clé de contrôle ne correspond pas)."),
            code="invalid_checksum",
            params={"label": label},
        ) from error
    return compact


def validate_siren(value: str) -> None:
    _check(siren, value, length=9, label="SIREN")


def validate_siret(value: str) -> None:
    _check(siret, value, length=14, label="SIRET")


def compact_siren(value: str) -> str:
    return siren.compact(value or "")


def compact_siret(value: str) -> str:
    return siret.compact(value or "")
