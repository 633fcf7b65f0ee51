"""Loading the reference tree of territories from the data file the project ships."""

import json
from pathlib import Path

from treebeard.numconv import NumConv

from .models import Territory

DATA_FILE = Path(__file__).parent / "data" / "territories.json"
_STEPLEN = Territory.steplen
_ALPHABET = Territory.alphabet


def _reference_nodes() -> list[dict]:
    """The reference tree as flat rows with their materialised path (children sorted by code, as
    `Territory.node_order_by` keeps them)."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    conv = NumConv(_ALPHABET)

    def step(position: int) -> str:
        return conv.int2str(position).rjust(_STEPLEN, "0")

    rows = []
    level = Territory.Level
    root = step(1)
    regions = sorted(data["regions"], key=lambda r: f"R{r['code']}")
    rows.append(
        {
            "path": root,
            "depth": 1,
            "numchild": len(regions),
            "code": Territory.NATIONAL_CODE,
            "official_code": "",
            "name": "France",
            "level": level.NATIONAL,
        }
    )
    for r_pos, region in enumerate(regions, start=1):
        r_path = root + step(r_pos)
        academies = sorted(region["academies"], key=lambda a: f"A{a['code']}")
        rows.append(
            {
                "path": r_path,
                "depth": 2,
                "numchild": len(academies),
                "code": f"R{region['code']}",
                "official_code": region["code"],
                "name": region["name"],
                "level": level.REGION,
            }
        )
        for a_pos, academie in enumerate(academies, start=1):
            a_path = r_path + step(a_pos)
            departements = sorted(academie["departements"], key=lambda d: f"D{d[0]}")
            rows.append(
                {
                    "path": a_path,
                    "depth": 3,
                    "numchild": len(departements),
                    "code": f"A{academie['code']}",
                    "official_code": academie["code"],
                    "name": academie["name"],
                    "level": level.ACADEMIE,
                }
            )
            for d_pos, (code, name) in enumerate(departements, start=1):
                rows.append(
                    {
                        "path": a_path + step(d_pos),
                        "depth": 4,
                        "numchild": 0,
                        "code": f"D{code}",
                        "official_code": code,
                        "name": name,
                        "level": level.DEPARTEMENT,
                    }
                )
    return rows


def territories_load(*, model=Territory) -> int:
    """Create the 18 régions académiques, 30 académies and 101 départements, or bring their names up to
    date when the tree exists. Idempotent. `model` lets the data migration pass its historical model."""
    rows = _reference_nodes()
    existing = {t.code: t for t in model.objects.all()}
    if not existing:
        model.objects.bulk_create([model(**row) for row in rows])
        return len(rows)
    for row in rows:
        node = existing.get(row["code"])
        if node and (node.name, node.official_code) != (row["name"], row["official_code"]):
            model.objects.filter(pk=node.pk).update(name=row["name"], official_code=row["official_code"])
    return len(rows)


def territory_by_code(code: str) -> Territory:
    """Find a territory from what a person types: its key ("R27", "national") or, failing that, the
    official code of a région académique ("27"), then of an académie, then of a département.

    Raises Territory.DoesNotExist when nothing matches.
    """
    code = code.strip()
    found = Territory.objects.filter(code__iexact=code).first()
    if found:
        return found
    for level in (Territory.Level.REGION, Territory.Level.ACADEMIE, Territory.Level.DEPARTEMENT):
        found = Territory.objects.filter(level=level, official_code__iexact=code).first()
        if found:
            return found
    raise Territory.DoesNotExist(code)
