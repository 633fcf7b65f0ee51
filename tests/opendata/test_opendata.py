"""Open data: exports with their column documentation, imports with a preview and all-or-nothing
rows, the round trip, and the DCAT catalogue."""

import io
import json
import zipfile

import pytest
import tablib
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commons_portal.opendata import formats
from commons_portal.opendata.registry import get_dataset
from commons_portal.opendata.services import dataset_export, dataset_import
from partners.models import Organisation
from tests.factories import OrganisationFactory, territory
from tests.utils import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx", "ods", "json"]


@pytest.fixture
def directory():
    return [
        OrganisationFactory(
            name="Réseau Canopé",
            slug="reseau-canope",
            acronym="Canopé",
            kind="public_operator",
            siren="180020026",
            description="Opérateur public ; « guillemets », virgules, et\nretour à la ligne.",
            territories=[territory("national")],
        ),
        OrganisationFactory(
            name="Région Bourgogne-Franche-Comté",
            slug="region-bfc",
            kind="region",
            territories=[territory("R27"), territory("D25")],
        ),
    ]


def export(file_format, user=None, columns=None):
    return dataset_export(
        dataset=get_dataset("organisations"),
        user=user or AnonymousUser(),
        file_format=file_format,
        columns=columns,
        source_url="http://testserver/donnees/organisations/",
    )


def as_upload(exported):
    return SimpleUploadedFile(exported.filename, exported.content, content_type=exported.media_type)


def snapshot():
    return [
        (
            o.slug,
            o.name,
            o.acronym,
            o.kind,
            o.siren,
            o.description,
            o.version,
            sorted(t.code for t in o.territories.all()),
        )
        for o in Organisation.objects.order_by("slug")
    ]


@pytest.mark.parametrize("file_format", FORMATS)
def test_export_import_round_trip_changes_nothing(file_format, directory, make_user):
    admin = make_user("national_admin")
    before = snapshot()
    table = formats.read(as_upload(export(file_format)))
    report = dataset_import(dataset=get_dataset("organisations"), user=admin, table=table, dry_run=False)
    assert report.errors == []
    assert report.saved
    assert report.totals == {"skip": 2}
    assert snapshot() == before


def test_json_export_ships_the_schema_and_licence(directory):
    body = json.loads(export("json").content)
    assert body["licence"]["id"] == "lov2"
    names = [field["name"] for field in body["schema"]["fields"]]
    assert names == ["slug", "name", "acronym", "kind", "siren", "siret", "website", "description", "territories"]
    kind = next(field for field in body["schema"]["fields"] if field["name"] == "kind")
    assert "public_operator" in kind["constraints"]["enum"]
    assert {row["slug"]: row["territories"] for row in body["data"]} == {
        "reseau-canope": "national",
        "region-bfc": "R27|D25",
    }


def test_csv_export_is_a_zip_with_readme_and_schema(directory):
    with zipfile.ZipFile(io.BytesIO(export("csv").content)) as archive:
        assert sorted(archive.namelist()) == ["LISEZMOI.txt", "organisations.csv", "schema.json"]
        readme = archive.read("LISEZMOI.txt").decode()
        assert "Licence Ouverte" in readme and "siren" in readme


@pytest.mark.parametrize("file_format", ["xlsx", "ods"])
def test_spreadsheets_have_a_columns_sheet(file_format, directory):
    book = tablib.Databook()
    book.load(export(file_format).content, format=file_format)
    sheets = {sheet.title: sheet for sheet in book.sheets()}
    assert set(sheets) == {"donnees", "colonnes", "a_propos"}
    assert "kind" in sheets["colonnes"].get_col(0)


def test_column_choice(directory):
    body = json.loads(export("json", columns=["slug", "name"]).content)
    assert list(body["data"][0]) == ["slug", "name"]
    assert [field["name"] for field in body["schema"]["fields"]] == ["slug", "name"]


def test_export_view_and_bad_parameters(client, directory):
    url = reverse("opendata:export", args=["organisations"])
    response = client.get(url, {"format": "xlsx", "columns": ["slug", "name"]})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="organisations-')
    assert 'rel="license"' in response["Link"]
    assert client.get(url, {"format": "pdf"}).status_code == 400
    assert client.get(url, {"format": "csv", "columns": "password"}).status_code == 400
    assert client.get(reverse("opendata:export", args=["nothing"]), {"format": "csv"}).status_code == 404


def test_export_queries_do_not_grow(client, directory):
    url = reverse("opendata:export", args=["organisations"])

    def grow():
        for _ in range(10):
            OrganisationFactory(territories=[territory("R27"), territory("A03")])

    assert_queries_do_not_grow(lambda: client.get(url, {"format": "json"}), grow)


