"""Read a roadmap from a structured document (Markdown, ODT or DOCX) into a preview, before anything is
saved. The expected shape is documented in `roadmaps/IMPORT.md`; every error names its line (Markdown)
or paragraph (ODT, DOCX) and says what was expected there.

The three formats are first turned into the same list of blocks (headings with their level, list items,
paragraphs), so one parser reads them all.
"""

import io
import re
import zipfile
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from .models import Axis

MAX_IMPORT_SIZE = 5 * 1024 * 1024


@dataclass
class Block:
    kind: str  # "heading" | "item" | "text"
    text: str
    line: int
    level: int = 0


@dataclass
class ImportIssue:
    line: int
    message: str
    unit: str = "ligne"

    def __str__(self):
        return f"{self.unit} {self.line} : {self.message}"


@dataclass
class ParsedProgramme:
    number: int
    title: str
    line: int
    description: str = ""
    objectives: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


@dataclass
class ParsedAxis:
    kind: str
    number: int
    title: str
    line: int
    framing: str = ""
    strategic_approach: str = ""
    stakes: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    programmes: list[ParsedProgramme] = field(default_factory=list)


@dataclass
class ParsedBody:
    acronym: str
    name: str
    line: int
    composition: str = ""
    frequency: str = ""
    scope: str = ""


@dataclass
class ParsedPhase:
    number: int
    title: str
    line: int
    description: str = ""


