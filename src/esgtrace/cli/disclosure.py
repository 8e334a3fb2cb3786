"""``esgtrace disclosure FILE | --issuer X``: the HKEX ESG item matrix and content-index check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table
from rich.text import Text

import esgtrace
from esgtrace.cli.common import err, fail, guard, out
from esgtrace.cli.ingest import DbOption, open_db

_STYLE = {"disclosed": "green", "explained": "yellow", "not_applicable": "cyan", "missing": "red"}


def disclosure(
    file: Annotated[Optional[Path], typer.Argument(help="A PDF, text or HTML report.")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="Every stored report of this issuer ('all' for all); needs a database.")] = None,
    version: Annotated[Optional[str], typer.Option("--version", help="HKEX version: pre2020, 2020 or 2025 [default: from the report's period].")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Also write an Excel workbook to this path.")] = None,
    db: DbOption = None,
) -> None:
    """Check a report item by item against the HKEX ESG Guide / Code: disclosed, explained, not applicable or missing, with evidence, rates per area and the report's own content index verified."""
    if (file is None) == (issuer is None):
        fail("give either a FILE or --issuer NAME")
    if file is not None:
        results = [guard(esgtrace.disclosure, file, version=version)]
    else:
        from esgtrace.disclose import stored_disclosures

        results = guard(stored_disclosures, issuer, db=db, version=version)
    keep(results, xlsx, db if file is not None else None)
    if as_json:
        out.print_json(json.dumps([r.to_json() for r in results] if issuer else results[0].to_json()))
    elif issuer:
        out.print(rates_table(results))
    else:
        show(results[0])


def keep(results: list[Any], xlsx: Path | None, db: str | None) -> None:
    """Write the workbook and store a single report's matrix; messages go to stderr."""
    if xlsx is not None:
        from esgtrace.disclose.export import to_xlsx

        err.print(f"wrote {to_xlsx(results, xlsx)}")
    if db is not None:
        from esgtrace.disclose.store import save

        written = save(open_db(db), results[0])
        err.print(f"stored {written} items" if written else "not stored: ingest the report first (esgtrace ingest)")


def show(result: Any) -> None:
    """The matrix, the rates, the index rows that disagree with the analysis."""
    out.print(f"{result.document}: {result.version_label} ({result.version}, from {result.version_source.replace('_', ' ')}); {result.index_message}")
    table = Table("item", "obligation", "status", "conf.", "where", "evidence")
    for s in result.items:
        e = s.evidence[0] if s.evidence else None
        where = "" if e is None else (f"p{e.page}" if e.page else f"l{e.line}")
        table.add_row(s.item, s.obligation.replace("_", " "), Text(s.status, style=_STYLE[s.status]),
                      f"{s.confidence:.2f}", where, Text(e.quote[:90] if e else s.reason))
    out.print(table)
    out.print(rates_table([result]))
    for m in result.mismatches:
        out.print(Text(f"{m.severity}: {m.message}", style="red" if m.severity == "error" else "yellow"))
    for name in sorted({r.framework for r in result.other_index_rows}):
        rows = [r for r in result.other_index_rows if r.framework == name]
        omitted = [r.item for r in rows if r.claim != "disclosed"]
        out.print(f"{name} content index: {len(rows)} rows" + (f"; not disclosed: {', '.join(omitted)}" if omitted else ""))
    for note in result.notes:
        out.print(Text(f"note: {note}", style="dim"))


def rates_table(results: list[Any]) -> Table:
    """Disclosure rates (%) per subject area, one row per report."""
    from esgtrace.disclose.export import RATE_AREAS, rate_rows

    heads = [a.replace("environmental", "env").replace("_kpis", " KPIs") for a in RATE_AREAS]
    table = Table("issuer", "period", "version", *heads, "index rows", "findings", title="disclosure rates (%)")
    for row in rate_rows(results):
        cells = ["-" if row[a] is None else f"{row[a]:.1f}" for a in RATE_AREAS]
        table.add_row(Text(row["issuer"] or "-"), row["period"] or "-", row["version"], *cells,
                      "none found" if row["index"] is None else str(row["index"]), str(row["mismatches"]))
    return table


def register(app: typer.Typer) -> None:
    app.command()(disclosure)
