"""``--executor dask``: the workers of a Dask cluster (``distributed``).

Without a scheduler address a ``distributed.LocalCluster`` of ``jobs`` worker processes
(one thread each) is started for the batch and closed after it; with one
(``tcp://host:8786``) the batch is submitted to that cluster, whose workers need
esgtrace installed and the report files at the same paths (a shared file system).

Each report is one task, with a priority by size so the largest start first. A task
reads its report in a worker process of its own beside the Dask worker
(:mod:`~esgtrace.store.executors.sandbox`), so a crash, the out-of-memory killer or
the time limit costs that report only and the Dask worker stays up; the task returns
the report as lost with the reason, and it is submitted once more, to another worker,
before it is recorded as failed. A Dask worker that dies itself is the scheduler's to
retry (``distributed.scheduler.allowed-failures``; the local cluster allows one).
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
import uuid
from collections.abc import Generator, Sequence
from typing import Any

from esgtrace.store.errors import ExecutorError
from esgtrace.store.executors import ATTEMPTS, Executor, Task, Work, given_up, largest_first
from esgtrace.store.executors.sandbox import Worker, prestart
from esgtrace.store.work import Outcome, process

# One worker process per thread of a Dask worker, kept between tasks (warm).
_sandboxes: dict[int, Worker] = {}
_sandboxes_lock = threading.Lock()


def read_report(task: Task, timeout: float | None, recycle: int | None, work: Work) -> Outcome:
    """The Dask task: read ``task`` in this worker thread's own worker process.

    Runs on a Dask worker. A lost report comes back with ``lost=True`` and the reason,
    and the worker process is replaced for the next task.
    """
    address = importlib.import_module("distributed").get_worker().address
    ident = threading.get_ident()
    with _sandboxes_lock:
        sandbox = _sandboxes.get(ident)
        if sandbox is None or sandbox.work is not work or sandbox.recycle != recycle:
            if sandbox is not None:
                sandbox.stop()
            sandbox = _sandboxes[ident] = Worker(address, work, recycle)
    return sandbox.read(task, timeout)


class DaskExecutor(Executor):
    """A Dask cluster: a ``LocalCluster`` of ``jobs`` processes, or the one at ``scheduler``.

    :param scheduler: address of a running scheduler (``tcp://host:8786``); ``None``
        starts a ``LocalCluster``
    :param jobs: workers of the ``LocalCluster`` (one process and one thread each); 0
        for one per core; unused with a scheduler
    :param timeout: per-report time limit in seconds
    :param recycle: replace a worker's reading process after this many reports
    :param work: what a worker does with one report (importable by name on the workers)
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, jobs: int = 0, *, timeout: float | None = None,
                 recycle: int | None = None, work: Work = process) -> None:
        super().__init__(timeout=timeout, recycle=recycle, work=work)
        self.scheduler = scheduler
        self.jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
        self.client: Any = None
        self.cluster: Any = None

    def start(self) -> None:
        if self.client is not None:
            return
        try:
            dask: Any = importlib.import_module("dask")
            distributed: Any = importlib.import_module("distributed")
        except ImportError:
            raise ExecutorError("dask", "the Dask executor needs distributed: pip install 'esgtrace[dask]'") from None
        try:
            if self.scheduler:
                self.client = distributed.Client(self.scheduler, timeout="15s")
            else:
                with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
                    self.cluster = distributed.LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                                host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                                silence_logs=logging.CRITICAL)
                self.client = distributed.Client(self.cluster)
        except (OSError, TimeoutError) as error:
            self.close()
            raise ExecutorError(self.scheduler or "LocalCluster", f"cannot reach the Dask scheduler: {error}") from None
        except Exception as error:  # something answered that does not speak Dask's protocol
            self.close()
            reason = type(error).__name__ if isinstance(error, MemoryError) else f"{type(error).__name__}: {error}"
            raise ExecutorError(self.scheduler or "LocalCluster",
                                f"the address answered, but not as a Dask scheduler ({reason})") from None
        try:  # each worker's fork server warms up now, while this process plans the batch
            self.client.run(prestart, on_error="return")
        except Exception:  # noqa: BLE001 - only a speed-up; the tasks report a worker that cannot read
            pass

    def close(self) -> None:
        # A cluster shutting down logs the heartbeats it cut short ("Stream is closed", with a
        # traceback): noise after the batch has ended, whose outcomes are all in. Quiet it.
        quiet = logging.getLogger("distributed")
        level = quiet.level
        quiet.setLevel(logging.CRITICAL)
        try:
            if self.client is not None:
                self.client.close()
            if self.cluster is not None:
                self.cluster.close()
        finally:
            quiet.setLevel(level)
        self.client = self.cluster = None

    @property
    def workers(self) -> int:
        if self.client is None:
            return self.jobs if not self.scheduler else 0
        return sum(int(w.get("nthreads", 1)) for w in self.client.scheduler_info()["workers"].values())

    @property
    def dashboard_link(self) -> str | None:
        if self.client is None:
            return None
        if "dashboard" not in self.client.scheduler_info().get("services", {}):
            return None  # the dashboard needs bokeh on the scheduler
        return str(self.client.dashboard_link)

    def describe(self) -> str:
        where = f"cluster at {self.scheduler}" if self.scheduler else "LocalCluster"
        return f"dask executor, {where}, {self.workers} worker{'s' * (self.workers != 1)}"

    def _addresses(self) -> list[str]:
        return list(self.client.scheduler_info()["workers"])

    def run(self, tasks: Sequence[Task]) -> Generator[list[Outcome], None, None]:
        as_completed: Any = importlib.import_module("distributed").as_completed
        self.start()
        batch = uuid.uuid4().hex[:8]
        ordered = largest_first(tasks)
        futures: dict[Any, tuple[Task, list[str], list[str]]] = {}

        def submit(task: Task, reasons: list[str], tried: list[str], priority: int, avoid: str | None = None) -> Any:
            # A retry is bound to the other workers (strictly: work stealing would move a
            # loosely bound task back to the worker that lost it while the others are busy).
            others = [a for a in self._addresses() if a != avoid] if avoid else []
            future = self.client.submit(read_report, task, self.timeout, self.recycle, self.work, pure=False,
                                        key=f"esgtrace-read-{batch}-{task.sha256[:16]}-{len(reasons)}",
                                        priority=priority, workers=others or None)
            futures[future] = (task, reasons, tried)
            return future

        for rank, task in enumerate(ordered):
            submit(task, [], [], len(ordered) - rank)
        waiting = as_completed(list(futures), with_results=False)
        try:
            for done in waiting.batches():
                ready: list[Outcome] = []
                finished = [f for f in done if f.status == "finished"]
                results = dict(zip(finished, self.client.gather(finished))) if finished else {}
                for future in done:
                    task, reasons, tried = futures.pop(future)
                    outcome = results.get(future)
                    if outcome is None:  # the task itself failed: its Dask worker died, or an error
                        error = future.exception()
                        name = type(error).__name__
                        if name == "KilledWorker":  # the scheduler has retried it already
                            ready.append(given_up(task, [*reasons, f"the Dask worker running it died ({name})"], tried))
                            continue
                        outcome = Outcome(task.path, task.sha256, ok=False, lost=True, error=f"the Dask task failed: {name}: {error}")
                    tried = tried + outcome.tried
                    if not outcome.lost:
                        outcome.tried = tried
                        ready.append(outcome)
                        continue
                    reasons = reasons + [outcome.error or "lost"]
                    if len(reasons) < ATTEMPTS:  # again, first in line, on another worker
                        last = outcome.tried[-1].split(" ", 1)[0] if outcome.tried else None
                        waiting.add(submit(task, reasons, tried, len(ordered) + 1, avoid=last))
                    else:
                        ready.append(given_up(task, reasons, tried))
                if ready:
                    yield ready
        finally:
            if futures:
                self.client.cancel(list(futures))
            futures.clear()