@dataclass
class ParsedRoadmap:
    title: str = ""
    period_start: int | None = None
    period_end: int | None = None
    introduction: str = ""
    conclusion: str = ""
    axes: list[ParsedAxis] = field(default_factory=list)
    governance_bodies: list[ParsedBody] = field(default_factory=list)
    phases: list[ParsedPhase] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)

    @property
    def programme_count(self) -> int:
        return sum(len(axis.programmes) for axis in self.axes)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ParsedRoadmap":
        axes = []
        for axis in data.get("axes", []):
            programmes = [ParsedProgramme(**p) for p in axis.pop("programmes", [])]
            axes.append(ParsedAxis(**axis, programmes=programmes))
        return cls(
            title=data["title"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            introduction=data["introduction"],
            conclusion=data["conclusion"],
            axes=axes,
            governance_bodies=[ParsedBody(**b) for b in data.get("governance_bodies", [])],
            phases=[ParsedPhase(**p) for p in data.get("phases", [])],
            errors=[ImportIssue(**e) for e in data.get("errors", [])],
        )


# --- turning documents into blocks -----------------------------------------------------------------

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")


def markdown_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    start = 0

    def flush():
        if paragraph:
            blocks.append(Block("text", " ".join(paragraph), start))
            paragraph.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        heading = _MD_HEADING.match(line)
        item = _MD_ITEM.match(line)
        if heading:
            flush()
            blocks.append(Block("heading", heading.group(2).strip(), number, len(heading.group(1))))
        elif item:
            flush()
            blocks.append(Block("item", item.group(1).strip(), number))
        elif blocks and blocks[-1].kind == "item" and not paragraph and raw.startswith((" ", "\t")):
            blocks[-1].text += " " + line.strip()  # a list item continued on the next line
        else:
            if not paragraph:
                start = number
            paragraph.append(line.strip())
    flush()
    return blocks


_HEADING_STYLE = re.compile(r"^(?:heading|titre)\s*(\d)$", re.IGNORECASE)


def docx_blocks(data: bytes) -> list[Block]:
    import docx

    document = docx.Document(io.BytesIO(data))
    blocks = []
    for index, paragraph in enumerate(document.paragraphs, start=1):
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        heading = _HEADING_STYLE.match(style.strip())
        if heading:
            blocks.append(Block("heading", text, index, int(heading.group(1))))
        elif style.lower().startswith(("title", "titre")) and style.strip().lower() in ("title", "titre"):
            blocks.append(Block("heading", text, index, 1))
        elif "list" in style.lower() or "liste" in style.lower():
            blocks.append(Block("item", text, index))
        else:
            blocks.append(Block("text", text, index))
    return blocks


def odt_blocks(data: bytes) -> list[Block]:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    blocks = []
    counter = 0

    def walk(node, in_list=False):
        nonlocal counter
        for child in node.childNodes:
            if child.qname == (text.TEXTNS, "h"):
                counter += 1
                content = teletype.extractText(child).strip()
                level = int(child.getAttribute("outlinelevel") or 1)
                if content:
                    blocks.append(Block("heading", content, counter, level))
            elif child.qname == (text.TEXTNS, "p"):
                counter += 1
                content = teletype.extractText(child).strip()
                if content:
                    blocks.append(Block("item" if in_list else "text", content, counter))
            elif child.qname in ((text.TEXTNS, "list"), (text.TEXTNS, "list-item")):
                walk(child, in_list=True)
            elif hasattr(child, "childNodes") and child.qname[1] in ("section", "text"):
                walk(child, in_list)

    walk(document.text)
    return blocks


def read_document(name: str, data: bytes) -> tuple[list[Block], str] | ImportIssue:
    """Blocks of an uploaded document, and the unit its errors count in ("ligne" or "paragraphe")."""
    lowered = name.lower()
    try:
        if lowered.endswith((".md", ".markdown", ".txt")):
            try:
                content = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                return ImportIssue(1, _("le fichier n'est pas un texte UTF-8."))
            if "\x00" in content:
                return ImportIssue(1, _("le fichier contient un caractère invalide (octet nul)."))
            return markdown_blocks(content), "ligne"
        if lowered.endswith(".docx"):
            return docx_blocks(data), "paragraphe"
        if lowered.endswith(".odt"):
            return odt_blocks(data), "paragraphe"
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        return ImportIssue(1, _("le document est illisible ou endommagé (%(error)s).") % {"error": error}, "fichier")
    except Exception as error:  # odfpy and python-docx raise many kinds of errors on broken files
        return ImportIssue(1, _("le document est illisible ou endommagé (%(error)s).") % {"error": error}, "fichier")
    return ImportIssue(
        1, _("format non reconnu : déposez un fichier Markdown (.md), ODT (.odt) ou DOCX (.docx)."), "fichier"
    )


# --- the parser ------------------------------------------------------------------------------------

_SEPARATOR = r"\s*(?:[—–:-]|\.)\s*"
_AXIS = re.compile(rf"^axe\s+(structurant|op[ée]rationnel)\s+(\d+){_SEPARATOR}(.+)$", re.IGNORECASE)
_PROGRAMME = re.compile(rf"^programme\s+(\d+){_SEPARATOR}(.+)$", re.IGNORECASE)
_PHASE = re.compile(rf"^phase\s+(\d+){_SEPARATOR}(.+)$", re.IGNORECASE)
_BODY = re.compile(rf"^([A-ZÀ-Ý0-9][\wÀ-ÿ'’ -]{{0,28}}?){_SEPARATOR}(.+)$")
_PERIOD = re.compile(r"^(?:période|periode)\s*:\s*(\d{4})\s*[-–—/]\s*(\d{4})$", re.IGNORECASE)
_FIELD = re.compile(r"^(composition|fréquence|frequence|périmètre|perimetre)\s*:\s*(.*)$", re.IGNORECASE)

AXIS_SECTIONS = {
    "cadrage": "framing",
    "approche stratégique": "strategic_approach",
    "approche strategique": "strategic_approach",
    "enjeux": "stakes",
    "partenaires identifiés": "partners",
    "partenaires identifies": "partners",
}
PROGRAMME_SECTIONS = {"objectifs": "objectives", "actions": "actions", "plan d'action": "actions"}
TOP_SECTIONS = {"introduction", "conclusion", "gouvernance", "instances de gouvernance", "phases"}


def _expected_top() -> str:
    return _(
        "« Introduction », « Axe structurant N — titre », « Axe opérationnel N — titre », « Gouvernance », "
        "« Phases » ou « Conclusion »"
    )


def _join(existing: str, text: str) -> str:
    return f"{existing}\n\n{text}" if existing else text


def _bullet(text: str) -> str:
    return f"- {text}"


class _Parser:
    def __init__(self, blocks: list[Block], unit: str):
        self.blocks = blocks
        self.unit = unit
        self.result = ParsedRoadmap()
        self.section = None  # "introduction", "axis", "governance", ...
        self.sub = None  # the level-3 part being read
        self.axis: ParsedAxis | None = None
        self.programme: ParsedProgramme | None = None
        self.body: ParsedBody | None = None
        self.phase: ParsedPhase | None = None
        self.programme_lines: dict[int, int] = {}
        self.axis_counters = {Axis.Kind.STRUCTURING: 0, Axis.Kind.OPERATIONAL: 0}

    def error(self, block: Block, message: str) -> None:
        self.result.errors.append(ImportIssue(block.line, message, self.unit))

    def parse(self) -> ParsedRoadmap:
        if not self.blocks:
            self.result.errors.append(ImportIssue(1, _("le document est vide."), self.unit))
            return self.result
        first = self.blocks[0]
        if first.kind != "heading" or first.level != 1:
            self.error(first, _("le document doit commencer par le titre de la feuille de route (titre de niveau 1)."))
        else:
            self.result.title = first.text
        for block in self.blocks[1:] if self.result.title else self.blocks:
            if block.kind == "heading":
                self.heading(block)
            else:
                self.content(block)
        self.finish()
        return self.result

    # headings
    def heading(self, block: Block) -> None:
        if block.level == 1:
            self.error(block, _("un seul titre de niveau 1 est attendu (le titre de la feuille de route)."))
        elif block.level == 2:
            self.top_heading(block)
        elif block.level == 3:
            self.third_heading(block)
        elif block.level == 4:
            self.fourth_heading(block)
        else:
            self.error(
                block,
                _("titre de niveau %(level)s inattendu : les titres vont du niveau 1 au niveau 4.")
                % {"level": block.level},
            )

    def top_heading(self, block: Block) -> None:
        self.axis = self.programme = self.body = self.phase = None
        self.sub = None
        match = _AXIS.match(block.text)
        name = block.text.strip().casefold()
        if match:
            kind = Axis.Kind.STRUCTURING if match.group(1).lower().startswith("s") else Axis.Kind.OPERATIONAL
            number = int(match.group(2))
            self.axis_counters[kind] += 1
            if number != self.axis_counters[kind]:
                self.error(
                    block,
                    _("axe %(kind)s %(expected)s attendu, axe %(kind)s %(found)s trouvé (numérotation continue).")
                    % {"kind": match.group(1).lower(), "expected": self.axis_counters[kind], "found": number},
                )
            self.axis = ParsedAxis(kind=kind, number=number, title=match.group(3).strip(), line=block.line)
            self.result.axes.append(self.axis)
            self.section = "axis"
        elif name in TOP_SECTIONS:
            self.section = "governance" if name.endswith("gouvernance") else name
        elif name.startswith("axe"):
            self.section = None
            self.error(
                block,
                _(
                    "titre d'axe mal formé « %(text)s » : attendu « Axe structurant N — titre » "
                    "ou « Axe opérationnel N — titre »."
                )
                % {"text": block.text},
            )
        else:
            self.section = None
            self.error(
                block,
                _("section « %(text)s » inconnue : attendu %(expected)s.")
                % {"text": block.text, "expected": _expected_top()},
            )

    def third_heading(self, block: Block) -> None:
        name = block.text.strip().casefold()
        if self.section == "axis":
            self.programme = None
            if name in AXIS_SECTIONS:
                self.sub = AXIS_SECTIONS[name]
                return
            if name in ("programmes", "indicateurs"):
                self.sub = None
                return
            match = _PROGRAMME.match(block.text)
            if not match:
                self.sub = None
                self.error(
                    block,
                    _(
                        "titre de programme attendu après l'%(axis)s, par exemple « Programme %(next)s — titre » "
                        "(ou « Cadrage », « Approche stratégique », « Enjeux », « Partenaires identifiés »), "
                        "trouvé « %(text)s »."
                    )
                    % {"axis": self.axis_label(), "next": len(self.programme_lines) + 1, "text": block.text},
                )
                return
            number = int(match.group(1))
            if number in self.programme_lines:
                self.error(
                    block,
                    _("le programme %(number)s est déjà défini %(unit)s %(line)s.")
                    % {"number": number, "unit": self.unit, "line": self.programme_lines[number]},
                )
            elif number != len(self.programme_lines) + 1:
                self.error(
                    block,
                    _(
                        "programme %(expected)s attendu, programme %(found)s trouvé : les programmes sont numérotés "
                        "de 1 à n dans l'ordre du document."
                    )
                    % {"expected": len(self.programme_lines) + 1, "found": number},
                )
            self.programme_lines.setdefault(number, block.line)
            self.programme = ParsedProgramme(number=number, title=match.group(2).strip(), line=block.line)
            self.axis.programmes.append(self.programme)
            self.sub = "description"
        elif self.section == "governance":
            match = _BODY.match(block.text)
            acronym, name_text = (match.group(1).strip(), match.group(2).strip()) if match else (block.text.strip(), "")
            if len(acronym) > 30:
                self.error(block, _("sigle d'instance trop long : attendu « SIGLE — nom de l'instance »."))
                return
            if any(body.acronym.casefold() == acronym.casefold() for body in self.result.governance_bodies):
                self.error(block, _("l'instance « %(acronym)s » est déjà définie.") % {"acronym": acronym})
                return
            self.body = ParsedBody(acronym=acronym, name=name_text, line=block.line)
            self.result.governance_bodies.append(self.body)
        elif self.section == "phases":
            match = _PHASE.match(block.text)
            if not match:
                self.error(
                    block,
                    _("titre de phase attendu, par exemple « Phase 1 — titre », trouvé « %(text)s ».")
                    % {"text": block.text},
                )
                return
            self.phase = ParsedPhase(number=int(match.group(1)), title=match.group(2).strip(), line=block.line)
            self.result.phases.append(self.phase)
        elif self.section is not None:
            self.error(
                block,
                _("sous-titre « %(text)s » inattendu dans la section « %(section)s ».")
                % {"text": block.text, "section": self.section.capitalize()},
            )

    def fourth_heading(self, block: Block) -> None:
        name = block.text.strip().casefold()
        if self.section == "axis" and self.programme is not None and name in PROGRAMME_SECTIONS:
            self.sub = PROGRAMME_SECTIONS[name]
            return
        self.error(
            block,
            _("titre de niveau 4 « %(text)s » inattendu : seuls « Objectifs » et « Actions » suivent un programme.")
            % {"text": block.text},
        )

    def axis_label(self) -> str:
        if self.axis is None:
            return _("axe")
        kind = _("axe structurant") if self.axis.kind == Axis.Kind.STRUCTURING else _("axe opérationnel")
        return f"{kind} {self.axis.number}"

    # content
    def content(self, block: Block) -> None:
        text = block.text
        if self.section is None and not self.result.axes and not self.result.introduction:
            period = _PERIOD.match(text)
            if period:
                self.result.period_start, self.result.period_end = int(period.group(1)), int(period.group(2))
                return
        if self.section == "introduction":
            self.result.introduction = _join(self.result.introduction, _bullet(text) if block.kind == "item" else text)
        elif self.section == "conclusion":
            self.result.conclusion = _join(self.result.conclusion, _bullet(text) if block.kind == "item" else text)
        elif self.section == "axis":
            self.axis_content(block)
        elif self.section == "governance":
            self.body_content(block)
        elif self.section == "phases" and self.phase is not None:
            self.phase.description = _join(self.phase.description, text)
        else:
            self.error(
                block,
                _(
                    "texte hors section : placez-le sous un titre de niveau 2 (%(expected)s), "
                    "ou écrivez la période sous la forme « Période : 2017-2020 »."
                )
                % {"expected": _expected_top()},
            )

    def axis_content(self, block: Block) -> None:
        text = block.text
        if self.programme is not None:
            if self.sub in ("objectives", "actions"):
                target = self.programme.objectives if self.sub == "objectives" else self.programme.actions
                if block.kind == "item":
                    target.append(text)
                else:
                    self.error(
                        block,
                        _("une liste à puces est attendue sous « %(sub)s » (une puce par élément).")
                        % {"sub": _("Objectifs") if self.sub == "objectives" else _("Actions")},
                    )
            else:
                self.programme.description = _join(
                    self.programme.description, _bullet(text) if block.kind == "item" else text
                )
            return
        if self.sub in ("framing", "strategic_approach"):
            value = _bullet(text) if block.kind == "item" else text
            setattr(self.axis, self.sub, _join(getattr(self.axis, self.sub), value))
        elif self.sub in ("stakes", "partners"):
            if block.kind == "item":
                getattr(self.axis, self.sub).append(text)
            else:
                self.error(
                    block,
                    _("une liste à puces est attendue sous « %(sub)s » (une puce par élément).")
                    % {"sub": _("Enjeux") if self.sub == "stakes" else _("Partenaires identifiés")},
                )
        else:
            self.error(
                block,
                _(
                    "texte inattendu dans l'%(axis)s : placez-le sous « Cadrage », « Approche stratégique », "
                    "« Enjeux », « Partenaires identifiés » ou un programme."
                )
                % {"axis": self.axis_label()},
            )

    def body_content(self, block: Block) -> None:
        if self.body is None:
            self.error(block, _("une instance est attendue d'abord, par exemple « ### COSRN — nom de l'instance »."))
            return
        match = _FIELD.match(block.text)
        if not match:
            self.body.scope = _join(self.body.scope, block.text)
            return
        key, value = match.group(1).casefold(), match.group(2).strip()
        if key.startswith("compo"):
            self.body.composition = _join(self.body.composition, value)
        elif key.startswith("fr"):
            self.body.frequency = value
        else:
            self.body.scope = _join(self.body.scope, value)

    def finish(self) -> None:
        result = self.result
        if result.title and not result.axes:
            result.errors.append(
                ImportIssue(
                    self.blocks[-1].line,
                    _("aucun axe trouvé : ajoutez au moins un titre « ## Axe structurant 1 — titre »."),
                    self.unit,
                )
            )
        for axis in result.axes:
            if not axis.title.strip():
                result.errors.append(ImportIssue(axis.line, _("titre d'axe vide."), self.unit))
        titles: dict[str, int] = {}
        for axis in result.axes:
            for programme in axis.programmes:
                key = " ".join(programme.title.split()).casefold()
                if key in titles:
                    result.errors.append(
                        ImportIssue(
                            programme.line,
                            _("ce titre de programme est déjà utilisé %(unit)s %(line)s.")
                            % {"unit": self.unit, "line": titles[key]},
                            self.unit,
                        )
                    )
                titles.setdefault(key, programme.line)
                if len(programme.title) > 250:
                    result.errors.append(ImportIssue(programme.line, _("titre de programme trop long."), self.unit))
        if result.period_start and result.period_end and result.period_end < result.period_start:
            result.errors.append(
                ImportIssue(1, _("la période se termine avant de commencer (« Période : 2017-2020 »)."), self.unit)
            )
        result.errors.sort(key=lambda issue: issue.line)


def parse_blocks(blocks: list[Block], unit: str = "ligne") -> ParsedRoadmap:
    return _Parser(blocks, unit).parse()


def parse_markdown(text: str) -> ParsedRoadmap:
    return parse_blocks(markdown_blocks(text), "ligne")


def parse_document(name: str, data: bytes) -> ParsedRoadmap:
    """The preview of an uploaded document: what would be created, and the errors that prevent it."""
    if len(data) > MAX_IMPORT_SIZE:
        return ParsedRoadmap(errors=[ImportIssue(1, _("le fichier dépasse 5 Mo."), "fichier")])
    read = read_document(name, data)
    if isinstance(read, ImportIssue):
        return ParsedRoadmap(errors=[read])
    blocks, unit = read
    return parse_blocks(blocks, unit)
