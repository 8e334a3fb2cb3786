"""``esgtrace search QUERY``: ranked passages of the stored reports, with their facts."""

from __future__ import annotations

import json
import re
from typing import Annotated, Optional

import typer
from rich.text import Text

from esgtrace.cli.common import guard, out
from esgtrace.cli.ingest import DbOption, open_db

_MARKED = re.compile(r"\*\*(.+?)\*\*")


def marked(snippet: str) -> Text:
    """A snippet with its ``**matches**`` in bold."""
    text = Text()
    at = 0
    for match in _MARKED.finditer(snippet):
        text.append(snippet[at:match.start()])
        text.append(match.group(1), style="bold yellow")
        at = match.end()
    text.append(snippet[at:])
    return text


def search(
    query: Annotated[str, typer.Argument(help='Words (all required), "a phrase", AND / OR / NOT, -word, parentheses.')],
    issuer: Annotated[Optional[str], typer.Option(help="Only reports of this issuer (name, ticker or id).")] = None,
    period: Annotated[Optional[str], typer.Option(help="Only reports of this period, e.g. 2023 or 2021-2023.")] = None,
    metric: Annotated[Optional[str], typer.Option(help="Only passages holding or naming this metric id.")] = None,
    document: Annotated[Optional[str], typer.Option(help="Only this report (its file name).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many passages.")] = 10,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Search the stored reports' passages: ranked, highlighted, with the facts quoted in them."""
    hits = guard(open_db(db).search, query, issuer=issuer, period=period, metric=metric, document=document, limit=limit)
    if as_json:
        out.print_json(json.dumps([h.to_json() for h in hits], ensure_ascii=False))
        return
    if not hits:
        out.print("no passage matches", markup=False)
        return
    for n, hit in enumerate(hits, 1):
        out.print(Text(f"{n}. {hit.document} {hit.where}  ({hit.issuer or '-'}, {hit.period or '-'}, score {hit.score:.2f})", style="bold"))
        out.print(Text("   ") + marked(hit.snippet))
        for fact in hit.facts:
            groups = ", ".join(f"{k}={v}" for k, v in fact.breakdown.items())
            out.print(Text(f"   fact: {fact.metric} {fact.period} {groups} = {fact.value:,.6g} {fact.unit}  «{fact.quote[:80]}»", style="cyan"))


def register(app: typer.Typer) -> None:
    app.command()(search)
