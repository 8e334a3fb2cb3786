"""``esgtrace extract FILE...``: the facts of one or more reports, as JSON Lines, CSV or a table."""

from __future__ import annotations

import csv
import io
import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from esgtrace.cli.common import Column, EXIT_BAD_INPUT, err, fitted, out, writable, write_file
from esgtrace.cli.ingest import MaxSizeOption, PasswordOption, parse_options

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
    password: PasswordOption = None,
    max_size: MaxSizeOption = 500,
) -> None:
    """Extract every catalogue figure of the reports, with its page, line and quote."""
    import esgtrace
    from rich.progress import Progress

    if output is not None:
        writable(output)
    facts: list[dict[str, Any]] = []
    failed = 0
    options = {"parse": parse_options(password, max_size)}
    with Progress(console=err._get(), transient=True, disable=len(files) < 2) as progress:
        task = progress.add_task("extracting", total=len(files))
        for path in files:
            result = esgtrace.extract(path, options)
            if result.document is None:
                failed += 1
                err.print(f"error: {result.issues[0].message}", markup=False)
            facts += [f.to_json() for f in result.facts]
            progress.advance(task)
    several = len({f["document"] for f in facts}) > 1
    if output is None:
        if fmt == Format.table:
            out.print(fact_table(facts, document=several))
        else:
            out.print(render(facts, fmt), markup=False, end="", soft_wrap=True)
    else:
        write_file(output, render(facts, fmt) if fmt != Format.table else table_text(facts, several))
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def render(facts: list[dict[str, Any]], fmt: Format) -> str:
    """The facts as JSON Lines or CSV."""
    if fmt == Format.jsonl:
        return "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in facts)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_CSV_FIELDS)
    for f in facts:
        row = {**f, "breakdown": json.dumps(f["breakdown"], ensure_ascii=False), "notes": "; ".join(f["notes"])}
        writer.writerow([row.get(k) for k in _CSV_FIELDS])
    return buffer.getvalue()


def table_text(facts: list[dict[str, Any]], document: bool) -> str:
    """The table as plain text (for ``--format table -o FILE``), at a comfortable width."""
    from rich.console import Console

    console = Console(file=io.StringIO(), width=160, color_system=None, highlight=False)
    console.print(fact_table(facts, document=document))
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def fact_table(facts: list[dict[str, Any]], document: bool = False) -> Any:
    """Facts as a table that fits the terminal: the document column when there are several."""
    from esgtrace.display import short_quote, show_number

    columns: list[Column] = [("document", 0, {"max_width": 30, "wrap": 16}), ("metric", 0, {"no_wrap": True}), ("period", 0, {"no_wrap": True}),
               ("breakdown", 1, {"max_width": 28, "wrap": 14}), ("value", 0, {"justify": "right", "no_wrap": True}),
               ("unit", 0, {"max_width": 18}), ("where", 2, {"no_wrap": True}), ("quote", 3, {"max_width": 60, "wrap": 24})]
    if not document:
        columns = columns[1:]
    rows = []
    for f in facts:
        where = f"p{f['page']} l{f['line']}" if f["page"] else f"l{f['line']}"
        group = ", ".join(f"{k}={v}" for k, v in f["breakdown"].items())
        row = [f["metric"], f["period"], group, show_number(f["value"], f["reported_value"]), f["unit"], where,
               short_quote(f["quote"], f["reported_value"], 60)]
        rows.append([f["document"], *row] if document else row)
    return fitted(columns, rows)


def register(app: typer.Typer) -> None:
    app.command()(extract)
