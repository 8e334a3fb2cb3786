"""``esgtrace check FILE``: the figures of a report that do not add up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

import esgtrace
from esgtrace.cli.common import guard, out


def check(
    file: Annotated[Path, typer.Argument(help="A PDF, text or HTML report, or a facts .jsonl file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    country: Annotated[Optional[str], typer.Option(help="Country whose grid factors apply (default: detected from the report).")] = None,
    rule: Annotated[Optional[list[str]], typer.Option("--rule", help="Run only this rule id (repeatable).")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Print why each rule matters.")] = False,
) -> None:
    """Audit a report: totals against parts, intensities, units, emission factors and year-on-year changes, each finding with its facts, formula and difference."""
    options = {"country": country, "rules": tuple(rule) if rule else None}
    result = guard(esgtrace.check, file, options)
    if as_json:
        out.print_json(json.dumps(result.to_json()))
        return
    from esgtrace.audit.render import render

    render(result, out, explain=explain)


def register(app: typer.Typer) -> None:
    app.command()(check)
