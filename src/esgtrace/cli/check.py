"""``esgtrace check FILE | --issuer X``: the figures of a report that do not add up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

import esgtrace
from esgtrace.cli.common import fail, guard, out
from esgtrace.cli.ingest import open_db


def check(
    file: Annotated[Optional[Path], typer.Argument(help="A PDF, text or HTML report, or a facts .jsonl file.")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="Every stored report of this issuer ('all' for all); findings are stored.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    country: Annotated[Optional[str], typer.Option(help="Country whose grid factors apply (default: detected from the report).")] = None,
    rule: Annotated[Optional[list[str]], typer.Option("--rule", help="Run only this rule id (repeatable).")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Print why each rule matters.")] = False,
    db: Annotated[Optional[str], typer.Option("--db", help="Database of stored reports (--issuer), or to store a FILE's findings in [default for --issuer: $ESGTRACE_DB or esgtrace.db]", show_default=False)] = None,
) -> None:
    """Audit a report: totals against parts, intensities, units, emission factors and year-on-year changes, each finding with its facts, formula and difference."""
    if (file is None) == (issuer is None):
        fail("give either a FILE or --issuer NAME")
    options = {"country": country, "rules": tuple(rule) if rule else None}
    from esgtrace.audit.store import save, stored_check

    if file is None:
        result = guard(stored_check, issuer, open_db(db), options)
    else:
        result = guard(esgtrace.check, file, options)
        if db is not None:  # keep the findings beside the stored report's facts
            save(open_db(db), result)
    if as_json:
        out.print_json(json.dumps(result.to_json()))
        return
    from esgtrace.audit.render import render

    render(result, out, explain=explain)


def register(app: typer.Typer) -> None:
    app.command()(check)
