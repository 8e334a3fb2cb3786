"""Comparison tables for a terminal (Rich): a value and its page in each cell."""

from __future__ import annotations

from typing import Any

from esgtrace.display import show_number
from esgtrace.store.compare import Cell, Comparison


def number(value: float, printed: str | None = None) -> str:
    """``12500000`` -> ``12,500,000``; ``42731.56`` -> ``42,731.56``; never an exponent."""
    return show_number(value, printed)


def _shown(cell: Cell | None) -> str:
    if cell is None:
        return ""
    if cell.value is None:
        return f"- ({cell.note})"
    mark = (" *" if cell.restated else "") + (" ~" if cell.implied else "")
    where = cell.source.removeprefix(cell.document).strip()
    return f"{number(cell.value, cell.reported_value or None)}{mark}\n{where}"


def rich_table(table: Comparison, metric: str, width: int = 80) -> Any:
    """One metric's issuers x periods grid; a cell shows the value and its page (or line).

    When the periods do not all fit in ``width`` columns the latest ones are shown and
    the caption says which were left out.
    """
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    title = f"{metric}{f' [{table.breakdown}]' if table.breakdown else ''}{f' per {table.per}' if table.per else ''}"
    rows = [i for i in table.issuers if any(table.cell(i, metric, p) for p in table.periods)]
    labels = [f"{i} ({table.unit(i, metric)})" for i in rows]
    first = min(max((cell_len(x) for x in labels), default=10), 34) + 3

    def column_width(period: str) -> int:
        texts = [_shown(table.cell(i, metric, period)) for i in rows]
        longest = max((min(cell_len(line), 30) for t in texts for line in t.splitlines()), default=0)
        return max(cell_len(period), longest) + 3

    periods = list(table.periods)
    while len(periods) > 1 and first + sum(column_width(p) for p in periods) > width - 1:
        periods.pop(0)
    grid = Table("issuer (unit)", title=title, title_justify="left", caption_justify="left")
    for period in periods:
        grid.add_column(period, justify="right", overflow="fold", max_width=30)
    documents: set[str] = set()
    for issuer, label in zip(rows, labels):
        cells = [table.cell(issuer, metric, p) for p in periods]
        documents.update(c.document for c in cells if c)
        grid.add_row(Text(label), *(Text(_shown(c)) for c in cells))
    caption = "from " + ", ".join(sorted(documents))
    left_out = [p for p in table.periods if p not in periods]
    if left_out:
        caption += f"; left out to fit {width} columns: {', '.join(left_out)} (--periods chooses, --format csv shows all)"
    grid.caption = caption
    return grid
