"""Contact persons are personal data: consent recorded, exportable to the person, erased without a trace."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners import services
from partners.models import Contact
from tests.factories import OrganisationFactory, UserFactory, territory

from .factories import ContactFactory


@pytest.fixture
def editor(db):
    return UserFactory(editor=True, territory_code="R27")


@pytest.mark.django_db
def test_a_contact_needs_consent_and_records_its_date(editor):
    organisation = OrganisationFactory(territories=[territory("D25")])
    with pytest.raises(ValidationError) as error:
        services.contact_create(
            organisation=organisation, user=editor, full_name="Jeanne Durand", purpose="Suivi", consent_given=False
        )
    assert "consent_given" in error.value.message_dict
    contact = services.contact_create(
        organisation=organisation, user=editor, full_name="Jeanne Durand", purpose="Suivi", consent_given=True
    )
    assert contact.consent_date is not None
    assert contact.created_by == editor


@pytest.mark.django_db
def test_the_form_without_consent_keeps_what_was_typed(editor, client_for):
    organisation = OrganisationFactory(territories=[territory("D25")])
    response = client_for(editor).post(
        reverse("partners:contact_create", args=[organisation.slug]),
        {"full_name": "Jeanne Durand", "email": "jeanne@ville.fr", "purpose": "Suivi de la convention"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Sans le consentement de la personne" in html
    assert 'value="Jeanne Durand"' in html
    assert 'value="jeanne@ville.fr"' in html
    assert not Contact.objects.exists()


@pytest.mark.django_db
def test_erasure_leaves_no_copy_in_history(editor, client_for):
    organisation = OrganisationFactory(territories=[territory("D25")])
    contact = services.contact_create(
        organisation=organisation,
        user=editor,
        full_name="Jeanne Durand",
        email="jeanne@ville.fr",
        purpose="Suivi",
        consent_given=True,
    )
    contact.phone = "06 00 00 00 00"
    contact.save()
    other = ContactFactory(organisation=organisation, full_name="Paul Martin")
    assert Contact.history.filter(id=contact.pk).count() == 2

    response = client_for(editor).post(reverse("partners:contact_erase", args=[contact.pk]))

    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert not Contact.history.filter(id=contact.pk).exists()
    assert not Contact.history.filter(full_name="Jeanne Durand").exists()
    assert not Contact.history.filter(email="jeanne@ville.fr").exists()
    # Other people's records are untouched.
    assert Contact.history.filter(id=other.pk).exists()


@pytest.mark.django_db
def test_export_gives_the_person_everything_held_about_them(editor, client_for):
    contact = ContactFactory(full_name="Jeanne Durand", email="jeanne@ville.fr", purpose="Suivi de la convention")
    response = client_for(editor).get(reverse("partners:contact_export", args=[contact.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["nom"] == "Jeanne Durand"
    assert data["adresse_electronique"] == "jeanne@ville.fr"
    assert data["finalite"] == "Suivi de la convention"
    assert data["consentement"] is True
    assert data["organisation"] == contact.organisation.name


@pytest.mark.django_db
def test_deleting_contacts_in_the_admin_erases_their_history(editor, rf):
    from django.contrib.admin.sites import site

    contacts = ContactFactory.create_batch(2, full_name="Effacée Partout")
    request = rf.post("/admin/")
    request.user = editor
    site._registry[Contact].delete_queryset(request, Contact.objects.filter(pk__in=[c.pk for c in contacts]))
    assert not Contact.objects.exists()
    assert not Contact.history.filter(full_name="Effacée Partout").exists()
