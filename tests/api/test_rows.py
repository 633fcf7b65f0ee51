"""API lists read from plain rows (`commons_portal.api.rows`) give exactly what the serializers give."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from commons_portal.api import rows
from commons_portal.api.registry import router
from partners.models import Commons, Organisation
from retex.models import ExperienceReport, Theme
from roadmaps.models import Programme
from tests.conftest import MATRIX_ROLES
from tests.factories import territory

pytestmark = pytest.mark.django_db

# The public lists whose pages a visitor gets from rows (every field is a column, a choice, an annotation
# or a relation shown by id or slug).
READ_FROM_ROWS = {
    "organisation",
    "commons",
    "partnership",
    "roadmap",
    "axis",
    "stake",
    "programme",
    "objective",
    "action",
    "indicator",
    "indicatorvalue",
    "governancebody",
    "phase",
    "experiencereport",
    "event",
    "session",
    "territory",
}


def _lists():
    return [(prefix, viewset) for prefix, viewset, _basename in router.registry if "list" in dir(viewset)]


def _several_related_objects():
    """Lists of several related objects, linked in the reverse of the order they are shown in."""
    organisations = list(Organisation.objects.order_by("-name")[:3])
    territories = [territory(code) for code in ("R94", "A03", "R27")]
    for organisation in Organisation.objects.all():
        organisation.territories.set(territories)
    for commons in Commons.objects.all():
        commons.steward_organisations.set(organisations)
        commons.user_organisations.set(organisations[1:])
    for programme in Programme.objects.all():
        programme.lead_organisations.set(organisations)
        programme.contributing_organisations.set(organisations[:2])
    themes = list(Theme.objects.order_by("-number")[:3])
    for report in ExperienceReport.objects.all():
        report.themes.set(themes)


def test_every_list_reads_the_same_from_rows_and_from_objects(users, api_for, monkeypatch):
    call_command("load_demo", quiet_accounts=True, stdout=StringIO())
    _several_related_objects()
    readers_used, compared, current = {}, {}, {}
    original = rows.RowReader.for_list.__func__

    def spying(cls, serializer_class, queryset, user):
        reader = original(cls, serializer_class, queryset, user)
        if reader is not None and user.is_anonymous:
            readers_used[queryset.model._meta.model_name] = current["prefix"]
        return reader

    with override_settings(PORTAL_FRAGMENT_CACHE=False):
        for role in MATRIX_ROLES:
            client = api_for(users[role])
            for prefix, _viewset in _lists():
                url = f"/api/v1/{prefix}/?page_size=200"
                current["prefix"] = prefix
                monkeypatch.setattr(rows.RowReader, "for_list", classmethod(spying))
                from_rows = client.get(url)
                monkeypatch.setattr(rows.RowReader, "for_list", classmethod(lambda cls, *args: None))
                from_objects = client.get(url)
                assert from_rows.status_code == from_objects.status_code, (role, url)
                if from_objects.status_code == 200:
                    assert from_rows.json() == from_objects.json(), (role, url)
                    compared[prefix] = compared.get(prefix, 0) + from_objects.json()["count"]
    assert set(readers_used) >= READ_FROM_ROWS
    # The demo data gives each of these lists something to compare.
    assert not [prefix for prefix in readers_used.values() if compared[prefix] == 0]
