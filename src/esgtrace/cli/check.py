"""``esgtrace check FILE | --issuer X``: the figures of a report that do not add up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from esgtrace.cli.common import fail, guard, out
from esgtrace.cli.ingest import MaxSizeOption, PasswordOption, open_db, parse_options


def stored_report(database: Any, document: str) -> None:
    """Leave with one line and exit 2 when ``document`` was never ingested into ``database``."""
    if not any(r.document == document for r in database.reports()):
        fail(f"{document} is not stored in {database.display_url}: ingest it first (esgtrace ingest FILE --db ...)")


def check_rules(rules: list[str] | None) -> None:
    """Unknown rule ids are one line with the nearest ids, and exit 2."""
    from esgtrace.audit.catalogue import catalogue
    from esgtrace.errors import UnknownChoice, nearest

    known = [r.id for r in catalogue().rules]
    for rule in rules or ():
        if rule not in known:
            fail(str(UnknownChoice("rule", rule, nearest(rule, known), "the rule ids are listed in the README under `esgtrace check`")))


def check(
    file: Annotated[Optional[Path], typer.Argument(help="A PDF, text or HTML report, or a facts .jsonl file.")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="Every stored report of this issuer ('all' for all); findings are stored.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    country: Annotated[Optional[str], typer.Option(help="Country whose grid factors apply (default: detected from the report).")] = None,
    rule: Annotated[Optional[list[str]], typer.Option("--rule", help="Run only this rule id (repeatable).")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Print why each rule matters.")] = False,
    db: Annotated[Optional[str], typer.Option("--db", help="Database of stored reports (--issuer), or to store a FILE's findings in [default for --issuer: $ESGTRACE_DB or esgtrace.db]", show_default=False)] = None,
    password: PasswordOption = None,
    max_size: MaxSizeOption = 500,
) -> None:
    """Audit a report: totals against parts, intensities, units, emission factors and year-on-year changes, each finding with its facts, formula and difference."""
    import esgtrace

    if (file is None) == (issuer is None):
        fail("give either a FILE or --issuer NAME")
    check_rules(rule)
    options = {"country": country, "rules": tuple(rule) if rule else None,
               "extract": {"parse": parse_options(password, max_size)}}
    from esgtrace.audit.store import save, stored_check

    if file is None:
        result = guard(stored_check, issuer, open_db(db), options)
    else:
        database = open_db(db) if db is not None else None
        result = guard(esgtrace.check, file, options)
        if database is not None:  # keep the findings beside the stored report's facts
            stored_report(database, result.document)
            save(database, result)
    if as_json:
        out.print_json(json.dumps(result.to_json()))
        return
    from esgtrace.audit.render import render

    render(result, out._get(), explain=explain)


def register(app: typer.Typer) -> None:
    app.command()(check)
