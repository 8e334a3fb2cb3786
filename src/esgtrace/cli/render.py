"""Turning records into tables and JSON for the terminal."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from esgtrace.ingest import Document, Page


def document_json(doc: Document, page: Page | None = None) -> dict[str, Any]:
    """The document summary with every page's text, or one page in full (rows, words)."""
    data = doc.summary()
    if page is not None:
        data["page"] = {
            "number": page.number,
            "text": page.text,
            "rows": [row.texts for row in page.rows],
            "words": [w._asdict() for w in page.words],
        }
    else:
        data["pages"] = [{"number": p.number, "text": p.text} for p in doc.pages]
    return data


def page_rows_table(page: Page) -> Table:
    """A page's rebuilt rows, one cell a column (its lines when it has no positions)."""
    table = Table(title=f"page {page.number}", show_header=False, show_lines=False)
    if page.rows:
        width = max(len(r.cells) for r in page.rows)
        for _ in range(width):
            table.add_column(overflow="fold")
        for row in page.rows:
            table.add_row(*row.texts)
    else:
        table.add_column(justify="right", style="dim")
        table.add_column(overflow="fold")
        for line in page.lines:
            table.add_row(str(line.number), line.text)
    return table
