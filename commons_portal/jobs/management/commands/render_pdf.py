"""`manage.py render_pdf KIND --object ID_OR_SLUG [--territory CODE] --output FILE`: the same rendering as
the portal's jobs, for administrators and scripts (no job row, no e-mail)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commons_portal.core.priority import lower_cpu_priority
from commons_portal.jobs.registry import PdfInputError
from commons_portal.jobs.services import pdf_render, pdf_resolve


class Command(BaseCommand):
    help = "Produit une synthèse PDF (feuille de route, restitution, synthèse RETEX, écosystème)."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="roadmap, restitution, retex-synthesis ou ecosystem")
        parser.add_argument("--object", dest="object_ref", help="identifiant ou slug de l'objet")
        parser.add_argument("--territory", help="code du territoire (R27, A03, D25, national)")
        parser.add_argument("--output", required=True, help="fichier PDF à écrire")

    def handle(self, *args, kind, object_ref, territory, output, **options):
        target = Path(output)
        if target.is_dir() or not target.parent.is_dir():
            raise CommandError(f"Impossible d'écrire {output} : indiquez un fichier dans un dossier existant.")
        try:
            pdf_kind, obj, place = pdf_resolve(kind=kind, object_ref=object_ref, territory_code=territory)
        except PdfInputError as error:
            raise CommandError(error.message) from None
        lower_cpu_priority()  # like the worker: the web processes of the same machine come first
        _, rendered = pdf_render(pdf_kind, obj, place)
        target.write_bytes(rendered.content)
        size = len(rendered.content) // 1024
        summary = f"{target} : {rendered.page_count} page(s), {size} Kio, {rendered.seconds:.1f} s"
        self.stdout.write(self.style.SUCCESS(summary))
