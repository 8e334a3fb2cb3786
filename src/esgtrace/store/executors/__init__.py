"""Executors: where the reports of a batch are parsed and extracted.

One interface, two implementations:

- :class:`~esgtrace.store.executors.local.LocalExecutor` (``--executor local``): worker
  processes on this machine (or this process for one job);
- :class:`~esgtrace.store.executors.cluster.DaskExecutor` (``--executor dask``): the
  workers of a Dask cluster, a ``distributed.LocalCluster`` started for the batch or
  a running one given by its scheduler address.

Both take one report as the unit of work, start the largest first, read each report
in a worker process of its own (see :mod:`~esgtrace.store.executors.sandbox`: a report
that crashes its process, runs out of memory or overruns ``timeout`` loses only
itself), retry a lost report once on another worker and then hand it back as failed
with the reason, and recycle worker processes after ``recycle`` reports. They return
plain :class:`~esgtrace.store.work.Outcome` records; writing stays with the caller,
one writer per database (:func:`esgtrace.store.batch.run_batch`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Callable

from esgtrace.store.errors import BadChoice
from esgtrace.store.work import Outcome, process

#: what a worker does with one report: ``work(path, sha256) -> Outcome`` (importable by name)
Work = Callable[[str, str], Outcome]

EXECUTORS = ("local", "dask")

#: a lost report is tried this many times in all (once, then once more on another worker)
ATTEMPTS = 2


@dataclass(frozen=True)
class Task:
    """One report to read: the unit of work."""

    path: str
    sha256: str
    size: int


def largest_first(tasks: Sequence[Task]) -> list[Task]:
    """Biggest files first, so one big report does not start last and leave workers idle."""
    return sorted(tasks, key=lambda t: (-t.size, t.path))


def given_up(task: Task, reasons: Sequence[str], tried: Sequence[str]) -> Outcome:
    """The failed outcome of a report lost on every attempt, with each attempt's reason."""
    if len(reasons) > 1 and len(set(reasons)) == 1:
        error = f"{reasons[0]} (also on the retry on another worker)"
    else:
        error = "; then on another worker: ".join(reasons)
    return Outcome(task.path, task.sha256, ok=False, error=error, tried=list(tried))


class Executor(ABC):
    """Reads reports in workers and yields their outcomes; used as a context manager.

    :param timeout: per-report time limit in seconds (``None``: none); a report over
        it has its worker process stopped
    :param recycle: replace a worker process after this many reports (``None``: never)
    :param work: what a worker does with one report (:func:`esgtrace.store.work.process`)
    """

    name: str = ""

    def __init__(self, *, timeout: float | None = None, recycle: int | None = None, work: Work = process) -> None:
        if timeout is not None and timeout <= 0:
            raise BadChoice("timeout", timeout, "a number of seconds > 0")
        if recycle is not None and recycle < 1:
            raise BadChoice("recycle", recycle, "a number of reports >= 1")
        self.timeout = timeout
        self.recycle = recycle
        self.work = work

    @property
    def workers(self) -> int:
        """How many reports can be read at once."""
        return 1

    @property
    def dashboard_link(self) -> str | None:
        """Where to watch the workers (the Dask dashboard), if anywhere."""
        return None

    def describe(self) -> str:
        """One line for the user: the executor and its workers."""
        return f"{self.name} executor, {self.workers} worker{'s' * (self.workers != 1)}"

    def start(self) -> None:
        """Get the workers ready (a no-op when they are)."""

    def close(self) -> None:
        """Stop the workers this executor started."""

    def __enter__(self) -> Executor:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    @abstractmethod
    def run(self, tasks: Sequence[Task]) -> Generator[list[Outcome], None, None]:
        """Every task's outcome exactly once, in lists of those ready together.

        Closing the iterator early (an error or Ctrl-C in the caller) drops the work
        not yet done.
        """


def make_executor(name: str | Executor = "local", *, jobs: int = 1, scheduler: str | None = None,
                  timeout: float | None = None, recycle: int | None = None, work: Work = process) -> Executor:
    """The executor called ``name`` (``local`` or ``dask``), or ``name`` itself when it is one.

    :param jobs: worker processes (``local``), or workers of the ``LocalCluster`` that
        ``dask`` starts without a scheduler; 0 for one per core
    :param scheduler: address of a running Dask scheduler (``tcp://host:8786``); implies ``dask``
    :raises BadChoice: an unknown name, or a scheduler with the local executor
    """
    if isinstance(name, Executor):
        return name
    if name not in EXECUTORS:
        raise BadChoice("executor", name, " or ".join(EXECUTORS))
    if name == "local":
        if scheduler:
            raise BadChoice("scheduler", scheduler, "no scheduler with the local executor (use --executor dask)")
        from esgtrace.store.executors.local import LocalExecutor

        return LocalExecutor(jobs=jobs, timeout=timeout, recycle=recycle, work=work)
    from esgtrace.store.executors.cluster import DaskExecutor

    return DaskExecutor(scheduler=scheduler, jobs=jobs, timeout=timeout, recycle=recycle, work=work)


__all__ = ["Executor", "Task", "Work", "EXECUTORS", "ATTEMPTS", "make_executor", "largest_first", "given_up"]
