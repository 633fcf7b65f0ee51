"""The API's read path for plain columns gives exactly what DRF's own gives."""

import pytest
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from partners.api.serializers import CommonsSerializer, OrganisationSerializer
from partners.models import Commons, Organisation
from retex.api.serializers import ExperienceReportSerializer
from retex.models import ExperienceReport
from tests.factories import OrganisationFactory, territory
from tests.retex.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("serializer_class", "queryset"),
    [
        (OrganisationSerializer, lambda: Organisation.objects.with_list_related_data()),
        (CommonsSerializer, lambda: Commons.objects.with_list_related_data().prefetch_related("user_organisations")),
        (ExperienceReportSerializer, lambda: ExperienceReport.objects.with_list_related_data()),
    ],
)
def test_the_direct_read_of_columns_changes_nothing(serializer_class, queryset):
    from django.contrib.auth.models import AnonymousUser

    OrganisationFactory(name="Réseau Canopé", acronym="", website="", territories=[territory("R27")])
    Commons.objects.create(name="La Forge", slug="forge", description="")
    ReportFactory(published=True, organisation=None, link="")
    ReportFactory(title="", summary="")
    request = APIRequestFactory().get("/")
    request.user = AnonymousUser()
    serializer = serializer_class(list(queryset()), many=True, context={"request": request})
    child = serializer.child
    assert serializer.data
    for obj in serializer.instance:
        assert child.to_representation(obj) == serializers.Serializer.to_representation(child, obj)
