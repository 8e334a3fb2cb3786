"""``--executor local``: worker processes on this machine.

A pool of warm worker processes (:class:`~esgtrace.store.executors.sandbox.Worker`),
fed by a thread of its own, largest report first: the caller's thread writes to the
database meanwhile, so writing is off the path that keeps the workers busy. With one
job and no time limit or recycling the reports are read in this process instead (no
start-up cost; a crash in a PDF library then ends the batch, which resumes on rerun).
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections import deque
from collections.abc import Generator, Sequence
from multiprocessing.connection import wait

from esgtrace.errors import EsgtraceError
from esgtrace.store.executors import ATTEMPTS, Executor, Task, Work, given_up, largest_first
from esgtrace.store.executors.sandbox import Worker, prestart
from esgtrace.store.work import Outcome, process


class _Stopped(Exception):
    """The pool thread ended with an error: re-raised in the caller's thread."""


class LocalExecutor(Executor):
    """Worker processes on this machine.

    :param jobs: worker processes; 0 for one per core
    :param timeout: per-report time limit in seconds
    :param recycle: replace a worker process after this many reports
    :param work: what a worker does with one report
    """

    name = "local"

    def __init__(self, jobs: int = 1, *, timeout: float | None = None, recycle: int | None = None, work: Work = process) -> None:
        super().__init__(timeout=timeout, recycle=recycle, work=work)
        self.jobs = jobs if jobs > 0 else (os.cpu_count() or 1)

    @property
    def workers(self) -> int:
        return self.jobs

    @property
    def inline(self) -> bool:
        """Read in this process: one job, no time limit, no recycling."""
        return self.jobs == 1 and self.timeout is None and self.recycle is None

    def start(self) -> None:
        """Start the fork server at once: it warms up while the batch is hashed and planned."""
        if not self.inline:
            prestart()

    def describe(self) -> str:
        if self.inline:
            return "local executor, in this process"
        return super().describe() + " (processes)"

    def run(self, tasks: Sequence[Task]) -> Generator[list[Outcome], None, None]:
        ordered = largest_first(tasks)
        if self.inline:
            for task in ordered:
                yield [self.work(task.path, task.sha256)]
            return
        results: queue.Queue[Outcome | BaseException] = queue.Queue()
        stop = threading.Event()
        pool = threading.Thread(target=self._drive, args=(ordered, results, stop), name="esgtrace-pool", daemon=True)
        pool.start()
        try:
            left = len(ordered)
            while left:
                try:
                    first = results.get(timeout=0.5)  # a timeout so Ctrl-C is seen at once
                except queue.Empty:
                    continue
                ready = [first]
                while True:
                    try:
                        ready.append(results.get_nowait())
                    except queue.Empty:
                        break
                for item in ready:
                    if isinstance(item, EsgtraceError):
                        raise item
                    if isinstance(item, BaseException):
                        raise _Stopped(f"the worker pool stopped: {type(item).__name__}: {item}") from item
                left -= len(ready)
                yield [o for o in ready if isinstance(o, Outcome)]
        finally:
            stop.set()
            pool.join()

    def _drive(self, tasks: list[Task], results: queue.Queue[Outcome | BaseException], stop: threading.Event) -> None:
        """The pool thread: keep every worker busy, largest report first, until all are done."""
        pending: deque[tuple[Task, list[str], list[str], str | None]] = deque((t, [], [], None) for t in tasks)
        workers = [Worker(f"worker-{i + 1}", self.work, self.recycle) for i in range(min(self.jobs, len(tasks)))]
        running: dict[str, tuple[Task, list[str], list[str]]] = {}
        try:
            for worker in workers:
                worker.start()
            while (pending or running) and not stop.is_set():
                for worker in workers:
                    if worker.busy or not pending:
                        continue
                    chosen = self._choose(pending, worker.name, len(workers))
                    if chosen is None:
                        continue
                    task, reasons, tried, _ = chosen
                    worker.send(task, self.timeout)
                    running[worker.name] = (task, reasons, tried)
                deadlines = [w.deadline for w in workers if w.busy and w.deadline is not None]
                now = time.monotonic()
                limit = min(0.5, max(0.0, min(deadlines) - now)) if deadlines else 0.5
                wait([x for w in workers for x in w.waitables()], timeout=limit)
                now = time.monotonic()
                for worker in workers:
                    if not worker.busy:
                        continue
                    outcome = worker.collect(now)
                    if outcome is None:
                        continue
                    task, reasons, tried = running.pop(worker.name)
                    tried = tried + outcome.tried
                    if not outcome.lost:
                        outcome.tried = tried
                        results.put(outcome)
                        continue
                    reasons = reasons + [outcome.error or "lost"]
                    if len(reasons) < ATTEMPTS:  # again, first in line, on another worker
                        pending.appendleft((task, reasons, tried, worker.name))
                    else:
                        results.put(given_up(task, reasons, tried))
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
            results.put(error)
        finally:
            for worker in workers:
                worker.stop() if not worker.busy else worker.kill()

    @staticmethod
    def _choose(pending: deque[tuple[Task, list[str], list[str], str | None]], worker: str,
                workers: int) -> tuple[Task, list[str], list[str], str | None] | None:
        """The next task for ``worker``: the first not lost by this same worker (when there are others)."""
        for index, item in enumerate(pending):
            if item[3] != worker or workers == 1:
                del pending[index]
                return item
        return None
