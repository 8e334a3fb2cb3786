"""``esgtrace facts``: stored facts with their provenance (document, page, quote)."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from esgtrace.cli.common import guard, out
from esgtrace.cli.ingest import DbOption, open_db


def facts(
    issuer: Annotated[Optional[str], typer.Option(help="Issuer name, ticker or id.")] = None,
    metric: Annotated[Optional[str], typer.Option(help="Metric id(s), separated by commas.")] = None,
    period: Annotated[Optional[str], typer.Option(help="Year, label or range, e.g. 2022 or 2021-2023.")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines instead of a table.")] = False,
) -> None:
    """List stored facts; restated ones (another report gives another value) are marked R."""
    found = guard(open_db(db).facts, issuer=issuer, metric=metric, period=period)
    if as_json:
        for f in found:
            out.print(json.dumps(f.to_json(), ensure_ascii=False), markup=False, highlight=False)
        return
    table = Table("issuer", "metric", "period", "breakdown", "value", "unit", "source", "quote", "R")
    for f in found:
        where = f"{f.document} p.{f.page}" if f.page is not None else f"{f.document} line {f.line}"
        groups = ", ".join(f"{k}={v}" for k, v in f.breakdown.items())
        cells = (f.issuer or "-", f.metric, f.period, groups, f"{f.value:,.6g}", f.unit, where, f.quote[:80])
        table.add_row(*(Text(c) for c in cells), "R" if f.restated else "")
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command()(facts)
