"""``esgtrace export``: every fact, long form and wide form, as CSV, Parquet, Excel or JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from esgtrace.cli.common import err, fail, guard, out, writable
from esgtrace.cli.ingest import DbOption, open_db


def export(
    format: Annotated[str, typer.Option("--format", "-f", help="csv, parquet, xlsx or json.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write [default: stdout].")] = None,
    form: Annotated[str, typer.Option(help="long (a row per fact), wide (a row per issuer-period), both, targets (a row per stored target) or all.")] = "both",
    db: DbOption = None,
) -> None:
    """Export all stored facts; CSV and Parquet files put the wide form beside the long one (NAME_wide)."""
    from esgtrace.store.export import FORMATS

    if format not in FORMATS:
        fail(f"export format {format!r}: expected {', '.join(FORMATS)}")
    if output is not None:
        writable(output)
        for path in guard(open_db(db).export, format, output, form=form):
            out.print(str(path), markup=False, soft_wrap=True)
        return
    if format in ("parquet", "xlsx") and sys.stdout.isatty():
        fail(f"--format {format} is binary: give --output FILE, or pipe it (esgtrace export -f {format} > facts.{format})")
    database = open_db(db)
    guard(database.export, format, None, form=form, stream=sys.stdout.buffer)
    if format in ("csv", "parquet") and form == "both":
        err.print("the long form only (one table per stream): --form wide for the other, or -o FILE for both", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(export)
