"""PDF benchmark: render time and peak memory per kind on the demo data, how the time grows with the page
count, what our print pipeline costs over plain WeasyPrint, and a repeated request answered without
rendering. Prints a table; exits non-zero when a target is missed.

    .venv/bin/python bench/pdf.py            # SQLite under /tmp, demo data loaded (idempotent)
    BENCH_PDF_DATABASE_URL=postgres://... .venv/bin/python bench/pdf.py

Each measured render runs in a process of its own, so that its peak memory (ru_maxrss) is its own.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "commons_portal.settings.dev"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_PDF_DATABASE_URL", "sqlite:////tmp/commons-bench-pdf.sqlite3")
os.environ.pop("REDIS_URL", None)  # jobs run in-process: the figures are the renderer's

# Targets.
PAGE_SCALING_TARGET = 1.3  # seconds per page at 60 pages / seconds per page at 10 pages
OVERHEAD_TARGET = 1.5  # our pipeline / plain WeasyPrint, same content and page count
REPEAT_TARGET = 1.0  # seconds to answer a repeated request (no render)
KIND_TIME_TARGET = 20.0  # seconds for one demo document
KIND_MEMORY_TARGET = 600  # MiB peak for the process rendering one demo document

KINDS = [
    ("roadmap", "bfc-2017-2020-v2", ""),
    ("restitution", "corse-2020-10-12", ""),
    ("retex-synthesis", "", "national"),
    ("retex-synthesis", "", "R94"),
    ("ecosystem", "", "R27"),
]


def setup_django():
    import django

    django.setup()


def synthetic_html(pages: int) -> str:
    """A document of `pages` A4 pages, each with a heading, a paragraph, a table and an SVG chart: the
    shape of a long synthesis."""
    from django.template.loader import render_to_string

    from commons_portal.jobs.charts import bar_chart_svg

    sections = []
    for number in range(1, pages):  # the cover is the first page
        rows = [(f"Ligne {row} de la section {number}", (row * 7 + number) % 23) for row in range(1, 9)]
        sections.append(
            {
                "title": f"Section {number}",
                "paragraphs": ["Texte de la section, assez long pour occuper quelques lignes de la page. " * 4],
                "headings": ["Libellé", "Valeur"],
                "rows": rows,
                "chart": bar_chart_svg(rows, title=f"Graphique {number}"),
                "new_page": True,
            }
        )
    return render_to_string(
        "pdf/sections.html",
        {"sections": sections, "document_title": f"Document de {pages} pages", "kind": {"label": "Banc d'essai"}},
    )


def measure_child(args: list[str]) -> dict:
    """Run `bench/pdf.py --child ...` and read its JSON line."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def child(args: list[str]) -> None:
    setup_django()
    from commons_portal.jobs.rendering import html_to_pdf
    from commons_portal.jobs.services import pdf_render, pdf_resolve

    mode = args[0]
    started = time.perf_counter()
    if mode == "kind":
        kind, obj, territory = pdf_resolve(kind=args[1], object_ref=args[2] or None, territory_code=args[3] or None)
        started = time.perf_counter()
        _, rendered = pdf_render(kind, obj, territory)
        pages = rendered.page_count
    elif mode == "synthetic":
        html = synthetic_html(int(args[1]))
        started = time.perf_counter()
        pages = html_to_pdf(html, title="Banc d'essai").page_count
    else:  # plain WeasyPrint: same HTML and page breaks; no fonts, running headers, counters or PDF/UA
        from weasyprint import CSS, HTML

        html = synthetic_html(int(args[1]))
        started = time.perf_counter()
        breaks = CSS(
            string="@page { size: A4; margin: 2cm } .cover { break-after: page } .new-page { break-before: page }"
        )
        document = HTML(string=html).render(stylesheets=[breaks])
        document.write_pdf()
        pages = len(document.pages)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "pages": pages, "peak_mib": peak}))


