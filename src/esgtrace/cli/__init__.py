"""The ``esgtrace`` command line: thin Typer commands over the Python API.

Each command lives in a module of this package named after it and calls the public
function of the same name; errors become one line on stderr and exit code 2. The
command modules import the pipeline inside their functions, so ``esgtrace --help``
loads no stage.
"""

from __future__ import annotations

from typing import Annotated

import typer

from esgtrace.cli import parse as _parse
from esgtrace.cli import check as _check
from esgtrace.cli import compare as _compare
from esgtrace.cli import digest as _digest
from esgtrace.cli import disclosure as _disclosure
from esgtrace.cli import export as _export
from esgtrace.cli import extract as _extract
from esgtrace.cli import facts as _facts
from esgtrace.cli import ingest as _ingest
from esgtrace.cli import issuers as _issuers
from esgtrace.cli import metrics as _metrics
from esgtrace.cli import reports as _reports
from esgtrace.cli import samples as _samples
from esgtrace.cli import targets as _targets
from esgtrace.cli import serve as _serve
from esgtrace.cli import search as _search
from esgtrace.cli import ask as _ask
from esgtrace.cli import reindex as _reindex
from esgtrace.cli.common import run_guarded

app = typer.Typer(
    name="esgtrace",
    help="Turn ESG / sustainability reports into verified, source-traced facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        from esgtrace import __version__

        print(f"esgtrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Turn ESG / sustainability reports into verified, source-traced facts."""


for module in (_parse, _extract, _samples, _ingest, _reports, _facts, _compare, _export, _issuers, _disclosure, _check, _metrics, _targets, _serve,
               _search, _ask, _reindex, _digest):
    module.register(app)


def main() -> None:
    """Console-script entry point."""
    run_guarded(app)
