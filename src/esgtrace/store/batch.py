"""A batch of files: find them, skip what is stored, parse + extract in workers, write in order.

Files are hashed first; a file whose content (sha256) is stored with the current
extractor version is skipped unless ``force`` (one stored as failed is tried again). A
path that does not exist is a failed file and the batch goes on. Work goes to ``jobs`` worker processes;
results come back to this process, the only writer, which stores each report in its
own transaction as soon as it arrives. Killing the batch loses at most the reports in
flight; running it again picks up the rest.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext
import time
from contextlib import closing
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from esgtrace.errors import InputNotFound
from esgtrace.store.schema import Report
from esgtrace.store.work import Outcome, extractor, file_sha256, process, warm_up
from esgtrace.store.writer import write_outcome

# What a folder contributes; a file named explicitly is always tried.
REPORT_SUFFIXES = frozenset({".pdf", ".txt", ".text", ".md", ".html", ".htm", ".xhtml"})

Status = Literal["stored", "skipped", "failed"]


@dataclass(frozen=True)
class IngestStep:
    """What happened to one file; ``done`` of ``total`` files are finished."""

    path: str
    status: Status
    pages: int = 0
    facts: int = 0
    report_id: int | None = None
    error: str | None = None
    done: int = 0
    total: int = 0


@dataclass
class IngestSummary:
    """Every file's :class:`IngestStep`, with totals."""

    steps: list[IngestStep] = field(default_factory=list)
    seconds: float = 0.0
    #: time the workers spent parsing and extracting, summed over files
    extract_seconds: float = 0.0
    #: time this process spent writing to the database
    write_seconds: float = 0.0

    def _count(self, status: Status) -> int:
        return sum(1 for s in self.steps if s.status == status)

    @property
    def stored(self) -> int:
        return self._count("stored")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def pages(self) -> int:
        """Pages parsed in this run (skipped files not counted)."""
        return sum(s.pages for s in self.steps if s.status != "skipped")


def discover(paths: Iterable[str | Path], missing: list[Path] | None = None) -> list[Path]:
    """The files named, and the report files under the folders named, in a stable order.

    :param missing: collects the paths that do not exist; without it they raise
    :raises InputNotFound: a path given does not exist (when ``missing`` is ``None``)
    """
    found: dict[Path, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in REPORT_SUFFIXES and not child.name.startswith("."):
                    found.setdefault(child.resolve())
        elif path.is_file():
            found.setdefault(path.resolve())
        elif missing is not None:
            missing.append(path)
        else:
            raise InputNotFound(path)
    return list(found)


def run_batch(
    sessions: sessionmaker[Session],
    paths: Iterable[str | Path],
    *,
    jobs: int = 1,
    force: bool = False,
    progress: Callable[[IngestStep], None] | None = None,
    options: dict[str, Any] | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into the database behind ``sessions`` (see :meth:`Database.ingest`)."""
    started = time.perf_counter()
    missing: list[Path] = []
    files = discover(paths, missing)
    total = len(files) + len(missing)
    _, version = extractor()
    summary = IngestSummary()
    for path in missing:
        summary.steps.append(IngestStep(str(path), "failed", error=str(InputNotFound(path)), done=len(summary.steps) + 1, total=total))
        if progress:
            progress(summary.steps[-1])
    hashes = {}
    for f in files:
        try:
            hashes[f] = file_sha256(f)
        except OSError as unreadable:
            summary.steps.append(IngestStep(str(f), "failed", error=f"{f}: cannot read it ({unreadable.strerror or unreadable})",
                                            done=len(summary.steps) + 1, total=total))
            if progress:
                progress(summary.steps[-1])
    with sessions() as session:
        stored = {sha: ver for sha, ver, status in session.execute(
            select(Report.sha256, Report.extractor_version, Report.status).where(Report.sha256.in_(set(hashes.values())))).all()
            if status == "ok"} if hashes else {}
    todo: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for path, digest in hashes.items():
        if digest in seen or (not force and stored.get(digest) == version):
            summary.steps.append(IngestStep(str(path), "skipped", done=len(summary.steps) + 1, total=total))
            if progress:
                progress(summary.steps[-1])
        else:
            todo.append((path, digest))
        seen.add(digest)
    outcomes = _outcomes(todo, jobs, options or {})
    with closing(outcomes):  # an error or Ctrl-C here stops the workers at once
        for outcome in outcomes:
            writing = time.perf_counter()
            report_id, error = write_outcome(sessions, outcome, version)
            summary.write_seconds += time.perf_counter() - writing
            summary.extract_seconds += outcome.seconds
            step = IngestStep(
                outcome.path,
                "stored" if error is None else "failed",
                pages=outcome.pages,
                facts=len(outcome.facts) if error is None else 0,
                report_id=report_id,
                error=error,
                done=len(summary.steps) + 1,
                total=total,
            )
            summary.steps.append(step)
            if progress:
                progress(step)
    summary.seconds = time.perf_counter() - started
    return summary


def _outcomes(todo: list[tuple[Path, str]], jobs: int, options: dict[str, Any]) -> Generator[Outcome, None, None]:
    """Results in completion order; one job runs in this process, more in a process pool."""
    if jobs <= 1 or len(todo) <= 1:
        for path, digest in todo:
            yield process(str(path), digest, options)
        return
    # Largest files first, so one big report does not start last and leave a core idle.
    todo = sorted(todo, key=lambda item: item[0].stat().st_size, reverse=True)
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        warm_up()  # forked workers inherit the loaded catalogues
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=context)
    left = dict(todo)
    try:
        pending = {pool.submit(process, str(p), d, options): p for p, d in todo}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                path = pending.pop(future)
                outcome = future.result()
                del left[path]
                yield outcome
    except BrokenProcessPool:
        # A worker died (a crash in a PDF library, or the OOM killer): which file did it
        # is unknown, so the files not finished are read again one per fresh process.
        pool.shutdown(wait=False, cancel_futures=True)
        for path, digest in list(left.items()):
            yield _isolated(path, digest, context, options)
        return
    except BaseException:
        # On Ctrl-C or an error drop the queued files at once; stored reports stay.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _isolated(path: Path, digest: str, context: BaseContext, options: dict[str, Any]) -> Outcome:
    """Read one file in a process of its own; its death fails this file only."""
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as solo:
        try:
            return solo.submit(process, str(path), digest, options).result()
        except BrokenProcessPool:
            return Outcome(str(path), digest, ok=False,
                           error="the worker process died while reading it (a crash, or out of memory)")
