"""``esgtrace ingest PATH...``: parse, extract and store reports, with a progress bar.

Also home of what every database command shares: the ``--db`` option and opening it.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from esgtrace.cli.common import err, guard, out

DbOption = Annotated[
    Optional[str],
    typer.Option("--db", help="SQLite file or postgresql:// URL [default: $ESGTRACE_DB or esgtrace.db]", show_default=False),
]
PasswordOption = Annotated[Optional[str], typer.Option("--password", help="Password of an encrypted PDF.")]
MaxSizeOption = Annotated[int, typer.Option("--max-size", min=1, help="Largest file to read, in MB.")]


def open_db(target: str | None, create: bool = False) -> Any:
    """``Database(target)``; a bad address, unreachable server, damaged file or (unless
    ``create``) a database that does not exist is one line and exit 2."""
    from esgtrace.database import Database

    return guard(Database, target, create=create)


def parse_options(password: str | None, max_size: int) -> dict[str, Any]:
    """The ingest options of ``--password`` and ``--max-size`` (MB)."""
    return {"password": password, "max_size": max_size * 1_000_000}


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Report files, or folders searched recursively.")],
    db: DbOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes that parse and extract (with --executor dask: workers of the LocalCluster started); 0: one per core.")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Re-ingest files that are already stored.")] = False,
    password: PasswordOption = None,
    max_size: MaxSizeOption = 500,
    executor: Annotated[str, typer.Option("--executor", "-e", help="Where reports are read: local (processes on this machine) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); implies --executor dask. Without it, dask starts a LocalCluster.", show_default=False)] = None,
    timeout: Annotated[Optional[float], typer.Option("--timeout", min=0.001, help="Per-report time limit in seconds: a report over it is retried once on another worker, then stored as failed.", show_default=False)] = None,
    recycle: Annotated[Optional[int], typer.Option("--recycle", min=1, help="Replace a worker process after this many reports (PDF libraries leak memory).", show_default=False)] = None,
) -> None:
    """Parse, extract and store reports; files already stored (same sha256 and extractor) are skipped, failed ones are tried again."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from esgtrace.store.executors import make_executor
    from esgtrace.store.work import process

    class PagesPerSecond(ProgressColumn):
        """Pages parsed so far divided by the time elapsed (skipped files add no pages)."""

        def render(self, task: Task) -> Text:
            pages, elapsed = task.fields.get("pages", 0), task.elapsed or 0.0
            return Text(f"{pages / elapsed:,.1f} pages/s" if elapsed > 0 and pages else "- pages/s", style="cyan")

    database = open_db(db, create=True)
    if scheduler and executor == "local":
        executor = "dask"
    work = partial(process, options=parse_options(password, max_size))
    started = time.perf_counter()
    with guard(make_executor, executor, jobs=jobs, scheduler=scheduler, timeout=timeout, recycle=recycle, work=work) as chosen:
        err.print(chosen.describe(), markup=False)
        if chosen.dashboard_link:
            err.print(f"Dask dashboard: {chosen.dashboard_link}", markup=False)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), PagesPerSecond(),
                      TimeElapsedColumn(), console=err._get(), transient=False) as bar:
            task = bar.add_task("ingesting", total=None, pages=0)

            def step(s: Any) -> None:
                bar.update(task, total=s.total, completed=s.done, pages=bar.tasks[task].fields["pages"] + s.pages * (s.status != "skipped"))
                if s.status == "failed":
                    # the error names the file already ("PATH: reason"): print it once
                    message = s.error if (s.error or "").startswith(s.path) else f"{s.path}: {s.error}"
                    bar.console.print(f"failed {message}", markup=False, highlight=False)

            summary = guard(database.ingest, paths, force=force, progress=step, executor=chosen)
    seconds = time.perf_counter() - started
    facts = sum(s.facts for s in summary.steps)
    retried = f", {summary.retried} retried" if summary.retried else ""
    out.print(f"stored {summary.stored}, skipped {summary.skipped}, failed {summary.failed}{retried}: {facts} facts, "
              f"{summary.pages} pages in {seconds:.1f} s ({summary.pages / max(seconds, 1e-9):,.1f} pages/s) into {database.display_url}",
              markup=False, soft_wrap=True)
    if summary.failed:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
