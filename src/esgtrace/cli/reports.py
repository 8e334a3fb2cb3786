"""``esgtrace reports``: what is stored, one line per source file."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from esgtrace.cli.common import Column, fitted, out
from esgtrace.cli.ingest import DbOption, open_db


def reports(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the stored reports: issuer, period, pages, facts, restated facts, status or error."""
    from rich.text import Text

    found = open_db(db).reports()
    if as_json:
        out.print_json(json.dumps([r.to_json() for r in found]))
        return
    columns: list[Column] = [("id", 0, {"justify": "right"}), ("issuer", 1, {"max_width": 26}), ("document", 0, {"max_width": 40}),
               ("period", 0, {}), ("pages", 2, {"justify": "right"}), ("facts", 0, {"justify": "right"}),
               ("restated", 3, {"justify": "right"}), ("status", 0, {"max_width": 40})]
    rows = []
    for r in found:
        status = Text(r.status if r.error is None else f"{r.status}: {r.error}", style="red" if r.error else "")
        rows.append([str(r.id), r.issuer or "-", r.document, r.period or "-", str(r.page_count), str(r.facts),
                     str(r.restated or ""), status])
    out.print(fitted(columns, rows))


def register(app: typer.Typer) -> None:
    app.command()(reports)
