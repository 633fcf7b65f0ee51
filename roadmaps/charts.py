"""The chart of an indicator: its values over time against the straight line from baseline to target.

Drawn here as plain SVG (no script, no style element: the strict Content-Security-Policy allows it inline,
and WeasyPrint renders it the same in the PDF). The SVG has a title and a description for screen
readers; pages show the data table next to it (`indicator_rows`).
"""

import datetime
import math
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 70, 30, 30, 60
BLUE = "#000091"  # bleu France
TARGET = "#18753c"  # DSFR success
BASELINE = "#666666"
GRID = "#dddddd"
# A white outline behind labels keeps them readable where they cross a line.
HALO = 'stroke="#ffffff" stroke-width="4" paint-order="stroke"'


def _fmt(value: Decimal, indicator) -> str:
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    text = number_format(value, decimal_pos=None)
    symbol = indicator.unit_symbol
    return f"{text} {symbol}".strip() if symbol else text


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high == low:
        high = low + 1
    raw = (high - low) / (count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = (low // step) * step
    ticks = []
    value = start
    while value <= high + step * 0.001:
        ticks.append(round(value, 6))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 6))
    return ticks


def indicator_rows(indicator) -> list[dict]:
    """The chart's data as table rows: baseline, each value, target (values prefetched or fetched)."""
    rows = [
        {"label": _("Référence"), "date": indicator.baseline_date, "value": _fmt(indicator.baseline_value, indicator)}
    ]
    for entry in indicator.values.all():
        rows.append({"label": entry.period_label, "date": entry.measured_on, "value": _fmt(entry.value, indicator)})
    rows.append({"label": _("Cible"), "date": indicator.target_date, "value": _fmt(indicator.target_value, indicator)})
    return rows


def indicator_chart_svg(indicator, *, element_id: str = "") -> str:
    """An accessible SVG line chart of the indicator's values, its baseline and its target."""
    values = sorted(indicator.values.all(), key=lambda v: v.measured_on)
    chart_id = element_id or f"indicator-chart-{indicator.pk or 'new'}"
    dates = [indicator.baseline_date, indicator.target_date] + [v.measured_on for v in values]
    numbers = [float(indicator.baseline_value), float(indicator.target_value)] + [float(v.value) for v in values]
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    ticks = _nice_ticks(min(0.0, min(numbers)), max(numbers))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(date: datetime.date) -> float:
        return round(LEFT + (date - first).days / span * plot_w, 1)

    def y(number: float) -> float:
        return round(TOP + plot_h - (number - low) / (high - low) * plot_h, 1)

    title = _("Évolution de l'indicateur « %(name)s »") % {"name": indicator.name}
    if values:
        latest = values[-1]
        desc = _(
            "Valeur de référence %(baseline)s le %(baseline_date)s, cible %(target)s le %(target_date)s ; "
            "%(count)s mesure(s), la dernière : %(latest)s (%(latest_label)s)."
        ) % {
            "baseline": _fmt(indicator.baseline_value, indicator),
            "baseline_date": indicator.baseline_date.strftime("%d/%m/%Y"),
            "target": _fmt(indicator.target_value, indicator),
            "target_date": indicator.target_date.strftime("%d/%m/%Y"),
            "count": len(values),
            "latest": _fmt(latest.value, indicator),
            "latest_label": latest.period_label,
        }
    else:
        desc = _("Valeur de référence %(baseline)s, cible %(target)s ; aucune mesure saisie pour l'instant.") % {
            "baseline": _fmt(indicator.baseline_value, indicator),
            "target": _fmt(indicator.target_value, indicator),
        }

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="roadmap-chart" '
        f'font-family="Marianne, Arial, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for tick in ticks:
        ty = y(tick)
        label = _fmt(Decimal(str(tick)), indicator)
        parts.append(f'<line x1="{LEFT}" y1="{ty}" x2="{WIDTH - RIGHT}" y2="{ty}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{ty + 4}" text-anchor="end" fill="#3a3a3a">{escape(label)}</text>')
    for year in range(first.year, last.year + 1):
        day = datetime.date(year, 1, 1)
        if first <= day <= last:
            tx = x(day)
            parts.append(f'<line x1="{tx}" y1="{TOP}" x2="{tx}" y2="{TOP + plot_h}" stroke="{GRID}" stroke-width="1"/>')
            parts.append(f'<text x="{tx}" y="{TOP + plot_h + 18}" text-anchor="middle" fill="#3a3a3a">{year}</text>')
    axis_y = TOP + plot_h
    parts.append(
        f'<line x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" stroke="#3a3a3a" stroke-width="1"/>'
    )
    # Trajectory from baseline to target, dashed.
    bx, by = x(indicator.baseline_date), y(float(indicator.baseline_value))
    tx, ty = x(indicator.target_date), y(float(indicator.target_value))
    parts.append(
        f'<line x1="{bx}" y1="{by}" x2="{tx}" y2="{ty}" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    parts.append(f'<circle cx="{bx}" cy="{by}" r="5" fill="{BASELINE}"/>')
    parts.append(
        f'<text x="{bx + 8}" y="{by - 8}" fill="{BASELINE}" {HALO}>{escape(_("Référence"))} '
        f"{escape(_fmt(indicator.baseline_value, indicator))}</text>"
    )
    parts.append(f'<rect x="{tx - 5}" y="{ty - 5}" width="10" height="10" fill="{TARGET}"/>')
    parts.append(
        f'<text x="{tx - 8}" y="{ty - 10}" text-anchor="end" fill="{TARGET}" {HALO}>{escape(_("Cible"))} '
        f"{escape(_fmt(indicator.target_value, indicator))}</text>"
    )
    if values:
        points = " ".join(f"{x(v.measured_on)},{y(float(v.value))}" for v in values)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{BLUE}" stroke-width="3"/>')
        for entry in values:
            vx, vy = x(entry.measured_on), y(float(entry.value))
            parts.append(f'<circle cx="{vx}" cy="{vy}" r="4" fill="{BLUE}"/>')
            parts.append(
                f'<text x="{vx}" y="{vy - 10}" text-anchor="middle" fill="{BLUE}" font-weight="bold" '
                f'stroke="#ffffff" stroke-width="4" paint-order="stroke">'
                f"{escape(_fmt(entry.value, indicator))}</text>"
            )
    # Legend.
    ly = HEIGHT - 16
    parts.append(f'<line x1="{LEFT}" y1="{ly - 4}" x2="{LEFT + 24}" y2="{ly - 4}" stroke="{BLUE}" stroke-width="3"/>')
    parts.append(f'<text x="{LEFT + 30}" y="{ly}" fill="#3a3a3a">{escape(_("Valeurs mesurées"))}</text>')
    parts.append(
        f'<line x1="{LEFT + 180}" y1="{ly - 4}" x2="{LEFT + 204}" y2="{ly - 4}" stroke="{TARGET}" stroke-width="2" '
        f'stroke-dasharray="6 4"/>'
    )
    parts.append(
        f'<text x="{LEFT + 210}" y="{ly}" fill="#3a3a3a">{escape(_("Trajectoire de la référence à la cible"))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
