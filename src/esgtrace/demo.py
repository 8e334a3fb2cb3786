"""``make demo``: the whole pipeline on the bundled sample reports, shown in the terminal.

Usage: ``python -m esgtrace.demo DIR`` where DIR holds reports written by
``esgtrace samples DIR``. The sample PDFs are ingested (parse, extract, store) into
``DIR/esgtrace.db``; then a compare table across the fictional issuers, and each
report's audit and HKEX disclosure summary.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

import esgtrace
from esgtrace.store.render import rich_table

console = Console(highlight=False)
METRICS = ("ghg_scope1", "ghg_scope2", "energy_total", "employees_total")


def show_ingest(db: esgtrace.Database, files: list[Path]) -> None:
    summary = db.ingest(files)
    table = Table(title=f"Ingested into {db.display_url}")
    for column in ("report", "issuer", "period", "pages", "facts", "status"):
        table.add_column(column)
    stored = {r.document: r for r in db.reports()}
    for path in files:
        report = stored.get(path.name)
        if report is not None:
            table.add_row(path.name, report.issuer or "?", report.period or "?", str(report.page_count), str(report.facts), report.status)
    console.print(table)
    console.print(f"{summary.stored} stored, {summary.skipped} already stored, {summary.failed} failed in {summary.seconds:.1f} s")


def show_checks(files: list[Path], db: esgtrace.Database | None = None) -> None:
    table = Table(title="Audit and HKEX disclosure")
    for column in ("report", "audit", "findings", "HKEX version", "index rows", "env. KPIs disclosed", "social KPIs disclosed"):
        table.add_column(column)
    for path in files:
        audit = esgtrace.check(path)
        disclosure = esgtrace.disclosure(path)
        if db is not None:  # kept beside the facts, for `esgtrace serve`
            from esgtrace.audit.store import save as save_findings
            from esgtrace.disclose.store import save as save_disclosure
            from esgtrace.disclose.store import save_mismatches

            save_findings(db, audit)
            save_disclosure(db, disclosure)
            save_mismatches(db, disclosure)
        rates = disclosure.rates
        table.add_row(
            path.name,
            audit.status,
            str(len(audit.findings)),
            disclosure.version,
            str(len(disclosure.index_rows)),
            _rate(rates.get("environmental_kpis", {})),
            _rate(rates.get("social_kpis", {})),
        )
    console.print(table)


def _rate(rate: dict[str, float | int | None]) -> str:
    value = rate.get("disclosure_rate")
    return "-" if value is None else f"{value:.0f}%"


def serve_command(folder: Path) -> str:
    """The command that serves the demo database, as it runs from the current folder."""
    program = Path(sys.executable).with_name("esgtrace")
    shown = program if program.is_file() else Path("esgtrace")
    try:
        shown = shown.relative_to(Path.cwd()) if shown.is_absolute() else shown
    except ValueError:
        pass
    return f"{shown} serve --db {folder / 'esgtrace.db'}"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("build/demo")
    files = sorted(folder.glob("*.pdf")) if folder.is_dir() else []
    if not files:
        console.print(f"no sample reports in {folder}: run `esgtrace samples {folder}` first")
        return 2
    with esgtrace.Database(folder / "esgtrace.db") as db:
        show_ingest(db, files)
        for metric in METRICS:
            console.print(rich_table(db.compare(metric), metric))
        show_checks(files, db)
    console.print("Try: esgtrace parse / extract / check / disclosure FILE, and esgtrace compare --db "
                  f"{folder / 'esgtrace.db'} --metric ghg_scope1_2")
    console.print(f"Serve the demo database (web app and API on http://127.0.0.1:8000/):\n  {serve_command(folder)}", soft_wrap=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
