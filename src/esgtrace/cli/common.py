"""What every command shares: consoles, one-line errors, exit codes, output files, tables that fit."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from esgtrace.errors import EsgtraceError, OutputError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

EXIT_BAD_INPUT = 2
#: a table column: header, priority (0: always shown; higher: left out first), Rich options
Column = tuple[str, int, dict[str, Any]]
EXIT_INTERNAL = 1


class _LazyConsole:
    """A Rich console made on first use, so ``esgtrace --help`` never imports Rich's renderers.

    Output on stdout wraps at the width (tables and their captions fit); data and one-line
    summaries are printed with ``soft_wrap=True`` so a pipe gets them unbroken.
    """

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def _get(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr, highlight=False, soft_wrap=self._stderr)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)


out: Any = _LazyConsole(stderr=False)
err: Any = _LazyConsole(stderr=True)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print one line on stderr and leave with ``code``."""
    err.print(f"error: {message}", markup=False, highlight=False)
    raise typer.Exit(code)


def _damaged_database(error: Exception) -> str | None:
    """The one line for an SQLAlchemy error that says the database file is unreadable."""
    if not type(error).__module__.startswith("sqlalchemy"):
        return None
    from sqlalchemy.exc import DatabaseError

    if isinstance(error, DatabaseError):
        from esgtrace.store.database import damaged_reason

        reason = str(error.orig or error).strip().splitlines()[0]
        return f"database: {damaged_reason(reason)}"
    return None


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
    except BrokenPipeError:  # `esgtrace ... | head`: the reader has gone
        sys.stderr.close()
        sys.exit(0)
    except Exception as error:  # noqa: BLE001 - the last guard before the user
        if os.environ.get("ESGTRACE_DEBUG"):
            raise
        damaged = _damaged_database(error)
        if damaged is not None:
            err.print(f"error: {damaged}", markup=False)
            sys.exit(EXIT_BAD_INPUT)
        err.print(f"internal error: {type(error).__name__}: {error} (ESGTRACE_DEBUG=1 shows more)", markup=False)
        sys.exit(EXIT_INTERNAL)


def guard(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``call``; an :class:`EsgtraceError` becomes one line and exit 2."""
    try:
        return call(*args, **kwargs)
    except EsgtraceError as error:
        fail(str(error))


def write_file(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path``; a folder that is missing or read-only is one line and exit 2."""
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as error:
        fail(str(OutputError(path, error.strerror or str(error))))
    return path


def writable(path: Path) -> Path:
    """Check before long work that ``path`` can be written (its folder exists and is writable)."""
    folder = path.expanduser().resolve().parent
    if not folder.is_dir():
        fail(str(OutputError(path, f"the folder {folder} does not exist")))
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        fail(str(OutputError(path, "permission denied")))
    return path


def width() -> int:
    """The width tables are laid out for: the terminal's, else ``$COLUMNS``, else 80."""
    return int(out.width)


def fitted(columns: Sequence[Column], rows: Sequence[Sequence[Any]], **table: Any) -> Table:
    """A table of the columns that fit the output width, in priority order (0 always shown).

    Columns are left out, lowest priority first (an optional column with nothing in it
    before any), rather than cut to ``iss…``; the columns shown keep their full header.
    A column with the option ``wrap=N`` wraps its text at spaces and counts as ``N``
    characters wide when the columns are chosen.

    :param columns: (header, priority, Rich column options) in display order
    :param rows: one cell per column
    """
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    def natural(index: int) -> int:
        header, _, options = columns[index]
        longest = max((cell_len(str(r[index])) for r in rows), default=0)
        cap = options.get("wrap") or options.get("max_width") or 10**6
        return max(cell_len(header) if not options.get("wrap") else 4, min(longest, cap)) + 3

    empty = {i for i in range(len(columns)) if columns[i][1] > 0 and rows and not any(str(r[i]).strip() for r in rows)}
    keep = [i for i in range(len(columns)) if i not in empty]
    available = width() - 1
    while sum(natural(i) for i in keep) > available:
        optional = [i for i in keep if columns[i][1] > 0]
        if not optional:
            break
        keep.remove(max(optional, key=lambda i: (columns[i][1], i)))
    grid = Table(**table)
    for i in keep:
        header, _, options = columns[i]
        options = {k: v for k, v in options.items() if k != "wrap"}
        grid.add_column(header, overflow="fold", **options)
    for row in rows:
        grid.add_row(*(row[i] if isinstance(row[i], Text) else Text(str(row[i])) for i in keep))
    left_out = [columns[i][0] for i in range(len(columns)) if i not in keep and i not in empty]
    if left_out:
        grid.caption = f"left out to fit {width()} columns: {', '.join(left_out)} (--json shows all; or widen COLUMNS)"
        grid.caption_justify = "left"
    return grid
