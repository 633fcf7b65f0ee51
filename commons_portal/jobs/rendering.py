"""HTML to PDF with WeasyPrint: A4, Marianne embedded from django-dsfr's static files, tagged PDF/UA."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

# WeasyPrint tells every layout step at INFO level: too chatty for the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# The weights the print stylesheet uses.
MARIANNE_FACES = (
    ("Regular", 400, "normal"),
    ("Regular_Italic", 400, "italic"),
    ("Medium", 500, "normal"),
    ("Bold", 700, "normal"),
    ("Bold_Italic", 700, "italic"),
)


@cache
def marianne_css() -> str:
    """@font-face rules pointing at the Marianne files django-dsfr ships (local files: no outside request)."""
    rules = []
    for name, weight, style in MARIANNE_FACES:
        found = finders.find(f"dsfr/dist/fonts/Marianne-{name}.woff")
        if found:
            rules.append(
                "@font-face { font-family: 'Marianne'; "
                f"src: url('{Path(found).as_uri()}') format('woff'); font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(rules)


@cache
def print_css() -> str:
    return (Path(settings.BASE_DIR) / "templates" / "pdf" / "print.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int
    seconds: float


def html_to_pdf(html: str, *, title: str, on_progress: Callable[[int], None] | None = None) -> RenderedPdf:
    """Lay out and write the document; `on_progress(percent)` is told after layout and at the end."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    started = time.perf_counter()
    # Local files (the fonts) and inline data only: a document never fetches anything from outside.
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    fonts = FontConfiguration()
    stylesheets = [
        CSS(string=marianne_css(), url_fetcher=fetcher, font_config=fonts),
        CSS(string=print_css(), font_config=fonts),
    ]
    # Relative links (the map's regions) point at the portal; nothing is fetched from there.
    document = HTML(string=html, base_url=settings.SITE_URL, url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=fonts, pdf_variant="pdf/ua-1"
    )
    document.metadata.title = title
    document.metadata.lang = "fr"
    if on_progress:
        on_progress(80)
    content = document.write_pdf(pdf_variant="pdf/ua-1")
    return RenderedPdf(content=content, page_count=len(document.pages), seconds=time.perf_counter() - started)