def rows_file(rows, headers=("slug", "name", "kind", "siren", "territories")):
    table = tablib.Dataset(*rows, headers=list(headers))
    return SimpleUploadedFile("organisations.csv", table.export("csv").encode(), content_type="text/csv")


def test_import_names_row_and_column_and_saves_nothing(make_user, directory):
    admin = make_user("national_admin")
    upload = rows_file(
        [
            ("nouvelle", "Nouvelle association", "association", "", "R27"),
            ("mauvaise", "Mauvaise", "not-a-kind", "123456789", "ZZ1"),
            ("nul", "Avec\x00nul", "association", "", ""),
        ]
    )
    report = dataset_import(dataset=get_dataset("organisations"), user=admin, table=formats.read(upload), dry_run=False)
    assert not report.saved
    assert {(error.line, error.column) for error in report.errors} == {
        (3, "kind"),
        (3, "siren"),
        (3, "territories"),
        (4, "name"),
    }
    assert not Organisation.objects.filter(slug__in=["nouvelle", "mauvaise", "nul"]).exists()


def test_import_wrong_columns(make_user):
    admin = make_user("national_admin")
    upload = rows_file([("x", "X")], headers=("nom", "name"))
    report = dataset_import(dataset=get_dataset("organisations"), user=admin, table=formats.read(upload), dry_run=True)
    assert {(error.line, error.column) for error in report.errors} == {(1, "nom"), (1, "slug")}


def test_import_checks_row_permissions(make_user, directory):
    """A territorial administrator of BFC may not change an organisation acting elsewhere."""
    admin = make_user("territorial_admin")
    upload = rows_file(
        [
            ("reseau-canope", "Canopé renommé", "public_operator", "180020026", "national"),
            ("region-bfc", "Région BFC", "region", "", "R27"),
        ]
    )
    report = dataset_import(dataset=get_dataset("organisations"), user=admin, table=formats.read(upload), dry_run=False)
    assert [(error.line, error.column) for error in report.errors] == [(2, "")]
    assert Organisation.objects.get(slug="region-bfc").name == "Région Bourgogne-Franche-Comté"


def test_import_pages_preview_then_confirm(client_for, make_user, directory):
    admin = make_user("national_admin")
    client = client_for(admin)
    url = reverse("opendata:import", args=["organisations"])
    upload = rows_file([("nouvelle", "Nouvelle association", "association", "", "R27|D25")])
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert "Confirmer l'import" in response.content.decode()
    assert not Organisation.objects.filter(slug="nouvelle").exists()
    token = response.context["token"]
    response = client.post(url, {"confirm": "1", "token": token})
    assert response.status_code == 302
    created = Organisation.objects.get(slug="nouvelle")
    assert sorted(t.code for t in created.territories.all()) == ["D25", "R27"]
    assert created.history.first().history_user == admin


def test_import_page_bad_files(client_for, make_user):
    client = client_for(make_user("national_admin"))
    url = reverse("opendata:import", args=["organisations"])
    for upload in (
        SimpleUploadedFile("x.exe", b"MZ"),
        SimpleUploadedFile("x.xlsx", b"not a spreadsheet"),
        SimpleUploadedFile("x.json", b"{broken"),
        SimpleUploadedFile("x.csv", "é".encode("latin-1")),
    ):
        response = client.post(url, {"file": upload})
        assert response.status_code == 400
        assert "fr-input-group--error" in response.content.decode() or "--error" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("partner", 403), ("editor", 403), ("territorial_admin", 200), ("national_admin", 200)],
)
def test_import_page_permission(role, status, role_client):
    assert role_client(role).get(reverse("opendata:import", args=["organisations"])).status_code == status