def repeated_request() -> tuple[float, bool]:
    """Ask twice for the same document: the second answer is the first job, without a render."""
    from django.db import transaction

    from commons_portal.accounts.models import User
    from commons_portal.jobs import services
    from commons_portal.jobs.models import PdfJob

    user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-pdf@exemple.fr", password=None
    )
    with transaction.atomic():
        first = services.pdf_job_request(kind="restitution", object_ref="corse-2020-10-12", user=user)
    first.refresh_from_db()
    renders = []
    original = services.html_to_pdf
    services.html_to_pdf = lambda *args, **kwargs: renders.append(1) or original(*args, **kwargs)
    try:
        started = time.perf_counter()
        with transaction.atomic():
            second = services.pdf_job_request(kind="restitution", object_ref="corse-2020-10-12", user=user)
        seconds = time.perf_counter() - started
    finally:
        services.html_to_pdf = original
    answered = second.pk == first.pk and first.status == PdfJob.Status.DONE and not renders
    return seconds, answered


def main() -> int:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", quiet_accounts=True, verbosity=0)
    rows = []

    def add(figure, value, target, ok):
        rows.append((figure, value, target, ok))
        print(f"  {'ok ' if ok else 'KO '} {figure}: {value} (cible {target})", flush=True)

    for kind, obj, territory in KINDS:
        label = f"{kind} {obj or territory}"
        try:
            figures = measure_child(["kind", kind, obj, territory])
        except RuntimeError as error:
            add(label, f"échec : {str(error).splitlines()[-1]}", "—", False)
            continue
        add(
            f"{label} : durée ({figures['pages']} p.)",
            f"{figures['seconds']:.2f} s",
            f"≤ {KIND_TIME_TARGET:g} s",
            figures["seconds"] <= KIND_TIME_TARGET,
        )
        add(
            f"{label} : mémoire max",
            f"{figures['peak_mib']:.0f} Mio",
            f"≤ {KIND_MEMORY_TARGET} Mio",
            figures["peak_mib"] <= KIND_MEMORY_TARGET,
        )

    short, long = measure_child(["synthetic", "10"]), measure_child(["synthetic", "60"])
    per_page_short, per_page_long = short["seconds"] / short["pages"], long["seconds"] / long["pages"]
    scaling = per_page_long / per_page_short
    add(f"document de {short['pages']} p.", f"{short['seconds']:.2f} s, {short['peak_mib']:.0f} Mio", "—", True)
    add(f"document de {long['pages']} p.", f"{long['seconds']:.2f} s, {long['peak_mib']:.0f} Mio", "—", True)
    add("durée par page, 60 p. / 10 p.", f"{scaling:.2f}", f"≤ {PAGE_SCALING_TARGET}", scaling <= PAGE_SCALING_TARGET)
    plain = measure_child(["plain", "60"])
    overhead = long["seconds"] / plain["seconds"]
    add(f"WeasyPrint seul, {plain['pages']} p.", f"{plain['seconds']:.2f} s, {plain['peak_mib']:.0f} Mio", "—", True)
    add("notre rendu / WeasyPrint seul (60 p.)", f"{overhead:.2f}", f"≤ {OVERHEAD_TARGET}", overhead <= OVERHEAD_TARGET)

    seconds, answered = repeated_request()
    add(
        "demande répétée (contenu inchangé)",
        f"{seconds * 1000:.0f} ms, {'sans rendu' if answered else 'RENDU REFAIT'}",
        f"≤ {REPEAT_TARGET:g} s sans rendu",
        answered and seconds <= REPEAT_TARGET,
    )

    width = max(len(row[0]) for row in rows) + 2
    print("\n| mesure".ljust(width + 2) + "| valeur | cible | |")
    print("|" + "-" * width + "|---|---|---|")
    for figure, value, target, ok in rows:
        print(f"| {figure.ljust(width - 1)}| {value} | {target} | {'✅' if ok else '❌'} |")
    return 0 if all(row[3] for row in rows) else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        sys.exit(0)
    sys.exit(main())
