"""``esgtrace extract FILE...``: the facts of one or more reports, as JSON Lines, CSV or a table."""

from __future__ import annotations

import csv
import io
import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.progress import Progress
from rich.table import Table

import esgtrace
from esgtrace.cli.common import EXIT_BAD_INPUT, err, out

_CSV_FIELDS = ("document", "metric", "period", "breakdown", "value", "unit", "reported_value", "reported_unit",
               "page", "line", "quote", "method", "confidence", "notes")


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def extract(
    files: Annotated[list[Path], typer.Argument(help="Reports to read (PDF, text or HTML).")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="jsonl, csv or table.")] = Format.jsonl,
) -> None:
    """Extract every catalogue figure of the reports, with its page, line and quote."""
    facts: list[dict[str, Any]] = []
    failed = 0
    with Progress(console=err, transient=True, disable=len(files) < 2) as progress:
        task = progress.add_task("extracting", total=len(files))
        for path in files:
            result = esgtrace.extract(path)
            if result.document is None:
                failed += 1
                err.print(f"error: {result.issues[0].message}", markup=False)
            facts += [f.to_json() for f in result.facts]
            progress.advance(task)
    text = render(facts, fmt)
    if output is None:
        out.print(text, markup=False, end="") if fmt != Format.table else out.print(_table(facts))
    else:
        output.write_text(text, encoding="utf-8")
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def render(facts: list[dict[str, Any]], fmt: Format) -> str:
    """The facts as JSON Lines, CSV, or plain text for ``table`` written to a file."""
    if fmt == Format.jsonl:
        return "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in facts)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_CSV_FIELDS)
    for f in facts:
        row = {**f, "breakdown": json.dumps(f["breakdown"], ensure_ascii=False), "notes": "; ".join(f["notes"])}
        writer.writerow([row.get(k) for k in _CSV_FIELDS])
    return buffer.getvalue() if fmt == Format.csv else buffer.getvalue()


def _table(facts: list[dict[str, Any]]) -> Table:
    table = Table("metric", "period", "breakdown", "value", "unit", "where", "quote")
    for f in facts:
        where = f"p{f['page']} l{f['line']}" if f["page"] else f"l{f['line']}"
        group = ", ".join(f"{k}={v}" for k, v in f["breakdown"].items())
        table.add_row(f["metric"], f["period"], group, f"{f['value']:,.6g}", f["unit"], where, f["quote"][:60])
    return table


def register(app: typer.Typer) -> None:
    app.command()(extract)
