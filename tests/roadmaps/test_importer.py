import io
from pathlib import Path

import pytest

from roadmaps import services
from roadmaps.importer import parse_document, parse_markdown
from roadmaps.models import Axis, Roadmap
from tests.factories import territory

DEMO = Path(__file__).resolve().parents[2] / "roadmaps" / "demo" / "bfc-2017-2020.md"

GOOD = """# Feuille de route test

Période : 2024-2027

## Introduction

Une introduction.

## Axe structurant 1 — Gouvernance

### Cadrage

Le cadrage.

### Enjeux

- Premier enjeu
- Second enjeu

### Programme 1 — Modalités de gouvernance

Description du programme.

#### Objectifs

- Installer le comité
- Publier la cartographie

#### Actions

- Réunir le comité deux fois par an

## Axe opérationnel 1 — Formation

### Partenaires identifiés

- Canopé

### Programme 2 — Former les enseignants

## Gouvernance

### COSRN — Conseil d'orientation

Composition : les recteurs.

Fréquence : deux fois par an.

## Phases

### Phase 1 — Analyse

Analyse des besoins.

## Conclusion

Fin.
"""


def test_the_demo_document_has_the_whole_bfc_roadmap():
    parsed = parse_markdown(DEMO.read_text(encoding="utf-8"))
    assert parsed.errors == []
    assert (parsed.period_start, parsed.period_end) == (2017, 2020)
    kinds = [(axis.kind, axis.number) for axis in parsed.axes]
    assert kinds == [("structurant", 1), ("structurant", 2), ("structurant", 3)] + [
        ("operationnel", n) for n in (1, 2, 3, 4)
    ]
    programmes = [programme for axis in parsed.axes for programme in axis.programmes]
    assert [p.number for p in programmes] == list(range(1, 22))
    assert all(p.objectives for p in programmes)
    assert [body.acronym for body in parsed.governance_bodies] == ["COREA", "CODIR", "COSRN", "COPNI"]
    assert [phase.number for phase in parsed.phases] == [1, 2, 3, 4]
    assert parsed.introduction and parsed.conclusion


def test_a_good_markdown_document_is_previewed_then_saved():
    parsed = parse_markdown(GOOD)
    assert parsed.errors == []
    axis = parsed.axes[0]
    assert (axis.framing, axis.stakes) == ("Le cadrage.", ["Premier enjeu", "Second enjeu"])
    programme = axis.programmes[0]
    assert programme.description == "Description du programme."
    assert programme.objectives == ["Installer le comité", "Publier la cartographie"]
    assert programme.actions == ["Réunir le comité deux fois par an"]
    assert parsed.axes[1].partners == ["Canopé"]
    body = parsed.governance_bodies[0]
    assert (body.acronym, body.name, body.composition, body.frequency) == (
        "COSRN",
        "Conseil d'orientation",
        "les recteurs.",
        "deux fois par an.",
    )


@pytest.mark.django_db
def test_saving_an_import_creates_the_tree(make_user):
    editor = make_user("editor")
    parsed = parse_markdown(GOOD)
    assert Roadmap.objects.count() == 0  # previewing saves nothing
    roadmap = services.roadmap_create_from_import(parsed=parsed, territory=territory("R27"), user=editor)
    assert roadmap.status == Roadmap.Status.DRAFT
    assert list(roadmap.axes.values_list("kind", "number")) == [
        (Axis.Kind.STRUCTURING, 1),
        (Axis.Kind.OPERATIONAL, 1),
    ]
    assert list(roadmap.programmes.values_list("number", flat=True)) == [1, 2]
    assert roadmap.programmes.get(number=1).objectives.count() == 2
    assert roadmap.programmes.get(number=1).actions.get().source_label == "Importée d’un document"
    assert roadmap.governance_bodies.get().acronym == "COSRN"
    assert roadmap.phases.get().title == "Analyse"


def _docx(blocks):
    import docx

    document = docx.Document()
    for kind, level, text in blocks:
        if kind == "h":
            document.add_heading(text, level=level)
        elif kind == "li":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _odt(blocks):
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    document = OpenDocumentText()
    for kind, level, text in blocks:
        if kind == "h":
            document.text.addElement(H(outlinelevel=level, text=text))
        elif kind == "li":
            item_list = List()
            item = ListItem()
            item.addElement(P(text=text))
            item_list.addElement(item)
            document.text.addElement(item_list)
        else:
            document.text.addElement(P(text=text))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


BLOCKS = [
    ("h", 1, "Feuille de route bureautique"),
    ("p", 0, "Période : 2024-2027"),
    ("h", 2, "Axe structurant 1 — Gouvernance"),
    ("h", 3, "Enjeux"),
    ("li", 0, "Un enjeu"),
    ("h", 3, "Programme 1 — Coopérer"),
    ("p", 0, "Décrire la coopération."),
    ("h", 4, "Objectifs"),
    ("li", 0, "Un objectif"),
]


