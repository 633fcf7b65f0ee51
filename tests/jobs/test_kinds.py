"""Each kind renders from the demo data: the PDF is read back (pdftotext, pdfinfo) for its figures,
structure and accessibility markers, through the same command administrators use."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from commons_portal.jobs.registry import PdfInputError, get_kind
from commons_portal.jobs.services import pdf_job_request, pdf_resolve

from .pdftools import pdf_info, pdf_markers, pdf_text


@pytest.fixture
def demo(db):
    call_command("load_demo", quiet_accounts=True, stdout=StringIO())


def render(tmp_path, kind, *args):
    output = tmp_path / f"{kind}.pdf"
    call_command("render_pdf", kind, *args, "--output", str(output), stdout=StringIO())
    info = pdf_info(output)
    assert info["Tagged"] == "yes"
    assert info["Producer"].startswith("WeasyPrint")
    # PDF/UA-1: language, structure tree, the PDF/UA identification in the XMP metadata.
    assert all(pdf_markers(output, b"/Lang (fr)", b"/StructTreeRoot", b"pdfuaid").values())
    return output, pdf_text(output), info


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_roadmap_has_its_21_programmes_and_indicator_charts(demo, tmp_path):
    output, text, info = render(tmp_path, "roadmap", "--object", "bfc-2017-2020-v2")
    assert info["Title"].startswith("Feuille de route du numérique éducatif 2017-2020")
    assert int(info["Pages"]) >= 10
    words = flat(text)
    for number in range(1, 22):
        assert f"Programme {number} " in words, f"programme {number} missing"
    for heading in ("1. Introduction", "Sommaire", "Cadrage", "Approche stratégique", "Partenaires identifiés"):
        assert heading in words
    assert "Axe structurant 1" in words and "Axe opérationnel 4" in words
    assert words.count("Valeurs mesurées") >= 3  # one legend per indicator chart
    assert "Conclusion" in words and "Page 3 sur" in words


def test_the_corse_restitution_shows_its_figures_and_action_plan(demo, tmp_path):
    output, text, info = render(tmp_path, "restitution", "--object", "corse-2020-10-12")
    words = flat(text)
    for label, count in [
        ("premier degré", "8"),
        ("second degré", "18"),
        ("Représentants académiques", "8"),
        ("(familles et élèves)", "2"),
        ("d'élus communaux,", "1"),  # the label wraps: the count sits on its first line
        ("Opérateurs", "2"),
    ]:
        assert f"{label} {count}" in words, label
    for figure in ("300", "45000", "85000", "5000"):
        assert figure in words
    for heading in (
        "Préambule",
        "1. Retour d’expérience",
        "Diagnostic des points forts et irritants",
        "2. Projections",
    ):
        assert heading in words
    assert "3. Plan d’action" in words and "Valoriser la formation" in words
    assert "Proposition phare" in words and "Moyen terme" in words


@pytest.mark.parametrize(("code", "title"), [("national", "Synthèse nationale"), ("R94", "Corse")])
def test_the_retex_synthesis_of_a_territory_or_the_country(demo, tmp_path, code, title):
    output, text, info = render(tmp_path, "retex-synthesis", "--territory", code)
    words = flat(text)
    assert title in info["Title"]
    assert "#2 Travailler ensemble autrement (3)" in words
    assert "NumériScontri" in words
    assert "Besoins et leviers les plus fréquents" in words and "Communs numériques et essaimage" in words


def test_the_ecosystem_report_of_a_territory(demo, tmp_path):
    output, text, info = render(tmp_path, "ecosystem", "--territory", "R27")
    words = flat(text)
    assert info["Title"] == "Écosystème des partenaires — Bourgogne-Franche-Comté"
    assert "Région Bourgogne-Franche-Comté" in words
    assert "Organisations par type" in words and "Conventions de partenariat" in words
    assert "Communs numériques" in words and "Carte de l’écosystème" in words
    assert "Guadeloupe" in words  # the map's overseas insets are drawn


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["inconnu", "--object", "x"], "Type de document inconnu"),
        (["roadmap", "--object", "nulle-part"], "Feuille de route introuvable"),
        (["roadmap"], "Indiquez l'objet"),
        (["restitution", "--object", "999999"], "Session introuvable"),
        (["ecosystem", "--territory", "R99"], "Territoire inconnu"),
        (["retex-synthesis"], "Indiquez le territoire"),
    ],
)
def test_the_command_refuses_bad_input_clearly(db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("render_pdf", *args, "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_the_command_refuses_an_output_it_cannot_write(db, tmp_path):
    with pytest.raises(CommandError, match="Impossible d'écrire"):
        call_command("render_pdf", "ecosystem", "--territory", "R27", "--output", str(tmp_path / "nope" / "x.pdf"))


def test_the_object_may_be_given_by_id(demo):
    kind, roadmap, _ = pdf_resolve(kind="roadmap", object_ref="bfc-2017-2020", territory_code=None)
    assert pdf_resolve(kind="roadmap", object_ref=str(roadmap.pk), territory_code=None)[1] == roadmap
    assert get_kind("roadmap") is kind


def test_a_draft_roadmap_or_an_unpublished_session_is_not_offered_to_outsiders(demo, make_user):
    from retex.models import Session
    from roadmaps.models import Roadmap

    Roadmap.objects.filter(slug="bfc-2017-2020-v2").update(status=Roadmap.Status.DRAFT)
    Session.objects.filter(slug="corse-2020-10-12").update(restitution_status=Session.RestitutionStatus.DRAFT)
    outsider = make_user("editor", territory_code="R94")  # edits Corse, not Bourgogne-Franche-Comté
    with pytest.raises(PdfInputError):
        pdf_job_request(kind="roadmap", object_ref="bfc-2017-2020-v2", user=outsider)
    assert pdf_job_request(kind="restitution", object_ref="corse-2020-10-12", user=outsider).title
    bfc_editor = make_user("editor", territory_code="R27")
    assert pdf_job_request(kind="roadmap", object_ref="bfc-2017-2020-v2", user=bfc_editor).kind == "roadmap"
    with pytest.raises(PdfInputError):
        pdf_job_request(kind="restitution", object_ref="corse-2020-10-12", user=bfc_editor)
