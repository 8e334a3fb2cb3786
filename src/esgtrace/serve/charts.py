"""Charts drawn on the server as inline SVG: no JavaScript library, nothing loaded.

Every label is escaped (issuer names and units come from reports). Points and bars
link to the source viewer of the fact they show.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

PALETTE = ("#1f6feb", "#d9480f", "#2b8a3e", "#862e9c", "#e67700", "#0b7285", "#c2255c", "#5c940d")


def number(value: float | None) -> str:
    """A figure as a reader wants it on an axis or in a cell: 48,316.27, 1.2e-05."""
    if value is None:
        return "–"
    if value != 0 and (abs(value) < 0.01 or abs(value) >= 1e12):
        return f"{value:.3g}"
    if abs(value) < 1:
        return f"{value:.4g}"
    text = f"{value:,.4f}".rstrip("0").rstrip(".")  # every printed digit is kept: 48,316.27
    return text


def _ticks(high: float) -> list[float]:
    if high <= 0:
        return [0.0]
    step = 10 ** math.floor(math.log10(high / 4))
    for factor in (1, 2, 2.5, 5, 10):
        if high / (step * factor) <= 5:
            step *= factor
            break
    return [step * i for i in range(int(high / step) + 2) if step * i <= high * 1.0001 + step]


def line_chart(title: str, unit: str, points: Sequence[dict[str, Any]], link: str = "/source/{fact_id}") -> Markup:
    """A time series: one point per period, restated points drawn hollow with the first value in the tooltip."""
    width, height, left, right, top, bottom = 360, 190, 58, 12, 26, 30
    pad = 22  # the first and last points sit inside the plot, their labels too
    values = [p["value"] for p in points if p["value"] is not None]
    if not values:
        return Markup("")
    high = max(max(values), 0.0) or 1.0
    ticks = _ticks(high)
    high = max(ticks[-1], high)
    inner_w, inner_h = width - left - right, height - top - bottom
    step = (inner_w - 2 * pad) / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return left + pad + (i * step if len(points) > 1 else (inner_w - 2 * pad) / 2)

    def y(v: float) -> float:
        return top + inner_h - (v / high) * inner_h

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f'<text x="{left}" y="16" class="chart-title">{escape(title)} <tspan class="chart-unit">({escape(unit)})</tspan></text>']
    for t in ticks:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#e5e7eb"/>'
                     f'<text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end" class="tick">{escape(number(t))}</text>')
    path = " ".join(f"{'M' if i == 0 else 'L'}{x(i):.1f},{y(p['value']):.1f}" for i, p in enumerate(points) if p["value"] is not None)
    parts.append(f'<path d="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    for i, p in enumerate(points):
        parts.append(f'<text x="{x(i):.1f}" y="{height - 10}" text-anchor="middle" class="tick">{escape(p["period"])}</text>')
        if p["value"] is None:
            continue
        tip = f'{p["period"]}: {number(p["value"])} {unit}'
        if p.get("restated"):
            tip += f' (restated; first reported {number(p.get("original"))})'
        fill = "#fff" if p.get("restated") else PALETTE[0]
        href = escape(link.format(fact_id=int(p["fact_id"])))
        parts.append(f'<a href="{href}" class="point{" restated" if p.get("restated") else ""}" data-fact="{int(p["fact_id"])}">'
                     f'<circle cx="{x(i):.1f}" cy="{y(p["value"]):.1f}" r="5" fill="{fill}" stroke="{PALETTE[0]}" stroke-width="2">'
                     f'<title>{escape(tip)}</title></circle></a>')
        if p.get("restated"):
            parts.append(f'<text x="{x(i) + 7:.1f}" y="{y(p["value"]) - 7:.1f}" class="restated-mark">R</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(title: str, unit: str, periods: Sequence[str], series: Sequence[tuple[str, Sequence[dict[str, Any] | None]]],
              link: str = "/source/{fact_id}") -> Markup:
    """Grouped bars: periods along the axis, one bar per issuer in each group, with a legend."""
    width, left, right, top = 720, 70, 12, 28
    legend_h = 18 * len(series)
    inner_h = 220
    height = top + inner_h + 30 + legend_h
    values = [c["value"] for _, cells in series for c in cells if c is not None and c["value"] is not None]
    if not values or not periods:
        return Markup("")
    high = max(max(values), 0.0) or 1.0
    ticks = _ticks(high)
    high = max(ticks[-1], high)
    inner_w = width - left - right
    group = inner_w / len(periods)
    bar = max(min(group * 0.8 / max(len(series), 1), 48), 3)

    def y(v: float) -> float:
        return top + inner_h - (max(v, 0.0) / high) * inner_h

    parts = [f'<svg class="chart wide" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f'<text x="{left}" y="18" class="chart-title">{escape(title)} <tspan class="chart-unit">({escape(unit)})</tspan></text>']
    for t in ticks:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#e5e7eb"/>'
                     f'<text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end" class="tick">{escape(number(t))}</text>')
    for g, period in enumerate(periods):
        start = left + g * group + (group - bar * len(series)) / 2
        parts.append(f'<text x="{left + g * group + group / 2:.1f}" y="{top + inner_h + 18}" text-anchor="middle" class="tick">{escape(period)}</text>')
        for s, (name, cells) in enumerate(series):
            cell = cells[g]
            if cell is None or cell["value"] is None:
                continue
            bx, by = start + s * bar, y(cell["value"])
            tip = f'{name}, {period}: {number(cell["value"])} {cell.get("unit", unit)}' + (" (restated)" if cell.get("restated") else "")
            href = escape(link.format(fact_id=int(cell["fact_id"])))
            dash = ' stroke="#111" stroke-dasharray="3 2"' if cell.get("restated") else ""
            parts.append(f'<a href="{href}" class="bar" data-fact="{int(cell["fact_id"])}"><rect x="{bx:.1f}" y="{by:.1f}" width="{bar - 2:.1f}" '
                         f'height="{top + inner_h - by:.1f}" fill="{PALETTE[s % len(PALETTE)]}"'
                         f'{dash}><title>{escape(tip)}</title></rect></a>')
    for s, (name, _) in enumerate(series):
        ly = top + inner_h + 34 + 18 * s
        parts.append(f'<rect x="{left}" y="{ly - 10}" width="12" height="12" fill="{PALETTE[s % len(PALETTE)]}"/>'
                     f'<text x="{left + 18}" y="{ly}" class="legend">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
