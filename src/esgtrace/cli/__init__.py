"""The ``esgtrace`` command line: thin Typer commands over the Python API.

Each command lives in a module of this package named after it and calls the public
function of the same name; errors become one line on stderr and exit code 2.
"""

from __future__ import annotations

import typer

from esgtrace.cli import parse as _parse
from esgtrace.cli import samples as _samples
from esgtrace.cli.common import run_guarded

app = typer.Typer(
    name="esgtrace",
    help="Turn ESG / sustainability reports into verified, source-traced facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for module in (_parse, _samples):
    module.register(app)


def main() -> None:
    """Console-script entry point."""
    run_guarded(app)
