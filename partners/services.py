"""Writes on the partner ecosystem: organisations, contact persons, conventions and their documents,
digital commons and their adoption by territories ("essaimage")."""

import os

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commons_portal.core.slugs import unique_slug
from commons_portal.core.uploads import validate_upload

from .models import (
    Commons,
    CommonsAdoption,
    Contact,
    Organisation,
    Partnership,
    PartnershipAmbition,
    PartnershipDocument,
    PartnershipParty,
)

# What a convention's documents may be (checked by the kernel: extension, size, content sniffed).
DOCUMENT_EXTENSIONS = ("pdf", "odt", "docx", "png", "jpg", "jpeg")
DEFAULT_DOCUMENT_MAX_SIZE = 10 * 1024 * 1024


class StaleVersionError(Exception):
    """Someone saved the object since this person opened it: their changes are not written."""

    def __init__(self, current_version: int):
        self.current_version = current_version
        super().__init__(
            _(
                "Quelqu'un a enregistré une modification pendant que vous écriviez. Vos changements ne sont "
                "pas enregistrés : ils sont conservés ci-dessous. Relisez la fiche actuelle puis enregistrez "
                "à nouveau pour la remplacer."
            )
        )


def _check_version(model, obj, expected_version: int | None):
    """Lock the row and compare versions; returns the locked current row."""
    current = model.objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersionError(current.version)
    return current


def _apply(obj, fields: dict) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


# --- organisations ------------------------------------------------------------------------------


@transaction.atomic
def organisation_create(*, user, territories=(), **fields) -> Organisation:
    """Create an organisation (name, kind, acronym, siren, siret, website, description)."""
    organisation = Organisation(**fields)
    if not organisation.slug:
        organisation.slug = unique_slug(Organisation, organisation.acronym or organisation.name)
    organisation._history_user = user
    organisation.full_clean()
    organisation.save()
    organisation.territories.set(territories)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation, user, expected_version: int | None, territories=None, **fields
) -> Organisation:
    """Update an organisation unless someone saved it meanwhile (StaleVersionError)."""
    current = _check_version(Organisation, organisation, expected_version)
    _apply(current, fields)
    current.version += 1
    current._history_user = user
    current.full_clean()
    current.save()
    if territories is not None:
        current.territories.set(territories)
    return current


# --- contact persons ----------------------------------------------------------------------------


@transaction.atomic
def contact_create(
    *, organisation, user, full_name: str, purpose: str, consent_given: bool, role_title="", email="", phone=""
) -> Contact:
    """Record a contact person; their consent is required and dated."""
    if not consent_given:
        raise ValidationError(
            {"consent_given": _("Sans le consentement de la personne, ses coordonnées ne peuvent pas être conservées.")}
        )
    contact = Contact(
        organisation=organisation,
        full_name=full_name,
        role_title=role_title,
        email=email,
        phone=phone,
        purpose=purpose,
        consent_given=True,
        consent_date=timezone.now(),
        created_by=user,
    )
    contact._history_user = user
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_erase(*, contact: Contact, user) -> None:
    """Erase a contact person for good: the row and every historical copy of it (the deletion itself
    writes one more historical row, purged too)."""
    pk = contact.pk
    contact.delete()
    Contact.history.filter(id=pk).delete()


def contact_export(*, contact: Contact) -> dict:
    """Everything held about a contact person, for them ("droit d'accès")."""
    return {
        "organisation": contact.organisation.name,
        "nom": contact.full_name,
        "fonction": contact.role_title,
        "adresse_electronique": contact.email,
        "telephone": contact.phone,
        "finalite": contact.purpose,
        "consentement": contact.consent_given,
        "date_du_consentement": contact.consent_date.isoformat() if contact.consent_date else None,
        "enregistre_le": contact.created_at.isoformat(),
    }


# --- partnerships -------------------------------------------------------------------------------


def _set_ambitions(partnership, ambitions) -> None:
    texts = [text.strip() for text in ambitions if text and text.strip()]
    partnership.ambitions.all().delete()
    PartnershipAmbition.objects.bulk_create(
        PartnershipAmbition(partnership=partnership, position=i, text=text) for i, text in enumerate(texts)
    )


