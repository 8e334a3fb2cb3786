"""``esgtrace disclosure FILE | --issuer X``: the HKEX ESG item matrix and content-index check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from esgtrace.cli.common import Column, err, fail, fitted, guard, out
from esgtrace.cli.ingest import DbOption, MaxSizeOption, PasswordOption, open_db, parse_options

_STYLE = {"disclosed": "green", "explained": "yellow", "not_applicable": "cyan", "missing": "red"}


def disclosure(
    file: Annotated[Optional[Path], typer.Argument(help="A PDF, text or HTML report.")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="Every stored report of this issuer ('all' for all); needs a database.")] = None,
    version: Annotated[Optional[str], typer.Option("--version", help="HKEX version: pre2020, 2020 or 2025 [default: from the report's period].")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Also write an Excel workbook to this path.")] = None,
    db: DbOption = None,
    password: PasswordOption = None,
    max_size: MaxSizeOption = 500,
) -> None:
    """Check a report item by item against the HKEX ESG Guide / Code: disclosed, explained, not applicable or missing, with evidence, rates per area and the report's own content index verified."""
    import esgtrace

    if (file is None) == (issuer is None):
        fail("give either a FILE or --issuer NAME")
    database = open_db(db) if db is not None or issuer is not None else None
    unreadable: list[str] = []
    if file is not None:
        doc = guard(esgtrace.parse, file, parse_options(password, max_size))
        if database is not None:
            stored(database, doc.sha256, file)
        results = [guard(esgtrace.disclosure, doc, version=version)]
    else:
        from esgtrace.disclose import stored_disclosures

        results = guard(stored_disclosures, issuer, db=database, version=version,
                        parse_options=parse_options(password, max_size), errors=unreadable)
        for message in unreadable:
            err.print(f"left out: {message}", markup=False)
        if not results:
            fail("none of the stored reports could be read again")
    keep(results, xlsx, database if file is not None else None)
    if as_json:
        out.print_json(json.dumps([r.to_json() for r in results] if issuer else results[0].to_json()))
    elif issuer:
        out.print(rates_table(results))
    else:
        show(results[0])
    if unreadable:
        raise typer.Exit(2)


def stored(database: Any, sha256: str, file: Path) -> None:
    """Leave with one line and exit 2 when the report was never ingested into ``database``."""
    if not any(r.sha256 == sha256 and r.status == "ok" for r in database.reports()):
        fail(f"{file}: not stored in {database.display_url}; ingest it first (esgtrace ingest {file} --db ...)")


def keep(results: list[Any], xlsx: Path | None, database: Any) -> None:
    """Write the workbook and store a single report's matrix; messages go to stderr."""
    if xlsx is not None:
        from esgtrace.disclose.export import to_xlsx

        try:
            err.print(f"wrote {to_xlsx(results, xlsx)}", markup=False)
        except OSError as error:
            from esgtrace.errors import OutputError

            fail(str(OutputError(xlsx, error.strerror or str(error))))
    if database is not None:
        from esgtrace.disclose.store import save

        written = save(database, results[0])
        err.print(f"stored {written} items in {database.display_url}", markup=False)


def show(result: Any) -> None:
    """The matrix, the rates, the index rows that disagree with the analysis."""
    from rich.text import Text

    from esgtrace.display import plain_text, short_quote

    out.print(f"{result.document}: {result.version_label} ({result.version}, from {result.version_source.replace('_', ' ')}); {result.index_message}",
              markup=False, soft_wrap=False)
    columns: list[Column] = [("item", 0, {"no_wrap": True}), ("obligation", 4, {"max_width": 16}), ("status", 0, {"no_wrap": True}),
               ("conf.", 3, {"justify": "right"}), ("where", 2, {"no_wrap": True}), ("evidence", 1, {"wrap": 30})]
    rows = []
    for s in result.items:
        e = s.evidence[0] if s.evidence else None
        where = "" if e is None else (f"p{e.page}" if e.page else f"l{e.line}")
        evidence = short_quote(plain_text(e.quote), None, 90) if e else plain_text(s.reason)
        rows.append([s.item, s.obligation.replace("_", " "), Text(s.status, style=_STYLE[s.status]),
                     f"{s.confidence:.2f}", where, evidence])
    out.print(fitted(columns, rows))
    out.print(rates_table([result]))
    for m in result.mismatches:
        out.print(Text(f"{m.severity}: {m.message}", style="red" if m.severity == "error" else "yellow"), soft_wrap=False)
    for name in sorted({r.framework for r in result.other_index_rows}):
        index_rows = [r for r in result.other_index_rows if r.framework == name]
        omitted = [r.item for r in index_rows if r.claim != "disclosed"]
        out.print(f"{name} content index: {len(index_rows)} rows" + (f"; not disclosed: {', '.join(omitted)}" if omitted else ""),
                  markup=False, soft_wrap=False)
    for note in result.notes:
        out.print(Text(f"note: {note}", style="dim"), soft_wrap=False)


def rates_table(results: list[Any]) -> Any:
    """Disclosure rates (%) per subject area, one row per report; columns that do not fit are left out."""
    from esgtrace.disclose.export import RATE_AREAS, rate_rows

    heads = [a.replace("environmental", "env").replace("_kpis", " KPIs") for a in RATE_AREAS]
    columns: list[Column] = [("issuer", 1, {"max_width": 24}), ("period", 0, {"no_wrap": True}), ("version", 2, {"no_wrap": True}),
               *((h, 0 if n < 2 else 3, {"justify": "right", "no_wrap": True}) for n, h in enumerate(heads)),
               ("index rows", 4, {"justify": "right"}), ("findings", 4, {"justify": "right"})]
    rows = []
    for row in rate_rows(results):
        cells = ["-" if row[a] is None else f"{row[a]:.1f}" for a in RATE_AREAS]
        rows.append([row["issuer"] or "-", row["period"] or "-", row["version"], *cells,
                     "none found" if row["index"] is None else str(row["index"]), str(row["mismatches"])])
    return fitted(columns, rows, title="disclosure rates (%)")


def register(app: typer.Typer) -> None:
    app.command()(disclosure)
