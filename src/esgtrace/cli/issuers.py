"""``esgtrace issuers`` lists issuers; ``esgtrace issuers merge A B`` makes B part of A."""

from __future__ import annotations

from typing import Annotated

import typer

from esgtrace.cli.common import Column, fitted, guard, out
from esgtrace.cli.ingest import DbOption, open_db

group = typer.Typer(help="List issuers, or merge two that are the same company.", no_args_is_help=False)


@group.callback(invoke_without_command=True)
def issuers(context: typer.Context, db: DbOption = None) -> None:
    """List issuers with their name variants, tickers and number of reports."""
    if context.invoked_subcommand is not None:
        context.obj = db
        return
    columns: list[Column] = [("id", 0, {"justify": "right"}), ("issuer", 0, {"max_width": 34}), ("also named", 2, {"max_width": 30}),
               ("tickers", 1, {}), ("reports", 0, {"justify": "right"})]
    rows = [[str(i.id), i.name, "; ".join(n for n in i.names if n != i.name), " ".join(i.tickers), str(i.reports)]
            for i in open_db(db).issuers()]
    out.print(fitted(columns, rows))


@group.command()
def merge(
    context: typer.Context,
    keep: Annotated[str, typer.Argument(help="Issuer that stays (part of a name, ticker or id).")],
    other: Annotated[str, typer.Argument(help="Issuer folded into it.")],
    db: DbOption = None,
) -> None:
    """Merge issuer OTHER into KEEP: names, tickers and reports move; restatements are re-checked."""
    merged = guard(open_db(db or context.obj).merge_issuers, keep, other)
    out.print(f"{merged.name}: {merged.reports} report(s); names {'; '.join(merged.names)}; tickers {' '.join(merged.tickers) or '-'}",
              markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="issuers")
