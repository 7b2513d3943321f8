"""Bar charts as server-rendered SVG: the home page's key figures, readable without JavaScript.

Pure Python (no Django): the page passes in (label, value) pairs and gets back SVG markup with
`role="img"`, a `<title>` and a `<desc>` that says what the chart shows and its largest values,
so a screen reader announces the figures; the page also prints the same numbers as a table.
Labels are escaped here, so the markup is safe to mark as such in a template.

Two shapes: `horizontal_bars` (long labels such as fields of work or provinces: the label sits
above its bar, so the chart stays legible when a phone scales it down) and `columns` (short
labels such as years).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

_ids = itertools.count(1)

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
BAR = "#0a4a8c"  # the site's brand blue: 8.9:1 on white
INK = "#1a1f26"
MUTED = "#4a5361"
GRID = "#d5dbe3"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str = ""  # the listing that shows these items (used by the data table)


def number(value: int) -> str:
    """A count the Vietnamese way: 12.345 (a dot between thousands)."""
    return f"{value:,}".replace(",", ".")


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _describe(bars: Sequence[Bar], description: str, top: int = 3) -> str:
    """The `<desc>`: the caller's sentence, then the largest values in words."""
    if not bars:
        return description
    largest = sorted(bars, key=lambda b: -b.value)[:top]
    listed = "; ".join(f"{b.label}: {number(b.value)}" for b in largest)
    return f"{description} {listed}."


def _scale_max(values: Sequence[int]) -> int:
    """A round top of the axis (1, 2, 5 × 10^n) at or above the largest value."""
    peak = max([*values, 1])
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= peak:
                return step * factor
        step *= 10


def _open(
    width: int, height: int, title: str, desc: str, css_class: str, ident: str
) -> tuple[str, str]:
    n = ident or f"c{next(_ids)}"
    title_id, desc_id = f"chart-{n}-title", f"chart-{n}-desc"
    head = (
        f'<svg class="chart {css_class}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="{escape(FONT)}">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(desc)}</desc>'
    )
    return head, "</svg>"


def horizontal_bars(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    width: int = 420,
    row: int = 38,
    label_chars: int = 52,
    ident: str = "",
) -> str:
    """One row per bar: its label above it, its value after it, in the order given.

    `ident` makes the ids of the title and description unique within the page.
    """
    if not bars:
        return ""
    top = _scale_max([b.value for b in bars])
    value_room = 8 + 7 * len(number(top))
    plot = width - value_room
    height = row * len(bars) + 4
    head, tail = _open(width, height, title, _describe(bars, description), "chart--bars", ident)
    parts = [head]
    for i, bar in enumerate(bars):
        y = i * row
        length = max(round(plot * bar.value / top), 2 if bar.value else 0)
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="14" fill="{INK}">'
            f"{escape(_truncate(bar.label, label_chars))}</text>"
            f'<rect x="0" y="{y + 18}" width="{length}" height="14" rx="2" fill="{BAR}"/>'
            f'<text x="{length + 6}" y="{y + 30}" font-size="12" font-weight="600" '
            f'fill="{INK}">{number(bar.value)}</text>'
        )
    parts.append(tail)
    return "".join(parts)


def columns(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    width: int = 420,
    height: int = 220,
    ident: str = "",
) -> str:
    """Vertical columns with the value above each and the label under it (years)."""
    if not bars:
        return ""
    top = _scale_max([b.value for b in bars])
    left, bottom, head_room = 4, 24, 20
    plot_h = height - bottom - head_room
    slot = (width - left) / len(bars)
    col = max(min(slot * 0.64, 48), 4)
    every = 1 if slot >= 30 else (2 if slot >= 15 else 4)  # labels that fit side by side
    head, tail = _open(width, height, title, _describe(bars, description), "chart--columns", ident)
    base = height - bottom
    parts = [
        head,
        f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="{GRID}" stroke-width="1"/>',
    ]
    for i, bar in enumerate(bars):
        x = left + i * slot + (slot - col) / 2
        h = plot_h * bar.value / top
        if bar.value:
            h = max(h, 2)
        cx = x + col / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{col:.1f}" height="{h:.1f}" '
            f'rx="2" fill="{BAR}"/>'
        )
        if slot >= 26 or i % every == 0:
            parts.append(
                f'<text x="{cx:.1f}" y="{base - h - 5:.1f}" font-size="11" font-weight="600" '
                f'text-anchor="middle" fill="{INK}">{number(bar.value)}</text>'
            )
        if i % every == 0:
            parts.append(
                f'<text x="{cx:.1f}" y="{base + 16}" font-size="12" text-anchor="middle" '
                f'fill="{MUTED}">{escape(_truncate(bar.label, 8))}</text>'
            )
    parts.append(tail)
    return "".join(parts)


def top_with_rest(bars: Sequence[Bar], keep: int, rest_label: str) -> list[Bar]:
    """The `keep` largest bars, largest first, and one more that adds up the others."""
    ordered = sorted(bars, key=lambda b: (-b.value, b.label))
    if len(ordered) <= keep + 1:
        return ordered
    rest = sum(b.value for b in ordered[keep:])
    return [*ordered[:keep], Bar(rest_label, rest)]
