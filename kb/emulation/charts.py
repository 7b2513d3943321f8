"""Small server-rendered SVG charts, readable without JavaScript (pure Python, no Django).

Each chart carries a <title> and <desc> for screen readers, labels every bar with its value,
and uses a palette whose neighbours differ in lightness as well as hue. The screens put the
same figures in a table beside the chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape

PALETTE = ("#1f5f99", "#e07b00", "#2e8540", "#8e44ad", "#b8312f", "#5b6770", "#0f8b8d")


def _num(value) -> str:
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")


def _nice_max(value: float) -> float:
    """A round number at or just above ``value`` for the end of the scale."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * magnitude >= value:
            return m * magnitude
    return 10 * magnitude  # pragma: no cover - the loop ends at 10 × magnitude


def grouped_bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence]],
    *,
    width: int = 760,
    bar_height: int = 14,
    ident: str = "kb-chart-sections",
    scale_max=None,
) -> str:
    """Horizontal grouped bars: one group per category (a section), one bar per series (a
    unit) inside it, with a legend. Values are numbers ≥ 0; ``scale_max`` fixes the end of
    the scale (e.g. the largest maximum of the pact), else it follows the largest value."""
    left, right, top = 250, 60, 40
    legend_rows = len(series)
    gap = 12
    group_h = max(1, len(series)) * bar_height + gap
    height = top + len(categories) * group_h + 20 + legend_rows * 18
    peak = max((float(v or 0) for _, values in series for v in values), default=0)
    scale_max = _nice_max(max(peak, float(scale_max or 0)))
    plot_w = width - left - right
    desc = "; ".join(
        f"{name}: " + ", ".join(f"{c} {_num(v or 0)}" for c, v in zip(categories, values,
                                                                     strict=True))
        for name, values in series
    )  # fmt: skip
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-t {ident}-d" class="kb-chart">',
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>',
        f'<text x="0" y="20" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for i in range(5):
        x = left + plot_w * i / 4
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" '
            f'y2="{top + len(categories) * group_h}" stroke="#ddd"/>'
            f'<text x="{x:.1f}" y="{top - 10}" font-size="11" text-anchor="middle">'
            f"{_num(round(scale_max * i / 4, 2))}</text>"
        )
    for ci, category in enumerate(categories):
        y0 = top + ci * group_h
        parts.append(
            f'<text x="{left - 8}" y="{y0 + group_h / 2:.1f}" font-size="12" '
            f'text-anchor="end" dominant-baseline="middle">{escape(_short(category))}</text>'
        )
        for si, (name, values) in enumerate(series):
            value = float(values[ci] or 0)
            w = plot_w * value / scale_max
            y = y0 + si * bar_height
            colour = PALETTE[si % len(PALETTE)]
            parts.append(
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_height - 2}" '
                f'fill="{colour}"><title>{escape(name)} – {escape(category)}: '
                f"{_num(values[ci] or 0)}</title></rect>"
                f'<text x="{left + w + 4:.1f}" y="{y + bar_height / 2:.1f}" font-size="10" '
                f'dominant-baseline="middle">{_num(values[ci] or 0)}</text>'
            )
    ly = top + len(categories) * group_h + 16
    for si, (name, _) in enumerate(series):
        y = ly + si * 18
        parts.append(
            f'<rect x="{left}" y="{y - 10}" width="12" height="12" '
            f'fill="{PALETTE[si % len(PALETTE)]}"/>'
            f'<text x="{left + 18}" y="{y}" font-size="12">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def columns(
    title: str,
    points: Sequence[tuple[str, object, str]],
    *,
    width: int = 560,
    height: int = 260,
    ident: str = "kb-chart-years",
) -> str:
    """Vertical columns, one per year: (label, value, note under the label, e.g. the rank)."""
    left, bottom, top = 40, 50, 40
    plot_h = height - top - bottom
    peak = max((float(v or 0) for _, v, _ in points), default=0)
    scale_max = _nice_max(peak)
    n = max(1, len(points))
    slot = (width - left - 10) / n
    bar_w = min(60, slot * 0.6)
    desc = "; ".join(f"{label}: {_num(v or 0)} {note}".strip() for label, v, note in points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-t {ident}-d" class="kb-chart">',
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>',
        f'<text x="0" y="20" font-size="15" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" '
        'stroke="#555"/>',
    ]
    for i, (label, value, note) in enumerate(points):
        v = float(value or 0)
        h = plot_h * v / scale_max
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}: {_num(value or 0)}</title></rect>'
            f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" font-size="12" '
            f'text-anchor="middle">{_num(value or 0)}</text>'
            f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" font-size="12" '
            f'text-anchor="middle">{escape(label)}</text>'
            f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 32}" font-size="11" '
            f'text-anchor="middle" fill="#444">{escape(note)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