def test_dcat_catalogue(client, directory):
    response = client.get(reverse("opendata:catalogue"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    body = response.json()
    assert body["@type"] == "dcat:Catalog"
    dataset = next(item for item in body["dcat:dataset"] if item["dct:identifier"] == "organisations")
    assert dataset["dct:license"]["@id"] == formats.LICENCE["url"]
    assert {d["dct:format"] for d in dataset["dcat:distribution"]} == {"CSV", "XLSX", "ODS", "JSON"}
    download = dataset["dcat:distribution"][0]["dcat:downloadURL"]["@id"]
    assert client.get(download.removeprefix("http://testserver")).status_code == 200


def test_pages(client, directory):
    assert "Licence Ouverte 2.0" in client.get(reverse("opendata:index")).content.decode()
    page = client.get(reverse("opendata:dataset", args=["organisations"])).content.decode()
    assert "Licence Ouverte 2.0" in page and "<code>siren</code>" in page
    assert client.get(reverse("opendata:schema", args=["organisations"])).json()["fields"][0]["name"] == "slug"


def test_indicator_values_import_and_round_trip(make_user):
    from roadmaps.models import IndicatorValue
    from tests.roadmaps.factories import IndicatorFactory, IndicatorValueFactory, RoadmapFactory

    editor = make_user("editor")
    indicator = IndicatorFactory()
    frozen = IndicatorFactory(roadmap=RoadmapFactory(validated=True))
    IndicatorValueFactory(indicator=indicator)
    dataset = get_dataset("valeurs-indicateurs")

    exported = dataset_export(dataset=dataset, user=editor, file_format="xlsx", columns=None, source_url="x")
    report = dataset_import(dataset=dataset, user=editor, table=formats.read(as_upload(exported)), dry_run=False)
    assert report.errors == [] and report.totals == {"skip": 1}

    upload = rows_file(
        [("", indicator.pk, 2025, "", "47.5", "Deuxième année"), ("", frozen.pk, 2025, "", "10", "")],
        headers=("id", "indicator", "school_year", "measured_on", "value", "comment"),
    )
    report = dataset_import(dataset=dataset, user=editor, table=formats.read(upload), dry_run=False)
    assert [(error.line, error.column) for error in report.errors] == [(3, "")]
    assert IndicatorValue.objects.count() == 1

    upload = rows_file(
        [("", indicator.pk, 2025, "", "47.5", "Deuxième année"), ("", indicator.pk, "", "", "pas un nombre", "")],
        headers=("id", "indicator", "school_year", "measured_on", "value", "comment"),
    )
    report = dataset_import(dataset=dataset, user=editor, table=formats.read(upload), dry_run=False)
    assert {(error.line, error.column) for error in report.errors} >= {(3, "value")}
    assert IndicatorValue.objects.count() == 1

    upload = rows_file(
        [("", indicator.pk, 2025, "", "47.5", "Deuxième année")],
        headers=("id", "indicator", "school_year", "measured_on", "value", "comment"),
    )
    report = dataset_import(dataset=dataset, user=editor, table=formats.read(upload), dry_run=False)
    assert report.saved and report.totals == {"new": 1}
    created = IndicatorValue.objects.latest("id")
    assert created.measured_on.isoformat() == "2026-06-30"
    assert created.entered_by == editor


def test_retex_export_has_no_personal_data():
    from tests.retex.factories import ReportFactory

    report = ReportFactory(published=True)
    ReportFactory(title="Brouillon caché")
    body = json.loads(
        dataset_export(
            dataset=get_dataset("retex"), user=AnonymousUser(), file_format="json", columns=None, source_url="x"
        ).content
    )
    assert [row["title"] for row in body["data"]] == [report.title]
    assert report.author.email not in json.dumps(body)
    assert "author" not in body["data"][0]


def test_a_new_upload_replaces_the_pending_one(client_for, make_user, settings):
    client = client_for(make_user("national_admin"))
    url = reverse("opendata:import", args=["organisations"])
    folder = settings.MEDIA_ROOT / "imports"
    client.post(url, {"file": rows_file([("une", "Une", "association", "", "")])})
    first = sorted(folder.iterdir())
    client.post(url, {"file": rows_file([("deux", "Deux", "association", "", "")])})
    second = sorted(folder.iterdir())
    assert len(first) == len(second) == 1
    assert first != second


@pytest.mark.parametrize("file_format", FORMATS)
def test_every_dataset_exports_in_every_format(file_format, make_user):
    """Each registered dataset, with a row of its kind, exports for anonymous visitors and staff alike."""
    from commons_portal.opendata.registry import datasets
    from tests.partners.factories import CommonsFactory, PartnershipFactory
    from tests.retex.factories import ReportFactory, SessionFactory
    from tests.roadmaps.factories import IndicatorFactory, IndicatorValueFactory, ProgrammeFactory, RoadmapFactory

    roadmap = RoadmapFactory(validated=True)
    ProgrammeFactory(axis__roadmap=roadmap)
    IndicatorValueFactory(indicator=IndicatorFactory(roadmap=roadmap))
    CommonsFactory()
    PartnershipFactory()
    ReportFactory(published=True)
    SessionFactory(published=True)
    OrganisationFactory()
    keys = {dataset.key for dataset in datasets()}
    assert {
        "organisations",
        "communs",
        "conventions",
        "feuilles-de-route",
        "programmes",
        "valeurs-indicateurs",
        "retex",
        "sessions",
    } <= keys
    for user in (AnonymousUser(), make_user("editor")):
        for dataset in datasets():
            exported = dataset_export(dataset=dataset, user=user, file_format=file_format, columns=None, source_url="x")
            table = formats.read(as_upload(exported))
            assert table.height >= 1, dataset.key
            assert list(table.headers) == dataset.resource().column_names(), dataset.key