@transaction.atomic
def partnership_create(*, user, ambitions=(), parties=(), **fields) -> Partnership:
    """Create a convention with its ordered ambitions and its parties [(organisation, role), ...]."""
    partnership = Partnership(**fields)
    if not partnership.slug:
        partnership.slug = unique_slug(Partnership, partnership.title)
    partnership._history_user = user
    partnership.full_clean()
    partnership.save()
    _set_ambitions(partnership, ambitions)
    for position, (organisation, role) in enumerate(parties):
        PartnershipParty.objects.create(
            partnership=partnership, organisation=organisation, role=role, position=position
        )
    return partnership


@transaction.atomic
def partnership_update(*, partnership, user, expected_version: int | None, ambitions=None, **fields) -> Partnership:
    current = _check_version(Partnership, partnership, expected_version)
    _apply(current, fields)
    current.version += 1
    current._history_user = user
    current.full_clean()
    current.save()
    if ambitions is not None:
        _set_ambitions(current, ambitions)
    return current


@transaction.atomic
def partnership_party_add(*, partnership, organisation, role: str, user) -> PartnershipParty:
    if partnership.parties.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Cette organisation est déjà partie à la convention.")})
    position = partnership.parties.count()
    return PartnershipParty.objects.create(
        partnership=partnership, organisation=organisation, role=role, position=position
    )


@transaction.atomic
def partnership_party_remove(*, party: PartnershipParty, user) -> None:
    party.delete()


def _document_checked(upload) -> str:
    """The content type of an upload, or ValidationError on the `file` field."""
    max_size = getattr(settings, "PARTNERS_DOCUMENT_MAX_SIZE", DEFAULT_DOCUMENT_MAX_SIZE)
    try:
        validate_upload(upload, extensions=DOCUMENT_EXTENSIONS, max_size=max_size)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    return kind.mime


@transaction.atomic
def partnership_document_add(*, partnership, upload, title: str, user) -> PartnershipDocument:
    """Attach a document to a convention after checking its size and sniffing its type."""
    content_type = _document_checked(upload)
    document = PartnershipDocument(
        partnership=partnership,
        title=title or os.path.basename(upload.name),
        original_name=os.path.basename(upload.name)[:200],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    return document


@transaction.atomic
def partnership_document_delete(*, document: PartnershipDocument, user) -> None:
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- commons ------------------------------------------------------------------------------------


@transaction.atomic
def commons_create(*, user, steward_organisations=(), user_organisations=(), **fields) -> Commons:
    commons = Commons(**fields)
    if not commons.slug:
        commons.slug = unique_slug(Commons, commons.name)
    commons._history_user = user
    commons.full_clean()
    commons.save()
    commons.steward_organisations.set(steward_organisations)
    commons.user_organisations.set(user_organisations)
    return commons


@transaction.atomic
def commons_update(
    *, commons, user, expected_version: int | None, steward_organisations=None, user_organisations=None, **fields
) -> Commons:
    current = _check_version(Commons, commons, expected_version)
    _apply(current, fields)
    current.version += 1
    current._history_user = user
    current.full_clean()
    current.save()
    if steward_organisations is not None:
        current.steward_organisations.set(steward_organisations)
    if user_organisations is not None:
        current.user_organisations.set(user_organisations)
    return current


@transaction.atomic
def commons_adoption_record(*, commons, territory, adopted_on, user, note="", organisation=None) -> CommonsAdoption:
    """Record that a territory adopted a commons on a date ("essaimage")."""
    if CommonsAdoption.objects.filter(commons=commons, territory=territory).exists():
        raise ValidationError({"territory": _("Ce territoire a déjà adopté ce commun.")})
    adoption = CommonsAdoption(
        commons=commons, territory=territory, adopted_on=adopted_on, note=note, organisation=organisation
    )
    adoption._history_user = user
    adoption.full_clean()
    adoption.save()
    return adoption
