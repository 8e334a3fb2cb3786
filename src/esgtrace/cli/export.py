"""``esgtrace export``: every fact, long form and wide form, as CSV, Parquet, Excel or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from esgtrace.cli.common import guard, out
from esgtrace.cli.ingest import DbOption, open_db


def export(
    format: Annotated[str, typer.Option("--format", "-f", help="csv, parquet, xlsx or json.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write [default: esgtrace_facts.FORMAT].")] = None,
    form: Annotated[str, typer.Option(help="long (a row per fact), wide (a row per issuer-period), both, targets (a row per stored target) or all.")] = "both",
    db: DbOption = None,
) -> None:
    """Export all stored facts; CSV and Parquet put the wide form beside the long one (NAME_wide)."""
    for path in guard(open_db(db).export, format, output, form=form):
        out.print(str(path))


def register(app: typer.Typer) -> None:
    app.command()(export)
