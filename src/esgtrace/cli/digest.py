"""``esgtrace digest FILE``: a news-style brief of a report, every number cited."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

import esgtrace
from esgtrace.cli.common import err, fail, guard


def digest(
    file: Annotated[Path, typer.Argument(help="A PDF, text or HTML report.")],
    fmt: Annotated[str, typer.Option("--format", help="md (Markdown), html (a standalone page) or json.")] = "md",
    lang: Annotated[Optional[str], typer.Option("--lang", help="en or zh; by default the report's language.")] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file instead of standard output.")] = None,
) -> None:
    """A news-style digest: headline and lead, leading themes, each pillar's headline figures with their computed change on the year, targets, ratings / certifications / awards / executive quotes (verbatim), and what to check (audit errors, HKEX disclosure rate). Every number cites its page or line and quote."""
    from esgtrace.digest import render

    if fmt not in ("md", "html", "json"):
        fail(f"unknown format {fmt!r}: use md, html or json")
    if lang is not None and lang not in ("en", "zh"):
        fail(f"unknown language {lang!r}: use en or zh")
    result = guard(esgtrace.digest, file, lang=lang)
    text = render(result, fmt)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror}")
        err.print(f"wrote {output}", markup=False, highlight=False)
    else:
        typer.echo(text, nl=False)


def register(app: typer.Typer) -> None:
    app.command()(digest)
