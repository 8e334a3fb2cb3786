"""A batch of files: find them, skip what is stored, read them in an executor's workers, write.

Files are hashed first; a file whose content (sha256) is stored with the current
extractor version is skipped unless ``force`` (one stored as failed is tried again); a
path that does not exist, or a file that cannot be read, is a failed file and the batch
goes on. The rest go to an executor
(:mod:`esgtrace.store.executors`: a local pool or a Dask cluster), one report per
task, largest first; the outcomes come back to this process, the only writer, which
commits the reports that arrived together in one transaction as soon as they arrive.
Killing the batch loses at most the reports in flight; running it again picks up the
rest, and no report is ever stored twice (its sha256 is unique).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from esgtrace.errors import InputNotFound
from esgtrace.store.executors import Executor, Task
from esgtrace.store.schema import Report
from esgtrace.store.work import extractor, file_sha256
from esgtrace.store.writer import write_outcomes

#: at most this many reports per transaction
WRITE_BATCH = 50

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
    #: the workers that tried it (two when it was retried)
    tried: tuple[str, ...] = ()
    #: peak memory of the worker process that read it, MB (0 when read in-process)
    peak_mb: float = 0.0
    #: CPU time spent parsing and extracting it, seconds
    cpu_seconds: float = 0.0


@dataclass
class IngestSummary:
    """Every file's :class:`IngestStep`, with totals."""

    steps: list[IngestStep] = field(default_factory=list)
    seconds: float = 0.0
    #: time the workers spent parsing and extracting, summed over files
    extract_seconds: float = 0.0
    #: CPU time of the same, summed over files
    extract_cpu_seconds: float = 0.0
    #: time this process spent writing to the database
    write_seconds: float = 0.0
    #: CPU time of the writing thread in the same (the rest is the database's work and round trips)
    write_cpu_seconds: float = 0.0
    #: the executor and its workers, as :meth:`Executor.describe` says
    executor: str = ""

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
    def retried(self) -> int:
        """Files tried on more than one worker (a worker died or ran out of time)."""
        return sum(1 for s in self.steps if len(s.tried) > 1)

    @property
    def peak_worker_mb(self) -> float:
        """The largest peak memory of a worker process, MB (0 when read in-process)."""
        return max((s.peak_mb for s in self.steps), default=0.0)

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
    executor: Executor,
    *,
    force: bool = False,
    progress: Callable[[IngestStep], None] | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into the database behind ``sessions`` with ``executor`` (see :meth:`Database.ingest`)."""
    started = time.perf_counter()
    missing: list[Path] = []
    files = discover(paths, missing)
    total = len(files) + len(missing)
    _, version = extractor()
    summary = IngestSummary(executor=executor.describe())

    def failed(path: Path, error: str) -> None:
        summary.steps.append(IngestStep(str(path), "failed", error=error, done=len(summary.steps) + 1, total=total))
        if progress:
            progress(summary.steps[-1])

    for path in missing:
        failed(path, str(InputNotFound(path)))
    hashes: dict[Path, str] = {}
    for f in files:
        try:
            hashes[f] = file_sha256(f)
        except OSError as unreadable:
            failed(f, f"{f}: cannot read it ({unreadable.strerror or unreadable})")
    stored: dict[str, str] = {}
    digests = list(set(hashes.values()))
    with sessions() as session:
        for at in range(0, len(digests), 1000):  # bounded IN lists for big batches
            some = digests[at : at + 1000]
            query = select(Report.sha256, Report.extractor_version).where(Report.sha256.in_(some), Report.status == "ok")
            for digest, version_stored in session.execute(query):
                stored[digest] = version_stored
    todo: list[Task] = []
    seen: set[str] = set()
    for path, digest in hashes.items():
        if digest in seen or (not force and stored.get(digest) == version):
            summary.steps.append(IngestStep(str(path), "skipped", done=len(summary.steps) + 1, total=total))
            if progress:
                progress(summary.steps[-1])
        else:
            todo.append(Task(str(path), digest, path.stat().st_size))
        seen.add(digest)
    if todo:
        outcomes = executor.run(todo)
        with closing(outcomes):  # an error or Ctrl-C here stops the workers at once
            for ready in outcomes:
                for at in range(0, len(ready), WRITE_BATCH):
                    chunk = ready[at : at + WRITE_BATCH]
                    writing, cpu = time.perf_counter(), time.thread_time()
                    written = write_outcomes(sessions, chunk, version)
                    summary.write_seconds += time.perf_counter() - writing
                    summary.write_cpu_seconds += time.thread_time() - cpu
                    for outcome, (report_id, error) in zip(chunk, written):
                        summary.extract_seconds += outcome.seconds
                        summary.extract_cpu_seconds += outcome.cpu_seconds
                        step = IngestStep(
                            outcome.path,
                            "stored" if error is None else "failed",
                            pages=outcome.pages,
                            facts=len(outcome.facts) if error is None else 0,
                            report_id=report_id,
                            error=error,
                            done=len(summary.steps) + 1,
                            total=total,
                            tried=tuple(outcome.tried),
                            peak_mb=outcome.peak_mb,
                            cpu_seconds=outcome.cpu_seconds,
                        )
                        summary.steps.append(step)
                        if progress:
                            progress(step)
    summary.seconds = time.perf_counter() - started
    return summary
