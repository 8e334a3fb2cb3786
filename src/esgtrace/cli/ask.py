"""``esgtrace ask QUESTION``: an answer from the stored facts or passages, always cited."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.text import Text

from esgtrace.cli.common import guard, out
from esgtrace.cli.ingest import DbOption, open_db
from esgtrace.cli.search import marked


def ask(
    question: Annotated[str, typer.Argument(help="A question in English or Chinese, e.g. \"What were X's Scope 1 emissions in 2023?\"")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Answer a question from what is stored: figures, comparisons or passages, each cited; says what is missing."""
    found = guard(open_db(db).ask, question)
    if as_json:
        out.print_json(json.dumps(found.to_json(), ensure_ascii=False))
        return
    if found.passages:
        out.print(marked(found.text))
    else:
        out.print(Text(found.text))
    for value in found.values:
        out.print(Text(f"  source: {value.citation.where}: «{value.citation.quote[:100]}»", style="cyan"))


def register(app: typer.Typer) -> None:
    app.command()(ask)
