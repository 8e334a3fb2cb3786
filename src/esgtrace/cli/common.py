"""What every command shares: consoles, one-line errors, exit codes."""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console

from esgtrace.errors import EsgtraceError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print one line on stderr and leave with ``code``."""
    err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    raise typer.Exit(code)


def run_guarded(app: typer.Typer) -> None:
    """Run ``app``; esgtrace errors print one line (exit 2), others exit 1 without a traceback.

    ``ESGTRACE_DEBUG=1`` shows the traceback of an internal fault.
    """
    try:
        app(standalone_mode=True)
    except EsgtraceError as error:
        err.print(f"error: {error}", markup=False)
        sys.exit(EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last guard before the user
        if os.environ.get("ESGTRACE_DEBUG"):
            raise
        err.print(f"internal error: {type(error).__name__}: {error} (ESGTRACE_DEBUG=1 shows more)", markup=False)
        sys.exit(EXIT_INTERNAL)


def guard(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``call``; an :class:`EsgtraceError` becomes one line and exit 2."""
    try:
        return call(*args, **kwargs)
    except EsgtraceError as error:
        fail(str(error))
