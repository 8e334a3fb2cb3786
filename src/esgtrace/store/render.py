"""Comparison tables for a terminal (Rich): a value and its page in each cell."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from esgtrace.store.compare import Comparison


def number(value: float) -> str:
    """``12500000`` -> ``12,500,000``; ``12345.67`` -> ``12,345.67``; ``0.01234`` -> ``0.01234``."""
    if abs(value) >= 100 or value == round(value):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:.4g}"


def rich_table(table: Comparison, metric: str) -> Table:
    """One metric's issuers x periods grid; a cell shows the value and its page (or line)."""
    title = f"{metric}{f' per {table.per}' if table.per else ''}"
    grid = Table("issuer (unit)", title=title, title_justify="left", caption_justify="left")
    for period in table.periods:
        grid.add_column(period, justify="right", overflow="fold")
    documents: set[str] = set()
    for issuer in table.issuers:
        cells = [table.cell(issuer, metric, p) for p in table.periods]
        if not any(cells):
            continue
        documents.update(c.document for c in cells if c)
        shown = [Text(f"{number(c.value)}{' *' if c.restated else ''}\n{c.source.removeprefix(c.document).strip()}"
                      if c.value is not None else f"- ({c.note})") if c else Text("") for c in cells]
        grid.add_row(Text(f"{issuer} ({table.unit(issuer, metric)})"), *shown)
    grid.caption = "from " + ", ".join(sorted(documents))
    return grid
