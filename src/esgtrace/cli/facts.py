"""``esgtrace facts``: stored facts with their provenance (document, page, quote)."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from esgtrace.cli.common import Column, fitted, guard, out
from esgtrace.cli.ingest import DbOption, open_db


def facts(
    issuer: Annotated[Optional[str], typer.Option(help="Issuer: part of a name, a ticker or an id.")] = None,
    metric: Annotated[Optional[str], typer.Option(help="Metric id(s), separated by commas (see `esgtrace metrics`).")] = None,
    period: Annotated[Optional[str], typer.Option(help="Year, label or range, e.g. 2022, FY2022 or 2021-2023.")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines instead of a table.")] = False,
) -> None:
    """List stored facts; restated ones (another report gives another value) are marked R."""
    from rich.text import Text

    from esgtrace.display import short_quote, show_number

    found = guard(open_db(db).facts, issuer=issuer, metric=metric, period=period)
    if as_json:
        for f in found:
            print(json.dumps(f.to_json(), ensure_ascii=False))
        return
    several = len({f.issuer for f in found}) > 1
    columns: list[Column] = [("issuer", 0 if several else 3, {"max_width": 24}), ("metric", 0, {}), ("period", 0, {}),
               ("breakdown", 1, {"max_width": 24, "wrap": 14}), ("value unit", 0, {"justify": "right", "max_width": 28}),
               ("source: quote", 2, {"wrap": 26}), ("R", 1, {})]
    rows = []
    for f in found:
        where = f"{f.document} p.{f.page}" if f.page is not None else f"{f.document} line {f.line}"
        groups = ", ".join(f"{k}={v}" for k, v in f.breakdown.items())
        rows.append([f.issuer or "-", f.metric, f.period, groups, f"{show_number(f.value, f.reported_value)} {f.unit}",
                     f"{where}: {short_quote(f.quote, f.reported_value, 70)}", Text("R" if f.restated else "")])
    out.print(fitted(columns, rows))
    if not found:
        out.print("no stored facts match (see `esgtrace reports`)", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(facts)
