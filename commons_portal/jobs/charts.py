"""A horizontal bar chart as server-side SVG, for the counts the syntheses show (no JavaScript, no
outside request; WeasyPrint draws it as vectors)."""

from django.utils.html import escape


def bar_chart_svg(rows: list[tuple[str, float]], *, title: str, width: int = 640, unit: str = "") -> str:
    """`rows` are (label, value); the SVG carries its title and a text description for screen readers."""
    bar_height, gap, label_width, value_width = 18, 8, 230, 60
    height = max(1, len(rows)) * (bar_height + gap) + gap
    top = max((value for _, value in rows), default=0) or 1
    plot = width - label_width - value_width
    description = ", ".join(f"{label} : {value:g}{unit}" for label, value in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="chart" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>",
    ]
    for index, (label, value) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = max(1.0, plot * value / top) if value else 0
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 13}" text-anchor="end" font-size="10" fill="#161616">'
            f"{escape(label[:45])}</text>"
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="#000091"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 13}" font-size="10" fill="#161616">'
            f"{value:g}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
