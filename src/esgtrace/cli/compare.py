"""``esgtrace compare``: issuers x periods, in canonical units, with each cell's source page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from esgtrace.cli.common import fail, guard, out, width, writable
from esgtrace.cli.ingest import DbOption, open_db


def compare(
    metric: Annotated[list[str], typer.Option("--metric", "-m", help="Metric id(s); repeat or separate by commas (see `esgtrace metrics`).")],
    issuers: Annotated[Optional[str], typer.Option(help="Issuers (part of a name, tickers or ids), separated by commas.")] = None,
    periods: Annotated[Optional[str], typer.Option(help="Years or a range, e.g. 2021-2023.")] = None,
    per: Annotated[Optional[str], typer.Option(help="Divide by a denominator: employee or revenue (printed, or implied and marked ~).")] = None,
    breakdown: Annotated[Optional[str], typer.Option("--breakdown", "-b", help="Compare the groups of a breakdown: KEY (each group a row) or KEY=VALUE.")] = None,
    original: Annotated[bool, typer.Option("--original", help="Take restated figures as first reported, not the latest.")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, json or xlsx.")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.")] = None,
    db: DbOption = None,
) -> None:
    """Compare issuers across periods; the latest report wins and restated cells are marked *."""
    if format not in ("table", "csv", "json", "xlsx"):
        fail(f"--format {format!r}: expected table, csv, json or xlsx")
    if output is not None:
        writable(output)
    table = guard(open_db(db).compare, ",".join(metric), issuers=issuers, periods=periods, per=per, latest=not original,
                  breakdown=breakdown)
    if format == "table" and output is None:
        show(table, original)
    elif output is not None:
        out.print(str(guard(table.write, "csv" if format == "table" else format, output)), markup=False, soft_wrap=True)
    elif format in ("csv", "json"):
        print(json.dumps(table.to_json(), indent=2, ensure_ascii=False) if format == "json" else csv_text(table), end="")
    else:
        fail(f"--format {format} needs --output FILE")


def show(table: Any, original: bool) -> None:
    """The tables, then why asked-for cells are empty, then the footnotes that apply."""
    from esgtrace.store.render import rich_table

    if not table.cells:
        reasons = "; ".join(reason for _, _, reason in table.missing)
        fail(f"no stored facts for {', '.join(table.metrics)}" + (f" ({reasons})" if reasons else " (see `esgtrace facts`)"))
    for name in table.metrics:
        if any(m == name for (_, m, _) in table.cells):
            out.print(rich_table(table, name, width()))
    for issuer, metric, reason in table.missing:
        out.print(f"{issuer}: {reason}", markup=False, soft_wrap=False)
    cells = table.cells.values()
    if any(c.restated for c in cells):
        out.print(f"* restated: another report gives another value; the {'earliest' if original else 'latest'} is shown", markup=False, soft_wrap=False)
    if any(c.implied for c in cells):
        out.print(f"~ the {table.per} denominator is implied (not printed): --format json shows how, in each cell's note",
                  markup=False, soft_wrap=False)


def csv_text(table: Any) -> str:
    import csv
    import io

    buffer = io.StringIO()
    header, rows = table.grid()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue()


def register(app: typer.Typer) -> None:
    app.command()(compare)
