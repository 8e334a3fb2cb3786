"""``esgtrace compare``: issuers x periods, in canonical units, with each cell's source page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from esgtrace.cli.common import fail, guard, out
from esgtrace.cli.ingest import DbOption, open_db
from esgtrace.store.render import rich_table


def compare(
    metric: Annotated[list[str], typer.Option("--metric", "-m", help="Metric id(s); repeat or separate by commas.")],
    issuers: Annotated[Optional[str], typer.Option(help="Issuers (names, tickers or ids), separated by commas.")] = None,
    periods: Annotated[Optional[str], typer.Option(help="Years or a range, e.g. 2021-2023.")] = None,
    per: Annotated[Optional[str], typer.Option(help="Divide by a denominator: employee or revenue.")] = None,
    original: Annotated[bool, typer.Option("--original", help="Take restated figures as first reported, not the latest.")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, json or xlsx.")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.")] = None,
    db: DbOption = None,
) -> None:
    """Compare issuers across periods; the latest report wins and restated cells are marked *."""
    table = guard(open_db(db).compare, ",".join(metric), issuers=issuers, periods=periods, per=per, latest=not original)
    if format == "table":
        if not table.cells:
            fail(f"no stored facts for {', '.join(table.metrics)} (see `esgtrace facts`)")
        for name in table.metrics:
            out.print(rich_table(table, name))
        out.print(f"[dim]* restated: another report gives another value; the {'earliest' if original else 'latest'} is shown[/]")
    elif output is not None:
        out.print(str(guard(table.write, format, output)))
    elif format in ("csv", "json"):
        print(json.dumps(table.to_json(), indent=2, ensure_ascii=False) if format == "json" else csv_text(table), end="")
    else:
        fail(f"--format {format} needs --output FILE" if format == "xlsx" else f"--format {format!r}: expected table, csv, json or xlsx")


def csv_text(table: Any) -> str:
    import csv
    import io

    buffer = io.StringIO()
    header, rows = table.grid()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue()


def register(app: typer.Typer) -> None:
    app.command()(compare)
