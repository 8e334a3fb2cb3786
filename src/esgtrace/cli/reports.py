"""``esgtrace reports``: what is stored, one line per source file."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from esgtrace.cli.common import out
from esgtrace.cli.ingest import DbOption, open_db


def reports(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the stored reports: issuer, period, pages, facts, restated facts, status or error."""
    found = open_db(db).reports()
    if as_json:
        out.print_json(json.dumps([r.to_json() for r in found]))
        return
    table = Table("id", "issuer", "document", "period", "pages", "facts", "restated", "status")
    for r in found:
        status = Text(r.status if r.error is None else f"{r.status}: {r.error}", style="red" if r.error else "")
        table.add_row(str(r.id), Text(r.issuer or "-"), Text(r.document), Text(r.period or "-"), str(r.page_count),
                      str(r.facts), str(r.restated or ""), status)
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command()(reports)
