"""``esgtrace digest FILE | --issuer NAME``: a news-style brief of a report, every number cited."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

import esgtrace
from esgtrace.cli.common import err, fail, guard


def digest(
    file: Annotated[Optional[Path], typer.Argument(help="A PDF, text or HTML report (or --issuer).")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="A stored issuer (name, part of it, or ticker): the digest of its latest stored report.")] = None,
    period: Annotated[Optional[str], typer.Option("--period", help="With --issuer: the report of this period (2023, FY2022) instead of the latest.")] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Database of stored reports for --issuer [default: $ESGTRACE_DB or esgtrace.db]", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", help="md (Markdown), html (a standalone page) or json.")] = "md",
    lang: Annotated[Optional[str], typer.Option("--lang", help="en or zh; by default the report's language.")] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file instead of standard output.")] = None,
) -> None:
    """A news-style digest: headline and lead, leading themes, each pillar's headline sentences (the report's own, verbatim) and headline figures with their computed change on the year, targets, ratings / certifications / awards / executive quotes (verbatim), and what to check (audit errors, HKEX disclosure rate). Every number cites its page or line and quote."""
    from esgtrace.digest import render

    if fmt not in ("md", "html", "json"):
        fail(f"unknown format {fmt!r}: use md, html or json")
    if lang is not None and lang not in ("en", "zh"):
        fail(f"unknown language {lang!r}: use en or zh")
    if (file is None) == (issuer is None):
        fail("give either a FILE or --issuer NAME")
    if issuer is None and (period is not None or db is not None):
        fail("--period and --db go with --issuer")
    if issuer is not None:
        from esgtrace.cli.ingest import open_db
        from esgtrace.digest import stored_digest

        result = guard(stored_digest, issuer, open_db(db), period=period, lang=lang)
    else:
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
