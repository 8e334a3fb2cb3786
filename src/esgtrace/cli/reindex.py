"""``esgtrace reindex``: rebuild the full-text index of the stored reports."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from esgtrace.cli.common import err, guard, out
from esgtrace.cli.ingest import DbOption, open_db


def reindex(
    db: DbOption = None,
    full: Annotated[bool, typer.Option("--full", help="Cut every report's passages again from its file.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a line.")] = False,
) -> None:
    """Rebuild the search index; reports stored without passages are read again from their files."""
    summary = guard(open_db(db).reindex, full=full)
    if as_json:
        out.print_json(json.dumps(summary.to_json()))
    else:
        out.print(f"indexed {summary.passages} passages of {summary.reports} reports "
                  f"({summary.reparsed} read again) in {summary.seconds:.1f} s", markup=False)
    for document in summary.missing:
        err.print(f"not indexed: {document}: its file is gone or changed", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(reindex)
