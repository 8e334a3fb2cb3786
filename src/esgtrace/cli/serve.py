"""``esgtrace serve``: the web app and REST API over a database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from esgtrace.cli.common import err, guard
from esgtrace.cli.ingest import DbOption, open_db


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token: Annotated[Optional[str], typer.Option(help="Uploads and reviews need this token (Authorization: Bearer T) [default: $ESGTRACE_TOKEN].",
                                                 envvar="ESGTRACE_TOKEN", show_default=False)] = None,
    uploads: Annotated[Optional[Path], typer.Option(help="Folder for uploaded reports [default: esgtrace_uploads beside the database].")] = None,
    max_upload: Annotated[Optional[float], typer.Option("--max-upload", help="Largest upload in MB [default: 50].")] = None,
) -> None:
    """Serve the web app (reports, issuers, compare, source viewer, upload, review) and the JSON API under /api."""
    from esgtrace.serve import is_loopback, run

    if not is_loopback(host) and not token:
        guard(_refuse, host)
    database = open_db(db)
    err.print(f"esgtrace serving {database.display_url} on http://{host}:{port}/ (API docs: /api/docs; Ctrl-C stops)", markup=False)
    guard(run, database, host=host, port=port, token=token, uploads=uploads, max_upload_mb=max_upload)


def _refuse(host: str) -> None:
    from esgtrace.serve import ServeError

    raise ServeError(f"refusing to serve uploads and reviews on {host} without a token: give --token, or bind 127.0.0.1")


def register(app: typer.Typer) -> None:
    app.command()(serve)
