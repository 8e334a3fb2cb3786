"""``esgtrace targets FILE | --issuer X``: the targets and pledges of a report, or of an issuer's stored reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

import esgtrace
from esgtrace.cli.common import err, fail, guard, out
from esgtrace.cli.ingest import DbOption, open_db


def targets(
    file: Annotated[Optional[Path], typer.Argument(help="A PDF, text or HTML report.")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="The stored targets of this issuer ('all' for all), tracked across its reports; needs a database.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    db: DbOption = None,
) -> None:
    """What a report promises: each target's metric, scope, boundary, kind, baseline, target year, change, claimed status, place and quote, with progress computed from the report's figures."""
    if (file is None) == (issuer is None):
        fail("give either a FILE or --issuer NAME")
    if file is not None:
        result = guard(esgtrace.targets, file)
        if db is not None:
            from esgtrace.targets.store import save

            written = save(open_db(db), result)
            err.print(f"stored {written} targets" if written else "not stored: ingest the report first (esgtrace ingest)")
        if as_json:
            out.print_json(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            show(result.document, [(t, "", "") for t in result.targets], list(result.notes))
        return
    from esgtrace.targets.store import stored_targets

    found = guard(stored_targets, issuer, open_db(db))
    if as_json:
        out.print_json(json.dumps([s.to_json() for s in found], ensure_ascii=False))
        return
    show(f"{len(found)} stored targets", [(s.target, f"{s.document} {s.track}", s.was) for s in found], [])


def _where(t: Any) -> str:
    return f"p{t.page}" if t.page is not None else f"l{t.line}" if t.line is not None else ""


def _progress(t: Any) -> str:
    p = t.progress
    if p is None:
        return ""
    parts = []
    if p.share is not None:
        parts.append(f"{p.share:.0%} of the way")
    if p.on_track is not None:
        parts.append("on the line" if p.on_track else "behind the line")
    if p.met is not None and p.share is None:
        parts.append("met" if p.met else "not met")
    return "computed: " + ", ".join(parts) if parts else ""


def show(title: str, rows: list[tuple[Any, str, str]], notes: list[str]) -> None:
    """One row per target."""
    from rich.table import Table
    from rich.text import Text

    table = Table("id", "about", "pillar", "scope / boundary", "kind", "baseline", "target", "change", "status",
                  "progress", "where", "quote", title=title)
    track = any(extra for _, extra, _ in rows)
    if track:
        table.add_column("report / track")
    for t, extra, was in rows:
        baseline = " ".join(x for x in (str(t.baseline_year or ""), t.baseline_value or "") if x)
        cells = [t.id, Text(t.about), t.pillar, Text(" / ".join(x for x in (t.scope, t.boundary) if x)), t.kind,
                 baseline, str(t.target_year or ""), t.change, t.status or "", _progress(t), _where(t), Text(t.quote[:80])]
        if track:
            cells.append(Text(f"{extra} {was}".strip()))
        table.add_row(*cells)
    out.print(table)
    for note in notes:
        out.print(Text(f"note: {note}", style="dim"))


def register(app: typer.Typer) -> None:
    app.command()(targets)
