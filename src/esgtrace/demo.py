"""``make demo``: the main job on the bundled sample reports, shown in the terminal.

Usage: ``python -m esgtrace.demo DIR`` where DIR holds reports written by
``esgtrace samples DIR``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

import esgtrace

console = Console(highlight=False)


def show_parsed(files: list[Path]) -> None:
    table = Table(title="Ingested sample reports")
    for column in ("file", "format", "pages", "issuer", "period", "rows", "seconds"):
        table.add_column(column)
    for path in files:
        doc = esgtrace.parse(path)
        rows = sum(len(p.rows) for p in doc.pages)
        table.add_row(doc.name, doc.format, str(doc.page_count), doc.issuer or "?", doc.period or "?", str(rows), f"{doc.seconds:.3f}")
    console.print(table)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("build/demo")
    files = sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".txt", ".html"))
    if not files:
        console.print(f"no sample reports in {folder}: run `esgtrace samples {folder}` first")
        return 2
    show_parsed(files)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
