"""Turning records into tables and JSON for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def page_rows_table(page: Page, width: int = 80) -> Any:
    """A page's rebuilt rows, one cell a column (its lines when it has no positions).

    Rows too wide for ``width`` columns are shown one per line, cells separated by " | ",
    rather than squeezed into narrow columns.
    """
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"page {page.number}", show_header=False, show_lines=False)
    if page.rows:
        columns = max(len(r.cells) for r in page.rows)
        natural = [max((cell_len(r.texts[i]) for r in page.rows if i < len(r.texts)), default=0) + 3 for i in range(columns)]
        if sum(natural) + 1 > width:
            lines = Table(title=f"page {page.number} (one row a line, cells separated by |)", show_header=False,
                          show_edge=False, box=None, padding=(0, 1))
            lines.add_column(justify="right", style="dim", no_wrap=True)
            lines.add_column(overflow="fold")
            for n, row in enumerate(page.rows, start=1):
                lines.add_row(str(n), Text(" | ".join(row.texts)))
            return lines
        for _ in range(columns):
            table.add_column(overflow="fold")
        for row in page.rows:
            table.add_row(*row.texts)
    else:
        table.add_column(justify="right", style="dim")
        table.add_column(overflow="fold")
        for line in page.lines:
            table.add_row(str(line.number), line.text)
    return table
