"""``esgtrace parse FILE``: what ingestion sees in a report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from esgtrace.cli.common import guard, out, width
from esgtrace.cli.ingest import MaxSizeOption, PasswordOption, parse_options
from esgtrace.cli.render import document_json, page_rows_table


def parse(
    file: Annotated[Path, typer.Argument(help="A PDF, text or HTML report.")],
    page: Annotated[Optional[int], typer.Option("--page", "-p", help="Show this page's rebuilt table rows.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    password: PasswordOption = None,
    max_size: MaxSizeOption = 500,
) -> None:
    """Parse a report: page count, issuer and period detected, per-page text, time taken."""
    import esgtrace
    from rich.table import Table

    doc = guard(esgtrace.parse, file, parse_options(password, max_size))
    selected = guard(doc.page, page) if page is not None else None
    if as_json:
        out.print_json(json.dumps(document_json(doc, selected)))
        return
    summary = Table.grid(padding=(0, 2))
    for key in ("name", "format", "page_count", "issuer", "tickers", "period", "language", "seconds"):
        value = getattr(doc, key)
        summary.add_row(key.replace("_", " "), ", ".join(value) if isinstance(value, tuple) else str(value))
    out.print(summary)
    for issue in doc.issues:
        out.print(f"page {issue.page}: {issue.message}", style="yellow", markup=False)
    if selected is not None:
        out.print(page_rows_table(selected, width()))
        return
    for p in doc.pages:
        out.rule(f"page {p.number}")
        out.print(p.text, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(parse)