@pytest.mark.parametrize(("name", "build"), [("feuille.docx", _docx), ("feuille.odt", _odt)])
def test_office_documents_follow_the_same_structure(name, build):
    parsed = parse_document(name, build(BLOCKS))
    assert parsed.errors == []
    assert parsed.title == "Feuille de route bureautique"
    assert parsed.axes[0].stakes == ["Un enjeu"]
    programme = parsed.axes[0].programmes[0]
    assert (programme.number, programme.title, programme.description) == (1, "Coopérer", "Décrire la coopération.")
    assert programme.objectives == ["Un objectif"]


def test_office_errors_count_paragraphs():
    blocks = BLOCKS[:5] + [("h", 3, "Quelque chose")]
    parsed = parse_document("feuille.docx", _docx(blocks))
    assert [str(error) for error in parsed.errors][0].startswith("paragraphe 6 : titre de programme attendu")


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("", "ligne 1 : le document est vide."),
        ("Période : 2024-2027\n", "ligne 1 : le document doit commencer par le titre"),
        ("# Titre\n\nPériode : 2024-2027\n", "aucun axe trouvé"),
        (
            "# Titre\n\n## Axe structurant 1 — A\n\n### Cadrage\n\nTexte\n\n### Des choses\n",
            "ligne 9 : titre de programme attendu après l'axe structurant 1, par exemple « Programme 1 — titre »",
        ),
        (
            "# Titre\n\n## Axe structurant 1 — A\n\n### Programme 1 — X\n\n### Programme 1 — Y\n",
            "ligne 7 : le programme 1 est déjà défini ligne 5.",
        ),
        (
            "# Titre\n\n## Axe structurant 1 — A\n\n### Programme 2 — X\n",
            "ligne 5 : programme 1 attendu, programme 2 trouvé",
        ),
        (
            "# Titre\n\n## Axe structurant 1 — A\n\n### Programme 1 — Même\n\n### Programme 2 — même\n",
            "ligne 7 : ce titre de programme est déjà utilisé ligne 5.",
        ),
        ("# Titre\n\n## Annexes\n", "ligne 3 : section « Annexes » inconnue"),
        ("# Titre\n\n## Axe 1 Gouvernance\n", "ligne 3 : titre d'axe mal formé"),
        ("# Titre\n\n## Axe structurant 2 — B\n", "ligne 3 : axe structurant 1 attendu, axe structurant 2 trouvé"),
        (
            "# Titre\n\n## Axe structurant 1 — A\n\n### Programme 1 — X\n\n#### Objectifs\n\nPas une liste\n",
            "ligne 9 : une liste à puces est attendue sous « Objectifs »",
        ),
        ("# Titre\n\nDu texte perdu\n", "ligne 3 : texte hors section"),
        ("# Titre\n\nPériode : 2027-2024\n\n## Axe structurant 1 — A\n", "la période se termine avant de commencer"),
    ],
)
def test_malformed_documents_say_which_line_is_wrong(document, expected):
    parsed = parse_markdown(document)
    messages = [str(error) for error in parsed.errors]
    assert any(expected in message for message in messages), messages
    assert not parsed.is_valid


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("feuille.pdf", b"%PDF-1.4", "format non reconnu"),
        ("feuille.docx", b"pas un zip", "illisible"),
        ("feuille.odt", b"pas un zip", "illisible"),
        ("feuille.md", "é".encode("latin-1"), "UTF-8"),
        ("feuille.md", b"# Titre\x00", "octet nul"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(name, data, expected):
    parsed = parse_document(name, data)
    assert expected in str(parsed.errors[0])


@pytest.mark.django_db
def test_demo_loader_is_idempotent():
    from commons_portal.core.demo import load_accounts
    from roadmaps.demo import load

    load_accounts()
    load()
    counts = {slug: Roadmap.objects.get(slug=slug).programmes.count() for slug in ("bfc-2017-2020", "bfc-2017-2020-v2")}
    assert counts == {"bfc-2017-2020": 21, "bfc-2017-2020-v2": 21}
    v1 = Roadmap.objects.get(slug="bfc-2017-2020")
    v2 = Roadmap.objects.get(slug="bfc-2017-2020-v2")
    national = Roadmap.objects.get(slug="national-2023-2027")
    assert (v1.status, v1.edition, v1.parent) == (Roadmap.Status.VALIDATED, 1, national)
    assert (v2.status, v2.edition, v2.previous_version) == (Roadmap.Status.DRAFT, 2, v1)
    assert national.programmes.count() == 16 and national.axes.count() == 4
    assert v2.indicators.count() == 3 and all(i.values.count() == 3 for i in v2.indicators.all())
    assert all(axis.national_axis is not None for axis in v1.axes.all())
    assert sorted(v1.governance_bodies.values_list("acronym", flat=True)) == ["CODIR", "COPNI", "COREA", "COSRN"]
    before = Roadmap.history.count()
    load()
    assert Roadmap.objects.count() == 3 and Roadmap.history.count() == before
